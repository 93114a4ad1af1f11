// The unit stage: the learner's program on crafted frames, through the
// project's small libbpf tool (labs/tools/xdp_unit.c) that loads the object,
// runs BPF_PROG_TEST_RUN once per frame and dumps maps, all in one process.
// Loading happens there too, so the load stage's verdict comes from the same run.
import { actionName } from '../lib/prog-run.ts';
import { buildFrame } from '../lib/frames.ts';
import { describeFrame, fieldAt, frameFields } from '../lib/frame-words.ts';
import { COMMAND_FAILED } from '../lib/command-line.ts';
import { LabError } from '../lib/errors.ts';
import type { CheckResult, LabContext } from '../lib/types.ts';
import type { Locale, Text } from '../lib/locale.ts';
import { EXERCISE_PHRASES } from './phrases.ts';
import type { ExerciseDeclaration, MapExpectation, UnitCase, UnitCheck } from './types.ts';

const TOOL_SOURCE = 'labs/tools/xdp_unit.c';

/** This system's libbpf is too old for the unit tool: the check reports skip with the reason, not an error. */
export class UnitToolUnavailable extends Error {
  readonly reason: Text;
  constructor(reason: Text) {
    super(reason.en);
    this.reason = reason;
  }
}
const TOOL_CACHE = '/var/cache/xdp-labs';

/** The tool, built once per version of its source and kept in the target's cache. */
const knownTools = new Map<string, string>();
const targetKey = (ctx: LabContext) => `${ctx.target.name}:${ctx.target.repoDir}`;

export async function unitTool(ctx: LabContext): Promise<string> {
  // Watch mode checks many times in one process: once built and found, the binary is remembered.
  const known = knownTools.get(targetKey(ctx));
  if (known) return known;
  const { stdout } = await ctx.target.exec(['sha256sum', TOOL_SOURCE], { cwd: ctx.target.repoDir });
  const binary = `${TOOL_CACHE}/xdp_unit-${stdout.slice(0, 12)}`;
  if ((await ctx.target.exec(['test', '-x', binary], { allowFailure: true })).exitCode === 0) {
    knownTools.set(targetKey(ctx), binary);
    return binary;
  }
  const partial = `${binary}.${ctx.runId}`;
  await ctx.target.exec(['mkdir', '-p', TOOL_CACHE]);
  const built = await ctx.target.exec(['clang', '-O2', '-Wall', TOOL_SOURCE, '-lbpf', '-o', partial], {
    cwd: ctx.target.repoDir,
    allowFailure: true,
    timeoutMs: 60_000,
  });
  if (built.exitCode !== 0) {
    // The tool uses libbpf 0.7's test-run and 1.0's log-buffer calls: an older libbpf (Debian 11 has 0.3) cannot run the unit stage.
    const version = await ctx.target.exec(['sh', '-c', "dpkg-query -W -f='${Version}' libbpf-dev 2>/dev/null"], { allowFailure: true });
    const upstream = upstreamVersion(version.stdout);
    if (version.exitCode === 0 && libbpfTooOldForUnitTool(upstream)) {
      throw new UnitToolUnavailable({
        en: `the unit stage needs libbpf 0.7 or newer, and this system has libbpf ${upstream}`,
        ko: `단위 시험 단계에는 libbpf 0.7 이상이 필요한데 이 시스템의 libbpf는 ${upstream}입니다`,
      });
    }
    throw new LabError(COMMAND_FAILED.doesNotCompile(TOOL_SOURCE), {
      command: built.command,
      stderr: built.stderr,
      hint: { en: 'It needs libbpf-dev: npm run lab -- provision', ko: 'libbpf-dev가 필요합니다: npm run lab -- provision' },
    });
  }
  await ctx.target.exec(['mv', '-f', partial, binary]); // atomic: two checks at once never run half a binary
  knownTools.set(targetKey(ctx), binary);
  return binary;
}

/** A Debian package version without its epoch and revision's prefix: "1:0.3-2" (bullseye's libbpf-dev) → "0.3-2". */
export function upstreamVersion(debianVersion: string): string {
  return debianVersion.trim().replace(/^\d+:/, '');
}

