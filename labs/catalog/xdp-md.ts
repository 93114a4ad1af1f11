// struct xdp_md, read for real: the interface and queue a frame arrived on and
// its length, compared with what ip, ethtool and ping say; and the one field an
// ordinary XDP program may not read.
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { parseEthtoolCurrentRx } from '../lib/ethtool-stats.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, expectAttached, expectRefused } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab } from '../lib/types.ts';

const COUNT = 5;
/** ping -s payload sizes; each frame is 42 bytes more: Ethernet 14 + IPv4 20 + ICMP 8. */
const PAYLOADS = [56, 200, 1000] as const;
const HEADERS = 14 + 20 + 8;

interface FrameSeen {
  ingressIfindex: number;
  rxQueue: number;
  frameLen: number;
  count: number;
}

/** This lab's own words, in each language: the queue among the RX channels, and its notes. */
const EN = {
  queueOf: (queue: string, channels: number | string) => `queue ${queue} of ${channels} RX channel`,
  seen: (ifindex: number, queue: number, bytes: string, frames: string) => `ifindex ${ifindex}, queue ${queue}, ${bytes}: ${frames}`,
  verifier: (reason: string) => `verifier: ${reason}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    queueOf: (queue, channels) => `RX 채널 ${channels}개 중 큐 ${queue}`,
    seen: (ifindex, queue, bytes, frames) => `ifindex ${ifindex}, 큐 ${queue}, ${bytes}: ${frames}`,
    verifier: (reason) => `검증기: ${reason}`,
  },
};

export const xdpMd = defineLab({
  name: 'xdp-md',
  title: { en: 'What struct xdp_md tells a program', ko: 'struct xdp_md가 프로그램에 알려 주는 것' },
  summary: {
    en: 'A program records ingress_ifindex, rx_queue_index and data_end - data for every frame; they match the ifindex ip link reports, the queue ethtool reports and the ping sizes plus 42 bytes. Reading egress_ifindex instead is refused by the verifier.',
    ko: '프로그램이 프레임마다 ingress_ifindex, rx_queue_index, data_end - data를 기록합니다. 그 값은 ip link가 보여 주는 ifindex, ethtool이 보여 주는 큐, 그리고 ping 크기에 42바이트를 더한 값과 일치합니다. 대신 egress_ifindex를 읽으면 검증기가 거부합니다.',
  },
  page: 'labs/xdp-md',
  sources: ['bpf/xdp_md.c', 'bpf/xdp_md_egress.c'],
  topology: [
    '  netns xl-xdp-md-<id>-a                 netns xl-xdp-md-<id>-b',
    ' ┌───────────────────────────┐         ┌─────────────────────────────────┐',
    ' │ ping -s 56|200|1000 veth0 ┼─────────┼─ veth0 ← xdp_record_md           │',
    ' └───────────────────────────┘         │   frames_seen[ifindex,queue,len] │',
    '                                       └─────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'ingress_ifindex and rx_queue_index arrived in Linux 4.16, native XDP on veth in 4.19.',
      ko: 'ingress_ifindex와 rx_queue_index는 리눅스 4.16, veth의 네이티브 XDP는 4.19부터 지원됩니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'ethtool'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_md.c and bpf/xdp_md_egress.c', ko: 'bpf/xdp_md.c와 bpf/xdp_md_egress.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach xdp_record_md to the receiving veth', ko: '받는 쪽 veth에 xdp_record_md 붙이기' } },
    { id: 'traffic', title: { en: 'Ping with three payload sizes', ko: '페이로드 크기 세 가지로 ping' } },
    { id: 'read', title: { en: 'Read the map and compare', ko: '맵을 읽고 비교하기' } },
    { id: 'egress', title: { en: 'Try to attach a program that reads egress_ifindex', ko: 'egress_ifindex를 읽는 프로그램 붙여 보기' } },
  ],
  checks: [
    { id: 'attached', text: { en: 'ip link shows xdp_record_md attached in native mode.', ko: 'ip link가 네이티브 모드로 붙은 xdp_record_md를 보여 줍니다.' } },
    {
      id: 'pings-answered',
      text: { en: 'Every ping of every size is answered: the program only looks, and passes each frame on.', ko: '모든 크기의 ping이 모두 응답을 받습니다. 프로그램은 보기만 하고 프레임을 그대로 넘깁니다.' },
    },
    {
      id: 'ingress-ifindex',
      text: { en: "Every frame's ingress_ifindex is the veth's ifindex as ip -j link reports it.", ko: '모든 프레임의 ingress_ifindex가 ip -j link가 보여 주는 veth의 ifindex와 같습니다.' },
    },
    {
      id: 'rx-queue',
      text: {
        en: 'Every frame arrived on rx_queue_index 0, and ethtool -l shows a single RX channel in use.',
        ko: '모든 프레임이 rx_queue_index 0으로 들어오고, ethtool -l도 사용 중인 RX 채널이 하나임을 보여 줍니다.',
      },
    },
    {
      id: 'frame-lengths',
      text: {
        en: `data_end - data is the ping payload plus ${HEADERS} bytes, once per ping, for each of the sizes ${PAYLOADS.join(', ')}.`,
        ko: `data_end - data는 ping 페이로드에 ${HEADERS}바이트를 더한 값이며, 크기 ${PAYLOADS.join(', ')} 각각에 대해 ping마다 한 번씩 기록됩니다.`,
      },
    },
    {
      id: 'egress-refused',
      text: {
        en: 'Attaching a program that reads egress_ifindex fails: the verifier answers "invalid bpf_context access".',
        ko: 'egress_ifindex를 읽는 프로그램은 붙지 않습니다. 검증기는 "invalid bpf_context access"라고 답합니다.',
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { bytes, frames, none } = observed(ctx);
    const built = await ctx.step('build', async () => ({
      record: await compileBpf(ctx, 'bpf/xdp_md.c'),
      egress: await compileBpf(ctx, 'bpf/xdp_md_egress.c'),
    }));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const link = await ctx.step('attach', () => expectAttached(ctx, 'attached', { netns: b.netns, dev: b.dev, mode: 'native', object: built.record, program: 'xdp_record_md' }));
    await ctx.step('traffic', async () => {
      const answered: string[] = [];
      for (const size of PAYLOADS) {
        const result = await ping(ctx, a.netns, b.ipv4, { count: COUNT, size });
        answered.push(`${result.received}/${result.transmitted}`);
      }
      const all = PAYLOADS.map(() => `${COUNT}/${COUNT}`).join(', ');
      expectEqual(ctx, 'pings-answered', all, answered.join(', '));
    });
    await ctx.step('read', async () => {
      const map = await progMap(ctx, link.progId!, 'frames_seen');
      // Key: three __u32 (ingress_ifindex, rx_queue_index, frame_len); value: one __u64 count.
      const seen: FrameSeen[] = (await dumpMap(ctx, map.id))
        .map((e) => ({
          ingressIfindex: leUint(e.key.slice(0, 4)),
          rxQueue: leUint(e.key.slice(4, 8)),
          frameLen: leUint(e.key.slice(8, 12)),
          count: leUint(e.value),
        }))
        .sort((x, y) => x.frameLen - y.frameLen);
      for (const s of seen) ctx.note(words.seen(s.ingressIfindex, s.rxQueue, bytes(s.frameLen), frames(s.count)));
      const distinct = (values: number[]) => [...new Set(values)].sort((x, y) => x - y).join(', ') || none;
      expectEqual(ctx, 'ingress-ifindex', `ifindex ${link.ifindex}`, `ifindex ${distinct(seen.map((s) => s.ingressIfindex))}`);
      const channels = await ctx.target.exec(['ethtool', '-l', b.dev], { netns: b.netns, allowFailure: true });
      if (channels.exitCode !== 0 && /not supported/i.test(channels.stderr)) {
        // veth reports its channels from Linux 5.13 on (Debian 11 has 5.10): the queue count cannot be read here.
        ctx.skip(
          {
            en: `ethtool -l on a veth: "${channels.stderr.trim()}" (veth reports its channels from Linux 5.13)`,
            ko: `veth에서 ethtool -l: "${channels.stderr.trim()}" (veth는 리눅스 5.13부터 채널 수를 알려 줍니다)`,
          },
          ['rx-queue'],
        );
      } else {
        expectEqual(
          ctx,
          'rx-queue',
          words.queueOf('0', 1),
          words.queueOf(distinct(seen.map((s) => s.rxQueue)), parseEthtoolCurrentRx(channels.stdout)),
        );
      }
      expectEqual(
        ctx,
        'frame-lengths',
        PAYLOADS.map((p) => `${COUNT} × ${p + HEADERS} B`).join(', '),
        seen.map((s) => `${s.count} × ${s.frameLen} B`).join(', '),
      );
    });
    await ctx.step('egress', async () => {
      const spec = { netns: b.netns, dev: b.dev, mode: 'native' as const, object: built.egress, program: 'xdp_read_egress' };
      const reason = await expectRefused(ctx, 'egress-refused', spec, 'invalid bpf_context access');
      ctx.note(words.verifier(reason));
    });
  },
});
