// Records of real lab runs: which labs passed on which kernel. The files in
// content/verified/ are written by scripts/record-verified.ts after running every
// lab on a target; the compatibility page reads them, so "verified on" is never
// typed by hand.
import { z } from 'zod';

export const verifiedRunSchema = z.object({
  /** `uname -r` of the machine the labs ran on. */
  kernel: z.string().min(1),
  target: z.enum(['local', 'vagrant']),
  /** The day of the run, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Lab name → true when every check of that lab passed. */
  labs: z.record(z.string(), z.boolean()),
});

export type VerifiedRun = z.infer<typeof verifiedRunSchema>;

/** One run as it concerns one lab. */
export interface LabVerdict {
  kernel: string;
  target: VerifiedRun['target'];
  date: string;
  passed: boolean;
}

/** Validate every file and name the one that is wrong, so a bad record fails the build clearly. */
export function parseVerifiedRuns(files: Record<string, unknown>): VerifiedRun[] {
  return Object.entries(files).map(([file, value]) => {
    const parsed = verifiedRunSchema.safeParse(value);
    if (!parsed.success) throw new Error(`${file} is not a verified-run record: ${parsed.error.message}`);
    return parsed.data;
  });
}

/** The runs that included this lab, newest first. */
export function verdictsFor(lab: string, runs: readonly VerifiedRun[]): LabVerdict[] {
  return runs
    .filter((run) => lab in run.labs)
    .map((run) => ({ kernel: run.kernel, target: run.target, date: run.date, passed: run.labs[lab] === true }))
    .sort((a, b) => b.date.localeCompare(a.date) || b.kernel.localeCompare(a.kernel, 'en', { numeric: true }));
}

/** The file name a run is stored under: content/verified/<target>-<kernel>.json. */
export function verifiedFileName(run: Pick<VerifiedRun, 'target' | 'kernel'>): string {
  return `${run.target}-${run.kernel.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}
