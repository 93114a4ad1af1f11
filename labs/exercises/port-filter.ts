// Exercise 4: an L4 port filter — TCP and UDP to one destination port, IPv4
// (options included) and IPv6 — where byte order is the trap: port 10275 is
// 9000 with its two bytes swapped, and must pass.
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec } from '../lib/frames.ts';
import { enableIpv6 } from '../lib/ipv6.ts';
import { readNstat } from '../lib/nstat.ts';
import { sendUdp } from '../lib/senders.ts';
import { twoHosts } from '../lib/topology.ts';
import { attachXdp } from '../lib/xdp.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

const BLOCKED = 9000;
/** 9000 is 0x2328; read in the wrong byte order it is 0x2823, 10275. */
const SWAPPED = 10275;
const OPEN = 9001;
const DATAGRAMS = 10;

const udp = (family: 4 | 6, dport: number, extra: Partial<FrameSpec> = {}, sport?: number): FrameSpec => ({
  family,
  l4: { kind: 'udp', dport, ...(sport === undefined ? {} : { sport }) },
  ...extra,
});
const tcp = (family: 4 | 6, dport: number, extra: Partial<FrameSpec> = {}, sport?: number): FrameSpec => ({
  family,
  l4: { kind: 'tcp', dport, ...(sport === undefined ? {} : { sport }) },
  ...extra,
});
const dropped = (frame: FrameSpec): UnitCase => ({ frame, verdict: 'XDP_DROP' });
const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

