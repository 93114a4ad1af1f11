// Debugging XDP: a program makes pings vanish; the lab finds them the way the
// "Debugging XDP" page says to: bpf_printk's lines in the trace buffer, the
// counters that moved (and the ones that did not), and xdpdump's capture at
// the program's exit, where the kernel allows xdpdump's fexit program.
import { counter, readEthtoolStats } from '../lib/ethtool-stats.ts';
import { expectEqual } from '../lib/checks.ts';
import { observed } from '../lib/observed.ts';
import { runIfindex } from '../lib/ifindex.ts';
import { quietNamespace, vethBetween } from '../lib/net.ts';
import { readNstat } from '../lib/nstat.ts';
import { ensureTracefs, TRACEFS } from '../lib/tracefs.ts';
import { ping } from '../lib/traffic.ts';
import { attachXdp, compileBpf, enableBpfStats } from '../lib/xdp.ts';
import { defineLab, type LabContext } from '../lib/types.ts';
import { pollUntil } from '../lib/wait.ts';

const PINGS = 5;

/** `ip -s -j link show dev X` → its RX packets and drops (the stats64 block). */
export function parseLinkRx(json: string): { packets: number; dropped: number } {
  const [link] = JSON.parse(json) as { stats64?: { rx?: { packets?: number; dropped?: number } } }[];
  const rx = link?.stats64?.rx;
  if (rx?.packets === undefined || rx.dropped === undefined) throw new Error('ip -s -j link printed no stats64.rx');
  return { packets: rx.packets, dropped: rx.dropped };
}

/** The sequence numbers bpf_printk reported for one ifindex, from trace lines such as "...: bpf_trace_printk: xdp-debug ifindex 100001: echo seq 3, dropping". */
export function printkSeqs(lines: string[], ifindex: number): number[] {
  return lines.flatMap((l) => {
    const m = /bpf_trace_printk: xdp-debug ifindex (\d+): echo seq (\d+), dropping/.exec(l);
    return m && Number(m[1]) === ifindex ? [Number(m[2])] : [];
  });
}

async function linkRx(ctx: LabContext, netns: string, dev: string) {
  return parseLinkRx((await ctx.target.exec(['ip', '-s', '-j', 'link', 'show', 'dev', dev], { netns })).stdout);
}

/** Is xdpdump's fexit program attached yet? It is what makes the capture start. */
async function xdpdumpReady(ctx: LabContext, pid: number | undefined): Promise<boolean> {
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'prog', 'show'], { allowFailure: true });
  const progs = JSON.parse(stdout || '[]') as { name?: string; pids?: { pid: number }[] }[];
  return progs.some((p) => p.name === 'trace_on_exit' && (pid === undefined || p.pids === undefined || p.pids.some((o) => o.pid === pid)));
}

