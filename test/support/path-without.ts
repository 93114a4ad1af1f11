// A PATH with every command of this machine except the ones named: for tests of
// what the runner says when a tool is missing.
import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export function pathWithout(bin: string, missing: readonly string[]): string {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    for (const entry of readdirSync(dir)) {
      if (missing.includes(entry)) continue;
      try {
        symlinkSync(join(dir, entry), join(bin, entry));
      } catch {
        // the same name in two dirs: the first wins, as on PATH
      }
    }
  }
  return bin;
}