/** libbpf before 0.7 lacks the test-run calls the unit tool makes. */
export function libbpfTooOldForUnitTool(upstream: string): boolean {
  return /^0\.[0-6]\b/.test(upstream);
}

export type ToolEvent =
  | { event: 'programs'; programs: { name: string; section: string; xdp: boolean }[] }
  | { event: 'open-failed'; errno: number; libbpf: string }
  | { event: 'load-failed'; errno: number; log: string; libbpf: string; ms: number }
  | { event: 'loaded'; ms: number }
  | { event: 'updated'; map: string; found: boolean; err: number }
  | { event: 'ran'; name: string; err: number; retval?: number; out?: string }
  | { event: 'map'; map: string; found: boolean; percpu?: boolean; entries?: { key: string; values: string[] }[] }
  | { event: 'done'; ms: number }
  | { event: 'error'; message: string };

export function parseToolOutput(stdout: string): ToolEvent[] {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as ToolEvent);
}

const hex = (bytes: Iterable<number>) => Buffer.from([...bytes]).toString('hex');
const caseName = (checkId: string, index: number) => `${checkId}#${index}`;

function inputBytes(c: UnitCase): Uint8Array {
  const frame = buildFrame(c.frame);
  c.edit?.apply(frame);
  return c.cut === undefined ? frame : frame.subarray(0, c.cut);
}

/** The commands for the whole unit stage: map writes, every frame of every check, then the maps the checks read. */
export function toolCommands(exercise: ExerciseDeclaration): string {
  const lines: string[] = [];
  for (const write of exercise.setup ?? []) lines.push(`update ${write.map} ${hex(write.key)} ${hex(write.value)}`);
  for (const check of exercise.unit) {
    if (check.kind !== 'frames') continue;
    check.cases.forEach((c, i) => lines.push(`run ${caseName(check.id, i)} ${c.ingressIfindex ?? 1} ${c.rxQueue ?? 0} ${hex(inputBytes(c))}`));
  }
  for (const map of new Set(exercise.unit.flatMap((c) => (c.kind === 'map' ? [c.expect.map] : [])))) lines.push(`dump ${map}`);
  return lines.join('\n') + '\n';
}

function expectedOutput(c: UnitCase, input: Uint8Array): Uint8Array | undefined {
  if (c.output === undefined) return undefined;
  if (c.output === 'unchanged') return input;
  if (typeof c.output === 'function') return c.output(input);
  return buildFrame(c.output);
}

/** Where two frames first differ, in words. */
function firstDifference(c: UnitCase, expected: Uint8Array, observed: Uint8Array, locale: Locale): string | undefined {
  const say = EXERCISE_PHRASES[locale];
  if (expected.length !== observed.length) return say.lengthDiff(expected.length, observed.length);
  const at = expected.findIndex((b, i) => b !== observed[i]);
  if (at < 0) return undefined;
  // Name the field by the frame the output should be (an echo reply, say), which has the same layout.
  const layout = c.output && typeof c.output === 'object' ? c.output : c.frame;
  const fields = frameFields(layout);
  const field = fields.filter((f) => at >= f.offset && at < f.offset + f.length).at(-1);
  // The whole field when it is short (a MAC, an address, a checksum), else four bytes from the first difference:
  // either way the bytes shown contain the one that differs.
  const [start, width] = field && field.length <= 16 ? [field.offset, field.length] : [at, Math.min(4, expected.length - at)];
  const read = (bytes: Uint8Array) => `0x${hex(bytes.subarray(start, start + width))}`;
  return say.byteDiff(fieldAt(fields, at, locale), at, read(expected), read(observed));
}

interface CaseOutcome {
  ok: boolean;
  expected: string;
  observed: string;
  frame: string;
  hex: string;
}

