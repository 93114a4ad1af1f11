// Listen on loopback, on the port asked for or, when it is taken, the next free one.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  throw new Error(`ports ${port} to ${port + TRIES - 1} are all taken; choose another with --port N`);
}
