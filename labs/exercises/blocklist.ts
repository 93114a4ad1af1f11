// Exercise 6: a blocklist that user space fills. A BPF_MAP_TYPE_HASH keyed by
// IPv4 source address holds, for each blocked sender, how many of its frames
// were dropped. The program only looks up and counts: it never adds a sender.
import { deleteMapKey, leUint, lookupMapKey, progMap, updateMapBytes } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { FrameSpec } from '../lib/frames.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import { ipv4Key, u64 } from './bytes.ts';
import type { ExerciseDeclaration, UnitCase } from './types.ts';

/** Blocked before the frames run: one with no hits yet, one that already has some. */
const FRESH = '10.0.0.66';
const SEEN = '10.0.0.77';
const SEEN_BEFORE = 5;
/** Not in the map: the frames' default source, and a neighbour of FRESH. */
const CLEAN = '10.0.0.1';
const NEIGHBOUR = '10.0.0.67';
const PINGS = 6;

const from = (src: string, l4: FrameSpec['l4'] = { kind: 'echo-request' }, extra: Partial<FrameSpec> = {}): FrameSpec => ({ family: 4, l4, src, ...extra });
const dropped = (frame: FrameSpec): UnitCase => ({ frame, verdict: 'XDP_DROP' });
const passed = (frame: FrameSpec, cut?: number): UnitCase => ({ frame, verdict: 'XDP_PASS', output: 'unchanged', ...(cut === undefined ? {} : { cut }) });

const FRESH_FRAMES = [from(FRESH), from(FRESH, { kind: 'udp', dport: 53 }), from(FRESH, { kind: 'tcp', dport: 80 }, { ipOptions: 8 })];
const SEEN_FRAMES = [from(SEEN), from(SEEN, { kind: 'udp', dport: 53 })];

