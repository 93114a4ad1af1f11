// Listen on loopback, on the port asked for or, when it is taken, the next free one.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LabError } from '../lib/errors.ts';

const TRIES = 20;

function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** The port it listens on; port 0 means any free port. */
export async function listenFrom(server: Server, port: number): Promise<number> {
  for (let candidate = port; candidate < port + TRIES && candidate <= 65535; candidate++) {
    if (await tryListen(server, candidate)) return (server.address() as AddressInfo).port;
    if (port === 0) break;
  }
  const last = port + TRIES - 1;
  throw new LabError({ en: `ports ${port} to ${last} are all taken; choose another with --port N`, ko: `포트 ${port}~${last}이(가) 모두 쓰이고 있습니다. --port N으로 다른 포트를 고르세요` });
}
