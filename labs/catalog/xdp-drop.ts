// The seed's experiment: xdp_drop on lo and on a veth, in the modes each allows.
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, detachXdp, expectAttached, expectRefused, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab, type LabContext, type XdpMode } from '../lib/types.ts';

const COUNT = 10;

/** Where the lab drops: each place has its three checks, `<place>-attached`, `-dropped` and `-counted`. */
type Place = 'lo-generic' | `veth-${XdpMode}`;

/** Attach xdp_drop, ping through it, and record that every packet was seen and dropped. */
async function dropAndCount<P extends Place>(
  ctx: LabContext<string, `${P}-${'attached' | 'dropped' | 'counted'}`>,
  where: { netns: string; dev: string; mode: XdpMode; object: string },
  from: { netns: string; address: string },
  idPrefix: P,
): Promise<void> {
  const link = await expectAttached(ctx, `${idPrefix}-attached` as const, { ...where, program: 'xdp_drop' });
  const result = await ping(ctx, from.netns, from.address, { count: COUNT, waitSeconds: 0.2 });
  expectEqual(ctx, `${idPrefix}-dropped` as const, observed(ctx).sentReceived(COUNT, 0), observed(ctx).sentReceived(result.transmitted, result.received));
  const stats = await progStats(ctx, link.progId!);
  expectEqual(ctx, `${idPrefix}-counted` as const, COUNT, stats.runCount);
  await detachXdp(ctx, where);
}

export const xdpDrop = defineLab({
  name: 'xdp-drop',
  title: { en: 'Drop every packet with xdp_drop', ko: 'xdp_drop으로 모든 패킷 드롭하기' },
  summary: {
    en: 'Attach the seed program xdp_drop to lo and to a veth, watch ping go silent, count the packets the program saw, and see traffic return after detaching.',
    ko: '예제 프로그램 xdp_drop을 lo와 veth에 붙이고, ping이 멈추는 것과 프로그램이 본 패킷 수를 확인한 뒤, 떼어 내면 트래픽이 돌아오는 것까지 봅니다.',
  },
  page: 'first-program',
  sources: ['bpf/xdp.c'],
  topology: [
    '  netns xl-xdp-drop-<id>-a            netns xl-xdp-drop-<id>-b',
    ' ┌───────────────────────────┐       ┌───────────────────────────┐',
    ' │ lo 127.0.0.1  ← xdp_drop  │       │                           │',
    ' │ veth0 10.x.y.1  ──────────┼───────┼─ veth0 10.x.y.2 ← xdp_drop │',
    ' └───────────────────────────┘       └───────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.1',
    why: {
      en: 'its run_cnt checks need kernel.bpf_stats_enabled (Linux 5.1); native XDP on veth itself arrived in 4.19.',
      ko: 'run_cnt 확인에 kernel.bpf_stats_enabled(리눅스 5.1)가 필요합니다. veth의 네이티브 XDP 자체는 4.19부터 지원됩니다.',
    },
  },
  modes: ['native', 'generic'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp.c with clang', ko: 'clang으로 bpf/xdp.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'before', title: { en: 'Ping before any program is attached', ko: '프로그램을 붙이기 전에 ping' } },
    { id: 'lo', title: { en: 'Attach xdp_drop to lo and ping 127.0.0.1', ko: 'lo에 xdp_drop을 붙이고 127.0.0.1로 ping' } },
    { id: 'veth', title: { en: 'Attach xdp_drop to the veth, native then generic', ko: 'veth에 xdp_drop을 네이티브, 제네릭 순서로 붙이기' } },
    { id: 'after', title: { en: 'Detach and ping again', ko: '떼어 낸 뒤 다시 ping' } },
  ],
  checks: [
    { id: 'ping-before', text: { en: `Before attaching, all ${COUNT} pings over the veth are answered.`, ko: `붙이기 전에는 veth를 건너는 ping ${COUNT}개가 모두 응답을 받습니다.` } },
    { id: 'lo-native-refused', text: { en: 'Native mode on lo is refused: the loopback driver has no XDP support of its own.', ko: 'lo에는 네이티브 모드가 거부됩니다. 루프백 드라이버에는 자체 XDP 지원이 없습니다.' } },
    { id: 'lo-generic-attached', text: { en: 'ip link shows xdp_drop on lo in generic mode.', ko: 'ip link가 lo에 제네릭 모드로 붙은 xdp_drop을 보여 줍니다.' } },
    { id: 'lo-generic-dropped', text: { en: 'Every ping to 127.0.0.1 is lost.', ko: '127.0.0.1로 보낸 ping이 모두 사라집니다.' } },
    { id: 'lo-generic-counted', text: { en: "The program's run_cnt equals the number of pings sent on lo.", ko: '프로그램의 run_cnt가 lo에서 보낸 ping 수와 같습니다.' } },
    { id: 'veth-native-attached', text: { en: 'ip link shows xdp_drop on the veth in native mode.', ko: 'ip link가 veth에 네이티브 모드로 붙은 xdp_drop을 보여 줍니다.' } },
    { id: 'veth-native-dropped', text: { en: 'Every ping over the veth is lost with the native program.', ko: '네이티브 프로그램이 붙은 veth에서는 ping이 모두 사라집니다.' } },
    { id: 'veth-native-counted', text: { en: 'The native program ran once per ping.', ko: '네이티브 프로그램이 ping마다 한 번씩 실행됩니다.' } },
    { id: 'veth-generic-attached', text: { en: 'ip link shows xdp_drop on the veth in generic mode.', ko: 'ip link가 veth에 제네릭 모드로 붙은 xdp_drop을 보여 줍니다.' } },
    { id: 'veth-generic-dropped', text: { en: 'Every ping over the veth is lost with the generic program.', ko: '제네릭 프로그램이 붙은 veth에서도 ping이 모두 사라집니다.' } },
    { id: 'veth-generic-counted', text: { en: 'The generic program ran once per ping.', ko: '제네릭 프로그램도 ping마다 한 번씩 실행됩니다.' } },
    { id: 'ping-after', text: { en: 'After detaching, all pings are answered again.', ko: '떼어 낸 뒤에는 ping이 다시 모두 응답을 받습니다.' } },
  ],
  async run(ctx) {
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp.c'));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    await ctx.step('before', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT });
      expectEqual(ctx, 'ping-before', observed(ctx).received(COUNT), observed(ctx).received(result.received));
    });
    await ctx.step('lo', async () => {
      await expectRefused(ctx, 'lo-native-refused', { netns: a.netns, dev: 'lo', mode: 'native', object, program: 'xdp_drop' }, 'does not support XDP in native mode');
      await dropAndCount(ctx, { netns: a.netns, dev: 'lo', mode: 'generic', object }, { netns: a.netns, address: '127.0.0.1' }, 'lo-generic');
    });
    await ctx.step('veth', async () => {
      for (const mode of ['native', 'generic'] as const) {
        await dropAndCount(ctx, { netns: b.netns, dev: b.dev, mode, object }, { netns: a.netns, address: b.ipv4 }, `veth-${mode}`);
      }
    });
    await ctx.step('after', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT });
      expectEqual(ctx, 'ping-after', observed(ctx).received(COUNT), observed(ctx).received(result.received));
    });
  },
});
