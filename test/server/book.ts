// `npm start` as the tests use it: the real start command in a child process,
// on a free port, serving the book global-setup built; plus what the tests ask
// of a run (its events, its children, and what it may have left behind).
import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { RunEvent } from '../../labs/runner/event-reporter.ts';
import { ourNamespaces } from '../support/run-lab.ts';

const START = fileURLToPath(new URL('../../labs/server/start.ts', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface Book {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  token: string;
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code once every run has cleaned up. */
  stop(): Promise<number | null>;
}

/** Start `npm start --no-open --port 0` on the test build; `env` adds to the environment (XDP_LAB_TARGET, say). */
export async function startBook(env: Record<string, string> = {}): Promise<Book> {
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', START, '--no-open', '--port', '0'], {
    cwd: REPO_DIR,
    env: { ...process.env, XDP_LABS_OUT_DIR: inject('bookDir'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const address = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no address:\n${output}`)), 240_000);
    const look = () => {
      const match = /(http:\/\/127\.0\.0\.1:(\d+))\/\?token=(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`npm start exited (${code}) before listening:\n${output}`)));
  });
  return {
    url: address[1]!,
    port: Number(address[2]),
    token: address[3]!,
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A request to the book's API with the token as a bearer header, unless the headers say otherwise. */
export function api(book: Book, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${book.token}`);
  return fetch(book.url + path, { method: 'POST', ...init, headers });
}

/**
 * Reads NDJSON events from a run's response until it ends, or until `until`
 * returns true: then the response is left open (the run goes on); abort the
 * request to disconnect.
 */
export async function readEvents(response: Response, until?: (event: RunEvent, all: RunEvent[]) => boolean): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const event = JSON.parse(buffer.slice(0, newline)) as RunEvent;
      buffer = buffer.slice(newline + 1);
      events.push(event);
      if (until?.(event, events)) {
        reader.releaseLock();
        return events;
      }
    }
  }
}

/** The run id a run's heading names: "… (target: local, run 9bd8)". */
export function runIdOf(events: RunEvent[]): string | undefined {
  for (const event of events) {
    if (event.type === 'note' && event.level === 'heading') {
      const id = /\b([0-9a-f]{4})\)\s*$/.exec(event.text)?.[1];
      if (id) return id;
    }
  }
  return undefined;
}

/** Processes whose parent is `pid` (the runs a server started). */
export async function childrenOf(pid: number): Promise<number[]> {
  const { stdout } = await execa('pgrep', ['-P', String(pid)], { reject: false });
  return stdout.split('\n').filter(Boolean).map(Number);
}

/** The processes a run recorded it started (a loader, say), read from its record while it runs. */
export function recordedPids(runId: string): number[] {
  try {
    return (JSON.parse(readFileSync(`/run/xdp-labs/runs/${runId}.json`, 'utf8')) as { pids: number[] }).pids;
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The XDP programs loaded now, by id, with their names. */
export async function xdpPrograms(): Promise<Map<number, string>> {
  const { stdout } = await execa('bpftool', ['-j', 'prog', 'show']);
  const programs = JSON.parse(stdout) as { id: number; type: string; name?: string }[];
  return new Map(programs.filter((p) => p.type === 'xdp').map((p) => [p.id, p.name ?? '']));
}

/**
 * Everything a run could leave behind, named: its namespaces (and the veths in
 * them), its record, its scratch dir, a pin carrying its id, a process it
 * started, and XDP programs named like its own that were loaded after `before`
 * and are still loaded. Other people's labs run on this machine too: their
 * programs come and go, so a program only counts once it outlives `settleMs`.
 */
export async function leftovers(runId: string, options: { pids: number[]; before: Map<number, string>; programs: string[]; settleMs?: number }): Promise<string[]> {
  const found: string[] = [];
  for (const ns of await ourNamespaces()) if (ns.includes(`-${runId}-`)) found.push(`namespace ${ns}`);
  const { stdout: links } = await execa('ip', ['-o', 'link', 'show']);
  for (const line of links.split('\n')) if (line.includes(runId)) found.push(`link ${line.split(':')[1]?.trim()}`);
  if (existsSync(`/run/xdp-labs/runs/${runId}.json`)) found.push(`run record ${runId}.json`);
  if (existsSync(`/tmp/xdp-labs-${runId}`)) found.push(`scratch dir /tmp/xdp-labs-${runId}`);
  if (existsSync('/sys/fs/bpf')) for (const pin of readdirSync('/sys/fs/bpf')) if (pin.includes(runId)) found.push(`pin /sys/fs/bpf/${pin}`);
  for (const pid of options.pids) if (alive(pid)) found.push(`process ${pid}`);
  const deadline = Date.now() + (options.settleMs ?? 10_000);
  let stray: string[] = [];
  do {
    const now = await xdpPrograms();
    stray = [...now].filter(([id, name]) => !options.before.has(id) && options.programs.includes(name)).map(([id, name]) => `program ${name} (id ${id})`);
    if (stray.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while (Date.now() < deadline);
  return [...found, ...stray];
}

/** Poll the server until it runs nothing (a cancelled run has finished its cleanup). */
export async function untilIdle(book: Book, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = (await (await api(book, '/api/status', { method: 'GET' })).json()) as { running: string[] };
    if (status.running.length === 0 && (await childrenOf(book.pid)).length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server still runs something');
}

/**
 * What a learner does: save a correct program (the reference solution) as
 * bpf/exercises/<id>.c. The starter and its times are put back afterwards, so
 * the build stays current and the worktree unchanged.
 */
export async function withSolutionInPlace<T>(id: string, body: () => Promise<T>): Promise<T> {
  const learnerFile = join(REPO_DIR, 'bpf/exercises', `${id}.c`);
  const starter = readFileSync(learnerFile);
  const { atime, mtime } = statSync(learnerFile);
  try {
    copyFileSync(join(REPO_DIR, 'bpf/solutions', `${id}.c`), learnerFile);
    return await body();
  } finally {
    writeFileSync(learnerFile, starter);
    utimesSync(learnerFile, atime, mtime);
  }
}
