// A router in XDP: three namespaces a — r — c, with r forwarding between them.
// First r's stack forwards, and its counters say so; then xdp_router forwards
// with bpf_fib_lookup and a DEVMAP, and the same counters stand still while the
// frames arrive with one TTL less. Then the cases the helper hands back to the
// stack: an expiring TTL, a missing neighbour entry, forwarding switched off,
// and a blackhole route it drops itself.
import { dumpMap, leUint, progMap, updateMapU32 } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import type { Localized } from '../lib/locale.ts';
import { counter, readEthtoolStats } from '../lib/ethtool-stats.ts';
import { runSubnet, type Endpoint } from '../lib/net.ts';
import { routedThreeHosts } from '../lib/topology.ts';
import { readNstat } from '../lib/nstat.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf } from '../lib/xdp.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const COUNT = 10;
/** Few enough that r's ICMP rate limit (a burst of 6 per peer) answers every one. */
const EXPIRING = 3;
const SENT_TTL = 64;

/** bpf_fib_lookup's return codes, in the order of enum in <linux/bpf.h>: the index into fib_results. */
export const FIB_RESULTS = ['SUCCESS', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT', 'NOT_FWDED', 'FWD_DISABLED', 'UNSUPP_LWT', 'NO_NEIGH', 'FRAG_NEEDED', 'NO_SRC_ADDR'];

/** Count per map key (an ARRAY of u64 counters). */
async function arrayCounts(ctx: LabContext, mapId: number): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const entry of await dumpMap(ctx, mapId)) counts.set(leUint(entry.key), leUint(entry.value));
  return counts;
}

/** What grew between two readings of the same counters, as "NAME +n" for every key that moved; `nothing` when none did. */
export function grownBy(before: Map<number, number>, after: Map<number, number>, name: (key: number) => string, nothing = 'nothing'): string {
  const grown = [...after].filter(([key, n]) => n > (before.get(key) ?? 0)).map(([key, n]) => `${name(key)} +${n - (before.get(key) ?? 0)}`);
  return grown.length > 0 ? grown.join(', ') : nothing;
}

