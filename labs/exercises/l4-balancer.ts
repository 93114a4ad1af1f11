// Exercise 12 (capstone): a small layer-4 load balancer. A backend table user
// space fills, the same backend for every packet of a flow (a hash of the
// 5-tuple, given in the starter so that the checks can expect exact bytes),
// and the destination rewritten with both checksums updated incrementally.
import { progMap, updateMapBytes } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import { ipv4Bytes, macBytes, type FrameSpec } from '../lib/frames.ts';
import { readNstat } from '../lib/nstat.ts';
import { sendUdp } from '../lib/senders.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf } from '../lib/xdp.ts';
import { u32 } from './bytes.ts';
import type { ExerciseDeclaration, MapWrite, UnitCase } from './types.ts';

const SERVICE_PORT = 8000;
const COUNT = 10;
const CLIENT_MAC = '02:58:0c:00:00:01';
const BALANCER_MAC = '02:58:0c:00:00:02';
const SERVICE = '10.0.0.2';

interface Backend {
  addr: string;
  mac: string;
}

/** Slots 0-2 hold a backend; slot 3 stays empty (address 0), so a flow hashed there passes. */
const BACKENDS: (Backend | undefined)[] = [
  { addr: '10.0.1.10', mac: '02:58:0b:00:00:10' },
  { addr: '10.0.1.11', mac: '02:58:0b:00:00:11' },
  { addr: '10.0.1.12', mac: '02:58:0b:00:00:12' },
  undefined,
];

/** struct backend { __be32 addr; unsigned char mac[6]; __u16 pad; } as the map holds it. */
const backendValue = (b: Backend): number[] => [...ipv4Bytes(b.addr), ...macBytes(b.mac), 0, 0];

export function backendWrites(map: string, backends: readonly (Backend | undefined)[]): MapWrite[] {
  return backends.flatMap((b, slot) => (b ? [{ map, key: u32(slot), value: backendValue(b) }] : []));
}

const be32 = (address: string) => ipv4Bytes(address).reduce((n, b) => n * 256 + b, 0);

/** flow_hash() of the starter, in TypeScript: the slot a flow must go to. */
export function flowSlot(src: string, dst: string, sport: number, dport: number, protocol: number): number {
  const h = (be32(src) ^ be32(dst) ^ (((sport << 16) | dport) >>> 0) ^ protocol) >>> 0;
  return Math.imul(h, 0x9e3779b1) >>> 30;
}

type Proto = 'tcp' | 'udp';
const PROTOCOL: Record<Proto, number> = { tcp: 6, udp: 17 };

/** A packet of a flow from `src:sport` to the service. */
function packet(proto: Proto, src: string, sport: number, extra: Partial<FrameSpec> = {}): FrameSpec {
  const l4 = proto === 'tcp' ? { kind: 'tcp' as const, dport: SERVICE_PORT, sport, flags: ['syn' as const] } : { kind: 'udp' as const, dport: SERVICE_PORT, sport };
  return { family: 4, l4, src, dst: SERVICE, srcMac: CLIENT_MAC, dstMac: BALANCER_MAC, ...extra };
}

const slotOf = (f: FrameSpec) => flowSlot(f.src!, f.dst!, (f.l4 as { sport: number }).sport, SERVICE_PORT, PROTOCOL[f.l4.kind as Proto]);

/** What a correct balancer makes of `frame`: to the backend's address and MAC, from this host's MAC. */
function balanced(frame: FrameSpec): UnitCase {
  const backend = BACKENDS[slotOf(frame)];
  if (!backend) throw new Error(`flow ${frame.src}:${JSON.stringify(frame.l4)} hashes to an empty slot`);
  return { frame, verdict: 'XDP_TX', output: { ...frame, dst: backend.addr, dstMac: backend.mac, srcMac: frame.dstMac! } };
}
const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

/** The first source port from `from` on whose flow lands in a slot `wanted` accepts. */
function flowTo(proto: Proto, src: string, wanted: (slot: number) => boolean, from = 40000): FrameSpec {
  for (let sport = from; sport < from + 1000; sport++) {
    const f = packet(proto, src, sport);
    if (wanted(slotOf(f))) return f;
  }
  throw new Error('no such flow');
}

// Flows chosen so that each backend gets one, over TCP and UDP, and one lands in the empty slot.
const FLOWS = [flowTo('tcp', '10.0.0.1', (s) => s === 0), flowTo('udp', '10.0.0.1', (s) => s === 1), flowTo('tcp', '10.0.0.7', (s) => s === 2), flowTo('udp', '10.0.0.7', (s) => s === 0)];
const EMPTY_FLOW = flowTo('tcp', '10.0.0.1', (s) => s === 3);
const later = (f: FrameSpec, extra: Partial<FrameSpec>): FrameSpec => ({ ...f, ...extra, ...(f.l4.kind === 'tcp' ? { l4: { ...f.l4, flags: ['ack', 'psh'] } } : {}) });

