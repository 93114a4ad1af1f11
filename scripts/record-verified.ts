// Records which labs really passed on which kernel, for the compatibility page:
// content/verified/<target>-<kernel>.json. Run as root on the machine (or with
// the VM) the record is about:
//   npm run verified                                     runs every lab on the local target
//   npm run verified -- --target vagrant                 runs every lab in the workshop VM
//   npm run --silent lab -- --all --json | npm run --silent verified -- --stdin
// The kernel is asked from the target itself (uname -r), never typed by hand.
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { humanReporter, processStderr } from '../labs/runner/messages.ts';
import { openTarget } from '../labs/targets/index.ts';
import type { TargetName } from '../labs/lib/types.ts';
import { verifiedFileName, verifiedRunSchema, type VerifiedRun } from '../src/lib/verified.ts';

interface RunDocument {
  ok: boolean;
  labs: { lab: string; target: string; ok: boolean }[];
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

async function kernelOf(targetName: TargetName): Promise<string> {
  const reporter = humanReporter(processStderr);
  const target = await openTarget(targetName, { reporter, provision: false });
  try {
    return (await target.exec(['uname', '-r'])).stdout.trim();
  } finally {
    await target.close();
  }
}

async function main(): Promise<number> {
  const doc = fromStdin ? parseRunDocument(readFileSync(0, 'utf8')) : await runEveryLab(requestedTarget ?? 'local');
  const targets = new Set(doc.labs.map((l) => l.target));
  if (targets.size !== 1) throw new Error(`expected runs on one target, got: ${[...targets].join(', ')}`);
  const target = [...targets][0] as TargetName;
  const record: VerifiedRun = verifiedRunSchema.parse({
    kernel: await kernelOf(target),
    target,
    date: new Date().toISOString().slice(0, 10),
    labs: Object.fromEntries(doc.labs.map((l) => [l.lab, l.ok])),
  });
  const dir = new URL('content/verified/', root);
  mkdirSync(dir, { recursive: true });
  const file = new URL(verifiedFileName(record), dir);
  writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  const failed = doc.labs.filter((l) => !l.ok).map((l) => l.lab);
  console.log(`${failed.length ? '✘' : '✔'} ${doc.labs.length} labs on ${record.kernel} (${target}) → content/verified/${verifiedFileName(record)}`);
  if (failed.length) console.log(`  failed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`record-verified: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
