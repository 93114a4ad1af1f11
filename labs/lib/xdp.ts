// Compile, attach, detach and observe XDP programs through the target, with the
// same tools a learner would type: clang, ip (iproute2) and bpftool.
import { expectContains, expectEqual } from './checks.ts';
import { COMMAND_FAILED, isLabNetns, runOfNetns } from './command-line.ts';
import { LabError } from './errors.ts';
import type { Locale, Localized, Text } from './locale.ts';
import { observed } from './observed.ts';
import { parseLinkXdp, parseProgStats, type LinkXdp, type ProgStats } from './parse.ts';
import { buildLoader } from './tracepoint-loader.ts';
import type { ExecResult, LabContext, Target, XdpMode } from './types.ts';

/** Debian keeps asm/types.h under the multiarch include dir, which clang -target bpf does not search. */
const MULTIARCH: Record<string, string> = { x86_64: 'x86_64-linux-gnu', aarch64: 'aarch64-linux-gnu', arm64: 'aarch64-linux-gnu' };

export async function compileBpf(ctx: LabContext, source: string): Promise<string> {
  const { stdout: machine } = await ctx.target.exec(['uname', '-m']);
  const multiarch = MULTIARCH[machine.trim()];
  const base = source.split('/').pop()!.replace(/\.c$/, '');
  const object = `${ctx.workDir}/${base}.o`;
  const include = multiarch ? [`-I/usr/include/${multiarch}`] : [];
  const result = await ctx.target.exec(
    ['clang', '-O2', '-g', '-Wall', '-target', 'bpf', ...include, '-I', `${ctx.target.repoDir}/bpf`, '-c', source, '-o', object],
    { cwd: ctx.target.repoDir, allowFailure: true, timeoutMs: 60_000 },
  );
  if (result.exitCode !== 0) {
    throw new LabError(COMMAND_FAILED.doesNotCompile(source), {
      command: result.command,
      exitCode: result.exitCode,
      stderr: result.stderr,
      hint: {
        en: `clang's message above names the file and line. Fix ${source} and run the lab again.`,
        ko: `위의 clang 메시지가 파일과 줄을 알려 줍니다. ${source}을(를) 고친 뒤 실습을 다시 실행하세요.`,
      },
    });
  }
  ctx.note({ en: `compiled ${source} → ${object}`, ko: `${source} 컴파일 → ${object}` });
  return object;
}

export interface AttachSpec {
  netns: string;
  dev: string;
  mode: XdpMode;
  object: string;
  program: string;
  section?: string;
}

const MODE_KEYWORD: Record<XdpMode, string> = { native: 'xdpdrv', generic: 'xdpgeneric' };
/** The mode's name in Korean text (the glossary's term). */
const MODE_KO: Record<XdpMode, string> = { native: '네이티브', generic: '제네릭' };

export function attachArgv(spec: AttachSpec): string[] {
  return ['ip', 'link', 'set', 'dev', spec.dev, MODE_KEYWORD[spec.mode], 'obj', spec.object, 'sec', spec.section ?? 'xdp', 'program', spec.program];
}

/** Only the lines of a verifier log that explain a rejection: the last instructions and the reason. */
export function verifierExcerpt(stderr: string, keep = 12): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  const reason = lines.findIndex((l) => /invalid|unbounded|out of range|not allowed|unknown func|R\d+ .*(?:!read_ok|pointer)/i.test(l));
  const end = reason >= 0 ? reason + 1 : lines.length;
  return lines.slice(Math.max(0, end - keep), Math.min(lines.length, end + 3)).join('\n');
}

/**
 * An older iproute2 has no `program` option, so it cannot choose among the
 * programs of a section (Debian 11's says "iproute2-5.9.0, libbpf 0.3.0"). On
 * such a system the labs attach with labs/tools/xdp_attach.c, built against the
 * system's own libbpf: the same netlink attachment, the program chosen by name.
 * Only if that tool cannot be built does the lab skip, naming the iproute2.
 */
const IP_CANNOT_CHOOSE = /"program" is a garbage/;
const attachTools = new WeakMap<LabContext, Promise<string>>();

async function attachTool(ctx: LabContext, netns: string): Promise<string> {
  let tool = attachTools.get(ctx);
  if (!tool) {
    tool = buildLoader(ctx, 'labs/tools/xdp_attach.c');
    attachTools.set(ctx, tool);
    tool.then(
      () =>
        ctx.note(
          {
            en: 'this iproute2 cannot choose a program by name (no "program" option): the lab attaches with labs/tools/xdp_attach.c (libbpf) instead',
            ko: '이 iproute2는 프로그램을 이름으로 고르지 못하므로("program" 옵션 없음) 실습은 대신 labs/tools/xdp_attach.c(libbpf)로 붙입니다',
          },
        ),
      () => undefined,
    );
  }
  try {
    return await tool;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const version = (await ctx.target.exec(['ip', '-V'], { netns, allowFailure: true })).stdout.trim().replace(/^ip utility, /, '') || 'an old iproute2';
    return ctx.skip({
      en: `this system's iproute2 (${version}) has no "program" option for ip link set … xdp obj, and labs/tools/xdp_attach.c, which attaches instead, does not build here: ${why}`,
      ko: `이 시스템의 iproute2(${version})에는 ip link set … xdp obj의 "program" 옵션이 없고, 대신 붙여 주는 labs/tools/xdp_attach.c도 여기서 빌드되지 않습니다: ${why}`,
    });
  }
}

