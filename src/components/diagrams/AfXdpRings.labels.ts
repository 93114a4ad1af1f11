import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

type Two = readonly [string, string];

export interface AfXdpRingsLabels extends FigureText {
  kernel: Two;
  user: Two;
  umem: string;
  chunk: string;
  rings: { fill: Two; rx: Two; tx: Two; completion: Two };
  receive: string;
  transmit: string;
}

export const labels: Localized<AfXdpRingsLabels> = {
  en: {
    title: "AF_XDP: the UMEM and the socket's four rings",
    desc: 'A user-space program shares one memory area, the UMEM, with the kernel. Four single-producer rings carry frame addresses: fill and TX from user space to the kernel, RX and completion from the kernel to user space.',
    caption: 'The frames stay in the UMEM; only their addresses travel through the rings. Fill then RX receive a frame, TX then completion send one.',
    kernel: ['Kernel: driver and XDP program', 'bpf_redirect_map(&xsks, rx_queue_index, …)'],
    user: ['Your program', 'owns the UMEM, polls the rings'],
    umem: 'UMEM: one user-space area, split into equal frames',
    chunk: 'frame',
    rings: {
      fill: ['Fill ring', 'free frames to fill'],
      rx: ['RX ring', 'addr + len received'],
      tx: ['TX ring', 'addr + len to send'],
      completion: ['Completion ring', 'frames sent, reusable'],
    },
    receive: 'receive',
    transmit: 'transmit',
    text: [
      'The program allocates the UMEM, one area of its own memory divided into frames of equal size (2 KiB or 4 KiB), and registers it with an AF_XDP socket. Packet bytes are only ever written into these frames.',
      'Fill ring (user space → kernel): the program gives the kernel the addresses of free frames it may receive into.',
      'RX ring (kernel → user space): for each frame an XDP program redirected into the socket through an XSKMAP, the kernel writes the packet into a frame taken from the fill ring and posts its address and length here.',
      'TX ring (user space → kernel): the program writes a packet into a frame and posts its address and length to send it.',
      'Completion ring (kernel → user space): once a frame has been sent, the kernel returns its address here, and the program may reuse the frame.',
      'Each ring has a single producer and a single consumer, so neither side takes a lock. In copy mode the kernel copies each packet into the UMEM; in zero-copy mode (a driver with XSK zero-copy support) the NIC writes into the UMEM frames by DMA.',
    ],
  },
  ko: {
    title: 'AF_XDP: UMEM과 소켓의 링 네 개',
    desc: '사용자 공간 프로그램은 UMEM이라는 메모리 영역 하나를 커널과 나눠 씁니다. 생산자가 하나뿐인 링 네 개가 프레임 주소를 나릅니다. fill과 TX는 사용자 공간에서 커널로, RX와 completion은 커널에서 사용자 공간으로 갑니다.',
    caption: '프레임은 UMEM에 머물고, 링으로는 주소만 오갑니다. fill 다음 RX가 프레임 하나를 받고, TX 다음 completion이 하나를 보냅니다.',
    kernel: ['커널: 드라이버와 XDP 프로그램', 'bpf_redirect_map(&xsks, rx_queue_index, …)'],
    user: ['사용자 프로그램', 'UMEM을 소유하고 링을 폴링'],
    umem: 'UMEM: 같은 크기의 프레임으로 나눈 사용자 공간 영역 하나',
    chunk: '프레임',
    rings: {
      fill: ['Fill 링', '채워 줄 빈 프레임'],
      rx: ['RX 링', '받은 addr + len'],
      tx: ['TX 링', '보낼 addr + len'],
      completion: ['Completion 링', '보낸 프레임, 재사용'],
    },
    receive: '수신',
    transmit: '송신',
    text: [
      '프로그램은 자기 메모리의 한 영역을 같은 크기(2 KiB나 4 KiB)의 프레임으로 나눈 UMEM을 할당해 AF_XDP 소켓에 등록합니다. 패킷 바이트는 언제나 이 프레임 안에만 쓰입니다.',
      'Fill 링(사용자 공간 → 커널): 프로그램이 받을 때 써도 되는 빈 프레임의 주소를 커널에 건넵니다.',
      'RX 링(커널 → 사용자 공간): XDP 프로그램이 XSKMAP을 거쳐 소켓으로 리다이렉트한 프레임마다, 커널이 fill 링에서 꺼낸 프레임에 패킷을 쓰고 그 주소와 길이를 여기에 올립니다.',
      'TX 링(사용자 공간 → 커널): 프로그램이 프레임에 패킷을 쓰고, 그 주소와 길이를 올려 보냅니다.',
      'Completion 링(커널 → 사용자 공간): 프레임을 다 보내면 커널이 그 주소를 여기로 돌려주고, 프로그램은 그 프레임을 다시 쓸 수 있습니다.',
      '링마다 생산자와 소비자가 하나씩뿐이라 어느 쪽도 락을 잡지 않습니다. 복사 모드에서는 커널이 패킷을 UMEM으로 복사하고, 제로 카피 모드(XSK 제로 카피를 지원하는 드라이버)에서는 NIC가 UMEM 프레임에 직접 DMA로 씁니다.',
    ],
  },
};
