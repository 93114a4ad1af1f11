// AF_XDP: an XDP program redirects UDP datagrams to one port into a socket
// that a user-space program reads; the kernel's stack never sees them, while
// every other packet still reaches it.
import { progMap } from '../lib/bpf-maps.ts';
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import { LabError } from '../lib/errors.ts';
import type { Localized } from '../lib/locale.ts';
import { readNstat } from '../lib/nstat.ts';
import { sendUdp } from '../lib/senders.ts';
import { buildLoader } from '../lib/tracepoint-loader.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, expectAttached } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { startWithReadyFile } from '../lib/wait.ts';
import { defineLab } from '../lib/types.ts';

const TO_SOCKET = 8; // datagrams to AF_XDP_PORT: redirected into the socket
const TO_STACK = 3; // datagrams to another port: passed to the stack
const PINGS = 5;
const PAYLOAD = 32;
const FRAME = PAYLOAD + 42; // UDP 8 + IPv4 20 + Ethernet 14
const AF_XDP_PORT = 7777; // as in bpf/af_xdp_redirect.c and labs/tools/af_xdp_rx.c
const OTHER_PORT = 5000;

/** The receiver's JSON line: {"received":N,"bytes":B,"udp_to_port":M}. */
export function parseAfXdpResult(json: string): { received: number; bytes: number; udpToPort: number } {
  const r = JSON.parse(json) as { received?: number; bytes?: number; udp_to_port?: number };
  if (typeof r.received !== 'number' || typeof r.bytes !== 'number' || typeof r.udp_to_port !== 'number') {
    throw new Error(`af_xdp_rx printed no result: ${json}`);
  }
  return { received: r.received, bytes: r.bytes, udpToPort: r.udp_to_port };
}

/** This lab's own words, in each language: the socket's bind mode, frames of frames, and its note. */
const EN = {
  /** af_xdp_rx says how it bound: "copy" (veth has no zero-copy). */
  bound: (mode: string) => `${mode} mode`,
  of: (part: number, whole: number) => `${part} of ${whole}`,
  registered: (dev: string, mapId: number) => `AF_XDP socket bound to ${dev} queue 0, registered in XSKMAP id ${mapId}`,
};
const BOUND_KO: Record<string, string> = { copy: '복사', zerocopy: '제로 카피' };
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    bound: (mode) => `${BOUND_KO[mode] ?? mode} 모드`,
    of: (part, whole) => `${whole}개 중 ${part}개`,
    registered: (dev, mapId) => `AF_XDP 소켓을 ${dev}의 큐 0에 바인드하고 XSKMAP(id ${mapId})에 등록함`,
  },
};

