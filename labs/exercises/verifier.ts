// The verifier explained. When the kernel refuses a program, its log ends with
// a reason in the verifier's own terms ("R2 invalid mem access
// 'map_value_or_null'"). Here the log is reduced to three things a learner can
// act on: their own source line (from the BTF line info the log carries as
// "; <source> @ file.c:LINE"), the reason, and a hint for that class of error,
// in the learner's language.
import type { Locale, Text } from '../lib/locale.ts';

export type VerifierClass =
  | 'packet-bounds'
  | 'unbounded-offset'
  | 'loop'
  | 'too-complex'
  | 'null-check'
  | 'stale-pointer'
  | 'gpl-only'
  | 'uninitialised'
  | 'unavailable-helper'
  | 'bad-return'
  | 'other';

interface ClassRule {
  id: VerifierClass;
  /** Matched against the reason lines of the log (and libbpf's own messages). */
  patterns: RegExp[];
  title: Text;
  hint: Text;
}

// Order matters: the first rule whose pattern matches the reason wins, and a
// more specific message must come before a general one that also matches it.
const RULES: ClassRule[] = [
  {
    id: 'gpl-only',
    patterns: [/cannot call GPL-restricted function from non-GPL compatible program/, /GPL-incompatible/i],
    title: { en: 'a GPL-only helper in a program without a GPL license', ko: 'GPL 라이선스가 없는 프로그램에서 GPL 전용 헬퍼 호출' },
    hint: {
      en: 'Some helpers (bpf_trace_printk behind bpf_printk, among others) are for GPL-compatible programs only. Declare the license at the end of the file: char _license[] SEC("license") = "GPL";',
      ko: '일부 헬퍼(bpf_printk가 부르는 bpf_trace_printk 등)는 GPL 호환 프로그램만 쓸 수 있습니다. 파일 끝에 라이선스를 선언하세요: char _license[] SEC("license") = "GPL";',
    },
  },
  {
    id: 'unavailable-helper',
    patterns: [
      /unknown func /,
      /program of this type cannot use helper/,
      /calling kernel function .* is not allowed/,
      /kernel function .* (?:is not|not) (?:allowed|supported)/,
      /extern \(func ksym\) '[^']+': not found in kernel/,
      /failed to find BTF for extern '[^']+'/,
      /helper call is not allowed/,
    ],
    title: { en: 'a helper or kfunc this program type or kernel does not offer', ko: '이 프로그램 타입이나 커널이 제공하지 않는 헬퍼 또는 kfunc' },
    hint: {
      en: 'Every helper is allowed for some program types and exists from some kernel version on. Check the helper in `man bpf-helpers` (or docs.ebpf.io) for XDP and for this kernel (`uname -r`), and use one XDP programs may call.',
      ko: '헬퍼마다 쓸 수 있는 프로그램 타입과 처음 들어온 커널 버전이 정해져 있습니다. `man bpf-helpers`(또는 docs.ebpf.io)에서 그 헬퍼가 XDP와 이 커널(`uname -r`)에서 되는지 확인하고, XDP 프로그램이 부를 수 있는 헬퍼를 쓰세요.',
    },
  },
  {
    id: 'null-check',
    patterns: [/invalid mem access '(?:map_value_or_null|ptr_or_null_|mem_or_null|\w+_or_null)'/, /_or_null/],
    title: { en: 'a map lookup used without a NULL check', ko: 'NULL 검사 없이 쓴 맵 조회 결과' },
    hint: {
      en: 'bpf_map_lookup_elem() returns NULL when the key is not in the map. Check the pointer before you read or write through it: if (!value) return XDP_PASS;',
      ko: 'bpf_map_lookup_elem()은 키가 맵에 없으면 NULL을 돌려줍니다. 포인터로 읽거나 쓰기 전에 먼저 확인하세요: if (!value) return XDP_PASS;',
    },
  },
  {
    // After the null-check rule: "'map_value_or_null'" is a more specific message of the same shape.
    id: 'stale-pointer',
    patterns: [/invalid mem access '(?:scalar|inv)'/],
    title: { en: 'a pointer used after the verifier stopped treating it as one', ko: '검증기가 더는 포인터로 보지 않는 값을 포인터로 사용' },
    hint: {
      en: 'Helpers that can move the packet (bpf_xdp_adjust_head, bpf_xdp_adjust_tail, bpf_xdp_adjust_meta) make the verifier forget every packet pointer from before the call. After such a call, load ctx->data and ctx->data_end again, rebuild your header pointers from them and check them against data_end again.',
      ko: '패킷을 옮길 수 있는 헬퍼(bpf_xdp_adjust_head, bpf_xdp_adjust_tail, bpf_xdp_adjust_meta)를 부르면, 검증기는 그 전에 만든 패킷 포인터를 모두 잊습니다. 호출한 뒤에는 ctx->data와 ctx->data_end를 다시 읽고, 거기서 헤더 포인터를 새로 만들어 data_end와 다시 비교하세요.',
    },
  },
  {
    id: 'unbounded-offset',
    patterns: [
      /math between pkt pointer and register with unbounded min value is not allowed/,
      /unbounded memory access/,
      /value .* makes pkt pointer be out of bounds/,
      /pointer arithmetic .* prohibited/,
      /offset is outside of the packet.*var_off/,
    ],
    title: { en: 'a packet pointer moved by a value the verifier cannot bound', ko: '검증기가 범위를 알 수 없는 값만큼 옮긴 패킷 포인터' },
    hint: {
      en: 'An offset read from the packet (an IHL, a header length) can be anything to the verifier. Bound it before adding it to a pointer (ihl & 0x0f, or if (len > 60) return XDP_PASS;), then check the moved pointer against data_end again.',
      ko: '패킷에서 읽은 오프셋(IHL, 헤더 길이 등)은 검증기가 보기에 어떤 값이든 될 수 있습니다. 포인터에 더하기 전에 범위를 정하고(ihl & 0x0f, 또는 if (len > 60) return XDP_PASS;), 옮긴 포인터를 다시 data_end와 비교하세요.',
    },
  },
  {
    id: 'packet-bounds',
    patterns: [/invalid access to packet/, /R\d+ offset is outside of the packet/, /invalid (?:read|write|access) .*pkt/],
    title: { en: 'a packet read or write without a bounds check', ko: '경계 검사 없는 패킷 읽기·쓰기' },
    hint: {
      en: 'Before touching a header, prove to the verifier that its last byte is before data_end: if ((void *)(eth + 1) > data_end) return XDP_PASS; and only then read eth->h_proto. Every pointer you move needs its own check.',
      ko: '헤더를 건드리기 전에 그 헤더의 마지막 바이트가 data_end 앞에 있음을 검증기에 보여 주세요: if ((void *)(eth + 1) > data_end) return XDP_PASS; 를 쓴 다음에 eth->h_proto를 읽습니다. 포인터를 옮길 때마다 다시 확인해야 합니다.',
    },
  },
  {
    id: 'loop',
    patterns: [/back-edge from insn/, /infinite loop detected/, /loop detected/, /unbounded loop/],
    title: { en: 'a loop the verifier cannot prove ends', ko: '끝난다는 것을 검증기가 증명할 수 없는 반복문' },
    hint: {
      en: 'The verifier must see that every loop ends. Give the loop a constant upper bound (for (int i = 0; i < MAX_TAGS; i++)), or use bpf_loop(); a bound read from the packet is not one.',
      ko: '검증기는 모든 반복문이 끝난다는 것을 확인할 수 있어야 합니다. 상한을 상수로 두거나(for (int i = 0; i < MAX_TAGS; i++)) bpf_loop()를 쓰세요. 패킷에서 읽은 값은 상한이 되지 못합니다.',
    },
  },
  {
    id: 'too-complex',
    patterns: [/BPF program is too large/, /The sequence of \d+ jumps is too complex/, /program too large/i, /too many states/i, /combined stack size/],
    title: { en: 'a program too large or too complex to verify', ko: '검증하기에 너무 크거나 복잡한 프로그램' },
    hint: {
      en: 'The verifier walks every path, up to a million instructions. Fewer branches help: smaller constant loop bounds, less #pragma unroll, one parsing pass instead of several, shared code in one place.',
      ko: '검증기는 모든 경로를 최대 백만 명령어까지 따라갑니다. 분기를 줄이세요: 반복 상한을 작게, #pragma unroll은 덜, 여러 번 대신 한 번에 파싱, 같은 코드는 한곳에.',
    },
  },
  {
    id: 'uninitialised',
    patterns: [/R\d+ !read_ok/, /invalid (?:indirect )?read from stack/, /uninit/i, /invalid size of register fill/],
    title: { en: 'a register or stack slot read before it was written', ko: '값을 넣기 전에 읽은 레지스터나 스택' },
    hint: {
      en: 'Some variable is read on a path where nothing was stored in it. Initialise it where you declare it (struct key k = {}; __u64 zero = 0;) and make sure every path that uses it sets it first.',
      ko: '어떤 경로에서 아직 값이 없는 변수를 읽고 있습니다. 선언할 때 초기화하고(struct key k = {}; __u64 zero = 0;), 그 변수를 쓰는 모든 경로가 먼저 값을 넣는지 확인하세요.',
    },
  },
  {
    id: 'bad-return',
    patterns: [/At program exit the register R0 has/, /R0 leaks addr as return value/, /last insn is not an exit or jmp/],
    title: { en: 'a return value the verifier does not accept', ko: '검증기가 받아들이지 않는 반환값' },
    hint: {
      en: 'An XDP program returns one of XDP_ABORTED, XDP_DROP, XDP_PASS, XDP_TX or XDP_REDIRECT on every path, never a pointer.',
      ko: 'XDP 프로그램은 모든 경로에서 XDP_ABORTED, XDP_DROP, XDP_PASS, XDP_TX, XDP_REDIRECT 중 하나를 돌려줘야 하며, 포인터를 돌려주면 안 됩니다.',
    },
  },
];

