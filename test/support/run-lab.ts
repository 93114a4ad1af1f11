// Runs the real CLI the way a learner does, for integration tests.
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';
import type { LabReport } from '../../labs/runner/run-lab.ts';

export const REPO_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = ['--no-warnings', fileURLToPath(new URL('../../labs/cli.ts', import.meta.url))];

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** `node labs/cli.ts ...args` with the Node that runs the tests (Node 24 via npm's PATH). */
export async function runCli(args: string[], options: Options = {}): Promise<CliResult> {
  // English output whatever the machine's LANG, so tests can read it, unless the test asks for a language.
  const lang = args.includes('--lang') ? [] : ['--lang', 'en'];
  const result = await execa(process.execPath, [...CLI, ...args, ...lang], { cwd: REPO_DIR, reject: false, ...options });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Runs one lab on a target with --json and returns the parsed report. */
export async function runLabJson(lab: string, target = 'local', extra: string[] = []): Promise<CliResult & { report: LabReport }> {
  const result = await runCli([lab, '--target', target, '--json', ...extra]);
  let report: LabReport;
  try {
    report = JSON.parse(result.stdout) as LabReport;
  } catch {
    throw new Error(`lab ${lab} printed no JSON report (exit ${result.exitCode}).\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
  return { ...result, report };
}

const shared = new Map<string, Promise<CliResult & { report: LabReport }>>();

/**
 * One run of a lab, shared by every test of the file that asks for it (each
 * test file has its own module, so its own run): a file's tests read the same
 * report instead of each paying for a run on the shared CPUs.
 */
export function sharedLabRun(lab: string, target = 'local'): Promise<CliResult & { report: LabReport }> {
  const key = `${lab} ${target}`;
  if (!shared.has(key)) shared.set(key, runLabJson(lab, target));
  return shared.get(key)!;
}

/** A report's observations by check id, for exact-value assertions. */
export function observations(report: LabReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.observed]));
}

/** Namespaces the runner owns (xl-…), to assert that nothing is left behind. */
export async function ourNamespaces(): Promise<string[]> {
  const { stdout } = await execa('ip', ['netns', 'list']);
  return stdout
    .split('\n')
    .map((l) => l.split(' ')[0]!)
    .filter((n) => /^xl-[a-z0-9-]+-[0-9a-f]{4}-[a-z0-9]+$/.test(n));
}
