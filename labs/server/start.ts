// `npm start`: build the book if needed, serve it on loopback with the API its
// pages use to run labs, print the address (with the token that unlocks the
// Run buttons), and open it in a browser on a desktop. Ctrl-C stops every run
// (each cleans up first) and then the server. Only main sets the exit code.
import { LabError, UsageError } from '../lib/errors.ts';
import { localeOf, type Text } from '../lib/locale.ts';
import { recordBookUrl } from '../runner/book-url.ts';
import { humanReporter, processStderr, processStdout } from '../runner/messages.ts';
import { startBookServer } from './book-server.ts';
import { newToken } from './guard.ts';
import { catalogJobs } from './jobs.ts';
import { openBrowser } from './open-browser.ts';
import { parseStartOptions, START_USAGE } from './options.ts';
import type { Readiness } from './readiness.ts';
import { buildNeeded, buildSite, siteDir } from './site-build.ts';

// npm start takes no --lang: its own lines follow $LANG, as `npm run lab` does by default. Each run
// started from a page speaks the page's language.
const locale = localeOf(process.env['LANG']);
const say = humanReporter(processStdout, locale);

const NOT_READY_ADVICE: Record<Exclude<Readiness, { ready: true }>['reason'], Text> = {
  'needs-root': {
    en: 'Run buttons need root for the local target: stop this and run `sudo npm start`, or create the workshop VM with `npm run lab -- vm up`.',
    ko: '로컬 대상에서 실행 버튼을 쓰려면 root 권한이 필요합니다. 서버를 멈추고 `sudo npm start`로 다시 실행하거나, `npm run lab -- vm up`으로 워크숍 VM을 만드세요.',
  },
  'no-bpf': { en: 'This kernel has no BPF system call: use the workshop VM (`npm run lab -- vm up`).', ko: '이 커널에는 BPF 시스템 콜이 없습니다. 워크숍 VM을 쓰세요(`npm run lab -- vm up`).' },
  'vm-missing': {
    en: 'Labs would run in the workshop VM, which does not exist yet: create it with `npm run lab -- vm up`.',
    ko: '실습은 워크숍 VM에서 실행되는데 VM이 아직 없습니다. `npm run lab -- vm up`으로 만드세요.',
  },
  'no-target': { en: 'No target can run labs here; the pages still read fine.', ko: '여기에는 실습을 실행할 대상이 없습니다. 페이지는 그대로 읽을 수 있습니다.' },
};

async function main(): Promise<number> {
  const options = parseStartOptions(process.argv.slice(2));
  if (options.help) {
    say.raw(START_USAGE[locale]);
    return 0;
  }
  const dir = siteDir();
  const why = buildNeeded(dir);
  if (why) {
    const progress = say.start({ en: `Build the book (${why.en}); this takes a minute or two`, ko: `책 빌드 (${why.ko}). 1~2분 걸립니다` });
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
  if (options.port !== 0 && server.port !== options.port) {
    say.info({ en: `Port ${options.port} is taken: using ${server.port} instead.`, ko: `포트 ${options.port}은(는) 이미 쓰이고 있어 ${server.port}을(를) 씁니다.` });
  }
  say.info({ en: `The book is served at:\n\n  ${address}\n`, ko: `책 주소:\n\n  ${address}\n` });
  const ready = await jobs.status();
  say.info(
    ready.ready
      ? { en: `Labs run on the ${ready.target} target, as \`npm run lab\` would run them.`, ko: `실습은 \`npm run lab\`과 같이 ${ready.target} 대상에서 실행됩니다.` }
      : NOT_READY_ADVICE[ready.reason],
  );
  if (options.open && openBrowser(address)) say.info({ en: 'Opened it in your browser.', ko: '브라우저에서 열었습니다.' });
  say.info({ en: 'Press Ctrl-C to stop.', ko: '멈추려면 Ctrl-C를 누르세요.' });

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        processStderr.write(
          `\n${{ en: `${signal} again: leaving now; \`npm run lab -- clean\` removes what runs left.`, ko: `${signal}을(를) 다시 받아 바로 끝냅니다. 실행이 남긴 것은 \`npm run lab -- clean\`으로 지울 수 있습니다.` }[locale]}\n`,
        );
        process.exit(1);
      }
      stopping = true;
      const running = server.runs.keys().length;
      say.info({ en: `\nStopping${running ? `: ${running} run(s) clean up first` : ''}.`, ko: `\n멈춥니다${running ? `. 먼저 실행 ${running}개가 정리합니다` : ''}.` });
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
  const errors = humanReporter(processStderr, locale);
  if (error instanceof UsageError) {
    errors.error(error.text, { hint: error.hint });
    process.exitCode = 2;
  } else if (error instanceof LabError) {
    errors.error(error.text, error.details);
    process.exitCode = 1;
  } else {
    errors.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
