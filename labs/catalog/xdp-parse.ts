// Parse Ethernet, VLAN, IPv4, IPv6, ICMP and UDP with every read bounds-checked,
// drop exactly the echo requests, and check both ways: what must be dropped is,
// and everything else still arrives.
import { progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import type { FrameSpec, VlanTag } from '../lib/frames.ts';
import { headerOffsets } from '../lib/frames.ts';
import { enableIpv6 } from '../lib/ipv6.ts';
import { quietNamespace, vethBetween } from '../lib/net.ts';
import { readNstat } from '../lib/nstat.ts';
import { dumpPercpuMap, entryFor, sumOverCpus } from '../lib/percpu-maps.ts';
import { verdictFor } from '../lib/prog-run.ts';
import { sendUdp } from '../lib/senders.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf, expectRefused } from '../lib/xdp.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const PINGS = 8;
const DATAGRAMS = 5;
const UDP_PORT = 5000;
// Keys of parse_stats in bpf/xdp_parse.c.
const DROPPED_ECHO_IPV4 = 3;
const DROPPED_ECHO_IPV6 = 4;

const DOT1Q: VlanTag = { tpid: 0x8100, id: 10 };
const QINQ: VlanTag[] = [
  { tpid: 0x88a8, id: 20 },
  { tpid: 0x8100, id: 30 },
];

/** Crafted frames and the verdict each must get, by check. */
const TAGGED_ECHO: Record<string, FrameSpec> = {
  'ipv4/802.1Q': { family: 4, vlans: [DOT1Q], l4: { kind: 'echo-request' } },
  'ipv4/QinQ': { family: 4, vlans: QINQ, l4: { kind: 'echo-request' } },
  'ipv6/802.1Q': { family: 6, vlans: [DOT1Q], l4: { kind: 'echo-request' } },
  'ipv6/QinQ': { family: 6, vlans: QINQ, l4: { kind: 'echo-request' } },
};
const TAGGED_OTHERS: Record<string, FrameSpec> = {
  'udp4/802.1Q': { family: 4, vlans: [DOT1Q], l4: { kind: 'udp', dport: UDP_PORT } },
  'udp6/QinQ': { family: 6, vlans: QINQ, l4: { kind: 'udp', dport: UDP_PORT } },
  'reply4/QinQ': { family: 4, vlans: QINQ, l4: { kind: 'echo-reply' } },
  'reply6/802.1Q': { family: 6, vlans: [DOT1Q], l4: { kind: 'echo-reply' } },
};
const THREE_TAGS: FrameSpec = { family: 4, vlans: [...QINQ, { tpid: 0x8100, id: 40 }], l4: { kind: 'echo-request' } };
const TRUNCATED: FrameSpec = { family: 4, vlans: QINQ, l4: { kind: 'echo-request' } };

/** "name:VERDICT name:VERDICT ..." for a set of frames, all run through the attached program. */
async function verdicts(ctx: LabContext, progId: number, frames: Record<string, FrameSpec>): Promise<string> {
  const seen: string[] = [];
  for (const [name, spec] of Object.entries(frames)) seen.push(`${name}:${await verdictFor(ctx, progId, name.replace('/', '-'), spec)}`);
  return seen.join(' ');
}

const all = (frames: Record<string, FrameSpec>, verdict: string) =>
  Object.keys(frames)
    .map((name) => `${name}:${verdict}`)
    .join(' ');

/** Where the double-tagged echo request is cut, by its name in the code; Korean says it in words. */
const CUTS_KO: Record<string, string> = { uncut: '자르지 않음', 'mid-tags': '태그 중간', 'mid-ipv4': 'IPv4 헤더 중간', 'mid-icmp': 'ICMP 헤더 중간' };

/** This lab's own words, in each language: replies counted, and the verdicts on the cut frames. */
const EN = {
  answered: (count: number) => `${count} answered`,
  cuts: (seen: readonly [cut: string, verdict: string][]) => seen.map(([cut, verdict]) => `${cut}:${verdict}`).join(' '),
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    answered: (count) => `응답 ${count}개`,
    cuts: (seen) => seen.map(([cut, verdict]) => `${CUTS_KO[cut] ?? cut}: ${verdict}`).join(', '),
  },
};