export const afXdp = defineLab({
  name: 'af-xdp',
  title: { en: 'Receive frames in user space with AF_XDP', ko: 'AF_XDP로 사용자 공간에서 프레임 받기' },
  summary: {
    en: 'An XDP program redirects UDP datagrams for one port into an AF_XDP socket; a small C program reads them from its own memory, the kernel stack never counts them, and all other traffic flows on.',
    ko: 'XDP 프로그램이 포트 하나로 가는 UDP 데이터그램을 AF_XDP 소켓으로 리다이렉트합니다. 작은 C 프로그램이 자기 메모리에서 이를 읽고, 커널 스택은 이 데이터그램을 세지 않으며, 다른 트래픽은 그대로 흐릅니다.',
  },
  page: 'labs/af-xdp',
  sources: ['bpf/af_xdp_redirect.c', 'labs/tools/af_xdp_rx.c'],
  topology: [
    '  netns xl-af-xdp-<id>-a               netns xl-af-xdp-<id>-b',
    ' ┌──────────────────────────┐        ┌──────────────────────────────────────────┐',
    ' │ bash /dev/udp, ping      │        │ veth0 ← af_xdp_redirect (native)         │',
    ' │ veth0 ───────────────────┼────────┼─→ UDP :7777 → XSKMAP[queue 0]            │',
    ' └──────────────────────────┘        │      → AF_XDP socket → af_xdp_rx (UMEM) │',
    '                                     │   everything else → kernel stack         │',
    '                                     └──────────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.3',
    why: {
      en: 'AF_XDP arrived in Linux 4.18 and native XDP on veth in 4.19; the fallback verdict in bpf_redirect_map\'s flags, which passes frames while no socket is registered, in 5.3.',
      ko: 'AF_XDP는 리눅스 4.18, veth의 네이티브 XDP는 4.19부터입니다. 등록된 소켓이 없을 때 프레임을 통과시키는 bpf_redirect_map의 flags 대체 액션은 5.3부터입니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'nstat', 'bash', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile the XDP program and build the AF_XDP receiver', ko: 'XDP 프로그램을 컴파일하고 AF_XDP 수신기 빌드' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach af_xdp_redirect to the receiving veth', ko: '받는 쪽 veth에 af_xdp_redirect 붙이기' } },
    { id: 'socket', title: { en: 'Open an AF_XDP socket on queue 0 and register it in the XSKMAP', ko: '큐 0에 AF_XDP 소켓을 열고 XSKMAP에 등록' } },
    { id: 'traffic', title: { en: 'Send UDP to the socket\'s port, UDP elsewhere, and pings', ko: '소켓의 포트로 UDP, 다른 포트로 UDP, 그리고 ping 보내기' } },
  ],
  checks: [
    { id: 'attached', text: { en: 'ip link shows af_xdp_redirect attached in native mode.', ko: 'ip link가 네이티브 모드로 붙은 af_xdp_redirect를 보여 줍니다.' } },
    { id: 'socket-bound', text: { en: 'The socket binds to queue 0 of the veth in copy mode (veth has no zero-copy support).', ko: '소켓이 veth의 큐 0에 복사 모드로 바인드됩니다(veth는 제로 카피를 지원하지 않습니다).' } },
    { id: 'frames-received', text: { en: `The socket receives exactly the ${TO_SOCKET} datagrams sent to port ${AF_XDP_PORT}, ${FRAME} bytes each.`, ko: `소켓은 ${AF_XDP_PORT}번 포트로 보낸 데이터그램 ${TO_SOCKET}개를 정확히, 각각 ${FRAME}바이트로 받습니다.` } },
    { id: 'frames-checked', text: { en: `Every frame the socket read is an IPv4 UDP datagram to port ${AF_XDP_PORT}: the program redirected nothing else.`, ko: `소켓이 읽은 프레임은 모두 ${AF_XDP_PORT}번 포트로 가는 IPv4 UDP 데이터그램입니다. 프로그램은 다른 것은 리다이렉트하지 않았습니다.` } },
    { id: 'stack-bypassed', text: { en: `The receiver's UDP layer counts only the ${TO_STACK} datagrams to port ${OTHER_PORT}: the redirected ones never entered the stack.`, ko: `받는 쪽 UDP 계층은 ${OTHER_PORT}번 포트로 간 데이터그램 ${TO_STACK}개만 셉니다. 리다이렉트된 데이터그램은 스택에 들어가지 않았습니다.` } },
    { id: 'others-pass', text: { en: `All ${PINGS} pings are answered: what the program does not redirect goes on to the stack.`, ko: `ping ${PINGS}개가 모두 응답을 받습니다. 프로그램이 리다이렉트하지 않은 것은 스택으로 갑니다.` } },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { frames, bytes, datagrams, received } = observed(ctx);
    const { object, receiver } = await ctx.step('build', async () => ({
      object: await compileBpf(ctx, 'bpf/af_xdp_redirect.c'),
      receiver: await buildLoader(ctx, 'labs/tools/af_xdp_rx.c'),
    }));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const link = await ctx.step('attach', () => expectAttached(ctx, 'attached', { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'af_xdp_redirect' }));

    const socket = await ctx.step('socket', async () => {
      const xsks = await progMap(ctx, link.progId!, 'xsks');
      // The receiver runs in b's namespace: the device name and queue it binds to are b's.
      const { child, ready } = await startWithReadyFile(ctx, 'af-xdp', (file) => [receiver, b.dev, '0', String(xsks.id), String(TO_SOCKET), file], {
        netns: b.netns,
        what: { en: 'the AF_XDP receiver', ko: 'AF_XDP 수신기' },
      });
      const { bound } = JSON.parse(ready) as { bound: string };
      expectEqual(ctx, 'socket-bound', words.bound('copy'), words.bound(bound));
      ctx.note(words.registered(b.dev, xsks.id));
      return child;
    });

    await ctx.step('traffic', async () => {
      const udp = ['UdpInDatagrams', 'UdpNoPorts'];
      const before = await readNstat(ctx, b.netns, udp);
      await sendUdp(ctx, a.netns, b.ipv4, AF_XDP_PORT, { count: TO_SOCKET, payload: PAYLOAD });
      await sendUdp(ctx, a.netns, b.ipv4, OTHER_PORT, { count: TO_STACK, payload: PAYLOAD });
      const pings = await ping(ctx, a.netns, b.ipv4, { count: PINGS });
      const after = await readNstat(ctx, b.netns, udp);

      // The receiver exits once it has read TO_SOCKET frames (or after 10 s without one).
      const done = await socket.exited;
      if (done.exitCode !== 0) throw new LabError({ en: 'the AF_XDP receiver failed', ko: 'AF_XDP 수신기가 실패했습니다' }, { exitCode: done.exitCode, stderr: done.stderr });
      const result = parseAfXdpResult(done.stdout.trim());
      expectEqual(ctx, 'frames-received', `${frames(TO_SOCKET)}, ${bytes(TO_SOCKET * FRAME)}`, `${frames(result.received)}, ${bytes(result.bytes)}`);
      expectEqual(ctx, 'frames-checked', words.of(result.received, result.received), words.of(result.udpToPort, result.received));
      const stack = udp.reduce((sum, n) => sum + after[n]! - before[n]!, 0);
      expectEqual(ctx, 'stack-bypassed', datagrams(TO_STACK), datagrams(stack));
      expectEqual(ctx, 'others-pass', received(PINGS), received(pings.received));
    });
  },
});
