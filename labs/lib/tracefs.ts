// Kernel trace events through tracefs, in a private trace instance: a lab gets
// its own ring buffer and its own event filter, so it never changes what the
// machine's main trace buffer (or another run) records.
import { COMMAND_FAILED } from './command-line.ts';
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';

export const TRACEFS = '/sys/kernel/tracing';

/**
 * libbpf finds a tracepoint's id in tracefs, and trace instances live there, so
 * it must be mounted. systemd mounts it at boot; minimal systems and containers
 * may not. Mounting it changes nothing else, and it is left mounted, as systemd
 * would have it.
 */
export async function ensureTracefs(ctx: LabContext): Promise<void> {
  const present = await ctx.target.exec(['test', '-d', `${TRACEFS}/events`], { allowFailure: true });
  if (present.exitCode === 0) return;
  const mounted = await ctx.target.exec(['mount', '-t', 'tracefs', 'tracefs', TRACEFS], { allowFailure: true });
  if (mounted.exitCode !== 0) {
    throw new LabError(COMMAND_FAILED.notMounted('tracefs'), {
      command: mounted.command,
      stderr: mounted.stderr,
      hint: COMMAND_FAILED.mountByHand(`mount -t tracefs tracefs ${TRACEFS}`),
    });
  }
  ctx.note({ en: `mounted tracefs on ${TRACEFS}`, ko: `${TRACEFS}에 tracefs 마운트` });
}

async function write(ctx: LabContext, path: string, text: string): Promise<void> {
  await ctx.target.exec(['tee', path], { input: `${text}\n` });
}

export interface TraceInstance {
  dir: string;
  /** The event lines recorded so far (header comment lines left out). */
  read(): Promise<string[]>;
}

/**
 * A trace instance named after the run, recording one event (such as
 * "xdp/xdp_exception") that passes `filter` (tracefs filter syntax, such as
 * "prog_id == 42"). Removed at cleanup.
 */
export async function traceEvent(ctx: LabContext, event: string, filter: string): Promise<TraceInstance> {
  const dir = `${TRACEFS}/instances/xl-${ctx.runId}`;
  await ctx.target.exec(['mkdir', dir]);
  // Removing the instance also disables its events (`npm run lab -- clean` does the same after a crash).
  ctx.defer({ en: `remove trace instance ${dir}`, ko: `trace 인스턴스 ${dir} 지우기` }, () => ctx.target.exec(['rmdir', dir], { allowFailure: true }).then(() => {}));
  // A small buffer: the lab records a handful of events, not a workload.
  await write(ctx, `${dir}/buffer_size_kb`, '64');
  await write(ctx, `${dir}/events/${event}/filter`, filter);
  await write(ctx, `${dir}/events/${event}/enable`, '1');
  return {
    dir,
    async read() {
      const { stdout } = await ctx.target.exec(['cat', `${dir}/trace`]);
      return stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    },
  };
}

export interface XdpExceptionEvent {
  progId: number;
  action: string;
  ifindex: number;
}

/** A trace line such as "ping-123 [001] ..s1. 1132.97: xdp_exception: prog_id=345 action=ABORTED ifindex=4243". */
export function parseXdpException(line: string): XdpExceptionEvent {
  const m = /xdp_exception: prog_id=(\d+) action=(\S+) ifindex=(\d+)/.exec(line);
  if (!m) throw new Error(`not an xdp_exception event: ${line}`);
  return { progId: Number(m[1]), action: m[2]!, ifindex: Number(m[3]) };
}
