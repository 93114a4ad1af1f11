// Exercise 8: XDP_REDIRECT through a DEVMAP, chosen by the UDP destination
// port. The xdp-redirect lab sends every frame to slot 0; here the key comes
// from the packet (in host byte order), and a port with no device falls back
// to XDP_PASS through the flags of bpf_redirect_map.
import { dumpMap, leUint, progMap, updateMapU32 } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec } from '../lib/frames.ts';
import { quietNamespace, vethBetween } from '../lib/net.ts';
import { readNstat } from '../lib/nstat.ts';
import { sendUdp } from '../lib/senders.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf, enableBpfStats } from '../lib/xdp.ts';
import { u32 } from './bytes.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

/** The port user space maps to a device; 22555 is 7000 with its two bytes swapped (0x1b58 → 0x581b). */
const MAPPED = 7000;
const SWAPPED = 22555;
const UNMAPPED = 7001;
const COUNT = 10;

const udp = (family: 4 | 6, dport: number, extra: Partial<FrameSpec> = {}): FrameSpec => ({ family, l4: { kind: 'udp', dport }, ...extra });
const verdict = (frame: FrameSpec, v: UnitCase['verdict'], cut?: number): UnitCase => ({ frame, verdict: v, output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

export const devmapRedirect: ExerciseDeclaration = {
  id: 'devmap-redirect',
  title: { en: 'A patch panel: redirect by UDP port through a DEVMAP', ko: '포트별 패치 패널: UDP 포트에 따라 DEVMAP으로 리다이렉트' },
  task: {
    en: 'User space writes into the DEVMAP_HASH port_egress, keyed by UDP destination port, the ifindex each port must leave through. Redirect every UDP datagram, IPv4 or IPv6, whose port has an entry; every other frame, a port with no entry included, gets XDP_PASS (the flags of bpf_redirect_map can say so without a lookup of your own).',
    ko: '사용자 공간이 UDP 목적지 포트를 키로 하는 DEVMAP_HASH port_egress에 포트마다 내보낼 장치의 ifindex를 써 둡니다. 포트가 맵에 있는 UDP 데이터그램은 IPv4든 IPv6든 그 장치로 리다이렉트하고, 맵에 없는 포트를 포함한 나머지 프레임은 모두 XDP_PASS로 보내세요. bpf_redirect_map의 flags를 쓰면 맵을 따로 조회하지 않아도 됩니다.',
  },
  teaches: { en: 'XDP_REDIRECT, DEVMAP_HASH, the fallback verdict of bpf_redirect_map, byte order of map keys', ko: 'XDP_REDIRECT, DEVMAP_HASH, bpf_redirect_map의 실패 시 액션, 맵 키의 바이트 순서' },
  page: 'exercises/devmap-redirect',
  follows: 'labs/xdp-redirect',
  program: 'xdp_port_redirect',
  minKernel: {
    version: '5.4',
    why: { en: 'DEVMAP_HASH came in Linux 5.4 (the fallback verdict in the flags of bpf_redirect_map in 5.3).', ko: 'DEVMAP_HASH는 리눅스 5.4부터 있습니다(bpf_redirect_map의 flags에 실패 시 액션을 넣는 기능은 5.3부터).' },
  },
  minutes: 20,
  hints: [
    {
      en: 'bpf_redirect_map(&map, key, flags) returns XDP_REDIRECT when the key names a device. When it does not, it returns the lower two bits of flags: pass XDP_PASS there and no lookup of your own is needed.',
      ko: 'bpf_redirect_map(&map, key, flags)은 키에 장치가 있으면 XDP_REDIRECT를 돌려줍니다. 없으면 flags의 하위 두 비트를 돌려주므로, 그 자리에 XDP_PASS를 넣으면 따로 조회할 필요가 없습니다.',
    },
    {
      en: `The key is the port as a number: user space wrote ${MAPPED}. udp->dest is in network byte order; on a little-endian machine, used as it is, port ${MAPPED} reads as ${SWAPPED}. Convert it with bpf_ntohs first.`,
      ko: `키는 숫자로 된 포트 번호이고, 사용자 공간은 ${MAPPED}을 써 두었습니다. udp->dest는 네트워크 바이트 순서라서 리틀 엔디언 머신에서 그대로 쓰면 ${MAPPED}번 포트가 ${SWAPPED}로 읽힙니다. 먼저 bpf_ntohs로 바꾸세요.`,
    },
    {
      en: 'After the IPv4 or IPv6 header: struct udphdr *udp = …; if ((void *)(udp + 1) > data_end) return XDP_PASS; return bpf_redirect_map(&port_egress, bpf_ntohs(udp->dest), XDP_PASS);',
      ko: 'IPv4나 IPv6 헤더 다음에: struct udphdr *udp = …; if ((void *)(udp + 1) > data_end) return XDP_PASS; return bpf_redirect_map(&port_egress, bpf_ntohs(udp->dest), XDP_PASS);',
    },
  ],
  // In the unit stage's namespace the only device is lo (ifindex 1): that is where port 7000 goes.
  setup: [{ map: 'port_egress', key: u32(MAPPED), value: u32(1) }],
  unit: [
    {
      id: 'mapped-redirected',
      text: {
        en: `UDP datagrams to port ${MAPPED} (IPv4, IPv4 with options, IPv6) get XDP_REDIRECT and leave unchanged.`,
        ko: `${MAPPED}번 포트로 가는 UDP 데이터그램(IPv4, 옵션이 있는 IPv4, IPv6)은 XDP_REDIRECT를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [verdict(udp(4, MAPPED), 'XDP_REDIRECT'), verdict(udp(4, MAPPED, { ipOptions: 12 }), 'XDP_REDIRECT'), verdict(udp(6, MAPPED), 'XDP_REDIRECT')],
    },
    {
      id: 'unmapped-passed',
      text: {
        en: `UDP datagrams to ports with no entry (${UNMAPPED}, and ${SWAPPED}: ${MAPPED} with its bytes swapped), IPv4 and IPv6, get XDP_PASS.`,
        ko: `맵에 없는 포트(${UNMAPPED}, 그리고 ${MAPPED}의 두 바이트를 뒤바꾼 ${SWAPPED})로 가는 UDP 데이터그램은 IPv4든 IPv6든 XDP_PASS를 받습니다.`,
      },
      kind: 'frames',
      cases: [verdict(udp(4, UNMAPPED), 'XDP_PASS'), verdict(udp(6, UNMAPPED), 'XDP_PASS'), verdict(udp(4, SWAPPED), 'XDP_PASS'), verdict(udp(6, SWAPPED), 'XDP_PASS')],
    },
    {
      id: 'others-passed',
      text: {
        en: `TCP to port ${MAPPED} (IPv4 and IPv6), ICMP echo requests and ARP get XDP_PASS and leave unchanged.`,
        ko: `${MAPPED}번 포트로 가는 TCP(IPv4와 IPv6), ICMP 에코 요청, ARP는 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [
        verdict({ family: 4, l4: { kind: 'tcp', dport: MAPPED } }, 'XDP_PASS'),
        verdict({ family: 6, l4: { kind: 'tcp', dport: MAPPED } }, 'XDP_PASS'),
        verdict({ family: 4, l4: { kind: 'echo-request' } }, 'XDP_PASS'),
        verdict({ family: 'arp', l4: { kind: 'echo-request' } }, 'XDP_PASS'),
      ],
    },
    {
      id: 'short-passed',
      text: {
        en: `UDP datagrams to port ${MAPPED} cut short inside the UDP header (IPv4 and IPv6) get XDP_PASS: the program reads nothing past data_end.`,
        ko: `UDP 헤더 중간에서 잘린 ${MAPPED}번 포트 UDP 데이터그램(IPv4와 IPv6)은 XDP_PASS를 받습니다. 프로그램은 data_end 너머를 읽지 않습니다.`,
      },
      kind: 'frames',
      cases: [verdict(udp(4, MAPPED), 'XDP_PASS', 38), verdict(udp(6, MAPPED), 'XDP_PASS', 58)],
    },
  ],
  live: {
    tools: ['nstat', 'ping'],
    steps: [
      { id: 'network', title: { en: 'Three namespaces a — b — c; your program on b’s veth0, a counter on c’s', ko: '네임스페이스 세 개 a — b — c, b의 veth0에 여러분의 프로그램, c의 veth0에 카운터' } },
      { id: 'fill-map', title: { en: `From inside b, map port ${MAPPED} to b’s veth1 (bpftool)`, ko: `b 안에서 ${MAPPED}번 포트를 b의 veth1로 매핑(bpftool)` } },
      { id: 'traffic', title: { en: `UDP to ports ${MAPPED} and ${UNMAPPED}, then ping`, ko: `${MAPPED}번과 ${UNMAPPED}번 포트로 UDP, 그다음 ping` } },
    ],
    checks: [
      {
        id: 'live-mapped-redirected',
        text: {
          en: `All ${COUNT} datagrams to port ${MAPPED} arrive in c, and b’s stack saw none of them (UdpNoPorts in b did not move).`,
          ko: `${MAPPED}번 포트로 보낸 데이터그램 ${COUNT}개가 모두 c에 도착하고, b의 스택은 하나도 보지 못합니다(b의 UdpNoPorts는 그대로).`,
        },
      },
      {
        id: 'live-unmapped-passed',
        text: {
          en: `All ${COUNT} datagrams to port ${UNMAPPED} reach b’s stack (UdpNoPorts +${COUNT}: nothing listens there) and none arrives in c.`,
          ko: `${UNMAPPED}번 포트로 보낸 데이터그램 ${COUNT}개는 모두 b의 스택에 닿고(듣는 소켓이 없으니 UdpNoPorts +${COUNT}) c에는 하나도 가지 않습니다.`,
        },
      },
      { id: 'live-ping-answered', text: { en: `b answers all ${COUNT} pings: ICMP is not redirected.`, ko: `b가 ping ${COUNT}개에 모두 응답합니다. ICMP는 리다이렉트되지 않습니다.` } },
    ],
    async run(ctx, program) {
      const net = await ctx.step('network', async () => {
        const [nsA, nsB, nsC] = [await ctx.netns('a'), await ctx.netns('b'), await ctx.netns('c')];
        for (const ns of [nsA, nsB, nsC]) await quietNamespace(ctx, ns);
        await enableBpfStats(ctx);
        const ab = await vethBetween(ctx, nsA, nsB);
        const bc = await vethBetween(ctx, nsB, nsC, { subnetIndex: 1, devA: 'veth1' });
        const link = await attachXdp(ctx, { netns: nsB, dev: ab.b.dev, mode: 'native', object: program.object, program: program.name });
        // The counter on c's veth0 also gives that veth the receive queue redirected frames need.
        const counter = await compileBpf(ctx, 'bpf/xdp_redirect.c');
        const far = await attachXdp(ctx, { netns: nsC, dev: bc.b.dev, mode: 'native', object: counter, program: 'xdp_count_rx' });
        return { ab, bc, progId: link.progId!, arrivals: (await progMap(ctx, far.progId!, 'arrivals')).id };
      });
      await ctx.step('fill-map', async () => {
        const devmap = await progMap(ctx, net.progId, 'port_egress');
        const { stdout } = await ctx.target.exec(['ip', '-j', 'link', 'show', 'dev', net.bc.a.dev], { netns: net.bc.a.netns });
        const [egress] = JSON.parse(stdout) as { ifindex: number }[];
        // The kernel resolves the ifindex in the writer's namespace: write from b.
        await updateMapU32(ctx, devmap.id, MAPPED, egress!.ifindex, { netns: net.ab.b.netns });
        ctx.note(`port_egress[${MAPPED}] = ifindex ${egress!.ifindex} (veth1 in b)`);
      });
      await ctx.step('traffic', async () => {
        const arrived = async () => {
          const [entry] = await dumpMap(ctx, net.arrivals);
          return entry ? leUint(entry.value) : 0;
        };
        const noPorts = async () => (await readNstat(ctx, net.ab.b.netns, ['UdpNoPorts']))['UdpNoPorts']!;
        const payload = { count: COUNT, payload: 32 };

        let [inC, inB] = [await arrived(), await noPorts()];
        await sendUdp(ctx, net.ab.a.netns, net.ab.b.ipv4, MAPPED, payload);
        expectEqual(ctx, 'live-mapped-redirected', `${COUNT} arrived in c, UdpNoPorts in b +0`, `${(await arrived()) - inC} arrived in c, UdpNoPorts in b +${(await noPorts()) - inB}`);

        [inC, inB] = [await arrived(), await noPorts()];
        await sendUdp(ctx, net.ab.a.netns, net.ab.b.ipv4, UNMAPPED, payload);
        expectEqual(ctx, 'live-unmapped-passed', `UdpNoPorts in b +${COUNT}, 0 arrived in c`, `UdpNoPorts in b +${(await noPorts()) - inB}, ${(await arrived()) - inC} arrived in c`);

        const result = await ping(ctx, net.ab.a.netns, net.ab.b.ipv4, { count: COUNT });
        expectEqual(ctx, 'live-ping-answered', `${COUNT} received`, `${result.received} received`);
      });
    },
  },
};
