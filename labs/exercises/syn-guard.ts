// Exercise 11 (capstone): a SYN-flood guard. Per-source state in an LRU hash,
// one key type for IPv4 and IPv6, atomic counting, and the TCP flags that make
// a connection request. The unit stage checks the map's contents exactly.
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import { ipv4Bytes, ipv6Bytes, type FrameSpec, type TcpFlag } from '../lib/frames.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

const SYN_LIMIT = 3;
const ATTEMPTS = 5;
const PORT = 8080;
const [FLOODER, OTHER] = ['10.0.0.1', '10.0.0.9'];
const FLOODER6 = 'fd58::1';

/** The map's key for a source: an IPv6 address, IPv4 as ::ffff:a.b.c.d. */
export const sourceKey = (address: string): number[] => (address.includes(':') ? ipv6Bytes(address) : [...Array<number>(10).fill(0), 0xff, 0xff, ...ipv4Bytes(address)]);

const tcp = (src: string, flags: TcpFlag[], extra: Partial<FrameSpec> = {}): FrameSpec => ({
  family: src.includes(':') ? 6 : 4,
  l4: { kind: 'tcp', dport: PORT, flags },
  src,
  payload: 0,
  ...extra,
});
const syn = (src: string, sport: number, extra: Partial<FrameSpec> = {}): FrameSpec => ({ ...tcp(src, ['syn'], extra), l4: { kind: 'tcp', dport: PORT, sport, flags: ['syn'] } });
const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });
const dropped = (frame: FrameSpec): UnitCase => ({ frame, verdict: 'XDP_DROP' });

