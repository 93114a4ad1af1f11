// Attach BPF programs that are not XDP programs (tracepoints) with the small
// libbpf loader in bpf/xdp_aborted_loader.c. The loader holds the attachment
// for as long as it runs; the runner records its pid and kills it at cleanup
// (or `npm run lab -- clean` does, after a crash), which detaches everything.
import { COMMAND_FAILED } from './command-line.ts';
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';
import { startWithReadyFile } from './wait.ts';

export interface LoadedObject {
  pid: number;
  programs: { name: string; id: number }[];
  maps: { name: string; id: number }[];
}

/** The JSON the loader writes once every program is attached. */
export function parseLoaderReady(json: string): LoadedObject {
  const ready = JSON.parse(json) as Partial<LoadedObject>;
  if (typeof ready.pid !== 'number' || !Array.isArray(ready.programs) || !Array.isArray(ready.maps)) {
    throw new Error(`not a loader ready file: ${json}`);
  }
  return { pid: ready.pid, programs: ready.programs, maps: ready.maps };
}

/** Build the loader (user space, so no -target bpf) into the run's work directory. */
export async function buildLoader(ctx: LabContext, source: string): Promise<string> {
  const binary = `${ctx.workDir}/${source.split('/').pop()!.replace(/\.c$/, '')}`;
  const result = await ctx.target.exec(['clang', '-O2', '-Wall', source, '-lbpf', '-o', binary], {
    cwd: ctx.target.repoDir,
    allowFailure: true,
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) {
    throw new LabError(COMMAND_FAILED.doesNotCompile(source), {
      command: result.command,
      exitCode: result.exitCode,
      stderr: result.stderr,
      hint: { en: 'The loader needs the libbpf headers and library: the libbpf-dev package.', ko: '로더에는 libbpf 헤더와 라이브러리(libbpf-dev 패키지)가 필요합니다.' },
    });
  }
  ctx.note({ en: `compiled ${source} → ${binary}`, ko: `${source} 컴파일 → ${binary}` });
  return binary;
}

export interface LoaderOptions {
  /** Arguments before the object and the ready file (a loader's own options). */
  before?: string[];
  /** Arguments after them. */
  after?: string[];
  /** Run the loader in this network namespace (an XDP loader names devices there). */
  netns?: string;
  timeoutMs?: number;
}

let loads = 0;

/** Start the loader on `object` and wait until its programs are attached. */
export async function loadAndAttach(ctx: LabContext, loader: string, object: string, options: LoaderOptions = {}): Promise<LoadedObject> {
  const base = object.split('/').pop()!;
  // One ready file per start: a lab may load the same object twice.
  const { ready } = await startWithReadyFile(ctx, `${base}-${++loads}`, (file) => [loader, ...(options.before ?? []), object, ...(options.after ?? []), file], {
    ...(options.netns ? { netns: options.netns } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    what: { en: `the loader of ${base}`, ko: `${base} 로더` },
  });
  const loaded = parseLoaderReady(ready);
  const programs = loaded.programs.map((p) => `${p.name} (prog id ${p.id})`).join(', ');
  ctx.note({ en: `attached ${programs}`, ko: `붙인 프로그램: ${programs}` });
  return loaded;
}
