// The kernel's SNMP counters of one network namespace, through nstat
// (iproute2). They say what the namespace's own IP stack did: an echo reply
// counted in IcmpOutEchoReps was built by the stack; one that XDP sent is not.
import type { LabContext } from './types.ts';

/** `nstat -j ...`: {"kernel":{"IcmpInEchos":0,...}} → the counters by name. */
export function parseNstat(json: string): Record<string, number> {
  const parsed = JSON.parse(json) as { kernel?: Record<string, number> };
  if (!parsed.kernel) throw new Error('nstat printed no "kernel" object');
  return parsed.kernel;
}

/**
 * Absolute values (-a), zeros included (-z), and without touching nstat's
 * history file (-s): that file is per user, not per namespace, so updating it
 * from one namespace would skew what the next nstat in another one prints.
 */
export async function readNstat(ctx: LabContext, netns: string, names: readonly string[]): Promise<Record<string, number>> {
  const { stdout } = await ctx.target.exec(['nstat', '-a', '-s', '-z', '-j', ...names], { netns });
  const all = parseNstat(stdout);
  const picked: Record<string, number> = {};
  for (const name of names) {
    const value = all[name];
    if (value === undefined) throw new Error(`nstat has no counter ${name}`);
    picked[name] = value;
  }
  return picked;
}
