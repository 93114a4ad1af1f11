// The network most labs start from: two quiet namespaces, "a" (the sender) and
// "b" (where the program runs), joined by a veth pair, with run counters on.
import { quietNamespace, vethBetween, type VethPair } from './net.ts';
import { enableBpfStats } from './xdp.ts';
import type { LabContext } from './types.ts';

export async function twoHosts(ctx: LabContext, options: Parameters<typeof vethBetween>[3] = {}): Promise<VethPair> {
  const nsA = await ctx.netns('a');
  const nsB = await ctx.netns('b');
  await quietNamespace(ctx, nsA);
  await quietNamespace(ctx, nsB);
  await enableBpfStats(ctx);
  return vethBetween(ctx, nsA, nsB, options);
}
