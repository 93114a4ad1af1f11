// The seed's Go loader (cilium/ebpf, link.AttachXDP) run as it is, inside the
// lab's namespace so that the "lo" it attaches to is the namespace's own.
import { expectEqual } from '../lib/checks.ts';
import type { Localized } from '../lib/locale.ts';
import { observed } from '../lib/observed.ts';
import { LabError } from '../lib/errors.ts';
import { quietNamespace } from '../lib/net.ts';
import { ping } from '../lib/traffic.ts';
import { compileBpf, enableBpfStats, expectLinks, linkXdp, progStats } from '../lib/xdp.ts';
import { startAndWait } from '../lib/wait.ts';
import { defineLab, type LabContext } from '../lib/types.ts';

const COUNT = 10;
/** Debian's golang-github-cilium-ebpf-dev puts the library here; with it the loader builds offline, in GOPATH mode. */
const DEBIAN_GOPATH = '/usr/share/gocode';

/** This lab's own words, in each language: how the loader is built, what it attached, and lo without a program. */
const EN = {
  offline: "building with Debian's cilium/ebpf (GOPATH mode, offline)",
  modules: 'building with Go modules (downloads github.com/cilium/ebpf)',
  loaderAttached: (pid: number | string, program: string, progId: number) => `loader pid ${pid} attached ${program} (prog id ${progId})`,
  noProgram: 'no program',
};
const WORDS: Localized<typeof EN> = {
  en: EN,
  ko: {
    offline: '데비안의 cilium/ebpf로 빌드 (GOPATH 모드, 오프라인)',
    modules: 'Go 모듈로 빌드 (github.com/cilium/ebpf를 내려받음)',
    loaderAttached: (pid, program, progId) => `로더(pid ${pid})가 붙인 프로그램: ${program} (prog id ${progId})`,
    noProgram: '프로그램 없음',
  },
};

/**
 * Debian's package may be too old for the loader: Debian 11 ships cilium/ebpf
 * 0.2.0, which predates link.AttachXDP, and offers no newer one. That is this
 * system's library, not the kernel (5.10 has XDP links): skip, and say which.
 */
async function skipWithoutAttachXdp(ctx: LabContext): Promise<void> {
  const library = `${DEBIAN_GOPATH}/src/github.com/cilium/ebpf`;
  const present = await ctx.target.exec(['test', '-d', library], { allowFailure: true });
  const attachXdp = await ctx.target.exec(['test', '-f', `${library}/link/xdp.go`], { allowFailure: true });
  if (present.exitCode !== 0 || attachXdp.exitCode === 0) return;
  const version = (await ctx.target.exec(['dpkg-query', '-W', '-f', '${Version}', 'golang-github-cilium-ebpf-dev'], { allowFailure: true })).stdout.trim() || 'unknown';
  ctx.skip({
    en: `this system's cilium/ebpf (golang-github-cilium-ebpf-dev ${version}) has no link.AttachXDP, which the loader calls (Debian 12 and newer ship one that has it)`,
    ko: `이 시스템의 cilium/ebpf(golang-github-cilium-ebpf-dev ${version})에는 로더가 호출하는 link.AttachXDP가 없습니다(데비안 12부터는 들어 있습니다)`,
  });
}

