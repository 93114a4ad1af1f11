// Several programs on one interface. The kernel runs one XDP program per
// device (per mode); two ways to run more: libxdp's dispatcher (xdp-loader),
// which calls its component programs by priority and goes on while they
// return a chain-call action, and tail calls through a PROG_ARRAY, where one
// program jumps to another and never comes back.
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { Locale, Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { readNstat } from '../lib/nstat.ts';
import { sendUdp } from '../lib/senders.ts';
import { buildLoader, loadAndAttach, type LoadedObject } from '../lib/tracepoint-loader.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, describeLink, linkXdp } from '../lib/xdp.ts';
import { ensureBpffs, xdpLoaderLoad, xdpLoaderStatus, xdpLoaderUnloadAll, type InterfaceStatus } from '../lib/xdp-loader.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab, type LabContext } from '../lib/types.ts';
import type { Endpoint } from '../lib/net.ts';

const PINGS = 5;
const DATAGRAMS = 5;
const DISPATCHER_CHECKS = ['dispatcher-loaded', 'dispatcher-chain', 'dispatcher-priority', 'dispatcher-actions'] as const;
const TAIL_COUNTERS = ['entry', 'tail_icmp', 'tail_udp_drop', 'miss'] as const;

/** How many times each component ran, by program name, read from its own `runs` map. */
async function componentRuns(ctx: LabContext, status: InterfaceStatus): Promise<Record<string, number>> {
  const runs: Record<string, number> = {};
  for (const c of status.components) {
    const [entry] = await dumpMap(ctx, (await progMap(ctx, c.id, 'runs')).id);
    runs[c.name] = entry ? leUint(entry.value) : 0;
  }
  return runs;
}

/** This lab's own words, in each language: pings answered, programs run, what xdp-loader shows. */
const EN = {
  answered: (received: number, sent: number) => `${received}/${sent} answered`,
  ran: (program: string, runs: number) => `${program} ran ${runs}`,
  component: (program: string, prio: number, actions: string) => `${program} prio ${prio} [${actions}]`,
  noComponents: 'no components',
  stillAttached: (progId: number | string | null) => `prog id ${progId} still attached`,
  attached: (program: string) => `attached: ${program}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    answered: (received, sent) => `응답 ${received}/${sent}`,
    ran: (program, runs) => `${program} ${runs}번 실행`,
    component: (program, prio, actions) => `${program} 우선순위 ${prio} [${actions}]`,
    noComponents: '구성 프로그램 없음',
    stillAttached: (progId) => `여전히 붙어 있음: prog id ${progId}`,
    attached: (program) => `붙은 프로그램: ${program}`,
  },
};

const describeComponents = (status: InterfaceStatus, locale: Locale) => {
  const words = WORDS[locale];
  const components = status.components.map((c) => words.component(c.name, c.prio, c.actions)).join(', ');
  return `${status.main?.name ?? observed({ locale }).none}: ${components || words.noComponents}`;
};

/**
 * Load the given programs (in that order) with xdp-loader, ping through them,
 * and say which ran how often and whether the pings came back. Unloads after.
 */
async function dispatchRound(
  ctx: LabContext,
  b: Endpoint,
  a: Endpoint,
  object: string,
  programs: { program: string; prio: number; actions?: string[] }[],
): Promise<{ status: InterfaceStatus; summary: string }> {
  for (const p of programs) await xdpLoaderLoad(ctx, { netns: b.netns, dev: b.dev, object, ...p });
  const status = await xdpLoaderStatus(ctx, b.netns, b.dev);
  ctx.note(describeComponents(status, ctx.locale));
  const result = await ping(ctx, a.netns, b.ipv4, { count: PINGS, waitSeconds: 0.2 });
  const runs = await componentRuns(ctx, status);
  await xdpLoaderUnloadAll(ctx, b.netns, b.dev);
  const words = WORDS[ctx.locale];
  const ran = ['xdp_count', 'xdp_drop_all'].map((n) => words.ran(n, runs[n] ?? 0)).join(', ');
  return { status, summary: `${words.answered(result.received, result.transmitted)}, ${ran}` };
}

async function tailCounters(ctx: LabContext, loaded: LoadedObject): Promise<Record<string, number>> {
  const map = loaded.maps.find((m) => m.name === 'tail_counters')!;
  const counts: Record<string, number> = {};
  for (const e of await dumpMap(ctx, map.id)) counts[TAIL_COUNTERS[leUint(e.key)] ?? '?'] = leUint(e.value);
  return counts;
}

export const xdpDispatcher = defineLab({
  name: 'xdp-dispatcher',
  title: { en: 'Several programs on one interface: dispatcher and tail calls', ko: '인터페이스 하나에 여러 프로그램: 디스패처와 테일 콜' },
  summary: {
    en: 'libxdp\'s dispatcher runs two programs on one veth in priority order and moves on only after a chain-call action; then an entry program jumps by IP protocol through a PROG_ARRAY, whose slots bpftool empties and swaps while the program stays attached.',
    ko: 'libxdp의 디스패처가 veth 하나에서 프로그램 두 개를 우선순위대로 실행하고, 체인 콜 액션을 반환했을 때만 다음으로 넘어갑니다. 이어서 진입 프로그램이 IP 프로토콜 번호로 PROG_ARRAY를 통해 점프하고, 프로그램이 붙어 있는 동안 bpftool로 슬롯을 비우고 바꿔 봅니다.',
  },
  page: 'labs/xdp-dispatcher',
  sources: ['bpf/xdp_multi.c', 'bpf/xdp_tail.c', 'labs/tools/xdp_hold.c'],
  topology: [
    '  netns xl-xdp-dispatcher-<id>-a        netns xl-xdp-dispatcher-<id>-b',
    ' ┌──────────────────────────┐        ┌──────────────────────────────────────────┐',
    ' │ ping, UDP → veth0 ───────┼────────┼─ veth0 ← xdp_dispatcher (xdp-loader)     │',
    ' └──────────────────────────┘        │            xdp_count, xdp_drop_all       │',
    '                                     │          or xdp_tail_entry ─ jump_table ─► │',
    '                                     │            [1] tail_icmp [17] tail_udp_drop│',
    '                                     └──────────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.10',
    why: {
      en: 'libxdp\'s dispatcher needs freplace programs that can be attached more than once (Linux 5.10); a kernel that refuses them (as some hardened ones do) skips the dispatcher checks with libxdp\'s reason. Tail calls and initialised PROG_ARRAYs work on every kernel the labs support.',
      ko: 'libxdp 디스패처에는 여러 번 붙일 수 있는 freplace 프로그램(리눅스 5.10)이 필요합니다. 이를 거부하는 커널(보안을 강화한 일부 커널)에서는 디스패처 확인을 libxdp가 말한 이유와 함께 건너뜁니다. 테일 콜과 초기화된 PROG_ARRAY는 실습이 지원하는 모든 커널에서 동작합니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'bash', 'nstat', 'xdp-loader', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile the programs and the loader', ko: '프로그램과 로더 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'probe', title: { en: 'Load one program with xdp-loader: dispatcher or fallback?', ko: 'xdp-loader로 프로그램 하나 로드: 디스패처인가, 대체 경로인가?' } },
    { id: 'dispatcher', title: { en: 'Two programs through the dispatcher: priorities and chain-call actions', ko: '디스패처로 프로그램 두 개: 우선순위와 체인 콜 액션' } },
    { id: 'tail', title: { en: 'Tail calls through a PROG_ARRAY', ko: 'PROG_ARRAY를 통한 테일 콜' } },
    { id: 'swap', title: { en: 'Empty and swap slots while attached', ko: '붙어 있는 동안 슬롯 비우고 바꾸기' } },
  ],
  checks: [
    {
      id: 'dispatcher-loaded',
      text: {
        en: 'xdp-loader status shows xdp_dispatcher on veth0 running xdp_count (priority 10) and then xdp_drop_all (priority 20).',
        ko: 'xdp-loader status가 veth0의 xdp_dispatcher와, 그 아래에서 실행되는 xdp_count(우선순위 10), xdp_drop_all(우선순위 20)을 순서대로 보여 줍니다.',
      },
    },
    {
      id: 'dispatcher-chain',
      text: {
        en: `Every ping is lost, and each program ran ${PINGS} times: xdp_count returned XDP_PASS, a chain-call action, so the dispatcher went on to xdp_drop_all, whose XDP_DROP stood.`,
        ko: `ping은 모두 사라지고 두 프로그램 모두 ${PINGS}번씩 실행됩니다. xdp_count가 체인 콜 액션인 XDP_PASS를 반환했으므로 디스패처가 xdp_drop_all로 넘어갔고, 그 XDP_DROP이 최종 액션이 됐습니다.`,
      },
    },
    {
      id: 'dispatcher-priority',
      text: {
        en: 'With xdp_drop_all at priority 5 it runs first, and xdp_count never runs: XDP_DROP is not a chain-call action, so the dispatcher stops there.',
        ko: 'xdp_drop_all을 우선순위 5로 올리면 먼저 실행되고 xdp_count는 한 번도 실행되지 않습니다. XDP_DROP은 체인 콜 액션이 아니어서 디스패처가 거기서 멈춥니다.',
      },
    },
    {
      id: 'dispatcher-actions',
      text: {
        en: 'Given the chain-call actions XDP_PASS,XDP_DROP, xdp_drop_all no longer has the last word: xdp_count runs after it and every ping is answered.',
        ko: 'xdp_drop_all에 체인 콜 액션 XDP_PASS,XDP_DROP을 주면 그 액션이 더 이상 마지막이 되지 못합니다. 그 뒤에 xdp_count가 실행되고 ping은 모두 응답을 받습니다.',
      },
    },
    {
      id: 'tail-loaded',
      text: {
        en: 'xdp_tail_entry is attached natively, and jump_table holds tail_icmp at index 1 (ICMP) and tail_udp_drop at index 17 (UDP).',
        ko: 'xdp_tail_entry가 네이티브로 붙어 있고, jump_table의 1번(ICMP) 슬롯에 tail_icmp, 17번(UDP) 슬롯에 tail_udp_drop이 들어 있습니다.',
      },
    },
    {
      id: 'tail-icmp',
      text: { en: `All ${PINGS} pings are answered, each through tail_icmp, with no fall-through.`, ko: `ping ${PINGS}개가 모두 응답을 받고, 하나하나 tail_icmp를 거치며, 빠져나온 호출은 없습니다.` },
    },
    {
      id: 'tail-udp',
      text: {
        en: `${DATAGRAMS} UDP datagrams jump to tail_udp_drop and are dropped: the namespace's UdpNoPorts does not move.`,
        ko: `UDP 데이터그램 ${DATAGRAMS}개는 tail_udp_drop으로 점프해 드롭됩니다. 네임스페이스의 UdpNoPorts는 움직이지 않습니다.`,
      },
    },
    {
      id: 'tail-missing',
      text: {
        en: 'With slot 17 deleted, the tail call falls through: the entry program counts the misses and passes the datagrams, and UdpNoPorts rises by that many.',
        ko: '17번 슬롯을 지우면 테일 콜이 실패하고 그대로 다음 줄로 이어집니다. 진입 프로그램이 실패를 세고 데이터그램을 넘기므로 UdpNoPorts가 그만큼 올라갑니다.',
      },
    },
    {
      id: 'tail-swap',
      text: {
        en: 'With tail_udp_drop put in slot 1, the same pings are dropped, while the device still runs the same entry program (same prog id).',
        ko: '1번 슬롯에 tail_udp_drop을 넣으면 같은 ping이 드롭됩니다. 장치에는 여전히 같은 진입 프로그램(같은 prog id)이 붙어 있습니다.',
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const built = await ctx.step('build', async () => ({
      multi: await compileBpf(ctx, 'bpf/xdp_multi.c'),
      tail: await compileBpf(ctx, 'bpf/xdp_tail.c'),
      hold: await buildLoader(ctx, 'labs/tools/xdp_hold.c'),
    }));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));

    const dispatcher = await ctx.step('probe', async () => {
      await ensureBpffs(ctx);
      // libxdp pins what it attaches in bpffs: unload before the device goes, or the pins would stay.
      ctx.defer({ en: `xdp-loader unload ${b.dev} --all`, ko: `xdp-loader unload ${b.dev} --all 실행` }, () => xdpLoaderUnloadAll(ctx, b.netns, b.dev));
      const said = await xdpLoaderLoad(ctx, { netns: b.netns, dev: b.dev, object: built.multi, program: 'xdp_count', prio: 10 });
      const status = await xdpLoaderStatus(ctx, b.netns, b.dev);
      await xdpLoaderUnloadAll(ctx, b.netns, b.dev);
      const libxdp = said.split('\n').filter((l) => l.includes('libxdp:')).map((l) => l.replace(/^\s*libxdp:\s*/, ''));
      for (const line of libxdp) ctx.note(`libxdp: ${line}`);
      ctx.note(words.attached(status.main?.name ?? observed(ctx).nothing));
      return { works: status.main?.name === 'xdp_dispatcher', why: libxdp.find((l) => /failed|Can't|cannot/i.test(l)) ?? libxdp.join('; ') };
    });

    if (!dispatcher.works) {
      ctx.skip(
        {
          en: `libxdp could not build a dispatcher on this kernel and attached a single program instead: "${dispatcher.why}" (a dispatcher is made of freplace programs)`,
          ko: `이 커널에서는 libxdp가 디스패처를 만들지 못하고 프로그램 하나만 붙였습니다: "${dispatcher.why}" (디스패처는 freplace 프로그램으로 만들어집니다)`,
        },
        DISPATCHER_CHECKS,
      );
    } else {
      await ctx.step('dispatcher', async () => {
        const first = await dispatchRound(ctx, b, a, built.multi, [
          { program: 'xdp_count', prio: 10 },
          { program: 'xdp_drop_all', prio: 20 },
        ]);
        expectEqual(
          ctx,
          'dispatcher-loaded',
          `xdp_dispatcher: ${words.component('xdp_count', 10, 'XDP_PASS')}, ${words.component('xdp_drop_all', 20, 'XDP_PASS')}`,
          describeComponents(first.status, ctx.locale),
        );
        expectEqual(ctx, 'dispatcher-chain', `${words.answered(0, PINGS)}, ${words.ran('xdp_count', PINGS)}, ${words.ran('xdp_drop_all', PINGS)}`, first.summary);
        const dropFirst = await dispatchRound(ctx, b, a, built.multi, [
          { program: 'xdp_count', prio: 10 },
          { program: 'xdp_drop_all', prio: 5 },
        ]);
        expectEqual(ctx, 'dispatcher-priority', `${words.answered(0, PINGS)}, ${words.ran('xdp_count', 0)}, ${words.ran('xdp_drop_all', PINGS)}`, dropFirst.summary);
        const chained = await dispatchRound(ctx, b, a, built.multi, [
          { program: 'xdp_count', prio: 10 },
          { program: 'xdp_drop_all', prio: 5, actions: ['XDP_PASS', 'XDP_DROP'] },
        ]);
        expectEqual(ctx, 'dispatcher-actions', `${words.answered(PINGS, PINGS)}, ${words.ran('xdp_count', PINGS)}, ${words.ran('xdp_drop_all', PINGS)}`, chained.summary);
      });
    }

    const tail = await ctx.step('tail', async () => {
      const loaded = await loadAndAttach(ctx, built.hold, built.tail, { after: ['xdp_tail_entry', b.dev], netns: b.netns });
      const link = await linkXdp(ctx, b.netns, b.dev);
      const jumpTable = loaded.maps.find((m) => m.name === 'jump_table')!.id;
      const names = new Map(loaded.programs.map((p) => [p.id, p.name]));
      const slots = (await dumpMap(ctx, jumpTable)).map((e) => `[${leUint(e.key)}] ${names.get(leUint(e.value)) ?? `prog ${leUint(e.value)}`}`);
      expectEqual(ctx, 'tail-loaded', 'xdp_tail_entry native; [1] tail_icmp, [17] tail_udp_drop', `${describeLink(link, ctx.locale)}; ${slots.join(', ') || observed(ctx).empty}`);

      const result = await ping(ctx, a.netns, b.ipv4, { count: PINGS });
      const afterPing = await tailCounters(ctx, loaded);
      expectEqual(
        ctx,
        'tail-icmp',
        `${words.answered(PINGS, PINGS)}, tail_icmp ${PINGS}, miss 0`,
        `${words.answered(result.received, result.transmitted)}, tail_icmp ${afterPing.tail_icmp}, miss ${afterPing.miss}`,
      );

      const before = (await readNstat(ctx, b.netns, ['UdpNoPorts'])).UdpNoPorts!;
      await sendUdp(ctx, a.netns, b.ipv4, 9, { count: DATAGRAMS, payload: 16 });
      const afterUdp = await tailCounters(ctx, loaded);
      const noPorts = (await readNstat(ctx, b.netns, ['UdpNoPorts'])).UdpNoPorts! - before;
      expectEqual(ctx, 'tail-udp', `tail_udp_drop ${DATAGRAMS}, UdpNoPorts +0`, `tail_udp_drop ${afterUdp.tail_udp_drop}, UdpNoPorts +${noPorts}`);
      return { loaded, jumpTable, entryId: link.progId };
    });

    await ctx.step('swap', async () => {
      const key = ['0x11', '0x00', '0x00', '0x00'];
      await ctx.target.exec(['bpftool', 'map', 'delete', 'id', String(tail.jumpTable), 'key', ...key]);
      ctx.note(`bpftool map delete id ${tail.jumpTable} key 17 0 0 0`);
      const before = await tailCounters(ctx, tail.loaded);
      const noPortsBefore = (await readNstat(ctx, b.netns, ['UdpNoPorts'])).UdpNoPorts!;
      await sendUdp(ctx, a.netns, b.ipv4, 9, { count: DATAGRAMS, payload: 16 });
      const after = await tailCounters(ctx, tail.loaded);
      const noPorts = (await readNstat(ctx, b.netns, ['UdpNoPorts'])).UdpNoPorts! - noPortsBefore;
      expectEqual(ctx, 'tail-missing', `miss +${DATAGRAMS}, UdpNoPorts +${DATAGRAMS}`, `miss +${after.miss! - before.miss!}, UdpNoPorts +${noPorts}`);

      const dropId = tail.loaded.programs.find((p) => p.name === 'tail_udp_drop')!.id;
      await ctx.target.exec(['bpftool', 'map', 'update', 'id', String(tail.jumpTable), 'key', '0x01', '0x00', '0x00', '0x00', 'value', 'id', String(dropId)]);
      ctx.note(`bpftool map update id ${tail.jumpTable} key 1 0 0 0 value id ${dropId}`);
      const result = await ping(ctx, a.netns, b.ipv4, { count: PINGS, waitSeconds: 0.2 });
      const link = await linkXdp(ctx, b.netns, b.dev);
      expectEqual(
        ctx,
        'tail-swap',
        `${words.answered(0, PINGS)}, ${words.stillAttached(tail.entryId)}`,
        `${words.answered(result.received, result.transmitted)}, ${words.stillAttached(link.progId ?? observed(ctx).none)}`,
      );
    });
  },
});
