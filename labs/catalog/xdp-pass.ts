// The seed's other program: xdp_pass lets everything through, and still runs once per packet.
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, expectAttached, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab } from '../lib/types.ts';

const COUNT = 20;

export const xdpPass = defineLab({
  name: 'xdp-pass',
  title: { en: 'Let everything through with xdp_pass', ko: 'xdp_pass로 모든 패킷 통과시키기' },
  summary: {
    en: 'Attach xdp_pass to a veth: traffic still flows, yet the kernel runs the program once for every packet that arrives.',
    ko: 'veth에 xdp_pass를 붙입니다. 트래픽은 그대로 흐르지만, 커널은 도착하는 패킷마다 프로그램을 한 번씩 실행합니다.',
  },
  page: 'first-program',
  sources: ['bpf/xdp.c'],
  topology: [
    '  netns xl-xdp-pass-<id>-a            netns xl-xdp-pass-<id>-b',
    ' ┌──────────────────────┐            ┌──────────────────────────────┐',
    ' │ veth0 10.x.y.1 ──────┼────────────┼─ veth0 10.x.y.2  ← xdp_pass   │',
    ' └──────────────────────┘            └──────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.1',
    why: {
      en: 'its run_cnt check needs kernel.bpf_stats_enabled (Linux 5.1); native XDP on veth itself arrived in 4.19.',
      ko: 'run_cnt 확인에 kernel.bpf_stats_enabled(리눅스 5.1)가 필요합니다. veth의 네이티브 XDP 자체는 4.19부터 지원됩니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping'],
  minutes: 5,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp.c with clang', ko: 'clang으로 bpf/xdp.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach xdp_pass to the receiving veth', ko: '받는 쪽 veth에 xdp_pass 붙이기' } },
    { id: 'traffic', title: { en: 'Ping through it and read the run counter', ko: 'ping을 보내고 실행 횟수 읽기' } },
  ],
  checks: [
    { id: 'attached', text: { en: 'ip link shows xdp_pass attached in native mode.', ko: 'ip link가 네이티브 모드로 붙은 xdp_pass를 보여 줍니다.' } },
    { id: 'traffic-flows', text: { en: `All ${COUNT} pings are answered: XDP_PASS hands each packet on to the stack.`, ko: `ping ${COUNT}개가 모두 응답을 받습니다. XDP_PASS는 패킷을 그대로 스택에 넘깁니다.` } },
    { id: 'run-count', text: { en: "The program's run_cnt equals the number of packets sent.", ko: '프로그램의 run_cnt가 보낸 패킷 수와 같습니다.' } },
  ],
  async run(ctx) {
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp.c'));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const link = await ctx.step('attach', () => expectAttached(ctx, 'attached', { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_pass' }));
    await ctx.step('traffic', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT });
      expectEqual(ctx, 'traffic-flows', observed(ctx).received(COUNT), observed(ctx).received(result.received));
      const stats = await progStats(ctx, link.progId!);
      expectEqual(ctx, 'run-count', COUNT, stats.runCount);
    });
  },
});
