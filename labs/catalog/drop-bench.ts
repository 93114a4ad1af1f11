// How fast can the receiver of a veth throw frames away, depending on where
// it does so? Live frames from the project's own generator are dropped by
// native XDP, generic XDP, tc, nftables at two hooks, iptables, or by the
// stack itself, and the lab compares the medians.
//
// Local target only: on the workshop VM (qemu without KVM, i.e. TCG) every
// instruction is emulated, so timings there say nothing about the kernel.
import { expectAtLeast, expectEqual } from '../lib/checks.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  costTable,
  median,
  parseClsactDrops,
  parseIptablesDrops,
  parseNftCounter,
  parseRxPackets,
  receiveCosts,
  resultTable,
  TABLE_WORDS,
  type DropBenchRecord,
  type PathCost,
  type PathResult,
} from '../lib/bench.ts';
import { buildLivegen, mpps, nsPerFrame, sendLiveFrames } from '../lib/livegen.ts';
import type { Localized, Text } from '../lib/locale.ts';
import type { Endpoint } from '../lib/net.ts';
import { readNstat } from '../lib/nstat.ts';
import { allowedCpus } from '../lib/senders.ts';
import { attachArgv, compileBpf, detachXdp, linkXdp, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const ROUNDS = 5;
const RUN_MS = 300; // each measurement sends bursts until this much wall time has passed
const BURST = 200_000; // frames per BPF_PROG_RUN call
const PORT = 9;
const MIN_RATIO = 1.4;

/** One place to drop frames: how to put it in, how to read its own drop counter, how to take it out. */
interface DropPath {
  id: string;
  /** Its name in the tables; the record keeps the English one. */
  label: Text;
  setUp(): Promise<void>;
  dropped(): Promise<number>;
  tearDown(): Promise<void>;
}

function dropPaths(ctx: LabContext, rx: Endpoint, objects: { xdp: string; tc: string }): DropPath[] {
  const inRx = (argv: string[], input?: string) => ctx.target.exec(argv, { netns: rx.netns, ...(input ? { input } : {}) });
  const where = { netns: rx.netns, dev: rx.dev };

  const xdp = (mode: 'native' | 'generic', label: Text): DropPath => {
    let progId = 0;
    ctx.defer({ en: `detach xdp_drop (${mode})`, ko: `xdp_drop 떼기 (${mode})` }, () => detachXdp(ctx, { ...where, mode }));
    return {
      id: mode,
      label,
      // Every round attaches it afresh: plain `ip link set`, without attachXdp's progress notes.
      setUp: async () => {
        await inRx(attachArgv({ ...where, mode, object: objects.xdp, program: 'xdp_drop' }));
        progId = (await linkXdp(ctx, rx.netns, rx.dev)).progId!;
      },
      dropped: async () => (await progStats(ctx, progId)).runCount,
      tearDown: () => detachXdp(ctx, { ...where, mode }),
    };
  };

  // Whatever a path leaves behind if the lab stops half-way is removed at cleanup (each undo may find nothing to undo).
  // The command is its own label: "could not run nft delete table …" reads the same in every language.
  const undo = (argv: string[]) => {
    const command = argv.join(' ');
    ctx.defer({ en: `run ${command}`, ko: `${command} 실행` }, () => ctx.target.exec(argv, { netns: rx.netns, allowFailure: true }).then(() => {}));
  };

  // region: nft-rules
  // Each table exists only inside the receiver's namespace: nft runs there.
  const nft = (id: string, label: string, family: string, chain: string): DropPath => {
    undo(['nft', 'delete', 'table', family, 'xl_bench']);
    return {
      id,
      // nft's own words for the hook: the same in every language.
      label: { en: label, ko: label },
      setUp: async () => void (await inRx(['nft', '-f', '-'], `table ${family} xl_bench {\n  chain c {\n    ${chain}\n    udp dport ${PORT} counter drop\n  }\n}\n`)),
      dropped: async () => parseNftCounter((await inRx(['nft', '-j', 'list', 'table', family, 'xl_bench'])).stdout),
      tearDown: async () => void (await inRx(['nft', 'delete', 'table', family, 'xl_bench'])),
    };
  };
  // endregion: nft-rules

  // iptables too runs in the receiver's namespace: its raw table there is the namespace's own.
  const rule = (op: '-A' | '-D') => ['iptables', '-t', 'raw', op, 'PREROUTING', '-p', 'udp', '--dport', String(PORT), '-j', 'DROP'];
  undo(rule('-D'));
  undo(['tc', 'qdisc', 'del', 'dev', rx.dev, 'clsact']);

  return [
    xdp('native', { en: 'native XDP', ko: '네이티브 XDP' }),
    xdp('generic', { en: 'generic XDP', ko: '제네릭 XDP' }),
    {
      id: 'tc',
      label: { en: 'tc clsact (BPF)', ko: 'tc clsact (BPF)' },
      setUp: async () => {
        await inRx(['tc', 'qdisc', 'add', 'dev', rx.dev, 'clsact']);
        await inRx(['tc', 'filter', 'add', 'dev', rx.dev, 'ingress', 'bpf', 'direct-action', 'obj', objects.tc, 'sec', 'tc']);
      },
      dropped: async () => parseClsactDrops((await inRx(['tc', '-s', '-j', 'qdisc', 'show', 'dev', rx.dev])).stdout),
      tearDown: async () => void (await inRx(['tc', 'qdisc', 'del', 'dev', rx.dev, 'clsact'])),
    },
    nft('nft-ingress', 'nft netdev ingress', 'netdev', `type filter hook ingress device "${rx.dev}" priority 0;`),
    nft('nft-prerouting', 'nft ip prerouting', 'ip', 'type filter hook prerouting priority raw;'),
    {
      id: 'iptables-raw',
      label: { en: 'iptables raw PREROUTING', ko: 'iptables raw PREROUTING' },
      setUp: async () => void (await inRx(rule('-A'))),
      dropped: async () => parseIptablesDrops((await inRx(['iptables', '-t', 'raw', '-L', 'PREROUTING', '-n', '-v', '-x'])).stdout),
      tearDown: async () => void (await inRx(rule('-D'))),
    },
    {
      // No filter at all: IP routes the datagram to UDP, which finds no socket on port 9 and frees it.
      id: 'none',
      label: { en: 'no filter (UDP, no socket)', ko: '필터 없음 (UDP, 소켓 없음)' },
      setUp: async () => {},
      dropped: async () => (await readNstat(ctx, rx.netns, ['UdpNoPorts']))['UdpNoPorts']!,
      tearDown: async () => {},
    },
  ];
}

const OTHERS = [
  ['generic', 'generic XDP'],
  ['tc', 'tc clsact ingress (a BPF program returning TC_ACT_SHOT)'],
  ['nft-ingress', 'an nftables rule at the netdev ingress hook'],
  ['nft-prerouting', 'an nftables rule at the IPv4 prerouting hook'],
  ['iptables-raw', 'an iptables rule in the raw table’s PREROUTING chain'],
  ['none', 'no filter at all (the UDP layer drops the datagram)'],
] as const;
const OTHERS_KO: Record<(typeof OTHERS)[number][0], string> = {
  generic: '제네릭 XDP',
  tc: 'tc clsact ingress(TC_ACT_SHOT을 돌려주는 BPF 프로그램)',
  'nft-ingress': 'netdev ingress 훅의 nftables 규칙',
  'nft-prerouting': 'IPv4 prerouting 훅의 nftables 규칙',
  'iptables-raw': 'raw 테이블 PREROUTING 체인의 iptables 규칙',
  none: '필터 없음(UDP 계층이 데이터그램을 드롭)',
};

/** This lab's own words, in each language: the runs and rounds accounted for, and its notes. */
const EN = {
  runsOf: (part: number, runs: number) => `${part} of ${runs} runs`,
  generatorAlone: (rounds: number, frames: number) => `${rounds} rounds, ${frames} frames at the veth`,
  pathsCostMore: (part: number, paths: number) => `${part} of ${paths} paths cost more than the generator alone`,
  lostBefore: (path: string, round: number, lost: number, sent: number) => `${path} round ${round}: ${lost} of ${sent} frames lost before the device`,
  droppedOf: (path: string, round: number, dropped: number, arrived: number) => `${path} round ${round}: ${dropped} dropped of ${arrived}`,
  clock: (cpu: number) => `generator on CPU ${cpu}; the receiver's softirq runs there too; Mpps by the kernel's own clock`,
  nsClock: 'ns per frame by the same clock; rx ns = less the generator alone, measured in each round',
  conditions: (before: number, after: number, cpus: number, model: string) =>
    `conditions: load average ${before} before, ${after} after, on ${cpus} CPU(s)${model ? ` (${model})` : ''}`,
  recordWritten: (path: string) => `record written to ${path}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    runsOf: (part, runs) => `측정 ${runs}번 중 ${part}번`,
    generatorAlone: (rounds, frames) => `${rounds}라운드, veth에 도착한 프레임 ${frames}개`,
    pathsCostMore: (part, paths) => `경로 ${paths}개 중 ${part}개가 생성기 단독보다 비용이 큼`,
    lostBefore: (path, round, lost, sent) => `${path} ${round}라운드: 프레임 ${sent}개 중 ${lost}개가 장치에 닿기 전에 사라짐`,
    droppedOf: (path, round, dropped, arrived) => `${path} ${round}라운드: ${arrived}개 중 ${dropped}개 드롭`,
    clock: (cpu) => `생성기와 받는 쪽 softirq 모두 CPU ${cpu}에서 실행; Mpps는 커널 자체 시계로 잰 값`,
    nsClock: '프레임당 ns도 같은 시계로 잰 값; rx ns = 라운드마다 잰 생성기 단독 값을 뺀 값',
    conditions: (before, after, cpus, model) => `조건: 부하 평균(load average) 측정 전 ${before}, 측정 후 ${after}, CPU ${cpus}개${model ? ` (${model})` : ''}`,
    recordWritten: (path) => `기록 저장: ${path}`,
  },
};

export const dropBench = defineLab({
  name: 'drop-bench',
  title: { en: 'Benchmark where a packet is dropped', ko: '패킷을 어디서 드롭하느냐에 따른 성능 측정' },
  summary: {
    en: 'Live frames from a BPF_PROG_RUN generator are dropped natively by XDP, by generic XDP, by tc, by nftables, by iptables, or by the stack; the lab prints median Mpps and the receive cost in nanoseconds per frame (the generator’s own cost, measured in the same rounds, taken off) for each, and checks that native XDP is clearly the fastest.',
    ko: 'BPF_PROG_RUN 생성기가 보낸 라이브 프레임을 네이티브 XDP, 제네릭 XDP, tc, nftables, iptables, 또는 스택 자체가 드롭합니다. 실습은 경로마다 Mpps 중앙값과 프레임당 수신 비용(같은 라운드에서 잰 생성기 자신의 비용을 뺀 나노초)을 출력하고, 네이티브 XDP가 확실히 가장 빠른지 확인합니다.',
  },
  page: 'labs/drop-bench',
  sources: ['labs/tools/livegen.c', 'bpf/bench_livegen.c', 'bpf/bench_tc_drop.c', 'bpf/xdp.c'],
  topology: [
    '  netns xl-drop-bench-<id>-a              netns xl-drop-bench-<id>-b',
    ' ┌────────────────────────────┐         ┌─────────────────────────────────────────┐',
    ' │ livegen, pinned to one CPU │         │ veth0 (GRO on)                          │',
    ' │ 60-byte UDP live frames    │         │  ← native XDP | generic XDP | tc clsact │',
    ' │ veth0 ─────────────────────┼─────────┼─→  | nft ingress | nft prerouting      │',
    ' └────────────────────────────┘         │    | iptables raw | UDP (no socket)     │',
    '                                        └─────────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.18',
    why: {
      en: 'the generator needs live frames (BPF_F_TEST_XDP_LIVE_FRAMES), added in Linux 5.18.',
      ko: '생성기가 쓰는 라이브 프레임(BPF_F_TEST_XDP_LIVE_FRAMES)이 리눅스 5.18에서 추가됐습니다.',
    },
  },
  modes: ['native', 'generic'],
  // Not 'vagrant': the workshop VM runs under TCG (software emulation), where timings are meaningless.
  targets: ['local'],
  tools: ['clang', 'ip', 'bpftool', 'tc', 'nft', 'iptables', 'nstat', 'ethtool', 'taskset', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile the drop programs and build the generator', ko: '드롭하는 프로그램을 컴파일하고 생성기 빌드' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'measure', title: { en: `Measure the generator alone and every path, ${ROUNDS} rounds, in turn`, ko: `생성기 단독과 모든 경로를 번갈아 ${ROUNDS}라운드 측정` } },
    { id: 'compare', title: { en: 'Compare the medians with native XDP', ko: '중앙값을 네이티브 XDP와 비교' } },
  ],
  checks: [
    { id: 'drops-accounted', text: { en: "In every run, the path's own counter (program runs, qdisc drops, rule counter, UdpNoPorts) equals the frames that reached the device: each frame died where it was meant to.", ko: '모든 측정에서 경로 자신의 카운터(프로그램 실행 수, qdisc drop, 규칙 카운터, UdpNoPorts)가 장치에 도착한 프레임 수와 같습니다. 프레임은 모두 의도한 곳에서 드롭되었습니다.' } },
    {
      id: 'generator-alone-sends-nothing',
      text: {
        en: "In every round the generator also runs alone, dropping each frame it made (bench_livegen_drop): the veth receives nothing, so that time per frame is the generator's own cost.",
        ko: '매 라운드마다 생성기는 만든 프레임을 바로 드롭하면서(bench_livegen_drop) 혼자서도 한 번 실행됩니다. veth는 아무것도 받지 않으므로 그 프레임당 시간이 생성기 자신의 비용입니다.',
      },
    },
    {
      id: 'receive-costs',
      text: {
        en: "Every path's median time per frame is above the generator's own, so its receive cost (the difference, in nanoseconds per frame, round by round) is a real cost and not noise.",
        ko: '모든 경로의 프레임당 시간 중앙값이 생성기 자신의 비용보다 큽니다. 그래서 라운드별 차이로 구한 수신 비용(프레임당 나노초)은 잡음이 아니라 실제 비용입니다.',
      },
    },
    ...OTHERS.map(([id, what]) => ({
      id: `faster-than-${id}` as const,
      text: {
        en: `Native XDP drops at least ${MIN_RATIO}× as many frames per second as ${what}.`,
        ko: `네이티브 XDP는 ${OTHERS_KO[id]}보다 초당 ${MIN_RATIO}배 이상 많은 프레임을 드롭합니다.`,
      },
    })),
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { objects, gen } = await ctx.step('build', async () => ({
      objects: { xdp: await compileBpf(ctx, 'bpf/xdp.c'), tc: await compileBpf(ctx, 'bpf/bench_tc_drop.c') },
      gen: await buildLivegen(ctx),
    }));
    const { a, b } = await ctx.step('network', async () => {
      const pair = await twoHosts(ctx);
      // Without an XDP program of its own, a veth takes XDP frames from its peer only when NAPI is on: GRO turns it on.
      await ctx.target.exec(['ethtool', '-K', pair.b.dev, 'gro', 'on'], { netns: pair.b.netns });
      return pair;
    });

    const paths = dropPaths(ctx, b, objects);
    const results: PathResult[] = paths.map((p) => ({ label: p.label[ctx.locale], runs: [] }));
    const totalNs: number[][] = paths.map(() => []);
    const generatorNs: number[] = [];
    let generatorLeaks = 0;
    let frameBytes = 0;
    const loadavg = async () => Number((await ctx.target.exec(['cat', '/proc/loadavg'])).stdout.split(' ')[0]);
    const loadBefore = await loadavg();
    const cpus = await allowedCpus(ctx);
    const cpu = cpus[cpus.length - 1]!;
    const rxPackets = async () => parseRxPackets((await ctx.target.exec(['ip', '-s', '-j', 'link', 'show', 'dev', b.dev], { netns: b.netns })).stdout);
    const mismatches: string[] = [];
    let runs = 0;

    await ctx.step('measure', async () => {
      // Round-robin, not one path after the other: if the machine gets busier
      // half-way, every path pays for it, not just the ones measured last.
      for (let round = 1; round <= ROUNDS; round++) {
        // The generator's own cost, in the same round: the same loop, each copy dropped before it is sent.
        const rxBefore = await rxPackets();
        const alone = await sendLiveFrames(ctx, gen, a, b, { frames: BURST, minMs: RUN_MS, cpu, port: PORT, program: 'bench_livegen_drop' });
        generatorLeaks += (await rxPackets()) - rxBefore;
        generatorNs.push(nsPerFrame(alone));
        for (const [i, path] of paths.entries()) {
          await path.setUp();
          const [dropped0, rx0] = [await path.dropped(), await rxPackets()];
          const sent = await sendLiveFrames(ctx, gen, a, b, { frames: BURST, minMs: RUN_MS, cpu, port: PORT });
          const [dropped1, rx1] = [await path.dropped(), await rxPackets()];
          await path.tearDown();
          const arrived = rx1 - rx0;
          runs++;
          if (dropped1 - dropped0 !== arrived) mismatches.push(words.droppedOf(path.id, round, dropped1 - dropped0, arrived));
          if (arrived !== sent.frames) ctx.note(words.lostBefore(path.id, round, sent.frames - arrived, sent.frames));
          results[i]!.runs.push(mpps(sent));
          totalNs[i]!.push(nsPerFrame(sent));
          frameBytes = sent.frameBytes;
        }
      }
      expectEqual(ctx, 'drops-accounted', words.runsOf(runs, runs), words.runsOf(runs - mismatches.length, runs));
      expectEqual(ctx, 'generator-alone-sends-nothing', words.generatorAlone(ROUNDS, 0), words.generatorAlone(generatorNs.length, generatorLeaks));
      for (const m of mismatches) ctx.note(m);
    });

    await ctx.step('compare', async () => {
      ctx.note(words.clock(cpu));
      const table = TABLE_WORDS[ctx.locale];
      for (const line of resultTable(results, paths.find((p) => p.id === 'native')!.label[ctx.locale], table)) ctx.note(line);
      const costs: PathCost[] = paths.map((p, i) => ({ id: p.id, label: p.label.en, totalNs: totalNs[i]!, receiveNs: receiveCosts(totalNs[i]!, generatorNs) }));
      ctx.note(words.nsClock);
      for (const line of costTable(costs.map((c, i) => ({ ...c, label: paths[i]!.label[ctx.locale] })), generatorNs, table)) ctx.note(line);
      const positive = costs.filter((c) => median(c.receiveNs) > 0).length;
      expectEqual(ctx, 'receive-costs', words.pathsCostMore(costs.length, costs.length), words.pathsCostMore(positive, costs.length));
      const loadAfter = await loadavg();
      const cpuModel = (await ctx.target.exec(['grep', '-m', '1', '^model name', '/proc/cpuinfo'], { allowFailure: true })).stdout.replace(/^model name\s*:\s*/, '').trim();
      ctx.note(words.conditions(loadBefore, loadAfter, cpus.length, cpuModel));
      // npm run transcripts keeps the record of its run for the page's chart.
      const recordDir = process.env['XDP_LABS_RECORD_DIR'];
      if (recordDir) {
        const record: DropBenchRecord = {
          lab: 'drop-bench',
          recordedAt: new Date().toISOString(),
          kernel: (await ctx.target.exec(['uname', '-r'])).stdout.trim(),
          cpuModel,
          cpus: cpus.length,
          load: { before: loadBefore, after: loadAfter },
          frameBytes,
          rounds: ROUNDS,
          generatorNs: median(generatorNs),
          paths: costs.map((c, i) => ({
            id: c.id,
            label: c.label,
            mpps: median(results[i]!.runs),
            totalNs: median(c.totalNs),
            receiveNs: median(c.receiveNs),
            receiveNsRounds: c.receiveNs,
          })),
        };
        writeFileSync(join(recordDir, 'drop-bench.json'), `${JSON.stringify(record, null, 2)}\n`);
        ctx.note(words.recordWritten(join(recordDir, 'drop-bench.json')));
      }
      const native = median(results[0]!.runs);
      for (const [id] of OTHERS) {
        const other = median(results[paths.findIndex((p) => p.id === id)]!.runs);
        expectAtLeast(ctx, `faster-than-${id}` as const, MIN_RATIO, native / other, '×');
      }
    });
  },
});
