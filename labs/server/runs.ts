// Runs started from a page. Each is the CLI itself (`node labs/cli.ts <lab>
// --events`) in a child process: the same target choice, preflight, namespaces
// and cleanup as a run typed in a terminal, and the same --json document at the
// end. The child gets argv built from a catalog declaration, never text from a
// request. Cancelling sends it SIGTERM, which the CLI handles like Ctrl-C: the
// current command finishes, cleanup runs, the child exits.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPES, type RunEvent } from '../runner/event-reporter.ts';
import type { Locale } from '../lib/locale.ts';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
/** A child that has not finished its cleanup by then is killed; `npm run lab -- clean` removes what it left. */
const CLEANUP_GRACE_MS = 120_000;
const STDERR_TAIL = 4000;

export interface RunHandle {
  /** Stop the run: cleanup still runs. */
  cancel(): void;
  /** Resolves once the child has exited (after its cleanup). */
  finished: Promise<void>;
}

export interface RunRequest {
  /** What makes two runs "the same", for refusing a second one while the first goes on: 'lab:xdp-drop'. */
  key: string;
  /** CLI arguments, from a declaration. */
  args: readonly string[];
  locale: Locale;
  /** Where the run's page links point (this server). */
  siteUrl: string;
  onEvent(event: RunEvent): void;
}

function parseEvent(line: string): RunEvent {
  try {
    const event = JSON.parse(line) as RunEvent;
    if (event && typeof event === 'object' && EVENT_TYPES.has(event.type)) return event;
  } catch {
    // Not an event (a stray line from a tool): pass it on as a note.
  }
  return { type: 'note', level: 'info', text: line, at: Date.now() };
}

export class Runs {
  readonly #running = new Map<string, RunHandle>();

  isRunning(key: string): boolean {
    return this.#running.has(key);
  }

  keys(): string[] {
    return [...this.#running.keys()];
  }

  start(request: RunRequest): RunHandle {
    // detached: its own process group, so a Ctrl-C in the server's terminal reaches
    // the child once, through cancel(), and not a second time from the terminal
    // (a second signal would make the CLI skip its cleanup).
    const child = spawn(process.execPath, ['--no-warnings', CLI, ...request.args, '--events', '--no-provision', '--lang', request.locale], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDP_LABS_SITE: request.siteUrl },
    });
    let stderr = '';
    let ended = false;
    child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.trim()) return;
      const event = parseEvent(line);
      if (event.type === 'done' || event.type === 'error') ended = true;
      request.onEvent(event);
    });
    const linesClosed = new Promise<void>((done) => lines.once('close', () => done()));
    let killTimer: NodeJS.Timeout | undefined;
    const exited = new Promise<number | null>((done) => {
      child.once('error', () => done(null));
      child.once('exit', (code) => done(code));
    });
    const finished = (async () => {
      const code = await exited;
      await linesClosed;
      clearTimeout(killTimer);
      this.#running.delete(request.key);
      if (!ended) {
        request.onEvent({
          type: 'error',
          message: {
            en: `the run ended (exit code ${code ?? 'none'}) without a result`,
            ko: `실행이 결과 없이 끝났습니다 (종료 코드 ${code ?? '없음'})`,
          }[request.locale],
          ...(stderr.trim() ? { stderr: stderr.trimEnd() } : {}),
          at: Date.now(),
        });
      }
    })();
    let signalled = false;
    const handle: RunHandle = {
      // Once only: a second SIGTERM would make the CLI give up its cleanup.
      cancel() {
        if (signalled || child.exitCode !== null || child.signalCode !== null) return;
        signalled = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), CLEANUP_GRACE_MS);
      },
      finished,
    };
    this.#running.set(request.key, handle);
    return handle;
  }

  /** Stop every run and wait for their cleanup (the server is shutting down). */
  async stopAll(): Promise<void> {
    const running = [...this.#running.values()];
    for (const run of running) run.cancel();
    await Promise.all(running.map((run) => run.finished));
  }
}
