// Hand-made Ethernet frames, byte by byte, for feeding an XDP program through
// BPF_PROG_RUN (`bpftool prog run ... data_in FILE`, or the exercise checker):
// VLAN tags, IPv4 (with options) or IPv6, ICMP echo, UDP or TCP, and ARP. The
// checksums are real, so a frame could go on a wire as is.

export type TcpFlag = 'fin' | 'syn' | 'rst' | 'psh' | 'ack';

export type FrameL4 =
  | { kind: 'echo-request' }
  | { kind: 'echo-reply' }
  | { kind: 'udp'; dport: number; sport?: number }
  | { kind: 'tcp'; dport: number; sport?: number; flags?: TcpFlag[] };

export interface VlanTag {
  /** 0x8100 (802.1Q, the usual tag) or 0x88a8 (802.1ad, the outer "service" tag of QinQ). */
  tpid: 0x8100 | 0x88a8;
  id: number;
  /** Priority code point, the top 3 bits of the tag control information (default 0). */
  pcp?: number;
}

export interface FrameSpec {
  /** IPv4, IPv6, or an ARP request (then l4 is ignored). */
  family: 4 | 6 | 'arp';
  l4: FrameL4;
  /** Outermost first. */
  vlans?: VlanTag[];
  /** Bytes of payload after the ICMP, UDP or TCP header. */
  payload?: number;
  /** Addresses in the usual notation; the defaults are 10.0.0.1 → 10.0.0.2 and fd58::1 → fd58::2. */
  src?: string;
  dst?: string;
  srcMac?: string;
  dstMac?: string;
  /** IPv4 TTL or IPv6 hop limit (default 64). */
  ttl?: number;
  /** Bytes of IPv4 options (a multiple of 4, at most 40): NOPs ending in an end-of-list byte, so ihl grows. */
  ipOptions?: number;
}

export const ETH_P_IP = 0x0800;
export const ETH_P_IPV6 = 0x86dd;
const SRC_MAC = [0x02, 0x58, 0, 0, 0, 0x01];
const DST_MAC = [0x02, 0x58, 0, 0, 0, 0x02];
const SRC_V4 = [10, 0, 0, 1];
const DST_V4 = [10, 0, 0, 2];
const SRC_V6 = [0xfd, 0x58, ...Array<number>(13).fill(0), 1];
const DST_V6 = [0xfd, 0x58, ...Array<number>(13).fill(0), 2];

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

export function ipv4Bytes(address: string): number[] {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`"${address}" is not an IPv4 address`);
  return parts;
}

export function ipv6Bytes(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const words = (part: string) => (part ? part.split(':').map((w) => Number.parseInt(w, 16)) : []);
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const middle = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  const all = [...left, ...middle, ...right];
  if (all.length !== 8 || all.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) throw new Error(`"${address}" is not an IPv6 address`);
  return all.flatMap(u16);
}

export function macBytes(mac: string): number[] {
  const parts = mac.split(':').map((b) => Number.parseInt(b, 16));
  if (parts.length !== 6 || parts.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) throw new Error(`"${mac}" is not a MAC address`);
  return parts;
}