/** Build bpf/loader/main.go into the run's work dir: offline from Debian's package when present, else with Go modules. */
async function buildLoader(ctx: LabContext): Promise<string> {
  // A first build compiles cilium/ebpf from source with an empty Go cache: a minute on a
  // laptop, but over 180 s in the Debian 13 VM under qemu's emulation (TCG), where the
  // kernel matrix saw it time out. The limit is for a build that hangs, not a slow one.
  const buildTimeoutMs = 600_000;
  const source = `${ctx.target.repoDir}/bpf/loader`;
  const binary = `${ctx.workDir}/loader`;
  const offline = await ctx.target.exec(['test', '-d', `${DEBIAN_GOPATH}/src/github.com/cilium/ebpf`], { allowFailure: true });
  if (offline.exitCode === 0) {
    ctx.note(WORDS[ctx.locale].offline);
    await ctx.target.exec(['env', 'GO111MODULE=off', `GOPATH=${DEBIAN_GOPATH}`, 'go', 'build', '-o', binary, 'main.go'], { cwd: source, timeoutMs: buildTimeoutMs });
  } else {
    ctx.note(WORDS[ctx.locale].modules);
    const module = `${ctx.workDir}/loader-src`;
    await ctx.target.exec(['mkdir', '-p', module]);
    await ctx.target.exec(['cp', `${source}/main.go`, `${module}/main.go`]);
    await ctx.target.exec(['go', 'mod', 'init', 'xdp-labs/loader'], { cwd: module });
    await ctx.target.exec(['go', 'mod', 'tidy'], { cwd: module, timeoutMs: 300_000 });
    await ctx.target.exec(['go', 'build', '-o', binary, '.'], { cwd: module, timeoutMs: buildTimeoutMs });
  }
  return binary;
}

