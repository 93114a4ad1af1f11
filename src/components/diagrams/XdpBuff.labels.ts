import type { Localized } from '../../../labs/lib/locale.ts';
import type { FigureText } from './lang.ts';

type Two = readonly [string, string];

export interface XdpBuffLabels extends FigureText {
  struct: string;
  segments: { frame: Two; headroom: string; meta: string; packet: string; tailroom: string; shared: string };
  notes: { frame: Two; headroom: Two; meta: Two; packet: Two; tailroom: Two; shared: Two };
  frameSize: string;
}

export const labels: Localized<XdpBuffLabels> = {
  en: {
    title: 'The buffer behind struct xdp_buff',
    desc: 'One receive buffer from data_hard_start to the end of frame_sz: room for struct xdp_frame, headroom, the metadata area from data_meta to data, the packet from data to data_end, tailroom, and struct skb_shared_info at the end.',
    caption: 'An XDP program sees four pointers into one buffer. The helpers move them: adjust_head moves data, adjust_meta moves data_meta, adjust_tail moves data_end.',
    struct: 'struct xdp_buff (the program reads it as struct xdp_md)',
    segments: { frame: ['xdp_', 'frame'], headroom: 'headroom', meta: 'meta', packet: 'packet: Eth, IP, …', tailroom: 'tailroom', shared: 'skb_shared_info' },
    notes: {
      frame: ['for TX,', 'REDIRECT'],
      headroom: ['adjust_head()', 'grows headers'],
      meta: ['adjust_meta()', 'for tc'],
      packet: ['data_end − data', 'bounds checks'],
      tailroom: ['adjust_tail()', 'grows data_end'],
      shared: ['frags[] for', 'xdp.frags'],
    },
    frameSize: 'frame_sz: the whole buffer, often one page (4 KiB)',
    text: [
      'The driver hands the program one buffer, described by struct xdp_buff; the program reads its fields through struct xdp_md, whose loads the verifier rewrites into loads from xdp_buff.',
      'data_hard_start is the first byte of the buffer. When a frame leaves with XDP_TX or XDP_REDIRECT, the kernel turns the buffer into a struct xdp_frame written at data_hard_start itself, so the first bytes of the headroom are reserved for it.',
      'The headroom lies between data_hard_start and data. bpf_xdp_adjust_head() with a negative offset moves data into it to prepend a header (an encapsulation, say); it fails rather than overwrite the xdp_frame area. Generic XDP and veth give XDP_PACKET_HEADROOM, 256 bytes; a native driver chooses its own layout.',
      'data_meta marks the start of an optional metadata area that ends at data. bpf_xdp_adjust_meta() moves data_meta down into the headroom; a tc program can read the same bytes from the SKB later (the xdp-meta lab). With no metadata, data_meta equals data.',
      'The packet is [data, data_end): every read and write must be proven inside it by a comparison with data_end, which is what the verifier checks.',
      'The tailroom follows data_end. bpf_xdp_adjust_tail() moves data_end into it to append, or back to trim the packet.',
      'struct skb_shared_info sits at the end of the buffer, inside frame_sz. A program loaded as xdp.frags sees a multi-buffer packet here: frags[] lists further pages, bpf_xdp_get_buff_len() gives the full length and bpf_xdp_load_bytes() reads across them. For XDP_PASS, build_skb() reuses the same structure for the SKB.',
    ],
  },
  ko: {
    title: 'struct xdp_buff 뒤에 있는 버퍼',
    desc: 'data_hard_start부터 frame_sz 끝까지 이어지는 수신 버퍼 하나: struct xdp_frame 자리, 헤드룸, data_meta부터 data까지의 메타데이터 영역, data부터 data_end까지의 패킷, 테일룸, 맨 끝의 struct skb_shared_info.',
    caption: 'XDP 프로그램은 버퍼 하나를 가리키는 포인터 네 개를 봅니다. 헬퍼가 이 포인터를 옮깁니다. adjust_head는 data를, adjust_meta는 data_meta를, adjust_tail은 data_end를 옮깁니다.',
    struct: 'struct xdp_buff (프로그램에는 struct xdp_md로 보임)',
    segments: { frame: ['xdp_', 'frame'], headroom: '헤드룸', meta: 'meta', packet: '패킷: Eth, IP, …', tailroom: '테일룸', shared: 'skb_shared_info' },
    notes: {
      frame: ['보낼 때', '여기에 씀'],
      headroom: ['adjust_head()로', '헤더 추가'],
      meta: ['adjust_meta()', 'tc로 전달'],
      packet: ['data_end − data', '경계 검사'],
      tailroom: ['adjust_tail()로', 'data_end 확장'],
      shared: ['xdp.frags의', 'frags[]'],
    },
    frameSize: 'frame_sz: 버퍼 전체, 흔히 한 페이지(4 KiB)',
    text: [
      '드라이버는 프로그램에 버퍼 하나를 struct xdp_buff로 묘사해 넘깁니다. 프로그램은 그 필드를 struct xdp_md로 읽고, 검증기가 그 읽기를 xdp_buff에서 읽도록 바꿔 씁니다.',
      'data_hard_start는 버퍼의 첫 바이트입니다. 프레임이 XDP_TX나 XDP_REDIRECT로 나갈 때 커널은 버퍼를 struct xdp_frame으로 바꾸는데, 그 구조체를 바로 data_hard_start에 씁니다. 그래서 헤드룸의 맨 앞은 이 구조체 몫입니다.',
      '헤드룸은 data_hard_start와 data 사이입니다. bpf_xdp_adjust_head()에 음수를 주면 data가 헤드룸 쪽으로 옮겨져 헤더(예를 들어 캡슐화 헤더)를 앞에 붙일 수 있고, xdp_frame 자리를 덮어쓰게 되면 실패합니다. 제네릭 XDP와 veth는 XDP_PACKET_HEADROOM(256바이트)을 주고, 네이티브 드라이버는 배치를 스스로 정합니다.',
      'data_meta는 data에서 끝나는 선택적인 메타데이터 영역의 시작입니다. bpf_xdp_adjust_meta()가 data_meta를 헤드룸 쪽으로 내리면, 나중에 tc 프로그램이 SKB에서 같은 바이트를 읽을 수 있습니다(xdp-meta 실습). 메타데이터가 없으면 data_meta는 data와 같습니다.',
      '패킷은 [data, data_end)입니다. 읽기와 쓰기는 모두 data_end와 비교해 이 범위 안임을 증명해야 하고, 검증기가 바로 그것을 확인합니다.',
      '테일룸은 data_end 뒤에 있습니다. bpf_xdp_adjust_tail()은 data_end를 그 안으로 옮겨 뒤에 덧붙이거나, 거꾸로 패킷을 잘라 냅니다.',
      'struct skb_shared_info는 frame_sz 안, 버퍼의 맨 끝에 있습니다. xdp.frags로 로드한 프로그램은 여기서 멀티 버퍼 패킷을 봅니다. frags[]가 나머지 페이지를 가리키고, bpf_xdp_get_buff_len()이 전체 길이를, bpf_xdp_load_bytes()가 조각을 넘나들며 읽습니다. XDP_PASS면 build_skb()가 같은 구조체를 SKB에 그대로 씁니다.',
    ],
  },
};
