// Exercise 3: a parser of its own — Ethernet, up to two VLAN tags, IPv4 with
// its options, IPv6 — that drops ICMP and ICMPv6 echo REPLIES. The xdp-parse
// lab drops echo requests, so its program fails here as it is.
import { expectEqual } from '../lib/checks.ts';
import { refreshIpv4Checksum, type FrameSpec, type VlanTag } from '../lib/frames.ts';
import { enableIpv6 } from '../lib/ipv6.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

const DOT1Q: VlanTag[] = [{ tpid: 0x8100, id: 10 }];
const QINQ: VlanTag[] = [
  { tpid: 0x88a8, id: 20 },
  { tpid: 0x8100, id: 30 },
];
const PINGS = 5;

const reply = (family: 4 | 6, extra: Partial<FrameSpec> = {}): FrameSpec => ({ family, l4: { kind: 'echo-reply' }, ...extra });
const request = (family: 4 | 6, extra: Partial<FrameSpec> = {}): FrameSpec => ({ family, l4: { kind: 'echo-request' }, ...extra });
const dropped = (frame: FrameSpec): UnitCase => ({ frame, verdict: 'XDP_DROP' });
const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

/**
 * An echo request whose 4 bytes of IPv4 options are all end-of-list (0):
 * legal, and a parser that skips 20 bytes instead of ihl * 4 reads the
 * options as an ICMP header of type 0, code 0 — an echo reply.
 */
const requestBehindZeroOptions: UnitCase = {
  frame: request(4, { ipOptions: 4 }),
  edit: {
    describe: { en: 'IPv4 options all end-of-list bytes (0)', ko: 'IPv4 옵션을 모두 옵션 목록 끝 바이트(0)로 채움' },
    apply(frame) {
      frame.fill(0, 14 + 20, 14 + 24);
      refreshIpv4Checksum(frame, 14);
    },
  },
  verdict: 'XDP_PASS',
  output: 'unchanged',
};

