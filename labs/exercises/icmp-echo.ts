// Exercise 7: answer ping from XDP, IPv4 and IPv6, with XDP_TX and an
// incremental checksum update. The xdp-tx lab answers IPv4 only; this one
// also needs ICMPv6, so the lab's program does not pass as it is.
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec } from '../lib/frames.ts';
import { enableIpv6 } from '../lib/ipv6.ts';
import { readNstat } from '../lib/nstat.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf } from '../lib/xdp.ts';
import type { ExerciseDeclaration } from './types.ts';

const CLIENT_MAC = '02:58:0a:00:00:01';
const HOST_MAC = '02:58:0a:00:00:02';
const v4 = { src: '10.1.2.3', dst: '10.9.8.7' };
const v6 = { src: 'fd58:1::3', dst: 'fd58:9::7' };

const request = (family: 4 | 6, extra: Partial<FrameSpec> = {}): FrameSpec => ({
  family,
  l4: { kind: 'echo-request' },
  srcMac: CLIENT_MAC,
  dstMac: HOST_MAC,
  ...(family === 4 ? v4 : v6),
  ...extra,
});

/** The reply a correct program makes of `req`: the same frame with both address pairs swapped and the type changed. */
const replyTo = (req: FrameSpec): FrameSpec => ({ ...req, l4: { kind: 'echo-reply' }, src: req.dst!, dst: req.src!, srcMac: req.dstMac!, dstMac: req.srcMac! });

const answered = (req: FrameSpec) => ({ frame: req, verdict: 'XDP_TX' as const, output: replyTo(req) });
const untouched = (frame: FrameSpec, cut?: number) => ({ frame, ...(cut === undefined ? {} : { cut }), verdict: 'XDP_PASS' as const, output: 'unchanged' as const });

const PINGS = 10;
/** The answering namespace's stack: had it answered, these would grow. */
const STACK_COUNTERS = ['IcmpInEchos', 'Icmp6InEchos'] as const;