const E2BIG = 7;
const RULE_BY_ID = Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<Exclude<VerifierClass, 'other'>, ClassRule>;

const OTHER: ClassRule = {
  id: 'other',
  patterns: [],
  title: { en: 'the verifier refused the program', ko: '검증기가 프로그램을 거부했습니다' },
  hint: {
    en: 'Read the last lines of the log above: the line before "processed N insns" is the reason, and the "; …" line above it is your code.',
    ko: '위 로그의 마지막 줄들을 읽어 보세요. "processed N insns" 바로 앞 줄이 이유이고, 그 위의 "; …" 줄이 여러분의 코드입니다.',
  },
};

export interface SourceLine {
  file: string;
  line: number;
  text: string;
}

export interface VerifierExplanation {
  class: VerifierClass;
  title: string;
  /** The verifier's own words: the line that says why. */
  reason: string;
  /** The learner's line the refused instruction came from, when the log names it. */
  source?: SourceLine;
  hint: string;
  /** The last lines of the log, for the learner who wants the whole story. */
  excerpt: string;
}

const NOISE = /^(?:processed \d+ insns|verification time|stack depth|-- (?:BEGIN|END) PROG LOAD LOG --|libbpf: )/;

/**
 * The line that states the refusal: the verifier prints it right after the
 * instruction it refused, so the first line after the last instruction that
 * is not a register dump; failing that, any line a rule knows.
 */
