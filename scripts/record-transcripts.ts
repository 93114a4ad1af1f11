// Records what each lab really prints, in English (content/transcripts/<lab>.txt)
// and in Korean (<lab>.ko.txt), so pages show real output in their own language. Run on a Linux host as root:
//   npm run transcripts            every lab that runs on the local target
//   npm run transcripts -- xdp-tx  just those named
// A recording is only written when every check passed.
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labs } from '../labs/catalog/index.ts';
import { DEFAULT_LOCALE, LOCALES, transcriptFile, type Locale } from '../labs/lib/locale.ts';

const root = new URL('..', import.meta.url);
const wanted = process.argv.slice(2);
const selected = labs.filter((l) => l.targets.includes('local') && (wanted.length === 0 || wanted.includes(l.name)));
const unknown = wanted.filter((w) => !labs.some((l) => l.name === w));
if (unknown.length) {
  console.error(`no lab named ${unknown.join(', ')}; labs: ${labs.map((l) => l.name).join(', ')}`);
  process.exit(2);
}

/** The command a reader would type to see the same output. */
function commandFor(lab: string, locale: Locale): string {
  return locale === DEFAULT_LOCALE ? `npm run lab ${lab}` : `npm run lab -- ${lab} --lang ko`;
}

mkdirSync(new URL('content/records/', root), { recursive: true });
let failed = 0;
for (const lab of selected) {
  for (const locale of LOCALES) {
    // Plain output (not a terminal, no colour), exactly what a learner's log shows.
    const run = await execa(process.execPath, ['--no-warnings', 'labs/cli.ts', lab.name, '--target', 'local', '--no-provision', '--lang', locale], {
      cwd: root,
      reject: false,
      // Labs that keep a record of their figures for a page (drop-bench's chart) write it from the English run.
      env: { NO_COLOR: '1', LANG: 'C.UTF-8', ...(locale === 'en' ? { XDP_LABS_RECORD_DIR: fileURLToPath(new URL('content/records/', root)) } : {}) },
    });
    if (run.exitCode !== 0) {
      failed++;
      console.error(`✘ ${lab.name} (${locale}): exit ${run.exitCode}; transcript not written\n${run.stdout}\n${run.stderr}`);
      continue;
    }
    const name = transcriptFile(lab.name, locale);
    writeFileSync(new URL(name, root), `$ ${commandFor(lab.name, locale)}\n${run.stdout.replace(/^\n/, '')}`);
    console.log(`✔ ${lab.name} → ${name}`);
  }
}
process.exitCode = failed ? 1 : 0;
