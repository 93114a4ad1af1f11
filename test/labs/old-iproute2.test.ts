// On an iproute2 without the `program` option (Debian 11's 5.9), the labs attach
// with labs/tools/xdp_attach.c instead of skipping. Here an `ip` first on PATH
// refuses that option with iproute2 5.9's own words and passes everything else to
// the real ip, so the labs take that path on this machine's kernel and libbpf;
// the Debian 11 VM of `npm run test:kernels` takes it with libbpf 0.3.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ourNamespaces, runCli } from '../support/run-lab.ts';

const bin = mkdtempSync(join(tmpdir(), 'xl-old-ip-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));
writeFileSync(
  join(bin, 'ip'),
  `#!/bin/sh
for a in "$@"; do
  if [ "$a" = program ]; then echo 'Error: either "dev" is duplicate, or "program" is a garbage.' >&2; exit 255; fi
done
exec /usr/sbin/ip "$@"
`,
);
chmodSync(join(bin, 'ip'), 0o755);
const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };

describe('an iproute2 that cannot choose a program by name', () => {
  test('xdp-drop passes, attaching through xdp_attach, and says so', async () => {
    const run = await runCli(['xdp-drop', '--target', 'local', '--no-provision'], { env });
    expect(run.stderr + run.stdout).toContain('attaches with labs/tools/xdp_attach.c (libbpf) instead');
    expect(run.stderr + run.stdout).toContain('12 of 12 checks passed');
    expect(run.exitCode).toBe(0);
    expect((await ourNamespaces()).filter((ns) => ns.startsWith('xl-xdp-drop-'))).toEqual([]);
  });

  test("xdp-parse still shows the verifier's refusal, now printed by libbpf", async () => {
    const run = await runCli(['xdp-parse', '--target', 'local', '--no-provision', '--json'], { env });
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: { id: string; ok: boolean; observed: string }[] };
    expect(report.checks.find((c) => c.id === 'unchecked-rejected')?.observed).toContain('invalid access to packet');
    expect(report.ok).toBe(true);
    expect(run.exitCode).toBe(0);
  });
});
