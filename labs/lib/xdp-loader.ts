// libxdp's multi-program dispatcher through xdp-loader (xdp-tools), the way a
// learner types it: load, status, unload. libxdp keeps its state in bpffs, so
// bpffs must be mounted; and it falls back to one plain program, without a
// dispatcher, when the kernel refuses the freplace programs a dispatcher needs.
import { COMMAND_FAILED } from './command-line.ts';
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';

export const BPFFS = '/sys/fs/bpf';

export interface LoadedComponent {
  prio: number;
  name: string;
  id: number;
  /** Chain-call actions as xdp-loader prints them ("XDP_PASS" or "XDP_PASS,XDP_DROP"). */
  actions: string;
}

export interface InterfaceStatus {
  /** The program attached to the device: xdp_dispatcher, or the only program in a fallback. */
  main: { name: string; mode: string; id: number } | undefined;
  /** The programs the dispatcher runs, in the order it runs them. */
  components: LoadedComponent[];
}

/**
 * `xdp-loader status` (a table, no JSON). A device line names the attached
 * program; under a dispatcher each component follows on a " =>" line:
 *   veth0                  xdp_dispatcher    native   41   94d5f00c20184d17
 *    =>              10    xdp_count                  44   0afa56fcd9325709  XDP_PASS
 */
export function parseXdpLoaderStatus(text: string): Map<string, InterfaceStatus> {
  const devices = new Map<string, InterfaceStatus>();
  let current: InterfaceStatus | undefined;
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (line.startsWith(' =>') && current) {
      const [, prio, name, id, , ...actions] = words;
      current.components.push({ prio: Number(prio), name: name!, id: Number(id), actions: actions.join(' ') });
    } else if (/^\S/.test(line) && words.length >= 2 && !/^(CURRENT|Interface|-+)/.test(line)) {
      const [dev, name, mode, id] = words;
      current = { main: name!.startsWith('<') ? undefined : { name: name!, mode: mode!, id: Number(id) }, components: [] };
      devices.set(dev!, current);
    }
  }
  return devices;
}

/** libxdp finds its state in bpffs; mount it where systemd would, and leave it mounted, as systemd does. */
export async function ensureBpffs(ctx: LabContext): Promise<void> {
  const mounted = await ctx.target.exec(['stat', '-f', '-c', '%T', BPFFS], { allowFailure: true });
  if (mounted.stdout.trim() === 'bpf_fs') return;
  const mount = await ctx.target.exec(['mount', '-t', 'bpf', 'bpf', BPFFS], { allowFailure: true });
  if (mount.exitCode !== 0) {
    throw new LabError(COMMAND_FAILED.notMounted('bpffs'), { command: mount.command, stderr: mount.stderr, hint: COMMAND_FAILED.mountByHand(`mount -t bpf bpf ${BPFFS}`) });
  }
  ctx.note({ en: `mounted bpffs on ${BPFFS}`, ko: `${BPFFS}에 bpffs 마운트` });
}

export interface XdpLoaderSpec {
  netns: string;
  dev: string;
  object: string;
  program: string;
  prio: number;
  /** Chain-call actions, such as ['XDP_PASS', 'XDP_DROP']; libxdp's default is XDP_PASS alone. */
  actions?: string[];
}

/** `xdp-loader load -v ...`: its verbose lines are where libxdp says whether it could use a dispatcher. */
export async function xdpLoaderLoad(ctx: LabContext, spec: XdpLoaderSpec): Promise<string> {
  const argv = ['xdp-loader', 'load', '-v', '-m', 'native', '-n', spec.program, '-P', String(spec.prio)];
  if (spec.actions) argv.push('-A', spec.actions.join(','));
  argv.push(spec.dev, spec.object);
  const result = await ctx.target.exec(argv, { netns: spec.netns, allowFailure: true });
  if (result.exitCode !== 0) {
    throw new LabError(
      { en: `xdp-loader could not load ${spec.program} on ${spec.dev}`, ko: `xdp-loader가 ${spec.dev}에 ${spec.program}을(를) 로드하지 못했습니다` },
      { command: result.command, exitCode: result.exitCode, stderr: result.stderr },
    );
  }
  return result.stderr;
}

/** Unload everything libxdp attached to the device, pins included (a deleted device would leave them in bpffs). */
export async function xdpLoaderUnloadAll(ctx: LabContext, netns: string, dev: string): Promise<void> {
  await ctx.target.exec(['xdp-loader', 'unload', dev, '--all'], { netns, allowFailure: true });
}

export async function xdpLoaderStatus(ctx: LabContext, netns: string, dev: string): Promise<InterfaceStatus> {
  const { stdout } = await ctx.target.exec(['xdp-loader', 'status'], { netns });
  return parseXdpLoaderStatus(stdout).get(dev) ?? { main: undefined, components: [] };
}