export const parseDrop: ExerciseDeclaration = {
  id: 'parse-drop',
  title: { en: 'Parse the headers yourself and drop echo replies', ko: '헤더를 직접 파싱해 에코 응답 드롭하기' },
  task: {
    en: 'Walk Ethernet, up to two VLAN tags (802.1Q, or 802.1ad outside 802.1Q), then IPv4 — its header is ihl * 4 bytes, options included — or IPv6, and drop ICMP and ICMPv6 echo replies. Everything else passes, and so does every frame too short to hold the headers you need.',
    ko: '이더넷, 최대 두 개의 VLAN 태그(802.1Q, 또는 바깥 802.1ad와 안쪽 802.1Q), 그다음 IPv4나 IPv6 헤더를 차례로 읽어 ICMP와 ICMPv6 에코 응답을 드롭하세요. IPv4 헤더 길이는 옵션을 포함해 ihl * 4바이트입니다. 나머지는 모두 통과시키고, 필요한 헤더를 다 담지 못할 만큼 짧은 프레임도 통과시킵니다.',
  },
  teaches: { en: 'walking headers with a cursor: VLAN tags, IPv4 ihl and options, IPv6, ICMP types', ko: '커서로 헤더 따라가기: VLAN 태그, IPv4 ihl과 옵션, IPv6, ICMP 타입' },
  page: 'exercises/parse-drop',
  follows: 'labs/xdp-parse',
  program: 'xdp_drop_replies',
  minKernel: {
    version: '4.19',
    why: { en: 'native XDP on veth, which the live stage uses, arrived in Linux 4.19.', ko: '실제 트래픽 단계가 쓰는 veth의 네이티브 XDP는 리눅스 4.19부터입니다.' },
  },
  minutes: 25,
  hints: [
    {
      en: 'Keep one pointer, the cursor, at the next header. Each step checks that the whole header lies before data_end, reads it, and moves the cursor past it. An echo reply is ICMP type 0 (ICMP_ECHOREPLY) over IPv4 and type 129 (ICMPV6_ECHO_REPLY) over IPv6.',
      ko: '다음 헤더를 가리키는 포인터, 곧 커서 하나를 들고 다니세요. 단계마다 헤더 전체가 data_end 앞에 있는지 확인하고, 읽고, 커서를 헤더 뒤로 옮깁니다. 에코 응답은 IPv4에서 ICMP 타입 0(ICMP_ECHOREPLY), IPv6에서 타입 129(ICMPV6_ECHO_REPLY)입니다.',
    },
    {
      en: 'A VLAN tag is 4 bytes: the TCI, then the EtherType of what follows. Its own EtherType is 0x8100 (ETH_P_8021Q) or 0x88a8 (ETH_P_8021AD). Look at most twice, in a loop with a constant bound (#pragma unroll), or write the step out twice.',
      ko: 'VLAN 태그는 4바이트입니다. TCI 다음에 그 뒤에 오는 것의 EtherType이 있습니다. 태그 자신의 EtherType은 0x8100(ETH_P_8021Q)이나 0x88a8(ETH_P_8021AD)입니다. 최대 두 번만 확인하세요. 상한이 상수인 루프(#pragma unroll)로 써도 되고, 같은 단계를 두 번 적어도 됩니다.',
    },
    {
      en: 'IPv4: after if ((void *)(ip + 1) > data_end) return XDP_PASS; take int len = ip->ihl * 4; if (len < 20) return XDP_PASS; struct icmphdr *icmp = (void *)ip + len; if ((void *)(icmp + 1) > data_end) return XDP_PASS; then return icmp->type == ICMP_ECHOREPLY ? XDP_DROP : XDP_PASS; when ip->protocol == IPPROTO_ICMP. IPv6: the ICMPv6 header is right after the 40-byte header when nexthdr == IPPROTO_ICMPV6.',
      ko: 'IPv4는 if ((void *)(ip + 1) > data_end) return XDP_PASS; 다음에 int len = ip->ihl * 4; if (len < 20) return XDP_PASS; struct icmphdr *icmp = (void *)ip + len; if ((void *)(icmp + 1) > data_end) return XDP_PASS; 를 두고, ip->protocol == IPPROTO_ICMP이면 return icmp->type == ICMP_ECHOREPLY ? XDP_DROP : XDP_PASS; 입니다. IPv6는 nexthdr == IPPROTO_ICMPV6일 때 40바이트 헤더 바로 뒤가 ICMPv6 헤더입니다.',
    },
  ],
  unit: [
    {
      id: 'replies-dropped',
      text: {
        en: 'ICMP and ICMPv6 echo replies get XDP_DROP: untagged, behind an 802.1Q tag, and behind two tags (802.1ad, then 802.1Q).',
        ko: 'ICMP와 ICMPv6 에코 응답은 XDP_DROP을 받습니다. 태그가 없을 때, 802.1Q 태그 하나 뒤에 있을 때, 태그 두 개(802.1ad 다음 802.1Q) 뒤에 있을 때 모두 그렇습니다.',
      },
      kind: 'frames',
      cases: [reply(4), reply(4, { vlans: DOT1Q }), reply(4, { vlans: QINQ }), reply(6), reply(6, { vlans: DOT1Q }), reply(6, { vlans: QINQ })].map(dropped),
    },
    {
      id: 'ipv4-options-honoured',
      text: {
        en: 'The IPv4 header is ihl * 4 bytes long: an echo reply with 8 bytes of options (and one behind two tags) gets XDP_DROP, and an echo request whose options are end-of-list bytes (0, as an ICMP type would read "echo reply") gets XDP_PASS.',
        ko: 'IPv4 헤더 길이는 ihl * 4바이트입니다. 옵션이 8바이트 붙은 에코 응답(태그 두 개 뒤에 있는 것도)은 XDP_DROP을, 옵션이 옵션 목록 끝 바이트(0, ICMP 타입으로 읽으면 "에코 응답")로 채워진 에코 요청은 XDP_PASS를 받습니다.',
      },
      kind: 'frames',
      cases: [dropped(reply(4, { ipOptions: 8 })), dropped(reply(4, { ipOptions: 8, vlans: QINQ })), requestBehindZeroOptions],
    },
    {
      id: 'others-passed',
      text: {
        en: 'Echo requests (IPv4 and IPv6, untagged and behind two tags), UDP, TCP and ARP get XDP_PASS and leave unchanged.',
        ko: '에코 요청(IPv4와 IPv6, 태그 없이 그리고 태그 두 개 뒤), UDP, TCP, ARP는 XDP_PASS를 받고 그대로 나갑니다.',
      },
      kind: 'frames',
      cases: [
        passed(request(4)),
        passed(request(4, { vlans: QINQ })),
        passed(request(6)),
        passed(request(6, { vlans: QINQ })),
        passed({ family: 4, l4: { kind: 'udp', dport: 53 } }),
        passed({ family: 6, l4: { kind: 'tcp', dport: 443 }, vlans: DOT1Q }),
        passed({ family: 'arp', l4: { kind: 'echo-request' } }),
      ],
    },
    {
      id: 'truncated-passed',
      text: {
        en: 'Echo replies cut short inside a VLAN tag, the IPv4 header, its options, the IPv6 header, or before the ICMP header get XDP_PASS: nothing is read past data_end.',
        ko: 'VLAN 태그, IPv4 헤더, 그 옵션, IPv6 헤더 중간에서 잘렸거나 ICMP 헤더가 오기 전에 끝난 에코 응답은 XDP_PASS를 받습니다. data_end 너머는 읽지 않습니다.',
      },
      kind: 'frames',
      cases: [
        passed(reply(4, { vlans: QINQ }), 16),
        passed(reply(4, { vlans: QINQ }), 20),
        passed(reply(4, { vlans: QINQ }), 30),
        passed(reply(4, { vlans: QINQ }), 42),
        passed(reply(4, { ipOptions: 8 }), 38),
        passed(reply(4, { ipOptions: 8 }), 42),
        passed(reply(6), 40),
        passed(reply(6), 54),
      ],
    },
  ],
  live: {
    tools: ['ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair, IPv4 and IPv6; your program on b', ko: 'veth 쌍으로 이은 네임스페이스 두 개(IPv4와 IPv6), b에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: 'ping from b (the replies cross your program), then ping towards b', ko: 'b에서 ping(응답이 여러분의 프로그램을 지남), 그다음 b 쪽으로 ping' } },
    ],
    checks: [
      { id: 'live-ipv4-outbound-lost', text: { en: `All ${PINGS} IPv4 pings from b go unanswered: the replies are dropped on the way in.`, ko: `b에서 보낸 IPv4 ping ${PINGS}개는 모두 응답을 받지 못합니다. 들어오는 응답이 드롭됩니다.` } },
      { id: 'live-ipv6-outbound-lost', text: { en: `All ${PINGS} IPv6 pings from b go unanswered.`, ko: `b에서 보낸 IPv6 ping ${PINGS}개도 모두 응답을 받지 못합니다.` } },
      { id: 'live-ipv4-inbound-answered', text: { en: `All ${PINGS} IPv4 pings towards b are answered: requests pass.`, ko: `b 쪽으로 보낸 IPv4 ping ${PINGS}개는 모두 응답을 받습니다. 요청은 통과합니다.` } },
      { id: 'live-ipv6-inbound-answered', text: { en: `All ${PINGS} IPv6 pings towards b are answered.`, ko: `b 쪽으로 보낸 IPv6 ping ${PINGS}개도 모두 응답을 받습니다.` } },
    ],
    async run(ctx, program) {
      const { pair, v6 } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const v6 = await enableIpv6(ctx, pair);
        await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        return { pair, v6 };
      });
      await ctx.step('traffic', async () => {
        const received = async (from: string, to: string, waitSeconds: number) => `${(await ping(ctx, from, to, { count: PINGS, waitSeconds })).received} received`;
        expectEqual(ctx, 'live-ipv4-outbound-lost', '0 received', await received(pair.b.netns, pair.a.ipv4, 0.2));
        expectEqual(ctx, 'live-ipv6-outbound-lost', '0 received', await received(pair.b.netns, v6.a, 0.2));
        expectEqual(ctx, 'live-ipv4-inbound-answered', `${PINGS} received`, await received(pair.a.netns, pair.b.ipv4, 0.3));
        expectEqual(ctx, 'live-ipv6-inbound-answered', `${PINGS} received`, await received(pair.a.netns, v6.b, 0.3));
      });
    },
  },
};
