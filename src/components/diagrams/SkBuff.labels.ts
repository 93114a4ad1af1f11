import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

type Two = readonly [string, string];

export interface SkBuffLabels extends FigureText {
  struct: string;
  otherFields: readonly [string, string];
  segments: { headroom: string; headers: readonly [string, string, string]; payload: string; tailroom: string; shared: string };
  notes: { headroom: Two; data: Two; tailroom: Two; shared: Two };
  xdpHeading: string;
}

export const labels: Localized<SkBuffLabels> = {
  en: {
    title: 'The linear buffer of struct sk_buff',
    desc: 'The sk_buff pointers head, data, tail and end mark headroom, packet data and tailroom in one buffer, followed by skb_shared_info; native XDP sees the same buffer through data_hard_start, data and data_end.',
    caption: 'An SKB is metadata pointing into one buffer. Moving data and tail adds or strips headers without copying; native XDP works on the same bytes before the SKB exists.',
    struct: 'struct sk_buff',
    otherFields: ['len, dev, …', 'sk, cb[], …'],
    segments: { headroom: 'headroom', headers: ['Eth', 'IP', 'TCP'], payload: 'payload', tailroom: 'tailroom', shared: 'skb_shared_info' },
    notes: {
      headroom: ['skb_push() adds', 'headers here'],
      data: ['len = tail − data', 'skb_pull() advances data'],
      tailroom: ['skb_put()', 'grows tail'],
      shared: ['frags[], GSO,', 'refcount'],
    },
    xdpHeading: 'Native XDP sees the same buffer as struct xdp_buff',
    text: [
      'struct sk_buff (the SKB) is metadata: length, device, protocol, socket and more. It does not hold the packet; four pointers in it point into one separately allocated buffer.',
      'head points at the start of the buffer. Between head and data is the headroom: free space in front of the packet, so that skb_push() can prepend a header (for example when a tunnel adds an outer header) without copying.',
      'data points at the first byte of the packet as the current layer sees it, and tail at the byte after its last one; len is tail minus data for this linear part. As the packet climbs the stack, skb_pull() moves data forward past the Ethernet, IP and TCP headers.',
      'Between tail and end is the tailroom, where skb_put() can append bytes.',
      'Right after end, in the same allocation, sits struct skb_shared_info: the array of extra page fragments (frags), GSO information and a reference count shared by clones.',
      'Native XDP runs before the SKB exists but on the same buffer, described by struct xdp_buff: data_hard_start is where head will be, data and data_end are the packet bounds (data and data_end in struct xdp_md). The driver reserves headroom in front, so bpf_xdp_adjust_head() can grow headers: XDP_PACKET_HEADROOM (256 bytes) in generic XDP and veth, a layout of its own (usually at least that) in a native driver. For XDP_PASS, build_skb() wraps this buffer without copying it.',
    ],
  },
  ko: {
    title: 'struct sk_buff의 선형 버퍼',
    desc: 'sk_buff의 head, data, tail, end 포인터가 버퍼 하나 안의 헤드룸, 패킷 데이터, 테일룸을 나누고, 그 뒤에 skb_shared_info가 붙습니다. 네이티브 XDP는 같은 버퍼를 data_hard_start, data, data_end로 봅니다.',
    caption: 'SKB는 버퍼 하나를 가리키는 메타데이터입니다. data와 tail을 옮겨 복사 없이 헤더를 붙이거나 벗기며, 네이티브 XDP는 SKB가 생기기 전에 같은 바이트를 다룹니다.',
    struct: 'struct sk_buff',
    otherFields: ['len, dev, …', 'sk, cb[], …'],
    segments: { headroom: '헤드룸', headers: ['Eth', 'IP', 'TCP'], payload: '페이로드', tailroom: '테일룸', shared: 'skb_shared_info' },
    notes: {
      headroom: ['skb_push()로', '헤더를 앞에 추가'],
      data: ['len = tail − data', 'skb_pull()로 헤더를 벗김'],
      tailroom: ['skb_put()으로', 'tail 확장'],
      shared: ['frags[], GSO,', '참조 카운트'],
    },
    xdpHeading: '네이티브 XDP는 같은 버퍼를 struct xdp_buff로 봅니다',
    text: [
      'struct sk_buff(SKB)는 길이, 장치, 프로토콜, 소켓 등을 담은 메타데이터입니다. 패킷 자체를 담지 않고, 안의 포인터 네 개가 따로 할당된 버퍼 하나를 가리킵니다.',
      'head는 버퍼의 시작을 가리킵니다. head와 data 사이가 헤드룸으로, 패킷 앞의 빈 공간입니다. 덕분에 skb_push()가 복사 없이 헤더를 앞에 붙일 수 있습니다(예: 터널이 바깥 헤더를 추가할 때).',
      'data는 현재 계층이 보는 패킷의 첫 바이트를, tail은 마지막 바이트 다음을 가리키며, 이 선형 부분의 len은 tail − data입니다. 패킷이 스택을 올라가면서 skb_pull()이 data를 Ethernet, IP, TCP 헤더 뒤로 옮깁니다.',
      'tail과 end 사이는 테일룸으로, skb_put()이 바이트를 뒤에 덧붙이는 공간입니다.',
      'end 바로 뒤, 같은 할당 안에 struct skb_shared_info가 있습니다. 추가 페이지 조각 배열(frags), GSO 정보, 복제본이 공유하는 참조 카운트가 들어 있습니다.',
      '네이티브 XDP는 SKB가 생기기 전에 같은 버퍼를 struct xdp_buff로 다룹니다. data_hard_start는 나중에 head가 될 자리이고, data와 data_end는 패킷의 경계(struct xdp_md의 data, data_end)입니다. 드라이버는 앞쪽에 헤드룸을 비워 두어 bpf_xdp_adjust_head()가 헤더를 늘릴 수 있게 합니다. 제네릭 XDP와 veth는 XDP_PACKET_HEADROOM(256바이트)이고, 네이티브 드라이버는 자기 배치(대개 그 이상)를 씁니다. XDP_PASS면 build_skb()가 이 버퍼를 복사하지 않고 그대로 감쌉니다.',
    ],
  },
};
