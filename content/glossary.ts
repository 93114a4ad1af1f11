// The book's Korean terms: one Korean word per concept, with its English term and
// a one-line definition. The glossary page renders this list, and
// test/unit/glossary.test.ts reads it to fail on any Korean page, diagram label,
// UI string, lab sentence or runner phrase that uses a form an entry rules out.
// To change a term, change it here, run the test, and fix what it names.

/** A form the book does not use for this concept. */
export interface RuledOut {
  /** The form as a reader would see it, shown on the glossary page and in the test's message. */
  form: string;
  /** How to find it in Korean text; without one, the form itself, literally. */
  pattern?: RegExp;
}

export interface GlossaryEntry {
  /** Stable key, used in the test's messages. */
  id: string;
  /** The Korean term the book uses (sometimes the English word itself, as Korean engineers write it). */
  ko: string;
  en: string;
  definition: { en: string; ko: string };
  rulesOut: readonly RuledOut[];
}

/** A section heading every page that has it writes the same way. */
export interface HeadingEntry {
  id: string;
  en: string;
  ko: string;
  rulesOut: readonly RuledOut[];
}

/**
 * An English word outside code: not inside an identifier (XDP_PACKET_HEADROOM,
 * xdpgeneric, --native), a path or a flag.
 */
const english = (word: string): RuledOut => ({
  form: word,
  pattern: new RegExp(`(?<![\\w./-])${word}(?![\\w/-])`, 'i'),
});

/**
 * English phrases that keep their English words in Korean text because they are
 * names, not terms of ours: GRO is "generic receive offload" in every Korean text.
 */
export const ALLOWED_PHRASES: readonly RegExp[] = [/generic receive offload/gi, /generic segmentation offload/gi, /large receive offload/gi];

