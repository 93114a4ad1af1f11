// Exercise 2: a program the verifier refuses, because it reads packet bytes it
// never proved are there; the learner adds the bounds checks.
import { expectEqual } from '../lib/checks.ts';
import { enableIpv6 } from '../lib/ipv6.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import type { FrameSpec } from '../lib/frames.ts';
import type { ExerciseDeclaration } from './types.ts';

const UDP4: FrameSpec = { family: 4, l4: { kind: 'udp', dport: 53 } };
const PINGS = 5;

export const boundsCheck: ExerciseDeclaration = {
  id: 'bounds-check',
  title: { en: 'Make the verifier accept it: bounds checks', ko: '검증기를 통과시키기: 경계 검사' },
  task: {
    en: 'The starter keeps IPv4 and ARP and drops the rest, but the verifier refuses to load it: it reads the Ethernet and IPv4 headers without proving they lie before data_end. Add the checks, keep the behaviour, and let frames too short to judge pass.',
    ko: '시작 코드는 IPv4와 ARP만 남기고 나머지를 드롭하지만, 검증기가 로드를 거부합니다. 이더넷 헤더와 IPv4 헤더가 data_end 앞에 있다는 것을 증명하지 않고 읽기 때문입니다. 검사를 추가하되 동작은 그대로 두고, 판단하기에 너무 짧은 프레임은 통과시키세요.',
  },
  teaches: { en: 'the verifier and bounds checks against data_end', ko: '검증기와 data_end 경계 검사' },
  page: 'exercises/bounds-check',
  follows: 'exercises/frame-length',
  program: 'xdp_ipv4_only',
  minKernel: { version: '5.1', why: { en: 'nothing newer than BPF_PROG_TEST_RUN (4.12); the live stage counts runs (5.1).', ko: 'BPF_PROG_TEST_RUN(4.12)보다 새로운 기능은 쓰지 않으며, 실제 트래픽 단계가 실행 횟수(5.1)를 셉니다.' } },
  minutes: 10,
  hints: [
    {
      en: 'Run the check and read the explanation: it names your line and says "invalid access to packet". The verifier needs to see a comparison with data_end before each header is read.',
      ko: '검사를 돌려 설명을 읽어 보세요. 여러분의 줄을 짚고 "invalid access to packet"이라고 알려 줍니다. 검증기는 헤더를 읽기 전마다 data_end와 비교하는 코드를 봐야 합니다.',
    },
    {
      en: 'The check is about the header\'s last byte: (void *)(eth + 1) is the first byte after the Ethernet header. If that is beyond data_end, the header is not all there.',
      ko: '확인할 것은 헤더의 마지막 바이트입니다. (void *)(eth + 1)은 이더넷 헤더 바로 다음 바이트입니다. 이것이 data_end보다 뒤라면 헤더가 다 들어 있지 않은 것입니다.',
    },
    {
      en: 'if ((void *)(eth + 1) > data_end) return XDP_PASS; before the first read of eth, and if ((void *)(ip + 1) > data_end) return XDP_PASS; before reading ip->version.',
      ko: 'eth를 처음 읽기 전에 if ((void *)(eth + 1) > data_end) return XDP_PASS;를, ip->version을 읽기 전에 if ((void *)(ip + 1) > data_end) return XDP_PASS;를 넣으세요.',
    },
  ],
  unit: [
    {
      id: 'short-frames-passed',
      text: {
        en: 'IPv4 frames cut right after the Ethernet header (14 bytes) or inside the IPv4 header (20 and 33 bytes) get XDP_PASS: nothing is read past data_end.',
        ko: '이더넷 헤더 바로 뒤(14바이트)나 IPv4 헤더 안(20, 33바이트)에서 잘린 IPv4 프레임은 XDP_PASS를 받습니다. data_end 너머는 읽지 않습니다.',
      },
      kind: 'frames',
      cases: [
        // BPF_PROG_TEST_RUN refuses an XDP frame shorter than an Ethernet header (EINVAL).
        { frame: UDP4, cut: 14, verdict: 'XDP_PASS' },
        { frame: UDP4, cut: 20, verdict: 'XDP_PASS' },
        { frame: UDP4, cut: 33, verdict: 'XDP_PASS' },
      ],
    },
    {
      id: 'ipv4-passed',
      text: { en: 'IPv4 UDP and ICMP frames get XDP_PASS and leave unchanged.', ko: 'IPv4 UDP와 ICMP 프레임은 XDP_PASS를 받고 그대로 나갑니다.' },
      kind: 'frames',
      cases: [
        { frame: UDP4, verdict: 'XDP_PASS', output: 'unchanged' },
        { frame: { family: 4, l4: { kind: 'echo-request' } }, verdict: 'XDP_PASS', output: 'unchanged' },
      ],
    },
    {
      id: 'arp-passed',
      text: { en: 'An ARP request gets XDP_PASS.', ko: 'ARP 요청은 XDP_PASS를 받습니다.' },
      kind: 'frames',
      cases: [{ frame: { family: 'arp', l4: { kind: 'echo-request' } }, verdict: 'XDP_PASS' }],
    },
    {
      id: 'others-dropped',
      text: { en: 'IPv6 frames (UDP, ICMPv6) get XDP_DROP.', ko: 'IPv6 프레임(UDP, ICMPv6)은 XDP_DROP을 받습니다.' },
      kind: 'frames',
      cases: [
        { frame: { family: 6, l4: { kind: 'udp', dport: 53 } }, verdict: 'XDP_DROP' },
        { frame: { family: 6, l4: { kind: 'echo-request' } }, verdict: 'XDP_DROP' },
      ],
    },
    {
      id: 'malformed-dropped',
      text: { en: 'A frame whose EtherType says IPv4 but whose version field says 6 gets XDP_DROP.', ko: 'EtherType은 IPv4인데 버전 필드가 6인 프레임은 XDP_DROP을 받습니다.' },
      kind: 'frames',
      cases: [
        {
          frame: UDP4,
          edit: { describe: { en: 'IPv4 version field set to 6', ko: 'IPv4 버전 필드를 6으로 바꿈' }, apply: (f) => void (f[14] = 0x65) },
          verdict: 'XDP_DROP',
        },
      ],
    },
  ],
  live: {
    tools: ['ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair, with IPv4 and IPv6; your program on the receiving end', ko: 'IPv4와 IPv6를 쓰는 veth 쌍으로 이은 네임스페이스 두 개, 받는 쪽에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: 'Ping over IPv4 and over IPv6', ko: 'IPv4와 IPv6로 ping' } },
    ],
    checks: [
      { id: 'live-ipv4-answered', text: { en: `All ${PINGS} IPv4 pings are answered.`, ko: `IPv4 ping ${PINGS}개가 모두 응답을 받습니다.` } },
      { id: 'live-ipv6-lost', text: { en: `All ${PINGS} IPv6 pings are lost.`, ko: `IPv6 ping ${PINGS}개는 모두 사라집니다.` } },
    ],
    async run(ctx, program) {
      const { pair, v6 } = await ctx.step('network', async () => {
        const pair = await twoHosts(ctx);
        return { pair, v6: await enableIpv6(ctx, pair) };
      });
      await attachXdp(ctx, { netns: pair.b.netns, dev: pair.b.dev, mode: 'native', object: program.object, program: program.name });
      await ctx.step('traffic', async () => {
        const v4 = await ping(ctx, pair.a.netns, pair.b.ipv4, { count: PINGS });
        expectEqual(ctx, 'live-ipv4-answered', `${PINGS} received`, `${v4.received} received`);
        const six = await ping(ctx, pair.a.netns, v6.b, { count: PINGS, waitSeconds: 0.2 });
        expectEqual(ctx, 'live-ipv6-lost', '0 received', `${six.received} received`);
      });
    },
  },
};
