// `npm start [-- --port N] [--no-open]`, parsed once.
import { parseArgs } from 'node:util';
import { UsageError } from '../lib/errors.ts';
import { optionError } from '../runner/context.ts';

export const DEFAULT_PORT = 4321;

export interface StartOptions {
  /** The port to try first; the next free one is used when it is taken. 0: any free port. */
  port: number;
  open: boolean;
  help: boolean;
}

export const START_USAGE = `Usage: npm start [-- --port N] [--no-open]

Serves the book on http://127.0.0.1:${DEFAULT_PORT} (building it first when it is missing or older than its
sources), with every lab and exercise runnable from its page. Stop it with Ctrl-C.

  --port N    try port N first (default ${DEFAULT_PORT}); the next free port is used when it is taken
  --no-open   do not open a browser`;

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
