// Records what each lab really prints into content/transcripts/<lab>.txt, so
// pages show real output. Run on a Linux host as root:
//   npm run transcripts            every lab that runs on the local target
//   npm run transcripts -- xdp-tx  just those named
// A recording is only written when every check passed.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { labs } from '../labs/catalog/index.ts';

const root = new URL('..', import.meta.url);
const wanted = process.argv.slice(2);
const selected = labs.filter((l) => l.targets.includes('local') && (wanted.length === 0 || wanted.includes(l.name)));
const unknown = wanted.filter((w) => !labs.some((l) => l.name === w));
if (unknown.length) {
  console.error(`no lab named ${unknown.join(', ')}; labs: ${labs.map((l) => l.name).join(', ')}`);
  process.exit(2);
}

let failed = 0;
for (const lab of selected) {
  // Plain output (not a terminal, no colour), exactly what a learner's log shows.
  const run = await execa(process.execPath, ['--no-warnings', 'labs/cli.ts', lab.name, '--target', 'local', '--no-provision'], {
    cwd: root,
    reject: false,
    env: { NO_COLOR: '1', LANG: 'C.UTF-8' },
  });
  if (run.exitCode !== 0) {
    failed++;
    console.error(`✘ ${lab.name}: exit ${run.exitCode}; transcript not written\n${run.stdout}\n${run.stderr}`);
    continue;
  }
  const file = new URL(`content/transcripts/${lab.name}.txt`, root);
  writeFileSync(file, `$ npm run lab ${lab.name}\n${run.stdout.replace(/^\n/, '')}`);
  console.log(`✔ ${lab.name} → content/transcripts/${lab.name}.txt`);
}
process.exitCode = failed ? 1 : 0;
