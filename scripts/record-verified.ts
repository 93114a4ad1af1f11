// Records what every lab really did on one target, for the compatibility page:
// content/verified/<target>-<arch>-<kernel>.json. Run as root on the machine (or
// with the VM) the record is about:
//   npm run verified                                     runs every lab on the local target
//   npm run verified -- --target vagrant                 runs every lab in the lab VM
//   npm run --silent lab -- --all --json | npm run --silent verified -- --stdin
// The kernel, architecture and system are asked from the target itself (uname,
// /etc/os-release), never typed by hand. Exit 0 when nothing failed.
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { labs } from '../labs/catalog/index.ts';
import type { RunStatus, TargetName } from '../labs/lib/types.ts';
import { humanReporter, processStderr } from '../labs/runner/messages.ts';
import { openTarget } from '../labs/targets/index.ts';
import { labFiles, sourcesHash, verifiedFileName, verifiedRunSchema, type Outcome, type VerifiedRun } from '../src/lib/verified.ts';

interface LabReport {
  lab: string;
  target: string;
  status: RunStatus;
  skipReason?: string;
  error?: { message: string };
  checks: { id: string; ok: boolean; expected: string; observed: string }[];
}
interface RunDocument {
  labs: LabReport[];
}

const root = new URL('..', import.meta.url);
const args = process.argv.slice(2);
const fromStdin = args.includes('--stdin');
const targetIndex = args.indexOf('--target');
const requestedTarget = targetIndex >= 0 ? args[targetIndex + 1] : undefined;

/** The --all --json document; npm may print its own banner first, so read from the first brace. */
function parseRunDocument(text: string): RunDocument {
  const start = text.indexOf('{');
  if (start < 0) throw new Error('no JSON document in the input: run the labs with --all --json');
  const doc = JSON.parse(text.slice(start)) as RunDocument;
  if (!Array.isArray(doc.labs) || doc.labs.length === 0) throw new Error('the JSON document lists no lab runs');
  return doc;
}

async function runEveryLab(target: string): Promise<RunDocument> {
  const run = await execa(process.execPath, ['--no-warnings', 'labs/cli.ts', '--all', '--target', target, '--json', '--no-provision'], {
    cwd: root,
    reject: false,
    stderr: 'inherit',
  });
  return parseRunDocument(run.stdout);
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
  const reason = report.status === 'skip' ? report.skipReason : report.status === 'fail' ? failureReason(report) : undefined;
  return { status: report.status, ...(reason ? { reason } : {}), sources: sourcesHash(labFiles(lab), root) };
}

async function main(): Promise<number> {
  const doc = fromStdin ? parseRunDocument(readFileSync(0, 'utf8')) : await runEveryLab(requestedTarget ?? 'local');
  const targets = new Set(doc.labs.map((l) => l.target));
  if (targets.size !== 1) throw new Error(`expected runs on one target, got: ${[...targets].join(', ')}`);
  const target = [...targets][0] as TargetName;
  const record: VerifiedRun = verifiedRunSchema.parse({
    ...(await describeTarget(target)),
    target,
    date: new Date().toISOString().slice(0, 10),
    labs: Object.fromEntries(doc.labs.map((l) => [l.lab, outcomeOf(l)])),
    exercises: {},
  });
  const dir = new URL('content/verified/', root);
  mkdirSync(dir, { recursive: true });
  const file = verifiedFileName(record);
  writeFileSync(new URL(file, dir), JSON.stringify(record, null, 2) + '\n');
  const count = (status: RunStatus) => Object.values(record.labs).filter((o) => o.status === status).length;
  const failed = Object.entries(record.labs).filter(([, o]) => o.status === 'fail');
  console.log(
    `${failed.length ? '✘' : '✔'} ${record.system}, ${record.kernel} ${record.arch} (${target}): ${count('pass')} passed, ${count('skip')} skipped, ${count('fail')} failed → content/verified/${file}`,
  );
  for (const [name, o] of Object.entries(record.labs)) if (o.status !== 'pass') console.log(`  ${o.status} ${name}: ${o.reason ?? ''}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`record-verified: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
