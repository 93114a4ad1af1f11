// Code on a page is cut from the file the lab compiles, never pasted. A region is
// marked in the source with a pair of comment lines:
//   // region: name        ...        // endregion: name
// The build fails when a region is missing, named twice, or left open, so a page
// can never show code that the labs do not run.

export class RegionError extends Error {
  override name = 'RegionError';
}

const BEGIN = /^\s*(?:\/\/|#|\/\*)\s*region:\s*([\w-]+)/;
const END = /^\s*(?:\/\/|#|\/\*)\s*endregion:\s*([\w-]+)/;

function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[\t ]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

/** Return the text of one named region, or the whole file without marker lines when no region is given. */
export function extractRegion(source: string, file: string, region?: string): string {
  const lines = source.replace(/\n$/, '').split('\n');
  if (!region) return lines.filter((l) => !BEGIN.test(l) && !END.test(l)).join('\n');

  const starts = lines.flatMap((l, i) => (BEGIN.exec(l)?.[1] === region ? [i] : []));
  if (starts.length === 0) throw new RegionError(`${file}: no region "${region}" (add "// region: ${region}" and "// endregion: ${region}")`);
  if (starts.length > 1) throw new RegionError(`${file}: region "${region}" is marked ${starts.length} times (lines ${starts.map((s) => s + 1).join(', ')})`);
  const start = starts[0]!;
  const end = lines.findIndex((l, i) => i > start && END.exec(l)?.[1] === region);
  if (end < 0) throw new RegionError(`${file}: region "${region}" starts on line ${start + 1} but never ends`);
  const body = lines.slice(start + 1, end).filter((l) => !BEGIN.test(l) && !END.test(l));
  return dedent(body);
}
