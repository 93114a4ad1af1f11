// Building blocks for a lab's network: veth pairs between the run's own
// namespaces, addresses, static neighbours. Everything happens inside namespaces
// the run created, so a lab cannot touch an interface of the host.
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';
import { pollUntil } from './wait.ts';

export interface Endpoint {
  netns: string;
  dev: string;
  ipv4: string;
  mac: string;
}

export interface VethPair {
  a: Endpoint;
  b: Endpoint;
}

/**
 * A subnet per run: 10.<x>.<y>.0/24 where x.y come from the run id, so two
 * runs at once never share addresses even if a route leaked (none does: each
 * namespace only knows its own link).
 */
export function runSubnet(runId: string, index = 0): string {
  const n = parseInt(runId, 16);
  return `10.${200 + (n % 50)}.${(Math.floor(n / 50) + index * 17) % 256}`;
}

/** Locally administered, unicast MACs that are easy to recognise in a capture. */
export function labMac(runId: string, host: number): string {
  return `02:58:${runId.slice(0, 2)}:${runId.slice(2, 4)}:00:${host.toString(16).padStart(2, '0')}`;
}

/** Make namespace traffic deterministic: no IPv6 chatter (DAD, RS, MLD) to inflate packet counts. */
export async function quietNamespace(ctx: LabContext, netns: string): Promise<void> {
  const sysctls = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1'];
  for (const s of sysctls) {
    // Kernels booted with ipv6.disable=1 have no such keys; that is just as quiet.
    await ctx.target.exec(['sysctl', '-q', '-w', s], { netns, allowFailure: true });
  }
  await ctx.target.exec(['ip', 'link', 'set', 'dev', 'lo', 'up'], { netns });
}

/**
 * Two namespaces joined by a veth pair, addressed in the run's subnet, with
 * permanent neighbour entries on both sides: a program that drops everything
 * also drops ARP, and the test must not depend on what was cached before.
 */
export async function vethBetween(
  ctx: LabContext,
  aNetns: string,
  bNetns: string,
  options: { subnetIndex?: number; mtu?: number; devA?: string; devB?: string; indexA?: number; indexB?: number } = {},
): Promise<VethPair> {
  const subnet = runSubnet(ctx.runId, options.subnetIndex ?? 0);
  const host = (options.subnetIndex ?? 0) * 2;
  const a: Endpoint = { netns: aNetns, dev: options.devA ?? 'veth0', ipv4: `${subnet}.1`, mac: labMac(ctx.runId, host + 1) };
  const b: Endpoint = { netns: bNetns, dev: options.devB ?? 'veth0', ipv4: `${subnet}.2`, mac: labMac(ctx.runId, host + 2) };
  const ex = ctx.target.exec;
  // An explicit ifindex (optional) makes a device recognisable machine-wide: ifindexes are numbered per namespace.
  const index = (n: number | undefined) => (n ? ['index', String(n)] : []);
  await ex(['ip', 'link', 'add', a.dev, ...index(options.indexA), 'address', a.mac, 'type', 'veth', 'peer', 'name', b.dev, ...index(options.indexB), 'address', b.mac, 'netns', b.netns], {
    netns: a.netns,
  });
  for (const [self, peer] of [
    [a, b],
    [b, a],
  ] as const) {
    if (options.mtu) await ex(['ip', 'link', 'set', 'dev', self.dev, 'mtu', String(options.mtu)], { netns: self.netns });
    await ex(['ip', 'addr', 'add', `${self.ipv4}/24`, 'dev', self.dev], { netns: self.netns });
    await ex(['ip', 'neigh', 'replace', peer.ipv4, 'lladdr', peer.mac, 'dev', self.dev, 'nud', 'permanent'], { netns: self.netns });
  }
  for (const end of [a, b]) await ex(['ip', 'link', 'set', 'dev', end.dev, 'up'], { netns: end.netns });
  await waitForCarrier(ctx, a);
  await waitForCarrier(ctx, b);
  return { a, b };
}

/** veth reports carrier only once both ends are up; wait for it instead of sleeping. */
export async function waitForCarrier(ctx: LabContext, end: Pick<Endpoint, 'netns' | 'dev'>, timeoutMs = 3000): Promise<void> {
  let state = 'unknown';
  const up = await pollUntil(
    async () => {
      const { stdout } = await ctx.target.exec(['ip', '-j', 'link', 'show', 'dev', end.dev], { netns: end.netns });
      const [link] = JSON.parse(stdout) as { operstate?: string; flags?: string[] }[];
      state = link?.operstate ?? 'unknown';
      return link?.flags?.includes('LOWER_UP') ? true : undefined;
    },
    { timeoutMs, intervalMs: 20 },
  );
  if (!up) {
    throw new LabError({
      en: `${end.dev} in ${end.netns} has no carrier after ${timeoutMs} ms (state ${state})`,
      ko: `${end.netns}의 ${end.dev}에 ${timeoutMs}ms가 지나도 캐리어가 없습니다 (상태 ${state})`,
    });
  }
}