export const goLoader = defineLab({
  name: 'go-loader',
  title: { en: 'Load xdp_drop from Go with cilium/ebpf', ko: 'Go와 cilium/ebpf로 xdp_drop 로드하기' },
  summary: {
    en: 'Build the seed\'s Go loader, run it inside a namespace so it attaches xdp_drop to that namespace\'s lo through a bpf_link, and watch the program go away when the loader gets SIGTERM.',
    ko: '예제 Go 로더를 빌드해 네임스페이스 안에서 실행합니다. 로더는 bpf_link로 그 네임스페이스의 lo에 xdp_drop을 붙이고, SIGTERM을 받으면 링크가 닫히며 프로그램도 사라집니다.',
  },
  page: 'first-program',
  sources: ['bpf/xdp.c', 'bpf/loader/main.go'],
  topology: [
    '  netns xl-go-loader-<id>-a',
    ' ┌────────────────────────────────────────────┐',
    ' │ ./loader ──bpf_link──▶ lo 127.0.0.1 ← xdp_drop │',
    ' │ ping 127.0.0.1                              │',
    ' └────────────────────────────────────────────┘',
  ].join('\n'),
  minKernel: {
    version: '5.9',
    why: { en: 'link.AttachXDP creates a bpf_link, which XDP gained in Linux 5.9.', ko: 'link.AttachXDP는 bpf_link를 만드는데, XDP의 bpf_link 지원은 리눅스 5.9부터입니다.' },
  },
  modes: ['generic'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'go'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp.c and build the Go loader', ko: 'bpf/xdp.c 컴파일과 Go 로더 빌드' } },
    { id: 'network', title: { en: 'Create a namespace with its own lo', ko: '자기만의 lo가 있는 네임스페이스 만들기' } },
    { id: 'before', title: { en: 'Ping 127.0.0.1 before the loader runs', ko: '로더 실행 전 127.0.0.1로 ping' } },
    { id: 'load', title: { en: 'Start the loader inside the namespace', ko: '네임스페이스 안에서 로더 시작' } },
    { id: 'traffic', title: { en: 'Ping through xdp_drop and read the run counter', ko: 'xdp_drop을 거쳐 ping하고 실행 횟수 읽기' } },
    { id: 'stop', title: { en: 'Send SIGTERM to the loader', ko: '로더에 SIGTERM 보내기' } },
  ],
  checks: [
    { id: 'ping-before', text: { en: 'Before the loader runs, all pings to 127.0.0.1 are answered.', ko: '로더를 실행하기 전에는 127.0.0.1로 보낸 ping이 모두 응답을 받습니다.' } },
    { id: 'attached', text: { en: 'ip link shows xdp_drop on the namespace\'s lo, in generic mode (lo has no native mode).', ko: 'ip link가 네임스페이스의 lo에 붙은 xdp_drop을 제네릭 모드로 보여 줍니다 (lo에는 네이티브 모드가 없습니다).' } },
    { id: 'dropped', text: { en: 'Every ping is lost while the loader runs.', ko: '로더가 실행 중인 동안 ping이 모두 사라집니다.' } },
    { id: 'counted', text: { en: "The program's run_cnt equals the number of pings.", ko: '프로그램의 run_cnt가 보낸 ping 수와 같습니다.' } },
    { id: 'loader-exit', text: { en: 'On SIGTERM the loader returns from main and exits with status 0.', ko: 'SIGTERM을 받으면 로더가 main에서 돌아와 상태 0으로 끝납니다.' } },
    { id: 'detached', text: { en: 'Once the loader has exited its link is closed and lo has no XDP program.', ko: '로더가 끝나면 링크가 닫혀 lo에 XDP 프로그램이 남지 않습니다.' } },
    { id: 'ping-after', text: { en: 'After the loader exits, pings are answered again.', ko: '로더가 끝난 뒤에는 ping이 다시 응답을 받습니다.' } },
  ],
  async run(ctx) {
    await skipWithoutAttachXdp(ctx);
    const binary = await ctx.step('build', async () => {
      const object = await compileBpf(ctx, 'bpf/xdp.c');
      const loader = await buildLoader(ctx);
      // The seed loads "xdp.o" from its working directory: put both side by side.
      if (!object.endsWith('/xdp.o')) throw new LabError({ en: `expected xdp.o, compiled ${object}`, ko: `xdp.o를 기대했는데 ${object}를 컴파일했습니다` });
      return loader;
    });
    const ns = await ctx.step('network', async () => {
      const name = await ctx.netns('a');
      await quietNamespace(ctx, name);
      await enableBpfStats(ctx);
      return name;
    });
    await ctx.step('before', async () => {
      const result = await ping(ctx, ns, '127.0.0.1', { count: COUNT });
      expectEqual(ctx, 'ping-before', observed(ctx).received(COUNT), observed(ctx).received(result.received));
    });
    const loader = await ctx.step('load', async () => {
      // The loader attaches after it starts: ready once ip link shows a program on lo.
      const { child, ready: link } = await startAndWait(ctx, [binary], {
        netns: ns,
        cwd: ctx.workDir,
        what: { en: 'the Go loader', ko: 'Go 로더' },
        hint: { en: 'Its log above says why (log.Fatal prints the error).', ko: '위의 로그에 이유가 있습니다 (log.Fatal이 오류를 출력합니다).' },
        ready: async () => {
          const seen = await linkXdp(ctx, ns, 'lo');
          return seen.progId !== null ? { ...seen, progId: seen.progId } : undefined;
        },
      });
      ctx.note(WORDS[ctx.locale].loaderAttached(child.pid ?? '?', link.progName ?? '?', link.progId));
      expectLinks(ctx, 'attached', [{ program: 'xdp_drop', mode: 'generic' }], [link]);
      return { child, progId: link.progId };
    });
    await ctx.step('traffic', async () => {
      const result = await ping(ctx, ns, '127.0.0.1', { count: COUNT, waitSeconds: 0.2 });
      expectEqual(ctx, 'dropped', observed(ctx).sentReceived(COUNT, 0), observed(ctx).sentReceived(result.transmitted, result.received));
      const stats = await progStats(ctx, loader.progId);
      expectEqual(ctx, 'counted', COUNT, stats.runCount);
    });
    await ctx.step('stop', async () => {
      await loader.child.signal('SIGTERM');
      const exit = await loader.child.exited;
      expectEqual(ctx, 'loader-exit', 0, exit.exitCode);
      const link = await linkXdp(ctx, ns, 'lo');
      expectEqual(ctx, 'detached', WORDS[ctx.locale].noProgram, link.progName ?? WORDS[ctx.locale].noProgram);
      const result = await ping(ctx, ns, '127.0.0.1', { count: COUNT });
      expectEqual(ctx, 'ping-after', observed(ctx).received(COUNT), observed(ctx).received(result.received));
    });
  },
});
