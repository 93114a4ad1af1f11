// Interface indexes are numbered per network namespace: every namespace has
// its own lo at 1, and the first veth made in a fresh namespace is usually 2.
// A program that sees events from the whole machine (a tracepoint) cannot tell
// those apart, so labs that need a device recognisable machine-wide give it an
// index derived from the run id, far above what hosts allocate.

/** The n-th (0..7) distinctive ifindex of a run: 100000 + run id × 8 + n. */
export function runIfindex(runId: string, n: number): number {
  if (!/^[0-9a-f]{4}$/.test(runId)) throw new Error(`not a run id: ${runId}`);
  if (!Number.isInteger(n) || n < 0 || n > 7) throw new RangeError(`ifindex slot ${n} is not 0..7`);
  return 100_000 + parseInt(runId, 16) * 8 + n;
}
