// Exercise 9: bpf_xdp_adjust_head, popping an 802.1Q tag on an access port.
// The frame gets 4 bytes shorter at the front, so the MACs have to move, and
// every packet pointer taken before the call is stale after it.
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec, VlanTag } from '../lib/frames.ts';
import { attachTc } from '../lib/tc.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf } from '../lib/xdp.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

const ACCESS_VLAN = 10;
const OTHER_VLAN = 20;
const PINGS = 10;

const dot1q = (id: number, pcp?: number): VlanTag => ({ tpid: 0x8100, id, ...(pcp === undefined ? {} : { pcp }) });
const frames: FrameSpec[] = [
  { family: 4, l4: { kind: 'udp', dport: 53 } },
  { family: 6, l4: { kind: 'tcp', dport: 443 } },
  { family: 'arp', l4: { kind: 'echo-request' } },
];
/** A tagged frame and what must come out: the same frame without its tag. */
const popped = (frame: FrameSpec, tag: VlanTag): UnitCase => ({ frame: { ...frame, vlans: [tag] }, verdict: 'XDP_PASS', output: frame });
const dropped = (frame: FrameSpec, vlans: VlanTag[], cut?: number): UnitCase => ({ frame: { ...frame, vlans }, verdict: 'XDP_DROP', ...(cut === undefined ? {} : { cut }) });