function reasonLine(lines: string[]): string {
  const lastInsn = lines.map((l) => /^\d+: \(/.test(l.trim())).lastIndexOf(true);
  if (lastInsn >= 0) {
    const after = lines.slice(lastInsn + 1).map((l) => l.trim()).find((l) => l && !NOISE.test(l) && !l.startsWith(';') && !/^from \d+ to \d+/.test(l));
    if (after) return after;
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line || NOISE.test(line)) continue;
    if (/^\d+: /.test(line) || line.startsWith(';') || /^from \d+ to \d+/.test(line)) continue;
    if (RULES.some((rule) => rule.patterns.some((p) => p.test(line)))) return line;
  }
  const last = lines.map((l) => l.trim()).filter((l) => l && !NOISE.test(l) && !/^\d+: /.test(l) && !l.startsWith(';'));
  return last.at(-1) ?? '';
}

/**
 * The source line of the refused instruction: the last "; <code> @ file:LINE"
 * before the reason. Older kernels print "; <code>" without the location: then
 * the code is looked up in the learner's file.
 */
export function sourceLineOf(log: string, fileName: string, sourceText: string): SourceLine | undefined {
  const lines = log.split('\n');
  const annotated = lines.filter((l) => l.startsWith('; ')).at(-1);
  if (!annotated) return undefined;
  const located = /^; (.*) @ ([^:]+):(\d+)$/.exec(annotated);
  const code = (located ? located[1]! : annotated.slice(2)).trim();
  if (located) return { file: fileName, line: Number(located[3]), text: code };
  const index = sourceText.split('\n').findIndex((l) => l.trim() === code);
  return index >= 0 ? { file: fileName, line: index + 1, text: code } : undefined;
}

export function classify(reason: string, extra = ''): ClassRule {
  return RULES.find((rule) => rule.patterns.some((p) => p.test(reason) || (extra !== '' && p.test(extra)))) ?? OTHER;
}

export function explainVerifier(
  log: string,
  libbpfMessages: string,
  source: { file: string; text: string },
  locale: Locale,
  errno?: number,
): VerifierExplanation {
  // libbpf keeps the kernel's log itself when it retried the load on its own
  // (a program too large to verify, say): read it from libbpf's messages then.
  const kernelLog = log.trim() ? log : libbpfMessages.split('\n').filter((l) => !/^libbpf: /.test(l)).join('\n');
  const lines = kernelLog.split('\n');
  // A kfunc this kernel lacks is refused by libbpf before the kernel sees the program: then there is no log.
  let reason = reasonLine(lines) || libbpfMessages.split('\n').find((l) => /extern|not found|GPL/.test(l))?.replace(/^libbpf: /, '') || '';
  // E2BIG is the kernel's word for "too large or too complex to verify", whatever part of the log survived.
  const rule = errno === E2BIG && !classify(reason).patterns.length ? RULE_BY_ID['too-complex'] : classify(reason, kernelLog.trim() ? '' : libbpfMessages);
  if (errno === E2BIG && rule.id === 'too-complex' && !/too large|too complex/.test(reason)) reason = 'BPF program is too large: the verifier gave up (E2BIG)';
  const excerpt = lines.filter((l) => l.trim() && !NOISE.test(l.trim())).slice(-12).join('\n');
  const where = sourceLineOf(kernelLog, source.file, source.text);
  return {
    class: rule.id,
    title: rule.title[locale],
    reason,
    ...(where ? { source: where } : {}),
    hint: rule.hint[locale],
    excerpt,
  };
}

/** The classes, for tests and the page that lists them. */
export const VERIFIER_CLASSES = RULES.map((r) => ({ id: r.id, title: r.title }));
