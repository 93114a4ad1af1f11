// Exercise 5: count frames per protocol in a per-CPU array that user space
// reads. The xdp-counter lab counts IPv4 only, with other keys and a verdict
// of its own; here IPv6 and ICMPv6 count too and every frame passes.
import { progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import { refreshIpv4Checksum, type FrameSpec } from '../lib/frames.ts';
import { dumpPercpuMap, sumOverCpus } from '../lib/percpu-maps.ts';
import { sendUdp } from '../lib/senders.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import { u32 } from './bytes.ts';
import type { ExerciseDeclaration, UnitCase, UnitCheck } from './types.ts';
import type { Text } from '../lib/locale.ts';

/** The keys of proto_count, as enum proto_key in the starter declares them. */
const KEYS = { other: 0, tcp: 1, udp: 2, icmp: 3, icmpv6: 4 } as const;
const PINGS = 7;
const DATAGRAMS = 4;

const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

/** A well-formed frame whose IPv4 protocol byte (or IPv6 next header) is set to `protocol`. */
function carrying(family: 4 | 6, protocol: number, describe: Text): UnitCase {
  return {
    frame: { family, l4: { kind: 'udp', dport: 53 } },
    edit: {
      describe,
      apply(frame) {
        if (family === 4) {
          frame[14 + 9] = protocol;
          refreshIpv4Checksum(frame, 14);
        } else {
          frame[14 + 6] = protocol;
        }
      },
    },
    verdict: 'XDP_PASS',
    output: 'unchanged',
  };
}

const FRAMES: Record<keyof typeof KEYS, UnitCase[]> = {
  tcp: [passed({ family: 4, l4: { kind: 'tcp', dport: 80 } }), passed({ family: 6, l4: { kind: 'tcp', dport: 443 } })],
  udp: [
    passed({ family: 4, l4: { kind: 'udp', dport: 53 } }),
    // Port 9 is the one the xdp-counter lab drops.
    passed({ family: 4, l4: { kind: 'udp', dport: 9 }, ipOptions: 8 }),
    passed({ family: 6, l4: { kind: 'udp', dport: 53 } }),
  ],
  icmp: [
    passed({ family: 4, l4: { kind: 'echo-request' } }),
    passed({ family: 4, l4: { kind: 'echo-reply' } }),
    passed({ family: 4, l4: { kind: 'echo-request' }, ipOptions: 4 }),
    passed({ family: 4, l4: { kind: 'echo-request' }, payload: 200 }),
  ],
  icmpv6: [
    passed({ family: 6, l4: { kind: 'echo-request' } }),
    passed({ family: 6, l4: { kind: 'echo-reply' } }),
    passed({ family: 6, l4: { kind: 'echo-request' }, payload: 200 }),
    passed({ family: 6, l4: { kind: 'echo-reply' }, payload: 100 }),
    passed({ family: 6, l4: { kind: 'echo-request' }, payload: 0 }),
  ],
  other: [
    passed({ family: 'arp', l4: { kind: 'echo-request' } }),
    passed({ family: 4, l4: { kind: 'udp', dport: 53 } }, 20),
    passed({ family: 6, l4: { kind: 'tcp', dport: 80 } }, 18),
    carrying(4, 47, { en: 'IPv4 protocol set to 47 (GRE)', ko: 'IPv4 프로토콜을 47(GRE)로 바꿈' }),
    carrying(4, 58, { en: 'IPv4 protocol set to 58 (the ICMPv6 number)', ko: 'IPv4 프로토콜을 58(ICMPv6 번호)로 바꿈' }),
    carrying(6, 1, { en: 'IPv6 next header set to 1 (the ICMP number)', ko: 'IPv6 다음 헤더를 1(ICMP 번호)로 바꿈' }),
  ],
};

const NAMES: Record<keyof typeof KEYS, string> = { other: 'PROTO_OTHER', tcp: 'PROTO_TCP', udp: 'PROTO_UDP', icmp: 'PROTO_ICMP', icmpv6: 'PROTO_ICMPV6' };

const COUNT_TEXT: Record<keyof typeof KEYS, Text> = {
  tcp: { en: 'TCP over IPv4 and IPv6', ko: 'IPv4와 IPv6 위의 TCP' },
  udp: { en: 'UDP over IPv4 (with and without options) and IPv6', ko: 'IPv4(옵션 유무)와 IPv6 위의 UDP' },
  icmp: { en: 'ICMP over IPv4, requests and replies, with options too', ko: 'IPv4 위의 ICMP(요청과 응답, 옵션이 붙은 것 포함)' },
  icmpv6: { en: 'ICMPv6 over IPv6, requests and replies', ko: 'IPv6 위의 ICMPv6(요청과 응답)' },
  other: {
    en: 'everything else: ARP, frames cut inside the IP header, IPv4 carrying GRE, and the ICMP numbers in the wrong IP version (58 in IPv4, 1 in IPv6)',
    ko: '나머지 전부: ARP, IP 헤더 중간에서 잘린 프레임, GRE를 실은 IPv4, 엉뚱한 IP 버전에 실린 ICMP 번호(IPv4의 58, IPv6의 1)',
  },
};

const countCheck = (name: keyof typeof KEYS): UnitCheck => ({
  id: `${name}-counted`,
  text: {
    en: `proto_count[${NAMES[name]}] (key ${KEYS[name]}), added up over all CPUs, is exactly ${FRAMES[name].length}: one per frame of ${COUNT_TEXT[name].en}.`,
    ko: `모든 CPU의 값을 더한 proto_count[${NAMES[name]}](키 ${KEYS[name]})는 정확히 ${FRAMES[name].length}입니다. ${COUNT_TEXT[name].ko} 프레임마다 하나씩입니다.`,
  },
  kind: 'map',
  expect: { map: 'proto_count', entries: [{ key: u32(KEYS[name]), name: NAMES[name], value: FRAMES[name].length }] },
});

export const protoCount: ExerciseDeclaration = {
  id: 'proto-count',
  title: { en: 'Count frames per protocol in a per-CPU array', ko: '프로토콜별 프레임 수를 CPU별 배열에 세기' },
  task: {
    en: 'For every frame, add one to the slot of proto_count, a BPF_MAP_TYPE_PERCPU_ARRAY, that names its protocol: TCP, UDP, ICMP (over IPv4), ICMPv6 (over IPv6), or other for everything else, a frame too short to tell included. Every frame passes; user space adds up the CPUs’ copies.',
    ko: '프레임마다 BPF_MAP_TYPE_PERCPU_ARRAY인 proto_count에서 그 프레임의 프로토콜 칸에 1을 더하세요. 칸은 TCP, UDP, ICMP(IPv4 위), ICMPv6(IPv6 위), 그리고 나머지 전부를 위한 other입니다. 프로토콜을 알아낼 수 없을 만큼 짧은 프레임도 other입니다. 모든 프레임은 통과하고, CPU마다 있는 값은 사용자 공간이 더합니다.',
  },
  teaches: { en: 'per-CPU array maps, map lookups and their NULL check, counting that user space reads', ko: 'CPU별 배열 맵, 맵 조회와 NULL 검사, 사용자 공간이 읽는 카운터' },
  page: 'exercises/proto-count',
  follows: 'labs/xdp-counter',
  program: 'xdp_proto_count',
  minKernel: {
    version: '4.19',
    why: { en: 'native XDP on veth, which the live stage uses, arrived in Linux 4.19 (per-CPU arrays in 4.6).', ko: '실제 트래픽 단계가 쓰는 veth의 네이티브 XDP는 리눅스 4.19부터입니다(CPU별 배열은 4.6부터).' },
  },
  minutes: 20,
  hints: [
    {
      en: 'The protocol number alone is not enough: IPv4 says ICMP with protocol 1, IPv6 says ICMPv6 with next header 58, and each number means nothing in the other version. Decide the key inside each branch, IPv4 or IPv6.',
      ko: '프로토콜 번호만으로는 부족합니다. IPv4는 프로토콜 1로 ICMP를, IPv6는 다음 헤더 58로 ICMPv6를 나타내며, 이 번호는 다른 버전에서는 아무 뜻도 없습니다. 키는 IPv4 분기와 IPv6 분기 안에서 따로 정하세요.',
    },
    {
      en: 'Start with __u32 key = PROTO_OTHER; and change it only when the headers are there and say TCP, UDP, ICMP or ICMPv6. Then count once, at the end, on every path. bpf_map_lookup_elem on an array returns a pointer to this CPU’s copy; the verifier still wants the NULL check.',
      ko: '__u32 key = PROTO_OTHER;로 시작해서, 헤더가 다 있고 TCP, UDP, ICMP, ICMPv6라고 적혀 있을 때만 바꾸세요. 그리고 모든 경로의 끝에서 한 번만 셉니다. 배열에 대한 bpf_map_lookup_elem은 이 CPU의 값을 가리키는 포인터를 돌려주지만, 검증기는 그래도 NULL 검사를 요구합니다.',
    },
    {
      en: 'IPv4: if ((void *)(ip + 1) <= data_end) key = ip->protocol == IPPROTO_TCP ? PROTO_TCP : ip->protocol == IPPROTO_UDP ? PROTO_UDP : ip->protocol == IPPROTO_ICMP ? PROTO_ICMP : PROTO_OTHER; IPv6 the same with ip6->nexthdr and IPPROTO_ICMPV6 → PROTO_ICMPV6. Then __u64 *n = bpf_map_lookup_elem(&proto_count, &key); if (n) *n += 1; return XDP_PASS;',
      ko: 'IPv4는 if ((void *)(ip + 1) <= data_end) key = ip->protocol == IPPROTO_TCP ? PROTO_TCP : ip->protocol == IPPROTO_UDP ? PROTO_UDP : ip->protocol == IPPROTO_ICMP ? PROTO_ICMP : PROTO_OTHER; 이고, IPv6는 ip6->nexthdr로 같게 쓰되 IPPROTO_ICMPV6이면 PROTO_ICMPV6입니다. 그다음 __u64 *n = bpf_map_lookup_elem(&proto_count, &key); if (n) *n += 1; return XDP_PASS; 입니다.',
    },
  ],
  unit: [
    {
      id: 'every-frame-passed',
      text: {
        en: 'Every frame — TCP, UDP (port 9 too), ICMP, ICMPv6, ARP, short frames and odd protocols — gets XDP_PASS and leaves unchanged.',
        ko: 'TCP, UDP(9번 포트 포함), ICMP, ICMPv6, ARP, 짧은 프레임, 특이한 프로토콜까지 모든 프레임이 XDP_PASS를 받고 그대로 나갑니다.',
      },
      kind: 'frames',
      cases: Object.values(FRAMES).flat(),
    },
    countCheck('tcp'),
    countCheck('udp'),
    countCheck('icmp'),
    countCheck('icmpv6'),
    countCheck('other'),
  ],
  live: {
    tools: ['ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair (IPv4 only, permanent neighbours); your program on b', ko: 'veth 쌍으로 이은 네임스페이스 두 개(IPv4만, 고정 이웃 항목), b에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: `${PINGS} pings and ${DATAGRAMS} UDP datagrams towards b, then read proto_count with bpftool`, ko: `b 쪽으로 ping ${PINGS}개와 UDP 데이터그램 ${DATAGRAMS}개, 그다음 bpftool로 proto_count 읽기` } },
    ],
    checks: [
      { id: 'live-icmp-counted', text: { en: `PROTO_ICMP grew by exactly ${PINGS}: one per echo request (the replies leave b and are not seen).`, ko: `PROTO_ICMP는 정확히 ${PINGS}만큼 늘어납니다. 에코 요청마다 하나씩입니다(응답은 b에서 나가므로 보이지 않습니다).` } },
      { id: 'live-udp-counted', text: { en: `PROTO_UDP grew by exactly ${DATAGRAMS}.`, ko: `PROTO_UDP는 정확히 ${DATAGRAMS}만큼 늘어납니다.` } },
      { id: 'live-nothing-else', text: { en: 'PROTO_TCP, PROTO_ICMPV6 and PROTO_OTHER stayed at 0: nothing else arrived.', ko: 'PROTO_TCP, PROTO_ICMPV6, PROTO_OTHER는 0 그대로입니다. 다른 것은 들어오지 않았습니다.' } },
    ],
    async run(ctx, program) {
      const { pair, mapId } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const link = await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        return { pair, mapId: (await progMap(ctx, link.progId!, 'proto_count')).id };
      });
      await ctx.step('traffic', async () => {
        await ping(ctx, pair.a.netns, pair.b.ipv4, { count: PINGS });
        await sendUdp(ctx, pair.a.netns, pair.b.ipv4, 9001, { count: DATAGRAMS, payload: 32 });
        const entries = await dumpPercpuMap<number>(ctx, mapId);
        const total = (key: number) => {
          const entry = entries.find((e) => e.key === key);
          return entry ? sumOverCpus(entry, Number) : 0;
        };
        expectEqual(ctx, 'live-icmp-counted', `PROTO_ICMP ${PINGS}`, `PROTO_ICMP ${total(KEYS.icmp)}`);
        expectEqual(ctx, 'live-udp-counted', `PROTO_UDP ${DATAGRAMS}`, `PROTO_UDP ${total(KEYS.udp)}`);
        const rest = (['tcp', 'icmpv6', 'other'] as const).map((k) => `${NAMES[k]} ${total(KEYS[k])}`).join(', ');
        expectEqual(ctx, 'live-nothing-else', 'PROTO_TCP 0, PROTO_ICMPV6 0, PROTO_OTHER 0', rest);
      });
    },
  },
};
