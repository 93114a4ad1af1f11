// A driver's own counters, through ethtool. For veth they are per queue:
// rx_queue_0_xdp_tx counts frames an XDP program sent back with XDP_TX,
// rx_queue_0_xdp_tx_errors those the peer could not take.
import type { LabContext } from './types.ts';

/** `ethtool -S dev`: "NIC statistics:" then "     name: value" lines. */
export function parseEthtoolStats(text: string): Record<string, number> {
  const stats: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^\s+([\w.-]+): (\d+)\s*$/.exec(line);
    if (m) stats[m[1]!] = Number(m[2]);
  }
  if (Object.keys(stats).length === 0) throw new Error(`ethtool -S printed no counters:\n${text}`);
  return stats;
}

/** `ethtool -l dev`: the RX channels in use, from "Current hardware settings". */
export function parseEthtoolCurrentRx(text: string): number {
  const current = text.split(/Current hardware settings:/)[1];
  const m = current ? /^RX:\s+(\d+)/m.exec(current) : null;
  if (!m) throw new Error(`ethtool -l printed no current RX channel count:\n${text}`);
  return Number(m[1]);
}

export async function readEthtoolStats(ctx: LabContext, netns: string, dev: string): Promise<Record<string, number>> {
  const { stdout } = await ctx.target.exec(['ethtool', '-S', dev], { netns });
  return parseEthtoolStats(stdout);
}

/** One counter; a driver that does not have it is a lab bug worth a clear message. */
export function counter(stats: Record<string, number>, name: string): number {
  const value = stats[name];
  if (value === undefined) throw new Error(`no counter ${name} among: ${Object.keys(stats).join(', ')}`);
  return value;
}
