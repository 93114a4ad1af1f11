// The seed's central claim, measured: native XDP runs before the kernel builds
// an sk_buff, generic XDP after. Two tp_btf programs count the SKBs one device
// receives and frees while live frames (no SKB on the sending side either) are
// dropped by the seed's own xdp_drop, natively and then generically.
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { buildLivegen, sendLiveFrames } from '../lib/livegen.ts';
import { countsSince, ifindexOf, settledCounts, startSkbTracer, type SkbCounts } from '../lib/skb-tracer.ts';
import { buildLoader } from '../lib/tracepoint-loader.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf, detachXdp, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab, type XdpMode } from '../lib/types.ts';

const FRAMES = 1000;
const PINGS = 10;

const show = (c: SkbCounts) => `netif_receive_skb ${c.received}, kfree_skb ${c.freed}`;

/** This lab's notes, in each language. */
const EN = {
  ifindexes: (a: number, b: number, replies: number) => `a's veth0 has ifindex ${a}, b's ${b}; ${replies} replies came back`,
  pingRuns: (runs: number, pings: number) => `native xdp_drop ran ${runs} times for ${pings} pings`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    ifindexes: (a, b, replies) => `a의 veth0은 ifindex ${a}, b의 veth0은 ${b}; 응답 ${replies}개가 돌아옴`,
    pingRuns: (runs, pings) => `네이티브 xdp_drop이 ping ${pings}개에 ${runs}번 실행됨`,
  },
};

