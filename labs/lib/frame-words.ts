// Frames in words, for a learner reading a failed check: "IPv6/TCP dport 443
// SYN, VLAN 10, 78 bytes" instead of a hex dump, and the name of the header
// field where two frames first differ ("IPv4 header checksum") instead of a
// byte offset.
import type { Locale, Localized } from './locale.ts';
import { buildFrame, headerOffsets, type FrameSpec } from './frames.ts';

const WORDS = {
  en: {
    arp: 'ARP request',
    echoRequest: 'echo request',
    echoReply: 'echo reply',
    bytes: (n: number) => `${n} bytes`,
    cut: (kept: number, whole: number) => `cut to ${kept} of ${whole} bytes`,
    from: (a: string) => `from ${a}`,
    to: (a: string) => `to ${a}`,
    options: (n: number) => `IPv4 options ${n} bytes (ihl ${5 + n / 4})`,
    ttl: (family: 4 | 6, n: number) => `${family === 4 ? 'TTL' : 'hop limit'} ${n}`,
    dport: (n: number) => `dport ${n}`,
    sport: (n: number) => `sport ${n}`,
  },
  ko: {
    arp: 'ARP 요청',
    echoRequest: '에코 요청',
    echoReply: '에코 응답',
    bytes: (n: number) => `${n}바이트`,
    cut: (kept: number, whole: number) => `${whole}바이트 중 ${kept}바이트로 잘림`,
    from: (a: string) => `출발지 ${a}`,
    to: (a: string) => `목적지 ${a}`,
    options: (n: number) => `IPv4 옵션 ${n}바이트(ihl ${5 + n / 4})`,
    ttl: (family: 4 | 6, n: number) => `${family === 4 ? 'TTL' : '홉 제한'} ${n}`,
    dport: (n: number) => `목적지 포트 ${n}`,
    sport: (n: number) => `출발지 포트 ${n}`,
  },
} satisfies Record<Locale, unknown>;

function protocolWords(spec: FrameSpec, locale: Locale): string {
  const w = WORDS[locale];
  if (spec.family === 'arp') return w.arp;
  const ip = spec.family === 4 ? 'IPv4' : 'IPv6';
  const icmp = spec.family === 4 ? 'ICMP' : 'ICMPv6';
  switch (spec.l4.kind) {
    case 'echo-request':
      return `${ip}/${icmp} ${w.echoRequest}`;
    case 'echo-reply':
      return `${ip}/${icmp} ${w.echoReply}`;
    case 'udp':
      return [`${ip}/UDP ${w.dport(spec.l4.dport)}`, spec.l4.sport ? w.sport(spec.l4.sport) : ''].filter(Boolean).join(' ');
    case 'tcp': {
      const flags = (spec.l4.flags ?? ['syn']).map((f) => f.toUpperCase()).join('+');
      return [`${ip}/TCP ${w.dport(spec.l4.dport)}`, spec.l4.sport ? w.sport(spec.l4.sport) : '', flags].filter(Boolean).join(' ');
    }
  }
}

/** "IPv4/UDP dport 53, from 10.9.0.7, VLAN 10, 60 bytes" (or "cut to 20 of 60 bytes"). */
export function describeFrame(spec: FrameSpec, locale: Locale, cut?: number): string {
  const w = WORDS[locale];
  const parts = [protocolWords(spec, locale)];
  if (spec.src) parts.push(w.from(spec.src));
  if (spec.dst) parts.push(w.to(spec.dst));
  if (spec.ipOptions) parts.push(w.options(spec.ipOptions));
  if (spec.ttl !== undefined && spec.family !== 'arp') parts.push(w.ttl(spec.family, spec.ttl));
  const tags = spec.vlans ?? [];
  if (tags.length === 1) parts.push(`VLAN ${tags[0]!.id}${tags[0]!.pcp ? ` PCP ${tags[0]!.pcp}` : ''}`);
  if (tags.length > 1) parts.push(`VLAN ${tags.map((t) => t.id).join('+')} (${tags.length === 2 ? 'QinQ' : `${tags.length} tags`})`);
  const whole = buildFrame(spec).length;
  parts.push(cut === undefined || cut >= whole ? w.bytes(whole) : w.cut(cut, whole));
  return parts.join(', ');
}

export interface FrameField {
  name: string;
  offset: number;
  length: number;
}

