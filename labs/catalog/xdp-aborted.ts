// XDP_ABORTED: the packet is dropped like XDP_DROP, and the kernel also fires the
// xdp:xdp_exception tracepoint, which names the program and the interface.
import { dumpMap, leUint, updateMapU32 } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { runIfindex } from '../lib/ifindex.ts';
import { quietNamespace, vethBetween } from '../lib/net.ts';
import { ensureTracefs, parseXdpException, traceEvent } from '../lib/tracefs.ts';
import { buildLoader, loadAndAttach, type LoadedObject } from '../lib/tracepoint-loader.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf, detachXdp, expectAttached } from '../lib/xdp.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const COUNT = 8;
const ACTIONS = ['XDP_ABORTED', 'XDP_DROP', 'XDP_PASS', 'XDP_TX', 'XDP_REDIRECT'];

function mapId(loaded: LoadedObject, name: string): number {
  const map = loaded.maps.find((m) => m.name === name);
  if (!map) throw new Error(`the tracepoint object has no map ${name}`);
  return map.id;
}

/** The exceptions map as "<count> × prog <id> <action>" lines, sorted, or "none". */
async function exceptionSummary(ctx: LabContext, exceptionsMap: number): Promise<{ total: number; kinds: string }> {
  const entries = await dumpMap(ctx, exceptionsMap);
  let total = 0;
  const kinds = entries
    .map((e) => {
      const count = leUint(e.value);
      total += count;
      const act = leUint(e.key.slice(4, 8));
      return `prog ${leUint(e.key.slice(0, 4))} ${ACTIONS[act] ?? `action ${act}`}`;
    })
    .sort();
  return { total, kinds: kinds.join(', ') || observed(ctx).none };
}

