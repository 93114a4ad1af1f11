// The compatibility page comes from content/verified/*.json. These tests keep
// those records honest: well formed, named after what they hold, covering every
// lab their target runs, and in agreement with each lab's declared minimum kernel.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labs } from '../../labs/catalog/index.ts';
import { exercises } from '../../labs/exercises/index.ts';
import {
  compareKernels,
  disagreement,
  exerciseFiles,
  kernelVersion,
  labFiles,
  minimumEvidence,
  parseVerifiedRuns,
  sourcesHash,
  verdictsFor,
  verifiedFileName,
  type VerifiedRun,
} from '../../src/lib/verified.ts';

const root = new URL('../../', import.meta.url);
const dir = new URL('content/verified/', root);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const records = files.map((file) => ({ file, run: parseVerifiedRuns({ [file]: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) })[0]! }));

describe('content/verified records', () => {
  it('there is at least one record from a real run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const { file, run } of records) {
    it(`${file} is named after its target, architecture and kernel, and names only labs its target runs and known exercises`, () => {
      expect(verifiedFileName(run)).toBe(file);
      // A lab or exercise added after the run is simply not in it yet (the page says "not run").
      const runnable = new Set(labs.filter((l) => l.targets.includes(run.target)).map((l) => l.name));
      expect(Object.keys(run.labs).filter((name) => !runnable.has(name))).toEqual([]);
      const known = new Set(exercises.map((e) => e.id));
      expect(Object.keys(run.exercises).filter((id) => !known.has(id))).toEqual([]);
    });
  }

  it("agrees with every lab's declared minimum kernel: no pass below it, no failure at or above it", () => {
    const runs = records.map((r) => r.run);
    const found = labs.flatMap((lab) =>
      verdictsFor('labs', lab.name, sourcesHash(labFiles(lab), root), runs).flatMap((v) => {
        const problem = disagreement(lab.minKernel.version, v);
        return problem ? [`${lab.name} ${problem}`] : [];
      }),
    );
    const foundInExercises = exercises.flatMap((exercise) =>
      verdictsFor('exercises', exercise.id, sourcesHash(exerciseFiles(exercise), root), runs).flatMap((v) => {
        const problem = disagreement(exercise.minKernel.version, v);
        return problem ? [`exercise ${exercise.id} ${problem}`] : [];
      }),
    );
    expect([...found, ...foundInExercises]).toEqual([]);
  });

  it('every lab and exercise has its files where labFiles and exerciseFiles look for them', () => {
    for (const lab of labs) for (const file of labFiles(lab)) expect(existsSync(new URL(file, root)), file).toBe(true);
    for (const exercise of exercises) for (const file of exerciseFiles(exercise)) expect(existsSync(new URL(file, root)), file).toBe(true);
  });
});

describe('a reason in a record', () => {
  const record = (reason: unknown) => ({
    kernel: '6.1.0-50-amd64',
    arch: 'x86_64',
    target: 'vagrant',
    system: 'Debian GNU/Linux 12 (bookworm)',
    date: '2026-12-02',
    labs: { 'xdp-md': { status: 'skip', reason, sources: 'aaaaaaaaaaaaaaaa' } },
    exercises: {},
  });
  it('is one string (older records) or one text per locale (what the runner records now)', () => {
    const [old] = parseVerifiedRuns({ 'old.json': record('no ethtool -l on veth') });
    expect(old!.labs['xdp-md']!.reason).toBe('no ethtool -l on veth');
    const [both] = parseVerifiedRuns({ 'new.json': record({ en: 'no ethtool -l on veth', ko: 'veth에 ethtool -l 없음' }) });
    expect(both!.labs['xdp-md']!.reason).toEqual({ en: 'no ethtool -l on veth', ko: 'veth에 ethtool -l 없음' });
  });
  it('in every locale or not at all: a text that lacks one names the file', () => {
    expect(() => parseVerifiedRuns({ 'half.json': record({ en: 'no ethtool -l on veth' }) })).toThrow(/half\.json is not a verified-run record/);
  });
});

describe('verdicts, staleness and the declared minimum', () => {
  const run = (kernel: string, arch: string, labStatus: Record<string, 'pass' | 'fail' | 'skip'>, sources = 'aaaaaaaaaaaaaaaa'): VerifiedRun => ({
    kernel,
    arch,
    target: 'vagrant',
    system: 'Debian GNU/Linux',
    date: '2026-11-24',
    labs: Object.fromEntries(Object.entries(labStatus).map(([name, status]) => [name, { status, sources, ...(status === 'skip' ? { reason: 'no live frames' } : {}) }])),
    exercises: {},
  });
  const runs = [
    run('6.1.0-27-amd64', 'x86_64', { 'drop-bench': 'pass' }),
    run('5.10.0-32-amd64', 'x86_64', { 'drop-bench': 'skip' }),
    run('6.1.0-27-arm64', 'aarch64', { 'drop-bench': 'pass' }, 'bbbbbbbbbbbbbbbb'),
  ];

  it('orders records by architecture then kernel, and marks those made from other sources stale', () => {
    const verdicts = verdictsFor('labs', 'drop-bench', 'aaaaaaaaaaaaaaaa', runs);
    expect(verdicts.map((v) => [v.run.kernel, v.status, v.stale])).toEqual([
      ['6.1.0-27-arm64', 'pass', true],
      ['5.10.0-32-amd64', 'skip', false],
      ['6.1.0-27-amd64', 'pass', false],
    ]);
    expect(verdictsFor('labs', 'xdp-pass', 'aaaaaaaaaaaaaaaa', runs)).toEqual([]);
  });

  it('calls a minimum "declared" while every current record is on a newer kernel, "observed" once one reaches it', () => {
    const verdicts = verdictsFor('labs', 'drop-bench', 'aaaaaaaaaaaaaaaa', runs);
    expect(minimumEvidence('4.19', verdicts)).toEqual({ kind: 'declared', oldestTried: '5.10.0-32-amd64' });
    expect(minimumEvidence('5.18', verdicts)).toEqual({ kind: 'observed', oldestTried: '5.10.0-32-amd64' });
    expect(minimumEvidence('5.18', [])).toEqual({ kind: 'declared', oldestTried: undefined });
  });

  it('finds a pass below the minimum and a failure above it, and accepts skips anywhere', () => {
    const [v61, v510] = verdictsFor('labs', 'drop-bench', 'aaaaaaaaaaaaaaaa', runs).slice(1).reverse();
    expect(disagreement('5.18', v510!)).toBeUndefined();
    expect(disagreement('5.18', v61!)).toBeUndefined();
    expect(disagreement('6.6', v61!)).toMatch(/passed on 6\.1\.0-27-amd64 .*older than its declared minimum 6\.6/);
    expect(disagreement('5.18', { ...v61!, status: 'fail', reason: 'no such helper' })).toMatch(/failed on .*no such helper/);
  });

  it('compares kernels by major and minor version', () => {
    expect(kernelVersion('5.10.0-32-amd64')).toEqual([5, 10, 0]);
    expect(kernelVersion('5.18')).toEqual([5, 18]);
    expect(compareKernels('5.10.0-32-amd64', '5.9')).toBeGreaterThan(0);
    expect(compareKernels('6.1.0-27-amd64', '6.1')).toBe(0);
    expect(() => kernelVersion('linux')).toThrow(/kernel version/);
  });

  it('names the file that is malformed', () => {
    expect(() => parseVerifiedRuns({ '/content/verified/bad.json': { kernel: '6.1', target: 'laptop' } })).toThrow(/bad\.json/);
  });
});
