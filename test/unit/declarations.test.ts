// Every lab declaration is complete and consistent: the site, the runner and
// the tests all read these, so a mistake here shows up everywhere.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { labs } from '../../labs/catalog/index.ts';

const root = new URL('../../', import.meta.url);
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe.each(labs.map((lab) => [lab.name, lab] as const))('lab %s', (_name, lab) => {
  test('names, ids and sentences in both languages', () => {
    expect(lab.name).toMatch(ID);
    for (const text of [lab.title, lab.summary, lab.minKernel.why, ...lab.checks.map((c) => c.text), ...lab.steps.map((s) => s.title)]) {
      expect(text.en.trim()).not.toBe('');
      expect(text.ko.trim()).not.toBe('');
      expect(text.ko).toMatch(/[가-힣]/);
    }
    for (const id of [...lab.checks.map((c) => c.id), ...lab.steps.map((s) => s.id)]) expect(id).toMatch(ID);
  });
  test('check and step ids are unique', () => {
    expect(new Set(lab.checks.map((c) => c.id)).size).toBe(lab.checks.length);
    expect(new Set(lab.steps.map((s) => s.id)).size).toBe(lab.steps.length);
  });
  test('its sources and its page exist in both languages', () => {
    for (const source of lab.sources) expect(existsSync(new URL(source, root)), source).toBe(true);
    for (const dir of ['content/docs/', 'content/docs/ko/']) {
      expect(existsSync(new URL(`${dir}${lab.page}.mdx`, root)), `${dir}${lab.page}.mdx`).toBe(true);
    }
  });
  // A check the recording host's kernel could not run shows as SKIP, with its reason on the next line.
  test.each(['', '.ko'])('its recorded transcript%s lists exactly its checks, in its language, all passing or skipped', (suffix) => {
    const name = `content/transcripts/${lab.name}${suffix}.txt`;
    expect(existsSync(new URL(name, root)), `${name} (npm run transcripts -- ${lab.name})`).toBe(true);
    const lines = readFileSync(new URL(name, root), 'utf8').split('\n');
    const shown = lines.flatMap((l) => /^\s+(PASS|FAIL|SKIP) ([a-z0-9-]+): (.*)$/.exec(l) ?? []).filter((_, i) => i % 4 === 2);
    expect(shown).toEqual(lab.checks.map((c) => c.id));
    const sentences = lines.flatMap((l) => /^\s+(?:PASS|SKIP) [a-z0-9-]+: (.*)$/.exec(l)?.[1] ?? []);
    expect(sentences).toEqual(lab.checks.map((c) => (suffix ? c.text.ko : c.text.en)));
    expect(lines.some((l) => /^\s+FAIL /.test(l))).toBe(false);
  });
  test('minimum kernel is a version number', () => {
    expect(lab.minKernel.version).toMatch(/^\d+\.\d+$/);
  });
});

test('lab names are unique', () => {
  expect(new Set(labs.map((l) => l.name)).size).toBe(labs.length);
});

describe('teaching order', () => {
  const order = labs.map((l) => l.name);
  const at = (name: string) => {
    const i = order.indexOf(name);
    if (i < 0) throw new Error(`no lab named ${name} in labs/catalog/index.ts`);
    return i;
  };

  test('simple to complex: example programs, xdp_md, parsing, maps, sending verdicts, tracing and benchmarks last', () => {
    for (const seed of ['xdp-pass', 'xdp-drop', 'go-loader']) expect(at(seed)).toBeLessThan(at('xdp-md'));
    expect(at('xdp-md')).toBeLessThan(at('xdp-parse'));
    expect(at('xdp-parse')).toBeLessThan(at('xdp-counter'));
    for (const sending of ['xdp-tx', 'xdp-redirect', 'xdp-forward']) expect(at('xdp-counter'), sending).toBeLessThan(at(sending));
    expect(order.slice(-2)).toEqual(['skb-evidence', 'drop-bench']);
  });

  test('the sidebar lists the lab pages in the catalog order', async () => {
    const { sidebar } = (await import('../../src/sidebar.mjs')) as { sidebar: { label: string; items: string[] }[] };
    const listed = sidebar.flatMap((g) => g.items).filter((slug) => slug.startsWith('labs/'));
    const catalogPages = [...new Set(labs.map((l) => l.page).filter((p) => p.startsWith('labs/')))];
    expect(listed).toEqual(catalogPages);
  });
});