export const xdpDebug = defineLab({
  name: 'xdp-debug',
  title: { en: 'Find the packets an XDP program drops', ko: 'XDP 프로그램이 드롭한 패킷 찾기' },
  summary: {
    en: 'A program silently drops every ping. bpf_printk\'s lines in the trace buffer name each one; ethtool -S counts them as XDP drops, ip -s link only as received, and nstat shows the stack never saw them; xdpdump captures them at the program\'s exit where the kernel allows it.',
    ko: '프로그램이 ping을 모두 조용히 드롭합니다. 트레이스 버퍼의 bpf_printk 줄이 하나하나를 알려 주고, ethtool -S는 XDP 드롭으로 세지만 ip -s link는 받은 패킷으로만 세며, nstat은 스택이 그 패킷을 보지 못했음을 보여 줍니다. 커널이 허용하면 xdpdump가 프로그램이 끝나는 지점에서 그 패킷을 캡처합니다.',
  },
  page: 'debugging',
  sources: ['bpf/xdp_debug.c'],
  topology: [
    '  netns xl-xdp-debug-<id>-a            netns xl-xdp-debug-<id>-b',
    ' ┌──────────────────────────┐        ┌───────────────────────────────────────┐',
    ' │ ping ─── veth0 ──────────┼────────┼─ veth0 ← xdp_debug_drop (bpf_printk)   │',
    ' └──────────────────────────┘        │   (ifindex 100000 + run id × 8 + 1)    │',
    '                                     └───────────────────────────────────────┘',
    '  host: /sys/kernel/tracing/trace (bpf_printk), xdpdump (fexit on the program)',
  ].join('\n'),
  minKernel: {
    version: '5.9',
    why: {
      en: "veth's per-queue XDP counters in ethtool -S (rx_queue_0_xdp_drops) arrived in Linux 5.9; bpf_printk and native XDP on veth are older. xdpdump needs fexit (5.5) and is skipped, with its own message, where the kernel refuses it.",
      ko: 'ethtool -S에 나오는 veth의 큐별 XDP 카운터(rx_queue_0_xdp_drops)는 리눅스 5.9부터이고, bpf_printk와 veth의 네이티브 XDP는 그보다 오래됐습니다. xdpdump는 fexit(5.5)이 필요하며, 커널이 이를 거부하면 xdpdump 자신의 메시지와 함께 건너뜁니다.',
    },
  },
  modes: ['native'],
  targets: ['local', 'vagrant'],
  tools: ['clang', 'ip', 'bpftool', 'ping', 'ethtool', 'nstat', 'xdpdump', 'tcpdump'],
  minutes: 10,
  steps: [
    { id: 'build', title: { en: 'Compile bpf/xdp_debug.c', ko: 'bpf/xdp_debug.c 컴파일' } },
    { id: 'network', title: { en: 'Create two namespaces joined by a veth pair', ko: 'veth 쌍으로 연결된 네임스페이스 두 개 만들기' } },
    { id: 'attach', title: { en: 'Attach the program and start xdpdump', ko: '프로그램을 붙이고 xdpdump 시작' } },
    { id: 'vanish', title: { en: 'Ping: every packet vanishes', ko: 'ping: 패킷이 모두 사라짐' } },
    { id: 'look', title: { en: 'Look where the page says to', ko: '페이지가 말하는 곳 살펴보기' } },
  ],
  checks: [
    { id: 'pings-vanish', text: { en: `All ${PINGS} pings are lost, and nothing says why.`, ko: `ping ${PINGS}개가 모두 사라지고, 이유를 알려 주는 것은 없습니다.` } },
    {
      id: 'printk-lines',
      text: {
        en: `The trace buffer holds one bpf_printk line per ping, for this run's device, with sequence numbers 1 to ${PINGS}.`,
        ko: `트레이스 버퍼에 ping마다 bpf_printk 줄이 하나씩, 이 실행의 장치 번호와 시퀀스 번호 1부터 ${PINGS}까지 남아 있습니다.`,
      },
    },
    {
      id: 'ethtool-xdp-drops',
      text: { en: `ethtool -S on the receiving veth counts ${PINGS} more in rx_queue_0_xdp_drops.`, ko: `받는 veth의 ethtool -S에서 rx_queue_0_xdp_drops가 ${PINGS}만큼 늘어납니다.` },
    },
    {
      id: 'ip-link-counts',
      text: {
        en: `ip -s link counts the ${PINGS} frames as received and none as dropped: on veth an XDP drop shows only in ethtool -S.`,
        ko: `ip -s link는 프레임 ${PINGS}개를 받은 것으로 세고, 드롭된 것으로는 하나도 세지 않습니다. veth에서 XDP 드롭은 ethtool -S에만 나타납니다.`,
      },
    },
    {
      id: 'stack-never-saw',
      text: { en: "The namespace's IpInReceives and IcmpInEchos do not move: the stack never saw the pings.", ko: '네임스페이스의 IpInReceives와 IcmpInEchos는 움직이지 않습니다. 스택은 ping을 보지 못했습니다.' },
    },
    {
      id: 'xdpdump-capture',
      text: {
        en: `xdpdump, watching the program's exit, captured the ${PINGS} dropped echo requests.`,
        ko: `프로그램이 끝나는 지점을 지켜보던 xdpdump가 드롭된 에코 요청 ${PINGS}개를 캡처했습니다.`,
      },
    },
  ],
  async run(ctx) {
    const object = await ctx.step('build', () => compileBpf(ctx, 'bpf/xdp_debug.c'));
    const { a, b } = await ctx.step('network', async () => {
      const nsA = await ctx.netns('a');
      const nsB = await ctx.netns('b');
      await quietNamespace(ctx, nsA);
      await quietNamespace(ctx, nsB);
      await enableBpfStats(ctx);
      // A machine-wide unique ifindex: the trace buffer is shared by every namespace and every user.
      return vethBetween(ctx, nsA, nsB, { indexA: runIfindex(ctx.runId, 0), indexB: runIfindex(ctx.runId, 1) });
    });

    const dump = await ctx.step('attach', async () => {
      await ensureTracefs(ctx);
      const link = await attachXdp(ctx, { netns: b.netns, dev: b.dev, mode: 'native', object, program: 'xdp_debug_drop' });
      const pcap = `${ctx.workDir}/xdpdump.pcap`;
      const child = await ctx.target.spawn(['xdpdump', '-i', b.dev, '--rx-capture', 'exit', '-w', pcap], { netns: b.netns });
      let exited: { stderr: string; stdout: string } | undefined;
      void child.exited.then((r) => (exited = r));
      // xdpdump may refuse to run (no trampolines here): then it exits, and that is an answer too.
      await pollUntil(async () => (exited || (await xdpdumpReady(ctx, child.pid)) ? true : undefined), { timeoutMs: 10_000, intervalMs: 100 });
      if (exited) {
        const why = `${exited.stderr}\n${exited.stdout}`.split('\n').find((l) => /ERROR|error|failed/i.test(l))?.trim() ?? 'it exited at once';
        ctx.note(`xdpdump: ${why}`);
        return { link, running: false as const, why };
      }
      ctx.note({ en: `xdpdump is capturing at the exit of prog id ${link.progId}`, ko: `xdpdump가 prog id ${link.progId}의 끝에서 캡처 중` });
      return { link, running: true as const, child, pcap };
    });

    const before = await ctx.step('vanish', async () => {
      const counters = {
        ethtool: counter(await readEthtoolStats(ctx, b.netns, b.dev), 'rx_queue_0_xdp_drops'),
        link: await linkRx(ctx, b.netns, b.dev),
        nstat: await readNstat(ctx, b.netns, ['IpInReceives', 'IcmpInEchos']),
      };
      const result = await ping(ctx, a.netns, b.ipv4, { count: PINGS, waitSeconds: 0.2 });
      expectEqual(ctx, 'pings-vanish', observed(ctx).sentReceived(PINGS, 0), observed(ctx).sentReceived(result.transmitted, result.received));
      return counters;
    });

    await ctx.step('look', async () => {
      // `trace`, not `trace_pipe`: reading the pipe consumes the lines, for everyone on the machine.
      const { stdout } = await ctx.target.exec(['cat', `${TRACEFS}/trace`]);
      const seqs = printkSeqs(stdout.split('\n'), dump.link.ifindex);
      for (const line of stdout.split('\n').filter((l) => l.includes(`ifindex ${dump.link.ifindex}:`))) ctx.note(line.trim());
      expectEqual(ctx, 'printk-lines', Array.from({ length: PINGS }, (_, i) => i + 1).join(', '), seqs.join(', ') || observed(ctx).none);

      const drops = counter(await readEthtoolStats(ctx, b.netns, b.dev), 'rx_queue_0_xdp_drops') - before.ethtool;
      expectEqual(ctx, 'ethtool-xdp-drops', `rx_queue_0_xdp_drops +${PINGS}`, `rx_queue_0_xdp_drops +${drops}`);
      const rx = await linkRx(ctx, b.netns, b.dev);
      expectEqual(ctx, 'ip-link-counts', `rx packets +${PINGS}, dropped +0`, `rx packets +${rx.packets - before.link.packets}, dropped +${rx.dropped - before.link.dropped}`);
      const nstat = await readNstat(ctx, b.netns, ['IpInReceives', 'IcmpInEchos']);
      expectEqual(
        ctx,
        'stack-never-saw',
        'IpInReceives +0, IcmpInEchos +0',
        `IpInReceives +${nstat.IpInReceives! - before.nstat.IpInReceives!}, IcmpInEchos +${nstat.IcmpInEchos! - before.nstat.IcmpInEchos!}`,
      );

      if (!dump.running) {
        ctx.skip(
          {
            en: `xdpdump could not attach its fexit program to the XDP program on this kernel: "${dump.why}"`,
            ko: `이 커널에서는 xdpdump가 XDP 프로그램에 fexit 프로그램을 붙이지 못했습니다: "${dump.why}"`,
          },
          ['xdpdump-capture'],
        );
        return;
      }
      await dump.child.signal('SIGINT');
      await dump.child.exited;
      // Reading a capture file touches no interface, but tcpdump is a network tool: the runner wants it in the lab's namespace.
      const read = await ctx.target.exec(['tcpdump', '-nn', '-r', dump.pcap, 'icmp'], { netns: b.netns, allowFailure: true });
      const requests = read.stdout.split('\n').filter((l) => l.includes('ICMP echo request')).length;
      expectEqual(ctx, 'xdpdump-capture', observed(ctx).echoRequests(PINGS), observed(ctx).echoRequests(requests));
    });
  },
});
