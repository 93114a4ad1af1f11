// The network most labs start from: two quiet namespaces, "a" (the sender) and
// "b" (where the program runs), joined by a veth pair, with run counters on.
import { enableIpv6 } from './ipv6.ts';
import { quietNamespace, runSubnet, vethBetween, type Endpoint, type VethPair } from './net.ts';
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

export interface RoutedHosts {
  /** a's veth0, r's two ports (r0 faces a, r1 faces c) and c's veth0. */
  a: Endpoint;
  r0: Endpoint;
  r1: Endpoint;
  c: Endpoint;
  /** The same four ends' IPv6 addresses, when asked for. */
  ipv6?: { a: string; r0: string; r1: string; c: string };
}

/**
 * Three namespaces a — r — c, r a router: forwarding on, a and c each with a
 * route to the other's subnet through r, permanent neighbour entries on every
 * link (so bpf_fib_lookup finds the next hop's MAC). With `ipv6`, the same over
 * IPv6, one /64 per link.
 */
export async function routedThreeHosts(ctx: LabContext, options: { ipv6?: boolean } = {}): Promise<RoutedHosts> {
  const [nsA, nsR, nsC] = [await ctx.netns('a'), await ctx.netns('r'), await ctx.netns('c')];
  for (const ns of [nsA, nsR, nsC]) await quietNamespace(ctx, ns);
  const left = await vethBetween(ctx, nsA, nsR);
  const right = await vethBetween(ctx, nsR, nsC, { subnetIndex: 1, devA: 'veth1' });
  const ex = ctx.target.exec;
  // ip_forward=1 turns forwarding on for every interface of r (conf/all and each device).
  await ex(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], { netns: nsR });
  const [leftNet, rightNet] = [0, 1].map((i) => runSubnet(ctx.runId, i));
  await ex(['ip', 'route', 'add', `${rightNet}.0/24`, 'via', left.b.ipv4], { netns: nsA });
  await ex(['ip', 'route', 'add', `${leftNet}.0/24`, 'via', right.a.ipv4], { netns: nsC });
  const hosts: RoutedHosts = { a: left.a, r0: left.b, r1: right.a, c: right.b };
  if (!options.ipv6) return hosts;
  const [v6Left, v6Right] = [await enableIpv6(ctx, left, 0), await enableIpv6(ctx, right, 1)];
  await ex(['sysctl', '-q', '-w', 'net.ipv6.conf.all.forwarding=1'], { netns: nsR });
  await ex(['ip', '-6', 'route', 'add', `${v6Right.b.replace(/::[0-9a-f]+$/, '::')}/64`, 'via', v6Left.b], { netns: nsA });
  await ex(['ip', '-6', 'route', 'add', `${v6Left.a.replace(/::[0-9a-f]+$/, '::')}/64`, 'via', v6Right.a], { netns: nsC });
  return { ...hosts, ipv6: { a: v6Left.a, r0: v6Left.b, r1: v6Right.a, c: v6Right.b } };
}
