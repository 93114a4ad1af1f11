// XDP metadata: bytes an XDP program writes in front of a frame that a tc
// program reads back from the sk_buff of that very frame; and the RX metadata
// kfuncs, which ask the driver what it knows about a frame (veth: the skb's hash).
import { dumpMap, leUint, progMap } from '../lib/bpf-maps.ts';
import { expectContains, expectEqual } from '../lib/checks.ts';
import { buildLivegen, sendLiveFrames } from '../lib/livegen.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { sendUdp } from '../lib/senders.ts';
import { attachTcIngress } from '../lib/tc.ts';
import { buildLoader, loadAndAttach } from '../lib/tracepoint-loader.ts';
import { ping } from '../lib/traffic.ts';
import { attachArgv, attachXdp, compileBpf, describeLink, detachXdp, expectLinks, linkXdp } from '../lib/xdp.ts';
import { twoHosts } from '../lib/topology.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const PINGS = 5;
const DATAGRAMS = 5;
const LIVE_FRAMES = 5;
const MAGIC_BASIC = 0x584c4d42; // "XLMB"
const MAGIC_HINTS = 0x584c4d48; // "XLMH"
const ERRNO: Record<number, string> = { [-13]: 'EACCES', [-22]: 'EINVAL', [-61]: 'ENODATA', [-95]: 'EOPNOTSUPP' };
const RSS_TYPE: Record<number, string> = { 0: 'XDP_RSS_TYPE_NONE', 8: 'XDP_RSS_TYPE_L4_ANY' };
/** The kfunc checks, skipped together on a kernel without them. */
const KFUNC_CHECKS = ['hints-unbound-refused', 'hints-other-device-refused', 'hints-generic-refused', 'hints-bound-attached', 'hints-skb-hash', 'hints-skb-timestamp', 'hints-frame-nodata'] as const;

/** One entry of tc_log (struct tc_seen in bpf/tc_read_meta.c), decoded from its raw bytes. */
export interface TcSeen {
  n: number;
  metaLen: number;
  skbLen: number;
  skbHash: number;
  icmpSeq: number;
  basic: { magic: number; icmpSeq: number; frameLen: number };
  hints: { magic: number; rxHash: number; rxHashType: number; rxHashRet: number; rxTimestamp: bigint; rxTimestampRet: number };
}

const s32 = (bytes: number[]) => leUint(bytes) | 0;
const u64 = (bytes: number[]) => bytes.reduceRight((sum, b) => sum * 256n + BigInt(b), 0n);

export function decodeTcSeen(key: number[], v: number[]): TcSeen {
  return {
    n: leUint(key),
    metaLen: leUint(v.slice(0, 4)),
    skbLen: leUint(v.slice(4, 8)),
    skbHash: leUint(v.slice(8, 12)),
    icmpSeq: leUint(v.slice(12, 16)),
    basic: { magic: leUint(v.slice(16, 20)), icmpSeq: leUint(v.slice(20, 22)), frameLen: leUint(v.slice(22, 24)) },
    hints: {
      magic: leUint(v.slice(24, 28)),
      rxHash: leUint(v.slice(28, 32)),
      rxHashType: leUint(v.slice(32, 36)),
      rxHashRet: s32(v.slice(36, 40)),
      rxTimestamp: u64(v.slice(40, 48)),
      rxTimestampRet: s32(v.slice(48, 52)),
    },
  };
}

const errno = (ret: number) => (ret === 0 ? '0' : `${ret} (${ERRNO[ret] ?? 'errno'})`);
const hex = (n: number) => `0x${n.toString(16)}`;

/** Identical descriptions counted: "5 × a" or "3 × a; 2 × b"; `none` when there are none. */
function tally(lines: string[], none: string): string {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => `${n} × ${l}`).join('; ') || none;
}

