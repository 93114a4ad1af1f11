import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

export interface XdpActionsLabels extends FigureText {
  arrives: readonly string[];
  program: readonly string[];
  context: string;
  /** Detail lines per verdict, in enum order: ABORTED, DROP, PASS, TX, REDIRECT. */
  verdicts: readonly (readonly [string, string])[];
}

export const labels: Localized<XdpActionsLabels> = {
  en: {
    title: 'The five XDP verdicts',
    desc: 'A packet from the driver enters the XDP program; the value it returns decides whether the packet is dropped, passed to the kernel stack, sent back out, or redirected.',
    caption: 'An XDP program returns one value of enum xdp_action; the driver acts on it before any socket buffer exists.',
    arrives: ['Packet arrives', 'in the RX ring'],
    program: ['XDP program', 'runs once per packet'],
    context: 'ctx: struct xdp_md *',
    verdicts: [
      ['dropped as a program error', 'tracepoint xdp:xdp_exception fires'],
      ['dropped in the driver', 'no SKB is built, tcpdump sees nothing'],
      ['continues into the kernel stack', 'SKB built, then tc, IP, sockets'],
      ['sent back out the same interface', 'usually after swapping MACs'],
      ['to another interface, another CPU', '(cpumap) or an AF_XDP socket'],
    ],
    text: [
      'A packet arrives in the receive ring of the network driver, and the driver runs the attached XDP program on it, passing a struct xdp_md context that points at the packet bytes.',
      'XDP_ABORTED (0): the packet is dropped and the tracepoint xdp:xdp_exception fires, so a program error can be traced. Use it for "this should not happen" paths, not for deliberate drops.',
      'XDP_DROP (1): the packet is dropped right in the driver. No socket buffer is allocated, and tools such as tcpdump never see the packet.',
      'XDP_PASS (2): the packet continues into the normal kernel network stack: a socket buffer (SKB) is built and the packet goes through tc, netfilter, IP routing and on to sockets.',
      'XDP_TX (3): the packet, possibly rewritten, is transmitted back out of the same interface it arrived on.',
      'XDP_REDIRECT (4): the packet is sent to another network interface, to another CPU through a cpumap, or to a user-space AF_XDP socket, as chosen by bpf_redirect() or bpf_redirect_map().',
    ],
  },
  ko: {
    title: 'XDP의 다섯 가지 액션',
    desc: '드라이버에서 올라온 패킷이 XDP 프로그램에 들어가고, 프로그램의 반환값에 따라 드롭, 커널 스택으로 통과, 같은 인터페이스로 되돌려 보내기, 다른 곳으로 리다이렉트 중 하나가 정해집니다.',
    caption: 'XDP 프로그램은 enum xdp_action 값 하나를 반환하고, 드라이버는 소켓 버퍼가 만들어지기 전에 그 값대로 패킷을 처리합니다.',
    arrives: ['패킷 도착', 'RX 링'],
    program: ['XDP 프로그램', '패킷마다 한 번 실행'],
    context: 'ctx: struct xdp_md *',
    verdicts: [
      ['프로그램 오류로 보고 드롭', 'xdp:xdp_exception 트레이스포인트 발생'],
      ['드라이버에서 바로 드롭', 'SKB를 만들지 않아 tcpdump에도 안 보임'],
      ['커널 네트워크 스택으로 진행', 'SKB 생성 후 tc, IP, 소켓으로'],
      ['받은 인터페이스로 다시 송신', '보통 MAC 주소를 맞바꾼 뒤'],
      ['다른 인터페이스, 다른 CPU(cpumap)', '또는 AF_XDP 소켓으로 전달'],
    ],
    text: [
      '패킷이 네트워크 드라이버의 수신 링에 도착하면, 드라이버는 연결된 XDP 프로그램을 실행하고 패킷 바이트를 가리키는 struct xdp_md 컨텍스트를 넘겨줍니다.',
      'XDP_ABORTED (0): 패킷을 드롭하고 xdp:xdp_exception 트레이스포인트를 발생시켜 프로그램 오류를 추적할 수 있게 합니다. 의도한 드롭이 아니라 "일어나면 안 되는" 경로에 씁니다.',
      'XDP_DROP (1): 드라이버 안에서 바로 패킷을 드롭합니다. 소켓 버퍼를 할당하지 않으며, tcpdump 같은 도구에도 패킷이 보이지 않습니다.',
      'XDP_PASS (2): 패킷이 평소의 커널 네트워크 스택으로 이어집니다. 소켓 버퍼(SKB)가 만들어지고 tc, netfilter, IP 라우팅을 거쳐 소켓까지 갑니다.',
      'XDP_TX (3): 패킷을 (필요하면 고쳐 쓴 뒤) 들어온 인터페이스로 다시 내보냅니다.',
      'XDP_REDIRECT (4): bpf_redirect()나 bpf_redirect_map()이 고른 대상, 즉 다른 네트워크 인터페이스, cpumap을 통한 다른 CPU, 또는 사용자 공간의 AF_XDP 소켓으로 패킷을 보냅니다.',
    ],
  },
};
