// Count packets by verdict and by protocol in per-CPU maps, and check the
// counts against the traffic the lab itself sent: exact numbers, every run.
import { progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { readNstat } from '../lib/nstat.ts';
import { busyCpus, dumpPercpuMap, entryFor, sumOverCpus, type PercpuEntry } from '../lib/percpu-maps.ts';
import { allowedCpus, pingOnCpu, sendUdp } from '../lib/senders.ts';
import { attachXdp, compileBpf, progStats } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab } from '../lib/types.ts';

const PINGS = 10;
const PING_FRAME = 56 + 42; // ping's default 56 bytes of data + ICMP 8 + IPv4 20 + Ethernet 14
const UDP_OPEN = 6; // datagrams to a port the program lets through
const UDP_BLOCKED = 4; // datagrams to port 9, which the program drops
const UDP_PAYLOAD = 32;
const UDP_FRAME = UDP_PAYLOAD + 42; // UDP 8 + IPv4 20 + Ethernet 14
const OPEN_PORT = 5000;
const BLOCKED_PORT = 9; // XDP_COUNTER_BLOCKED_PORT in bpf/xdp_counter.c

// Keys of the maps, as bpf/xdp_counter.c numbers them.
const XDP_DROP = 1;
const XDP_PASS = 2;
const PROTO = { icmp: 0, udp: 1, tcp: 2, otherIpv4: 3, notIpv4: 4 } as const;

interface Counter {
  packets: number;
  bytes: number;
}

const packets = (c: Counter) => c.packets;
const total = (entries: PercpuEntry<Counter>[], key: number) => {
  const entry = entryFor(entries, key);
  return { packets: sumOverCpus(entry, packets), bytes: sumOverCpus(entry, (c) => c.bytes) };
};