export const glossary: readonly GlossaryEntry[] = [
  // The stack and the hardware
  {
    id: 'device',
    ko: '장치',
    en: 'device (network device)',
    definition: {
      en: 'A network interface as the kernel sees it (struct net_device): a NIC port, a veth end, lo.',
      ko: '커널이 보는 네트워크 인터페이스(struct net_device). NIC 포트, veth 한쪽 끝, lo 등.',
    },
    rulesOut: [{ form: '디바이스' }],
  },
  {
    id: 'network-stack',
    ko: '네트워크 스택',
    en: 'network stack',
    definition: {
      en: 'The kernel code a packet passes from the driver up to a socket: device core, tc, netfilter, IP, TCP/UDP.',
      ko: '패킷이 드라이버에서 소켓까지 거치는 커널 코드. 장치 코어, tc, netfilter, IP, TCP/UDP.',
    },
    rulesOut: [{ form: '네트워크 스텍' }, { form: '망 스택' }],
  },
  {
    id: 'receive-path',
    ko: '수신 경로',
    en: 'receive path',
    definition: {
      en: 'The order of steps a received frame goes through, from the NIC to the socket.',
      ko: '받은 프레임이 NIC에서 소켓까지 거치는 단계의 순서.',
    },
    rulesOut: [{ form: '받기 경로' }, { form: '리시브 경로' }],
  },
  {
    id: 'ring-buffer',
    ko: '링 버퍼',
    en: 'ring buffer (RX/TX ring)',
    definition: {
      en: 'A circular array of descriptors shared by the driver and the NIC; the NIC writes received frames into the buffers it points to.',
      ko: '드라이버와 NIC가 함께 쓰는 원형 디스크립터 배열. NIC는 디스크립터가 가리키는 버퍼에 받은 프레임을 씁니다.',
    },
    rulesOut: [{ form: '링버퍼' }, { form: '고리 버퍼' }, { form: '원형 큐' }],
  },
  {
    id: 'queue',
    ko: '큐',
    en: 'queue',
    definition: {
      en: 'A hardware or software queue of frames: an RX queue of a NIC, a CPU backlog, a qdisc.',
      ko: '프레임이 줄지어 기다리는 곳. NIC의 수신 큐, CPU 백로그, qdisc 등.',
    },
    rulesOut: [{ form: '대기열' }],
  },
  {
    id: 'interrupt',
    ko: '인터럽트',
    en: 'interrupt (IRQ)',
    definition: {
      en: 'The NIC’s signal that frames have arrived; under load NAPI replaces it with polling.',
      ko: '프레임이 도착했다는 NIC의 신호. 부하가 걸리면 NAPI가 폴링으로 대신합니다.',
    },
    rulesOut: [{ form: '인터럽션' }, { form: '끼어들기' }],
  },
  {
    id: 'polling',
    ko: '폴링',
    en: 'polling (NAPI poll)',
    definition: {
      en: 'The driver fetching frames from its ring in a loop, within a budget, instead of taking one interrupt per frame.',
      ko: '프레임마다 인터럽트를 받는 대신, 드라이버가 정해진 예산 안에서 링의 프레임을 반복해 가져오는 방식.',
    },
    rulesOut: [{ form: '풀링' }],
  },
  {
    id: 'socket-buffer',
    ko: '소켓 버퍼(SKB)',
    en: 'socket buffer (SKB, struct sk_buff)',
    definition: {
      en: 'The kernel’s per-packet structure above the driver: metadata plus pointers into the packet’s data.',
      ko: '드라이버 위 계층에서 패킷마다 쓰는 커널 구조체. 메타데이터와 패킷 데이터를 가리키는 포인터.',
    },
    rulesOut: [{ form: '소켓버퍼' }],
  },
  {
    id: 'headroom',
    ko: '헤드룸',
    en: 'headroom',
    definition: {
      en: 'Free bytes in front of a packet’s data, where headers can be pushed without copying.',
      ko: '패킷 데이터 앞의 빈 공간. 복사하지 않고 헤더를 덧붙일 수 있는 자리.',
    },
    rulesOut: [english('headroom'), { form: '머리 공간' }],
  },
  {
    id: 'tailroom',
    ko: '테일룸',
    en: 'tailroom',
    definition: {
      en: 'Free bytes after a packet’s data, where it can grow at the end.',
      ko: '패킷 데이터 뒤의 빈 공간. 패킷을 뒤쪽으로 늘릴 수 있는 자리.',
    },
    rulesOut: [english('tailroom'), { form: '꼬리 공간' }],
  },
  {
    id: 'checksum',
    ko: '체크섬',
    en: 'checksum',
    definition: {
      en: 'The one’s-complement sum in IP, ICMP, UDP and TCP headers that a receiver verifies.',
      ko: 'IP, ICMP, UDP, TCP 헤더에 들어 있어 받는 쪽이 검증하는 1의 보수 합.',
    },
    rulesOut: [{ form: '첵섬' }, { form: '검사 합계' }],
  },
  {
    id: 'counter',
    ko: '카운터',
    en: 'counter',
    definition: {
      en: 'A number the kernel or a driver increments per event: ip -s link, ethtool -S, nstat, a BPF map slot.',
      ko: '커널이나 드라이버가 사건마다 올리는 숫자. ip -s link, ethtool -S, nstat, BPF 맵의 칸 등.',
    },
    rulesOut: [{ form: '계수기' }],
  },
  {
    id: 'flow',
    ko: '흐름',
    en: 'flow',
    definition: {
      en: 'The packets of one connection or conversation, identified by addresses, ports and protocol; RSS, RPS and GRO work per flow.',
      ko: '주소, 포트, 프로토콜로 구별되는 한 연결(대화)의 패킷들. RSS, RPS, GRO는 흐름 단위로 동작합니다.',
    },
    rulesOut: [{ form: '플로우' }, { form: '플로', pattern: /플로(?![가-힣])/ }],
  },
  {
    id: 'namespace',
    ko: '네임스페이스',
    en: 'network namespace (netns)',
    definition: {
      en: 'A separate copy of the network stack with its own interfaces, routes and counters; the labs build their networks from them.',
      ko: '인터페이스, 라우팅, 카운터를 따로 갖는 네트워크 스택의 사본. 실습은 이것으로 네트워크를 만듭니다.',
    },
    rulesOut: [{ form: '이름공간' }, { form: '이름 공간' }, { form: '네임 스페이스' }],
  },
  {
    id: 'peer',
    ko: 'peer',
    en: 'peer (of a veth pair)',
    definition: {
      en: 'The other end of a veth pair: what one end sends, the peer receives. Korean text keeps the English word.',
      ko: 'veth 쌍의 반대쪽 끝. 한쪽이 보내면 peer가 받습니다. 한국어 글에서도 영어 그대로 씁니다.',
    },
    rulesOut: [{ form: '상대편' }, { form: '상대 (veth의 반대쪽)', pattern: /상대(?=[는가를의에]\s|\s*veth)/ }, { form: '피어' }, { form: '짝 장치' }, { form: 'peer이 (peer는 ‘피어’로 읽으므로 peer가)', pattern: /peer이(?=\s)/ }],
  },
  {
    id: 'user-space',
    ko: '사용자 공간',
    en: 'user space',
    definition: {
      en: 'Everything outside the kernel: the lab runner, loaders, ping, tcpdump.',
      ko: '커널 바깥의 모든 것. 실습 러너, 로더, ping, tcpdump 등.',
    },
    rulesOut: [{ form: '유저 공간' }, { form: '유저스페이스' }, { form: '유저 스페이스' }, { form: '사용자 영역' }],
  },
  {
    id: 'host',
    ko: '호스트',
    en: 'host, machine',
    definition: {
      en: 'The computer a lab or a benchmark runs on, as opposed to the namespaces and VMs it creates.',
      ko: '실습이나 벤치마크가 실행되는 컴퓨터. 실습이 만드는 네임스페이스나 VM과 구별할 때 씁니다.',
    },
    rulesOut: [{ form: '기계', pattern: /기계(?!어)/ }],
  },
  {
    id: 'forwarding',
    ko: '포워딩',
    en: 'forwarding (IP forwarding)',
    definition: {
      en: 'Sending a packet that is not for this host on towards its destination, as a router does.',
      ko: '이 호스트가 목적지가 아닌 패킷을 라우터처럼 목적지 쪽으로 내보내는 일.',
    },
    rulesOut: [{ form: 'IP 전달' }, { form: '포워드하' }],
  },
  {
    id: 'neighbour-entry',
    ko: '이웃 항목',
    en: 'neighbour entry (ARP entry)',
    definition: {
      en: 'The kernel’s record of the MAC address behind an IP address on a link (ip neigh).',
      ko: '링크 위의 IP 주소에 대응하는 MAC 주소를 커널이 적어 둔 것(ip neigh).',
    },
    rulesOut: [{ form: '이웃 엔트리' }, { form: '네이버 엔트리' }, { form: '이웃 테이블 항목' }],
  },

  // BPF and XDP
  {
    id: 'hook',
    ko: '훅',
    en: 'hook',
    definition: {
      en: 'A place in the kernel where a BPF program can be attached and is run for each event.',
      ko: 'BPF 프로그램을 붙일 수 있고, 사건마다 그 프로그램이 실행되는 커널 안의 자리.',
    },
    rulesOut: [{ form: '후크' }, { form: '갈고리' }],
  },
  {
    id: 'attach',
    ko: '붙이다',
    en: 'attach',
    definition: {
      en: 'Connect a loaded program to a hook, e.g. an XDP program to an interface.',
      ko: '로드한 프로그램을 훅에 연결하는 일. 예를 들어 XDP 프로그램을 인터페이스에 붙입니다.',
    },
    rulesOut: [{ form: '부착' }, { form: '어태치' }, english('attach')],
  },
  {
    id: 'detach',
    ko: '떼어 내다',
    en: 'detach',
    definition: {
      en: 'Remove a program from its hook; the interface then behaves as if it never had one.',
      ko: '프로그램을 훅에서 빼는 일. 그 뒤 인터페이스는 프로그램이 없던 때처럼 동작합니다.',
    },
    rulesOut: [{ form: '탈착' }, { form: '디태치' }, { form: '떼어내다 (붙여 씀)', pattern: /떼어[내낸냈낼냅]/ }],
  },
  {
    id: 'loader',
    ko: '로더',
    en: 'loader',
    definition: {
      en: 'The user-space program that loads BPF objects into the kernel and attaches them (ip, bpftool, cilium/ebpf, libxdp).',
      ko: 'BPF 오브젝트를 커널에 로드하고 붙이는 사용자 공간 프로그램(ip, bpftool, cilium/ebpf, libxdp).',
    },
    rulesOut: [{ form: '적재기' }],
  },
  {
    id: 'load',
    ko: '로드',
    en: 'load (a BPF program)',
    definition: {
      en: 'Hand a program to the kernel with bpf(BPF_PROG_LOAD); the verifier checks it then, before it is attached anywhere.',
      ko: 'bpf(BPF_PROG_LOAD)로 프로그램을 커널에 넘기는 일. 어디에 붙이기 전, 이때 검증기가 프로그램을 검사합니다.',
    },
    rulesOut: [{ form: '적재' }, { form: '(프로그램을) 올리다', pattern: /(?:프로그램|오브젝트)(?:을|를|이|가)?\s+올[리려라]/ }],
  },
  {
    id: 'verifier',
    ko: '검증기',
    en: 'verifier',
    definition: {
      en: 'The kernel component that proves every path of a BPF program safe before accepting it.',
      ko: 'BPF 프로그램을 받아들이기 전에 모든 실행 경로가 안전한지 증명하는 커널 구성 요소.',
    },
    rulesOut: [{ form: '베리파이어' }, { form: '검사기' }],
  },
  {
    id: 'map',
    ko: '맵',
    en: 'map (BPF map)',
    definition: {
      en: 'A kernel data structure (array, hash, devmap, ringbuf…) that BPF programs and user space share.',
      ko: 'BPF 프로그램과 사용자 공간이 함께 쓰는 커널 자료 구조(array, hash, devmap, ringbuf 등).',
    },
    rulesOut: [{ form: '매프' }, { form: 'BPF 지도' }],
  },
  {
    id: 'helper',
    ko: '헬퍼',
    en: 'helper (BPF helper function)',
    definition: {
      en: 'A kernel function a BPF program may call, such as bpf_redirect_map or bpf_xdp_adjust_head.',
      ko: 'BPF 프로그램이 호출할 수 있는 커널 함수. bpf_redirect_map, bpf_xdp_adjust_head 등.',
    },
    rulesOut: [{ form: '도우미 함수' }, { form: '헬퍼함수' }],
  },
  {
    id: 'tail-call',
    ko: '테일 콜',
    en: 'tail call',
    definition: {
      en: 'A jump from one BPF program into another through a PROG_ARRAY map, without returning.',
      ko: 'PROG_ARRAY 맵을 거쳐 한 BPF 프로그램에서 다른 프로그램으로 돌아오지 않고 건너뛰는 호출.',
    },
    rulesOut: [{ form: '꼬리 호출' }, { form: '테일콜' }],
  },
  {
    id: 'tracepoint',
    ko: '트레이스포인트',
    en: 'tracepoint',
    definition: {
      en: 'A fixed, named event in the kernel (e.g. xdp:xdp_exception) that tools and BPF programs can observe.',
      ko: '커널 안에 이름을 붙여 둔 고정된 이벤트(xdp:xdp_exception 등). 도구와 BPF 프로그램이 관찰할 수 있습니다.',
    },
    rulesOut: [{ form: '추적점' }, { form: '트레이스 포인트' }],
  },
  {
    id: 'trampoline',
    ko: '트램펄린',
    en: 'BPF trampoline',
    definition: {
      en: 'Kernel-generated code that lets fentry, fexit and freplace programs attach to a function or another BPF program.',
      ko: 'fentry, fexit, freplace 프로그램이 함수나 다른 BPF 프로그램에 붙도록 커널이 만들어 주는 코드.',
    },
    rulesOut: [{ form: '트램폴린' }],
  },
  {
    id: 'action',
    ko: '액션',
    en: 'action (XDP action, verdict)',
    definition: {
      en: 'The value an XDP program returns (enum xdp_action): ABORTED, DROP, PASS, TX or REDIRECT.',
      ko: 'XDP 프로그램이 돌려주는 값(enum xdp_action). ABORTED, DROP, PASS, TX, REDIRECT 중 하나.',
    },
    rulesOut: [{ form: '판정' }, { form: '평결' }],
  },
  {
    id: 'drop',
    ko: '드롭',
    en: 'drop',
    definition: {
      en: 'Discard a packet: XDP_DROP does it in the driver; a full ring or backlog does it too.',
      ko: '패킷을 없애는 일. XDP_DROP은 드라이버 안에서 드롭하고, 가득 찬 링이나 백로그도 패킷을 드롭합니다.',
    },
    rulesOut: [
      { form: '버리다 (버린, 버려진…)', pattern: /버[리려린립림]/ },
      { form: '폐기' },
    ],
  },
  {
    id: 'pass',
    ko: '통과',
    en: 'pass (XDP_PASS)',
    definition: {
      en: 'Let a packet continue into the network stack as if no program had run.',
      ko: '프로그램이 없었던 것처럼 패킷을 네트워크 스택으로 올려 보내는 일.',
    },
    rulesOut: [{ form: '패스', pattern: /(?<![가-힣])패스(?!워드)/ }],
  },
  {
    id: 'redirect',
    ko: '리다이렉트',
    en: 'redirect (XDP_REDIRECT)',
    definition: {
      en: 'Send a frame to another interface, another CPU or an AF_XDP socket, chosen through a map.',
      ko: '맵으로 고른 다른 인터페이스, 다른 CPU, AF_XDP 소켓으로 프레임을 보내는 일.',
    },
    rulesOut: [{ form: '리디렉트' }, { form: '리디렉션' }, { form: '재지정' }],
  },
  {
    id: 'native',
    ko: '네이티브 모드',
    en: 'native mode (driver mode, xdpdrv)',
    definition: {
      en: 'XDP run by the driver on the raw receive buffer, before any SKB exists.',
      ko: 'SKB가 생기기 전에 드라이버가 수신 버퍼 위에서 실행하는 XDP.',
    },
    rulesOut: [english('native'), { form: '고유 모드' }],
  },
  {
    id: 'generic',
    ko: '제네릭 모드',
    en: 'generic mode (SKB mode, xdpgeneric)',
    definition: {
      en: 'XDP run by the core on an SKB, on any device, after the SKB has been allocated.',
      ko: 'SKB를 할당한 뒤 코어가 SKB 위에서 실행하는 XDP. 어느 장치에서나 됩니다.',
    },
    rulesOut: [english('generic'), { form: '범용 모드' }, { form: '일반 모드' }],
  },
  {
    id: 'offload',
    ko: '오프로드 모드',
    en: 'offload mode (hw mode, xdpoffload)',
    definition: {
      en: 'XDP run by the NIC itself; only a few SmartNICs support it.',
      ko: 'NIC가 직접 실행하는 XDP. 일부 SmartNIC만 지원합니다.',
    },
    rulesOut: [english('offload'), english('offloaded')],
  },
  {
    id: 'multi-buffer',
    ko: '멀티 버퍼',
    en: 'multi-buffer (XDP frags)',
    definition: {
      en: 'A frame spread over several buffers (frags), as a jumbo frame on veth is; programs opt in with xdp.frags.',
      ko: 'veth의 점보 프레임처럼 여러 버퍼(프래그먼트)에 나뉘어 담긴 프레임. 프로그램은 xdp.frags로 이를 받겠다고 밝힙니다.',
    },
    rulesOut: [{ form: '멀티버퍼' }, { form: '다중 버퍼' }],
  },
  {
    id: 'fragment',
    ko: '프래그먼트',
    en: 'fragment (frag)',
    definition: {
      en: 'One of the extra buffers of a multi-buffer frame, listed in its skb_shared_info.',
      ko: '멀티 버퍼 프레임의 추가 버퍼 하나. skb_shared_info에 목록이 있습니다.',
    },
    rulesOut: [{ form: '프라그먼트' }, { form: '플래그먼트' }],
  },
  {
    id: 'metadata',
    ko: '메타데이터',
    en: 'metadata',
    definition: {
      en: 'Data about a packet rather than in it: data_meta bytes, an RX hash or timestamp.',
      ko: '패킷 안이 아니라 패킷에 관한 데이터. data_meta 영역의 바이트, 수신 해시, 타임스탬프 등.',
    },
    rulesOut: [{ form: '메타 데이터' }],
  },
  {
    id: 'timestamp',
    ko: '타임스탬프',
    en: 'timestamp',
    definition: {
      en: 'The time at which the NIC received a frame, as the hardware recorded it.',
      ko: 'NIC가 프레임을 받은 시각을 하드웨어가 기록한 값.',
    },
    rulesOut: [{ form: '타임 스탬프' }, { form: '시간 도장' }],
  },
  {
    id: 'zero-copy',
    ko: '제로 카피',
    en: 'zero-copy',
    definition: {
      en: 'AF_XDP mode in which the NIC writes frames straight into the socket’s UMEM, with no copy.',
      ko: 'NIC가 프레임을 소켓의 UMEM에 바로 써서 복사가 없는 AF_XDP 모드.',
    },
    rulesOut: [{ form: '제로카피' }, { form: '무복사' }, { form: '제로 복사' }],
  },
  {
    id: 'dispatcher',
    ko: '디스패처',
    en: 'dispatcher (libxdp)',
    definition: {
      en: 'libxdp’s XDP program that calls several programs on one interface in priority order.',
      ko: '한 인터페이스에서 여러 프로그램을 우선순위대로 호출하는 libxdp의 XDP 프로그램.',
    },
    rulesOut: [{ form: '디스패쳐' }, { form: '분배기' }],
  },

  {
    id: 'echo',
    ko: '에코 요청, 에코 응답',
    en: 'echo request, echo reply (ICMP)',
    definition: {
      en: 'The ICMP messages ping sends and expects back: type 8 and type 0.',
      ko: 'ping이 보내고 돌려받기를 기다리는 ICMP 메시지. 타입 8과 타입 0.',
    },
    rulesOut: [{ form: 'echo 요청' }, { form: 'echo 응답' }],
  },
  {
    id: 'reflector',
    ko: '응답 프로그램',
    en: 'reflector (a program that answers with XDP_TX)',
    definition: {
      en: 'An XDP program that rewrites a request into its reply and sends it back out of the same interface.',
      ko: '요청을 응답으로 고쳐 쓴 뒤 XDP_TX로 같은 인터페이스에 되돌려 보내는 XDP 프로그램.',
    },
    rulesOut: [{ form: '반사기' }, { form: '반사 프로그램' }, { form: '반사하는' }],
  },

  // The labs
  {
    id: 'lab',
    ko: '실습',
    en: 'lab',
    definition: {
      en: 'A declared experiment the runner executes for real: it builds a network, attaches programs and checks what happened.',
      ko: '러너가 실제로 실행하는 실험. 네트워크를 만들고 프로그램을 붙인 뒤 일어난 일을 확인합니다.',
    },
    rulesOut: [{ form: '랩', pattern: /(?<![가-힣])랩(?![가-힣])/ }],
  },
  {
    id: 'exercise',
    ko: '연습문제',
    en: 'exercise',
    definition: {
      en: 'A program the learner writes from a starter file; npm run lab -- check judges what it does to real packets.',
      ko: '학습자가 시작 코드에서 직접 완성하는 프로그램. npm run lab -- check가 실제 패킷에 하는 일을 보고 판단합니다.',
    },
    rulesOut: [{ form: '연습 문제' }, { form: '엑서사이즈' }],
  },
  {
    id: 'solution',
    ko: '참고 답안',
    en: 'solution (of an exercise)',
    definition: {
      en: 'The project’s own working answer to an exercise, shown as a diff once the learner’s program passes.',
      ko: '연습문제에 대해 프로젝트가 준비한, 동작하는 답. 학습자의 프로그램이 통과한 뒤 diff로 보여 줍니다.',
    },
    rulesOut: [{ form: '모범 답안' }, { form: '모범답안' }, { form: '정답 코드' }],
  },
  {
    id: 'check',
    ko: '확인 항목',
    en: 'check (of a lab)',
    definition: {
      en: 'One observed fact a lab compares with what it expects; it passes or fails.',
      ko: '실습이 기대값과 비교하는 관측 사실 하나. 통과하거나 실패합니다.',
    },
    rulesOut: [{ form: '체크', pattern: /체크(?!섬)/ }],
  },
  {
    id: 'observed',
    ko: '관측값',
    en: 'observed (value of a check)',
    definition: {
      en: 'What a lab actually read from the kernel for a check, printed beside the expected value.',
      ko: '실습이 확인 항목을 위해 커널에서 실제로 읽은 값. 기대값과 나란히 출력됩니다.',
    },
    rulesOut: [{ form: '관찰값' }, { form: '관측치' }],
  },
  {
    id: 'transcript',
    ko: '실행 기록',
    en: 'transcript (of a lab run)',
    definition: {
      en: 'The runner’s output of a real run, recorded and shown on the lab’s page.',
      ko: '실제로 실습을 실행했을 때 러너가 출력한 내용. 기록해 두고 실습 페이지에 보여 줍니다.',
    },
    rulesOut: [{ form: '트랜스크립트' }, { form: '녹취' }],
  },
  {
    id: 'workshop',
    ko: '워크숍',
    en: 'workshop',
    definition: {
      en: 'The guided course these labs make up, run on a host or in the workshop VM.',
      ko: '이 실습들로 이루어진 과정. 호스트나 워크숍 VM에서 진행합니다.',
    },
    rulesOut: [{ form: '워크샵' }],
  },
  {
    id: 'benchmark',
    ko: '벤치마크',
    en: 'benchmark',
    definition: {
      en: 'A measurement that prints figures (rates, nanoseconds per frame) rather than passing or failing.',
      ko: '통과나 실패 대신 수치(처리율, 프레임당 나노초)를 출력하는 측정.',
    },
    rulesOut: [{ form: '밴치마크' }, { form: '벤치마킹 테스트' }],
  },
];

/** Headings that several pages share; each page writes them exactly like this. */
export const headings: readonly HeadingEntry[] = [
  {
    id: 'read-next',
    en: 'What to read next',
    ko: '다음에 읽을 글',
    rulesOut: [
      { form: '다음에 읽을 것' },
      { form: '더 읽을거리' },
      { form: '다음 읽을거리' },
      { form: '함께 읽을거리' },
    ],
  },
  { id: 'try-it', en: 'Try it', ko: '직접 해 보기', rulesOut: [{ form: '해 보기', pattern: /^해 보기$/ }, { form: '따라 해 보기' }] },
  {
    id: 'checks',
    en: 'What each check proves',
    ko: '각 확인 항목이 증명하는 것',
    rulesOut: [{ form: '각 검사가 증명하는 것' }, { form: '각 체크가 증명하는 것' }],
  },
  { id: 'went-wrong', en: 'What can go wrong', ko: '문제가 생기면', rulesOut: [{ form: '문제가 생긴다면' }, { form: '잘못될 수 있는 것' }] },
];
