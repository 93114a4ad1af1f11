import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

export interface Hook {
  lines: readonly [string, string];
  xdp?: boolean;
}

export interface Layer {
  lines: readonly [string, string];
  hooks: readonly Hook[];
}

export interface NetworkStackLabels extends FigureText {
  bands: { user: string; kernel: string; hardware: string };
  hooksHeading: string;
  legend: { hook: string; xdp: string };
  /** Top to bottom: the application first, the NIC last. */
  user: Layer;
  kernel: readonly Layer[];
  hardware: Layer;
}

export const labels: Localized<NetworkStackLabels> = {
  en: {
    title: 'The Linux network stack and its BPF hooks',
    desc: 'Layers from the NIC hardware up to the application, with the BPF program types that attach at each layer; XDP is the lowest hook, in the driver.',
    caption: 'Each layer of the stack offers its own BPF hook. The lower the hook, the less work the kernel has done on a packet when your program sees it.',
    bands: { user: 'User space', kernel: 'Kernel', hardware: 'Hardware' },
    hooksHeading: 'Where BPF programs attach',
    legend: { hook: 'BPF hook', xdp: 'XDP hook' },
    user: { lines: ['Application', 'ping, curl, nginx, your loader'], hooks: [] },
    kernel: [
      { lines: ['System calls', 'socket(), connect(), recvmsg()'], hooks: [{ lines: ['cgroup sock_addr', 'connect4/6, bind4/6, sendmsg'] }] },
      {
        lines: ['Sockets', 'send and receive queues'],
        hooks: [{ lines: ['socket filter', 'SO_ATTACH_BPF'] }, { lines: ['cgroup_skb', 'ingress, egress'] }],
      },
      { lines: ['TCP / UDP', 'ports, connections, retransmits'], hooks: [{ lines: ['sock_ops', 'TCP events per cgroup'] }] },
      { lines: ['IP routing', 'deliver locally or forward'], hooks: [] },
      { lines: ['netfilter', 'nftables / iptables hooks'], hooks: [{ lines: ['BPF netfilter program', 'Linux 6.4 and later'] }] },
      { lines: ['Traffic control (tc)', 'qdiscs, clsact ingress/egress'], hooks: [{ lines: ['tc BPF (sched_cls)', 'clsact, or tcx since 6.6'] }] },
      { lines: ['Device core', 'GRO, RPS, taps (tcpdump)'], hooks: [{ lines: ['XDP generic', 'runs after the SKB is built'], xdp: true }] },
      { lines: ['Driver', 'NAPI poll, RX/TX rings'], hooks: [{ lines: ['XDP native', 'runs before any SKB exists'], xdp: true }] },
    ],
    hardware: { lines: ['NIC hardware', 'queues, DMA into host memory'], hooks: [{ lines: ['XDP offload', 'runs on the NIC itself (rare)'], xdp: true }] },
    text: [
      'User space: the application (ping, curl, a web server, or the lab loader) talks to the kernel only through system calls.',
      'System calls (socket, connect, sendmsg, recvmsg): cgroup sock_addr programs (cgroup/connect4, connect6, bind4, bind6, sendmsg) run here and can allow, deny or rewrite the address.',
      'Sockets: a socket filter (attached with setsockopt SO_ATTACH_BPF) decides which packets a single socket receives; cgroup_skb programs see the packets of every socket in a cgroup on ingress and egress.',
      'TCP / UDP: sock_ops programs are called on TCP events (connection established, retransmit, RTT) for sockets in a cgroup.',
      'IP routing decides whether a packet is for this host or must be forwarded. It has no program type of its own in this picture; a BPF program can consult the routing table with the bpf_fib_lookup() helper.',
      'netfilter (nftables, iptables): since Linux 6.4 a BPF program of type netfilter can be attached at a netfilter hook such as PREROUTING or INPUT.',
      'Traffic control (tc): BPF classifier programs attach to the clsact qdisc on ingress and egress, or, since Linux 6.6, through tcx links. They see a full socket buffer (SKB).',
      'Device core (GRO, RPS, packet taps used by tcpdump): generic XDP runs here, after the SKB has been allocated. It works with any driver but pays for the SKB first.',
      'Driver (NAPI poll over the RX and TX rings): native XDP runs here, on the raw buffer, before any SKB exists. This is the earliest point software can see a packet.',
      'NIC hardware: a few NICs can run an XDP program themselves (offload mode), so packets never reach the host CPU at all.',
      'Received packets travel up this picture, from the NIC to the application; sent packets travel down.',
    ],
  },
  ko: {
    title: '리눅스 네트워크 스택과 BPF 훅',
    desc: 'NIC 하드웨어부터 애플리케이션까지의 계층과, 각 계층에 붙는 BPF 프로그램 타입을 보여 줍니다. XDP는 드라이버 안의 가장 낮은 훅입니다.',
    caption: '스택의 계층마다 고유한 BPF 훅이 있습니다. 훅이 낮을수록 프로그램이 패킷을 볼 때까지 커널이 한 일이 적습니다.',
    bands: { user: '사용자 공간', kernel: '커널', hardware: '하드웨어' },
    hooksHeading: 'BPF 프로그램이 붙는 곳',
    legend: { hook: 'BPF 훅', xdp: 'XDP 훅' },
    user: { lines: ['애플리케이션', 'ping, curl, nginx, 로더'], hooks: [] },
    kernel: [
      { lines: ['시스템 콜', 'socket(), connect(), recvmsg()'], hooks: [{ lines: ['cgroup sock_addr', 'connect4/6, bind4/6, sendmsg'] }] },
      {
        lines: ['소켓', '송신 큐와 수신 큐'],
        hooks: [{ lines: ['소켓 필터', 'SO_ATTACH_BPF'] }, { lines: ['cgroup_skb', 'ingress, egress'] }],
      },
      { lines: ['TCP / UDP', '포트, 연결, 재전송'], hooks: [{ lines: ['sock_ops', 'cgroup별 TCP 이벤트'] }] },
      { lines: ['IP 라우팅', '로컬 전달 또는 포워딩'], hooks: [] },
      { lines: ['netfilter', 'nftables / iptables 훅'], hooks: [{ lines: ['BPF netfilter 프로그램', '리눅스 6.4 이상'] }] },
      { lines: ['트래픽 제어(tc)', 'qdisc, clsact ingress/egress'], hooks: [{ lines: ['tc BPF (sched_cls)', 'clsact, 6.6부터 tcx'] }] },
      { lines: ['장치 코어', 'GRO, RPS, 탭(tcpdump)'], hooks: [{ lines: ['제네릭 XDP', 'SKB를 만든 뒤 실행'], xdp: true }] },
      { lines: ['드라이버', 'NAPI 폴링, RX/TX 링'], hooks: [{ lines: ['네이티브 XDP', 'SKB가 생기기 전에 실행'], xdp: true }] },
    ],
    hardware: { lines: ['NIC 하드웨어', '큐, 호스트 메모리로 DMA'], hooks: [{ lines: ['오프로드 XDP', 'NIC에서 직접 실행(드묾)'], xdp: true }] },
    text: [
      '사용자 공간: 애플리케이션(ping, curl, 웹 서버, 실습 로더)은 시스템 콜을 통해서만 커널과 통신합니다.',
      '시스템 콜(socket, connect, sendmsg, recvmsg): cgroup sock_addr 프로그램(cgroup/connect4, connect6, bind4, bind6, sendmsg)이 여기서 실행되어 주소를 허용, 거부하거나 바꿀 수 있습니다.',
      '소켓: 소켓 필터(setsockopt SO_ATTACH_BPF로 연결)는 소켓 하나가 받을 패킷을 고르고, cgroup_skb 프로그램은 cgroup에 속한 모든 소켓의 수신(ingress)·송신(egress) 패킷을 봅니다.',
      'TCP / UDP: sock_ops 프로그램은 cgroup에 속한 소켓의 TCP 이벤트(연결 수립, 재전송, RTT 등)마다 호출됩니다.',
      'IP 라우팅은 패킷이 이 호스트로 온 것인지, 다른 곳으로 포워딩할 것인지 정합니다. 이 그림에 이 계층 전용 프로그램 타입은 없으며, BPF 프로그램은 bpf_fib_lookup() 헬퍼로 라우팅 테이블을 조회할 수 있습니다.',
      'netfilter(nftables, iptables): 리눅스 6.4부터 netfilter 타입의 BPF 프로그램을 PREROUTING, INPUT 같은 netfilter 훅에 붙일 수 있습니다.',
      '트래픽 제어(tc): BPF 분류기(classifier) 프로그램은 clsact qdisc의 ingress와 egress에 붙고, 리눅스 6.6부터는 tcx 링크로도 붙습니다. 이 단계에서는 완전한 소켓 버퍼(SKB)를 봅니다.',
      '장치 코어(GRO, RPS, tcpdump가 쓰는 패킷 탭): 제네릭 XDP가 여기서 실행됩니다. SKB를 할당한 뒤이므로 어떤 드라이버에서도 동작하지만 SKB 비용을 먼저 치릅니다.',
      '드라이버(RX/TX 링을 도는 NAPI 폴링): 네이티브 XDP가 SKB가 생기기 전, 원시 버퍼 위에서 실행됩니다. 소프트웨어가 패킷을 볼 수 있는 가장 이른 지점입니다.',
      'NIC 하드웨어: 일부 NIC는 XDP 프로그램을 직접 실행할 수 있어(오프로드 모드), 패킷이 호스트 CPU에 전혀 도달하지 않습니다.',
      '수신 패킷은 그림의 아래(NIC)에서 위(애플리케이션)로, 송신 패킷은 위에서 아래로 이동합니다.',
    ],
  },
};
