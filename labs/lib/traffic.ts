// Traffic a lab sends. Always to an address inside the run's own namespaces.
import { parsePing, type PingSummary } from './parse.ts';
import type { LabContext } from './types.ts';

export interface PingOptions {
  count: number;
  /** Bytes of ICMP payload (ping -s); the frame is 42 bytes more (Ethernet 14 + IPv4 20 + ICMP 8). */
  size?: number;
  /** Seconds to wait for each reply once all are sent; short, because a dropped packet never answers. */
  waitSeconds?: number;
  /** IP time to live of the requests (ping -t); the namespace's default, 64, when left out. */
  ttl?: number;
  /** Up to 16 bytes, in hex, that ping repeats through the data (ping -p), so a program can check what it reads. */
  pattern?: string;
}

/** ping from a namespace, fast: 10 ms apart (root may go below ping's 200 ms floor). */
export async function ping(ctx: LabContext, netns: string, address: string, options: PingOptions): Promise<PingSummary> {
  const argv = ['ping', '-n', '-q', '-c', String(options.count), '-i', '0.01', '-W', String(options.waitSeconds ?? 0.3)];
  if (options.size !== undefined) argv.push('-s', String(options.size));
  if (options.ttl !== undefined) argv.push('-t', String(options.ttl));
  if (options.pattern !== undefined) argv.push('-p', options.pattern);
  argv.push(address);
  // ping exits 1 when replies are missing: for a drop lab that is the expected outcome.
  const result = await ctx.target.exec(argv, { netns, allowFailure: true, timeoutMs: 15_000 });
  return parsePing(result.stdout);
}