/** This lab's own words, in each language: what tc found in the metadata, what the kfuncs returned, and the notes. */
const EN = {
  magic: (magic: string) => `magic ${magic}`,
  seqSame: "seq = tc's",
  seqDiffers: (xdp: number, tc: number) => `seq ${xdp} ≠ tc's ${tc}`,
  lengthSame: (length: number) => `length ${length} = skb's`,
  lengthDiffers: (xdp: number, skb: number) => `length ${xdp} ≠ skb's ${skb}`,
  hashSame: 'hash = skb->hash',
  hashDiffers: (hash: string, skb: string) => `hash ${hash} vs skb->hash ${skb}`,
  hashType: (type: number) => `type ${type}`,
  timestamp: (stamp: bigint) => `timestamp ${stamp}`,
  seenByTc: (seq: number, metaLen: number, magic: string, xdpSeq: number, xdpLength: number, skbLength: number) =>
    `seq ${seq}: ${metaLen} B metadata, magic ${magic}, XDP seq ${xdpSeq}, XDP length ${xdpLength}, skb length ${skbLength}`,
  hints: (hashRet: string, hash: string, type: number, skbHash: string, stampRet: string, stamp: bigint) =>
    `rx_hash ${hashRet}: ${hash} type ${type}, skb->hash ${skbHash}; rx_timestamp ${stampRet}: ${stamp}`,
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    magic: (magic) => `매직 ${magic}`,
    seqSame: 'seq = tc가 파싱한 값',
    seqDiffers: (xdp, tc) => `seq ${xdp} ≠ tc가 파싱한 값 ${tc}`,
    lengthSame: (length) => `길이 ${length} = skb 길이`,
    lengthDiffers: (xdp, skb) => `길이 ${xdp} ≠ skb 길이 ${skb}`,
    hashSame: '해시 = skb->hash',
    hashDiffers: (hash, skb) => `해시 ${hash}, skb->hash는 ${skb}`,
    hashType: (type) => `유형 ${type}`,
    timestamp: (stamp) => `타임스탬프 ${stamp}`,
    seenByTc: (seq, metaLen, magic, xdpSeq, xdpLength, skbLength) =>
      `seq ${seq}: 메타데이터 ${metaLen} B, 매직 ${magic}, XDP가 쓴 seq ${xdpSeq}, XDP가 본 길이 ${xdpLength}, skb 길이 ${skbLength}`,
    hints: (hashRet, hash, type, skbHash, stampRet, stamp) => `rx_hash ${hashRet}: ${hash} 유형 ${type}, skb->hash ${skbHash}; rx_timestamp ${stampRet}: ${stamp}`,
  },
};

/** A reader of tc_log that returns only the frames logged since the last read. */
function tcLogReader(ctx: LabContext, mapId: number): () => Promise<TcSeen[]> {
  let seen = 0;
  return async () => {
    const all = (await dumpMap(ctx, mapId)).map((e) => decodeTcSeen(e.key, e.value)).sort((x, y) => x.n - y.n);
    const fresh = all.filter((f) => f.n > seen);
    seen = Math.max(seen, ...all.map((f) => f.n));
    return fresh;
  };
}

/** Does this kernel have the RX metadata kfuncs, and does veth implement them? */
async function kfuncSupport(ctx: LabContext): Promise<boolean> {
  const symbols = await ctx.target.exec(['grep', '-c', '-w', '-e', 'bpf_xdp_metadata_rx_hash', '-e', 'veth_xdp_rx_hash', '/proc/kallsyms'], { allowFailure: true });
  return Number(symbols.stdout.trim()) >= 2;
}