export const l4Balancer: ExerciseDeclaration = {
  id: 'l4-balancer',
  title: { en: 'Capstone: a small L4 load balancer', ko: '종합 과제: 작은 L4 로드 밸런서' },
  task: {
    en: `Send every IPv4 TCP segment and UDP datagram to port ${SERVICE_PORT} to the backend in slot flow_hash(5-tuple) of the map backends, which user space fills: rewrite the destination address, update the IPv4 header checksum and the TCP/UDP checksum incrementally, set the MACs (from this host to the backend) and return XDP_TX. An empty slot, other traffic and short frames get XDP_PASS unchanged.`,
    ko: `${SERVICE_PORT}번 포트로 가는 IPv4 TCP 세그먼트와 UDP 데이터그램을, 사용자 공간이 채워 둔 맵 backends에서 flow_hash(5-튜플) 슬롯에 있는 백엔드로 보내세요. 목적지 주소를 바꾸고, IPv4 헤더 체크섬과 TCP/UDP 체크섬을 증분 방식으로 고치고, MAC을 이 호스트에서 백엔드로 가도록 설정한 뒤 XDP_TX를 돌려줍니다. 빈 슬롯, 다른 트래픽, 짧은 프레임은 XDP_PASS로 그대로 통과시킵니다.`,
  },
  teaches: { en: 'A backend table, per-flow consistency by hashing, rewriting a destination, two incremental checksums', ko: '백엔드 테이블, 해시로 흐름마다 같은 백엔드 고르기, 목적지 바꿔 쓰기, 증분 체크섬 두 개' },
  page: 'exercises/l4-balancer',
  follows: 'labs/xdp-tx',
  program: 'xdp_balance',
  minKernel: { version: '4.19', why: { en: 'veth gained native XDP, XDP_TX included, in Linux 4.19.', ko: 'veth는 리눅스 4.19부터 XDP_TX를 포함한 네이티브 XDP를 지원합니다.' } },
  minutes: 40,
  hints: [
    {
      en: 'Only the destination address changes in the IP header, and it is covered twice: by the IPv4 header checksum, and by the TCP or UDP checksum through the pseudo-header. Each needs the same correction: the old address out, the new one in, as two 16-bit halves.',
      ko: 'IP 헤더에서 바뀌는 건 목적지 주소뿐인데, 이 주소는 두 번 덮여 있습니다. IPv4 헤더 체크섬이 한 번, 의사 헤더를 통해 TCP나 UDP 체크섬이 또 한 번입니다. 둘 다 같은 보정이 필요합니다. 예전 주소를 빼고 새 주소를 넣되, 16비트 절반 두 개씩으로 계산합니다.',
    },
    {
      en: 'The TCP and UDP headers both start with the source and destination ports, so one __be16 *ports pointer serves both; only the checksum sits elsewhere (tcp->check at byte 16, udp->check at byte 6). Keep a __u16 * to whichever it is. A UDP checksum of 0 means "not computed": leave it 0.',
      ko: 'TCP 헤더와 UDP 헤더는 둘 다 출발지 포트와 목적지 포트로 시작하므로 __be16 *ports 포인터 하나로 둘을 다룰 수 있습니다. 체크섬 위치만 다릅니다(tcp->check는 16번째 바이트, udp->check는 6번째 바이트). 어느 쪽이든 __u16 *로 가리켜 두세요. UDP 체크섬 0은 "계산하지 않음"이니 0으로 둡니다.',
    },
    {
      en: '__u32 slot = flow_hash(ip->saddr, ip->daddr, ports[0], ports[1], ip->protocol); struct backend *to = bpf_map_lookup_elem(&backends, &slot); if (!to || !to->addr) return XDP_PASS; csum_replace32(&ip->check, ip->daddr, to->addr); csum_replace32(l4_check, ip->daddr, to->addr); ip->daddr = to->addr; memcpy(eth->h_source, eth->h_dest, 6); memcpy(eth->h_dest, to->mac, 6); return XDP_TX;',
      ko: '__u32 slot = flow_hash(ip->saddr, ip->daddr, ports[0], ports[1], ip->protocol); struct backend *to = bpf_map_lookup_elem(&backends, &slot); if (!to || !to->addr) return XDP_PASS; csum_replace32(&ip->check, ip->daddr, to->addr); csum_replace32(l4_check, ip->daddr, to->addr); ip->daddr = to->addr; memcpy(eth->h_source, eth->h_dest, 6); memcpy(eth->h_dest, to->mac, 6); return XDP_TX;',
    },
  ],
  setup: backendWrites('backends', BACKENDS),
  unit: [
    {
      id: 'flows-balanced',
      text: {
        en: `The first packets of four flows (TCP SYNs and UDP datagrams from two clients) get XDP_TX and leave as exactly the same packet to their backend: destination address and MACs rewritten, both checksums valid.`,
        ko: '흐름 네 개의 첫 패킷(클라이언트 두 곳에서 온 TCP SYN과 UDP 데이터그램)은 XDP_TX를 받고, 목적지 주소와 MAC만 바뀌고 두 체크섬이 올바른, 똑같은 패킷으로 각자의 백엔드에 갑니다.',
      },
      kind: 'frames',
      cases: FLOWS.map(balanced),
    },
    {
      id: 'flows-stick',
      text: {
        en: 'Later packets of the same flows (TCP ACK+PSH with 500 bytes of data, a longer UDP datagram, one with IPv4 options) go to the same backend as their first, bytes exact.',
        ko: '같은 흐름의 뒤따르는 패킷(데이터 500바이트가 실린 TCP ACK+PSH, 더 긴 UDP 데이터그램, IPv4 옵션이 있는 패킷)은 첫 패킷과 같은 백엔드로, 바이트까지 정확하게 갑니다.',
      },
      kind: 'frames',
      cases: [balanced(later(FLOWS[0]!, { payload: 500 })), balanced(later(FLOWS[1]!, { payload: 700 })), balanced(later(FLOWS[2]!, { ipOptions: 8 }))],
    },
    {
      id: 'empty-slot-passed',
      text: { en: 'A flow whose slot is empty (slot 3, address 0) gets XDP_PASS and leaves unchanged.', ko: '슬롯이 빈 흐름(슬롯 3, 주소 0)은 XDP_PASS를 받고 그대로 나갑니다.' },
      kind: 'frames',
      cases: [passed(EMPTY_FLOW)],
    },
    {
      id: 'others-passed',
      text: {
        en: `TCP and UDP to port ${SERVICE_PORT + 1}, ICMP, IPv6 UDP to port ${SERVICE_PORT} and ARP get XDP_PASS and leave unchanged.`,
        ko: `${SERVICE_PORT + 1}번 포트로 가는 TCP와 UDP, ICMP, ${SERVICE_PORT}번 포트로 가는 IPv6 UDP, ARP는 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [
        passed({ ...FLOWS[0]!, l4: { kind: 'tcp', dport: SERVICE_PORT + 1, sport: 40000 } }),
        passed({ ...FLOWS[1]!, l4: { kind: 'udp', dport: SERVICE_PORT + 1, sport: 40000 } }),
        passed({ ...FLOWS[0]!, l4: { kind: 'echo-request' } }),
        passed({ family: 6, l4: { kind: 'udp', dport: SERVICE_PORT, sport: 40000 } }),
        passed({ family: 'arp', l4: { kind: 'echo-request' } }),
      ],
    },
    {
      id: 'short-passed',
      text: {
        en: `Packets to port ${SERVICE_PORT} cut short inside the TCP or UDP header get XDP_PASS and leave unchanged.`,
        ko: `TCP 헤더나 UDP 헤더 중간에서 잘린 ${SERVICE_PORT}번 포트 패킷은 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [passed(FLOWS[0]!, 14 + 20 + 10), passed(FLOWS[1]!, 14 + 20 + 6)],
    },
  ],
  live: {
    tools: ['nstat', 'ping', 'ethtool'],
    steps: [
      {
        id: 'network',
        title: {
          en: 'Two namespaces: the client, which also holds the three backends’ addresses, and the balancer with your program',
          ko: '네임스페이스 두 개: 백엔드 세 곳의 주소도 가진 클라이언트, 그리고 여러분의 프로그램이 있는 밸런서',
        },
      },
      { id: 'traffic', title: { en: `UDP to port ${SERVICE_PORT} and to port ${SERVICE_PORT + 1}, then ping`, ko: `${SERVICE_PORT}번과 ${SERVICE_PORT + 1}번 포트로 UDP, 그다음 ping` } },
    ],
    checks: [
      {
        id: 'live-balanced',
        text: {
          en: `All ${COUNT} datagrams to port ${SERVICE_PORT} come back to the client's side addressed to a backend, and its stack accepts every one: UdpNoPorts +${COUNT} (no backend listens), UdpInCsumErrors +0.`,
          ko: `${SERVICE_PORT}번 포트로 보낸 데이터그램 ${COUNT}개가 모두 백엔드 주소로 바뀌어 클라이언트 쪽으로 돌아오고, 그쪽 스택이 모두 받아들입니다: UdpNoPorts +${COUNT}(듣는 백엔드가 없으니), UdpInCsumErrors +0.`,
        },
      },
      { id: 'live-balancer-stack-silent', text: { en: `The balancer's stack saw none of them (its UdpNoPorts did not move).`, ko: '밸런서의 스택은 그중 하나도 보지 못합니다(밸런서의 UdpNoPorts는 그대로).' } },
      {
        id: 'live-other-port-passed',
        text: {
          en: `All ${COUNT} datagrams to port ${SERVICE_PORT + 1} reach the balancer's own stack (its UdpNoPorts +${COUNT}), and ping is answered.`,
          ko: `${SERVICE_PORT + 1}번 포트로 보낸 데이터그램 ${COUNT}개는 모두 밸런서 자신의 스택에 닿고(UdpNoPorts +${COUNT}), ping도 응답을 받습니다.`,
        },
      },
    ],
    async run(ctx, program) {
      const { a, b } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const { a, b } = pair;
        const exA = (argv: string[]) => ctx.target.exec(argv, { netns: a.netns });
        const subnet = a.ipv4.replace(/\.\d+$/, '');
        const backends = [101, 102, 103].map((n) => ({ addr: `${subnet}.${n}`, mac: a.mac }));
        for (const backend of backends) await exA(['ip', 'addr', 'add', `${backend.addr}/32`, 'dev', a.dev]);
        // The rewritten datagrams come back from the client's own address: accept them (no martian-source drop).
        for (const conf of ['all', a.dev]) {
          await exA(['sysctl', '-q', '-w', `net.ipv4.conf.${conf}.accept_local=1`]);
          await exA(['sysctl', '-q', '-w', `net.ipv4.conf.${conf}.rp_filter=0`]);
        }
        // With checksum offload a veth hands the frame on with the UDP checksum unfinished (the stack
        // trusts the metadata, which XDP_TX does not carry): have the client compute it, as a NIC's receiver would see.
        await exA(['ethtool', '-K', a.dev, 'tx', 'off']);
        const link = await attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object: program.object, program: program.name });
        // On a veth, frames sent with XDP_TX reach the peer only when the peer has an XDP program too.
        await attachXdp(ctx, { netns: a.netns, dev: a.dev, mode: 'native', object: await compileBpf(ctx, 'bpf/xdp.c'), program: 'xdp_pass' });
        // Three backends in slots 0-2 and the fourth slot as well, so that every flow has one.
        const writes = backendWrites('backends', [...backends, backends[0]!]);
        const map = await progMap(ctx, link.progId!, 'backends');
        for (const w of writes) await updateMapBytes(ctx, map.id, w.key, w.value);
        ctx.note(`backends: ${backends.map((x) => x.addr).join(', ')} (on the client's veth)`);
        return pair;
      });
      await ctx.step('traffic', async () => {
        const counters = ['UdpNoPorts', 'UdpInCsumErrors'] as const;
        const read = async () => ({ a: await readNstat(ctx, a.netns, counters), b: await readNstat(ctx, b.netns, counters) });
        let before = await read();
        await sendUdp(ctx, a.netns, b.ipv4, SERVICE_PORT, { count: COUNT, payload: 64 });
        let after = await read();
        const grown = (side: 'a' | 'b', name: (typeof counters)[number]) => `${name} +${after[side][name]! - before[side][name]!}`;
        expectEqual(ctx, 'live-balanced', `UdpNoPorts +${COUNT}, UdpInCsumErrors +0`, `${grown('a', 'UdpNoPorts')}, ${grown('a', 'UdpInCsumErrors')}`);
        expectEqual(ctx, 'live-balancer-stack-silent', 'UdpNoPorts +0', grown('b', 'UdpNoPorts'));
        before = await read();
        await sendUdp(ctx, a.netns, b.ipv4, SERVICE_PORT + 1, { count: COUNT, payload: 64 });
        after = await read();
        const pinged = await ping(ctx, a.netns, b.ipv4, { count: 5 });
        expectEqual(ctx, 'live-other-port-passed', `UdpNoPorts +${COUNT}, 5 pings answered`, `${grown('b', 'UdpNoPorts')}, ${pinged.received} pings answered`);
      });
    },
  },
};