/** Where each named field of a frame built from `spec` lies, for saying which field differs. */
export function frameFields(spec: FrameSpec): FrameField[] {
  const fields: FrameField[] = [
    { name: 'Ethernet destination MAC', offset: 0, length: 6 },
    { name: 'Ethernet source MAC', offset: 6, length: 6 },
  ];
  (spec.vlans ?? []).forEach((_, i) => {
    fields.push({ name: `VLAN tag ${i + 1} TPID`, offset: 12 + 4 * i, length: 2 }, { name: `VLAN tag ${i + 1} TCI`, offset: 14 + 4 * i, length: 2 });
  });
  const { l3, l4, end } = headerOffsets(spec);
  fields.push({ name: 'EtherType', offset: l3 - 2, length: 2 });
  if (spec.family === 'arp') {
    fields.push({ name: 'ARP message', offset: l3, length: 28 });
    return fields;
  }
  if (spec.family === 4) {
    fields.push(
      { name: 'IPv4 version and ihl', offset: l3, length: 1 },
      { name: 'IPv4 total length', offset: l3 + 2, length: 2 },
      { name: 'IPv4 TTL', offset: l3 + 8, length: 1 },
      { name: 'IPv4 protocol', offset: l3 + 9, length: 1 },
      { name: 'IPv4 header checksum', offset: l3 + 10, length: 2 },
      { name: 'IPv4 source address', offset: l3 + 12, length: 4 },
      { name: 'IPv4 destination address', offset: l3 + 16, length: 4 },
    );
    if (spec.ipOptions) fields.push({ name: 'IPv4 options', offset: l3 + 20, length: spec.ipOptions });
  } else {
    fields.push(
      { name: 'IPv6 payload length', offset: l3 + 4, length: 2 },
      { name: 'IPv6 next header', offset: l3 + 6, length: 1 },
      { name: 'IPv6 hop limit', offset: l3 + 7, length: 1 },
      { name: 'IPv6 source address', offset: l3 + 8, length: 16 },
      { name: 'IPv6 destination address', offset: l3 + 24, length: 16 },
    );
  }
  const l4Fields: Record<FrameSpec['l4']['kind'], FrameField[]> = {
    'echo-request': [
      { name: 'ICMP type', offset: l4, length: 1 },
      { name: 'ICMP code', offset: l4 + 1, length: 1 },
      { name: 'ICMP checksum', offset: l4 + 2, length: 2 },
    ],
    'echo-reply': [],
    udp: [
      { name: 'UDP source port', offset: l4, length: 2 },
      { name: 'UDP destination port', offset: l4 + 2, length: 2 },
      { name: 'UDP checksum', offset: l4 + 6, length: 2 },
    ],
    tcp: [
      { name: 'TCP source port', offset: l4, length: 2 },
      { name: 'TCP destination port', offset: l4 + 2, length: 2 },
      { name: 'TCP flags', offset: l4 + 13, length: 1 },
      { name: 'TCP checksum', offset: l4 + 16, length: 2 },
    ],
  };
  l4Fields['echo-reply'] = l4Fields['echo-request'];
  fields.push(...l4Fields[spec.l4.kind]);
  fields.push({ name: 'payload', offset: l4 + (spec.l4.kind === 'tcp' ? 20 : 8), length: end - l4 });
  return fields;
}

const KOREAN_FIELD: Record<string, string> = {
  'Ethernet destination MAC': '이더넷 목적지 MAC',
  'Ethernet source MAC': '이더넷 출발지 MAC',
  EtherType: 'EtherType',
  'ARP message': 'ARP 메시지',
  'IPv4 version and ihl': 'IPv4 버전과 ihl',
  'IPv4 total length': 'IPv4 전체 길이',
  'IPv4 TTL': 'IPv4 TTL',
  'IPv4 protocol': 'IPv4 프로토콜',
  'IPv4 header checksum': 'IPv4 헤더 체크섬',
  'IPv4 source address': 'IPv4 출발지 주소',
  'IPv4 destination address': 'IPv4 목적지 주소',
  'IPv4 options': 'IPv4 옵션',
  'IPv6 payload length': 'IPv6 페이로드 길이',
  'IPv6 next header': 'IPv6 다음 헤더',
  'IPv6 hop limit': 'IPv6 홉 제한',
  'IPv6 source address': 'IPv6 출발지 주소',
  'IPv6 destination address': 'IPv6 목적지 주소',
  'ICMP type': 'ICMP 타입',
  'ICMP code': 'ICMP 코드',
  'ICMP checksum': 'ICMP 체크섬',
  'UDP source port': 'UDP 출발지 포트',
  'UDP destination port': 'UDP 목적지 포트',
  'UDP checksum': 'UDP 체크섬',
  'TCP source port': 'TCP 출발지 포트',
  'TCP destination port': 'TCP 목적지 포트',
  'TCP flags': 'TCP 플래그',
  'TCP checksum': 'TCP 체크섬',
  payload: '페이로드',
};

/** The field holding byte `offset` (the innermost one that does), or a plain byte position, in the reader's language. */
export function fieldAt(fields: readonly FrameField[], offset: number, locale: Locale = 'en'): string {
  const hit = fields.filter((f) => offset >= f.offset && offset < f.offset + f.length).at(-1);
  if (!hit) return { en: `byte ${offset}`, ko: `${offset}번째 바이트` }[locale];
  const name: Localized<() => string> = {
    en: () => hit.name,
    ko: () => KOREAN_FIELD[hit.name] ?? hit.name.replace(/^VLAN tag (\d+) (TPID|TCI)$/, 'VLAN 태그 $1의 $2'),
  };
  return name[locale]();
}