const fibName = (rc: number) => FIB_RESULTS[rc] ?? `code ${rc}`;
const macOf = (bytes: readonly number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');

/** This lab's own words, in each language: where the frames arrived, and its notes. */
const EN = {
  arrived: (inC: number, inA: number) => `c got ${inC}, a got ${inA}`,
  requestsReplies: (inC: string, inA: string) => `requests in c: ${inC}; replies in a: ${inA}`,
  macsSeen: (inC: string, inA: string) => `in c: ${inC}; in a: ${inA}`,
  lookups: (fib: string) => `lookups: ${fib}`,
  network: (a: string, r0: string, r1: string, c: string, hole: string) => `a ${a} — r ${r0} | ${r1} — c ${c}; blackhole ${hole} in r`,
  stackTtl: (ttls: string) => `requests reached c with ${ttls}: the stack decrements the TTL too`,
  routerPorts: (ports: string) => `router_ports of each program: ${ports} (written from inside r)`,
  neighbours: (entry: string) => `r's neighbour table now: ${entry}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    arrived: (inC, inA) => `c에 ${inC}개, a에 ${inA}개 도착`,
    requestsReplies: (inC, inA) => `c에 온 요청: ${inC}; a에 온 응답: ${inA}`,
    macsSeen: (inC, inA) => `c에 도착: ${inC}; a에 도착: ${inA}`,
    lookups: (fib) => `조회: ${fib}`,
    network: (a, r0, r1, c, hole) => `a ${a} — r ${r0} | ${r1} — c ${c}; r에 blackhole ${hole}`,
    stackTtl: (ttls) => `c에 도착한 요청: ${ttls}. 스택도 TTL을 줄임`,
    routerPorts: (ports) => `프로그램마다 채운 router_ports: ${ports} (r 안에서 씀)`,
    neighbours: (entry) => `지금 r의 이웃 테이블: ${entry}`,
  },
};

export const xdpForward = defineLab({
  name: 'xdp-forward',
  title: { en: 'Route packets in XDP with bpf_fib_lookup', ko: 'bpf_fib_lookup으로 XDP에서 패킷 라우팅하기' },
  summary: {
    en: "A router namespace forwards ping between two others, first with its own stack, then with an XDP program that asks the kernel's routing and neighbour tables (bpf_fib_lookup), rewrites the MACs, decrements the TTL and redirects through a DEVMAP. The frames arrive one hop older while the router's forwarding counters stand still; what the helper cannot finish, it hands back to the stack.",
    ko: '라우터 네임스페이스가 다른 두 네임스페이스 사이에서 ping을 포워딩합니다. 처음에는 자기 스택으로, 다음에는 커널의 라우팅 테이블과 이웃 테이블에 묻고(bpf_fib_lookup) MAC을 바꾸고 TTL을 줄인 뒤 DEVMAP으로 리다이렉트하는 XDP 프로그램으로 전달합니다. 프레임은 TTL이 하나 줄어 도착하고 라우터의 포워딩 카운터는 그대로입니다. 헬퍼가 끝내지 못하는 경우는 스택에 넘깁니다.',
  },
  page: 'labs/xdp-forward',
  sources: ['bpf/xdp_forward.c'],
  topology: [
    '  netns …-a                netns …-r (router, ip_forward=1)                   netns …-c',
    ' ┌──────────────────┐     ┌─────────────────────────────────────────────┐     ┌──────────────────┐',
    ' │ veth0 10.x.y.1  ─┼─────┼─ veth0 10.x.y.2              10.x.z.1 veth1 ─┼─────┼─ veth0 10.x.z.2  │',
    ' │  ← xdp_arrival   │     │   ← xdp_router ─ router_ports ─ xdp_router → │     │  ← xdp_arrival   │',
    ' │ route 10.x.z.0/24│     │      (DEVMAP_HASH, bpf_fib_lookup)          │     │ route 10.x.y.0/24│',
    ' │   via 10.x.y.2   │     │ blackhole 10.x.w.0/24                       │     │   via 10.x.z.1   │',
    ' └──────────────────┘     └─────────────────────────────────────────────┘     └──────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.4',
    why: {
      en: 'bpf_fib_lookup came in 4.18 and the fallback verdict of bpf_redirect_map in 5.3; the router keys its ports by ifindex in a DEVMAP_HASH, added in Linux 5.4.',
      ko: 'bpf_fib_lookup은 4.18, bpf_redirect_map의 실패 시 액션은 5.3부터이고, 라우터가 포트를 ifindex로 찾는 DEVMAP_HASH가 리눅스 5.4에서 추가됐습니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'nstat', 'ethtool'],
  minutes: 20,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_forward.c', ko: 'bpf/xdp_forward.c 컴파일' } },
    { id: 'network', title: { en: 'Create a — r — c, with routes through r and forwarding on in r', ko: 'a — r — c를 만들고 r을 지나는 경로와 r의 포워딩 켜기' } },
    { id: 'stack', title: { en: "Ping a → c through r's stack", ko: 'r의 스택을 거쳐 a → c로 ping' } },
    { id: 'attach', title: { en: "Attach xdp_router to both of r's ports and fill router_ports from inside r", ko: 'r의 두 포트에 xdp_router를 붙이고 r 안에서 router_ports 채우기' } },
    { id: 'xdp', title: { en: 'Ping a → c through XDP', ko: 'XDP를 거쳐 a → c로 ping' } },
    { id: 'ttl-expired', title: { en: 'Ping with TTL 1', ko: 'TTL 1로 ping' } },
    { id: 'no-neigh', title: { en: "Delete r's neighbour entry for c, then ping", ko: 'r에서 c의 이웃 항목을 지우고 ping' } },
    { id: 'fwd-disabled', title: { en: "Switch forwarding off on r's veth0, then ping", ko: 'r의 veth0에서 포워딩을 끄고 ping' } },
    { id: 'blackhole', title: { en: 'Ping an address r has a blackhole route for', ko: 'r에 blackhole 경로가 있는 주소로 ping' } },
  ],
  checks: [
    {
      id: 'stack-forwards',
      text: {
        en: `Without a program, r's stack forwards: all ${COUNT} pings are answered and r's IpForwDatagrams (nstat) grows by one per request and one per reply.`,
        ko: `프로그램이 없으면 r의 스택이 포워딩합니다. ping ${COUNT}개가 모두 응답을 받고, r의 IpForwDatagrams(nstat)가 요청 하나와 응답 하나마다 1씩 늘어납니다.`,
      },
    },
    {
      id: 'attached',
      text: {
        en: "ip link shows xdp_router on both of r's ports and xdp_arrival on a's and c's veth0, all native.",
        ko: 'ip link가 r의 두 포트에 xdp_router, a와 c의 veth0에 xdp_arrival을 보여 주며 모두 네이티브 모드입니다.',
      },
    },
    {
      id: 'frames-arrive',
      text: {
        en: `Through XDP, all ${COUNT} pings are answered: c's program saw ${COUNT} echo requests, a's saw ${COUNT} echo replies, and each of r's ports handed ${COUNT} frames to its peer (tx_queue_0_xdp_xmit).`,
        ko: `XDP를 거쳐도 ping ${COUNT}개가 모두 응답을 받습니다. c의 프로그램은 에코 요청 ${COUNT}개, a의 프로그램은 에코 응답 ${COUNT}개를 보았고, r의 두 포트는 각각 ${COUNT}개 프레임을 peer에 넘겼습니다(tx_queue_0_xdp_xmit).`,
      },
    },
    {
      id: 'fib-success',
      text: {
        en: "The router programs' own counters: bpf_fib_lookup answered BPF_FIB_LKUP_RET_SUCCESS once per request and once per reply, and nothing else.",
        ko: '라우터 프로그램 자신의 카운터를 보면 bpf_fib_lookup은 요청 하나, 응답 하나마다 BPF_FIB_LKUP_RET_SUCCESS를 돌려주었고 다른 값은 없습니다.',
      },
    },
    {
      id: 'stack-skipped',
      text: {
        en: "Meanwhile r's IpForwDatagrams and IpInReceives did not move: r's IP stack never saw the packets it forwarded.",
        ko: '그동안 r의 IpForwDatagrams와 IpInReceives는 그대로입니다. r의 IP 스택은 자신이 포워딩한 패킷을 보지 못했습니다.',
      },
    },
    {
      id: 'ttl-decremented',
      text: {
        en: `Sent with TTL ${SENT_TTL}, every request reached c and every reply reached a with TTL ${SENT_TTL - 1}, and c's stack accepted them: the checksum was patched to match.`,
        ko: `TTL ${SENT_TTL}로 보낸 요청은 c에, 응답은 a에 모두 TTL ${SENT_TTL - 1}로 도착했고 c의 스택이 받아들였습니다. 체크섬도 맞게 고쳐졌습니다.`,
      },
    },
    {
      id: 'macs-rewritten',
      text: {
        en: "The frames that arrived carry the egress port's MAC as source and the receiver's as destination, as bpf_fib_lookup gave them.",
        ko: '도착한 프레임의 출발지 MAC은 나가는 포트의 MAC, 목적지 MAC은 받는 쪽의 MAC으로, bpf_fib_lookup이 준 그대로입니다.',
      },
    },
    {
      id: 'ttl-expired-to-stack',
      text: {
        en: `${EXPIRING} pings with TTL 1 are passed to r's stack before any lookup, and it answers each with ICMP time exceeded (IcmpOutTimeExcds in r, IcmpInTimeExcds in a).`,
        ko: `TTL 1인 ping ${EXPIRING}개는 조회 전에 r의 스택으로 넘어가고, 스택이 각각 ICMP time exceeded로 답합니다(r의 IcmpOutTimeExcds, a의 IcmpInTimeExcds).`,
      },
    },
    {
      id: 'no-neigh-to-stack',
      text: {
        en: "With r's neighbour entry for c deleted, the first request gets BPF_FIB_LKUP_RET_NO_NEIGH and goes to r's stack, which forwards it (IpForwDatagrams +1) and resolves c's MAC with ARP; its reply already had a neighbour and went through XDP.",
        ko: 'r에서 c의 이웃 항목을 지우면 첫 요청은 BPF_FIB_LKUP_RET_NO_NEIGH를 받아 r의 스택으로 가고, 스택이 그것을 포워딩하면서(IpForwDatagrams +1) ARP로 c의 MAC을 알아냅니다. 그 응답은 이웃 항목이 이미 있어 XDP로 갔습니다.',
      },
    },
    {
      id: 'neigh-learned',
      text: {
        en: `The stack's ARP left an entry for c in r's neighbour table, and the next ${COUNT} pings are all forwarded by XDP again: SUCCESS only, IpForwDatagrams +0.`,
        ko: `스택의 ARP가 r의 이웃 테이블에 c의 항목을 남겼고, 이어지는 ping ${COUNT}개는 다시 모두 XDP가 포워딩합니다. SUCCESS만 나오고 IpForwDatagrams는 +0입니다.`,
      },
    },
    {
      id: 'fwd-disabled-to-stack',
      text: {
        en: "With forwarding off on r's veth0, bpf_fib_lookup answers BPF_FIB_LKUP_RET_FWD_DISABLED: the helper obeys the router's settings. The stack, given the packets, refuses them too and counts IpInAddrErrors; no ping is answered.",
        ko: 'r의 veth0에서 포워딩을 끄면 bpf_fib_lookup은 BPF_FIB_LKUP_RET_FWD_DISABLED를 돌려줍니다. 헬퍼도 라우터 설정을 따릅니다. 패킷을 넘겨받은 스택도 거부하고 IpInAddrErrors를 세며, 어떤 ping도 응답을 받지 못합니다.',
      },
    },
    {
      id: 'blackhole-dropped',
      text: {
        en: "Towards a blackhole route the helper answers BPF_FIB_LKUP_RET_BLACKHOLE and the program drops the packet itself: no answer, and r's IpInReceives +0.",
        ko: 'blackhole 경로로 가는 패킷에는 헬퍼가 BPF_FIB_LKUP_RET_BLACKHOLE을 돌려주고 프로그램이 직접 드롭합니다. 응답은 없고 r의 IpInReceives는 +0입니다.',
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { sentReceived, none, nothing } = observed(ctx);
    const sent = (r: { transmitted: number; received: number }) => sentReceived(r.transmitted, r.received);
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_forward.c'));

    const { a, r0, r1, c, blackhole } = await ctx.step('network', async () => {
      const hosts = await routedThreeHosts(ctx);
      const holeNet = runSubnet(ctx.runId, 2);
      await ctx.target.exec(['ip', 'route', 'add', `${holeNet}.0/24`, 'via', hosts.r0.ipv4], { netns: hosts.a.netns });
      await ctx.target.exec(['ip', 'route', 'add', 'blackhole', `${holeNet}.0/24`], { netns: hosts.r0.netns });
      ctx.note(words.network(hosts.a.ipv4, hosts.r0.ipv4, hosts.r1.ipv4, hosts.c.ipv4, `${holeNet}.0/24`));
      return { ...hosts, blackhole: `${holeNet}.1` };
    });

    const nstat = (end: Endpoint, names: string[]) => readNstat(ctx, end.netns, names);
    const counted = async <R>(end: Endpoint, names: string[], act: () => Promise<R>) => {
      const before = await nstat(end, names);
      const result = await act();
      const after = await nstat(end, names);
      return { result, grown: names.map((n) => `${n} +${after[n]! - before[n]!}`).join(', ') };
    };

    // The receivers' programs first: they count what arrives, and a veth takes redirected frames only with one.
    const arrival = await Promise.all(
      [a, c].map(async (end) => {
        const link = await attachXdp(ctx, { netns: end.netns, dev: end.dev, mode: 'native', object, program: 'xdp_arrival' });
        return { link, byTtl: (await progMap(ctx, link.progId!, 'icmp_by_ttl')).id, lastEth: (await progMap(ctx, link.progId!, 'last_icmp_eth')).id };
      }),
    );
    const [inA, inC] = arrival as [(typeof arrival)[0], (typeof arrival)[0]];
    const ttlsAt = (where: typeof inA) => arrayCounts(ctx, where.byTtl);
    const ttlLine = (before: Map<number, number>, after: Map<number, number>) => grownBy(before, after, (ttl) => `TTL ${ttl}`, nothing).replace(/ \+/g, ' ×');

    await ctx.step('stack', async () => {
      const ttlBefore = await ttlsAt(inC);
      const { result, grown } = await counted(r0, ['IpForwDatagrams'], () => ping(ctx, a.netns, c.ipv4, { count: COUNT }));
      expectEqual(ctx, 'stack-forwards', `${sentReceived(COUNT, COUNT)}, IpForwDatagrams +${2 * COUNT}`, `${sent(result)}, ${grown}`);
      ctx.note(words.stackTtl(ttlLine(ttlBefore, await ttlsAt(inC))));
    });

    const routers = await ctx.step('attach', async () => {
      const ports = [r0, r1];
      const links = [];
      for (const port of ports) links.push(await attachXdp(ctx, { netns: port.netns, dev: port.dev, mode: 'native', object, program: 'xdp_router' }));
      const shown = (l: { progName: string | null; mode: string | null }) => `${l.progName ?? none} ${l.mode ?? none}`;
      expectEqual(
        ctx,
        'attached',
        'r: xdp_router native, xdp_router native; a, c: xdp_arrival native, xdp_arrival native',
        `r: ${links.map(shown).join(', ')}; a, c: ${[inA, inC].map((x) => shown(x.link)).join(', ')}`,
      );
      // ip link loads the object once per attach: each port's program has its own maps, so fill both.
      const fib = [];
      for (const link of links) {
        const map = await progMap(ctx, link.progId!, 'router_ports');
        for (const port of links) await updateMapU32(ctx, map.id, port.ifindex, port.ifindex, { netns: r0.netns });
        fib.push((await progMap(ctx, link.progId!, 'fib_results')).id);
      }
      ctx.note(words.routerPorts(links.map((l) => `${l.ifname} → ifindex ${l.ifindex}`).join(', ')));
      return { fib };
    });

    /** bpf_fib_lookup's answers, summed over both router programs. */
    const fibResults = async () => {
      const total = new Map<number, number>();
      for (const id of routers.fib) for (const [key, n] of await arrayCounts(ctx, id)) total.set(key, (total.get(key) ?? 0) + n);
      return total;
    };
    const fibGrown = async <R>(act: () => Promise<R>) => {
      const before = await fibResults();
      const result = await act();
      return { result, fib: grownBy(before, await fibResults(), fibName, nothing) };
    };

    await ctx.step('xdp', async () => {
      const xmit = async () => {
        const out: number[] = [];
        for (const port of [r1, r0]) out.push(counter(await readEthtoolStats(ctx, port.netns, port.dev), 'tx_queue_0_xdp_xmit'));
        return out;
      };
      const [ttlA0, ttlC0, xmit0] = [await ttlsAt(inA), await ttlsAt(inC), await xmit()];
      const { result: stack, grown } = await counted(r0, ['IpForwDatagrams', 'IpInReceives'], () =>
        fibGrown(() => ping(ctx, a.netns, c.ipv4, { count: COUNT })),
      );
      const { result: pinged, fib } = stack;
      const [ttlA1, ttlC1, xmit1] = [await ttlsAt(inA), await ttlsAt(inC), await xmit()];
      const total = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((s, [k, n]) => s + n - (before.get(k) ?? 0), 0);
      expectEqual(
        ctx,
        'frames-arrive',
        `${sentReceived(COUNT, COUNT)}; ${words.arrived(COUNT, COUNT)}; xdp_xmit veth1 +${COUNT}, veth0 +${COUNT}`,
        `${sent(pinged)}; ${words.arrived(total(ttlC0, ttlC1), total(ttlA0, ttlA1))}; xdp_xmit veth1 +${xmit1[0]! - xmit0[0]!}, veth0 +${xmit1[1]! - xmit0[1]!}`,
      );
      expectEqual(ctx, 'fib-success', `SUCCESS +${2 * COUNT}`, fib);
      expectEqual(ctx, 'stack-skipped', 'IpForwDatagrams +0, IpInReceives +0', grown);
      expectEqual(
        ctx,
        'ttl-decremented',
        words.requestsReplies(`TTL ${SENT_TTL - 1} ×${COUNT}`, `TTL ${SENT_TTL - 1} ×${COUNT}`),
        words.requestsReplies(ttlLine(ttlC0, ttlC1), ttlLine(ttlA0, ttlA1)),
      );
      const lastEth = async (where: typeof inA) => {
        const [entry] = await dumpMap(ctx, where.lastEth);
        return entry ? `${macOf(entry.value.slice(6, 12))} → ${macOf(entry.value.slice(0, 6))}` : nothing;
      };
      expectEqual(
        ctx,
        'macs-rewritten',
        words.macsSeen(`${r1.mac} → ${c.mac}`, `${r0.mac} → ${a.mac}`),
        words.macsSeen(await lastEth(inC), await lastEth(inA)),
      );
    });

    await ctx.step('ttl-expired', async () => {
      const inR = await counted(r0, ['IcmpOutTimeExcds'], () =>
        counted(a, ['IcmpInTimeExcds'], () => fibGrown(() => ping(ctx, a.netns, c.ipv4, { count: EXPIRING, ttl: 1 }))),
      );
      const { grown: aGrown, result } = inR.result;
      expectEqual(
        ctx,
        'ttl-expired-to-stack',
        `r: IcmpOutTimeExcds +${EXPIRING}; a: IcmpInTimeExcds +${EXPIRING}; ${words.lookups(nothing)}`,
        `r: ${inR.grown}; a: ${aGrown}; ${words.lookups(result.fib)}`,
      );
    });

    await ctx.step('no-neigh', async () => {
      await ctx.target.exec(['ip', 'neigh', 'del', c.ipv4, 'dev', r1.dev], { netns: r1.netns });
      // One ping, answered before the next is sent: only the first request can miss the entry.
      const first = await counted(r0, ['IpForwDatagrams'], () => fibGrown(() => ping(ctx, a.netns, c.ipv4, { count: 1, waitSeconds: 2 })));
      expectEqual(
        ctx,
        'no-neigh-to-stack',
        `${sentReceived(1, 1)}; SUCCESS +1, NO_NEIGH +1; IpForwDatagrams +1`,
        `${sent(first.result.result)}; ${first.result.fib}; ${first.grown}`,
      );
      const { stdout } = await ctx.target.exec(['ip', '-j', 'neigh', 'show', c.ipv4, 'dev', r1.dev], { netns: r1.netns });
      const [entry] = JSON.parse(stdout) as { lladdr?: string; state?: string[] }[];
      ctx.note(words.neighbours(`${c.ipv4} lladdr ${entry?.lladdr ?? none} ${(entry?.state ?? []).join(' ')}`));
      const again = await counted(r0, ['IpForwDatagrams'], () => fibGrown(() => ping(ctx, a.netns, c.ipv4, { count: COUNT })));
      expectEqual(
        ctx,
        'neigh-learned',
        `lladdr ${c.mac}; ${sentReceived(COUNT, COUNT)}; SUCCESS +${2 * COUNT}; IpForwDatagrams +0`,
        `lladdr ${entry?.lladdr ?? none}; ${sent(again.result.result)}; ${again.result.fib}; ${again.grown}`,
      );
    });

    await ctx.step('fwd-disabled', async () => {
      await ctx.target.exec(['sysctl', '-q', '-w', `net.ipv4.conf.${r0.dev}.forwarding=0`], { netns: r0.netns });
      const off = await counted(r0, ['IpInAddrErrors'], () => fibGrown(() => ping(ctx, a.netns, c.ipv4, { count: COUNT, waitSeconds: 0.2 })));
      await ctx.target.exec(['sysctl', '-q', '-w', `net.ipv4.conf.${r0.dev}.forwarding=1`], { netns: r0.netns });
      expectEqual(
        ctx,
        'fwd-disabled-to-stack',
        `${sentReceived(COUNT, 0)}; FWD_DISABLED +${COUNT}; IpInAddrErrors +${COUNT}`,
        `${sent(off.result.result)}; ${off.result.fib}; ${off.grown}`,
      );
    });

    await ctx.step('blackhole', async () => {
      const hole = await counted(r0, ['IpInReceives'], () => fibGrown(() => ping(ctx, a.netns, blackhole, { count: COUNT, waitSeconds: 0.2 })));
      expectEqual(
        ctx,
        'blackhole-dropped',
        `${sentReceived(COUNT, 0)}; BLACKHOLE +${COUNT}; IpInReceives +0`,
        `${sent(hole.result.result)}; ${hole.result.fib}; ${hole.grown}`,
      );
    });
  },
});

