// The learner's progress: which exercises passed and when, and how many hints
// they have seen. One small JSON file in the user's state directory, never in
// the repository. A missing or unreadable file is a fresh start, never a crash.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const entrySchema = z.object({
  status: z.enum(['failing', 'passed']),
  /** When it first passed (an ISO date); kept even if a later edit fails again. */
  passedAt: z.string().optional(),
  lastCheckedAt: z.string().optional(),
  hintsSeen: z.number().int().min(0).default(0),
});

const progressSchema = z.object({ version: z.literal(1), exercises: z.record(z.string(), entrySchema) });

export type ProgressEntry = z.infer<typeof entrySchema>;
export type Progress = z.infer<typeof progressSchema>;
export type ExerciseStatus = 'not-started' | 'failing' | 'passed';

interface Owner {
  home: string;
  uid?: number;
  gid?: number;
}

/** Under sudo the state belongs to the user who typed the command, not to root. */
function owner(env: NodeJS.ProcessEnv): Owner {
  const sudoUser = env['SUDO_USER'];
  if (sudoUser && sudoUser !== 'root' && /^[a-z_][a-z0-9_-]*\$?$/i.test(sudoUser)) {
    try {
      const [, , uid, gid, , home] = execFileSync('getent', ['passwd', sudoUser], { encoding: 'utf8' }).trim().split(':');
      if (home) return { home, uid: Number(uid), gid: Number(gid) };
    } catch {
      // No such user in the passwd database: fall back to this process's home.
    }
  }
  return { home: env['HOME'] ?? homedir() };
}

/** $XDG_STATE_HOME/xdp-labs/progress.json, else ~/.local/state/xdp-labs/progress.json (the invoking user's under sudo). */
export function progressFile(env: NodeJS.ProcessEnv = process.env): string {
  const who = owner(env);
  const stateHome = env['XDG_STATE_HOME'] && !env['SUDO_USER'] ? env['XDG_STATE_HOME'] : join(who.home, '.local', 'state');
  return join(stateHome, 'xdp-labs', 'progress.json');
}

export function readProgress(file = progressFile()): Progress {
  try {
    const parsed = progressSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing, unreadable or not JSON: a fresh start.
  }
  return { version: 1, exercises: {} };
}

/** Written whole to a temporary file and renamed, so a crash never leaves half a file. */
export function writeProgress(progress: Progress, file = progressFile(), env: NodeJS.ProcessEnv = process.env): void {
  const who = owner(env);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(progress, null, 2) + '\n');
  renameSync(temporary, file);
  if (who.uid !== undefined && who.gid !== undefined && process.getuid?.() === 0) {
    for (const path of [file, dirname(file), dirname(dirname(file))]) {
      try {
        chownSync(path, who.uid, who.gid);
      } catch {
        // Not ours to change (a shared state dir): the file stays readable to its owner anyway.
      }
    }
  }
}

export function statusOf(progress: Progress, id: string): ExerciseStatus {
  const entry = progress.exercises[id];
  // Hints seen but never checked is still not started.
  if (!entry || (!entry.lastCheckedAt && !entry.passedAt)) return 'not-started';
  return entry.passedAt ? 'passed' : entry.status;
}

/** Record a check's result; a pass keeps its first date. */
export function recordResult(id: string, passed: boolean, file = progressFile(), now = new Date()): Progress {
  const progress = readProgress(file);
  const entry = progress.exercises[id] ?? { status: 'failing', hintsSeen: 0 };
  progress.exercises[id] = {
    ...entry,
    status: passed ? 'passed' : 'failing',
    lastCheckedAt: now.toISOString(),
    ...(passed && !entry.passedAt ? { passedAt: now.toISOString() } : {}),
  };
  writeProgress(progress, file);
  return progress;
}

/** Count one more hint seen; returns the number of hints seen now. */
export function recordHint(id: string, total: number, file = progressFile()): number {
  const progress = readProgress(file);
  const entry = progress.exercises[id] ?? { status: 'failing' as const, hintsSeen: 0 };
  const seen = Math.min(total, entry.hintsSeen + 1);
  progress.exercises[id] = { ...entry, hintsSeen: seen };
  writeProgress(progress, file);
  return seen;
}
