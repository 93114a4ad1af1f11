// Records of real lab runs: what each lab (and exercise) did on one kernel and
// architecture. The files in content/verified/ are written by
// scripts/record-verified.ts after running everything on a target (npm run
// test:kernels does it for each Debian kernel); the compatibility page reads
// them, so "verified on" is never typed by hand.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { inLocale, LOCALES, type Locale } from '../../labs/lib/locale.ts';

/** A reason in every locale (what records hold since the runner says its skips in each), or one string (older records; failures). */
const textSchema = z.object(Object.fromEntries(LOCALES.map((locale) => [locale, z.string().min(1)])) as Record<Locale, z.ZodString>);
const reasonSchema = z.union([z.string().min(1), textSchema]);

const outcomeSchema = z.object({
  status: z.enum(['pass', 'fail', 'skip']),
  /** skip: the reason the probe gave; fail: what went wrong, in one line. */
  reason: reasonSchema.optional(),
  /** sourcesHash() of the lab's files when it ran: a different hash today means the record is stale. */
  sources: z.string().regex(/^[0-9a-f]{16}$/),
});

export const verifiedRunSchema = z.object({
  /** `uname -r` inside the target. */
  kernel: z.string().min(1),
  /** `uname -m` inside the target: x86_64, aarch64. */
  arch: z.string().min(1),
  target: z.enum(['local', 'vagrant']),
  /** PRETTY_NAME from the target's /etc/os-release. */
  system: z.string().min(1),
  /** The day of the run, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  labs: z.record(z.string(), outcomeSchema),
  exercises: z.record(z.string(), outcomeSchema),
});

export type VerifiedRun = z.infer<typeof verifiedRunSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;

/** Validate every file and name the one that is wrong, so a bad record fails the build clearly. */
export function parseVerifiedRuns(files: Record<string, unknown>): VerifiedRun[] {
  return Object.entries(files).map(([file, value]) => {
    const parsed = verifiedRunSchema.safeParse(value);
    if (!parsed.success) throw new Error(`${file} is not a verified-run record: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The file name a run is stored under: content/verified/<target>-<arch>-<kernel>.json. */
export function verifiedFileName(run: Pick<VerifiedRun, 'target' | 'arch' | 'kernel'>): string {
  return `${run.target}-${run.arch}-${run.kernel}`.replace(/[^A-Za-z0-9._-]/g, '_') + '.json';
}

/**
 * A short hash of files' contents (paths relative to the repository root), in
 * the order given. Records keep the hash of a lab's files from when it ran; the
 * page compares it with today's to tell a current record from a stale one.
 */
export function sourcesHash(files: readonly string[], from: URL | ((file: string) => string)): string {
  // Scripts read from the checkout (a root URL); the site passes its build-time reader, because inside
  // a built page import.meta.url no longer points into the repository.
  const read = typeof from === 'function' ? from : (file: string) => readFileSync(new URL(file, from));
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(read(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** What a lab is made of, for sourcesHash: its declaration (labs/catalog/<name>.ts) and the files it compiles or runs. */
export function labFiles(lab: { name: string; sources: readonly string[] }): string[] {
  return [`labs/catalog/${lab.name}.ts`, ...lab.sources];
}

/** What an exercise is made of: its declaration, the starter file and the reference solution. */
export function exerciseFiles(exercise: { id: string }): string[] {
  return [`labs/exercises/${exercise.id}.ts`, `bpf/exercises/${exercise.id}.c`, `bpf/solutions/${exercise.id}.c`];
}

/** A kernel release's version numbers: "5.10.0-32-amd64" → [5, 10, 0]; "5.18" → [5, 18]. */
export function kernelVersion(release: string): number[] {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release);
  if (!match) throw new Error(`"${release}" does not start with a kernel version (like 6.1 or 5.10.0)`);
  return match.slice(1).filter((part) => part !== undefined).map(Number);
}

/** Compare two kernel releases by major and minor version only (a 5.10.0-32 distribution kernel is "5.10"). */
export function compareKernels(a: string, b: string): number {
  const [x, y] = [kernelVersion(a), kernelVersion(b)];
  return x[0]! - y[0]! || x[1]! - y[1]!;
}

/** One record as it concerns one lab or exercise. */
export interface Verdict extends Outcome {
  run: VerifiedRun;
  /** The lab changed since this record was made. */
  stale: boolean;
}

/** Records in the order the page shows them: by architecture, then kernel, then target. */
export function orderRuns(runs: readonly VerifiedRun[]): VerifiedRun[] {
  return [...runs].sort((a, b) => a.arch.localeCompare(b.arch) || compareKernels(a.kernel, b.kernel) || a.target.localeCompare(b.target));
}

/** How a declared minimum kernel stands against the records of a lab's runs. */
export type MinimumEvidence =
  /** No current record at or below the declared minimum: the minimum is what the lab's author declared. */
  | { kind: 'declared'; oldestTried: string | undefined }
  /** A current record on a kernel of the declared minimum's version or older: the records bear on it. */
  | { kind: 'observed'; oldestTried: string };

export function minimumEvidence(minKernel: string, verdicts: readonly Verdict[]): MinimumEvidence {
  const tried = verdicts.filter((v) => !v.stale).map((v) => v.run.kernel).sort(compareKernels);
  const oldest = tried[0];
  if (oldest === undefined || compareKernels(minKernel, oldest) < 0) return { kind: 'declared', oldestTried: oldest };
  return { kind: 'observed', oldestTried: oldest };
}

/**
 * Where a record contradicts a declared minimum: a pass on a kernel older than
 * the minimum (it is set too high), or a failure on a kernel that meets it
 * (the lab is broken there, or the minimum is too low). Skips agree with any minimum.
 */
export function disagreement(minKernel: string, verdict: Verdict): string | undefined {
  if (verdict.stale) return undefined;
  const meets = compareKernels(verdict.run.kernel, minKernel) >= 0;
  const where = `${verdict.run.kernel} (${verdict.run.arch}, ${verdict.run.target})`;
  if (!meets && verdict.status === 'pass') return `passed on ${where}, older than its declared minimum ${minKernel}`;
  if (meets && verdict.status === 'fail') return `failed on ${where}, which meets its declared minimum ${minKernel}: ${verdict.reason ? inLocale(verdict.reason, 'en') : 'no reason recorded'}`;
  return undefined;
}

/** Every record's verdict on one lab or exercise (in page order), with staleness against its files' hash today. */
export function verdictsFor(kind: 'labs' | 'exercises', name: string, currentHash: string, runs: readonly VerifiedRun[]): Verdict[] {
  return orderRuns(runs).flatMap((run) => {
    const outcome = run[kind][name];
    return outcome ? [{ ...outcome, run, stale: outcome.sources !== currentHash }] : [];
  });
}