/** Attach as `ip link set … program P` does; where ip lacks that option, through xdp_attach. */
async function runAttach(ctx: LabContext, spec: AttachSpec): Promise<ExecResult> {
  const viaIp = await ctx.target.exec(attachArgv(spec), { netns: spec.netns, allowFailure: true });
  if (viaIp.exitCode === 0 || !IP_CANNOT_CHOOSE.test(viaIp.stderr)) return viaIp;
  const tool = await attachTool(ctx, spec.netns);
  return ctx.target.exec([tool, spec.mode, spec.dev, spec.object, spec.program], { netns: spec.netns, allowFailure: true });
}

/** What cleanup says it undoes for an attached program, should the detach fail. */
function detachLabel(spec: AttachSpec): Text {
  return { en: `detach ${spec.program} from ${spec.dev}`, ko: `${spec.dev}에서 ${spec.program} 떼기` };
}

/** Try an attach and report the kernel's answer instead of throwing: for labs that show a refusal. */
export async function tryAttach(ctx: LabContext, spec: AttachSpec): Promise<{ ok: boolean; message: string; stderr: string }> {
  const result = await runAttach(ctx, spec);
  if (result.exitCode === 0) {
    ctx.defer(detachLabel(spec), () => detachXdp(ctx, spec));
    return { ok: true, message: '', stderr: result.stderr };
  }
  const message = result.stderr.split('\n').find((l) => l.startsWith('Error:')) ?? result.stderr.trim();
  return { ok: false, message, stderr: result.stderr };
}

/** A device with no program, as describeLink says it: no name and no mode in English, one word in Korean. */
const NOTHING_ATTACHED: Localized<string> = { en: 'none none', ko: '없음' };

/** What ip link shows on a device, as checks print it: "xdp_drop native" ("none none" when nothing is), in the run's language. */
export function describeLink(link: Pick<LinkXdp, 'progName' | 'mode'>, locale: Locale = 'en'): string {
  if (link.progName === null && link.mode === null) return NOTHING_ATTACHED[locale];
  const none = observed({ locale }).none;
  return `${link.progName ?? none} ${link.mode ?? none}`;
}

/**
 * Record that each device shows the expected program in the expected mode:
 * one program reads "xdp_drop, native", several "xdp_a native, xdp_b native".
 */
export function expectLinks<C extends string>(
  ctx: LabContext<string, C>,
  id: NoInfer<C>,
  expected: readonly Pick<AttachSpec, 'program' | 'mode'>[],
  links: readonly Pick<LinkXdp, 'progName' | 'mode'>[],
): boolean {
  const one = expected.length === 1;
  const show = (program: string, mode: string) => (one ? `${program}, ${mode}` : `${program} ${mode}`);
  return expectEqual(
    ctx,
    id,
    expected.map((e) => show(e.program, e.mode)).join(', '),
    links.map((l) => show(l.progName ?? observed(ctx).none, l.mode ?? observed(ctx).none)).join(', '),
  );
}

/** Attach (as attachXdp) and record what ip link then shows under check `id`; returns the link. */
export async function expectAttached<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, spec: AttachSpec): Promise<LinkXdp> {
  const link = await attachXdp(ctx, spec);
  expectLinks(ctx, id, [spec], [link]);
  return link;
}

/**
 * Try an attach that the kernel must refuse, and record under check `id` the
 * line of its answer that contains `expected` (a verifier log is long: this is
 * its reason), or its one-line error, or "attached" (in the run's language) if it was not refused.
 */
export async function expectRefused<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, spec: AttachSpec, expected: string): Promise<string> {
  const refused = await tryAttach(ctx, spec);
  const reason = refused.ok ? observed(ctx).attached : (refused.stderr.split('\n').find((l) => l.includes(expected)) ?? refused.message);
  expectContains(ctx, id, expected, reason);
  return reason;
}

