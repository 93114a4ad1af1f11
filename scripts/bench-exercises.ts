// Save-to-verdict in watch mode, per exercise: how long after the learner saves
// until the unit stage's verdict is on screen (compile + load + unit) and until
// the whole check (live stage included) is. Goals from the exercises issue:
// unit verdict ≤ 1 s median, whole check ≤ 3 s. Prints figures, asserts nothing.
//   npm run bench:exercises            (as root: the live stage uses namespaces)
import { execa } from 'execa';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exercises } from '../labs/exercises/index.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SAVES = 5;
const UNIT_GOAL_MS = 1000;
const WHOLE_GOAL_MS = 3000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const scratch = mkdtempSync(join(tmpdir(), 'xl-bench-exercises-'));

/** Saves the solution `SAVES` times into a watched file; returns the save-to-line times of the unit and summary lines. */
async function measure(id: string): Promise<{ unit: number[]; whole: number[]; passed: boolean }> {
  const file = join(scratch, `${id}.c`);
  copyFileSync(join(REPO, 'bpf', 'solutions', `${id}.c`), file);
  const child = execa(process.execPath, ['--no-warnings', 'labs/cli.ts', 'check', id, '--file', file, '--watch', '--target', 'local', '--lang', 'en'], {
    cwd: REPO,
    reject: false,
    env: { XDG_STATE_HOME: join(scratch, 'state') },
  });
  const unit: number[] = [];
  const whole: number[] = [];
  let passed = true;
  let savedAt = 0;
  let next: (() => void) | undefined;
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (savedAt && /✔ Unit|✘ Unit/.test(line)) unit.push(performance.now() - savedAt);
      if (new RegExp(`[✔✘] ${id}: `).test(line)) {
        if (savedAt) whole.push(performance.now() - savedAt);
        if (!line.includes(': pass')) passed = false;
        next?.();
      }
    }
  });
  const verdict = () => new Promise<void>((resolve) => (next = resolve));
  await verdict(); // the first check, on start: not a save
  const source = readFileSync(file, 'utf8');
  for (let i = 0; i < SAVES; i++) {
    const waiting = verdict();
    savedAt = performance.now();
    writeFileSync(file, `${source}\n// save ${i}\n`);
    await waiting;
  }
  child.kill('SIGINT');
  await child;
  return { unit, whole, passed };
}

const rows = [['exercise', 'unit verdict (median)', 'whole check (median)', `goals ≤ ${UNIT_GOAL_MS} / ≤ ${WHOLE_GOAL_MS} ms`]];
try {
  for (const exercise of exercises) {
    const { unit, whole, passed } = await measure(exercise.id);
    const u = median(unit);
    const w = median(whole);
    const verdict = !passed ? 'solution failed' : `${u <= UNIT_GOAL_MS ? 'ok' : 'over'} / ${w <= WHOLE_GOAL_MS ? 'ok' : 'over'}`;
    rows.push([exercise.id, `${Math.round(u)} ms`, `${Math.round(w)} ms`, verdict]);
    console.log(`${exercise.id}: unit ${unit.map(Math.round).join(', ')} ms; whole ${whole.map(Math.round).join(', ')} ms`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`\nSave-to-verdict in watch mode, ${SAVES} saves each, solutions (${exercises.length} exercises):`);
for (const row of rows) console.log('  ' + row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
