// The target's kernel release, for the few checks whose expected value is
// documented to change at a known kernel version.
import type { LabContext } from './types.ts';

/** "6.18.44-fc-v1045" → [6, 18]; anything without a leading "major.minor" is a clear error. */
export function parseKernelRelease(release: string): [number, number] {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  if (!m) throw new Error(`cannot read a kernel version from "${release}" (expected uname -r output such as 6.1.0-18-amd64)`);
  return [Number(m[1]), Number(m[2])];
}

export function isAtLeast([major, minor]: [number, number], [wantMajor, wantMinor]: [number, number]): boolean {
  return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}

export async function kernelVersion(ctx: LabContext): Promise<[number, number]> {
  const { stdout } = await ctx.target.exec(['uname', '-r']);
  return parseKernelRelease(stdout);
}
