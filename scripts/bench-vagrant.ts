// Prints how long the VM path takes, against the budgets (figures, not
// assertions: the machine's load moves them):
//   warm  `npm run lab xdp-drop --target vagrant` with the VM already up   ≤ 15 s
//   cold  from no VM to the first lab result printed, with the offline box ≤ 3 min
// The cold figure destroys the VM first; `--warm` measures only the warm one.
// Run it with the same environment as scripts/ci-vagrant.sh (XDP_LABS_BOX=offline…).
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

const REPO_DIR = fileURLToPath(new URL('..', import.meta.url));
const CLI = [fileURLToPath(new URL('../labs/cli.ts', import.meta.url))];
const WARM_BUDGET_S = 15;
const COLD_BUDGET_S = 180;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function verdict(ms: number, budgetS: number): string {
  return ms <= budgetS * 1000 ? `within the ${budgetS} s budget` : `OVER the ${budgetS} s budget`;
}

/** Runs the CLI and notes when the first check line (PASS/FAIL) appeared on stdout. */
async function timedLab(args: string[]): Promise<{ totalMs: number; firstResultMs: number | undefined; exitCode: number }> {
  const started = Date.now();
  let firstResultMs: number | undefined;
  const watch = function* (line: unknown) {
    if (firstResultMs === undefined && /^\s+(PASS|FAIL) /.test(String(line))) firstResultMs = Date.now() - started;
    yield String(line);
  };
  const result = await execa(process.execPath, ['--no-warnings', ...CLI, ...args], { cwd: REPO_DIR, reject: false, stdout: watch, stderr: 'inherit' });
  return { totalMs: Date.now() - started, firstResultMs, exitCode: result.exitCode ?? -1 };
}

async function cli(args: string[]): Promise<number> {
  const result = await execa(process.execPath, ['--no-warnings', ...CLI, ...args], { cwd: REPO_DIR, reject: false, stdio: 'inherit' });
  return result.exitCode ?? -1;
}

async function main(): Promise<number> {
  const warmOnly = process.argv.includes('--warm');
  const figures: string[] = [];

  if (!warmOnly) {
    console.log('cold: destroying the VM, then timing `npm run lab xdp-drop --target vagrant` from nothing…');
    await cli(['vm', 'destroy']);
    const cold = await timedLab(['xdp-drop', '--target', 'vagrant']);
    if (cold.firstResultMs === undefined) {
      figures.push(`cold: no lab result printed (exit ${cold.exitCode}) after ${seconds(cold.totalMs)}`);
    } else {
      figures.push(`cold: vagrant up → first lab result ${seconds(cold.firstResultMs)} (${verdict(cold.firstResultMs, COLD_BUDGET_S)}); whole lab ${seconds(cold.totalMs)}`);
    }
  } else if ((await cli(['vm', 'up'])) !== 0) {
    console.log('the VM does not come up; nothing to measure');
    return 1;
  }

  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const run = await timedLab(['xdp-drop', '--target', 'vagrant']);
    if (run.exitCode !== 0) figures.push(`warm run ${i + 1} exited ${run.exitCode}`);
    warm.push(run.totalMs);
  }
  const median = [...warm].sort((a, b) => a - b)[1]!;
  figures.push(`warm: npm run lab xdp-drop --target vagrant ${warm.map(seconds).join(', ')}; median ${seconds(median)} (${verdict(median, WARM_BUDGET_S)})`);

  console.log('\nFigures');
  for (const f of figures) console.log(`  ${f}`);
  return 0;
}

process.exitCode = await main();
