// A run's record of what it created, kept inside the target as JSON (never
// eval'd), so `npm run lab -- clean` can remove what a killed run left behind
// and `npm run lab -- status` can list what is up. It is written before the
// first namespace is created, so nothing can exist that no record names.
import { hostname } from 'node:os';
import type { Target } from '../lib/types.ts';

export const STATE_DIR = '/run/xdp-labs/runs';

export interface RunState {
  runId: string;
  lab: string;
  /** The runner process that owns the run, on the machine named ownerHost. */
  ownerPid: number;
  ownerHost: string;
  startedAt: string;
  workDir: string;
  netns: string[];
  /** Processes the run started inside the target (a loader, say). */
  pids: number[];
  kept: boolean;
}

export function newRunState(runId: string, lab: string): RunState {
  return {
    runId,
    lab,
    ownerPid: process.pid,
    ownerHost: hostname(),
    startedAt: new Date().toISOString(),
    workDir: `/tmp/xdp-labs-${runId}`,
    netns: [],
    pids: [],
    kept: false,
  };
}


export async function saveState(target: Target, state: RunState): Promise<void> {
  await target.exec(['mkdir', '-p', STATE_DIR]);
  await target.exec(['tee', `${STATE_DIR}/${state.runId}.json`], { input: JSON.stringify(state, null, 2) });
}

export async function removeState(target: Target, runId: string): Promise<void> {
  await target.exec(['rm', '-f', `${STATE_DIR}/${runId}.json`], { allowFailure: true });
}

export async function loadStates(target: Target): Promise<RunState[]> {
  const list = await target.exec(['ls', '-1', STATE_DIR], { allowFailure: true });
  if (list.exitCode !== 0) return [];
  const states: RunState[] = [];
  for (const file of list.stdout.split('\n').filter((f) => /^[0-9a-f]{4}\.json$/.test(f))) {
    const read = await target.exec(['cat', `${STATE_DIR}/${file}`], { allowFailure: true });
    try {
      states.push(JSON.parse(read.stdout) as RunState);
    } catch {
      // A run killed while writing its record leaves a torn file; its namespaces are still found by name.
    }
  }
  return states;
}

/** True while the run's owner is still running on this machine (a run owned elsewhere is never touched). */
export function ownerAlive(state: RunState): boolean {
  if (state.ownerHost !== hostname()) return true;
  try {
    process.kill(state.ownerPid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
