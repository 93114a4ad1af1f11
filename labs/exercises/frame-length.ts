// Exercise 1: a frame's length from ctx->data and ctx->data_end.
import { expectEqual } from '../lib/checks.ts';
import { progMap } from '../lib/bpf-maps.ts';
import { dumpPercpuMap, entryFor, sumOverCpus } from '../lib/percpu-maps.ts';
import { twoHosts } from '../lib/topology.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp } from '../lib/xdp.ts';
import { u32 } from './bytes.ts';
import type { ExerciseDeclaration } from './types.ts';

const udp = (payload: number) => ({ family: 4 as const, l4: { kind: 'udp' as const, dport: 9 }, payload });
const PINGS = 5;

export const frameLength: ExerciseDeclaration = {
  id: 'frame-length',
  title: { en: 'Measure the frame: drop runts and giants', ko: '프레임 길이 재기: 너무 짧거나 긴 프레임 드롭하기' },
  task: {
    en: 'Compute each frame\'s length from ctx->data and ctx->data_end. Drop frames shorter than 64 bytes or longer than 1024, pass the rest, and add the length of every frame you pass to the per-CPU counter passed_bytes.',
    ko: 'ctx->data와 ctx->data_end로 프레임마다 길이를 구하세요. 64바이트보다 짧거나 1024바이트보다 긴 프레임은 드롭하고 나머지는 통과시키되, 통과시킨 프레임의 길이를 CPU별 카운터 passed_bytes에 더하세요.',
  },
  teaches: { en: 'struct xdp_md, data and data_end, a per-CPU counter', ko: 'struct xdp_md, data와 data_end, CPU별 카운터' },
  page: 'exercises/frame-length',
  follows: 'reference/xdp-md',
  program: 'xdp_frame_len',
  minKernel: { version: '5.1', why: { en: 'per-CPU arrays and BPF_PROG_TEST_RUN are older; the live stage reads run counters (5.1).', ko: 'CPU별 배열과 BPF_PROG_TEST_RUN은 그보다 오래됐고, 실제 트래픽 단계가 실행 횟수 카운터(5.1)를 읽습니다.' } },
  minutes: 10,
  hints: [
    {
      en: 'struct xdp_md holds data and data_end as 32-bit numbers. Turn them into pointers first: void *data = (void *)(long)ctx->data; and the same for data_end.',
      ko: 'struct xdp_md의 data와 data_end는 32비트 숫자입니다. 먼저 포인터로 바꾸세요: void *data = (void *)(long)ctx->data; data_end도 똑같이 합니다.',
    },
    {
      en: 'The length is data_end - data. Compare it with MIN_LEN and MAX_LEN before anything else and return XDP_DROP when it is outside.',
      ko: '길이는 data_end - data입니다. 다른 일보다 먼저 MIN_LEN, MAX_LEN과 비교해서 범위 밖이면 XDP_DROP을 돌려주세요.',
    },
    {
      en: '__u32 key = 0; __u64 *bytes = bpf_map_lookup_elem(&passed_bytes, &key); if (bytes) *bytes += len; return XDP_PASS;',
      ko: '__u32 key = 0; __u64 *bytes = bpf_map_lookup_elem(&passed_bytes, &key); if (bytes) *bytes += len; return XDP_PASS;',
    },
  ],
  unit: [
    {
      id: 'runts-dropped',
      text: { en: 'Frames of 42 and 63 bytes, and a 42-byte ARP request, get XDP_DROP.', ko: '42바이트와 63바이트 프레임, 42바이트 ARP 요청은 XDP_DROP을 받습니다.' },
      kind: 'frames',
      cases: [
        { frame: udp(0), verdict: 'XDP_DROP' },
        { frame: udp(21), verdict: 'XDP_DROP' },
        { frame: { family: 'arp', l4: { kind: 'echo-request' } }, verdict: 'XDP_DROP' },
      ],
    },
    {
      id: 'limits-passed',
      text: { en: 'Frames of exactly 64 and 1024 bytes, IPv4 and IPv6, get XDP_PASS and leave unchanged.', ko: '정확히 64바이트와 1024바이트인 프레임은 IPv4든 IPv6든 XDP_PASS를 받고 그대로 나갑니다.' },
      kind: 'frames',
      cases: [
        { frame: udp(22), verdict: 'XDP_PASS', output: 'unchanged' },
        { frame: udp(982), verdict: 'XDP_PASS', output: 'unchanged' },
        { frame: { family: 6, l4: { kind: 'udp', dport: 9 }, payload: 2 }, verdict: 'XDP_PASS', output: 'unchanged' },
      ],
    },
    {
      id: 'giants-dropped',
      text: { en: 'Frames of 1025 and 1500 bytes get XDP_DROP.', ko: '1025바이트와 1500바이트 프레임은 XDP_DROP을 받습니다.' },
      kind: 'frames',
      cases: [
        { frame: udp(983), verdict: 'XDP_DROP' },
        { frame: udp(1458), verdict: 'XDP_DROP' },
      ],
    },
    {
      id: 'bytes-counted',
      text: { en: 'passed_bytes holds the lengths of the passed frames, added up: 64 + 1024 + 64.', ko: 'passed_bytes에는 통과한 프레임 길이의 합 64 + 1024 + 64가 들어 있습니다.' },
      kind: 'map',
      expect: { map: 'passed_bytes', entries: [{ key: u32(0), name: 'passed_bytes[0]', value: 1152 }] },
    },
  ],
  live: {
    tools: ['ping'],
    steps: [
      { id: 'network', title: { en: 'Two namespaces joined by a veth pair; your program on the receiving end', ko: 'veth 쌍으로 이은 네임스페이스 두 개, 받는 쪽에 여러분의 프로그램' } },
      { id: 'traffic', title: { en: 'Pings of three sizes', ko: '크기가 다른 ping 세 가지' } },
    ],
    checks: [
      { id: 'live-middle-answered', text: { en: `${PINGS} pings with 100-byte payloads (142-byte frames) are answered.`, ko: `페이로드 100바이트(프레임 142바이트) ping ${PINGS}개가 응답을 받습니다.` } },
      { id: 'live-giants-lost', text: { en: `${PINGS} pings with 1000-byte payloads (1042-byte frames) are lost.`, ko: `페이로드 1000바이트(프레임 1042바이트) ping ${PINGS}개는 사라집니다.` } },
      { id: 'live-runts-lost', text: { en: `${PINGS} pings with 10-byte payloads (52-byte frames) are lost.`, ko: `페이로드 10바이트(프레임 52바이트) ping ${PINGS}개는 사라집니다.` } },
      { id: 'live-bytes-counted', text: { en: 'passed_bytes counts exactly the bytes of the frames that got through.', ko: 'passed_bytes가 통과한 프레임의 바이트 수를 정확히 셉니다.' } },
    ],
    async run(ctx, program) {
      const { a, b } = await ctx.step('network', () => twoHosts(ctx));
      const link = await attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object: program.object, program: program.name });
      await ctx.step('traffic', async () => {
        const answered = async (size: number) => (await ping(ctx, a.netns, b.ipv4, { count: PINGS, size, waitSeconds: 0.2 })).received;
        expectEqual(ctx, 'live-middle-answered', `${PINGS} received`, `${await answered(100)} received`);
        expectEqual(ctx, 'live-giants-lost', '0 received', `${await answered(1000)} received`);
        expectEqual(ctx, 'live-runts-lost', '0 received', `${await answered(10)} received`);
        const map = await progMap(ctx, link.progId!, 'passed_bytes');
        const total = sumOverCpus(entryFor(await dumpPercpuMap<number>(ctx, map.id), 0), (v) => v);
        expectEqual(ctx, 'live-bytes-counted', `${PINGS * 142} bytes`, `${total} bytes`);
      });
    },
  },
};
