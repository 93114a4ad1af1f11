// BPF_PROG_RUN through bpftool: hand a loaded XDP program one frame and read
// the verdict it returns, without sending anything anywhere. The kernel runs
// the very program that is attached, maps and all, on a copy of the frame.
import { buildFrame, type FrameSpec } from './frames.ts';
import type { LabContext } from './types.ts';

export const XDP_ACTIONS = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT'] as const;

/** `bpftool -j prog run ...` → the program's return value. */
export function parseProgRun(json: string): number {
  const result = JSON.parse(json) as { retval?: number; error?: string };
  if (result.error !== undefined) throw new Error(`bpftool prog run: ${result.error}`);
  if (typeof result.retval !== 'number') throw new Error(`bpftool prog run printed no retval: ${json}`);
  return result.retval;
}

export function actionName(retval: number): string {
  return XDP_ACTIONS[retval] ?? `unknown verdict ${retval}`;
}

/** Write `bytes` into a file of the target (base64 through stdin: the exec input is text). */
export async function writeFrame(ctx: LabContext, path: string, bytes: Uint8Array): Promise<void> {
  await ctx.target.exec(['sh', '-c', 'base64 -d > "$1"', 'write-frame', path], { input: Buffer.from(bytes).toString('base64') });
}

/** Run program `progId` once on the frame `spec` describes, cut to `length` bytes if given; returns the verdict's name. */
export async function verdictFor(ctx: LabContext, progId: number, name: string, spec: FrameSpec, length?: number): Promise<string> {
  const path = `${ctx.workDir}/${name}.bin`;
  const frame = buildFrame(spec);
  await writeFrame(ctx, path, length === undefined ? frame : frame.subarray(0, length));
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'prog', 'run', 'id', String(progId), 'data_in', path]);
  return actionName(parseProgRun(stdout));
}