function judgeCase(c: UnitCase, ran: Extract<ToolEvent, { event: 'ran' }> | undefined, locale: Locale): CaseOutcome {
  const input = inputBytes(c);
  const frame = describeFrame(c.frame, locale, c.cut) + (c.edit ? `, ${c.edit.describe[locale]}` : '');
  const base = { frame, hex: hex(input), expected: c.verdict };
  if (!ran) return { ...base, ok: false, observed: EXERCISE_PHRASES[locale].frameNotRun };
  if (ran.err !== 0) return { ...base, ok: false, observed: EXERCISE_PHRASES[locale].testRunFailed(-ran.err) };
  const verdict = actionName(ran.retval ?? -1);
  if (verdict !== c.verdict) return { ...base, ok: false, observed: verdict };
  const want = expectedOutput(c, input);
  if (!want) return { ...base, ok: true, observed: verdict };
  const got = Buffer.from(ran.out ?? '', 'hex');
  const difference = firstDifference(c, want, got, locale);
  if (!difference) return { ...base, ok: true, observed: verdict };
  return { ...base, ok: false, expected: `${c.verdict}, ${EXERCISE_PHRASES[locale].outputAsExpected}`, observed: `${verdict}, ${difference}` };
}

/** "XDP_DROP ×3, XDP_PASS ×2": what a whole table of frames got, in declaration order. */
function tally(verdicts: string[]): string {
  const counts = new Map<string, number>();
  for (const v of verdicts) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v} ×${n}`).join(', ');
}

function leNumber(hexValue: string, read: MapExpectation['read']): number {
  const bytes = Buffer.from(hexValue, 'hex');
  const offset = read?.offset ?? 0;
  const width = read?.bytes ?? 8;
  return width === 4 ? bytes.readUInt32LE(offset) : Number(bytes.readBigUInt64LE(offset));
}

function judgeMap(check: UnitCheck & { kind: 'map' }, dump: Extract<ToolEvent, { event: 'map' }> | undefined, locale: Locale): Omit<CheckResult, 'id'> {
  const say = EXERCISE_PHRASES[locale];
  const shown = (name: string, value: number | 'absent') => (value === 'absent' ? say.noEntry(name) : say.mapEntry(name, value));
  const expected = check.expect.entries.map((e) => shown(e.name, e.value)).join(', ');
  if (!dump?.found) return { ok: false, expected, observed: say.noMap(check.expect.map) };
  const observed = check.expect.entries
    .map((e) => {
      const entry = dump.entries?.find((x) => x.key === hex(e.key));
      if (!entry) return shown(e.name, e.value === 'absent' ? 'absent' : 0);
      return shown(e.name, entry.values.reduce((sum, v) => sum + leNumber(v, check.expect.read), 0));
    })
    .join(', ');
  return { ok: observed === expected, expected, observed };
}

export interface UnitResult {
  checks: (CheckResult & { frame?: string; hex?: string })[];
}

/** Judge every unit check from the tool's answers. */
export function judgeUnit(exercise: ExerciseDeclaration, events: ToolEvent[], locale: Locale): UnitResult {
  const ran = new Map(events.flatMap((e) => (e.event === 'ran' ? [[e.name, e] as const] : [])));
  const maps = new Map(events.flatMap((e) => (e.event === 'map' ? [[e.map, e] as const] : [])));
  const say = EXERCISE_PHRASES[locale];
  const checks = exercise.unit.map((check) => {
    if (check.kind === 'map') return { id: check.id, ...judgeMap(check, maps.get(check.expect.map), locale) };
    const outcomes = check.cases.map((c, i) => judgeCase(c, ran.get(caseName(check.id, i)), locale));
    const failures = outcomes.filter((o) => !o.ok);
    const first = failures[0];
    if (!first) {
      const verdicts = tally(outcomes.map((o) => o.observed));
      return { id: check.id, ok: true, expected: verdicts, observed: verdicts };
    }
    const more = failures.length > 1 ? ` ${say.moreFrames(failures.length - 1)}` : '';
    return { id: check.id, ok: false, expected: first.expected, observed: first.observed + more, frame: first.frame, hex: first.hex };
  });
  return { checks };
}
