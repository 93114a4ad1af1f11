import type { BoxKind } from './Box.astro';
import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

export interface Step {
  lines: readonly [string, string];
  kind?: BoxKind;
}

export interface ReceivePathLabels extends FigureText {
  headings: { driver: string; verdicts: string; stack: string };
  /** Driver side, top to bottom, in the order a packet meets them. */
  driver: readonly Step[];
  /** XDP verdicts that leave before an SKB exists. */
  verdicts: readonly Step[];
  /** Core stack, in the order a packet meets them (drawn bottom to top). */
  stack: readonly Step[];
  legend: { hook: string; xdp: string };
  softirqNote: readonly string[];
}

export const labels: Localized<ReceivePathLabels> = {
  en: {
    title: 'The receive path of a packet',
    desc: 'From the wire through the NIC, DMA, RX ring, interrupt and NAPI poll to native XDP, SKB allocation, GRO (skipped while a generic XDP program is attached), RPS, generic XDP, tc, netfilter, routing, TCP or UDP and the socket.',
    caption: 'One received packet, step by step. Native XDP runs before the SKB is allocated, so DROP, TX and REDIRECT never pay for it; every later hook works on an SKB.',
    headings: { driver: 'Driver and NAPI', verdicts: 'Leave before an SKB', stack: 'Core network stack' },
    driver: [
      { lines: ['Frame hits the NIC', 'checked, given an RX queue'], kind: 'hw' },
      { lines: ['DMA to the RX ring', 'buffer in host memory'], kind: 'hw' },
      { lines: ['Interrupt (IRQ)', 'hard IRQ, kept very short'] },
      { lines: ['NAPI scheduled', 'driver masks its IRQ'] },
      { lines: ['softirq: driver poll', 'up to budget packets'] },
      { lines: ['XDP native', 'XDP_PASS continues ↓'], kind: 'xdp' },
      { lines: ['SKB allocation', 'build_skb() on the buffer'] },
      { lines: ['GRO', 'skipped under generic XDP'] },
      { lines: ['RPS', 'may move to another CPU'] },
    ],
    verdicts: [
      { lines: ['XDP_DROP', 'ABORTED also drops'], kind: 'drop' },
      { lines: ['XDP_TX', 'back out the same NIC'] },
      { lines: ['XDP_REDIRECT', 'other NIC, CPU, AF_XDP'] },
    ],
    stack: [
      { lines: ['XDP generic', 'on the SKB, if attached'], kind: 'xdp' },
      { lines: ['Packet taps', 'tcpdump, AF_PACKET'] },
      { lines: ['tc ingress', 'clsact / tcx programs'], kind: 'hook' },
      { lines: ['netfilter PREROUTING', 'nftables, iptables'], kind: 'hook' },
      { lines: ['Routing decision', 'this host, or forward'] },
      { lines: ['netfilter INPUT', 'for local delivery'], kind: 'hook' },
      { lines: ['TCP / UDP', 'tcp_v4_rcv(), udp_rcv()'] },
      { lines: ['Socket receive queue', 'data waits for the app'] },
      { lines: ['Application wakes', 'recvmsg() returns'] },
    ],
    legend: { hook: 'BPF / netfilter hook', xdp: 'XDP hook' },
    softirqNote: ['From the poll up to the', 'socket queue, all of this', 'runs in NET_RX softirq'],
    text: [
      'A frame arrives on the wire. The NIC checks it and chooses a receive (RX) queue, for example by hashing the flow (RSS).',
      'The NIC writes the frame by DMA into a buffer in host memory that the driver posted in the RX descriptor ring, and marks the descriptor as done.',
      'The NIC raises a hardware interrupt. The driver\'s interrupt handler does almost nothing: it masks further interrupts for that queue itself (napi_schedule() does not) and calls napi_schedule(), which raises the NET_RX softirq.',
      'In softirq context the driver\'s NAPI poll function walks the ring and processes up to a budget of packets (64 per poll by default) before giving the CPU back.',
      'Native XDP runs here, on the raw buffer, for each packet. XDP_DROP and XDP_ABORTED free the buffer, XDP_TX sends it back out the same NIC, and XDP_REDIRECT sends it to another interface, another CPU or an AF_XDP socket. None of these ever allocate a socket buffer (SKB).',
      'Only for XDP_PASS (or when no XDP program is attached) does the driver build an SKB around the buffer, usually with build_skb() or napi_build_skb().',
      'GRO (generic receive offload) merges consecutive segments of the same flow into one larger SKB, except while a generic XDP program is attached to the device: then netif_elide_gro() skips it, so that the program sees each packet as it arrived (attaching one also switches off LRO and hardware GRO). RPS (receive packet steering) can then hand the SKB to another CPU\'s backlog queue.',
      'In __netif_receive_skb_core, generic XDP runs if a program was attached in generic (SKB) mode. It sees the packet after the SKB allocation and RPS have already been paid for; GRO was skipped for it.',
      'Packet taps deliver a copy to AF_PACKET sockets such as tcpdump. Packets dropped by XDP, native or generic, never reach this point, which is why tcpdump does not show them.',
      'tc ingress runs clsact or tcx BPF programs on the SKB, then IP receive runs the netfilter PREROUTING hook, the routing decision (local delivery or forwarding), and for local packets the netfilter INPUT hook.',
      'TCP or UDP (tcp_v4_rcv, udp_rcv) finds the socket, appends the data to its receive queue, and wakes the application blocked in recvmsg() or epoll.',
    ],
  },
  ko: {
    title: '패킷 수신 경로',
    desc: '링크에서 NIC, DMA, RX 링, 인터럽트, NAPI 폴링을 지나 네이티브 XDP, SKB 할당, GRO(제네릭 XDP 프로그램이 붙어 있으면 건너뜀), RPS, 제네릭 XDP, tc, netfilter, 라우팅, TCP/UDP, 소켓까지 가는 경로입니다.',
    caption: '수신 패킷 하나의 여정입니다. 네이티브 XDP는 SKB 할당 전에 실행되므로 DROP, TX, REDIRECT는 그 비용을 치르지 않고, 그 뒤의 모든 훅은 SKB 위에서 동작합니다.',
    headings: { driver: '드라이버와 NAPI', verdicts: 'SKB 없이 빠져나감', stack: '코어 네트워크 스택' },
    driver: [
      { lines: ['NIC에 프레임 도착', '검사 후 RX 큐 선택'], kind: 'hw' },
      { lines: ['RX 링으로 DMA', '호스트 메모리의 버퍼'], kind: 'hw' },
      { lines: ['인터럽트(IRQ)', '아주 짧은 하드 IRQ'] },
      { lines: ['NAPI 스케줄', '드라이버가 IRQ를 막음'] },
      { lines: ['softirq: 드라이버 폴링', '최대 budget개 처리'] },
      { lines: ['네이티브 XDP', 'XDP_PASS면 아래로 ↓'], kind: 'xdp' },
      { lines: ['SKB 할당', '버퍼 위에 build_skb()'] },
      { lines: ['GRO', '제네릭 XDP가 있으면 건너뜀'] },
      { lines: ['RPS', '다른 CPU로 넘길 수 있음'] },
    ],
    verdicts: [
      { lines: ['XDP_DROP', 'ABORTED도 드롭'], kind: 'drop' },
      { lines: ['XDP_TX', '같은 NIC로 다시 송신'] },
      { lines: ['XDP_REDIRECT', '다른 NIC, CPU, AF_XDP'] },
    ],
    stack: [
      { lines: ['제네릭 XDP', '붙어 있으면 SKB 위에서'], kind: 'xdp' },
      { lines: ['패킷 탭', 'tcpdump, AF_PACKET'] },
      { lines: ['tc ingress', 'clsact / tcx 프로그램'], kind: 'hook' },
      { lines: ['netfilter PREROUTING', 'nftables, iptables'], kind: 'hook' },
      { lines: ['라우팅 결정', '이 호스트 또는 포워딩'] },
      { lines: ['netfilter INPUT', '로컬 전달 패킷'], kind: 'hook' },
      { lines: ['TCP / UDP', 'tcp_v4_rcv(), udp_rcv()'] },
      { lines: ['소켓 수신 큐', '앱이 읽기를 기다림'] },
      { lines: ['애플리케이션 깨움', 'recvmsg() 반환'] },
    ],
    legend: { hook: 'BPF / netfilter 훅', xdp: 'XDP 훅' },
    softirqNote: ['폴링부터 소켓 큐까지', '모두 NET_RX softirq', '문맥에서 실행됩니다'],
    text: [
      '프레임이 링크를 타고 NIC에 도착합니다. NIC는 프레임을 검사하고, 예를 들어 흐름을 해시(RSS)해서 수신(RX) 큐를 고릅니다.',
      'NIC는 드라이버가 RX 디스크립터 링에 걸어 둔 호스트 메모리 버퍼에 DMA로 프레임을 쓰고, 해당 디스크립터를 완료로 표시합니다.',
      'NIC가 하드웨어 인터럽트를 올립니다. 드라이버의 인터럽트 핸들러는 거의 아무것도 하지 않습니다. 그 큐의 인터럽트를 직접 막고(napi_schedule()가 막아 주지는 않습니다) napi_schedule()을 호출하면, 이 함수가 NET_RX softirq를 발생시킵니다.',
      'softirq 문맥에서 드라이버의 NAPI poll 함수가 링을 돌며 budget(기본 폴링당 64개)만큼 패킷을 처리하고 CPU를 돌려줍니다.',
      '네이티브 XDP는 여기서 패킷마다 원시 버퍼 위에서 실행됩니다. XDP_DROP과 XDP_ABORTED는 버퍼를 해제하고, XDP_TX는 같은 NIC로 되돌려 보내며, XDP_REDIRECT는 다른 인터페이스, 다른 CPU, AF_XDP 소켓으로 보냅니다. 어느 경우에도 소켓 버퍼(SKB)는 할당되지 않습니다.',
      'XDP_PASS일 때(또는 XDP 프로그램이 없을 때)만 드라이버가 보통 build_skb()나 napi_build_skb()로 버퍼를 감싸는 SKB를 만듭니다.',
      'GRO(generic receive offload)는 같은 흐름의 연속된 세그먼트를 큰 SKB 하나로 합칩니다. 단, 장치에 제네릭 XDP 프로그램이 붙어 있는 동안에는 netif_elide_gro()가 GRO를 건너뛰어 프로그램이 도착한 그대로의 패킷을 보게 합니다(프로그램을 붙이면 LRO와 하드웨어 GRO도 꺼집니다). 이어서 RPS(receive packet steering)가 SKB를 다른 CPU의 backlog 큐로 넘길 수 있습니다.',
      '__netif_receive_skb_core에서는 제네릭(SKB) 모드로 붙인 프로그램이 있으면 제네릭 XDP가 실행됩니다. 이때는 SKB 할당과 RPS 비용을 이미 치른 뒤이고, GRO는 건너뛴 상태입니다.',
      '패킷 탭은 tcpdump 같은 AF_PACKET 소켓에 사본을 전달합니다. 네이티브든 제네릭이든 XDP에서 드롭된 패킷은 여기까지 오지 않으므로 tcpdump에 보이지 않습니다.',
      'tc ingress가 SKB에 clsact나 tcx BPF 프로그램을 실행하고, 이어서 IP 수신 단계에서 netfilter PREROUTING 훅, 라우팅 결정(로컬 전달 또는 포워딩), 로컬 패킷이면 netfilter INPUT 훅을 거칩니다.',
      'TCP나 UDP(tcp_v4_rcv, udp_rcv)가 소켓을 찾아 수신 큐에 데이터를 붙이고, recvmsg()나 epoll에서 기다리던 애플리케이션을 깨웁니다.',
    ],
  },
};