export const portFilter: ExerciseDeclaration = {
  id: 'port-filter',
  title: { en: 'A port filter: TCP and UDP to port 9000, IPv4 and IPv6', ko: '포트 필터: 9000번 포트로 가는 TCP와 UDP, IPv4와 IPv6' },
  task: {
    en: `Drop every TCP segment and UDP datagram whose destination port is ${BLOCKED}, over IPv4 (options included) and IPv6. Everything else passes: other ports, a source port of ${BLOCKED}, other protocols, and frames too short to hold the whole TCP or UDP header.`,
    ko: `목적지 포트가 ${BLOCKED}인 TCP 세그먼트와 UDP 데이터그램을 IPv4(옵션 포함)와 IPv6 모두에서 드롭하세요. 나머지는 모두 통과시킵니다. 다른 포트, 출발지 포트가 ${BLOCKED}인 패킷, 다른 프로토콜, 그리고 TCP나 UDP 헤더를 다 담지 못할 만큼 짧은 프레임도 마찬가지입니다.`,
  },
  teaches: { en: 'TCP and UDP headers, network byte order, one filter for two IP versions', ko: 'TCP와 UDP 헤더, 네트워크 바이트 순서, 두 IP 버전에 하나의 필터' },
  page: 'exercises/port-filter',
  follows: 'exercises/parse-drop',
  program: 'xdp_port_filter',
  minKernel: {
    version: '4.19',
    why: { en: 'native XDP on veth, which the live stage uses, arrived in Linux 4.19.', ko: '실제 트래픽 단계가 쓰는 veth의 네이티브 XDP는 리눅스 4.19부터입니다.' },
  },
  minutes: 20,
  hints: [
    {
      en: 'TCP and UDP both begin with the source port, then the destination port, 16 bits each. Find the L4 header (after ihl * 4 bytes of IPv4, or 40 bytes of IPv6), check that the whole header (struct udphdr, 8 bytes; struct tcphdr, 20 bytes) is before data_end, then read dest.',
      ko: 'TCP와 UDP는 둘 다 16비트 출발지 포트로 시작하고 그다음이 16비트 목적지 포트입니다. L4 헤더 위치를 찾고(IPv4는 ihl * 4바이트 뒤, IPv6는 40바이트 뒤), 헤더 전체(struct udphdr 8바이트, struct tcphdr 20바이트)가 data_end 앞에 있는지 확인한 다음 dest를 읽으세요.',
    },
    {
      en: `The port in the packet is big-endian (network byte order). Compared with ${BLOCKED} as it is, on a little-endian machine, it matches port ${SWAPPED} instead. Compare with bpf_htons(${BLOCKED}), or convert dest with bpf_ntohs first.`,
      ko: `패킷 안의 포트는 빅 엔디언(네트워크 바이트 순서)입니다. 리틀 엔디언 머신에서 ${BLOCKED}과 그대로 비교하면 ${SWAPPED}번 포트와 일치하고 맙니다. bpf_htons(${BLOCKED})과 비교하거나, 먼저 bpf_ntohs로 dest를 바꾸세요.`,
    },
    {
      en: `For UDP: struct udphdr *udp = l4; if ((void *)(udp + 1) > data_end) return XDP_PASS; return udp->dest == bpf_htons(${BLOCKED}) ? XDP_DROP : XDP_PASS; the same with struct tcphdr for TCP, where l4 is (void *)ip + ip->ihl * 4 for IPv4 and (void *)(ip6 + 1) for IPv6, and the protocol is ip->protocol or ip6->nexthdr.`,
      ko: `UDP는 struct udphdr *udp = l4; if ((void *)(udp + 1) > data_end) return XDP_PASS; return udp->dest == bpf_htons(${BLOCKED}) ? XDP_DROP : XDP_PASS; 이고 TCP는 struct tcphdr로 같게 씁니다. 여기서 l4는 IPv4면 (void *)ip + ip->ihl * 4, IPv6면 (void *)(ip6 + 1)이고, 프로토콜은 ip->protocol이나 ip6->nexthdr입니다.`,
    },
  ],
  unit: [
    {
      id: 'port-dropped',
      text: {
        en: `TCP and UDP to port ${BLOCKED} get XDP_DROP: over IPv4, IPv4 with 12 bytes of options, and IPv6.`,
        ko: `${BLOCKED}번 포트로 가는 TCP와 UDP는 XDP_DROP을 받습니다. IPv4, 옵션이 12바이트 붙은 IPv4, IPv6 모두 그렇습니다.`,
      },
      kind: 'frames',
      cases: [
        dropped(udp(4, BLOCKED)),
        dropped(tcp(4, BLOCKED)),
        dropped(udp(4, BLOCKED, { ipOptions: 12 })),
        dropped(tcp(4, BLOCKED, { ipOptions: 12 })),
        dropped(udp(6, BLOCKED)),
        dropped(tcp(6, BLOCKED)),
      ],
    },
    {
      id: 'byte-order',
      text: {
        en: `TCP and UDP to port ${SWAPPED} (${BLOCKED} with its two bytes swapped), IPv4 and IPv6, get XDP_PASS.`,
        ko: `${SWAPPED}번 포트(${BLOCKED}의 두 바이트를 뒤바꾼 값)로 가는 TCP와 UDP는 IPv4든 IPv6든 XDP_PASS를 받습니다.`,
      },
      kind: 'frames',
      cases: [passed(udp(4, SWAPPED)), passed(tcp(4, SWAPPED)), passed(udp(6, SWAPPED)), passed(tcp(6, SWAPPED))],
    },
    {
      id: 'source-port-passed',
      text: {
        en: `TCP and UDP from source port ${BLOCKED} to port 53 or 80, IPv4 and IPv6, get XDP_PASS: only the destination port counts.`,
        ko: `출발지 포트 ${BLOCKED}에서 53번이나 80번 포트로 가는 TCP와 UDP는 IPv4든 IPv6든 XDP_PASS를 받습니다. 보는 것은 목적지 포트뿐입니다.`,
      },
      kind: 'frames',
      cases: [passed(udp(4, 53, {}, BLOCKED)), passed(tcp(4, 80, {}, BLOCKED)), passed(udp(6, 53, {}, BLOCKED)), passed(tcp(6, 80, {}, BLOCKED))],
    },
    {
      id: 'others-passed',
      text: {
        en: `UDP and TCP to port ${OPEN}, ICMP and ICMPv6 echo requests, and ARP get XDP_PASS and leave unchanged.`,
        ko: `${OPEN}번 포트로 가는 UDP와 TCP, ICMP와 ICMPv6 에코 요청, ARP는 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [
        passed(udp(4, OPEN)),
        passed(tcp(6, OPEN)),
        passed({ family: 4, l4: { kind: 'echo-request' } }),
        passed({ family: 6, l4: { kind: 'echo-request' } }),
        passed({ family: 'arp', l4: { kind: 'echo-request' } }),
      ],
    },
    {
      id: 'short-passed',
      text: {
        en: `Segments and datagrams to port ${BLOCKED} cut short inside the UDP or TCP header (the port itself may be there), IPv4 and IPv6, get XDP_PASS: the program checks the whole header against data_end.`,
        ko: `UDP나 TCP 헤더 중간에서 잘린 ${BLOCKED}번 포트 세그먼트와 데이터그램(포트 필드 자체는 남아 있을 수도 있음)은 IPv4든 IPv6든 XDP_PASS를 받습니다. 프로그램은 헤더 전체를 data_end와 비교합니다.`,
      },
      kind: 'frames',
      cases: [passed(udp(4, BLOCKED), 36), passed(udp(4, BLOCKED), 40), passed(tcp(4, BLOCKED), 46), passed(udp(6, BLOCKED), 58), passed(tcp(6, BLOCKED), 70)],
    },
  ],
  live: {
    tools: ['nstat'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair, IPv4 and IPv6; your program on b', ko: 'veth 쌍으로 이은 네임스페이스 두 개(IPv4와 IPv6), b에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: `UDP to ports ${BLOCKED} and ${OPEN}, over IPv4 and IPv6`, ko: `IPv4와 IPv6로 ${BLOCKED}번과 ${OPEN}번 포트에 UDP` } },
    ],
    checks: [
      { id: 'live-ipv4-blocked', text: { en: `None of ${DATAGRAMS} IPv4 datagrams to port ${BLOCKED} reaches b's UDP layer (UdpNoPorts +0).`, ko: `${BLOCKED}번 포트로 보낸 IPv4 데이터그램 ${DATAGRAMS}개는 하나도 b의 UDP 계층에 닿지 않습니다(UdpNoPorts +0).` } },
      { id: 'live-ipv4-open', text: { en: `All ${DATAGRAMS} IPv4 datagrams to port ${OPEN} reach it (UdpNoPorts +${DATAGRAMS}: nothing listens there).`, ko: `${OPEN}번 포트로 보낸 IPv4 데이터그램 ${DATAGRAMS}개는 모두 닿습니다(듣는 소켓이 없으니 UdpNoPorts +${DATAGRAMS}).` } },
      { id: 'live-ipv6-blocked', text: { en: `None of ${DATAGRAMS} IPv6 datagrams to port ${BLOCKED} reaches it (Udp6NoPorts +0).`, ko: `${BLOCKED}번 포트로 보낸 IPv6 데이터그램 ${DATAGRAMS}개도 하나도 닿지 않습니다(Udp6NoPorts +0).` } },
      { id: 'live-ipv6-open', text: { en: `All ${DATAGRAMS} IPv6 datagrams to port ${OPEN} reach it (Udp6NoPorts +${DATAGRAMS}).`, ko: `${OPEN}번 포트로 보낸 IPv6 데이터그램 ${DATAGRAMS}개는 모두 닿습니다(Udp6NoPorts +${DATAGRAMS}).` } },
    ],
    async run(ctx, program) {
      const { pair, v6 } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const v6 = await enableIpv6(ctx, pair);
        await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        return { pair, v6 };
      });
      await ctx.step('traffic', async () => {
        /** How far b's counter moved while `count` datagrams went to address:port. */
        const arrivals = async (counter: string, address: string, port: number) => {
          const before = (await readNstat(ctx, pair.b.netns, [counter]))[counter]!;
          await sendUdp(ctx, pair.a.netns, address, port, { count: DATAGRAMS, payload: 32 });
          return `${counter} +${(await readNstat(ctx, pair.b.netns, [counter]))[counter]! - before}`;
        };
        expectEqual(ctx, 'live-ipv4-blocked', 'UdpNoPorts +0', await arrivals('UdpNoPorts', pair.b.ipv4, BLOCKED));
        expectEqual(ctx, 'live-ipv4-open', `UdpNoPorts +${DATAGRAMS}`, await arrivals('UdpNoPorts', pair.b.ipv4, OPEN));
        expectEqual(ctx, 'live-ipv6-blocked', 'Udp6NoPorts +0', await arrivals('Udp6NoPorts', v6.b, BLOCKED));
        expectEqual(ctx, 'live-ipv6-open', `Udp6NoPorts +${DATAGRAMS}`, await arrivals('Udp6NoPorts', v6.b, OPEN));
      });
    },
  },
};