/** Attach or fail with the kernel's own explanation (a verifier log is cut to the lines that matter). */
export async function attachXdp(ctx: LabContext, spec: AttachSpec): Promise<LinkXdp> {
  const result = await runAttach(ctx, spec);
  if (result.exitCode !== 0) {
    const rejected = /verifier|Permission denied|invalid/i.test(result.stderr);
    throw new LabError(
      rejected
        ? { en: `the verifier rejected ${spec.program}`, ko: `검증기가 ${spec.program}을(를) 거부했습니다` }
        : { en: `could not attach ${spec.program} to ${spec.dev} in ${spec.mode} mode`, ko: `${spec.program}을(를) ${spec.dev}에 ${MODE_KO[spec.mode]} 모드로 붙이지 못했습니다` },
      {
        command: result.command,
        exitCode: result.exitCode,
        stderr: rejected ? verifierExcerpt(result.stderr) : result.stderr,
        hint: rejected
          ? {
              en: 'The verifier proves every access is safe before the program may run. The lines above end with its reason: usually a packet access without a check against data_end.',
              ko: '검증기는 프로그램이 실행되기 전에 모든 접근이 안전한지 증명합니다. 위의 마지막 줄이 거부 이유입니다. 대개 data_end와 비교하지 않고 패킷에 접근한 경우입니다.',
            }
          : { en: 'See the troubleshooting page for this message.', ko: '문제 해결 페이지에서 이 메시지를 찾아보세요.' },
      },
    );
  }
  ctx.defer(detachLabel(spec), () => detachXdp(ctx, spec));
  const link = await linkXdp(ctx, spec.netns, spec.dev);
  const progId = link.progId ?? '?';
  ctx.note({ en: `attached ${spec.program} to ${spec.dev} (${spec.mode}, prog id ${progId})`, ko: `${spec.dev}에 ${spec.program} 붙임 (${spec.mode}, prog id ${progId})` });
  return link;
}

/** Detach whatever is attached in that mode; a device that is already gone counts as detached. */
export async function detachXdp(ctx: LabContext, spec: Pick<AttachSpec, 'netns' | 'dev' | 'mode'>): Promise<void> {
  await ctx.target.exec(['ip', 'link', 'set', 'dev', spec.dev, MODE_KEYWORD[spec.mode], 'off'], { netns: spec.netns, allowFailure: true });
}

/** What `ip -j link` says is attached to a device. */
export async function linkXdp(ctx: LabContext, netns: string, dev: string): Promise<LinkXdp> {
  const { stdout } = await ctx.target.exec(['ip', '-j', 'link', 'show', 'dev', dev], { netns });
  const link = parseLinkXdp(stdout);
  if (link.progId === null || link.progName !== null) return link;
  // An older iproute2 (Debian 11's 5.9) gives the program's id and tag but not its name: ask bpftool.
  const shown = await ctx.target.exec(['bpftool', '-j', 'prog', 'show', 'id', String(link.progId)], { allowFailure: true });
  const name = shown.exitCode === 0 ? (JSON.parse(shown.stdout) as { name?: string }).name : undefined;
  return { ...link, progName: name ?? null };
}

/** bpftool's run statistics for one program (needs kernel.bpf_stats_enabled, see enableBpfStats). */
export async function progStats(ctx: LabContext, progId: number): Promise<ProgStats> {
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'prog', 'show', 'id', String(progId)]);
  return parseProgStats(stdout);
}

export const STATS_MARKER = '/run/xdp-labs/bpf-stats-original';

/**
 * Turn on kernel.bpf_stats_enabled so run_cnt counts. The sysctl is global, so
 * the run that flips it from 0 leaves a marker, and the last lab run still alive
 * puts it back, so two labs at once do not switch each other's counters off.
 */
export async function enableBpfStats(ctx: LabContext): Promise<void> {
  const { stdout } = await ctx.target.exec(['sysctl', '-n', 'kernel.bpf_stats_enabled']);
  if (stdout.trim() === '0') {
    await ctx.target.exec(['mkdir', '-p', '/run/xdp-labs']);
    await ctx.target.exec(['tee', STATS_MARKER], { input: '0\n' });
    await ctx.target.exec(['sysctl', '-q', '-w', 'kernel.bpf_stats_enabled=1']);
  }
  ctx.defer({ en: 'restore kernel.bpf_stats_enabled', ko: 'kernel.bpf_stats_enabled 되돌리기' }, async () => {
    const { stdout: names } = await ctx.target.exec(['ip', 'netns', 'list'], { allowFailure: true });
    const others = names.split('\n').map((l) => l.split(' ')[0]!).filter((name) => isLabNetns(name) && runOfNetns(name) !== ctx.runId);
    if (others.length > 0) return; // another run still counts on it; the last one out restores
    await restoreBpfStats(ctx.target);
  });
}

/**
 * Put kernel.bpf_stats_enabled back to what it was before a lab turned it on,
 * if a marker says a lab did; returns the value restored. For the last lab run
 * out, and for `clean` after a run that was killed.
 */
export async function restoreBpfStats(target: Target): Promise<string | undefined> {
  const marker = await target.exec(['cat', STATS_MARKER], { allowFailure: true });
  if (marker.exitCode !== 0) return undefined;
  const value = marker.stdout.trim();
  await target.exec(['sysctl', '-q', '-w', `kernel.bpf_stats_enabled=${value}`]);
  await target.exec(['rm', '-f', STATS_MARKER]);
  return value;
}
