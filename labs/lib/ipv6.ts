// IPv6 on one veth pair only. quietNamespace turns IPv6 off in a lab's
// namespaces so that no router solicitation or duplicate address detection
// adds packets a lab did not send. A lab that wants IPv6 traffic turns it back
// on for one link, and keeps it quiet: no link-local address (addrgenmode
// none), no DAD (nodad), static neighbours instead of neighbour discovery.
import type { Endpoint, VethPair } from './net.ts';
import type { LabContext } from './types.ts';

/** A unique-local /64 per run and link: fd58:<run id>::/64, then fd58:<run id>:1::/64 for the second link, … */
export function runIpv6(runId: string, host: number, subnet = 0): string {
  if (!/^[0-9a-f]{4}$/.test(runId)) throw new Error(`not a run id: ${runId}`);
  return subnet === 0 ? `fd58:${runId}::${host.toString(16)}` : `fd58:${runId}:${subnet.toString(16)}::${host.toString(16)}`;
}

export interface Ipv6Pair {
  a: string;
  b: string;
}

/** IPv6 on one veth pair; `subnet` numbers the pair's /64 when a lab has several links (default 0). */
export async function enableIpv6(ctx: LabContext, pair: VethPair, subnet = 0): Promise<Ipv6Pair> {
  const addresses = { a: runIpv6(ctx.runId, 1, subnet), b: runIpv6(ctx.runId, 2, subnet) };
  const ends: [Endpoint, string, Endpoint, string][] = [
    [pair.a, addresses.a, pair.b, addresses.b],
    [pair.b, addresses.b, pair.a, addresses.a],
  ];
  for (const [self, address, peer, peerAddress] of ends) {
    const ex = (argv: string[]) => ctx.target.exec(argv, { netns: self.netns });
    await ex(['ip', 'link', 'set', 'dev', self.dev, 'addrgenmode', 'none']);
    await ex(['sysctl', '-q', '-w', `net.ipv6.conf.${self.dev}.disable_ipv6=0`]);
    await ex(['ip', '-6', 'addr', 'add', `${address}/64`, 'dev', self.dev, 'nodad']);
    await ex(['ip', '-6', 'neigh', 'replace', peerAddress, 'lladdr', peer.mac, 'dev', self.dev, 'nud', 'permanent']);
  }
  return addresses;
}
