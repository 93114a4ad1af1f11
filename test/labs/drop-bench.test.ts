// drop-bench for real on the local target, and its generator's handling of bad input.
import { execa } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { observations, ourNamespaces, REPO_DIR, sharedLabRun } from '../support/run-lab.ts';

// Its time budget (3 minutes) is a figure `npm run bench:labs` prints, not an assertion here.
test('drop-bench: native XDP wins, every frame is accounted for', { timeout: 300_000 }, async () => {
  const { exitCode, report, stderr } = await sharedLabRun('drop-bench');
  expect(report.checks.filter((c) => !c.ok), stderr).toEqual([]);
  // The generator's own cost is measured in every round, with nothing sent, and every path costs more.
  expect(report.checks.find((c) => c.id === 'generator-alone-sends-nothing')?.observed).toBe('5 rounds, 0 frames at the veth');
  expect(report.checks.find((c) => c.id === 'receive-costs')?.observed).toBe('7 of 7 paths cost more than the generator alone');
  expect(exitCode).toBe(0);
  expect((await ourNamespaces()).filter((ns) => ns.includes(`-${report.runId}-`))).toEqual([]);
});

test('drop-bench: every one of the 35 runs (7 paths × 5 rounds) accounted for, each path compared by its ratio', async () => {
  const { report } = await sharedLabRun('drop-bench');
  const seen = observations(report);
  expect(seen['drops-accounted']).toBe('35 of 35 runs');
  const others = ['generic', 'tc', 'nft-ingress', 'nft-prerouting', 'iptables-raw', 'none'];
  expect(Object.keys(seen)).toEqual(['drops-accounted', 'generator-alone-sends-nothing', 'receive-costs', ...others.map((id) => `faster-than-${id}`)]);
  for (const id of others) {
    const check = report.checks.find((c) => c.id === `faster-than-${id}`)!;
    expect(check.expected).toBe('≥ 1.4×');
    expect(Number(check.observed.replace(/×$/, ''))).toBeGreaterThanOrEqual(1.4);
  }
});

describe('livegen, the live-frame generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xl-livegen-'));
  const binary = join(dir, 'livegen');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const livegen = async (args: string[]) => {
    await execa('clang', ['-O2', '-Wall', 'labs/tools/livegen.c', '-lbpf', '-o', binary], { cwd: REPO_DIR });
    return execa(binary, args, { reject: false });
  };
  const good = ['bench.o', 'lo', '02:00:00:00:00:01', '02:00:00:00:00:02', '10.0.0.1', '10.0.0.2', '9', '10'];

  test('missing arguments: usage, exit 2', async () => {
    const result = await livegen([]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('usage: livegen');
  });
  test('a malformed MAC address: exit 2, says what is expected', async () => {
    const result = await livegen(good.map((a, i) => (i === 2 ? '02:00:zz' : a)));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('aa:bb:cc:dd:ee:ff');
  });
  test('an interface that does not exist: exit 1, names it', async () => {
    const result = await livegen(good.map((a, i) => (i === 1 ? 'xl-nosuchdev' : a)));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('xl-nosuchdev: No such device');
  });
  test('-t without a number: exit 2', async () => {
    const result = await livegen(['-t', 'soon', ...good]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('milliseconds');
  });
});
