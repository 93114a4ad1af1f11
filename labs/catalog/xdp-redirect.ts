// XDP_REDIRECT through a DEVMAP: frames that arrive on one veth leave through
// another, into a third namespace, chosen by an ifindex user space wrote into
// the map — from the right namespace.
import { dumpMap, leUint, progMap, updateMapU32 } from '../lib/bpf-maps.ts';
import { expectContains, expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { counter, readEthtoolStats } from '../lib/ethtool-stats.ts';
import { runIfindex } from '../lib/ifindex.ts';
import { quietNamespace, vethBetween } from '../lib/net.ts';
import { readNstat } from '../lib/nstat.ts';
import { ping } from '../lib/traffic.ts';
import { isAtLeast, kernelVersion } from '../lib/kernel.ts';
import { ensureTracefs, traceEvent } from '../lib/tracefs.ts';
import { attachXdp, compileBpf, detachXdp, expectLinks } from '../lib/xdp.ts';
import { defineLab } from '../lib/types.ts';

const COUNT = 10;
/** Linux 6.3: the DEVMAP checks the target's xdp_features (NETDEV_XDP_ACT_NDO_XMIT) and refuses with -EOPNOTSUPP. */
const DEVMAP_CHECKS_FEATURES: [number, number] = [6, 3];
/** Linux 5.13: GRO alone gives a veth the NAPI instance that XDP frames from its peer are queued to. */
const VETH_GRO_NAPI: [number, number] = [5, 13];
const delta = (after: Record<string, number>, before: Record<string, number>, name: string) => counter(after, name) - counter(before, name);

/** This lab's own words, in each language: frames that arrived in c, an ifindex the map took, and its note. */
const EN = {
  arrivedInC: (count: number) => `${count} arrived in c`,
  accepted: (ifindex: number) => `accepted ifindex ${ifindex}`,
  refusedThenWriting: (far: number, egress: number) => `ifindex ${far} (c's veth0, as c numbers it) refused in b; writing ${egress} (b's veth1)`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    arrivedInC: (count) => `c에 ${count}개 도착`,
    accepted: (ifindex) => `받아들여짐: ifindex ${ifindex}`,
    refusedThenWriting: (far, egress) => `b에서 거부된 ifindex: ${far}(c가 매긴 c의 veth0 번호); 대신 쓰는 값: ${egress}(b의 veth1)`,
  },
};

