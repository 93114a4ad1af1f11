import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

type Two = readonly [string, string];

export interface NicRingNapiLabels extends FigureText {
  nic: Two;
  ring: Two;
  head: string;
  tail: string;
  hostMemory: string;
  buffer: string;
  frame: (n: number) => string;
  dma: string;
  irq: string;
  done: string;
  irqHandler: Two;
  poll: readonly [string, string, string];
  skb: Two;
  complete: Two;
  legend: { filled: string; free: string };
}

export const labels: Localized<NicRingNapiLabels> = {
  en: {
    title: 'NIC, RX descriptor ring and NAPI polling',
    desc: 'The NIC writes frames by DMA into host-memory buffers named by descriptors in a circular RX ring, raises an interrupt, and the NAPI poll loop takes the completed descriptors, up to a budget, and builds SKBs around the buffers.',
    caption: 'The RX ring is shared by NIC and driver: the driver posts empty buffers by writing the tail, the NIC fills descriptors at its head, and the driver cleans done descriptors at its own index in a NAPI poll, then re-enables the interrupt.',
    nic: ['NIC', 'RX queue'],
    ring: ['RX descriptor', 'ring'],
    head: 'head: NIC fills next',
    tail: 'driver cleans next (own index)',
    hostMemory: 'Host memory',
    buffer: 'buffer',
    frame: (n) => `frame ${n}, via DMA`,
    dma: 'DMA',
    irq: 'IRQ',
    done: 'done descriptors',
    irqHandler: ['IRQ handler', 'napi_schedule()'],
    poll: ['NAPI poll (softirq)', 'each done descriptor: XDP', 'up to budget (64) a round'],
    skb: ['SKB on the buffer', 'build_skb(), then GRO'],
    complete: ['napi_complete_done()', 'ring drained: IRQ back on'],
    legend: { filled: 'descriptor holding a frame', free: 'free descriptor, empty buffer' },
    text: [
      'The driver allocates packet buffers in host memory and posts them in the RX descriptor ring, a circular array in which each descriptor holds the address of one buffer, by writing the ring\'s tail register: everything up to the tail belongs to the NIC.',
      'When a frame arrives, the NIC takes the descriptor at the head of the ring, writes the frame by DMA into that descriptor\'s buffer, and marks the descriptor as done. The CPU copies nothing.',
      'The NIC then raises an interrupt (IRQ). The driver\'s handler masks the queue\'s interrupt itself and calls napi_schedule(), which only raises the NET_RX softirq; napi_schedule() does not touch the interrupt.',
      'In the softirq, the driver\'s NAPI poll function takes done descriptors in order, starting at an index it keeps for itself (next_to_clean in many drivers), not at a register the NIC sees. For each one it runs the XDP program, if any, on the buffer, and, for XDP_PASS, builds an SKB around the same buffer (build_skb), hands it to GRO and the stack, and refills the slot with a fresh buffer, handing refilled slots back to the NIC by moving the tail.',
      'One poll handles at most the budget (64 packets by default; net.core.netdev_budget caps a whole softirq round). If the budget is used up, the poll is simply called again later, with the interrupt still off, so a busy NIC is served by polling instead of one interrupt per packet.',
      'When the ring is drained before the budget is used up, the driver calls napi_complete_done() and re-enables the interrupt, and the cycle starts again with the next frame.',
    ],
  },
  ko: {
    title: 'NIC, RX 디스크립터 링, NAPI 폴링',
    desc: 'NIC가 원형 RX 링의 디스크립터가 가리키는 호스트 메모리 버퍼에 DMA로 프레임을 쓰고 인터럽트를 올리면, NAPI 폴링 루프가 완료된 디스크립터를 budget만큼 가져와 버퍼 위에 SKB를 만듭니다.',
    caption: 'RX 링은 NIC와 드라이버가 함께 씁니다. 드라이버는 tail을 써서 빈 버퍼를 내주고, NIC는 자기 head에서 디스크립터를 채우며, 드라이버는 NAPI 폴링에서 자기 인덱스부터 완료된 디스크립터를 정리한 뒤 인터럽트를 다시 켭니다.',
    nic: ['NIC', 'RX 큐'],
    ring: ['RX 디스크립터', '링'],
    head: 'head: NIC가 다음에 채움',
    tail: '드라이버가 다음에 정리(자체 인덱스)',
    hostMemory: '호스트 메모리',
    buffer: '버퍼',
    frame: (n) => `프레임 ${n}, DMA로 기록`,
    dma: 'DMA',
    irq: 'IRQ',
    done: '완료된 디스크립터',
    irqHandler: ['IRQ 핸들러', 'napi_schedule()'],
    poll: ['NAPI 폴링 (softirq)', '완료된 디스크립터마다 XDP', '라운드당 최대 budget(64)'],
    skb: ['버퍼 위의 SKB', 'build_skb() 후 GRO'],
    complete: ['napi_complete_done()', '링이 비면 IRQ 다시 켬'],
    legend: { filled: '프레임이 담긴 디스크립터', free: '빈 디스크립터(빈 버퍼)' },
    text: [
      '드라이버는 호스트 메모리에 패킷 버퍼를 할당해 RX 디스크립터 링에 걸어 두고, 링의 tail 레지스터를 써서 NIC에 알립니다. 링은 원형 배열이고 디스크립터 하나가 버퍼 하나의 주소를 담으며, tail 앞까지가 NIC 몫입니다.',
      '프레임이 도착하면 NIC는 링의 head에 있는 디스크립터를 골라 그 버퍼에 DMA로 프레임을 쓰고, 디스크립터를 완료로 표시합니다. CPU는 아무것도 복사하지 않습니다.',
      '이어서 NIC가 인터럽트(IRQ)를 올립니다. 드라이버의 핸들러가 그 큐의 인터럽트를 직접 막고 napi_schedule()을 호출합니다. napi_schedule()은 NET_RX softirq를 발생시킬 뿐 인터럽트는 건드리지 않습니다.',
      'softirq에서 드라이버의 NAPI poll 함수가 완료된 디스크립터를 차례로 가져옵니다. 시작점은 NIC가 보는 레지스터가 아니라 드라이버가 따로 들고 있는 인덱스(많은 드라이버에서 next_to_clean)입니다. 디스크립터마다 XDP 프로그램이 있으면 버퍼 위에서 실행하고, XDP_PASS면 같은 버퍼를 감싸는 SKB를 만들어(build_skb) GRO와 스택에 넘긴 뒤, 그 자리에 새 버퍼를 채워 넣고, tail을 옮겨 채운 자리를 NIC에 돌려줍니다.',
      '폴링 한 번은 최대 budget(기본 64개, softirq 한 라운드 전체는 net.core.netdev_budget이 제한)만 처리합니다. budget을 다 쓰면 인터럽트를 끈 채로 나중에 다시 폴링하므로, 바쁜 NIC는 패킷마다 인터럽트를 받는 대신 폴링으로 처리됩니다.',
      'budget을 다 쓰기 전에 링이 비면 드라이버는 napi_complete_done()을 호출해 인터럽트를 다시 켜고, 다음 프레임과 함께 같은 순환이 시작됩니다.',
    ],
  },
};