export const vlanPop: ExerciseDeclaration = {
  id: 'vlan-pop',
  title: { en: 'An access port: pop the 802.1Q tag with bpf_xdp_adjust_head', ko: '액세스 포트: bpf_xdp_adjust_head로 802.1Q 태그 떼어 내기' },
  task: {
    en: `This interface is an access port for VLAN ${ACCESS_VLAN}. Remove the tag from 802.1Q frames of VLAN ${ACCESS_VLAN}, whatever their priority, with bpf_xdp_adjust_head and pass them on as untagged frames. Drop frames of any other VLAN, 802.1ad (0x88a8) frames, and tagged frames too short to hold their tag; pass untagged frames unchanged.`,
    ko: `이 인터페이스는 VLAN ${ACCESS_VLAN}의 액세스 포트입니다. VLAN ${ACCESS_VLAN}의 802.1Q 프레임은 우선순위와 상관없이 bpf_xdp_adjust_head로 태그를 떼어 태그 없는 프레임으로 통과시키세요. 다른 VLAN의 프레임, 802.1ad(0x88a8) 프레임, 태그를 담기에도 짧은 태그 프레임은 드롭하고, 태그 없는 프레임은 그대로 통과시킵니다.`,
  },
  teaches: { en: 'bpf_xdp_adjust_head, moving headers, re-checking packet pointers, the 802.1Q tag', ko: 'bpf_xdp_adjust_head, 헤더 옮기기, 패킷 포인터 다시 검사하기, 802.1Q 태그' },
  page: 'exercises/vlan-pop',
  follows: 'reference/xdp-md',
  program: 'xdp_vlan_pop',
  minKernel: {
    version: '4.19',
    why: { en: 'bpf_xdp_adjust_head is older (4.10); veth gained native XDP in Linux 4.19.', ko: 'bpf_xdp_adjust_head는 그보다 오래됐고(4.10), veth는 리눅스 4.19부터 네이티브 XDP를 지원합니다.' },
  },
  minutes: 20,
  hints: [
    {
      en: 'A tag sits between the source MAC and the EtherType: the frame starts the same, then 0x8100, then 2 bytes of TCI, then the real EtherType. Removing those 4 bytes means the 12 bytes of MACs must end up 4 bytes later, where the tag was; bpf_xdp_adjust_head(ctx, 4) moves the start of the frame 4 bytes on.',
      ko: '태그는 출발지 MAC과 EtherType 사이에 있습니다. 프레임 앞부분은 같고, 그다음 0x8100, TCI 2바이트, 진짜 EtherType 순입니다. 이 4바이트를 없애려면 MAC 12바이트가 4바이트 뒤, 태그가 있던 자리로 가야 합니다. bpf_xdp_adjust_head(ctx, 4)는 프레임의 시작을 4바이트 뒤로 옮깁니다.',
    },
    {
      en: 'The VLAN id is the low 12 bits of the TCI, in network byte order: (bpf_ntohs(tag->tci) & 0x0fff). The top 3 bits are the priority; a frame of VLAN 10 with priority 5 is still VLAN 10.',
      ko: 'VLAN ID는 네트워크 바이트 순서인 TCI의 하위 12비트입니다: (bpf_ntohs(tag->tci) & 0x0fff). 상위 3비트는 우선순위라서, 우선순위가 5인 VLAN 10 프레임도 VLAN 10입니다.',
    },
    {
      en: 'unsigned char macs[12]; __builtin_memcpy(macs, eth, 12); if (bpf_xdp_adjust_head(ctx, 4)) return XDP_DROP; data = (void *)(long)ctx->data; data_end = (void *)(long)ctx->data_end; if (data + 14 > data_end) return XDP_DROP; __builtin_memcpy(data, macs, 12); return XDP_PASS;',
      ko: 'unsigned char macs[12]; __builtin_memcpy(macs, eth, 12); if (bpf_xdp_adjust_head(ctx, 4)) return XDP_DROP; data = (void *)(long)ctx->data; data_end = (void *)(long)ctx->data_end; if (data + 14 > data_end) return XDP_DROP; __builtin_memcpy(data, macs, 12); return XDP_PASS;',
    },
  ],
  unit: [
    {
      id: 'access-vlan-popped',
      text: {
        en: `802.1Q frames of VLAN ${ACCESS_VLAN} (IPv4/UDP, IPv6/TCP, ARP, and IPv4/UDP with priority 5) get XDP_PASS and come out as exactly the same frame without its tag.`,
        ko: `VLAN ${ACCESS_VLAN}의 802.1Q 프레임(IPv4/UDP, IPv6/TCP, ARP, 우선순위 5인 IPv4/UDP)은 XDP_PASS를 받고, 태그만 빠진 똑같은 프레임으로 나갑니다.`,
      },
      kind: 'frames',
      cases: [...frames.map((f) => popped(f, dot1q(ACCESS_VLAN))), popped(frames[0]!, dot1q(ACCESS_VLAN, 5))],
    },
    {
      id: 'other-tags-dropped',
      text: {
        en: `802.1Q frames of VLANs 20 and 1, and an 802.1ad frame whose outer tag says ${ACCESS_VLAN}, get XDP_DROP.`,
        ko: `VLAN 20과 VLAN 1의 802.1Q 프레임, 바깥 태그가 ${ACCESS_VLAN}인 802.1ad 프레임은 XDP_DROP을 받습니다.`,
      },
      kind: 'frames',
      cases: [dropped(frames[0]!, [dot1q(20)]), dropped(frames[1]!, [dot1q(1)]), dropped(frames[0]!, [{ tpid: 0x88a8, id: ACCESS_VLAN }, dot1q(ACCESS_VLAN)])],
    },
    {
      id: 'untagged-passed',
      text: { en: 'Untagged IPv4, IPv6 and ARP frames get XDP_PASS and leave unchanged.', ko: '태그 없는 IPv4, IPv6, ARP 프레임은 XDP_PASS를 받고 그대로 나갑니다.' },
      kind: 'frames',
      cases: frames.map((frame) => ({ frame, verdict: 'XDP_PASS' as const, output: 'unchanged' as const })),
    },
    {
      id: 'short-tag-dropped',
      text: {
        en: `A VLAN ${ACCESS_VLAN} frame cut after 16 bytes (its tag incomplete) gets XDP_DROP: the program reads nothing past data_end.`,
        ko: `16바이트에서 잘려 태그가 온전하지 않은 VLAN ${ACCESS_VLAN} 프레임은 XDP_DROP을 받습니다. 프로그램은 data_end 너머를 읽지 않습니다.`,
      },
      kind: 'frames',
      cases: [dropped(frames[0]!, [dot1q(ACCESS_VLAN)], 16)],
    },
  ],
  live: {
    tools: ['ping', 'ethtool', 'tc'],
    steps: [
      {
        id: 'network',
        title: {
          en: `Two namespaces; the sender tags what it sends to .${ACCESS_VLAN} and .${OTHER_VLAN} with that VLAN (tc), the receiver has no VLAN device; your program on the receiver`,
          ko: `네임스페이스 두 개. 보내는 쪽은 .${ACCESS_VLAN}과 .${OTHER_VLAN}로 보내는 프레임에 같은 번호의 VLAN 태그를 붙이고(tc), 받는 쪽에는 VLAN 장치가 없으며, 받는 쪽에 여러분의 프로그램`,
        },
      },
      { id: 'traffic', title: { en: `Ping untagged, over VLAN ${ACCESS_VLAN} and over VLAN ${OTHER_VLAN}`, ko: `태그 없이, VLAN ${ACCESS_VLAN}으로, VLAN ${OTHER_VLAN}으로 ping` } },
    ],
    checks: [
      { id: 'live-untagged-answered', text: { en: `All ${PINGS} untagged pings are answered.`, ko: `태그 없는 ping ${PINGS}개가 모두 응답을 받습니다.` } },
      {
        id: 'live-access-vlan-answered',
        text: {
          en: `All ${PINGS} pings over VLAN ${ACCESS_VLAN} are answered: the receiver has no VLAN device, so its stack only understands them untagged.`,
          ko: `VLAN ${ACCESS_VLAN}으로 보낸 ping ${PINGS}개가 모두 응답을 받습니다. 받는 쪽에는 VLAN 장치가 없으니 스택은 태그가 떨어진 프레임만 알아듣습니다.`,
        },
      },
      { id: 'live-other-vlan-lost', text: { en: `No ping over VLAN ${OTHER_VLAN} is answered.`, ko: `VLAN ${OTHER_VLAN}으로 보낸 ping은 하나도 응답을 받지 못합니다.` } },
    ],
    async run(ctx, program) {
      const { a, hosts } = await ctx.step('network', async () => {
        const { a, b } = await twoHosts(ctx);
        const subnet = b.ipv4.replace(/\.\d+$/, '');
        // b answers on two more addresses, and has no VLAN device: its stack only understands untagged frames.
        const hosts = { untagged: b.ipv4, access: `${subnet}.${ACCESS_VLAN}`, other: `${subnet}.${OTHER_VLAN}` };
        for (const address of [hosts.access, hosts.other]) {
          await ctx.target.exec(['ip', 'addr', 'add', `${address}/24`, 'dev', b.dev], { netns: b.netns });
          await ctx.target.exec(['ip', 'neigh', 'replace', address, 'lladdr', b.mac, 'dev', a.dev, 'nud', 'permanent'], { netns: a.netns });
        }
        // a is a trunk: its tc program tags what it sends to .10 and .20 with that VLAN. With tx VLAN
        // offload off, the tag is written into the frame's bytes before it crosses the veth.
        await ctx.target.exec(['ethtool', '-K', a.dev, 'txvlan', 'off'], { netns: a.netns });
        await attachTc(ctx, a, await compileBpf(ctx, 'bpf/tc_vlan_tag.c'), 'tc', 'egress');
        await attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object: program.object, program: program.name });
        return { a, hosts };
      });
      await ctx.step('traffic', async () => {
        const received = async (address: string) => (await ping(ctx, a.netns, address, { count: PINGS, waitSeconds: 0.3 })).received;
        expectEqual(ctx, 'live-untagged-answered', `${PINGS} received`, `${await received(hosts.untagged)} received`);
        expectEqual(ctx, 'live-access-vlan-answered', `${PINGS} received`, `${await received(hosts.access)} received`);
        expectEqual(ctx, 'live-other-vlan-lost', '0 received', `${await received(hosts.other)} received`);
      });
    },
  },
};