export const synGuard: ExerciseDeclaration = {
  id: 'syn-guard',
  title: { en: 'Capstone: a SYN-flood guard', ko: '종합 과제: SYN 플러드 방어' },
  task: {
    en: `Count, per source address, the TCP connection requests (SYN set, ACK clear) that arrive over IPv4 and IPv6, in the LRU hash syn_count keyed by the source as an IPv6 address (IPv4 as ::ffff:a.b.c.d). Pass the first ${SYN_LIMIT} SYNs of each source and drop every later one; everything else, other TCP segments of the same source included, passes unchanged.`,
    ko: `IPv4와 IPv6로 들어오는 TCP 연결 요청(SYN이 켜지고 ACK가 꺼진 세그먼트)을 출발지 주소별로 세어, 출발지를 IPv6 주소(IPv4는 ::ffff:a.b.c.d)로 쓰는 LRU 해시 syn_count에 기록하세요. 출발지마다 처음 ${SYN_LIMIT}개의 SYN은 통과시키고 그 뒤로는 모두 드롭합니다. 같은 출발지의 다른 TCP 세그먼트를 포함해 나머지는 모두 그대로 통과시킵니다.`,
  },
  teaches: { en: 'LRU hash maps, per-source state, atomic counters, TCP flags, one key for IPv4 and IPv6', ko: 'LRU 해시 맵, 출발지별 상태, 원자적 카운터, TCP 플래그, IPv4와 IPv6를 함께 쓰는 키' },
  page: 'exercises/syn-guard',
  follows: 'labs/xdp-counter',
  program: 'xdp_syn_guard',
  minKernel: { version: '4.19', why: { en: 'LRU hash maps are older (4.10); veth gained native XDP in Linux 4.19.', ko: 'LRU 해시 맵은 그보다 오래됐고(4.10), veth는 리눅스 4.19부터 네이티브 XDP를 지원합니다.' } },
  minutes: 30,
  hints: [
    {
      en: 'struct tcphdr has one bit-field per flag: tcp->syn and tcp->ack. A connection request has syn set and ack clear; the server\'s answer, SYN+ACK, has both and must pass.',
      ko: 'struct tcphdr에는 플래그마다 비트 필드가 있습니다: tcp->syn, tcp->ack. 연결 요청은 syn이 켜지고 ack가 꺼져 있습니다. 서버의 응답인 SYN+ACK는 둘 다 켜져 있으니 통과시켜야 합니다.',
    },
    {
      en: 'For IPv4, build the key in a zeroed struct in6_addr: source.in6_u.u6_addr16[5] = 0xffff; source.in6_u.u6_addr32[3] = ip->saddr; (0xffff is the same in either byte order; saddr stays in network order). For IPv6, source = ip6->saddr.',
      ko: 'IPv4는 0으로 초기화한 struct in6_addr에 키를 만듭니다: source.in6_u.u6_addr16[5] = 0xffff; source.in6_u.u6_addr32[3] = ip->saddr; (0xffff는 바이트 순서와 상관없이 같고, saddr는 네트워크 순서 그대로 둡니다). IPv6는 source = ip6->saddr 입니다.',
    },
    {
      en: `__u64 *count = bpf_map_lookup_elem(&syn_count, &source); if (!count) { __u64 zero = 0; bpf_map_update_elem(&syn_count, &source, &zero, BPF_NOEXIST); count = bpf_map_lookup_elem(&syn_count, &source); if (!count) return XDP_PASS; } __sync_fetch_and_add(count, 1); return *count > SYN_LIMIT ? XDP_DROP : XDP_PASS; (read the counter after the add rather than use the add's return value: Linux 5.10 and clang before 12 cannot)`,
      ko: `__u64 *count = bpf_map_lookup_elem(&syn_count, &source); if (!count) { __u64 zero = 0; bpf_map_update_elem(&syn_count, &source, &zero, BPF_NOEXIST); count = bpf_map_lookup_elem(&syn_count, &source); if (!count) return XDP_PASS; } __sync_fetch_and_add(count, 1); return *count > SYN_LIMIT ? XDP_DROP : XDP_PASS; (더한 값을 돌려받지 말고 더한 뒤에 카운터를 읽으세요. 리눅스 5.10과 clang 12 이전 버전은 원자적 덧셈의 반환값을 쓸 수 없습니다)`,
    },
  ],
  // The frames run in this order, so the counts build up from one check to the next.
  unit: [
    {
      id: 'first-syns-passed',
      text: {
        en: `The first ${SYN_LIMIT} SYNs from ${FLOODER} and from ${FLOODER6} (different source ports) get XDP_PASS and leave unchanged.`,
        ko: `${FLOODER}와 ${FLOODER6}에서 온 처음 SYN ${SYN_LIMIT}개(출발지 포트는 제각각)는 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [FLOODER, FLOODER6].flatMap((src) => [0, 1, 2].map((i) => passed(syn(src, 41000 + i)))),
    },
    {
      id: 'excess-syns-dropped',
      text: {
        en: `Two more SYNs from ${FLOODER} (one with IPv4 options) and one more from ${FLOODER6} get XDP_DROP.`,
        ko: `${FLOODER}에서 온 SYN 두 개(하나는 IPv4 옵션 포함)와 ${FLOODER6}에서 온 SYN 하나가 더 오면 XDP_DROP을 받습니다.`,
      },
      kind: 'frames',
      cases: [dropped(syn(FLOODER, 41003)), dropped(syn(FLOODER, 41004, { ipOptions: 8 })), dropped(syn(FLOODER6, 41003))],
    },
    {
      id: 'others-passed',
      text: {
        en: `A first SYN from ${OTHER}; SYN+ACK, ACK, ACK+PSH with data, RST, UDP and ICMP from ${FLOODER}; an ACK from ${FLOODER6}; ARP — all get XDP_PASS and leave unchanged.`,
        ko: `${OTHER}에서 온 첫 SYN, ${FLOODER}에서 온 SYN+ACK, ACK, 데이터가 실린 ACK+PSH, RST, UDP, ICMP, ${FLOODER6}에서 온 ACK, ARP는 모두 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [
        passed(syn(OTHER, 41000)),
        passed(tcp(FLOODER, ['syn', 'ack'])),
        passed(tcp(FLOODER, ['ack'])),
        passed(tcp(FLOODER, ['ack', 'psh'], { payload: 100 })),
        passed(tcp(FLOODER, ['rst'])),
        passed({ family: 4, l4: { kind: 'udp', dport: PORT }, src: FLOODER }),
        passed({ family: 4, l4: { kind: 'echo-request' }, src: FLOODER }),
        passed(tcp(FLOODER6, ['ack'])),
        passed({ family: 'arp', l4: { kind: 'echo-request' } }),
      ],
    },
    {
      id: 'short-passed',
      text: {
        en: `SYNs from ${FLOODER} and ${FLOODER6} cut short inside the TCP header get XDP_PASS and are not counted: the program reads nothing past data_end.`,
        ko: `TCP 헤더 중간에서 잘린 ${FLOODER}와 ${FLOODER6}의 SYN은 XDP_PASS를 받고 세지 않습니다. 프로그램은 data_end 너머를 읽지 않습니다.`,
      },
      kind: 'frames',
      cases: [passed(syn(FLOODER, 41005), 14 + 20 + 12), passed(syn(FLOODER6, 41005), 14 + 40 + 12)],
    },
    {
      id: 'syns-counted',
      text: {
        en: `syn_count holds every SYN counted, dropped ones included: ${SYN_LIMIT + 2} for ::ffff:${FLOODER}, ${SYN_LIMIT + 1} for ${FLOODER6}, 1 for ::ffff:${OTHER}.`,
        ko: `syn_count에는 드롭한 것까지 포함해 센 SYN이 모두 들어 있습니다: ::ffff:${FLOODER}는 ${SYN_LIMIT + 2}, ${FLOODER6}는 ${SYN_LIMIT + 1}, ::ffff:${OTHER}는 1.`,
      },
      kind: 'map',
      expect: {
        map: 'syn_count',
        entries: [
          { key: sourceKey(FLOODER), name: `syn_count[::ffff:${FLOODER}]`, value: SYN_LIMIT + 2 },
          { key: sourceKey(FLOODER6), name: `syn_count[${FLOODER6}]`, value: SYN_LIMIT + 1 },
          { key: sourceKey(OTHER), name: `syn_count[::ffff:${OTHER}]`, value: 1 },
        ],
      },
    },
  ],
  live: {
    tools: ['bash', 'timeout', 'ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair; your program on the receiving end', ko: 'veth 쌍으로 이은 네임스페이스 두 개, 받는 쪽에 여러분의 프로그램' } },
      { id: 'connect', title: { en: `${ATTEMPTS} connection attempts to a closed port, then ping`, ko: `닫힌 포트로 연결 시도 ${ATTEMPTS}번, 그다음 ping` } },
    ],
    checks: [
      {
        id: 'live-first-refused',
        text: {
          en: `The first ${SYN_LIMIT} attempts reach the receiver's stack, which refuses them at once (connection refused: nothing listens on port ${PORT}).`,
          ko: `처음 ${SYN_LIMIT}번의 시도는 받는 쪽 스택에 닿고, 스택이 곧바로 거절합니다(${PORT}번 포트에서 듣는 소켓이 없어 connection refused).`,
        },
      },
      { id: 'live-excess-unanswered', text: { en: `The next ${ATTEMPTS - SYN_LIMIT} attempts get no answer at all: their SYNs were dropped.`, ko: `그다음 ${ATTEMPTS - SYN_LIMIT}번의 시도는 아무 응답도 받지 못합니다. SYN이 드롭됐습니다.` } },
      { id: 'live-ping-answered', text: { en: 'Pings from the same source are still answered.', ko: '같은 출발지의 ping은 여전히 응답을 받습니다.' } },
      { id: 'live-counted', text: { en: `syn_count holds ${ATTEMPTS} for the sender's address.`, ko: `syn_count에는 보낸 쪽 주소에 대해 ${ATTEMPTS}가 들어 있습니다.` } },
    ],
    async run(ctx, program) {
      const { a, b, link } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const link = await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        return { ...pair, link };
      });
      await ctx.step('connect', async () => {
        // bash opens a TCP connection for a redirection to /dev/tcp: one SYN; refused at once, or silent
        // until timeout gives up, well before the first retransmission (1 s).
        const attempt = async () => {
          const run = await ctx.target.exec(['timeout', '0.5', 'bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'connect', b.ipv4, String(PORT)], { netns: a.netns, allowFailure: true });
          return run.exitCode === 124 ? 'no answer' : /refused/i.test(run.stderr) ? 'refused' : `exit ${run.exitCode}`;
        };
        const outcomes: string[] = [];
        for (let i = 0; i < ATTEMPTS; i++) outcomes.push(await attempt());
        const first = outcomes.slice(0, SYN_LIMIT);
        const rest = outcomes.slice(SYN_LIMIT);
        expectEqual(ctx, 'live-first-refused', first.map(() => 'refused').join(', '), first.join(', '));
        expectEqual(ctx, 'live-excess-unanswered', rest.map(() => 'no answer').join(', '), rest.join(', '));
        const pinged = await ping(ctx, a.netns, b.ipv4, { count: 5 });
        expectEqual(ctx, 'live-ping-answered', '5 received', `${pinged.received} received`);
        const map = await progMap(ctx, link.progId!, 'syn_count');
        const key = sourceKey(a.ipv4).join(',');
        const entry = (await dumpMap(ctx, map.id)).find((e) => e.key.join(',') === key);
        expectEqual(ctx, 'live-counted', `${ATTEMPTS} SYNs from ${a.ipv4}`, `${entry ? leUint(entry.value) : 0} SYNs from ${a.ipv4}`);
      });
    },
  },
};
