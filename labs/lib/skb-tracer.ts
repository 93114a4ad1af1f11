// Start labs/tools/skb_evidence_loader on bpf/skb_evidence.c and read its
// counters: how many sk_buffs one device of one namespace received
// (netif_receive_skb) and dropped (kfree_skb).
import { dumpMap, leUint } from './bpf-maps.ts';
import type { Endpoint } from './net.ts';
import type { LabContext } from './types.ts';
import { pollUntil, startWithReadyFile } from './wait.ts';

export interface SkbCounts {
  received: number;
  freed: number;
}

export interface SkbTracer {
  countsMapId: number;
  read(): Promise<SkbCounts>;
}

/** The loader's ready file: {"counts_map_id": N}. */
export function parseTracerReady(json: string): number {
  const ready = JSON.parse(json) as { counts_map_id?: unknown };
  if (typeof ready.counts_map_id !== 'number' || ready.counts_map_id <= 0) throw new Error(`not a ready file: ${json}`);
  return ready.counts_map_id;
}

/** The namespace's inode number: with the ifindex, it names one device on the whole machine. */
export async function netnsInode(ctx: LabContext, netns: string): Promise<number> {
  const { stdout } = await ctx.target.exec(['stat', '-L', '-c', '%i', `/run/netns/${netns}`]);
  return Number(stdout.trim());
}

export async function ifindexOf(ctx: LabContext, end: Pick<Endpoint, 'netns' | 'dev'>): Promise<number> {
  const { stdout } = await ctx.target.exec(['ip', '-j', 'link', 'show', 'dev', end.dev], { netns: end.netns });
  return (JSON.parse(stdout) as { ifindex: number }[])[0]!.ifindex;
}

/** Attach the counters to `end`'s device and wait until they count. The runner stops the loader at cleanup. */
export async function startSkbTracer(ctx: LabContext, loader: string, object: string, end: Endpoint, timeoutMs = 10_000): Promise<SkbTracer> {
  const ifindex = await ifindexOf(ctx, end);
  const inode = await netnsInode(ctx, end.netns);
  const { ready } = await startWithReadyFile(ctx, 'skb-tracer', (file) => [loader, object, file, String(ifindex), String(inode)], {
    timeoutMs,
    what: { en: 'the loader of the tp_btf counters', ko: 'tp_btf 카운터 로더' },
    hint: {
      en: 'tp_btf programs need a kernel with BTF (/sys/kernel/btf/vmlinux) and Linux 5.5 or newer.',
      ko: 'tp_btf 프로그램에는 BTF(/sys/kernel/btf/vmlinux)가 있는 리눅스 5.5 이상 커널이 필요합니다.',
    },
  });
  const countsMapId = parseTracerReady(ready);
  ctx.note(
    {
      en: `tp_btf programs attached, counting SKBs of ifindex ${ifindex} in the netns with inode ${inode}`,
      ko: `tp_btf 프로그램을 붙임. 세는 대상: inode가 ${inode}인 네임스페이스의 ifindex ${ifindex} 장치가 받고 해제하는 SKB`,
    },
  );
  return { countsMapId, read: () => readSkbCounts(ctx, countsMapId) };
}

/** skb_counts: key 0 received, key 1 freed (enum skb_counter in bpf/skb_evidence.c). */
export async function readSkbCounts(ctx: LabContext, mapId: number): Promise<SkbCounts> {
  const entries = await dumpMap(ctx, mapId);
  const value = (key: number) => leUint(entries.find((e) => leUint(e.key) === key)?.value ?? []);
  return { received: value(0), freed: value(1) };
}

/** What changed between two readings. */
export function countsSince(before: SkbCounts, after: SkbCounts): SkbCounts {
  return { received: after.received - before.received, freed: after.freed - before.freed };
}

/**
 * Counters once they stop moving: most SKBs are handled before the sender's
 * system call returns, but one the kernel deferred to ksoftirqd may come a
 * moment later.
 */
export async function settledCounts(tracer: SkbTracer, quietMs = 100, timeoutMs = 3000): Promise<SkbCounts> {
  let last: SkbCounts | undefined;
  const settled = await pollUntil(
    async () => {
      const now = await tracer.read();
      const still = last !== undefined && now.received === last.received && now.freed === last.freed;
      last = now;
      return still ? now : undefined;
    },
    { timeoutMs, intervalMs: quietMs },
  );
  return settled ?? last!;
}
