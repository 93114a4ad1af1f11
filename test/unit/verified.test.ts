// The compatibility page's "verified on" column comes from content/verified/*.json.
// These tests keep those records honest: well-formed, named after what they hold,
// and about labs that exist.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/catalog/index.ts';
import { parseVerifiedRuns, verdictsFor, verifiedFileName, type VerifiedRun } from '../../src/lib/verified.ts';

const dir = new URL('../../content/verified/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('content/verified records', () => {
  it('there is at least one record from a real run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} is well formed, named after its target and kernel, and names only known labs`, () => {
      const [run] = parseVerifiedRuns({ [file]: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) });
      expect(verifiedFileName(run!)).toBe(file);
      const known = new Set(labs.map((l) => l.name));
      expect(Object.keys(run!.labs).filter((name) => !known.has(name))).toEqual([]);
    });
  }
});

describe('verdictsFor', () => {
  const run = (kernel: string, date: string, labsPassed: Record<string, boolean>): VerifiedRun => ({
    kernel,
    target: 'local',
    date,
    labs: labsPassed,
  });

  it('lists only runs that included the lab, newest first, keeping failures', () => {
    const runs = [
      run('6.1.0-13-amd64', '2026-11-01', { 'xdp-drop': true }),
      run('6.18.44', '2026-11-24', { 'xdp-drop': false }),
      run('5.15.0-91-generic', '2026-11-24', { 'xdp-pass': true }),
    ];
    expect(verdictsFor('xdp-drop', runs)).toEqual([
      { kernel: '6.18.44', target: 'local', date: '2026-11-24', passed: false },
      { kernel: '6.1.0-13-amd64', target: 'local', date: '2026-11-01', passed: true },
    ]);
    expect(verdictsFor('go-loader', runs)).toEqual([]);
  });

  it('names the file that is malformed', () => {
    expect(() => parseVerifiedRuns({ '/content/verified/bad.json': { kernel: '6.1', target: 'laptop' } })).toThrow(/bad\.json/);
  });
});
