// Hand-made Ethernet frames, byte by byte, for feeding an XDP program through
// BPF_PROG_RUN (`bpftool prog run ... data_in FILE`): VLAN tags, IPv4 or IPv6,
// ICMP echo or UDP. The checksums are real, so a frame could go on a wire as is.

export type FrameL4 =
  | { kind: 'echo-request' }
  | { kind: 'echo-reply' }
  | { kind: 'udp'; dport: number };

export interface VlanTag {
  /** 0x8100 (802.1Q, the usual tag) or 0x88a8 (802.1ad, the outer "service" tag of QinQ). */
  tpid: 0x8100 | 0x88a8;
  id: number;
}

export interface FrameSpec {
  family: 4 | 6;
  l4: FrameL4;
  /** Outermost first. */
  vlans?: VlanTag[];
  /** Bytes of payload after the ICMP or UDP header. */
  payload?: number;
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

/** The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words. */
export function internetChecksum(bytes: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** The ICMP or UDP header plus payload, checksum still 0. */
function transport(spec: FrameSpec): { protocol: number; bytes: number[]; checksumAt: number } {
  const payload = Array.from({ length: spec.payload ?? 16 }, (_, i) => (0x61 + i) % 256);
  if (spec.l4.kind === 'udp') {
    const length = 8 + payload.length;
    return { protocol: 17, bytes: [...u16(40000), ...u16(spec.l4.dport), ...u16(length), 0, 0, ...payload], checksumAt: 6 };
  }
  const request = spec.l4.kind === 'echo-request';
  const type = spec.family === 4 ? (request ? 8 : 0) : request ? 128 : 129;
  // type, code, checksum, identifier, sequence number
  return { protocol: spec.family === 4 ? 1 : 58, bytes: [type, 0, 0, 0, ...u16(0x1234), ...u16(1), ...payload], checksumAt: 2 };
}

/** A complete frame as bytes (no FCS: the NIC adds and strips that). */
export function buildFrame(spec: FrameSpec): Uint8Array {
  const l4 = transport(spec);
  let l3: number[];
  if (spec.family === 4) {
    const header = [0x45, 0, ...u16(20 + l4.bytes.length), 0, 0, 0x40, 0, 64, l4.protocol, 0, 0, ...SRC_V4, ...DST_V4];
    header.splice(10, 2, ...u16(internetChecksum(header)));
    // ICMPv4's checksum covers only the ICMP message; UDP's also a pseudo-header.
    const pseudo = l4.protocol === 17 ? [...SRC_V4, ...DST_V4, 0, 17, ...u16(l4.bytes.length)] : [];
    l4.bytes.splice(l4.checksumAt, 2, ...u16(internetChecksum([...pseudo, ...l4.bytes]) || 0xffff));
    l3 = [...header, ...l4.bytes];
  } else {
    // IPv6 has no header checksum; ICMPv6 and UDP both cover a pseudo-header.
    const pseudo = [...SRC_V6, ...DST_V6, 0, 0, ...u16(l4.bytes.length), 0, 0, 0, l4.protocol];
    l4.bytes.splice(l4.checksumAt, 2, ...u16(internetChecksum([...pseudo, ...l4.bytes]) || 0xffff));
    l3 = [0x60, 0, 0, 0, ...u16(l4.bytes.length), l4.protocol, 64, ...SRC_V6, ...DST_V6, ...l4.bytes];
  }
  const tags = (spec.vlans ?? []).flatMap((tag) => [...u16(tag.tpid), ...u16(tag.id & 0x0fff)]);
  return Uint8Array.from([...DST_MAC, ...SRC_MAC, ...tags, ...u16(spec.family === 4 ? ETH_P_IP : ETH_P_IPV6), ...l3]);
}

/** Where each header of a frame built from `spec` starts, for cutting it short on purpose. */
export function headerOffsets(spec: FrameSpec): { l3: number; l4: number; end: number } {
  const l3 = 14 + 4 * (spec.vlans?.length ?? 0);
  const l4 = l3 + (spec.family === 4 ? 20 : 40);
  return { l3, l4, end: buildFrame(spec).length };
}
