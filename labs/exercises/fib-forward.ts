// Exercise 10: a router in XDP with bpf_fib_lookup, for IPv4 and IPv6. The
// xdp-forward lab routes IPv4 through a DEVMAP; this one also forwards IPv6
// (hop limit, flowinfo, 128-bit addresses) and sends with bpf_redirect. In the
// unit stage's namespace no lookup succeeds, so the crafted frames check what
// must reach the stack untouched; the live stage checks the forwarding.
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec } from '../lib/frames.ts';
import { readNstat } from '../lib/nstat.ts';
import { routedThreeHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf } from '../lib/xdp.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

const COUNT = 10;
/** Few enough that the router's ICMP rate limit (a burst of 6 per peer) answers every one. */
const EXPIRING = 3;
const SENT_TTL = 64;

const untouched = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });
const v4 = (extra: Partial<FrameSpec> = {}): FrameSpec => ({ family: 4, l4: { kind: 'udp', dport: 53 }, src: '10.1.0.1', dst: '10.2.0.1', ...extra });
const v6 = (extra: Partial<FrameSpec> = {}): FrameSpec => ({ family: 6, l4: { kind: 'udp', dport: 53 }, src: 'fd58:1::1', dst: 'fd58:2::1', ...extra });

export const fibForward: ExerciseDeclaration = {
  id: 'fib-forward',
  title: { en: 'A router in XDP, IPv4 and IPv6, with bpf_fib_lookup', ko: 'bpf_fib_lookup으로 만드는 XDP 라우터: IPv4와 IPv6' },
  task: {
    en: 'Forward IPv4 and IPv6 between the router\'s ports yourself: ask bpf_fib_lookup for the route and the next hop, and when it succeeds take one from the TTL (correcting the IPv4 header checksum) or the hop limit, set the MACs it returns and bpf_redirect to its egress device. Everything it does not answer in full, and every TTL or hop limit of 1 or less, goes to the stack unchanged.',
    ko: '라우터 포트 사이의 IPv4와 IPv6 전달을 직접 하세요. bpf_fib_lookup에 경로와 다음 홉을 묻고, 성공하면 TTL(IPv4 헤더 체크섬도 고쳐서)이나 홉 제한을 하나 줄이고, 돌려받은 MAC을 넣고, 출구 장치로 bpf_redirect합니다. 헬퍼가 끝까지 답하지 못한 패킷과 TTL이나 홉 제한이 1 이하인 패킷은 모두 그대로 스택에 넘깁니다.',
  },
  teaches: { en: 'bpf_fib_lookup for IPv4 and IPv6, TTL and hop limit, bpf_redirect, leaving what you cannot finish to the stack', ko: 'IPv4와 IPv6의 bpf_fib_lookup, TTL과 홉 제한, bpf_redirect, 끝내지 못하는 일은 스택에 맡기기' },
  page: 'exercises/fib-forward',
  follows: 'labs/xdp-forward',
  program: 'xdp_fib_forward',
  minKernel: {
    version: '4.19',
    why: { en: 'bpf_fib_lookup came in Linux 4.18, veth native XDP and redirect into a veth in 4.19.', ko: 'bpf_fib_lookup은 리눅스 4.18, veth 네이티브 XDP와 veth로의 리다이렉트는 4.19부터입니다.' },
  },
  minutes: 30,
  hints: [
    {
      en: 'For IPv6 the lookup wants family AF_INET6, ipv6_src and ipv6_dst (copy the 16 bytes of each address with __builtin_memcpy), l4_protocol = nexthdr, tot_len = 40 + payload_len, and flowinfo: the first 32-bit word of the header without its version nibble.',
      ko: 'IPv6 조회에는 family AF_INET6, ipv6_src와 ipv6_dst(주소마다 16바이트를 __builtin_memcpy로 복사), l4_protocol = nexthdr, tot_len = 40 + payload_len, 그리고 flowinfo가 필요합니다. flowinfo는 헤더 첫 32비트 워드에서 버전 니블을 뺀 값입니다.',
    },
    {
      en: 'Change nothing before the lookup has succeeded: a frame passed to the stack must be the one that came, or the stack decrements the TTL a second time. The unit stage checks exactly that, since in its namespace no lookup succeeds.',
      ko: '조회가 성공하기 전에는 아무것도 바꾸지 마세요. 스택에 넘기는 프레임은 들어온 그대로여야 합니다. 그렇지 않으면 스택이 TTL을 한 번 더 줄입니다. 단위 시험 단계의 네임스페이스에서는 어떤 조회도 성공하지 않으니, 검사는 바로 이 점을 봅니다.',
    },
    {
      en: 'IPv4: __u32 sum = (__u32)ip->check + (__u32)bpf_htons(0x0100); ip->check = (__u16)(sum + (sum >> 16)); ip->ttl--; — IPv6: ip6->hop_limit--; then memcpy(eth->h_dest, fib.dmac, 6); memcpy(eth->h_source, fib.smac, 6); return bpf_redirect(fib.ifindex, 0);',
      ko: 'IPv4: __u32 sum = (__u32)ip->check + (__u32)bpf_htons(0x0100); ip->check = (__u16)(sum + (sum >> 16)); ip->ttl--; — IPv6: ip6->hop_limit--; 그다음 memcpy(eth->h_dest, fib.dmac, 6); memcpy(eth->h_source, fib.smac, 6); return bpf_redirect(fib.ifindex, 0);',
    },
  ],
  unit: [
    {
      id: 'unroutable-passed',
      text: {
        en: 'In a namespace with no route, IPv4 and IPv6 packets (UDP, ICMP echo, IPv4 with options) get XDP_PASS and leave exactly as they came: TTL, hop limit and checksum untouched.',
        ko: '경로가 없는 네임스페이스에서 IPv4와 IPv6 패킷(UDP, ICMP 에코, 옵션이 있는 IPv4)은 XDP_PASS를 받고 들어온 그대로 나갑니다. TTL, 홉 제한, 체크섬 모두 그대로입니다.',
      },
      kind: 'frames',
      cases: [untouched(v4()), untouched(v4({ l4: { kind: 'echo-request' }, ipOptions: 8 })), untouched(v6()), untouched(v6({ l4: { kind: 'echo-request' } }))],
    },
    {
      id: 'expiring-passed',
      text: { en: 'Packets with TTL 1 or 0, or hop limit 1, get XDP_PASS and leave unchanged.', ko: 'TTL이 1이나 0인 패킷, 홉 제한이 1인 패킷은 XDP_PASS를 받고 그대로 나갑니다.' },
      kind: 'frames',
      cases: [untouched(v4({ ttl: 1 })), untouched(v4({ ttl: 0 })), untouched(v6({ ttl: 1 }))],
    },
    {
      id: 'others-passed',
      text: {
        en: 'ARP, and IPv4 and IPv6 packets cut short inside their IP header, get XDP_PASS and leave unchanged.',
        ko: 'ARP, 그리고 IP 헤더 중간에서 잘린 IPv4와 IPv6 패킷은 XDP_PASS를 받고 그대로 나갑니다.',
      },
      kind: 'frames',
      cases: [untouched({ family: 'arp', l4: { kind: 'echo-request' } }), untouched(v4(), 24), untouched(v6(), 40)],
    },
  ],
  live: {
    tools: ['ping', 'nstat'],
    steps: [
      {
        id: 'network',
        title: { en: 'Three namespaces a — r — c, routed over IPv4 and IPv6; your program on both of r’s ports', ko: '네임스페이스 세 개 a — r — c, IPv4와 IPv6로 라우팅, r의 두 포트에 여러분의 프로그램' },
      },
      { id: 'traffic', title: { en: 'Ping c from a over IPv4 and IPv6, then with TTL 1', ko: 'a에서 c로 IPv4와 IPv6 ping, 그다음 TTL 1로 ping' } },
    ],
    checks: [
      {
        id: 'live-ipv4-forwarded',
        text: {
          en: `All ${COUNT} IPv4 pings from a to c are answered while r's IpForwDatagrams (nstat) stands still: your program forwarded them, not r's stack.`,
          ko: `a에서 c로 보낸 IPv4 ping ${COUNT}개가 모두 응답을 받는 동안 r의 IpForwDatagrams(nstat)는 그대로입니다. 전달한 건 r의 스택이 아니라 여러분의 프로그램입니다.`,
        },
      },
      {
        id: 'live-ttl-decremented',
        text: { en: `Every request reaches c with TTL ${SENT_TTL - 1}, one hop less than it was sent with (counted on c before its stack).`, ko: `요청은 모두 보낸 값보다 홉 하나만큼 줄어든 TTL ${SENT_TTL - 1}로 c에 도착합니다(c의 스택 앞에서 셉니다).` },
      },
      {
        id: 'live-ipv6-forwarded',
        text: {
          en: `All ${COUNT} IPv6 pings from a to c are answered while r's Ip6OutForwDatagrams stands still.`,
          ko: `a에서 c로 보낸 IPv6 ping ${COUNT}개가 모두 응답을 받는 동안 r의 Ip6OutForwDatagrams는 그대로입니다.`,
        },
      },
      {
        id: 'live-expiring-answered',
        text: {
          en: `${EXPIRING} pings with TTL 1 each get "Time to live exceeded" from r's stack: your program passed them on.`,
          ko: `TTL 1로 보낸 ping ${EXPIRING}개는 각각 r의 스택에서 "Time to live exceeded"를 받습니다. 프로그램이 스택에 넘겼기 때문입니다.`,
        },
      },
    ],
    async run(ctx, program) {
      const { hosts, ttlMap } = await ctx.step('network', async () => {
        const hosts = await routedThreeHosts(ctx, { ipv6: true });
        // The lab's arrival counter on a and c: it counts ICMP by TTL, and gives each veth the receive queue redirected frames need.
        const arrival = await compileBpf(ctx, 'bpf/xdp_forward.c');
        const links = [];
        for (const end of [hosts.a, hosts.c]) links.push(await attachXdp(ctx, { netns: end.netns, dev: end.dev, mode: 'native', object: arrival, program: 'xdp_arrival' }));
        for (const port of [hosts.r0, hosts.r1]) await attachXdp(ctx, { netns: port.netns, dev: port.dev, mode: 'native', object: program.object, program: program.name });
        return { hosts, ttlMap: (await progMap(ctx, links[1]!.progId!, 'icmp_by_ttl')).id };
      });
      await ctx.step('traffic', async () => {
        const { a, r0, c, ipv6 } = hosts;
        const forwarded = async (name: 'IpForwDatagrams' | 'Ip6OutForwDatagrams', address: string) => {
          const before = (await readNstat(ctx, r0.netns, [name]))[name]!;
          const result = await ping(ctx, a.netns, address, { count: COUNT });
          return `${result.received} received, ${name} +${(await readNstat(ctx, r0.netns, [name]))[name]! - before}`;
        };
        expectEqual(ctx, 'live-ipv4-forwarded', `${COUNT} received, IpForwDatagrams +0`, await forwarded('IpForwDatagrams', c.ipv4));
        const ttls = (await dumpMap(ctx, ttlMap)).filter((e) => leUint(e.value) > 0).map((e) => `TTL ${leUint(e.key)} ×${leUint(e.value)}`);
        expectEqual(ctx, 'live-ttl-decremented', `TTL ${SENT_TTL - 1} ×${COUNT}`, ttls.join(', ') || 'nothing arrived');
        expectEqual(ctx, 'live-ipv6-forwarded', `${COUNT} received, Ip6OutForwDatagrams +0`, await forwarded('Ip6OutForwDatagrams', ipv6!.c));
        const expiring = await ctx.target.exec(['ping', '-n', '-c', String(EXPIRING), '-i', '0.05', '-t', '1', '-W', '0.5', c.ipv4], { netns: a.netns, allowFailure: true, timeoutMs: 15_000 });
        const exceeded = (expiring.stdout.match(/Time to live exceeded/g) ?? []).length;
        expectEqual(ctx, 'live-expiring-answered', `${EXPIRING} × Time to live exceeded`, `${exceeded} × Time to live exceeded`);
      });
    },
  },
};