export const skbEvidence = defineLab({
  name: 'skb-evidence',
  title: { en: 'See which path builds an SKB', ko: '어느 경로에서 SKB가 만들어지는지 보기' },
  summary: {
    en: 'tp_btf programs count the sk_buffs one veth receives and frees: native XDP_DROP of live frames builds none, generic XDP_DROP builds and frees one per frame, and ping shows why SKB-based test traffic misleads on veth.',
    ko: 'tp_btf 프로그램이 veth 하나가 받고 해제하는 sk_buff를 셉니다. 라이브 프레임을 네이티브 XDP_DROP으로 드롭하면 SKB가 하나도 생기지 않고, 제네릭 XDP_DROP은 프레임마다 하나를 만들었다 해제합니다. ping으로는 veth에서 왜 SKB 기반 시험 트래픽이 오해를 부르는지도 봅니다.',
  },
  page: 'labs/skb-evidence',
  sources: ['bpf/skb_evidence.c', 'labs/tools/skb_evidence_loader.c', 'bpf/bench_livegen.c', 'labs/tools/livegen.c', 'bpf/xdp.c'],
  topology: [
    '  netns xl-skb-evidence-<id>-a            netns xl-skb-evidence-<id>-b',
    ' ┌─────────────────────────────┐        ┌──────────────────────────────────┐',
    ' │ livegen (BPF_PROG_RUN,      │        │                                  │',
    ' │  live frames) → veth0 ──────┼────────┼─ veth0 ← xdp_drop native/generic │',
    ' │ ping ────────────────────── │        │   (GRO on: NAPI for xdp_frames)  │',
    ' └─────────────────────────────┘        └──────────────────────────────────┘',
    '  tp_btf/netif_receive_skb, tp_btf/kfree_skb (whole machine, filtered on',
    '  b\'s veth0: its ifindex AND the inode of b\'s namespace)',
  ].join('\n'),
  minKernel: {
    version: '5.18',
    why: {
      en: 'live frames (BPF_F_TEST_XDP_LIVE_FRAMES) arrived in Linux 5.18; tp_btf programs need 5.5, and a veth receiving XDP frames without an XDP program of its own (NAPI enabled by GRO) 5.13.',
      ko: '라이브 프레임(BPF_F_TEST_XDP_LIVE_FRAMES)은 리눅스 5.18부터입니다. tp_btf 프로그램은 5.5, 자기 XDP 프로그램 없이 XDP 프레임을 받는 veth(GRO로 켜는 NAPI)는 5.13이 필요합니다.',
    },
  },
  modes: ['native', 'generic'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'ethtool', 'taskset', 'stat', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile the programs and build the generator and the loader', ko: '프로그램을 컴파일하고 생성기와 로더 빌드' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'trace', title: { en: 'Attach the tp_btf counters to b\'s veth0 only', ko: 'tp_btf 카운터를 b의 veth0에만 겨누어 붙이기' } },
    { id: 'native', title: { en: 'Drop live frames with native xdp_drop', ko: '네이티브 xdp_drop으로 라이브 프레임 드롭하기' } },
    { id: 'generic', title: { en: 'Drop live frames with generic xdp_drop', ko: '제네릭 xdp_drop으로 라이브 프레임 드롭하기' } },
    { id: 'ping', title: { en: 'The trap: ping through native xdp_drop', ko: '함정: 네이티브 xdp_drop 너머로 ping' } },
  ],
  checks: [
    { id: 'filter', text: { en: `With no XDP program, ${PINGS} pings from b count exactly ${PINGS} received SKBs: the replies on b's veth0, not the requests on a's, although that device may have the same ifindex.`, ko: `XDP 프로그램 없이 b에서 ping ${PINGS}개를 보내면 받은 SKB가 정확히 ${PINGS}개로 세어집니다. b의 veth0에 온 응답만 세고, ifindex가 같을 수도 있는 a 쪽 장치에 온 요청은 세지 않습니다.` } },
    { id: 'native-ran', text: { en: `Native xdp_drop ran once for each of the ${FRAMES} live frames: they did arrive.`, ko: `네이티브 xdp_drop이 라이브 프레임 ${FRAMES}개마다 한 번씩 실행됐습니다. 프레임은 분명히 도착했습니다.` } },
    { id: 'native-no-skb', text: { en: 'Yet no SKB was received or freed on the device: native XDP dropped the frames before any was built.', ko: '그런데도 장치에서 받거나 해제된 SKB는 없습니다. 네이티브 XDP는 SKB가 만들어지기 전에 프레임을 드롭했습니다.' } },
    { id: 'generic-ran', text: { en: `Generic xdp_drop also ran once per frame.`, ko: '제네릭 xdp_drop도 프레임마다 한 번씩 실행됐습니다.' } },
    { id: 'generic-skb', text: { en: `With generic XDP, each of the ${FRAMES} frames became an SKB that entered netif_receive_skb and was freed by kfree_skb.`, ko: `제네릭 XDP에서는 프레임 ${FRAMES}개가 각각 SKB가 되어 netif_receive_skb에 들어갔다가 kfree_skb로 해제됐습니다.` } },
    { id: 'ping-trap', text: { en: `Pings dropped by native xdp_drop never enter netif_receive_skb, yet ${PINGS} SKBs are freed: ping's packets were SKBs before they reached the veth.`, ko: `네이티브 xdp_drop이 드롭한 ping은 netif_receive_skb에 들어가지 않지만, SKB ${PINGS}개가 해제됩니다. ping의 패킷은 veth에 닿기 전부터 SKB였습니다.` } },
  ],
  async run(ctx) {
    const { drop, tracing, loader, gen } = await ctx.step('build', async () => ({
      drop: await compileBpf(ctx, 'bpf/xdp.c'),
      tracing: await compileBpf(ctx, 'bpf/skb_evidence.c'),
      loader: await buildLoader(ctx, 'labs/tools/skb_evidence_loader.c'),
      gen: await buildLivegen(ctx),
    }));
    const { a, b } = await ctx.step('network', async () => {
      const pair = await twoHosts(ctx);
      // A veth hands XDP frames to its peer only if the peer runs NAPI; an XDP program
      // turns NAPI on, and so does GRO, which keeps it on once generic mode replaces native.
      await ctx.target.exec(['ethtool', '-K', pair.b.dev, 'gro', 'on'], { netns: pair.b.netns });
      return pair;
    });

    const tracer = await ctx.step('trace', async () => {
      const started = await startSkbTracer(ctx, loader, tracing, b);
      const before = await settledCounts(started);
      const result = await ping(ctx, b.netns, a.ipv4, { count: PINGS });
      const counted = countsSince(before, await settledCounts(started));
      ctx.note(WORDS[ctx.locale].ifindexes(await ifindexOf(ctx, a), await ifindexOf(ctx, b), result.received));
      expectEqual(ctx, 'filter', observed(ctx).received(PINGS), observed(ctx).received(counted.received));
      return started;
    });

    /** Attach xdp_drop in `mode`, run `traffic`, and return what it did: program runs and SKB counts. */
    const dropping = async (mode: XdpMode, traffic: () => Promise<unknown>): Promise<{ runs: number; skbs: SkbCounts }> => {
      const link = await attachXdp(ctx, { netns: b.netns, dev: b.dev, mode, object: drop, program: 'xdp_drop' });
      const before = await settledCounts(tracer);
      const runsBefore = (await progStats(ctx, link.progId!)).runCount;
      await traffic();
      const skbs = countsSince(before, await settledCounts(tracer));
      const runs = (await progStats(ctx, link.progId!)).runCount - runsBefore;
      await detachXdp(ctx, { netns: b.netns, dev: b.dev, mode });
      return { runs, skbs };
    };
    const liveFrames = () => sendLiveFrames(ctx, gen, a, b, { frames: FRAMES });

    await ctx.step('native', async () => {
      const { runs, skbs } = await dropping('native', liveFrames);
      expectEqual(ctx, 'native-ran', observed(ctx).runs(FRAMES), observed(ctx).runs(runs));
      expectEqual(ctx, 'native-no-skb', show({ received: 0, freed: 0 }), show(skbs));
    });
    await ctx.step('generic', async () => {
      const { runs, skbs } = await dropping('generic', liveFrames);
      expectEqual(ctx, 'generic-ran', observed(ctx).runs(FRAMES), observed(ctx).runs(runs));
      expectEqual(ctx, 'generic-skb', show({ received: FRAMES, freed: FRAMES }), show(skbs));
    });
    await ctx.step('ping', async () => {
      const { runs, skbs } = await dropping('native', () => ping(ctx, a.netns, b.ipv4, { count: PINGS, waitSeconds: 0.2 }));
      ctx.note(WORDS[ctx.locale].pingRuns(runs, PINGS));
      expectEqual(ctx, 'ping-trap', show({ received: 0, freed: PINGS }), show(skbs));
    });
  },
});