export const icmpEcho: ExerciseDeclaration = {
  id: 'icmp-echo',
  title: { en: 'Answer ping, IPv4 and IPv6, with XDP_TX', ko: 'XDP_TX로 ping에 응답하기: IPv4와 IPv6 모두' },
  task: {
    en: 'Turn every ICMP echo request, IPv4 and ICMPv6, into an echo reply in place and send it back with XDP_TX: swap the MAC addresses, swap the IP addresses, change the type, and correct the ICMP checksum incrementally (RFC 1624). Everything else, short frames included, passes unchanged.',
    ko: 'IPv4와 ICMPv6의 ICMP 에코 요청을 그 자리에서 에코 응답으로 바꿔 XDP_TX로 돌려보내세요. MAC 주소를 맞바꾸고, IP 주소를 맞바꾸고, 타입을 바꾼 다음 ICMP 체크섬을 증분 방식(RFC 1624)으로 고칩니다. 그 밖의 프레임은 짧은 프레임까지 포함해 모두 그대로 통과시킵니다.',
  },
  teaches: { en: 'XDP_TX, rewriting a frame in place, incremental checksums, ICMPv6', ko: 'XDP_TX, 프레임을 제자리에서 고쳐 쓰기, 증분 체크섬, ICMPv6' },
  page: 'exercises/icmp-echo',
  follows: 'labs/xdp-tx',
  program: 'xdp_echo',
  minKernel: {
    version: '4.19',
    why: { en: 'veth gained native XDP, XDP_TX included, in Linux 4.19; the live stage runs on veth.', ko: 'veth는 리눅스 4.19부터 XDP_TX를 포함한 네이티브 XDP를 지원하며, 실제 트래픽 단계가 veth에서 돌아갑니다.' },
  },
  minutes: 25,
  hints: [
    {
      en: 'Both ICMP headers begin with the same 16-bit word: type, then code. IPv4 echo request/reply are 8/0, ICMPv6 are 128/129. The ICMPv6 header follows the 40-byte IPv6 header when nexthdr is 58 (IPPROTO_ICMPV6); the ICMPv4 header follows ihl * 4 bytes of IPv4 header.',
      ko: '두 ICMP 헤더는 모두 같은 16비트 워드로 시작합니다. 앞 바이트가 타입, 뒤 바이트가 코드입니다. IPv4 에코 요청/응답은 8/0, ICMPv6는 128/129입니다. ICMPv6 헤더는 nexthdr가 58(IPPROTO_ICMPV6)일 때 40바이트 IPv6 헤더 바로 뒤에 있고, ICMPv4 헤더는 IPv4 헤더 ihl * 4바이트 뒤에 있습니다.',
    },
    {
      en: 'Swapping two addresses changes no checksum: the IPv4 header checksum and the ICMPv6 pseudo-header sum do not depend on the order of the words they add. Only the type word changes, so only it goes into the checksum update.',
      ko: '주소 두 개를 맞바꾸는 것만으로는 어떤 체크섬도 바뀌지 않습니다. IPv4 헤더 체크섬도 ICMPv6 의사 헤더 합계도 더하는 워드의 순서와 상관없기 때문입니다. 바뀌는 건 타입 워드뿐이니 체크섬 갱신에도 그 워드만 넣으면 됩니다.',
    },
    {
      en: 'Read the word before you change it: __u16 old = *(__u16 *)&icmp6->icmp6_type; icmp6->icmp6_type = ICMPV6_ECHO_REPLY; then csum_replace16(&icmp6->icmp6_cksum, old, *(__u16 *)&icmp6->icmp6_type); — the same three lines with icmp->type, ICMP_ECHOREPLY and icmp->checksum for IPv4. Swap eth->h_source and eth->h_dest through a 6-byte buffer with __builtin_memcpy.',
      ko: '바꾸기 전에 워드를 먼저 읽어 두세요. __u16 old = *(__u16 *)&icmp6->icmp6_type; icmp6->icmp6_type = ICMPV6_ECHO_REPLY; 그다음 csum_replace16(&icmp6->icmp6_cksum, old, *(__u16 *)&icmp6->icmp6_type); 입니다. IPv4는 icmp->type, ICMP_ECHOREPLY, icmp->checksum으로 같은 세 줄을 씁니다. eth->h_source와 eth->h_dest는 6바이트 버퍼를 거쳐 __builtin_memcpy로 맞바꿉니다.',
    },
  ],
  unit: [
    {
      id: 'ipv4-answered',
      text: {
        en: 'IPv4 echo requests (with and without IPv4 options, 16 and 1000 bytes of payload) get XDP_TX and become exactly the echo reply: MACs and addresses swapped, type 0, checksum valid.',
        ko: 'IPv4 에코 요청(IPv4 옵션 유무, 페이로드 16바이트와 1000바이트)은 XDP_TX를 받고 정확히 에코 응답이 됩니다. MAC과 주소가 맞바뀌고, 타입은 0, 체크섬은 올바릅니다.',
      },
      kind: 'frames',
      cases: [answered(request(4)), answered(request(4, { ipOptions: 8 })), answered(request(4, { payload: 1000 }))],
    },
    {
      id: 'ipv6-answered',
      text: {
        en: 'ICMPv6 echo requests (16 and 1000 bytes of payload) get XDP_TX and become exactly the echo reply: MACs and addresses swapped, type 129, checksum valid.',
        ko: 'ICMPv6 에코 요청(페이로드 16바이트와 1000바이트)은 XDP_TX를 받고 정확히 에코 응답이 됩니다. MAC과 주소가 맞바뀌고, 타입은 129, 체크섬은 올바릅니다.',
      },
      kind: 'frames',
      cases: [answered(request(6)), answered(request(6, { payload: 1000 }))],
    },
    {
      id: 'others-passed',
      text: {
        en: 'Echo replies (IPv4 and IPv6), UDP, TCP and ARP get XDP_PASS and leave unchanged.',
        ko: '에코 응답(IPv4와 IPv6), UDP, TCP, ARP는 XDP_PASS를 받고 그대로 나갑니다.',
      },
      kind: 'frames',
      cases: [
        untouched({ ...request(4), l4: { kind: 'echo-reply' } }),
        untouched({ ...request(6), l4: { kind: 'echo-reply' } }),
        untouched({ ...request(4), l4: { kind: 'udp', dport: 7 } }),
        untouched({ ...request(6), l4: { kind: 'tcp', dport: 7 } }),
        untouched({ family: 'arp', l4: { kind: 'echo-request' } }),
      ],
    },
    {
      id: 'short-passed',
      text: {
        en: 'Echo requests cut short inside the IP or the ICMP header get XDP_PASS and leave unchanged: the program reads nothing past data_end.',
        ko: 'IP 헤더나 ICMP 헤더 중간에서 잘린 에코 요청은 XDP_PASS를 받고 그대로 나갑니다. 프로그램은 data_end 너머를 읽지 않습니다.',
      },
      kind: 'frames',
      cases: [untouched(request(4), 30), untouched(request(4), 38), untouched(request(6), 50), untouched(request(6), 58)],
    },
  ],
  live: {
    tools: ['ping', 'nstat'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair, IPv4 and IPv6; your program on the answering end', ko: 'veth 쌍으로 이은 네임스페이스 두 개(IPv4와 IPv6), 응답하는 쪽에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: 'ping and ping over IPv6 from the other end', ko: '반대쪽에서 IPv4 ping과 IPv6 ping' } },
    ],
    checks: [
      { id: 'live-ipv4-answered', text: { en: `All ${PINGS} IPv4 pings are answered.`, ko: `IPv4 ping ${PINGS}개가 모두 응답을 받습니다.` } },
      { id: 'live-ipv6-answered', text: { en: `All ${PINGS} IPv6 pings are answered.`, ko: `IPv6 ping ${PINGS}개가 모두 응답을 받습니다.` } },
      {
        id: 'live-stack-silent',
        text: {
          en: "The answering namespace's IcmpInEchos and Icmp6InEchos (nstat) did not move: the replies came from your program, not from the kernel's stack.",
          ko: '응답하는 네임스페이스의 IcmpInEchos와 Icmp6InEchos(nstat)는 그대로입니다. 응답을 만든 건 커널 스택이 아니라 여러분의 프로그램입니다.',
        },
      },
    ],
    async run(ctx, program) {
      const { pair, ipv6 } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const ipv6 = await enableIpv6(ctx, pair);
        await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        // On a veth, frames sent with XDP_TX reach the peer only when the peer has an XDP program too.
        const passObject = await compileBpf(ctx, 'bpf/xdp.c');
        await attachXdp(ctx, { netns: pair.a.netns, dev: pair.a.dev, mode: 'native', object: passObject, program: 'xdp_pass' });
        return { pair, ipv6 };
      });
      await ctx.step('traffic', async () => {
        const before = await readNstat(ctx, pair.b.netns, STACK_COUNTERS);
        const received = async (address: string) => (await ping(ctx, pair.a.netns, address, { count: PINGS, waitSeconds: 0.3 })).received;
        expectEqual(ctx, 'live-ipv4-answered', `${PINGS} received`, `${await received(pair.b.ipv4)} received`);
        expectEqual(ctx, 'live-ipv6-answered', `${PINGS} received`, `${await received(ipv6.b)} received`);
        const after = await readNstat(ctx, pair.b.netns, STACK_COUNTERS);
        const moved = STACK_COUNTERS.map((n) => `${n} +${after[n]! - before[n]!}`).join(', ');
        expectEqual(ctx, 'live-stack-silent', STACK_COUNTERS.map((n) => `${n} +0`).join(', '), moved);
      });
    },
  },
};
