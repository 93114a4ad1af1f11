// XDP_TX: answer ping from the driver. The program turns each echo request into
// an echo reply in place and sends it back out of the interface it came in on.
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import { counter, readEthtoolStats } from '../lib/ethtool-stats.ts';
import { isAtLeast, kernelVersion } from '../lib/kernel.ts';
import { readNstat } from '../lib/nstat.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, expectAttached, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab } from '../lib/types.ts';

const COUNT = 10;
/** The reflecting namespace's stack: had it answered, these would grow. */
const STACK_COUNTERS = ['IcmpInEchos', 'IcmpOutEchoReps'] as const;
/** The pinging namespace's stack: replies received, and replies thrown away for a bad checksum. */
const SENDER_COUNTERS = ['IcmpInEchoReps', 'IcmpInCsumErrors'] as const;

export const xdpTx = defineLab({
  name: 'xdp-tx',
  title: { en: 'Answer ping from XDP with XDP_TX', ko: 'XDP_TX로 XDP에서 ping에 응답하기' },
  summary: {
    en: "An XDP program turns ICMP echo requests into echo replies and sends them back with XDP_TX. On a veth the replies only arrive once the peer has an XDP program too (GRO on the peer is not enough); then ping is answered, and the receiving namespace's stack never saw a thing.",
    ko: 'XDP 프로그램이 ICMP 에코 요청을 에코 응답으로 바꿔 XDP_TX로 돌려보냅니다. veth에서는 peer에도 XDP 프로그램이 있어야 응답이 도착합니다(peer에 GRO만 켜서는 안 됩니다). 그러고 나면 ping은 응답을 받고, 받는 쪽 네임스페이스의 스택은 아무것도 보지 못합니다.',
  },
  page: 'labs/xdp-tx',
  sources: ['bpf/xdp_tx.c'],
  topology: [
    '  netns xl-xdp-tx-<id>-a                netns xl-xdp-tx-<id>-b',
    ' ┌──────────────────────────────────┐     ┌──────────────────────────────────┐',
    ' │ ping → veth0 10.x.y.1            │     │ veth0 10.x.y.2 ← xdp_icmp_echo   │',
    ' │        ← xdp_pass (second half) ─┼─────┼─ request in, reply out (XDP_TX)  │',
    ' └──────────────────────────────────┘     └──────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'veth gained native XDP, including XDP_TX, in Linux 4.19.',
      ko: 'veth는 리눅스 4.19에서 XDP_TX를 포함한 네이티브 XDP를 지원하기 시작했습니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'ethtool', 'nstat'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_tx.c', ko: 'bpf/xdp_tx.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach the reflector to the receiving veth', ko: '받는 쪽 veth에 응답 프로그램 붙이기' } },
    { id: 'without-peer', title: { en: 'Ping while the peer veth has no XDP program', ko: 'peer veth에 XDP 프로그램이 없는 상태로 ping' } },
    { id: 'gro-peer', title: { en: 'Turn GRO on for the peer, still without a program, and ping', ko: 'peer에 프로그램 없이 GRO만 켜고 ping' } },
    { id: 'with-peer', title: { en: 'Attach xdp_pass to the peer and ping again', ko: 'peer에 xdp_pass를 붙이고 다시 ping' } },
    { id: 'stack', title: { en: "Read both namespaces' ICMP counters", ko: '두 네임스페이스의 ICMP 카운터 읽기' } },
  ],
  checks: [
    { id: 'attached', text: { en: 'ip link shows xdp_icmp_echo attached in native mode.', ko: 'ip link가 네이티브 모드로 붙은 xdp_icmp_echo를 보여 줍니다.' } },
    {
      id: 'no-peer-lost',
      text: {
        en: 'Without an XDP program on the peer, no ping gets an answer.',
        ko: 'peer에 XDP 프로그램이 없으면 어떤 ping도 응답을 받지 못합니다.',
      },
    },
    {
      id: 'no-peer-tx-errors',
      text: {
        en: "The veth's own counter rx_queue_0_xdp_tx_errors (ethtool -S) grew by one per ping: each reply was built, then refused by the peer.",
        ko: 'veth의 자체 카운터 rx_queue_0_xdp_tx_errors(ethtool -S)가 ping마다 하나씩 늘어납니다. 응답은 만들어졌지만 peer가 받지 못했습니다.',
      },
    },
    {
      id: 'gro-peer-not-delivered',
      text: {
        en: 'With GRO on the peer but no XDP program there, the veth accepts every reply into the peer’s queue (rx_queue_0_xdp_tx grows, xdp_tx_errors does not; before Linux 5.13 GRO gave the peer no queue, and veth counts every reply as an xdp_tx_error) and still no ping is answered: nothing wakes the peer to read that queue.',
        ko: 'peer에 XDP 프로그램 없이 GRO만 켜면 veth는 응답을 모두 peer 큐에 넣지만(rx_queue_0_xdp_tx는 늘고 xdp_tx_errors는 그대로. 리눅스 5.13 이전에는 GRO를 켜도 peer에 큐가 생기지 않아 veth가 응답을 모두 xdp_tx_errors로 셉니다) 여전히 어떤 ping도 응답을 받지 못합니다. 그 큐를 읽도록 peer를 깨우는 것이 없기 때문입니다.',
      },
    },
    { id: 'peer-attached', text: { en: 'ip link shows xdp_pass attached to the peer veth in native mode.', ko: 'ip link가 peer veth에 네이티브 모드로 붙은 xdp_pass를 보여 줍니다.' } },
    { id: 'replies', text: { en: `With xdp_pass on the peer, all ${COUNT} pings are answered.`, ko: `peer에 xdp_pass가 있으면 ping ${COUNT}개가 모두 응답을 받습니다.` } },
    {
      id: 'sent-by-xdp',
      text: {
        en: 'rx_queue_0_xdp_tx grew by one per ping, and the reflector ran once per request.',
        ko: 'rx_queue_0_xdp_tx가 ping마다 하나씩 늘고, 응답 프로그램은 요청마다 한 번씩 실행됩니다.',
      },
    },
    {
      id: 'stack-silent',
      text: {
        en: "In the reflecting namespace IcmpInEchos and IcmpOutEchoReps (nstat) did not move: its stack neither saw a request nor sent a reply.",
        ko: '응답하는 네임스페이스의 IcmpInEchos와 IcmpOutEchoReps(nstat)는 그대로입니다. 그 스택은 요청을 보지도, 응답을 보내지도 않았습니다.',
      },
    },
    {
      id: 'checksum-valid',
      text: {
        en: "The pinging namespace's stack accepted every reply: IcmpInEchoReps grew by one per ping and IcmpInCsumErrors did not move.",
        ko: 'ping을 보낸 네임스페이스의 스택이 응답을 모두 받아들입니다. IcmpInEchoReps는 ping마다 하나씩 늘고 IcmpInCsumErrors는 그대로입니다.',
      },
    },
  ],
  async run(ctx) {
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_tx.c'));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const stackBefore = await readNstat(ctx, b.netns, STACK_COUNTERS);
    const senderBefore = await readNstat(ctx, a.netns, SENDER_COUNTERS);

    const reflector = await ctx.step('attach', () => expectAttached(ctx, 'attached', { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_icmp_echo' }));
    const txErrors = () => readEthtoolStats(ctx, b.netns, b.dev).then((s) => counter(s, 'rx_queue_0_xdp_tx_errors'));
    const txSent = () => readEthtoolStats(ctx, b.netns, b.dev).then((s) => counter(s, 'rx_queue_0_xdp_tx'));

    await ctx.step('without-peer', async () => {
      const errorsBefore = await txErrors();
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      expectEqual(ctx, 'no-peer-lost', observed(ctx).sentReceived(COUNT, 0), observed(ctx).sentReceived(result.transmitted, result.received));
      expectEqual(ctx, 'no-peer-tx-errors', `+${COUNT}`, `+${(await txErrors()) - errorsBefore}`);
    });
    await ctx.step('gro-peer', async () => {
      // GRO gives the peer a NAPI instance, so veth_xdp_xmit() accepts the replies into the peer's ring
      // (xdp_tx, not xdp_tx_errors) — but veth_xdp_flush() wakes that NAPI only when the peer has an XDP program.
      const gro = (state: 'on' | 'off') => ctx.target.exec(['ethtool', '-K', a.dev, 'gro', state], { netns: a.netns });
      await gro('on');
      const [errorsBefore, sentBefore] = [await txErrors(), await txSent()];
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, waitSeconds: 0.2 });
      // Linux 5.13 let GRO give a veth a NAPI of its own; before, the peer has no queue to take them.
      const peerHasQueue = isAtLeast(await kernelVersion(ctx), [5, 13]);
      expectEqual(
        ctx,
        'gro-peer-not-delivered',
        `${observed(ctx).sentReceived(COUNT, 0)}; ${peerHasQueue ? `xdp_tx +${COUNT}, xdp_tx_errors +0` : `xdp_tx +0, xdp_tx_errors +${COUNT}`}`,
        `${observed(ctx).sentReceived(result.transmitted, result.received)}; xdp_tx +${(await txSent()) - sentBefore}, xdp_tx_errors +${(await txErrors()) - errorsBefore}`,
      );
      // Turning GRO off deletes the peer's NAPI and frees what is still queued in its ring,
      // so the stranded replies cannot turn up later and spoil the exact counts below.
      await gro('off');
    });
    await ctx.step('with-peer', async () => {
      await expectAttached(ctx, 'peer-attached', { netns: a.netns, dev: a.dev, mode: 'native', object, program: 'xdp_pass' });
      const sentBefore = await txSent();
      const runsBefore = (await progStats(ctx, reflector.progId!)).runCount;
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT });
      expectEqual(ctx, 'replies', observed(ctx).sentReceived(COUNT, COUNT), observed(ctx).sentReceived(result.transmitted, result.received));
      const runs = (await progStats(ctx, reflector.progId!)).runCount - runsBefore;
      expectEqual(ctx, 'sent-by-xdp', `xdp_tx +${COUNT}, ${observed(ctx).runs(COUNT)}`, `xdp_tx +${(await txSent()) - sentBefore}, ${observed(ctx).runs(runs)}`);
    });
    await ctx.step('stack', async () => {
      const stack = await readNstat(ctx, b.netns, STACK_COUNTERS);
      const sender = await readNstat(ctx, a.netns, SENDER_COUNTERS);
      const delta = (after: Record<string, number>, before: Record<string, number>, name: string) => `${name} +${after[name]! - before[name]!}`;
      expectEqual(
        ctx,
        'stack-silent',
        'IcmpInEchos +0, IcmpOutEchoReps +0',
        STACK_COUNTERS.map((n) => delta(stack, stackBefore, n)).join(', '),
      );
      expectEqual(
        ctx,
        'checksum-valid',
        `IcmpInEchoReps +${COUNT}, IcmpInCsumErrors +0`,
        SENDER_COUNTERS.map((n) => delta(sender, senderBefore, n)).join(', '),
      );
    });
  },
});
