// Keys and values for map writes and expectations, as the bytes a BPF map
// holds: little-endian numbers (x86-64 and arm64 both are), addresses in
// network order as the packet carries them.
import { ipv4Bytes, ipv6Bytes } from '../lib/frames.ts';

export function le(n: number, bytes: 1 | 2 | 4 | 8): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${n} is not an unsigned integer`);
  return Array.from({ length: bytes }, (_, i) => Number((BigInt(n) >> BigInt(8 * i)) & 0xffn));
}

export const u32 = (n: number): number[] => le(n, 4);
export const u64 = (n: number): number[] => le(n, 8);
/** An IPv4 address as a __be32 key. */
export const ipv4Key = (address: string): number[] => ipv4Bytes(address);
/** An IPv6 address as a struct in6_addr key. */
export const ipv6Key = (address: string): number[] => ipv6Bytes(address);
