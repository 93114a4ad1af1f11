// Records what every lab and exercise really did on one target, for the
// compatibility page: content/verified/<target>-<arch>-<kernel>.json. An
// exercise passes when its reference solution passes and its starter does not.
// Run as root on the machine (or with the VM) the record is about:
//   npm run verified                                     runs every lab on the local target
//   npm run verified -- --target vagrant                 runs every lab in the lab VM
// The kernel, architecture and system are asked from the target itself (uname,
// /etc/os-release), never typed by hand. Exit 0 when nothing failed.
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import { labs } from '../labs/catalog/index.ts';
import { exercises } from '../labs/exercises/index.ts';
import type { RunStatus, TargetName } from '../labs/lib/types.ts';
import { inLocale, type Text } from '../labs/lib/locale.ts';
import { humanReporter, processStderr } from '../labs/runner/messages.ts';
import { openTarget } from '../labs/targets/index.ts';
import { exerciseFiles, labFiles, sourcesHash, verifiedFileName, verifiedRunSchema, type Outcome, type VerifiedRun } from '../src/lib/verified.ts';

interface LabReport {
  lab: string;
  target: string;
  status: RunStatus;
  skipReasonText?: Text;
  error?: { message: string };
  checks: { id: string; ok: boolean; expected: string; observed: string }[];
}
interface RunDocument {
  labs: LabReport[];
}
interface ExerciseReport {
  exercise: string;
  status: 'pass' | 'fail' | 'error' | 'skip';
  stages: { id: string; status: string; message: string }[];
  hint?: string;
  skipReasonText?: Text;
}

const root = new URL('..', import.meta.url);
const args = process.argv.slice(2);
const targetIndex = args.indexOf('--target');
const requestedTarget = targetIndex >= 0 ? args[targetIndex + 1] : undefined;

/** Run the CLI with --json and read its one document (from the first brace: npm may print a banner first). */
async function cliJson<T>(argv: string[], target: string): Promise<T> {
  const run = await execa(process.execPath, ['--no-warnings', 'labs/cli.ts', ...argv, '--target', target, '--json', '--no-provision'], {
    cwd: root,
    reject: false,
    stderr: 'inherit',
  });
  const start = run.stdout.indexOf('{');
  if (start < 0) throw new Error(`\`npm run lab -- ${argv.join(' ')}\` printed no JSON document (exit ${run.exitCode}); its messages are above`);
  return JSON.parse(run.stdout.slice(start)) as T;
}

async function runEveryLab(target: string): Promise<RunDocument> {
  const doc = await cliJson<RunDocument>(['--all'], target);
  if (!Array.isArray(doc.labs) || doc.labs.length === 0) throw new Error('the --all document lists no lab runs');
  return doc;
}

/** The first stage that did not pass, as one line. */
function stageReason(report: ExerciseReport): string {
  const stage = report.stages.find((s) => s.status !== 'pass' && s.status !== 'not-run');
  // An error before any stage ran (a tool that would not build, say) is only in the hint.
  return stage ? `${stage.id}: ${stage.message}`.slice(0, 300) : report.hint ? `${report.status}: ${report.hint}`.slice(0, 300) : report.status;
}

/** Every exercise twice: the reference solution must pass, the starter file must not. */
async function checkEveryExercise(target: string): Promise<VerifiedRun['exercises']> {
  const solutions = (await cliJson<{ exercises: ExerciseReport[] }>(['check', '--all', '--solution'], target)).exercises;
  const starters = (await cliJson<{ exercises: ExerciseReport[] }>(['check', '--all'], target)).exercises;
  return Object.fromEntries(
    exercises.map((exercise): [string, Outcome] => {
      const sources = sourcesHash(exerciseFiles(exercise), root);
      const solution = solutions.find((r) => r.exercise === exercise.id);
      const starter = starters.find((r) => r.exercise === exercise.id);
      if (!solution || !starter) return [exercise.id, { status: 'fail', reason: 'not checked: the run stopped before it', sources }];
      if (solution.status === 'skip') return [exercise.id, { status: 'skip', reason: solution.skipReasonText ?? stageReason(solution), sources }];
      if (solution.status !== 'pass') return [exercise.id, { status: 'fail', reason: `the solution: ${stageReason(solution)}`, sources }];
      if (starter.status === 'pass' || starter.status === 'skip') {
        return [exercise.id, { status: 'fail', reason: `the starter ${starter.status === 'pass' ? 'passes' : 'is skipped'}: the checks do not tell it from a solution`, sources }];
      }
      return [exercise.id, { status: 'pass', sources }];
    }),
  );
}

/** What the target says about itself: kernel release, machine, distribution. */
async function describeTarget(targetName: TargetName): Promise<Pick<VerifiedRun, 'kernel' | 'arch' | 'system'>> {
  const reporter = humanReporter(processStderr);
  const target = await openTarget(targetName, { reporter, provision: false });
  try {
    const [release, machine] = (await target.exec(['uname', '-r', '-m'])).stdout.trim().split(/\s+/);
    const osRelease = (await target.exec(['cat', '/etc/os-release'], { allowFailure: true })).stdout;
    const system = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? 'unknown';
    return { kernel: release!, arch: machine!, system };
  } finally {
    await target.close();
  }
}

/** One line on why a lab failed: its error, or its first failed check. */
function failureReason(report: LabReport): string {
  if (report.error) return report.error.message;
  const check = report.checks.find((c) => !c.ok);
  return check ? `${check.id}: expected ${check.expected}, observed ${check.observed}`.slice(0, 300) : 'failed';
}

function outcomeOf(report: LabReport): Outcome {
  const lab = labs.find((l) => l.name === report.lab);
  if (!lab) throw new Error(`the run reports a lab named "${report.lab}", which labs/catalog does not declare`);
  const reason = report.status === 'skip' ? report.skipReasonText : report.status === 'fail' ? failureReason(report) : undefined;
  return { status: report.status, ...(reason ? { reason } : {}), sources: sourcesHash(labFiles(lab), root) };
}

async function main(): Promise<number> {
  const doc = await runEveryLab(requestedTarget ?? 'local');
  const targets = new Set(doc.labs.map((l) => l.target));
  if (targets.size !== 1) throw new Error(`expected runs on one target, got: ${[...targets].join(', ')}`);
  const target = [...targets][0] as TargetName;
  const record: VerifiedRun = verifiedRunSchema.parse({
    ...(await describeTarget(target)),
    target,
    date: new Date().toISOString().slice(0, 10),
    labs: Object.fromEntries(doc.labs.map((l) => [l.lab, outcomeOf(l)])),
    exercises: await checkEveryExercise(target),
  });
  const dir = new URL('content/verified/', root);
  mkdirSync(dir, { recursive: true });
  const file = verifiedFileName(record);
  writeFileSync(new URL(file, dir), JSON.stringify(record, null, 2) + '\n');
  const all = [...Object.entries(record.labs), ...Object.entries(record.exercises)];
  const count = (status: RunStatus) => all.filter(([, o]) => o.status === status).length;
  const failed = all.filter(([, o]) => o.status === 'fail');
  console.log(
    `${failed.length ? '✘' : '✔'} ${record.system}, ${record.kernel} ${record.arch} (${target}): ${Object.keys(record.labs).length} labs and ${Object.keys(record.exercises).length} exercises, ${count('pass')} passed, ${count('skip')} skipped, ${count('fail')} failed → content/verified/${file}`,
  );
  for (const [name, o] of all) if (o.status !== 'pass') console.log(`  ${o.status} ${name}: ${o.reason ? inLocale(o.reason, 'en') : ''}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`record-verified: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