export const xdpParse = defineLab({
  name: 'xdp-parse',
  title: { en: 'Parse headers safely and drop only echo requests', ko: '헤더를 안전하게 파싱하고 에코 요청만 드롭하기' },
  summary: {
    en: 'A program walks Ethernet, up to two VLAN tags, IPv4 or IPv6 and ICMP, checking each header against data_end, and drops only echo requests: pings die, while UDP, echo replies and IPv6 traffic still get through.',
    ko: '프로그램이 이더넷, 최대 두 개의 VLAN 태그, IPv4나 IPv6, ICMP 헤더를 차례로 읽되 헤더마다 data_end와 비교해 확인하고, 에코 요청만 드롭합니다. ping은 막히지만 UDP, 에코 응답, IPv6 트래픽은 그대로 통과합니다.',
  },
  page: 'labs/xdp-parse',
  sources: ['bpf/xdp_parse.c', 'bpf/include/xdp_parse_helpers.h', 'bpf/xdp_parse_unchecked.c'],
  topology: [
    '  netns xl-xdp-parse-<id>-a                  netns xl-xdp-parse-<id>-b',
    ' ┌──────────────────────────────┐          ┌─────────────────────────────────────┐',
    ' │ veth0 10.x.y.1               │          │ veth0 10.x.y.2                      │',
    ' │       fd58:<id>::1  ─────────┼──────────┼─      fd58:<id>::2                  │',
    ' └──────────────────────────────┘          │   ← xdp_parse_drop_echo (native)    │',
    '                                           │   + crafted VLAN frames through     │',
    '                                           │     BPF_PROG_RUN (bpftool prog run) │',
    '                                           └─────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'native XDP on veth arrived in Linux 4.19; running an XDP program on a crafted frame with BPF_PROG_TEST_RUN works since 4.12.',
      ko: 'veth의 네이티브 XDP는 리눅스 4.19부터입니다. 직접 만든 프레임으로 XDP 프로그램을 돌리는 BPF_PROG_TEST_RUN은 4.12부터 됩니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'nstat', 'bash', 'base64'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_parse.c with clang', ko: 'clang으로 bpf/xdp_parse.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair, with IPv4 and IPv6', ko: 'IPv4와 IPv6를 쓰는 veth 쌍으로 네임스페이스 두 개 연결' } },
    { id: 'attach', title: { en: 'Attach xdp_parse_drop_echo to the receiving veth', ko: '받는 쪽 veth에 xdp_parse_drop_echo 붙이기' } },
    { id: 'ipv4', title: { en: 'IPv4: ping and UDP towards the program, ping back through it', ko: 'IPv4: 프로그램 쪽으로 ping과 UDP, 반대쪽으로 ping' } },
    { id: 'ipv6', title: { en: 'IPv6: the same, over the same link', ko: 'IPv6: 같은 링크에서 같은 시험' } },
    { id: 'vlan', title: { en: 'VLAN-tagged and truncated frames through BPF_PROG_RUN', ko: 'VLAN 태그가 붙은 프레임과 잘린 프레임을 BPF_PROG_RUN으로 실행' } },
    { id: 'unchecked', title: { en: 'Try to load a parser with one bounds check left out', ko: '경계 검사를 하나 빠뜨린 파서를 로드해 보기' } },
  ],
  checks: [
    { id: 'echo-dropped', text: { en: `All ${PINGS} IPv4 pings towards the program are lost.`, ko: `프로그램 쪽으로 보낸 IPv4 ping ${PINGS}개가 모두 사라집니다.` } },
    { id: 'udp-passed', text: { en: `All ${DATAGRAMS} UDP datagrams reach the receiver's UDP layer.`, ko: `UDP 데이터그램 ${DATAGRAMS}개가 모두 받는 쪽 UDP 계층에 도착합니다.` } },
    { id: 'replies-passed', text: { en: 'Pings the other way are answered, over IPv4 and IPv6: the echo replies cross the program and pass.', ko: '반대 방향 ping은 IPv4와 IPv6 모두 응답을 받습니다. 에코 응답은 프로그램을 지나 통과합니다.' } },
    { id: 'echo6-dropped', text: { en: `All ${PINGS} IPv6 pings (ICMPv6 echo requests) towards the program are lost.`, ko: `프로그램 쪽으로 보낸 IPv6 ping(ICMPv6 에코 요청) ${PINGS}개가 모두 사라집니다.` } },
    { id: 'udp6-passed', text: { en: `All ${DATAGRAMS} UDP datagrams over IPv6 reach the receiver's UDP layer.`, ko: `IPv6로 보낸 UDP 데이터그램 ${DATAGRAMS}개가 모두 받는 쪽 UDP 계층에 도착합니다.` } },
    { id: 'drops-counted', text: { en: "The program's own counters show it dropped exactly those pings, by IP version.", ko: '프로그램 자신의 카운터가 바로 그 ping들을 IP 버전별로 드롭했다고 보여 줍니다.' } },
    { id: 'vlan-echo-dropped', text: { en: 'Echo requests behind one 802.1Q tag or two tags (802.1ad + 802.1Q), IPv4 and IPv6, get XDP_DROP.', ko: '802.1Q 태그 하나나 태그 두 개(802.1ad + 802.1Q) 뒤에 있는 에코 요청은 IPv4든 IPv6든 XDP_DROP을 받습니다.' } },
    { id: 'vlan-others-passed', text: { en: 'Tagged UDP datagrams and tagged echo replies get XDP_PASS.', ko: '태그가 붙은 UDP 데이터그램과 에코 응답은 XDP_PASS를 받습니다.' } },
    { id: 'third-tag-passed', text: { en: 'An echo request behind three tags gets XDP_PASS: the parser looks through two tags, no more.', ko: '태그 세 개 뒤의 에코 요청은 XDP_PASS를 받습니다. 파서는 태그를 두 개까지만 봅니다.' } },
    { id: 'truncated-passed', text: { en: 'The same double-tagged echo request that is dropped whole gets XDP_PASS when cut short inside any of its headers: the program never reads past data_end.', ko: '온전할 때는 드롭되는 태그 두 개짜리 에코 요청도 헤더 중간에서 잘리면 XDP_PASS를 받습니다. 프로그램은 data_end 너머를 절대 읽지 않습니다.' } },
    { id: 'unchecked-rejected', text: { en: 'A copy of the VLAN step without its bounds check compiles, but the verifier refuses it: "invalid access to packet".', ko: '경계 검사를 뺀 VLAN 단계는 컴파일은 되지만 검증기가 거부합니다: "invalid access to packet".' } },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { datagrams } = observed(ctx);
    const { object, unchecked } = await ctx.step('build', async () => ({
      object: await compileBpf(ctx, 'bpf/xdp_parse.c'),
      unchecked: await compileBpf(ctx, 'bpf/xdp_parse_unchecked.c'),
    }));
    const { a, b, v6 } = await ctx.step('network', async () => {
      const nsA = await ctx.netns('a');
      const nsB = await ctx.netns('b');
      await quietNamespace(ctx, nsA);
      await quietNamespace(ctx, nsB);
      const pair = await vethBetween(ctx, nsA, nsB);
      return { ...pair, v6: await enableIpv6(ctx, pair) };
    });
    const link = await ctx.step('attach', () =>
      attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_parse_drop_echo' }),
    );

    /** Datagrams that reached b's UDP layer (nothing listens, so they count as NoPorts). */
    const udpArrivals = async (names: string[], send: () => Promise<void>): Promise<number> => {
      const before = await readNstat(ctx, b.netns, names);
      await send();
      const after = await readNstat(ctx, b.netns, names);
      return names.reduce((sum, n) => sum + after[n]! - before[n]!, 0);
    };
    const lost = (r: { transmitted: number; received: number }) => observed(ctx).sentReceived(r.transmitted, r.received);

    const replies = await ctx.step('ipv4', async () => {
      expectEqual(ctx, 'echo-dropped', observed(ctx).sentReceived(PINGS, 0), lost(await ping(ctx, a.netns, b.ipv4, { count: PINGS, waitSeconds: 0.2 })));
      const arrived = await udpArrivals(['UdpInDatagrams', 'UdpNoPorts'], () =>
        sendUdp(ctx, a.netns, b.ipv4, UDP_PORT, { count: DATAGRAMS, payload: 32 }),
      );
      expectEqual(ctx, 'udp-passed', datagrams(DATAGRAMS), datagrams(arrived));
      return (await ping(ctx, b.netns, a.ipv4, { count: PINGS })).received;
    });

    await ctx.step('ipv6', async () => {
      expectEqual(ctx, 'echo6-dropped', observed(ctx).sentReceived(PINGS, 0), lost(await ping(ctx, a.netns, v6.b, { count: PINGS, waitSeconds: 0.2 })));
      const arrived = await udpArrivals(['Udp6InDatagrams', 'Udp6NoPorts'], () =>
        sendUdp(ctx, a.netns, v6.b, UDP_PORT, { count: DATAGRAMS, payload: 32 }),
      );
      expectEqual(ctx, 'udp6-passed', datagrams(DATAGRAMS), datagrams(arrived));
      const replies6 = (await ping(ctx, b.netns, v6.a, { count: PINGS })).received;
      expectEqual(ctx, 'replies-passed', `IPv4 ${words.answered(PINGS)}, IPv6 ${words.answered(PINGS)}`, `IPv4 ${words.answered(replies)}, IPv6 ${words.answered(replies6)}`);

      // Read before the crafted frames below: BPF_PROG_RUN runs the same program, maps included.
      const stats = await dumpPercpuMap<number>(ctx, (await progMap(ctx, link.progId!, 'parse_stats')).id);
      const dropped = (key: number) => sumOverCpus(entryFor(stats, key), (v) => v);
      expectEqual(ctx, 'drops-counted', `IPv4 ${PINGS}, IPv6 ${PINGS}`, `IPv4 ${dropped(DROPPED_ECHO_IPV4)}, IPv6 ${dropped(DROPPED_ECHO_IPV6)}`);
    });

    await ctx.step('vlan', async () => {
      const progId = link.progId!;
      expectEqual(ctx, 'vlan-echo-dropped', all(TAGGED_ECHO, 'XDP_DROP'), await verdicts(ctx, progId, TAGGED_ECHO));
      expectEqual(ctx, 'vlan-others-passed', all(TAGGED_OTHERS, 'XDP_PASS'), await verdicts(ctx, progId, TAGGED_OTHERS));
      expectEqual(ctx, 'third-tag-passed', 'XDP_PASS', await verdictFor(ctx, progId, 'three-tags', THREE_TAGS));

      // Cut a double-tagged echo request inside each header in turn; BPF_PROG_RUN needs at least the 14-byte Ethernet header.
      const { l3, l4 } = headerOffsets(TRUNCATED);
      const cuts: Record<string, number | undefined> = { uncut: undefined, 'mid-tags': 16, 'mid-ipv4': l3 + 10, 'mid-icmp': l4 + 4 };
      const seen: [string, string][] = [];
      for (const [name, length] of Object.entries(cuts)) seen.push([name, await verdictFor(ctx, progId, `cut-${name}`, TRUNCATED, length)]);
      const expected = Object.keys(cuts).map((name): [string, string] => [name, name === 'uncut' ? 'XDP_DROP' : 'XDP_PASS']);
      expectEqual(ctx, 'truncated-passed', words.cuts(expected), words.cuts(seen));
    });

    await ctx.step('unchecked', async () => {
      // Tried on a's veth, which has no program: the verifier refuses the load, so nothing is attached.
      const spec = { netns: a.netns, dev: a.dev, mode: 'native' as const, object: unchecked, program: 'xdp_parse_unchecked' };
      await expectRefused(ctx, 'unchecked-rejected', spec, 'invalid access to packet');
    });
  },
});