const TCP_FLAG_BITS: Record<TcpFlag, number> = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 };

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
export function internetChecksum(bytes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The ICMP, UDP or TCP header plus payload, checksum still 0. */
function transport(spec: FrameSpec): { protocol: number; bytes: number[]; checksumAt: number } {
  const payload = Array.from({ length: spec.payload ?? 16 }, (_, i) => (0x61 + i) % 256);
  if (spec.l4.kind === 'udp') {
    const length = 8 + payload.length;
    return { protocol: 17, bytes: [...u16(spec.l4.sport ?? 40000), ...u16(spec.l4.dport), ...u16(length), 0, 0, ...payload], checksumAt: 6 };
  }
  if (spec.l4.kind === 'tcp') {
    const flags = (spec.l4.flags ?? ['syn']).reduce((bits, f) => bits | TCP_FLAG_BITS[f], 0);
    // sport, dport, seq, ack, data offset (5 words), flags, window, checksum, urgent pointer
    const header = [...u16(spec.l4.sport ?? 40000), ...u16(spec.l4.dport), 0, 0, 0x10, 0, 0, 0, 0, 0, 0x50, flags, ...u16(64240), 0, 0, 0, 0];
    return { protocol: 6, bytes: [...header, ...payload], checksumAt: 16 };
  }
  const request = spec.l4.kind === 'echo-request';
  const type = spec.family === 4 ? (request ? 8 : 0) : request ? 128 : 129;
  // type, code, checksum, identifier, sequence number
  return { protocol: spec.family === 4 ? 1 : 58, bytes: [type, 0, 0, 0, ...u16(0x1234), ...u16(1), ...payload], checksumAt: 2 };
}

export const ETH_P_ARP = 0x0806;

/** An ARP request "who has dst? tell src" (Ethernet, IPv4). */
function arpRequest(spec: FrameSpec, srcMac: number[]): number[] {
  const sender = ipv4Bytes(spec.src ?? '10.0.0.1');
  const target = ipv4Bytes(spec.dst ?? '10.0.0.2');
  return [...u16(1), ...u16(ETH_P_IP), 6, 4, ...u16(1), ...srcMac, ...sender, 0, 0, 0, 0, 0, 0, ...target];
}

function ipv4Options(bytes: number): number[] {
  if (bytes % 4 !== 0 || bytes < 0 || bytes > 40) throw new Error(`IPv4 options must be a multiple of 4 bytes, at most 40 (got ${bytes})`);
  return bytes === 0 ? [] : [...Array<number>(bytes - 1).fill(1), 0]; // NOP … NOP, end of list
}

/** A complete frame as bytes (no FCS: the NIC adds and strips that). */
export function buildFrame(spec: FrameSpec): Uint8Array {
  const srcMac = spec.srcMac ? macBytes(spec.srcMac) : SRC_MAC;
  const dstMac = spec.dstMac ? macBytes(spec.dstMac) : spec.family === 'arp' ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : DST_MAC;
  const tags = (spec.vlans ?? []).flatMap((tag) => [...u16(tag.tpid), ...u16(((tag.pcp ?? 0) & 7) << 13 | (tag.id & 0x0fff))]);
  if (spec.family === 'arp') return Uint8Array.from([...dstMac, ...srcMac, ...tags, ...u16(ETH_P_ARP), ...arpRequest(spec, srcMac)]);
  const ttl = spec.ttl ?? 64;
  const l4 = transport(spec);
  let l3: number[];
  if (spec.family === 4) {
    const src = spec.src ? ipv4Bytes(spec.src) : SRC_V4;
    const dst = spec.dst ? ipv4Bytes(spec.dst) : DST_V4;
    const options = ipv4Options(spec.ipOptions ?? 0);
    const ihl = 5 + options.length / 4;
    const header = [0x40 | ihl, 0, ...u16(ihl * 4 + l4.bytes.length), 0, 0, 0x40, 0, ttl, l4.protocol, 0, 0, ...src, ...dst, ...options];
    header.splice(10, 2, ...u16(internetChecksum(header)));
    // ICMPv4's checksum covers only the ICMP message; UDP's and TCP's also a pseudo-header.
    const pseudo = l4.protocol === 1 ? [] : [...src, ...dst, 0, l4.protocol, ...u16(l4.bytes.length)];
    l4.bytes.splice(l4.checksumAt, 2, ...u16(internetChecksum([...pseudo, ...l4.bytes]) || 0xffff));
    l3 = [...header, ...l4.bytes];
  } else {
    const src = spec.src ? ipv6Bytes(spec.src) : SRC_V6;
    const dst = spec.dst ? ipv6Bytes(spec.dst) : DST_V6;
    // IPv6 has no header checksum; ICMPv6, UDP and TCP all cover a pseudo-header.
    const pseudo = [...src, ...dst, 0, 0, ...u16(l4.bytes.length), 0, 0, 0, l4.protocol];
    l4.bytes.splice(l4.checksumAt, 2, ...u16(internetChecksum([...pseudo, ...l4.bytes]) || 0xffff));
    l3 = [0x60, 0, 0, 0, ...u16(l4.bytes.length), l4.protocol, ttl, ...src, ...dst, ...l4.bytes];
  }
  return Uint8Array.from([...dstMac, ...srcMac, ...tags, ...u16(spec.family === 4 ? ETH_P_IP : ETH_P_IPV6), ...l3]);
}

/**
 * Recompute the IPv4 header checksum of a frame in place, after a test edited
 * a header byte on purpose (an option, the protocol): the frame is then odd
 * only in the way the test meant, not also in its checksum.
 */
export function refreshIpv4Checksum(frame: Uint8Array, l3: number): void {
  const headerBytes = (frame[l3]! & 0x0f) * 4;
  frame[l3 + 10] = 0;
  frame[l3 + 11] = 0;
  const sum = internetChecksum([...frame.subarray(l3, l3 + headerBytes)]);
  frame[l3 + 10] = sum >> 8;
  frame[l3 + 11] = sum & 0xff;
}

/** Where each header of a frame built from `spec` starts, for cutting it short on purpose. */
export function headerOffsets(spec: FrameSpec): { l3: number; l4: number; end: number } {
  const l3 = 14 + 4 * (spec.vlans?.length ?? 0);
  const l4 = l3 + (spec.family === 4 ? 20 + (spec.ipOptions ?? 0) : spec.family === 6 ? 40 : 28);
  return { l3, l4, end: buildFrame(spec).length };
}
