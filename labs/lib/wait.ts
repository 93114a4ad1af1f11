// The two ways a lab waits, so no lab writes its own loop: poll something until
// it holds or a deadline passes, and start a process and wait until it says it
// is ready (a ready file, see bpf/include/ready_file.h, or any other probe).
import { LabError } from './errors.ts';
import type { Text } from './locale.ts';
import type { BackgroundProcess, ExecResult, LabContext } from './types.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOptions {
  timeoutMs: number;
  /** Pause between two probes; the default is 50 ms. */
  intervalMs?: number;
}

/**
 * Call `probe` until it returns a value other than undefined, and return that
 * value; undefined once `timeoutMs` has passed without one (the caller says what
 * that means). The probe runs at least once, and may throw to stop early.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, { timeoutMs, intervalMs = 50 }: PollOptions): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(intervalMs);
  }
}

export interface StartOptions<T> {
  netns?: string;
  cwd?: string;
  /** The default is 10 s. */
  timeoutMs?: number;
  /** What is being started, for the error: { en: 'the AF_XDP receiver', ko: 'AF_XDP 수신기' }. */
  what: Text;
  /** Said when the process stops before it is ready: what usually causes that. */
  hint?: Text;
  /** Is it ready? A value when it is, undefined while not yet. */
  ready: () => Promise<T | undefined>;
}

export interface Started<T> {
  child: BackgroundProcess;
  ready: T;
}

/**
 * Start a process that keeps running and wait until `ready` says it is. Fails
 * with the process's own stderr if it exits first, or says it was not ready in
 * time. The runner stops the process at cleanup, as every spawned one.
 */
export async function startAndWait<T>(ctx: LabContext, argv: readonly string[], options: StartOptions<T>): Promise<Started<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const child = await ctx.target.spawn(argv, { ...(options.netns ? { netns: options.netns } : {}), ...(options.cwd ? { cwd: options.cwd } : {}) });
  let exited: ExecResult | undefined;
  void child.exited.then((result) => (exited = result));
  const ready = await pollUntil(
    async () => {
      const value = await options.ready();
      if (value === undefined && exited) {
        const { what } = options;
        throw new LabError(
          { en: `${what.en} stopped before it was ready`, ko: `${what.ko} 프로세스가 준비되기 전에 끝났습니다` },
          { exitCode: exited.exitCode, stderr: exited.stderr, command: exited.command, ...(options.hint ? { hint: options.hint } : {}) },
        );
      }
      return value;
    },
    { timeoutMs },
  );
  if (ready === undefined) {
    const seconds = timeoutMs / 1000;
    throw new LabError({ en: `${options.what.en} was not ready within ${seconds} s`, ko: `${options.what.ko} 프로세스가 ${seconds}초 안에 준비되지 않았습니다` });
  }
  return { child, ready };
}

/**
 * Start a tool that writes a ready file (bpf/include/ready_file.h) once it is
 * ready, and return the file's text. `argv` gets the file's path, which is in
 * the run's work directory.
 */
export async function startWithReadyFile(
  ctx: LabContext,
  name: string,
  argv: (readyFile: string) => readonly string[],
  options: Omit<StartOptions<string>, 'ready'>,
): Promise<Started<string>> {
  const readyFile = `${ctx.workDir}/${name}.ready.json`;
  return startAndWait(ctx, argv(readyFile), {
    ...options,
    ready: async () => {
      const read = await ctx.target.exec(['cat', readyFile], { allowFailure: true });
      return read.exitCode === 0 ? read.stdout : undefined;
    },
  });
}
