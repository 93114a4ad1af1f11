// tc BPF programs, attached the way a learner types it: a clsact qdisc and a
// direct-action filter loaded from an object file by tc itself.
import { LabError } from './errors.ts';
import type { LabContext } from './types.ts';

export interface TcProgram {
  id: number;
  name: string;
  /** "clsact/ingress" or "clsact/egress", as bpftool names the hook. */
  kind: string;
}

/** `bpftool -j net show dev X` → the tc programs on that device. */
export function parseNetShowTc(json: string): TcProgram[] {
  const net = JSON.parse(json) as { tc?: { id: number; name?: string; kind: string }[] }[] | { tc?: { id: number; name?: string; kind: string }[] };
  const sections = Array.isArray(net) ? net : [net];
  return sections.flatMap((s) => s.tc ?? []).map((p) => ({ id: p.id, name: p.name ?? '', kind: p.kind }));
}

/**
 * `tc qdisc add dev D clsact` and `tc filter add dev D ingress|egress bpf da obj O sec S`,
 * then the program's id from bpftool. Deleting the namespace removes both.
 */
export async function attachTc(
  ctx: LabContext,
  where: { netns: string; dev: string },
  object: string,
  section: string,
  direction: 'ingress' | 'egress',
): Promise<TcProgram> {
  const ex = (argv: string[]) => ctx.target.exec(argv, { netns: where.netns, allowFailure: true });
  await ex(['tc', 'qdisc', 'add', 'dev', where.dev, 'clsact']);
  const added = await ex(['tc', 'filter', 'add', 'dev', where.dev, direction, 'bpf', 'da', 'obj', object, 'sec', section]);
  if (added.exitCode !== 0) {
    throw new LabError(
      { en: `tc could not attach ${object} to ${where.dev} ${direction}`, ko: `tc가 ${object}을(를) ${where.dev} ${direction}에 붙이지 못했습니다` },
      {
        command: added.command,
        exitCode: added.exitCode,
        stderr: added.stderr,
        hint: { en: 'tc prints the verifier log above when the program is refused.', ko: '프로그램이 거부되면 tc가 위에 검증기 로그를 출력합니다.' },
      },
    );
  }
  ctx.defer({ en: `remove clsact from ${where.dev}`, ko: `${where.dev}의 clsact 지우기` }, () => ex(['tc', 'qdisc', 'del', 'dev', where.dev, 'clsact']).then(() => {}));
  const { stdout } = await ctx.target.exec(['bpftool', '-j', 'net', 'show', 'dev', where.dev], { netns: where.netns });
  const filter = parseNetShowTc(stdout).find((p) => p.kind.endsWith(direction));
  if (!filter) throw new LabError({ en: `bpftool shows no tc ${direction} program on ${where.dev}`, ko: `bpftool에 ${where.dev}의 tc ${direction} 프로그램이 보이지 않습니다` });
  // bpftool net names the tc filter ("obj.o:[sec]"); the program's own name is in prog show.
  const shown = JSON.parse((await ctx.target.exec(['bpftool', '-j', 'prog', 'show', 'id', String(filter.id)])).stdout) as { name?: string };
  const program = { ...filter, name: shown.name ?? filter.name };
  ctx.note(
    {
      en: `attached ${program.name} to ${where.dev} ${program.kind} (prog id ${program.id})`,
      ko: `${where.dev} ${program.kind}에 ${program.name} 붙임 (prog id ${program.id})`,
    },
  );
  return program;
}

export function attachTcIngress(ctx: LabContext, where: { netns: string; dev: string }, object: string, section: string): Promise<TcProgram> {
  return attachTc(ctx, where, object, section, 'ingress');
}