export const blocklist: ExerciseDeclaration = {
  id: 'blocklist',
  title: { en: 'A blocklist user space fills: hash map lookups and hit counts', ko: '사용자 공간이 채우는 차단 목록: 해시 맵 조회와 적중 횟수' },
  task: {
    en: 'User space writes blocked IPv4 source addresses into blocklist, a BPF_MAP_TYPE_HASH whose key is the address as the packet carries it (__be32) and whose value is a __u64 hit count. Drop every IPv4 frame whose source is in the map and add one to its count; every other frame passes — other sources, ARP, IPv6, frames too short to hold the address — and adds nothing to the map.',
    ko: '사용자 공간이 차단할 IPv4 출발지 주소를 blocklist에 써 둡니다. blocklist는 패킷에 실린 그대로의 주소(__be32)를 키로, __u64 적중 횟수를 값으로 하는 BPF_MAP_TYPE_HASH입니다. 출발지가 맵에 있는 IPv4 프레임은 드롭하고 그 횟수에 1을 더하세요. 다른 출발지, ARP, IPv6, 주소를 다 담지 못할 만큼 짧은 프레임 등 나머지는 모두 통과시키고, 맵에는 아무것도 더하지 않습니다.',
  },
  teaches: { en: 'hash maps filled from user space, lookups keyed by packet bytes, counting in a shared value', ko: '사용자 공간이 채우는 해시 맵, 패킷 바이트를 키로 한 조회, 공유 값에 세기' },
  page: 'exercises/blocklist',
  follows: 'labs/xdp-counter',
  program: 'xdp_blocklist',
  minKernel: {
    version: '4.19',
    why: { en: 'native XDP on veth, which the live stage uses, arrived in Linux 4.19.', ko: '실제 트래픽 단계가 쓰는 veth의 네이티브 XDP는 리눅스 4.19부터입니다.' },
  },
  minutes: 20,
  hints: [
    {
      en: 'The key is ip->saddr exactly as it is: user space wrote the address in network byte order (10.0.0.66 is the bytes 0a 00 00 42), which is what the packet carries. Converting it with bpf_ntohl makes a key nobody wrote.',
      ko: '키는 ip->saddr 그대로입니다. 사용자 공간은 주소를 네트워크 바이트 순서로 써 두었고(10.0.0.66은 0a 00 00 42라는 바이트), 패킷에 실린 것도 바로 그 바이트입니다. bpf_ntohl로 바꾸면 아무도 써 넣지 않은 키가 됩니다.',
    },
    {
      en: 'bpf_map_lookup_elem returns a pointer into the map’s own value, or NULL when the key is not there: NULL means "not blocked", so pass, and do not insert anything. Several CPUs may hit the same entry at once, so add with __sync_fetch_and_add.',
      ko: 'bpf_map_lookup_elem은 맵 안의 값을 가리키는 포인터를 돌려주고, 키가 없으면 NULL을 돌려줍니다. NULL은 "차단 대상 아님"이니 통과시키고, 아무것도 넣지 마세요. 여러 CPU가 같은 항목을 동시에 건드릴 수 있으므로 __sync_fetch_and_add로 더합니다.',
    },
    {
      en: 'After checking the IPv4 header against data_end: __u64 *hits = bpf_map_lookup_elem(&blocklist, &ip->saddr); if (!hits) return XDP_PASS; __sync_fetch_and_add(hits, 1); return XDP_DROP;',
      ko: 'IPv4 헤더를 data_end와 비교해 확인한 다음: __u64 *hits = bpf_map_lookup_elem(&blocklist, &ip->saddr); if (!hits) return XDP_PASS; __sync_fetch_and_add(hits, 1); return XDP_DROP;',
    },
  ],
  setup: [
    { map: 'blocklist', key: ipv4Key(FRESH), value: u64(0) },
    { map: 'blocklist', key: ipv4Key(SEEN), value: u64(SEEN_BEFORE) },
  ],
  unit: [
    {
      id: 'blocked-dropped',
      text: {
        en: `IPv4 frames from ${FRESH} and ${SEEN} (both in the map) get XDP_DROP: ICMP, UDP, and TCP with IPv4 options.`,
        ko: `맵에 있는 주소(${FRESH}, ${SEEN})에서 온 IPv4 프레임은 XDP_DROP을 받습니다. ICMP, UDP, IPv4 옵션이 붙은 TCP 모두 그렇습니다.`,
      },
      kind: 'frames',
      cases: [...FRESH_FRAMES, ...SEEN_FRAMES].map(dropped),
    },
    {
      id: 'others-passed',
      text: {
        en: `Frames from ${CLEAN} and ${NEIGHBOUR} (not in the map), a frame TO ${FRESH}, an ARP request from ${FRESH}, IPv6, and a frame from ${FRESH} cut before its source address get XDP_PASS and leave unchanged.`,
        ko: `맵에 없는 주소(${CLEAN}, ${NEIGHBOUR})에서 온 프레임, 목적지가 ${FRESH}인 프레임, 출발지가 ${FRESH}인 ARP 요청, IPv6, 출발지 주소 앞에서 잘린 프레임(출발지 ${FRESH})은 XDP_PASS를 받고 그대로 나갑니다.`,
      },
      kind: 'frames',
      cases: [
        passed(from(CLEAN)),
        passed(from(NEIGHBOUR, { kind: 'udp', dport: 53 })),
        passed({ family: 4, l4: { kind: 'echo-request' }, src: CLEAN, dst: FRESH }),
        passed({ family: 'arp', l4: { kind: 'echo-request' }, src: FRESH }),
        passed({ family: 6, l4: { kind: 'echo-request' } }),
        passed(from(FRESH), 20),
      ],
    },
    {
      id: 'hits-counted',
      text: {
        en: `After the frames, blocklist holds ${FRESH_FRAMES.length} for ${FRESH} and ${SEEN_BEFORE + SEEN_FRAMES.length} for ${SEEN} (${SEEN_BEFORE} before, plus ${SEEN_FRAMES.length}), and no entry for ${CLEAN} or ${NEIGHBOUR}: the program made none for a sender that is not blocked, not even one holding 0.`,
        ko: `프레임을 다 넣은 뒤 blocklist 값은 ${FRESH} 항목이 ${FRESH_FRAMES.length}, ${SEEN} 항목이 ${SEEN_BEFORE + SEEN_FRAMES.length}(처음 값 ${SEEN_BEFORE}에서 ${SEEN_FRAMES.length}만큼 늘어남)입니다. ${CLEAN} 항목과 ${NEIGHBOUR} 항목은 없습니다. 차단 대상이 아닌 송신자의 항목은 값이 0인 것이라도 만들지 않았습니다.`,
      },
      kind: 'map',
      expect: {
        map: 'blocklist',
        entries: [
          { key: ipv4Key(FRESH), name: FRESH, value: FRESH_FRAMES.length },
          { key: ipv4Key(SEEN), name: SEEN, value: SEEN_BEFORE + SEEN_FRAMES.length },
          { key: ipv4Key(CLEAN), name: CLEAN, value: 'absent' },
          { key: ipv4Key(NEIGHBOUR), name: NEIGHBOUR, value: 'absent' },
        ],
      },
    },
  ],
  live: {
    tools: ['ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair; your program on b', ko: 'veth 쌍으로 이은 네임스페이스 두 개, b에 여러분의 프로그램' } },
      { id: 'before', title: { en: 'ping b from a, with an empty blocklist', ko: 'blocklist가 빈 상태에서 a가 b로 ping' } },
      { id: 'block', title: { en: 'bpftool map update: block a’s address, then ping again', ko: 'bpftool map update로 a의 주소를 차단하고 다시 ping' } },
      { id: 'unblock', title: { en: 'bpftool map delete: unblock it, then ping once more', ko: 'bpftool map delete로 차단을 풀고 한 번 더 ping' } },
    ],
    checks: [
      { id: 'live-answered-before', text: { en: `All ${PINGS} pings are answered while the blocklist is empty.`, ko: `blocklist가 비어 있는 동안에는 ping ${PINGS}개가 모두 응답을 받습니다.` } },
      { id: 'live-blocked-lost', text: { en: `Once a’s address is in the map, all ${PINGS} pings are lost.`, ko: `a의 주소가 맵에 들어간 뒤에는 ping ${PINGS}개가 모두 사라집니다.` } },
      { id: 'live-hits-counted', text: { en: `The entry for a’s address then holds exactly ${PINGS}.`, ko: `그때 a의 주소 항목은 정확히 ${PINGS}입니다.` } },
      { id: 'live-answered-after', text: { en: `After bpftool map delete, all ${PINGS} pings are answered again, and the map has no entry for a.`, ko: `bpftool map delete 다음에는 ping ${PINGS}개가 다시 모두 응답을 받고, 맵에 a의 항목이 없습니다.` } },
    ],
    async run(ctx, program) {
      const { pair, mapId } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        const link = await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
        return { pair, mapId: (await progMap(ctx, link.progId!, 'blocklist')).id };
      });
      const key = ipv4Key(pair.a.ipv4);
      const received = async (waitSeconds: number) => `${(await ping(ctx, pair.a.netns, pair.b.ipv4, { count: PINGS, waitSeconds })).received} received`;
      const hits = async () => {
        const entry = await lookupMapKey(ctx, mapId, key);
        return entry ? `${leUint(entry.value)} hits` : 'no entry';
      };
      await ctx.step('before', async () => expectEqual(ctx, 'live-answered-before', `${PINGS} received`, await received(0.3)));
      await ctx.step('block', async () => {
        await updateMapBytes(ctx, mapId, key, u64(0));
        ctx.note(`blocklist[${pair.a.ipv4}] = 0 (bpftool map update id ${mapId})`);
        expectEqual(ctx, 'live-blocked-lost', '0 received', await received(0.2));
        expectEqual(ctx, 'live-hits-counted', `${PINGS} hits`, await hits());
      });
      await ctx.step('unblock', async () => {
        await deleteMapKey(ctx, mapId, key);
        expectEqual(ctx, 'live-answered-after', `${PINGS} received, no entry`, `${await received(0.3)}, ${await hits()}`);
      });
    },
  },
};
