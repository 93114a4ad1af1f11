// The exercise fixtures' form, without root or a kernel (the labs project checks
// their verdicts): every one announces its verdict, every patch still applies to
// its base, and one that does not fails, naming itself and what to do about it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exercises } from '../../labs/exercises/index.ts';
import { exerciseFixtures, fixtureDir, parseExpectation, patchBase, withFixtureProgram } from '../support/exercises.ts';
import { REPO_DIR } from '../support/run-lab.ts';

const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('xdp-labs-fixture-'));

describe.each(exercises.map((e) => e.id))('fixtures of %s', (id) => {
  for (const fixture of exerciseFixtures(id)) {
    const path = join(fixtureDir(id), fixture);
    test(`${fixture} announces its verdict${fixture.endsWith('.patch') ? ' and applies to its base' : ''}`, async () => {
      const text = readFileSync(path, 'utf8');
      parseExpectation(text, fixture);
      const program = await withFixtureProgram(id, path, async (file) => readFileSync(file, 'utf8'));
      expect(program).toContain('SEC("xdp")');
      if (fixture.endsWith('.patch')) expect(program).not.toBe(readFileSync(join(REPO_DIR, patchBase(id, text)), 'utf8'));
    });
  }
});

test('a patch that no longer applies fails, naming the fixture and what to do, and leaves nothing behind', async () => {
  const before = ours();
  const dir = mkdtempSync(join(tmpdir(), 'xdp-labs-stale-'));
  try {
    const path = join(dir, 'stale.patch');
    const hunk = ['@@ -1,1 +1,1 @@', '-this line is in no solution', '+nor is this one', ''];
    writeFileSync(path, ['// expect: fail x', '--- a/bpf/solutions/frame-length.c', '+++ b/bpf/solutions/frame-length.c', ...hunk].join('\n'));
    await expect(withFixtureProgram('frame-length', path, async () => 'applied')).rejects.toThrow(
      /stale\.patch does not apply to bpf\/solutions\/frame-length\.c: re-make the patch against bpf\/solutions\/frame-length\.c/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(ours()).toEqual(before);
});
