// A lab that fails inside the VM reads exactly like the same failure on the
// local target: same error, same checks, same compiler or verifier lines.
import { describe, expect, test } from 'vitest';
import { runLab } from '../../labs/runner/run-lab.ts';
import { createLocalTarget } from '../../labs/targets/local.ts';
import { openVagrantTarget } from '../../labs/targets/vagrant.ts';
import type { LabDeclaration, Target } from '../../labs/lib/types.ts';
import { doesNotCompile, verifierRejects } from '../fixtures/labs.ts';
import { capturingReporter } from '../support/capture.ts';
import { REPO_DIR } from '../support/run-lab.ts';
import { readFileSync } from 'node:fs';

const options = { keep: false, locale: 'en' as const, signal: new AbortController().signal, siteUrl: 'https://xdp-labs.dev' };

/**
 * Run ids, timings and paths differ between runs and targets; the rest must not.
 * A step that runs over two seconds also prints a "still running" line in a log,
 * which a slower VM does and the host may not: timing too, so it goes.
 */
function normalise(text: string): string {
  return text
    .replace(/^ {2}… .* \(still running\)\n/gm, '')
    .replace(/\(target: (local|vagrant),/g, '(target: T,')
    .replace(/\b[0-9a-f]{4}\b/g, 'RUN')
    .replace(/\d+\.\d s/g, 'T s')
    .replace(/\/tmp\/xdp-labs-\w+/g, 'WORKDIR')
    .replace(/\/home\/vagrant\/xdp-labs\//g, '')
    .replace(new RegExp(REPO_DIR.replace(/\/$/, '') + '/', 'g'), '')
    .replace(/prog id \d+/g, 'prog id N');
}

async function runOn(target: Target, lab: LabDeclaration) {
  const { reporter, text } = capturingReporter();
  const report = await runLab(lab, target, reporter, options);
  return { report, text: normalise(text()) };
}

/** The fixture labs compile files under test/fixtures/bpf, which the VM does not sync: copy them in. */
async function copyIntoVm(vm: Target, file: string): Promise<void> {
  const dir = `${vm.repoDir}/${file.replace(/\/[^/]+$/, '')}`;
  await vm.exec(['mkdir', '-p', dir]);
  await vm.exec(['tee', `${vm.repoDir}/${file}`], { input: readFileSync(`${REPO_DIR}/${file}`, 'utf8') });
}

// clang is the same version on both sides, so its output must match to the
// letter; the verifier's register dumps differ between kernel versions (the VM
// runs Debian's 6.1), so there the reason line must match.
describe.each([
  ['a C file that does not compile', doesNotCompile, undefined],
  ['a program the verifier rejects', verifierRejects, 'invalid access to packet, off=12 size=1'],
] as const)('%s', (_title, lab, reasonLine) => {
  test('fails in the VM with the same message, checks and explanation as locally', async () => {
    const vm = await openVagrantTarget({ reporter: capturingReporter().reporter, provision: false });
    try {
      for (const source of lab.sources) await copyIntoVm(vm, source);
      const local = await runOn(createLocalTarget(REPO_DIR.replace(/\/$/, '')), lab);
      const inVm = await runOn(vm, lab);
      expect(inVm.report.ok).toBe(false);
      expect(inVm.report.target).toBe('vagrant');
      expect(inVm.report.error).toEqual(local.report.error);
      expect(inVm.report.checks).toEqual(local.report.checks);
      if (reasonLine === undefined) expect(inVm.text).toBe(local.text);
      else {
        expect(inVm.text).toContain(reasonLine);
        expect(local.text).toContain(reasonLine);
      }
    } finally {
      await vm.close();
    }
  });
});