export const xdpMeta = defineLab({
  name: 'xdp-meta',
  title: { en: 'XDP metadata: from XDP to tc, and from the driver to XDP', ko: 'XDP 메타데이터: XDP에서 tc로, 드라이버에서 XDP로' },
  summary: {
    en: 'An XDP program writes 8 bytes of metadata in front of each frame with bpf_xdp_adjust_meta; a tc program on the same veth reads them back from the sk_buff built from that frame. Then a device-bound program asks the veth driver for the RX hash and timestamp through kfuncs: for frames from the peer the hash is the skb\'s own, for xdp_frames there is none.',
    ko: 'XDP 프로그램이 bpf_xdp_adjust_meta로 프레임 앞에 8바이트 메타데이터를 쓰고, 같은 veth의 tc 프로그램이 그 프레임으로 만든 sk_buff에서 이를 다시 읽습니다. 이어서 장치에 묶인(device-bound) 프로그램이 kfunc로 veth 드라이버에 RX 해시와 타임스탬프를 묻습니다. peer에서 온 프레임이면 해시는 skb 자신의 해시이고, xdp_frame이면 돌려줄 값이 없습니다.',
  },
  page: 'labs/xdp-meta',
  sources: ['bpf/xdp_meta.h', 'bpf/xdp_meta.c', 'bpf/tc_read_meta.c', 'bpf/xdp_meta_hints.c', 'labs/tools/xdp_hold.c', 'bpf/bench_livegen.c', 'labs/tools/livegen.c'],
  topology: [
    '  netns xl-xdp-meta-<id>-a              netns xl-xdp-meta-<id>-b',
    ' ┌─────────────────────────────┐      ┌───────────────────────────────────────┐',
    ' │ ping, UDP, live frames      │      │ veth0 ← XDP: xdp_write_meta (8 B)     │',
    ' │        veth0 ───────────────┼──────┼─►        or xdp_rx_hints (32 B, bound) │',
    ' └─────────────────────────────┘      │       ← tc ingress: tc_read_meta      │',
    '                                      │ xtra0 (a second device, for a refusal) │',
    '                                      └───────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '4.19',
    why: {
      en: 'bpf_xdp_adjust_meta and __sk_buff data_meta arrived in Linux 4.15, native XDP on veth in 4.19. The RX metadata kfuncs need 6.3 (and live frames 5.18): on an older kernel those checks are skipped with the reason.',
      ko: 'bpf_xdp_adjust_meta와 __sk_buff의 data_meta는 리눅스 4.15, veth의 네이티브 XDP는 4.19부터입니다. RX 메타데이터 kfunc는 6.3(라이브 프레임은 5.18)이 필요하므로, 그보다 오래된 커널에서는 해당 확인을 이유와 함께 건너뜁니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'tc', 'bpftool', 'ping', 'bash', '/usr/include/bpf/bpf_helpers.h'],
  minutes: 15,
  steps: [
    { id: 'build', title: { en: 'Compile the XDP and tc programs, the loader and the generator', ko: 'XDP·tc 프로그램, 로더, 생성기 빌드' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'meta', title: { en: 'Write metadata in XDP, read it in tc', ko: 'XDP에서 메타데이터를 쓰고 tc에서 읽기' } },
    { id: 'without', title: { en: 'Detach XDP and look again', ko: 'XDP를 떼고 다시 보기' } },
    { id: 'bound', title: { en: 'Load the kfunc program, unbound and bound', ko: 'kfunc 프로그램을 묶지 않고, 또 묶어서 로드하기' } },
    { id: 'hints', title: { en: 'Ask veth for the RX hash and timestamp', ko: 'veth에 RX 해시와 타임스탬프 묻기' } },
  ],
  checks: [
    { id: 'meta-attached', text: { en: 'xdp_write_meta runs in native mode on b\'s veth0, and tc_read_meta on its clsact ingress.', ko: 'b의 veth0에 xdp_write_meta가 네이티브 모드로, clsact ingress에 tc_read_meta가 붙어 있습니다.' } },
    {
      id: 'meta-unaligned-refused',
      text: { en: 'Asking bpf_xdp_adjust_meta for 6 bytes fails with -EACCES: metadata grows in whole 4-byte words.', ko: 'bpf_xdp_adjust_meta로 6바이트를 요청하면 -EACCES로 실패합니다. 메타데이터는 4바이트 단위로만 늘릴 수 있습니다.' },
    },
    { id: 'meta-pings', text: { en: `All ${PINGS} pings are answered: the metadata does not disturb the stack.`, ko: `ping ${PINGS}개가 모두 응답을 받습니다. 메타데이터는 스택의 처리를 방해하지 않습니다.` } },
    {
      id: 'meta-read-by-tc',
      text: {
        en: `For each of the ${PINGS} echo requests, tc finds exactly 8 bytes of metadata: XDP's magic, the sequence number XDP parsed (the one tc parses itself), and XDP's frame length (the skb's length).`,
        ko: `에코 요청 ${PINGS}개마다 tc가 정확히 8바이트의 메타데이터를 찾습니다. XDP가 쓴 매직 값, XDP가 파싱한 시퀀스 번호(tc가 직접 파싱한 값과 같음), XDP가 본 프레임 길이(skb 길이와 같음)입니다.`,
      },
    },
    {
      id: 'meta-none-without-xdp',
      text: { en: 'With the XDP program detached, tc sees the same echo requests with 0 bytes of metadata.', ko: 'XDP 프로그램을 떼면 tc는 같은 에코 요청을 메타데이터 0바이트로 봅니다.' },
    },
    {
      id: 'hints-unbound-refused',
      text: {
        en: 'Loaded as an ordinary XDP program, xdp_rx_hints is refused: "metadata kfuncs require device-bound program".',
        ko: 'xdp_rx_hints를 평범한 XDP 프로그램으로 로드하면 "metadata kfuncs require device-bound program"이라며 거부됩니다.',
      },
    },
    {
      id: 'hints-other-device-refused',
      text: { en: 'Bound to veth0, it cannot be attached to another device: "Program bound to different device".', ko: 'veth0에 묶인 프로그램은 다른 장치에 붙일 수 없습니다. "Program bound to different device"라고 답합니다.' },
    },
    {
      id: 'hints-generic-refused',
      text: { en: 'Nor can it run in generic mode, where no driver is asked: "Can\'t attach device-bound programs in generic mode".', ko: '드라이버에 물어볼 수 없는 제네릭 모드로도 붙일 수 없습니다. "Can\'t attach device-bound programs in generic mode"라고 답합니다.' },
    },
    { id: 'hints-bound-attached', text: { en: 'Bound to veth0 (BPF_F_XDP_DEV_BOUND_ONLY), it attaches there in native mode.', ko: 'veth0에 묶어서(BPF_F_XDP_DEV_BOUND_ONLY) 로드하면 그 장치에 네이티브 모드로 붙습니다.' } },
    {
      id: 'hints-skb-hash',
      text: {
        en: `For ${DATAGRAMS} UDP datagrams from the peer, bpf_xdp_metadata_rx_hash returns 0 and a hash equal to the skb->hash tc reads: veth has no hardware, so it hands over the skb's own flow hash, typed XDP_RSS_TYPE_L4_ANY.`,
        ko: `peer가 보낸 UDP 데이터그램 ${DATAGRAMS}개에 대해 bpf_xdp_metadata_rx_hash는 0을 반환하고, 해시는 tc가 읽은 skb->hash와 같습니다. veth에는 하드웨어가 없으니 skb 자신의 흐름 해시를 XDP_RSS_TYPE_L4_ANY 유형으로 넘겨줍니다.`,
      },
    },
    {
      id: 'hints-skb-timestamp',
      text: {
        en: 'For the same datagrams bpf_xdp_metadata_rx_timestamp returns 0 with the timestamp 0: the skb carries no hardware timestamp.',
        ko: '같은 데이터그램에 대해 bpf_xdp_metadata_rx_timestamp는 0을 반환하고 타임스탬프도 0입니다. skb에 하드웨어 타임스탬프가 없기 때문입니다.',
      },
    },
    {
      id: 'hints-frame-nodata',
      text: {
        en: `For ${LIVE_FRAMES} live frames (xdp_frames, no skb), both kfuncs return -ENODATA; tc still finds the 32 bytes of metadata the program wrote.`,
        ko: `라이브 프레임 ${LIVE_FRAMES}개(xdp_frame, skb 없음)에 대해서는 두 kfunc 모두 -ENODATA를 반환합니다. 그래도 tc는 프로그램이 쓴 32바이트 메타데이터를 찾습니다.`,
      },
    },
  ],
  async run(ctx) {
    const words = WORDS[ctx.locale];
    const { none, attached } = observed(ctx);
    // Its loader (labs/tools/xdp_hold.c) sets program flags with libbpf's
    // bpf_program__set_flags, which an older libbpf (Debian 11's 0.3) lacks: it cannot be built.
    const libbpf = await ctx.target.exec(['grep', '-q', 'bpf_program__set_flags', '/usr/include/bpf/libbpf.h'], { allowFailure: true });
    if (libbpf.exitCode !== 0) {
      ctx.skip({
        en: "this system's libbpf (/usr/include/bpf/libbpf.h) has no bpf_program__set_flags, which the lab's loader is built with",
        ko: '이 시스템의 libbpf(/usr/include/bpf/libbpf.h)에 실습 로더를 빌드할 때 쓰는 bpf_program__set_flags가 없습니다',
      });
    }
    const built = await ctx.step('build', async () => ({
      meta: await compileBpf(ctx, 'bpf/xdp_meta.c'),
      hints: await compileBpf(ctx, 'bpf/xdp_meta_hints.c'),
      tc: await compileBpf(ctx, 'bpf/tc_read_meta.c'),
      hold: await buildLoader(ctx, 'labs/tools/xdp_hold.c'),
      gen: await buildLivegen(ctx),
    }));
    const { a, b } = await ctx.step('network', () => twoHosts(ctx));
    const xdpSpec = { netns: b.netns, dev: b.dev, mode: 'native' as const };

    const readTcLog = await ctx.step('meta', async () => {
      const link = await attachXdp(ctx, { ...xdpSpec, object: built.meta, program: 'xdp_write_meta' });
      const tc = await attachTcIngress(ctx, { netns: b.netns, dev: b.dev }, built.tc, 'tc');
      expectEqual(ctx, 'meta-attached', 'xdp_write_meta native, tc_read_meta clsact/ingress', `${describeLink(link, ctx.locale)}, ${tc.name} ${tc.kind}`);
      const read = tcLogReader(ctx, (await progMap(ctx, tc.id, 'tc_log')).id);
      const result = await ping(ctx, a.netns, b.ipv4, { count: PINGS });
      expectEqual(ctx, 'meta-pings', `${PINGS}/${PINGS}`, `${result.received}/${result.transmitted}`);
      const [oversize] = await dumpMap(ctx, (await progMap(ctx, link.progId!, 'oversize_ret')).id);
      expectEqual(ctx, 'meta-unaligned-refused', errno(-13), errno(s32(oversize?.value ?? [0, 0, 0, 0])));
      const frames = (await read()).filter((f) => f.icmpSeq > 0);
      for (const f of frames) ctx.note(words.seenByTc(f.icmpSeq, f.metaLen, hex(f.basic.magic), f.basic.icmpSeq, f.basic.frameLen, f.skbLen));
      const describe = (f: TcSeen) =>
        [
          `${f.metaLen} B`,
          words.magic(hex(f.basic.magic)),
          f.basic.icmpSeq === f.icmpSeq ? words.seqSame : words.seqDiffers(f.basic.icmpSeq, f.icmpSeq),
          f.basic.frameLen === f.skbLen ? words.lengthSame(f.basic.frameLen) : words.lengthDiffers(f.basic.frameLen, f.skbLen),
        ].join(', ');
      expectEqual(ctx, 'meta-read-by-tc', `${PINGS} × 8 B, ${words.magic(hex(MAGIC_BASIC))}, ${words.seqSame}, ${words.lengthSame(98)}`, tally(frames.map(describe), none));
      return read;
    });

    await ctx.step('without', async () => {
      await detachXdp(ctx, xdpSpec);
      await ping(ctx, a.netns, b.ipv4, { count: PINGS });
      const frames = (await readTcLog()).filter((f) => f.icmpSeq > 0);
      expectEqual(ctx, 'meta-none-without-xdp', `${PINGS} × 0 B`, tally(frames.map((f) => `${f.metaLen} B`), none));
    });

    if (!(await kfuncSupport(ctx))) {
      ctx.skip(
        {
          en: 'this kernel has no RX metadata kfuncs for veth (bpf_xdp_metadata_rx_hash and veth_xdp_rx_hash are not in /proc/kallsyms; they arrived in Linux 6.3)',
          ko: '이 커널에는 veth용 RX 메타데이터 kfunc가 없습니다(/proc/kallsyms에 bpf_xdp_metadata_rx_hash와 veth_xdp_rx_hash가 없음, 리눅스 6.3부터 지원)',
        },
        KFUNC_CHECKS,
      );
      return;
    }

    await ctx.step('bound', async () => {
      const unbound = await ctx.target.exec(attachArgv({ ...xdpSpec, object: built.hints, program: 'xdp_rx_hints' }), { netns: b.netns, allowFailure: true });
      if (unbound.exitCode === 0) ctx.defer({ en: 'detach xdp_rx_hints', ko: 'xdp_rx_hints 떼기' }, () => detachXdp(ctx, xdpSpec));
      const reason = unbound.stderr.split('\n').find((l) => l.includes('kfunc')) ?? unbound.stderr.trim();
      expectContains(ctx, 'hints-unbound-refused', 'metadata kfuncs require device-bound program', unbound.exitCode === 0 ? attached : reason);

      // A second device in b, for the bound program to be refused on.
      await ctx.target.exec(['ip', 'link', 'add', 'xtra0', 'type', 'veth', 'peer', 'name', 'xtra1'], { netns: b.netns });
      await ctx.target.exec(['ip', 'link', 'set', 'dev', 'xtra0', 'up'], { netns: b.netns });
      // Both refusals come back from the kernel over netlink; libbpf prints its message.
      const refusal = async (options: string[]) => {
        const result = await ctx.target.exec([built.hold, '--bound', ...options, built.hints, 'xdp_rx_hints', b.dev, `${built.hints}.refused.json`], {
          netns: b.netns,
          allowFailure: true,
          timeoutMs: 10_000,
        });
        if (result.exitCode === 0) return attached;
        return result.stderr.split('\n').find((l) => l.includes('Kernel error message')) ?? result.stderr.trim();
      };
      expectContains(ctx, 'hints-other-device-refused', 'Program bound to different device', await refusal(['--attach', 'xtra0']));
      expectContains(ctx, 'hints-generic-refused', "Can't attach device-bound programs in generic mode", await refusal(['--generic']));

      await loadAndAttach(ctx, built.hold, built.hints, { before: ['--bound'], after: ['xdp_rx_hints', b.dev], netns: b.netns });
      const link = await linkXdp(ctx, b.netns, b.dev);
      expectLinks(ctx, 'hints-bound-attached', [{ program: 'xdp_rx_hints', mode: 'native' }], [link]);
    });

    await ctx.step('hints', async () => {
      await sendUdp(ctx, a.netns, b.ipv4, 9, { count: DATAGRAMS, payload: 16 });
      const datagrams = (await readTcLog()).filter((f) => f.hints.magic === MAGIC_HINTS);
      for (const f of datagrams) {
        ctx.note(words.hints(errno(f.hints.rxHashRet), hex(f.hints.rxHash), f.hints.rxHashType, hex(f.skbHash), errno(f.hints.rxTimestampRet), f.hints.rxTimestamp));
      }
      const hashOf = (f: TcSeen) =>
        [
          `ret ${errno(f.hints.rxHashRet)}`,
          f.hints.rxHash === f.skbHash && f.skbHash !== 0 ? words.hashSame : words.hashDiffers(hex(f.hints.rxHash), hex(f.skbHash)),
          RSS_TYPE[f.hints.rxHashType] ?? words.hashType(f.hints.rxHashType),
        ].join(', ');
      expectEqual(ctx, 'hints-skb-hash', `${DATAGRAMS} × ret 0, ${words.hashSame}, XDP_RSS_TYPE_L4_ANY`, tally(datagrams.map(hashOf), none));
      const stampOf = (f: TcSeen) => `ret ${errno(f.hints.rxTimestampRet)}, ${words.timestamp(f.hints.rxTimestamp)}`;
      expectEqual(ctx, 'hints-skb-timestamp', `${DATAGRAMS} × ret 0, ${words.timestamp(0n)}`, tally(datagrams.map(stampOf), none));

      await sendLiveFrames(ctx, built.gen, a, b, { frames: LIVE_FRAMES });
      const frames = (await readTcLog()).filter((f) => f.metaLen > 0 || f.hints.magic !== 0);
      const frameOf = (f: TcSeen) => `${f.metaLen} B, rx_hash ${errno(f.hints.rxHashRet)}, rx_timestamp ${errno(f.hints.rxTimestampRet)}`;
      expectEqual(ctx, 'hints-frame-nodata', `${LIVE_FRAMES} × 32 B, rx_hash -61 (ENODATA), rx_timestamp -61 (ENODATA)`, tally(frames.map(frameOf), none));
    });
  },
});
