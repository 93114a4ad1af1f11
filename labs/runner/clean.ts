// `npm run lab -- clean` and `status`: find what earlier runs left behind (a
// kill -9, a --keep) from their records and from our namespace names, and
// remove it. Runs whose owner is still alive are left alone.
import { textOf, type Text } from '../lib/locale.ts';
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

/** A namespace with our naming that no record names: said, and left to whoever made it. */
function orphan(ns: string): Text {
  return {
    en: `${ns} looks like a lab namespace but no lab run recorded it; left alone (remove it with: ip netns del ${ns})`,
    ko: `${ns}은(는) 실습 네임스페이스처럼 보이지만 이를 기록한 실습 실행이 없어 그대로 둡니다 (지우려면: ip netns del ${ns})`,
  };
}

export async function clean(target: Target, reporter: Reporter): Promise<number> {
  const { stale, live, orphans } = await findLeftovers(target);
  // A killed run cannot put kernel.bpf_stats_enabled back; once no run is alive, clean does.
  const restored = live.length === 0 ? await restoreBpfStats(target) : undefined;
  if (restored !== undefined) reporter.info({ en: `Restored kernel.bpf_stats_enabled=${restored}.`, ko: `kernel.bpf_stats_enabled를 ${restored}(으)로 되돌렸습니다.` });
  if (stale.length === 0) {
    for (const ns of orphans) reporter.warn(orphan(ns));
    reporter.info({
      en: `Nothing to clean on the ${target.name} target.${live.length ? ` (${live.length} lab run(s) in progress left alone.)` : ''}`,
      ko: `${target.name} 대상에는 정리할 것이 없습니다.${live.length ? ` (진행 중인 실습 실행 ${live.length}개는 그대로 둡니다.)` : ''}`,
    });
    return 0;
  }
  for (const state of stale) {
    const progress = reporter.start({
      en: `Remove run ${state.runId} of ${state.lab} (${state.netns.length} namespace(s))`,
      ko: `${state.lab}의 실행 ${state.runId} 제거 (네임스페이스 ${state.netns.length}개)`,
    });
    await removeRun(target, state);
    progress.done();
  }
  // A namespace no record names was not made by a lab run (every run records a
  // namespace before creating it): list it, but leave it to whoever made it.
  for (const ns of orphans) reporter.warn(orphan(ns));
  const after = await findLeftovers(target);
  const left = after.stale.length;
  if (left > 0) {
    reporter.error(
      { en: `${left} leftover(s) could not be removed`, ko: `남은 것 ${left}개를 지우지 못했습니다` },
      { hint: { en: 'Check `ip netns list` and `ls /run/xdp-labs/runs`.', ko: '`ip netns list`와 `ls /run/xdp-labs/runs`로 확인하세요.' } },
    );
    return 1;
  }
  reporter.info({ en: 'Clean: nothing any earlier run created is left.', ko: '정리 완료: 이전 실행이 만든 것은 하나도 남지 않았습니다.' });
  return 0;
}

const RUN_STATE = {
  running: { en: 'running', ko: '실행 중' },
  kept: { en: 'kept', ko: '유지됨' },
  leftover: { en: 'leftover', ko: '남음' },
  unknown: { en: 'unknown', ko: '알 수 없음' },
} satisfies Record<string, Text>;

export async function status(target: Target, reporter: Reporter): Promise<number> {
  const { stale, live, orphans } = await findLeftovers(target);
  const row = (runId: string, lab: string, what: keyof typeof RUN_STATE, rest: Text) =>
    textOf((l) => `  ${runId}  ${lab.padEnd(14)} ${RUN_STATE[what][l].padEnd(9)} ${rest[l]}`);
  const plain = (text: string): Text => ({ en: text, ko: text });
  reporter.info({ en: `Lab runs on the ${target.name} target:`, ko: `${target.name} 대상의 실습 실행:` });
  for (const s of live) reporter.info(row(s.runId, s.lab, 'running', plain(s.netns.join(', '))));
  for (const s of stale) reporter.info(row(s.runId, s.lab, s.kept ? 'kept' : 'leftover', plain(s.netns.join(', '))));
  for (const ns of orphans) reporter.info(row('----', '?', 'unknown', { en: `${ns} (no lab run recorded it)`, ko: `${ns} (기록한 실습 실행 없음)` }));
  if (live.length + stale.length + orphans.length === 0) reporter.info({ en: '  none', ko: '  없음' });
  else if (stale.length > 0) reporter.info({ en: 'Remove leftovers with:  npm run lab -- clean', ko: '남은 것을 지우려면:  npm run lab -- clean' });
  return 0;
}