export const xdpRedirect = defineLab({
  name: 'xdp-redirect',
  title: { en: 'Send frames to another interface with a DEVMAP', ko: 'DEVMAP으로 프레임을 다른 인터페이스로 보내기' },
  summary: {
    en: "bpf_redirect_map sends every frame that reaches one veth out through a second veth, into a third namespace, where a counting program sees each one arrive. The DEVMAP slot must hold the egress ifindex as numbered in the redirecting program's own namespace, and the veth at the far end must be able to take XDP frames: an XDP program or GRO on it does that.",
    ko: 'bpf_redirect_map이 한 veth에 도착한 프레임을 모두 두 번째 veth로 내보내 세 번째 네임스페이스로 보내고, 그곳의 카운팅 프로그램이 도착한 프레임을 하나하나 셉니다. DEVMAP 슬롯에는 리다이렉트하는 프로그램이 있는 네임스페이스 기준의 출구 ifindex가 들어가야 하고, 반대편 끝의 veth는 XDP 프레임을 받을 수 있어야 합니다. 그 veth에 XDP 프로그램을 붙이거나 GRO를 켜면 됩니다.',
  },
  page: 'labs/xdp-redirect',
  sources: ['bpf/xdp_redirect.c'],
  topology: [
    '  netns …-a            netns …-b                              netns …-c',
    ' ┌────────────────┐   ┌──────────────────────────────────┐   ┌─────────────────────────┐',
    ' │ ping → veth0 ──┼───┼→ veth0 ← xdp_via_devmap          │   │                         │',
    ' │   10.x.y.1     │   │   10.x.y.2  │ egress_port[0]     │   │                         │',
    ' │                │   │             └─→ veth1 ───────────┼───┼→ veth0 ← xdp_count_rx   │',
    ' └────────────────┘   └──────────────────────────────────┘   └─────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.3',
    why: {
      en: 'DEVMAP came in 4.14 and veth could transmit redirected frames from 4.19, but the fallback verdict in the flags of bpf_redirect_map (XDP_PASS while the slot is empty) needs Linux 5.3.',
      ko: 'DEVMAP은 4.14, veth로 리다이렉트된 프레임 전송은 4.19부터 가능하지만, bpf_redirect_map의 flags에 실패 시 액션(슬롯이 비었을 때 XDP_PASS)을 넣는 기능은 리눅스 5.3부터입니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'ethtool', 'nstat'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_redirect.c', ko: 'bpf/xdp_redirect.c 컴파일' } },
    { id: 'network', title: { en: 'Create three namespaces: a — b — c', ko: '네임스페이스 세 개 만들기: a — b — c' } },
    { id: 'attach', title: { en: 'Attach the redirect program in b and the counter in c', ko: 'b에 리다이렉트 프로그램, c에 카운터 붙이기' } },
    { id: 'empty-map', title: { en: 'Ping while the DEVMAP is still empty', ko: 'DEVMAP이 비어 있을 때 ping' } },
    { id: 'fill-map', title: { en: 'Write the egress ifindex into the DEVMAP from inside b', ko: 'b 안에서 DEVMAP에 내보낼 장치의 ifindex 쓰기' } },
    { id: 'redirect', title: { en: 'Ping again and count what arrives in c', ko: '다시 ping하고 c에 도착한 것 세기' } },
    { id: 'no-receiver', title: { en: "Detach c's program and ping: c can no longer receive XDP frames", ko: 'c의 프로그램을 떼고 ping: 이제 c는 XDP 프레임을 받을 수 없음' } },
    { id: 'gro-target', title: { en: "Turn GRO on for c's veth0 and ping again", ko: 'c의 veth0에 GRO를 켜고 다시 ping' } },
  ],
  checks: [
    {
      id: 'attached',
      text: {
        en: 'ip link shows xdp_via_devmap on b’s veth0 and xdp_count_rx on c’s veth0, both native.',
        ko: 'ip link가 b의 veth0에 xdp_via_devmap, c의 veth0에 xdp_count_rx를 보여 주며 둘 다 네이티브 모드입니다.',
      },
    },
    {
      id: 'empty-map-passes',
      text: {
        en: 'While slot 0 is empty, bpf_redirect_map returns the fallback verdict XDP_PASS: b answers every ping.',
        ko: '슬롯 0이 비어 있는 동안 bpf_redirect_map은 대신 쓸 액션 XDP_PASS를 반환하므로 b가 모든 ping에 응답합니다.',
      },
    },
    {
      id: 'foreign-ifindex-refused',
      text: {
        en: "Writing c's veth0 ifindex (a number that exists only in c) from inside b is refused: the kernel looks the ifindex up in the writer's namespace.",
        ko: 'c의 veth0 ifindex(c에만 있는 번호)를 b 안에서 쓰면 거부됩니다. 커널은 쓰는 프로세스의 네임스페이스에서 ifindex를 찾습니다.',
      },
    },
    {
      id: 'map-holds-egress',
      text: {
        en: "After the update from inside b, slot 0 holds veth1's ifindex as ip link in b reports it.",
        ko: 'b 안에서 갱신한 뒤에는 슬롯 0에 b의 ip link가 보여 주는 veth1의 ifindex가 들어 있습니다.',
      },
    },
    { id: 'ping-diverted', text: { en: 'Now no ping is answered: the requests left b through veth1.', ko: '이제 어떤 ping도 응답을 받지 못합니다. 요청은 veth1을 통해 b를 떠났습니다.' } },
    {
      id: 'frames-arrive',
      text: {
        en: "The counting program in c saw exactly one frame per ping, and b's veth1 counted the same number in tx_queue_0_xdp_xmit (ethtool -S).",
        ko: 'c의 카운팅 프로그램이 ping 하나당 정확히 한 프레임을 보고, b의 veth1도 tx_queue_0_xdp_xmit(ethtool -S)에 같은 수를 셉니다.',
      },
    },
    {
      id: 'b-stack-skipped',
      text: {
        en: "b's IcmpInEchos (nstat) did not move during the redirected pings: b's stack never saw them.",
        ko: '리다이렉트된 ping 동안 b의 IcmpInEchos(nstat)는 그대로입니다. b의 스택은 그 패킷을 보지 못했습니다.',
      },
    },
    {
      id: 'no-receiver-refused',
      text: {
        en: "With c's program detached (and GRO off), veth0 in c can no longer receive XDP frames: the DEVMAP refuses each redirect with -EOPNOTSUPP (err=-95 in the xdp:xdp_redirect_err tracepoint), b's veth0 counts it in rx_queue_0_drops, and veth1 transmits nothing.",
        ko: 'c의 프로그램을 떼면(GRO도 꺼진 상태) c의 veth0은 더 이상 XDP 프레임을 받을 수 없습니다. DEVMAP이 리다이렉트마다 -EOPNOTSUPP(xdp:xdp_redirect_err 트레이스포인트의 err=-95)로 거부하고, b의 veth0이 이를 rx_queue_0_drops로 세며, veth1은 아무것도 보내지 않습니다.',
      },
    },
    {
      id: 'gro-target-arrives',
      text: {
        en: "With GRO on for c's veth0, and still no XDP program there, every redirected frame is sent through veth1 and arrives in c (rx_queue_0_xdp_packets): for a redirect target, GRO works as well as an XDP program.",
        ko: 'c의 veth0에 XDP 프로그램 없이 GRO만 켜도 리다이렉트된 프레임이 모두 veth1로 나가 c에 도착합니다(rx_queue_0_xdp_packets). 리다이렉트 대상에서는 GRO도 XDP 프로그램만큼 제 몫을 합니다.',
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_redirect.c'));
    const { ab, bc } = await ctx.step('network', async () => {
      const [nsA, nsB, nsC] = [await ctx.netns('a'), await ctx.netns('b'), await ctx.netns('c')];
      for (const ns of [nsA, nsB, nsC]) await quietNamespace(ctx, ns);
      // Distinctive ifindexes, so c's veth0 has a number that no device in b has.
      const ab = await vethBetween(ctx, nsA, nsB, { indexA: runIfindex(ctx.runId, 0), indexB: runIfindex(ctx.runId, 1) });
      const bc = await vethBetween(ctx, nsB, nsC, { subnetIndex: 1, devA: 'veth1', indexA: runIfindex(ctx.runId, 2), indexB: runIfindex(ctx.runId, 3) });
      return { ab, bc };
    });
    const [a, b, egress, c] = [ab.a, ab.b, bc.a, bc.b];

    const { redirect, egressIfindex, farIfindex, arrivalsMap } = await ctx.step('attach', async () => {
      const specs = [
        { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_via_devmap' },
        { netns: c.netns, dev: c.dev, mode: 'native', object, program: 'xdp_count_rx' },
      ] as const;
      const [redirect, egressLink] = [await attachXdp(ctx, specs[0]), await attachXdp(ctx, specs[1])];
      expectLinks(ctx, 'attached', specs, [redirect, egressLink]);
      // Each map is found through the program this run attached: map names are shared by every run.
      const arrivals = await progMap(ctx, egressLink.progId!, 'arrivals');
      const { stdout } = await ctx.target.exec(['ip', '-j', 'link', 'show', 'dev', egress.dev], { netns: egress.netns });
      const [egressInB] = JSON.parse(stdout) as { ifindex: number }[];
      return { redirect, egressIfindex: egressInB!.ifindex, farIfindex: egressLink.ifindex, arrivalsMap: arrivals.id };
    });
    const devmap = await progMap(ctx, redirect.progId!, 'egress_port');

    await ctx.step('empty-map', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT });
      expectEqual(ctx, 'empty-map-passes', observed(ctx).sentReceived(COUNT, COUNT), observed(ctx).sentReceived(result.transmitted, result.received));
    });
    await ctx.step('fill-map', async () => {
      const refused = await updateMapU32(ctx, devmap.id, 0, farIfindex, { netns: b.netns, allowFailure: true });
      expectContains(ctx, 'foreign-ifindex-refused', 'Invalid argument', refused.ok ? words.accepted(farIfindex) : refused.message);
      ctx.note(words.refusedThenWriting(farIfindex, egressIfindex));
      await updateMapU32(ctx, devmap.id, 0, egressIfindex, { netns: b.netns });
      const [slot] = await dumpMap(ctx, devmap.id);
      expectEqual(ctx, 'map-holds-egress', `ifindex ${egressIfindex}`, slot ? `ifindex ${leUint(slot.value)}` : observed(ctx).empty);
    });
    await ctx.step('redirect', async () => {
      const echosBefore = (await readNstat(ctx, b.netns, ['IcmpInEchos']))['IcmpInEchos']!;
      const xmit = () => readEthtoolStats(ctx, egress.netns, egress.dev).then((s) => counter(s, 'tx_queue_0_xdp_xmit'));
      const xmitBefore = await xmit();
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      expectEqual(ctx, 'ping-diverted', observed(ctx).sentReceived(COUNT, 0), observed(ctx).sentReceived(result.transmitted, result.received));
      const [arrived] = await dumpMap(ctx, arrivalsMap);
      const counted = arrived ? leUint(arrived.value) : 0;
      expectEqual(ctx, 'frames-arrive', `${words.arrivedInC(COUNT)}, xdp_xmit +${COUNT}`, `${words.arrivedInC(counted)}, xdp_xmit +${(await xmit()) - xmitBefore}`);
      const echos = (await readNstat(ctx, b.netns, ['IcmpInEchos']))['IcmpInEchos']!;
      expectEqual(ctx, 'b-stack-skipped', 'IcmpInEchos +0', `IcmpInEchos +${echos - echosBefore}`);
    });

    // The same frames once more, into a veth that can no longer take XDP frames, and then into one that
    // can again because GRO gave it a NAPI instance. Each counter is read on the device that owns it.
    const redirected = () => readEthtoolStats(ctx, b.netns, b.dev);
    const xmitted = () => readEthtoolStats(ctx, egress.netns, egress.dev).then((s) => counter(s, 'tx_queue_0_xdp_xmit'));
    const arrivedInC = () => readEthtoolStats(ctx, c.netns, c.dev).then((s) => counter(s, 'rx_queue_0_xdp_packets'));
    await ctx.step('no-receiver', async () => {
      await detachXdp(ctx, { netns: c.netns, dev: c.dev, mode: 'native' });
      const version = await kernelVersion(ctx);
      if (!isAtLeast(version, DEVMAP_CHECKS_FEATURES)) {
        ctx.skip(
          {
            en: `kernel ${version.join('.')}: before 6.3 the DEVMAP hands the frames to veth, which drops them and counts them as tx_dropped on veth1 (ip -s link)`,
            ko: `커널 ${version.join('.')}: 6.3 이전에는 DEVMAP이 프레임을 veth에 넘기고, veth가 드롭한 뒤 veth1의 tx_dropped(ip -s link)로 셉니다`,
          },
          ['no-receiver-refused'],
        );
      }
      await ensureTracefs(ctx);
      const trace = await traceEvent(ctx, 'xdp/xdp_redirect_err', `prog_id == ${redirect.progId}`);
      const [before, xmitBefore] = [await redirected(), await xmitted()];
      await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      const after = await redirected();
      if (isAtLeast(version, DEVMAP_CHECKS_FEATURES)) {
        const errors = (await trace.read()).map((line) => /\berr=(-?\d+)/.exec(line)?.[1] ?? '?');
        const distinct = [...new Set(errors)];
        expectEqual(
          ctx,
          'no-receiver-refused',
          `${COUNT} × err=-95, drops +${COUNT}, xdp_xmit +0`,
          `${errors.length} × err=${distinct.join('|') || observed(ctx).none}, drops +${delta(after, before, 'rx_queue_0_drops')}, xdp_xmit +${(await xmitted()) - xmitBefore}`,
        );
      }
    });
    await ctx.step('gro-target', async () => {
      const version = await kernelVersion(ctx);
      if (!isAtLeast(version, VETH_GRO_NAPI)) {
        ctx.skip(
          {
            en: `kernel ${version.join('.')}: before 5.13 GRO does not give a veth the NAPI instance XDP frames are queued to`,
            ko: `커널 ${version.join('.')}: 5.13 이전에는 GRO를 켜도 XDP 프레임을 넣을 NAPI 인스턴스가 veth에 생기지 않습니다`,
          },
          ['gro-target-arrives'],
        );
        return;
      }
      await ctx.target.exec(['ethtool', '-K', c.dev, 'gro', 'on'], { netns: c.netns });
      const [before, xmitBefore, arrivedBefore] = [await redirected(), await xmitted(), await arrivedInC()];
      await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      const after = await redirected();
      expectEqual(
        ctx,
        'gro-target-arrives',
        `xdp_redirect +${COUNT}, xdp_xmit +${COUNT}, ${words.arrivedInC(COUNT)}`,
        `xdp_redirect +${delta(after, before, 'rx_queue_0_xdp_redirect')}, xdp_xmit +${(await xmitted()) - xmitBefore}, ${words.arrivedInC((await arrivedInC()) - arrivedBefore)}`,
      );
    });
  },
});
