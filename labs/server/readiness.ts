// Can a Run button work here, and where would the run go? The same choice
// `npm run lab` makes (chooseTarget), then the facts the page can state before
// anything starts: the local target needs root and BPF, the VM must exist. The
// page words each reason in its own language; the server sends only the code.
import { existsSync } from 'node:fs';
import type { LabDeclaration, TargetName } from '../lib/types.ts';
import { chooseTarget, hostFacts, labVmCreated } from '../targets/index.ts';

export type NotReady = 'needs-root' | 'no-bpf' | 'vm-missing' | 'no-target';

export type Readiness = { ready: true; target: TargetName } | { ready: false; target: TargetName | null; reason: NotReady; message: string };

export async function readiness(env: NodeJS.ProcessEnv = process.env): Promise<Readiness> {
  let target: TargetName;
  try {
    target = chooseTarget(undefined, env, await hostFacts());
  } catch (error) {
    return { ready: false, target: null, reason: 'no-target', message: error instanceof Error ? error.message : String(error) };
  }
  if (target === 'local') {
    if (process.getuid?.() !== 0) return { ready: false, target, reason: 'needs-root', message: 'the local target needs root' };
    if (!existsSync('/proc/sys/kernel/unprivileged_bpf_disabled')) return { ready: false, target, reason: 'no-bpf', message: 'this kernel has no BPF system call' };
  } else if (!labVmCreated()) {
    return { ready: false, target, reason: 'vm-missing', message: 'the workshop VM was never created' };
  }
  return { ready: true, target };
}

/** The labs that cannot run on the chosen target, by name (their declarations list other targets). */
export function labsOffTarget(labs: readonly LabDeclaration[], target: TargetName | null): string[] {
  return target === null ? [] : labs.filter((lab) => !lab.targets.includes(target)).map((lab) => lab.name);
}
