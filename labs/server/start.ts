// `npm start`: build the book if needed, serve it on loopback with the API its
// pages use to run labs, print the address (with the token that unlocks the
// Run buttons), and open it in a browser on a desktop. Ctrl-C stops every run
// (each cleans up first) and then the server. Only main sets the exit code.
import { LabError, UsageError } from '../lib/errors.ts';
import { recordBookUrl } from '../runner/book-url.ts';
import { humanReporter, processStderr, processStdout } from '../runner/messages.ts';
import { startBookServer } from './book-server.ts';
import { newToken } from './guard.ts';
import { catalogJobs } from './jobs.ts';
import { openBrowser } from './open-browser.ts';
import { parseStartOptions, START_USAGE } from './options.ts';
import type { Readiness } from './readiness.ts';
import { buildNeeded, buildSite, siteDir } from './site-build.ts';

const say = humanReporter(processStdout);

const NOT_READY_ADVICE: Record<Exclude<Readiness, { ready: true }>['reason'], string> = {
  'needs-root': 'Run buttons need root for the local target: stop this and run `sudo npm start`, or create the workshop VM with `npm run lab -- vm up`.',
  'no-bpf': 'This kernel has no BPF system call: use the workshop VM (`npm run lab -- vm up`).',
  'vm-missing': 'Labs would run in the workshop VM, which does not exist yet: create it with `npm run lab -- vm up`.',
  'no-target': 'No target can run labs here; the pages still read fine.',
};

async function main(): Promise<number> {
  const options = parseStartOptions(process.argv.slice(2));
  if (options.help) {
    say.raw(START_USAGE);
    return 0;
  }
  const dir = siteDir();
  const why = buildNeeded(dir);
  if (why) {
    const progress = say.start(`Build the book (${why}); this takes a minute or two`);
    try {
      await buildSite(dir);
      progress.done();
    } catch (error) {
      progress.fail();
      throw error;
    }
  }

  const jobs = catalogJobs();
  const token = newToken();
  const server = await startBookServer({ siteDir: dir, jobs, token, port: options.port, log: (line) => say.info(line) });
  const forget = recordBookUrl(server.url);
  const address = `${server.url}/?token=${token}`;
  if (options.port !== 0 && server.port !== options.port) say.info(`Port ${options.port} is taken: using ${server.port} instead.`);
  say.info(`The book is served at:\n\n  ${address}\n`);
  const ready = await jobs.status();
  say.info(ready.ready ? `Labs run on the ${ready.target} target, as \`npm run lab\` would run them.` : NOT_READY_ADVICE[ready.reason]);
  if (options.open && openBrowser(address)) say.info('Opened it in your browser.');
  say.info('Press Ctrl-C to stop.');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        processStderr.write(`\n${signal} again: leaving now; \`npm run lab -- clean\` removes what runs left.\n`);
        process.exit(1);
      }
      stopping = true;
      const running = server.runs.keys().length;
      say.info(`\nStopping${running ? `: ${running} run(s) clean up first` : ''}.`);
      void server.close().then(resolve);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  forget();
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const errors = humanReporter(processStderr);
  if (error instanceof UsageError) {
    errors.error(error.message, { hint: error.hint });
    process.exitCode = 2;
  } else {
    errors.error(error instanceof Error ? error.message : String(error), error instanceof LabError ? error.details : undefined);
    process.exitCode = 1;
  }
}