/** This lab's own words, in each language: packets counted, the protocols and CPUs they were counted under, its note. */
const EN = {
  packets: (count: number) => `${count} packets`,
  others: (tcp: number, otherIpv4: number, notIpv4: number) => `tcp ${tcp}, other IPv4 ${otherIpv4}, not IPv4 ${notIpv4}`,
  cpus: (icmp: number | string, udp: number | string) => `ICMP on CPU ${icmp}, UDP on CPU ${udp}`,
  senders: (ping: number, udp: number) => `pings sent from CPU ${ping}, datagrams from CPU ${udp}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    packets: (count) => `패킷 ${count}개`,
    others: (tcp, otherIpv4, notIpv4) => `TCP ${tcp}, 기타 IPv4 ${otherIpv4}, IPv4 아님 ${notIpv4}`,
    cpus: (icmp, udp) => `ICMP는 CPU ${icmp}, UDP는 CPU ${udp}`,
    senders: (ping, udp) => `ping은 CPU ${ping}에서, 데이터그램은 CPU ${udp}에서 보냄`,
  },
};

export const xdpCounter = defineLab({
  name: 'xdp-counter',
  title: { en: 'Count packets in per-CPU maps', ko: 'per-CPU 맵으로 패킷 세기' },
  summary: {
    en: 'An XDP program counts every frame by verdict and by protocol in per-CPU arrays; bpftool reads one value per CPU, the lab adds them up, and the totals match the traffic it sent exactly.',
    ko: 'XDP 프로그램이 모든 프레임을 액션별, 프로토콜별로 per-CPU 배열에 셉니다. bpftool은 CPU마다 값을 하나씩 읽어 오고, 실습이 이를 더한 합계는 보낸 트래픽과 정확히 일치합니다.',
  },
  page: 'labs/xdp-counter',
  sources: ['bpf/xdp_counter.c', 'bpf/include/xdp_parse_helpers.h'],
  topology: [
    '  netns xl-xdp-counter-<id>-a              netns xl-xdp-counter-<id>-b',
    ' ┌──────────────────────────────┐        ┌────────────────────────────────────┐',
    ' │ ping (CPU 0)                 │        │                                    │',
    ' │ bash /dev/udp (CPU 1) veth0 ─┼────────┼─ veth0 ← xdp_counter (native)      │',
    ' └──────────────────────────────┘        │   action_counts, proto_counts      │',
    '                                         │   (BPF_MAP_TYPE_PERCPU_ARRAY)      │',
    '                                         └────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'native XDP on veth arrived in Linux 4.19; per-CPU arrays (4.6) and BTF-described maps that bpftool prints by field (4.18) are older.',
      ko: 'veth의 네이티브 XDP는 리눅스 4.19부터입니다. per-CPU 배열(4.6)과 bpftool이 필드 이름으로 출력할 수 있게 해 주는 BTF 맵(4.18)은 그보다 먼저 들어왔습니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'nstat', 'taskset', 'bash'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_counter.c with clang', ko: 'clang으로 bpf/xdp_counter.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach xdp_counter to the receiving veth', ko: '받는 쪽 veth에 xdp_counter 붙이기' } },
    { id: 'traffic', title: { en: 'Send pings from one CPU and UDP datagrams from another', ko: '한 CPU에서 ping을, 다른 CPU에서 UDP 데이터그램을 보내기' } },
    { id: 'read', title: { en: 'Dump the per-CPU maps with bpftool and add up the CPUs', ko: 'bpftool로 per-CPU 맵을 덤프하고 CPU별 값 더하기' } },
  ],
  checks: [
    { id: 'pings-answered', text: { en: `All ${PINGS} pings are answered: the program passes ICMP on to the stack.`, ko: `ping ${PINGS}개가 모두 응답을 받습니다. 프로그램은 ICMP를 스택으로 넘깁니다.` } },
    { id: 'udp-delivered', text: { en: `The receiver's UDP layer counts exactly the ${UDP_OPEN} datagrams sent to port ${OPEN_PORT}; none of the ${UDP_BLOCKED} sent to port ${BLOCKED_PORT} arrives.`, ko: `받는 쪽 UDP 계층은 ${OPEN_PORT}번 포트로 보낸 데이터그램 ${UDP_OPEN}개만 정확히 셉니다. ${BLOCKED_PORT}번 포트로 보낸 ${UDP_BLOCKED}개는 하나도 도착하지 않습니다.` } },
    { id: 'proto-icmp', text: { en: `The ICMP counter, summed over CPUs, holds ${PINGS} packets of ${PING_FRAME} bytes each.`, ko: `CPU별 값을 더한 ICMP 카운터는 ${PING_FRAME}바이트짜리 패킷 ${PINGS}개를 담고 있습니다.` } },
    { id: 'proto-udp', text: { en: `The UDP counter holds all ${UDP_OPEN + UDP_BLOCKED} datagrams, ${UDP_FRAME} bytes each, dropped or not.`, ko: `UDP 카운터는 드롭되었든 아니든 ${UDP_FRAME}바이트짜리 데이터그램 ${UDP_OPEN + UDP_BLOCKED}개를 모두 담고 있습니다.` } },
    { id: 'proto-other', text: { en: 'No other frame crossed the link: TCP, other IPv4 and non-IPv4 counters stay at 0 (static neighbours, IPv6 off).', ko: '다른 프레임은 링크를 건너지 않았습니다. TCP, 기타 IPv4, IPv4가 아닌 프레임의 카운터는 0입니다(정적 이웃 항목, IPv6 꺼짐).' } },
    { id: 'action-pass', text: { en: `XDP_PASS counts the ${PINGS} pings and the ${UDP_OPEN} datagrams to the open port.`, ko: `XDP_PASS 카운터는 ping ${PINGS}개와 열린 포트로 간 데이터그램 ${UDP_OPEN}개를 셉니다.` } },
    { id: 'action-drop', text: { en: `XDP_DROP counts exactly the ${UDP_BLOCKED} datagrams to port ${BLOCKED_PORT}.`, ko: `XDP_DROP 카운터는 ${BLOCKED_PORT}번 포트로 간 데이터그램 ${UDP_BLOCKED}개를 정확히 셉니다.` } },
    { id: 'run-count', text: { en: "The verdict counters add up to the program's run_cnt: every run was counted once.", ko: '액션별 카운터의 합이 프로그램의 run_cnt와 같습니다. 모든 실행이 한 번씩 세어졌습니다.' } },
    { id: 'per-cpu', text: { en: "Each CPU has its own copy of a counter: the pings were counted on the ping's CPU, the datagrams on the sender's.", ko: '카운터는 CPU마다 따로 있습니다. ping은 ping이 돈 CPU의 칸에, 데이터그램은 보낸 프로세스가 돈 CPU의 칸에 세어졌습니다.' } },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { datagrams, bytes, none } = observed(ctx);
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_counter.c'));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const link = await ctx.step('attach', () => attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_counter' }));

    // On a veth the receiver's NAPI poll runs on the CPU that sent the frame,
    // so pinning each sender pins where xdp_counter counts its packets.
    const cpus = await allowedCpus(ctx);
    const pingCpu = cpus[0]!;
    const udpCpu = cpus[1] ?? pingCpu;
    await ctx.step('traffic', async () => {
      const udpCounters = ['UdpInDatagrams', 'UdpNoPorts'];
      const before = await readNstat(ctx, b.netns, udpCounters);
      const result = await pingOnCpu(ctx, a.netns, b.ipv4, { count: PINGS, cpu: pingCpu });
      expectEqual(ctx, 'pings-answered', observed(ctx).received(PINGS), observed(ctx).received(result.received));
      await sendUdp(ctx, a.netns, b.ipv4, OPEN_PORT, { count: UDP_OPEN, payload: UDP_PAYLOAD, cpu: udpCpu });
      await sendUdp(ctx, a.netns, b.ipv4, BLOCKED_PORT, { count: UDP_BLOCKED, payload: UDP_PAYLOAD, cpu: udpCpu });
      const after = await readNstat(ctx, b.netns, udpCounters);
      // Nothing listens on either port: a datagram that reaches UDP is counted as UdpNoPorts.
      const arrived = udpCounters.reduce((sum, name) => sum + after[name]! - before[name]!, 0);
      expectEqual(ctx, 'udp-delivered', datagrams(UDP_OPEN), datagrams(arrived));
      ctx.note(words.senders(pingCpu, udpCpu));
    });

    await ctx.step('read', async () => {
      const actions = await dumpPercpuMap<Counter>(ctx, (await progMap(ctx, link.progId!, 'action_counts')).id);
      const protos = await dumpPercpuMap<Counter>(ctx, (await progMap(ctx, link.progId!, 'proto_counts')).id);
      const show = (c: Counter) => `${words.packets(c.packets)}, ${bytes(c.bytes)}`;

      expectEqual(ctx, 'proto-icmp', show({ packets: PINGS, bytes: PINGS * PING_FRAME }), show(total(protos, PROTO.icmp)));
      const udpSent = UDP_OPEN + UDP_BLOCKED;
      expectEqual(ctx, 'proto-udp', show({ packets: udpSent, bytes: udpSent * UDP_FRAME }), show(total(protos, PROTO.udp)));
      const others = [PROTO.tcp, PROTO.otherIpv4, PROTO.notIpv4].map((k) => total(protos, k).packets);
      expectEqual(ctx, 'proto-other', words.others(0, 0, 0), words.others(others[0]!, others[1]!, others[2]!));
      expectEqual(ctx, 'action-pass', words.packets(PINGS + UDP_OPEN), words.packets(total(actions, XDP_PASS).packets));
      expectEqual(ctx, 'action-drop', words.packets(UDP_BLOCKED), words.packets(total(actions, XDP_DROP).packets));

      const verdicts = actions.reduce((sum, entry) => sum + sumOverCpus(entry, packets), 0);
      const stats = await progStats(ctx, link.progId!);
      expectEqual(ctx, 'run-count', `run_cnt ${stats.runCount}`, `run_cnt ${verdicts}`);

      const where = (key: number) => busyCpus(entryFor(protos, key), packets, none);
      expectEqual(ctx, 'per-cpu', words.cpus(pingCpu, udpCpu), words.cpus(where(PROTO.icmp), where(PROTO.udp)));
      for (const entry of protos.filter((e) => sumOverCpus(e, packets) > 0)) {
        ctx.note(`proto ${entry.key}: ${entry.perCpu.map(({ cpu, value }) => `cpu${cpu}=${value.packets}`).join(' ')}`);
      }
    });
  },
});
