import type { BoxKind } from './Box.astro';
import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

type Two = readonly [string, string];

export interface Column {
  heading: Two;
  steps: readonly { lines: Two; kind?: BoxKind }[];
  /** Where DROP, TX and REDIRECT leave, drawn beside the XDP step. */
  exit: readonly string[];
}

export interface NativeVsGenericLabels extends FigureText {
  native: Column;
  generic: Column;
  offload: Two;
}

export const labels: Localized<NativeVsGenericLabels> = {
  en: {
    title: 'Native XDP and generic XDP',
    desc: 'Side by side: native XDP runs in the driver before the SKB is allocated; generic XDP runs after SKB allocation and RPS, with GRO skipped while it is attached, so it pays for the SKB even for packets it drops.',
    caption: 'Same program, two places. In native mode the verdict comes before the SKB; in generic mode every packet has already paid for one. Offload mode runs it on the NIC.',
    native: {
      heading: ['Native XDP (driver mode)', 'the driver must support it'],
      steps: [
        { lines: ['NIC → RX ring', 'DMA into host memory'], kind: 'hw' },
        { lines: ['Driver NAPI poll', 'softirq'] },
        { lines: ['XDP program', 'on the raw buffer'], kind: 'xdp' },
        { lines: ['SKB allocation', 'only for XDP_PASS'] },
        { lines: ['GRO, RPS', 'merge, steer to a CPU'] },
        { lines: ['Network stack', 'tc, netfilter, IP, sockets'] },
      ],
      exit: ['not PASS', 'DROP, TX,', 'REDIRECT:', 'no SKB'],
    },
    generic: {
      heading: ['Generic XDP (SKB mode)', 'any device, e.g. lo; slower'],
      steps: [
        { lines: ['NIC → RX ring', 'DMA into host memory'], kind: 'hw' },
        { lines: ['Driver NAPI poll', 'softirq'] },
        { lines: ['SKB allocation', 'for every packet, first'] },
        { lines: ['RPS, no GRO', 'GRO skipped while attached'] },
        { lines: ['XDP program', 'on the SKB\'s data'], kind: 'xdp' },
        { lines: ['Network stack', 'tc, netfilter, IP, sockets'] },
      ],
      exit: ['not PASS', 'DROP, TX,', 'REDIRECT:', 'SKB wasted'],
    },
    offload: ['Offloaded XDP (hw mode)', 'The program runs on the NIC itself; only a few SmartNICs (Netronome nfp) support it.'],
    text: [
      'Native XDP (driver mode, xdpdrv): the driver\'s NAPI poll runs the program on the raw receive buffer, right after the NIC has written the frame by DMA. Only for XDP_PASS is a socket buffer (SKB) allocated and the packet handed to GRO, RPS and the rest of the stack. XDP_DROP, XDP_TX and XDP_REDIRECT leave before any SKB exists. The driver must implement XDP; veth, virtio_net, mlx5, i40e, ice and ixgbe do.',
      'Generic XDP (SKB mode, xdpgeneric): the driver first allocates an SKB for every packet as usual, RPS may steer it to another CPU, and only then, in __netif_receive_skb_core, the same program runs on the SKB\'s data. GRO is skipped while a generic program is attached (netif_elide_gro() in the kernel), so the program sees every packet as it arrived, never a merged one; attaching it also switches off LRO and hardware GRO on the device. It works on any device, including lo, which has no native XDP, but a dropped packet has already cost an SKB allocation, so it is much slower. Use it for development and testing.',
      'The verdicts mean the same in both modes; the program does not change. When a program is attached without naming a mode, the kernel uses native mode if the driver supports it and falls back to generic mode otherwise.',
      'Offloaded XDP (hw mode, xdpoffload): a few SmartNICs, such as Netronome\'s nfp, run the program on the NIC itself, so dropped packets never reach host memory.',
    ],
  },
  ko: {
    title: '네이티브 XDP와 제네릭 XDP',
    desc: '네이티브 XDP는 SKB 할당 전 드라이버 안에서, 제네릭 XDP는 SKB 할당과 RPS 뒤에(붙어 있는 동안 GRO는 건너뜀) 실행되어 드롭할 패킷에도 SKB 비용을 치른다는 점을 나란히 보여 줍니다.',
    caption: '같은 프로그램, 다른 실행 위치. 네이티브 모드는 SKB를 만들기 전에 액션을 정하고, 제네릭 모드에서는 모든 패킷이 이미 SKB 비용을 치른 뒤입니다. 오프로드 모드는 NIC에서 실행됩니다.',
    native: {
      heading: ['네이티브 XDP (드라이버 모드)', '드라이버가 지원해야 함'],
      steps: [
        { lines: ['NIC → RX 링', '호스트 메모리로 DMA'], kind: 'hw' },
        { lines: ['드라이버 NAPI 폴링', 'softirq'] },
        { lines: ['XDP 프로그램', '원시 버퍼 위에서'], kind: 'xdp' },
        { lines: ['SKB 할당', 'XDP_PASS일 때만'] },
        { lines: ['GRO, RPS', '병합, CPU 분산'] },
        { lines: ['네트워크 스택', 'tc, netfilter, IP, 소켓'] },
      ],
      exit: ['PASS 외', 'DROP, TX,', 'REDIRECT:', 'SKB 없음'],
    },
    generic: {
      heading: ['제네릭 XDP (SKB 모드)', 'lo 등 모든 장치, 더 느림'],
      steps: [
        { lines: ['NIC → RX 링', '호스트 메모리로 DMA'], kind: 'hw' },
        { lines: ['드라이버 NAPI 폴링', 'softirq'] },
        { lines: ['SKB 할당', '모든 패킷에 먼저'] },
        { lines: ['RPS, GRO 없음', '붙어 있는 동안 GRO 건너뜀'] },
        { lines: ['XDP 프로그램', 'SKB의 데이터 위에서'], kind: 'xdp' },
        { lines: ['네트워크 스택', 'tc, netfilter, IP, 소켓'] },
      ],
      exit: ['PASS 외', 'DROP, TX,', 'REDIRECT:', 'SKB 낭비'],
    },
    offload: ['오프로드 XDP (hw 모드)', '프로그램이 NIC 자체에서 실행됩니다. Netronome nfp 등 일부 SmartNIC만 지원합니다.'],
    text: [
      '네이티브 XDP(드라이버 모드, xdpdrv): NIC가 DMA로 프레임을 쓴 직후, 드라이버의 NAPI 폴링이 원시 수신 버퍼 위에서 프로그램을 실행합니다. XDP_PASS일 때만 소켓 버퍼(SKB)를 할당해 GRO, RPS, 나머지 스택으로 넘깁니다. XDP_DROP, XDP_TX, XDP_REDIRECT는 SKB가 생기기 전에 빠져나갑니다. 드라이버가 XDP를 구현해야 하며, veth, virtio_net, mlx5, i40e, ice, ixgbe 등이 지원합니다.',
      '제네릭 XDP(SKB 모드, xdpgeneric): 드라이버가 평소처럼 모든 패킷에 SKB를 먼저 할당하고, RPS가 다른 CPU로 넘길 수도 있으며, 그다음에야 __netif_receive_skb_core에서 같은 프로그램을 SKB의 데이터 위에서 실행합니다. 제네릭 프로그램이 붙어 있는 동안에는 GRO를 건너뛰므로(커널의 netif_elide_gro()) 프로그램은 병합된 패킷이 아니라 도착한 그대로의 패킷을 봅니다. 프로그램을 붙이면 그 장치의 LRO와 하드웨어 GRO도 꺼집니다. 네이티브 XDP가 없는 lo를 포함해 어떤 장치에서도 동작하지만, 드롭할 패킷도 이미 SKB 할당 비용을 치렀으므로 훨씬 느립니다. 개발과 테스트용으로 씁니다.',
      '액션 값의 의미는 두 모드에서 같고 프로그램도 바뀌지 않습니다. 모드를 지정하지 않고 프로그램을 붙이면, 커널은 드라이버가 지원하면 네이티브 모드를, 아니면 제네릭 모드를 씁니다.',
      '오프로드 XDP(hw 모드, xdpoffload): Netronome의 nfp 같은 일부 SmartNIC는 프로그램을 NIC 자체에서 실행하므로, 드롭된 패킷은 호스트 메모리에 닿지도 않습니다.',
    ],
  },
};
