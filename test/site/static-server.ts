// A static server for the built site, so the browser tests and the benchmark see
// exactly what a static host would serve (labs/server/static-files.ts), on
// 127.0.0.1 and a free port.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { safely, staticFiles, type StaticOptions } from '../../labs/server/static-files.ts';

export interface StaticServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

export type StaticServerOptions = Pick<StaticOptions, 'gzip'>;

/** Serve `root` on 127.0.0.1 on a free port until close() is called. */
export async function serveStatic(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const server = createServer(safely(staticFiles(root, options)));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
