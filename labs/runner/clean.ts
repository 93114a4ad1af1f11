// `npm run lab -- clean` and `status`: find what earlier runs left behind (a
// kill -9, a --keep) from their records and from our namespace names, and
// remove it. Runs whose owner is still alive are left alone.
import type { Target } from '../lib/types.ts';
import { restoreBpfStats } from '../lib/xdp.ts';
import type { Reporter } from './messages.ts';
import { isLabNetns } from '../lib/command-line.ts';
import { loadStates, ownerAlive, removeState, type RunState } from './state.ts';

export async function listNetns(target: Target): Promise<string[]> {
  const { stdout } = await target.exec(['ip', 'netns', 'list'], { allowFailure: true });
  return stdout
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter(isLabNetns);
}

export interface Leftovers {
  stale: RunState[];
  live: RunState[];
  /** Namespaces with our naming that no record names: not made by a lab run, so never removed by clean. */
  orphans: string[];
}

export async function findLeftovers(target: Target): Promise<Leftovers> {
  const states = await loadStates(target);
  const live = states.filter(ownerAlive);
  const stale = states.filter((s) => !ownerAlive(s));
  const named = new Set(states.flatMap((s) => s.netns));
  const orphans = (await listNetns(target)).filter((ns) => !named.has(ns));
  return { stale, live, orphans };
}

async function removeRun(target: Target, state: RunState): Promise<void> {
  for (const pid of state.pids) await target.exec(['kill', '-KILL', String(pid)], { allowFailure: true });
  for (const ns of [...state.netns].reverse()) await target.exec(['ip', 'netns', 'del', ns], { allowFailure: true });
  await target.exec(['rm', '-rf', state.workDir], { allowFailure: true });
  // A lab's private trace instance (labs/lib/tracefs.ts), if it made one; rmdir also stops its events.
  await target.exec(['rmdir', `/sys/kernel/tracing/instances/xl-${state.runId}`], { allowFailure: true });
  await removeState(target, state.runId);
}


export async function clean(target: Target, reporter: Reporter): Promise<number> {
  const { stale, live, orphans } = await findLeftovers(target);
  // A killed run cannot put kernel.bpf_stats_enabled back; once no run is alive, clean does.
  const restored = live.length === 0 ? await restoreBpfStats(target) : undefined;
  if (restored !== undefined) reporter.info(`Restored kernel.bpf_stats_enabled=${restored}.`);
  if (stale.length === 0) {
    for (const ns of orphans) reporter.warn(`${ns} looks like a lab namespace but no lab run recorded it; left alone (remove it with: ip netns del ${ns})`);
    reporter.info(`Nothing to clean on the ${target.name} target.${live.length ? ` (${live.length} lab run(s) in progress left alone.)` : ''}`);
    return 0;
  }
  for (const state of stale) {
    const progress = reporter.start(`Remove run ${state.runId} of ${state.lab} (${state.netns.length} namespace(s))`);
    await removeRun(target, state);
    progress.done();
  }
  // A namespace no record names was not made by a lab run (every run records a
  // namespace before creating it): list it, but leave it to whoever made it.
  for (const ns of orphans) reporter.warn(`${ns} looks like a lab namespace but no lab run recorded it; left alone (remove it with: ip netns del ${ns})`);
  const after = await findLeftovers(target);
  const left = after.stale.length;
  if (left > 0) {
    reporter.error(`${left} leftover(s) could not be removed`, { hint: 'Check `ip netns list` and `ls /run/xdp-labs/runs`.' });
    return 1;
  }
  reporter.info('Clean: nothing any earlier run created is left.');
  return 0;
}

export async function status(target: Target, reporter: Reporter): Promise<number> {
  const { stale, live, orphans } = await findLeftovers(target);
  const row = (s: RunState, what: string) => `  ${s.runId}  ${s.lab.padEnd(14)} ${what.padEnd(9)} ${s.netns.join(', ')}`;
  reporter.info(`Lab runs on the ${target.name} target:`);
  for (const s of live) reporter.info(row(s, 'running'));
  for (const s of stale) reporter.info(row(s, s.kept ? 'kept' : 'leftover'));
  for (const ns of orphans) reporter.info(`  ----  ${'?'.padEnd(14)} ${'unknown'.padEnd(9)} ${ns} (no lab run recorded it)`);
  if (live.length + stale.length + orphans.length === 0) reporter.info('  none');
  else if (stale.length > 0) reporter.info('Remove leftovers with:  npm run lab -- clean');
  return 0;
}
