// Jumbo frames and XDP on a veth: at MTU 9000 a frame no longer fits one
// page-sized XDP buffer, so the kernel refuses programs that did not declare
// frags support, accepts an xdp.frags program, and hands it the frame as a head
// plus fragments, read across with bpf_xdp_load_bytes.
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectContains, expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { quietNamespace, vethBetween, type Endpoint } from '../lib/net.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, describeLink, detachXdp, linkXdp, tryAttach } from '../lib/xdp.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const JUMBO_MTU = 9000;
const JUMBO_PAYLOAD = 8000; // ICMP data bytes: the frame is 8042 bytes
// A whole number of ping's 16-byte patterns: older iputils (Debian 12) leave the bytes past
// the last whole repeat zero, newer ones (Debian 13) fill them too, so with none the frame is the same.
const SMALL_PAYLOAD = 96;
const HEADERS = 14 + 20 + 8; // Ethernet, IPv4, ICMP
/**
 * ping -p: 16 bytes that ping repeats through the ICMP data. Older iputils
 * write whole repeats only, so data bytes past the last one stay zero (newer
 * ones fill them); its first 16 bytes of data are its timestamp.
 */
const PATTERN = 'xdp.frags-jumbo!';

/** The byte at `offset` of a frame that ping sent with -p PATTERN and `dataLen` bytes of data. */
export function patternByte(offset: number, dataLen: number): number {
  const k = offset - HEADERS;
  if (k < 16 || k >= dataLen) throw new RangeError(`offset ${offset} is not in ping's patterned data`);
  return k < dataLen - (dataLen % PATTERN.length) ? PATTERN.charCodeAt(k % PATTERN.length) : 0;
}

/** Bytes as a quoted string, printable ASCII as is, anything else as \xNN. */
export function quoted(bytes: readonly number[]): string {
  return `"${bytes.map((b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}"`;
}

/** struct frags_seen in bpf/xdp_frags.c, from the map's raw value bytes. */
export interface FragsSeen {
  frames: number;
  totalLen: number;
  headLen: number;
  boundaryOff: number;
  boundaryRet: number;
  tailRet: number;
  boundary: number[];
  tail: number[];
}

export function decodeFragsSeen(v: readonly number[]): FragsSeen {
  const u32 = (at: number) => leUint(v.slice(at, at + 4));
  return {
    frames: u32(0),
    totalLen: u32(4),
    headLen: u32(8),
    boundaryOff: u32(12),
    boundaryRet: u32(16) | 0,
    tailRet: u32(20) | 0,
    boundary: v.slice(24, 40),
    tail: v.slice(40, 56),
  };
}

const range = (from: number, n: number, dataLen: number) => Array.from({ length: n }, (_, i) => patternByte(from + i, dataLen));
/** The sentence after "Error: " in what ip printed, without its full stop. */
const kernelSays = (message: string) => message.replace(/^Error: /, '').replace(/\.$/, '');

/** This lab's own words, in each language: the MTUs tried, the head and its fragments, the bytes read at an offset, its note. */
const EN = {
  accepted: 'accepted',
  capsMtu: (small: string, jumbo: number, raised: string) => `at MTU 1500: ${small}; peer to MTU ${jumbo}: ${raised}`,
  headShorter: (total: number) => `a head shorter than ${total} bytes, the rest in fragments`,
  headAndFragments: (head: number, fragments: number) => `head ${head} bytes, fragments ${fragments} bytes`,
  readAt: (offset: number, ret: number, bytes: string) => `at ${offset}: ret ${ret}, ${bytes}`,
  offsetInHeaders: '(offset in the headers)',
  oneBuffer: (total: number, head: number, boundary: string, last: string) => `${total} bytes, head ${head}, ${boundary}; last 16: ${last}`,
  noBoundary: 'no boundary',
  boundaryAt: (offset: number) => `boundary at ${offset}`,
  peerMaxMtu: (dev: string, maxMtu: number | string) => `with xdp_no_frags on b, a's ${dev} reports max_mtu ${maxMtu}`,
};
// The lab's sentences call a fragment 조각, as its page does.
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    accepted: '받아들여짐',
    capsMtu: (small, jumbo, raised) => `MTU 1500에서: ${small}; peer MTU → ${jumbo}: ${raised}`,
    headShorter: (total) => `${total}바이트보다 짧은 헤드, 나머지는 조각에`,
    headAndFragments: (head, fragments) => `헤드 ${head}바이트, 조각 ${fragments}바이트`,
    readAt: (offset, ret, bytes) => `오프셋 ${offset}: ret ${ret}, ${bytes}`,
    offsetInHeaders: '(헤더 안의 오프셋)',
    oneBuffer: (total, head, boundary, last) => `${total}바이트, 헤드 ${head}, ${boundary}; 마지막 16바이트: ${last}`,
    noBoundary: '경계 없음',
    boundaryAt: (offset) => `경계 오프셋 ${offset}`,
    peerMaxMtu: (dev, maxMtu) => `b에 xdp_no_frags가 붙은 동안 a의 ${dev}: max_mtu ${maxMtu}`,
  },
};

