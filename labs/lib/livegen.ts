// The project's live-frame traffic generator (labs/tools/livegen.c with
// bpf/bench_livegen.c): frames that arrive at a veth peer as xdp_frames, the
// way a NIC's receive ring hands them over, without any sk_buff on the way.
import { buildLoader } from './tracepoint-loader.ts';
import { compileBpf } from './xdp.ts';
import type { Endpoint } from './net.ts';
import type { LabContext } from './types.ts';

export interface Livegen {
  binary: string;
  object: string;
}

export interface LivegenResult {
  frames: number;
  frameBytes: number;
  /** Time the kernel measured for the runs themselves (BPF_PROG_RUN's duration × frames). */
  kernelNs: number;
  /** Wall time, setup and teardown of every run included. */
  wallNs: number;
}

/** The JSON line livegen prints. */
export function parseLivegen(json: string): LivegenResult {
  const r = JSON.parse(json) as { frames?: number; frame_bytes?: number; kernel_ns?: number; wall_ns?: number };
  if (typeof r.frames !== 'number' || typeof r.kernel_ns !== 'number' || typeof r.wall_ns !== 'number' || typeof r.frame_bytes !== 'number') {
    throw new Error(`livegen printed no result: ${json}`);
  }
  return { frames: r.frames, frameBytes: r.frame_bytes, kernelNs: r.kernel_ns, wallNs: r.wall_ns };
}

/** Nanoseconds per frame, by the kernel's clock. */
export function nsPerFrame(result: LivegenResult): number {
  return result.frames > 0 ? result.kernelNs / result.frames : 0;
}

/** Millions of frames per second, by the kernel's clock. */
export function mpps(result: LivegenResult): number {
  return result.kernelNs > 0 ? (result.frames / result.kernelNs) * 1000 : 0;
}

/** Compile the XDP half and build the user-space half into the run's work directory. */
export async function buildLivegen(ctx: LabContext): Promise<Livegen> {
  // Debian 11's headers (and kernel, 5.10) predate live frames: nothing to build against, so skip and say so.
  const headers = await ctx.target.exec(['grep', '-q', 'BPF_F_TEST_XDP_LIVE_FRAMES', '/usr/include/linux/bpf.h'], { allowFailure: true });
  if (headers.exitCode !== 0) {
    const release = (await ctx.target.exec(['uname', '-r'])).stdout.trim();
    ctx.skip({
      en: `live frames (BPF_F_TEST_XDP_LIVE_FRAMES, Linux 5.18) are not in this system's linux/bpf.h, and its kernel is ${release}`,
      ko: `라이브 프레임(BPF_F_TEST_XDP_LIVE_FRAMES, 리눅스 5.18)이 이 시스템의 linux/bpf.h에 없고, 커널은 ${release}입니다`,
    });
  }
  const object = await compileBpf(ctx, 'bpf/bench_livegen.c');
  const binary = await buildLoader(ctx, 'labs/tools/livegen.c');
  return { binary, object };
}

export interface SendOptions {
  /** Frames per BPF_PROG_RUN call. */
  frames: number;
  /** Keep sending bursts of `frames` until this many milliseconds have passed. */
  minMs?: number;
  /** Pin the generator to one CPU (taskset): its receiver's NAPI poll then runs there too. */
  cpu?: number;
  port?: number;
  /** The program of bench_livegen.c to run: bench_livegen_tx (the default) sends, bench_livegen_drop only generates. */
  program?: 'bench_livegen_tx' | 'bench_livegen_drop';
}

/** Send 60-byte UDP frames from `from` (the generator runs in its namespace) to `to`. */
export async function sendLiveFrames(ctx: LabContext, gen: Livegen, from: Endpoint, to: Endpoint, options: SendOptions): Promise<LivegenResult> {
  const pin = options.cpu === undefined ? [] : ['taskset', '-c', String(options.cpu)];
  const time = options.minMs === undefined ? [] : ['-t', String(options.minMs)];
  const program = options.program === undefined ? [] : ['-p', options.program];
  const argv = [...pin, gen.binary, ...time, ...program, gen.object, from.dev, from.mac, to.mac, from.ipv4, to.ipv4, String(options.port ?? 9), String(options.frames)];
  const { stdout } = await ctx.target.exec(argv, { netns: from.netns, timeoutMs: 120_000 });
  return parseLivegen(stdout.trim());
}
