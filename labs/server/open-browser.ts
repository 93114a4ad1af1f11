// Open the book in the reader's browser, on a desktop only: a server over SSH
// or in a container has nobody to show it to, and the printed address suffices.
import { spawn } from 'node:child_process';

function opener(url: string, env: NodeJS.ProcessEnv): string[] | undefined {
  if (process.platform === 'darwin') return ['open', url];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""', url];
  if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return ['xdg-open', url];
  return undefined;
}

/** True when a browser was asked to open the URL (it may still fail on its own). */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const argv = opener(url, env);
  if (!argv) return false;
  const child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: 'ignore' });
  child.on('error', () => {}); // no xdg-open: the address is on the terminal anyway
  child.unref();
  return true;
}
