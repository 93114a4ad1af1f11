// `npm start [-- --port N] [--no-open]`, parsed once.
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.ts';
import type { Text } from '../lib/locale.ts';
import { optionError } from '../runner/context.ts';

export const DEFAULT_PORT = 4321;

export interface StartOptions {
  /** The port to try first; the next free one is used when it is taken. 0: any free port. */
  port: number;
  open: boolean;
  help: boolean;
}

export const START_USAGE: Text = {
  en: `Usage: npm start [-- --port N] [--no-open]

Serves the book on http://127.0.0.1:${DEFAULT_PORT} (building it first when it is missing or older than its
sources), with every lab and exercise runnable from its page. Stop it with Ctrl-C.

  --port N    try port N first (default ${DEFAULT_PORT}); the next free port is used when it is taken
  --no-open   do not open a browser`,
  ko: `사용법: npm start [-- --port N] [--no-open]

책을 http://127.0.0.1:${DEFAULT_PORT}에서 제공합니다(빌드가 없거나 소스보다 오래되었으면 먼저 빌드합니다).
모든 실습과 연습문제를 각 페이지에서 실행할 수 있습니다. 멈추려면 Ctrl-C.

  --port N    포트 N을 먼저 시도 (기본값 ${DEFAULT_PORT}). 이미 쓰이고 있으면 다음 빈 포트를 씁니다
  --no-open   브라우저를 열지 않음`,
};

export function parseStartOptions(argv: string[]): StartOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw optionError(error, 'npm start -- --help');
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      { en: `--port ${values.port} is not a port number`, ko: `--port ${values.port}: 포트 번호가 아닙니다` },
      { en: `Give a number from 1 to 65535, for example --port ${DEFAULT_PORT}.`, ko: `1부터 65535까지의 숫자를 주세요. 예: --port ${DEFAULT_PORT}` },
    );
  }
  return { port, open: !values['no-open'], help: values.help };
}
