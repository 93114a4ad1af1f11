// Lab timing figures for the local target (budgets from the lab runner issue:
// one lab ≤ 3 s wall, --all of the first labs ≤ 20 s; drop-bench ≤ 3 min).
// Prints, asserts nothing.
//   npm run bench:labs
import { execa } from 'execa';
import { labs } from '../labs/catalog/index.ts';

const FIRST_LABS = ['xdp-pass', 'xdp-drop', 'go-loader'];
/** Per-lab budgets, in ms: the first labs' from the runner issue, drop-bench's from the catalog issue. */
const BUDGETS: Record<string, number> = { 'xdp-pass': 3000, 'xdp-drop': 3000, 'go-loader': 3000, 'drop-bench': 180_000 };
const REPEATS = 3;

async function wallMs(args: string[]): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const result = await execa(process.execPath, ['--no-warnings', 'labs/cli.ts', ...args, '--target', 'local', '--json'], {
    cwd: new URL('..', import.meta.url),
    reject: false,
  });
  return { ms: performance.now() - started, ok: result.exitCode === 0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[][] = [['figure', 'median of ' + REPEATS, 'budget', '']];

for (const name of labs.filter((l) => l.targets.includes('local')).map((l) => l.name)) {
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await wallMs([name]));
  const ms = median(runs.map((r) => r.ms));
  const budget = BUDGETS[name];
  const verdict = runs.every((r) => r.ok) ? (budget === undefined ? '' : ms <= budget ? 'ok' : 'over') : 'lab failed';
  rows.push([`npm run lab ${name}`, `${(ms / 1000).toFixed(2)} s`, budget ? `≤ ${budget / 1000} s` : '-', verdict]);
}
const all = [];
for (let i = 0; i < REPEATS; i++) all.push(await wallMs(FIRST_LABS));
const allMs = median(all.map((r) => r.ms));
rows.push([`${FIRST_LABS.join(' + ')} in one run`, `${(allMs / 1000).toFixed(2)} s`, '≤ 20 s', all.every((r) => r.ok) ? (allMs <= 20_000 ? 'ok' : 'over') : 'lab failed']);

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
console.log('\n(wall time of the whole command, Node start-up and compilation included; go-loader includes `go build`)');