/** This lab's own words, in each language: the exceptions counted, and its note. */
const EN = {
  events: (count: number) => `${count} events`,
  eventsOn: (count: number, ifindex: number | string) => `${count} events on ifindex ${ifindex}`,
  lostSilently: (lost: number, exceptions: number) => `${lost} lost, ${exceptions} new exceptions`,
  watching: (ifindex: number) => `watching ifindex ${ifindex}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    events: (count) => `이벤트 ${count}개`,
    eventsOn: (count, ifindex) => `ifindex ${ifindex}에서 이벤트 ${count}개`,
    lostSilently: (lost, exceptions) => `${lost}개 사라짐, 새 예외 ${exceptions}개`,
    watching: (ifindex) => `지켜보는 ifindex: ${ifindex}`,
  },
};

export const xdpAborted = defineLab({
  name: 'xdp-aborted',
  title: { en: 'XDP_ABORTED and the xdp_exception tracepoint', ko: 'XDP_ABORTED와 xdp_exception 트레이스포인트' },
  summary: {
    en: 'A program that returns XDP_ABORTED loses every packet, like XDP_DROP, but each loss also fires the xdp:xdp_exception tracepoint. A BPF program on that tracepoint and a tracefs instance both see it, with the program id and the interface.',
    ko: 'XDP_ABORTED를 반환하는 프로그램은 XDP_DROP처럼 모든 패킷을 드롭하지만, 드롭할 때마다 xdp:xdp_exception 트레이스포인트도 발생합니다. 트레이스포인트에 붙인 BPF 프로그램과 tracefs 인스턴스가 프로그램 id와 인터페이스까지 함께 확인합니다.',
  },
  page: 'labs/xdp-aborted',
  sources: ['bpf/xdp_aborted.c', 'bpf/xdp_aborted_trace.c', 'bpf/xdp_aborted_loader.c', 'bpf/xdp.c'],
  topology: [
    '  netns xl-xdp-aborted-<id>-a        netns xl-xdp-aborted-<id>-b',
    ' ┌──────────────────────┐          ┌──────────────────────────────────────┐',
    ' │ veth0 10.x.y.1 ──────┼──────────┼─ veth0 10.x.y.2  ← xdp_aborted        │',
    ' └──────────────────────┘          │   (ifindex 100000 + run id × 8 + 1)  │',
    '                                   └──────────────────────────────────────┘',
    '  host: tracepoint xdp:xdp_exception ← count_exception (filters on that ifindex)',
    '        tracefs instance xl-<id>     ← same event, filtered on the program id',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'native XDP on veth arrived in Linux 4.19; the xdp:xdp_exception tracepoint, with its prog_id and ifindex fields, is older.',
      ko: 'veth의 네이티브 XDP는 리눅스 4.19부터 지원됩니다. prog_id와 ifindex 필드를 가진 xdp:xdp_exception 트레이스포인트는 그보다 먼저 들어왔습니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile the XDP program, the tracepoint program and its loader', ko: 'XDP 프로그램, 트레이스포인트 프로그램, 로더 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach xdp_aborted to the receiving veth', ko: '받는 쪽 veth에 xdp_aborted 붙이기' } },
    { id: 'observe', title: { en: 'Watch xdp:xdp_exception with a BPF program and a tracefs instance', ko: 'BPF 프로그램과 tracefs 인스턴스로 xdp:xdp_exception 지켜보기' } },
    { id: 'traffic', title: { en: 'Ping through it and read both observers', ko: 'ping을 보내고 두 관찰 결과 읽기' } },
    { id: 'drop', title: { en: 'Replace it with xdp_drop and ping again', ko: 'xdp_drop으로 바꾸고 다시 ping' } },
  ],
  checks: [
    { id: 'attached', text: { en: 'ip link shows xdp_aborted attached in native mode.', ko: 'ip link가 네이티브 모드로 붙은 xdp_aborted를 보여 줍니다.' } },
    { id: 'ping-lost', text: { en: `All ${COUNT} pings are lost: XDP_ABORTED drops the packet.`, ko: `ping ${COUNT}개가 모두 사라집니다. XDP_ABORTED는 패킷을 드롭합니다.` } },
    {
      id: 'exception-count',
      text: { en: 'The tracepoint program counted exactly one xdp_exception event per ping sent.', ko: '트레이스포인트 프로그램이 보낸 ping 하나마다 정확히 한 번씩 xdp_exception 이벤트를 셉니다.' },
    },
    {
      id: 'exception-prog-id',
      text: {
        en: 'Every event names the attached program by its id, with the action XDP_ABORTED.',
        ko: '모든 이벤트가 붙어 있는 프로그램을 그 id로 가리키고, 액션은 XDP_ABORTED입니다.',
      },
    },
    {
      id: 'exception-ifindex',
      text: {
        en: "The tracefs instance recorded the same events, each with the veth's ifindex as ip link reports it.",
        ko: 'tracefs 인스턴스에도 같은 이벤트가 기록되고, 각 이벤트의 ifindex는 ip link가 보여 주는 veth의 ifindex와 같습니다.',
      },
    },
    {
      id: 'drop-is-silent',
      text: {
        en: 'With xdp_drop in its place the pings are lost too, but no exception is recorded.',
        ko: 'xdp_drop으로 바꾸면 ping은 똑같이 사라지지만 예외는 기록되지 않습니다.',
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const built = await ctx.step('build', async () => ({
      aborted: await compileBpf(ctx, 'bpf/xdp_aborted.c'),
      trace: await compileBpf(ctx, 'bpf/xdp_aborted_trace.c'),
      seed: await compileBpf(ctx, 'bpf/xdp.c'),
      loader: await buildLoader(ctx, 'bpf/xdp_aborted_loader.c'),
    }));
    const { a, b } = await ctx.step('network', async () => {
      const nsA = await ctx.netns('a');
      const nsB = await ctx.netns('b');
      await quietNamespace(ctx, nsA);
      await quietNamespace(ctx, nsB);
      // A machine-wide unique ifindex for the watched veth: the tracepoint sees every namespace.
      return vethBetween(ctx, nsA, nsB, { indexA: runIfindex(ctx.runId, 0), indexB: runIfindex(ctx.runId, 1) });
    });
    const watched = { netns: b.netns, dev: b.dev, mode: 'native' as const };
    const link = await ctx.step('attach', () => expectAttached(ctx, 'attached', { ...watched, object: built.aborted, program: 'xdp_aborted' }));
    const observers = await ctx.step('observe', async () => {
      await ensureTracefs(ctx);
      const loaded = await loadAndAttach(ctx, built.loader, built.trace);
      // Until this update the filter holds 0, an ifindex no device has: nothing is counted.
      await updateMapU32(ctx, mapId(loaded, 'watched_ifindex'), 0, link.ifindex);
      ctx.note(words.watching(link.ifindex));
      const trace = await traceEvent(ctx, 'xdp/xdp_exception', `prog_id == ${link.progId}`);
      return { exceptionsMap: mapId(loaded, 'exceptions'), trace };
    });
    await ctx.step('traffic', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      expectEqual(ctx, 'ping-lost', observed(ctx).sentReceived(COUNT, 0), observed(ctx).sentReceived(result.transmitted, result.received));
      const counted = await exceptionSummary(ctx, observers.exceptionsMap);
      expectEqual(ctx, 'exception-count', words.events(COUNT), words.events(counted.total));
      expectEqual(ctx, 'exception-prog-id', `prog ${link.progId} XDP_ABORTED`, counted.kinds);
      const events = (await observers.trace.read()).map(parseXdpException);
      const ifindexes = [...new Set(events.map((e) => e.ifindex))].join(', ') || observed(ctx).none;
      expectEqual(ctx, 'exception-ifindex', words.eventsOn(COUNT, link.ifindex), words.eventsOn(events.length, ifindexes));
    });
    await ctx.step('drop', async () => {
      await detachXdp(ctx, watched);
      await attachXdp(ctx, { ...watched, object: built.seed, program: 'xdp_drop' });
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      const counted = await exceptionSummary(ctx, observers.exceptionsMap);
      const lost = result.transmitted - result.received;
      expectEqual(ctx, 'drop-is-silent', words.lostSilently(COUNT, 0), words.lostSilently(lost, counted.total - COUNT));
    });
  },
});