async function setMtu(ctx: LabContext, end: Endpoint, mtu: number, allowFailure = false) {
  const result = await ctx.target.exec(['ip', 'link', 'set', 'dev', end.dev, 'mtu', String(mtu)], { netns: end.netns, allowFailure });
  return result.exitCode === 0 ? WORDS[ctx.locale].accepted : kernelSays(result.stderr.trim().split('\n').find((l) => l.startsWith('Error:')) ?? result.stderr.trim());
}

export const xdpFrags = defineLab({
  name: 'xdp-frags',
  title: { en: 'Jumbo frames: XDP programs with frags', ko: '점보 프레임: frags를 지원하는 XDP 프로그램' },
  summary: {
    en: "At MTU 9000 a frame does not fit one page-sized XDP buffer. The kernel refuses to attach a program that did not declare frags support, accepts an xdp.frags program, and gives it the frame as a head plus fragments: bpf_xdp_get_buff_len sees the whole length, bpf_xdp_load_bytes reads across the boundary.",
    ko: 'MTU 9000에서는 프레임이 페이지 크기의 XDP 버퍼 하나에 들어가지 않습니다. 커널은 frags 지원을 선언하지 않은 프로그램을 붙이지 못하게 하고, xdp.frags 프로그램은 받아들여 프레임을 헤드와 조각들로 넘깁니다. bpf_xdp_get_buff_len은 전체 길이를 보고, bpf_xdp_load_bytes는 경계를 넘어 읽습니다.',
  },
  page: 'labs/xdp-frags',
  sources: ['bpf/xdp_frags.c'],
  topology: [
    '  netns xl-xdp-frags-<id>-a              netns xl-xdp-frags-<id>-b',
    ' ┌──────────────────────────────┐      ┌──────────────────────────────────────┐',
    ' │ ping -s 8000 -p …            │      │ veth0 10.x.y.2, MTU 9000             │',
    ' │ veth0 10.x.y.1, MTU 9000 ────┼──────┼─→ ← xdp_no_frags: refused            │',
    ' └──────────────────────────────┘      │   ← xdp_frags_read (xdp.frags)     │',
    '                                       └──────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.18',
    why: {
      en: 'XDP multi-buffer (BPF_F_XDP_HAS_FRAGS, bpf_xdp_get_buff_len, bpf_xdp_load_bytes) and jumbo frames on veth in XDP mode all arrived in Linux 5.18; on an older kernel the lab probes, and reports skip with the kernel’s refusal.',
      ko: 'XDP 멀티 버퍼(BPF_F_XDP_HAS_FRAGS, bpf_xdp_get_buff_len, bpf_xdp_load_bytes)와 XDP 모드 veth의 점보 프레임이 모두 리눅스 5.18에서 들어왔습니다. 더 오래된 커널에서는 실습이 이를 확인한 뒤 커널의 거부 메시지와 함께 건너뜀으로 보고합니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_frags.c', ko: 'bpf/xdp_frags.c 컴파일' } },
    { id: 'network', title: { en: `Create two namespaces joined by a veth pair at MTU ${JUMBO_MTU}`, ko: `MTU ${JUMBO_MTU}인 veth 쌍으로 네임스페이스 두 개 연결` } },
    { id: 'plain', title: { en: 'Try to attach a program without frags support', ko: 'frags를 지원하지 않는 프로그램을 붙여 보기' } },
    { id: 'frags', title: { en: 'Attach the xdp.frags program', ko: 'xdp.frags 프로그램 붙이기' } },
    { id: 'jumbo', title: { en: `Ping with ${JUMBO_PAYLOAD} bytes of data and read what the program saw`, ko: `데이터 ${JUMBO_PAYLOAD}바이트로 ping하고 프로그램이 본 것 읽기` } },
    { id: 'small', title: { en: `Ping with ${SMALL_PAYLOAD} bytes, for comparison`, ko: `비교를 위해 ${SMALL_PAYLOAD}바이트로 ping` } },
  ],
  checks: [
    {
      id: 'plain-refused',
      text: {
        en: `With both ends at MTU ${JUMBO_MTU}, attaching xdp_no_frags (plain SEC("xdp")) is refused: "Peer MTU is too large to set XDP".`,
        ko: `양쪽 MTU가 ${JUMBO_MTU}이면 xdp_no_frags(평범한 SEC("xdp"))는 붙지 않습니다: "Peer MTU is too large to set XDP".`,
      },
    },
    {
      id: 'plain-caps-mtu',
      text: {
        en: 'The other way round: at MTU 1500 xdp_no_frags attaches, and then raising the peer’s MTU to 9000 is refused: the program capped it.',
        ko: '반대 순서도 마찬가지입니다. MTU 1500에서는 xdp_no_frags가 붙지만, 그다음 peer의 MTU를 9000으로 올리려 하면 거부됩니다. 프로그램이 MTU 상한을 정해 버렸습니다.',
      },
    },
    {
      id: 'frags-attached',
      text: {
        en: `At MTU ${JUMBO_MTU}, ip link shows xdp_frags_read (SEC("xdp.frags")) attached in native mode.`,
        ko: `MTU ${JUMBO_MTU}에서 ip link가 네이티브 모드로 붙은 xdp_frags_read(SEC("xdp.frags"))를 보여 줍니다.`,
      },
    },
    {
      id: 'jumbo-whole-length',
      text: {
        en: `For one ${JUMBO_PAYLOAD}-byte ping, bpf_xdp_get_buff_len returned the whole frame: ${JUMBO_PAYLOAD + HEADERS} bytes.`,
        ko: `${JUMBO_PAYLOAD}바이트 ping 하나에 대해 bpf_xdp_get_buff_len은 프레임 전체인 ${JUMBO_PAYLOAD + HEADERS}바이트를 돌려주었습니다.`,
      },
    },
    {
      id: 'jumbo-in-fragments',
      text: {
        en: 'data_end - data, the part a program can touch directly, is only the head: shorter than the frame, the rest being in fragments.',
        ko: '프로그램이 직접 접근할 수 있는 data_end - data는 헤드뿐입니다. 프레임보다 짧고, 나머지는 조각에 있습니다.',
      },
    },
    {
      id: 'boundary-read',
      text: {
        en: "bpf_xdp_load_bytes read 16 bytes starting 8 bytes before the head's end, returned 0, and got exactly the bytes ping put there.",
        ko: 'bpf_xdp_load_bytes가 헤드 끝 8바이트 앞에서부터 16바이트를 읽어 0을 돌려주었고, ping이 그 자리에 넣은 바이트를 정확히 얻었습니다.',
      },
    },
    {
      id: 'tail-read',
      text: {
        en: "It read the frame's last 16 bytes too, from the last fragment, exactly as sent.",
        ko: '프레임의 마지막 16바이트도 마지막 조각에서 보낸 그대로 읽었습니다.',
      },
    },
    {
      id: 'jumbo-answered',
      text: {
        en: "The program passed the frame and b's stack answered: the sk_buff built from head and fragments held all the data (b checked the ICMP checksum, ping the reply's data).",
        ko: '프로그램이 프레임을 통과시켰고 b의 스택이 응답했습니다. 헤드와 조각으로 만든 sk_buff에 데이터가 모두 들어 있었습니다(b는 ICMP 체크섬을, ping은 응답 데이터를 확인합니다).',
      },
    },
    {
      id: 'small-one-buffer',
      text: {
        en: `A ${SMALL_PAYLOAD}-byte ping arrives in one buffer: the head is the whole frame, and there is no boundary to read across.`,
        ko: `${SMALL_PAYLOAD}바이트 ping은 버퍼 하나로 도착합니다. 헤드가 프레임 전체이고, 넘어 읽을 경계가 없습니다.`,
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { attached, sentReceived, echoRequests, bytes } = observed(ctx);
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_frags.c'));
    const { a, b } = await ctx.step('network', async () => {
      const [nsA, nsB] = [await ctx.netns('a'), await ctx.netns('b')];
      for (const ns of [nsA, nsB]) await quietNamespace(ctx, ns);
      return vethBetween(ctx, nsA, nsB, { mtu: JUMBO_MTU });
    });
    const at = (program: string) => ({ netns: b.netns, dev: b.dev, mode: 'native' as const, object, program });

    /** A kernel without frags (before 5.18) refuses the frags program, or its libbpf cannot even open the object: skip the lab. */
    const skipWithout = async (message: string): Promise<never> => {
      const { stdout: release } = await ctx.target.exec(['uname', '-r']);
      const why = kernelSays(message);
      return ctx.skip({
        en: `Linux ${release.trim()} refused an xdp.frags program on a veth at MTU ${JUMBO_MTU} (${why}): XDP frags on veth need Linux 5.18`,
        ko: `리눅스 ${release.trim()}가 MTU ${JUMBO_MTU}인 veth에 xdp.frags 프로그램을 붙이지 못하게 했습니다(${why}). veth의 XDP frags는 리눅스 5.18부터입니다`,
      });
    };

    await ctx.step('plain', async () => {
      // The probe first: before 5.18 the plain program's refusal would not be about frags at all
      // (Debian 11's libbpf cannot open this object), so the lab skips before it checks anything.
      const probe = await tryAttach(ctx, at('xdp_frags_read'));
      if (!probe.ok) await skipWithout(probe.message);
      await detachXdp(ctx, at('xdp_frags_read'));

      const refused = await tryAttach(ctx, at('xdp_no_frags'));
      expectContains(ctx, 'plain-refused', 'Peer MTU is too large to set XDP', refused.ok ? attached : refused.message);
      if (refused.ok) await detachXdp(ctx, at('xdp_no_frags'));

      // The same limit seen from the other side: a plain program pins the peer's maximum MTU.
      for (const end of [a, b]) await setMtu(ctx, end, 1500);
      const small = await tryAttach(ctx, at('xdp_no_frags'));
      const { stdout } = await ctx.target.exec(['ip', '-d', '-j', 'link', 'show', 'dev', a.dev], { netns: a.netns });
      const [peer] = JSON.parse(stdout) as { max_mtu?: number }[];
      ctx.note(words.peerMaxMtu(a.dev, peer?.max_mtu ?? '?'));
      const raised = await setMtu(ctx, a, JUMBO_MTU, true);
      expectEqual(
        ctx,
        'plain-caps-mtu',
        words.capsMtu(attached, JUMBO_MTU, 'mtu greater than device maximum'),
        words.capsMtu(small.ok ? attached : kernelSays(small.message), JUMBO_MTU, raised),
      );
      await detachXdp(ctx, at('xdp_no_frags'));
      for (const end of [a, b]) await setMtu(ctx, end, JUMBO_MTU);
    });

    const link = await ctx.step('frags', async () => {
      const accepted = await tryAttach(ctx, at('xdp_frags_read'));
      if (!accepted.ok) await skipWithout(accepted.message);
      const shownLink = await linkXdp(ctx, b.netns, b.dev);
      expectEqual(ctx, 'frags-attached', 'xdp_frags_read native', describeLink(shownLink, ctx.locale));
      return shownLink;
    });
    const seenMap = (await progMap(ctx, link.progId!, 'last_echo')).id;
    const readSeen = async () => decodeFragsSeen((await dumpMap(ctx, seenMap))[0]!.value);
    const hexPattern = Buffer.from(PATTERN, 'latin1').toString('hex');

    await ctx.step('jumbo', async () => {
      const result = await ping(ctx, a.netns, b.ipv4, { count: 1, size: JUMBO_PAYLOAD, pattern: hexPattern, waitSeconds: 2 });
      const seen = await readSeen();
      const total = JUMBO_PAYLOAD + HEADERS;
      expectEqual(ctx, 'jumbo-whole-length', `${echoRequests(1)}, ${bytes(total)}`, `${echoRequests(seen.frames)}, ${bytes(seen.totalLen)}`);
      ctx.record({
        id: 'jumbo-in-fragments',
        ok: seen.headLen > 0 && seen.headLen < seen.totalLen,
        expected: words.headShorter(total),
        observed: words.headAndFragments(seen.headLen, seen.totalLen - seen.headLen),
      });
      const boundaryExpected = seen.boundaryOff >= HEADERS + 16 ? quoted(range(seen.boundaryOff, 16, JUMBO_PAYLOAD)) : words.offsetInHeaders;
      expectEqual(ctx, 'boundary-read', words.readAt(seen.boundaryOff, 0, boundaryExpected), words.readAt(seen.boundaryOff, seen.boundaryRet, quoted(seen.boundary)));
      expectEqual(ctx, 'tail-read', words.readAt(total - 16, 0, quoted(range(total - 16, 16, JUMBO_PAYLOAD))), words.readAt(seen.totalLen - 16, seen.tailRet, quoted(seen.tail)));
      expectEqual(ctx, 'jumbo-answered', sentReceived(1, 1), sentReceived(result.transmitted, result.received));
    });

    await ctx.step('small', async () => {
      await ping(ctx, a.netns, b.ipv4, { count: 1, size: SMALL_PAYLOAD, pattern: hexPattern, waitSeconds: 2 });
      const seen = await readSeen();
      const total = SMALL_PAYLOAD + HEADERS;
      expectEqual(
        ctx,
        'small-one-buffer',
        words.oneBuffer(total, total, words.noBoundary, quoted(range(total - 16, 16, SMALL_PAYLOAD))),
        words.oneBuffer(seen.totalLen, seen.headLen, seen.boundaryRet === 1 ? words.noBoundary : words.boundaryAt(seen.boundaryOff), quoted(seen.tail)),
      );
    });
  },
});
