// The Korean terms of content/glossary.ts are the only ones the book uses: every
// Korean page, diagram label, UI string and Korean sentence in code (lab
// declarations, runner phrases, sidebar) is read, code and identifiers set
// aside, and any form an entry rules out is reported with where it is and what to
// write instead. Shared headings must read the same on every Korean page.
// To list the findings without the test: node test/support/korean-text.ts
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { glossary, headings } from '../../content/glossary.ts';
import {
  diagramLabels,
  findRuledOut,
  HANGUL,
  koreanLiterals,
  koreanPages,
  patternOf,
  proseOfPage,
  report,
  ROOT,
  uiStrings,
  walk,
} from '../support/korean-text.ts';

describe('the glossary itself', () => {
  test('one entry per concept and one concept per Korean term', () => {
    const ids = [...glossary.map((e) => e.id), ...headings.map((h) => h.id)];
    expect(ids.length).toBe(new Set(ids).size);
    const terms = glossary.map((e) => e.ko);
    expect(terms.length).toBe(new Set(terms).size);
  });
  test('no entry rules out a term or definition the glossary itself writes', () => {
    const chosen = [
      ...glossary.flatMap((e) => [
        { where: `glossary term ${e.id}`, text: e.ko },
        { where: `glossary definition ${e.id}`, text: e.definition.ko },
      ]),
      ...headings.map((h) => ({ where: `glossary heading ${h.id}`, text: h.ko })),
    ];
    expect(report(findRuledOut(chosen))).toEqual([]);
  });
  test('every entry has an English term and a definition in both languages', () => {
    for (const entry of glossary) {
      expect(entry.en, entry.id).not.toBe('');
      expect(HANGUL.test(entry.definition.ko), `${entry.id}: Korean definition`).toBe(true);
      expect(entry.definition.en, `${entry.id}: English definition`).toMatch(/^[^\uac00-\ud7a3]+$/);
    }
  });
  test('a ruled-out form is found, in prose but not in code', () => {
    const page = proseOfPage('---\ntitle: 예\nlab: xdp-pass\n---\n상대편 veth에서 패킷을 버립니다.\n`XDP_PACKET_HEADROOM`과 `native`는 이름입니다. native 모드.\n');
    const found = findRuledOut([{ where: 'example.mdx', text: page }]).map((f) => `${f.where} ${f.found}`);
    expect(found).toEqual(['example.mdx:5 상대편', 'example.mdx:5 버립', 'example.mdx:6 native']);
    expect(findRuledOut([{ where: 'x', text: 'GRO(generic receive offload)는 이름입니다.' }])).toEqual([]);
    expect(findRuledOut([{ where: 'x', text: '커널은 "Can\'t attach device-bound programs in generic mode"라고 답합니다.' }])).toEqual([]);
  });
});

// Parsing every source file takes a few seconds on a loaded machine.
const READ_ALL_SOURCES_MS = 60_000;

describe('Korean text uses the glossary’s terms', () => {
  test('Korean pages', () => {
    expect(report(findRuledOut(koreanPages()))).toEqual([]);
  });
  test('diagram labels', async () => {
    expect(report(findRuledOut(await diagramLabels()))).toEqual([]);
  }, READ_ALL_SOURCES_MS);
  test('UI strings', () => {
    expect(report(findRuledOut(uiStrings()))).toEqual([]);
  });
  test('Korean sentences in code: lab declarations, runner phrases, sidebar', () => {
    expect(report(findRuledOut(koreanLiterals()))).toEqual([]);
  }, READ_ALL_SOURCES_MS);
});

describe('shared headings read the same on every page', () => {
  const headingsOf = (file: string) =>
    proseOfPage(readFileSync(join(ROOT, file), 'utf8'))
      .split('\n')
      .flatMap((line) => /^#{2,6}\s+(.+?)\s*$/.exec(line)?.[1] ?? []);
  const englishPages = walk('content/docs', (name) => /\.mdx?$/.test(name)).filter((f) => !relative('content/docs', f).startsWith('ko/'));

  test('a Korean page has the glossary’s heading wherever its English page has the English one', () => {
    const missing = englishPages.flatMap((file) => {
      const korean = join('content/docs/ko', relative('content/docs', file));
      let koreanHeadings: string[];
      try {
        koreanHeadings = headingsOf(korean);
      } catch {
        return []; // a page without its Korean version is content.test.ts's to report
      }
      const english = headingsOf(file);
      return headings.flatMap((h) =>
        english.filter((e) => e === h.en).length > koreanHeadings.filter((k) => k === h.ko).length
          ? [`${korean}: "## ${h.en}" is "## ${h.ko}" in Korean (content/glossary.ts, heading "${h.id}")`]
          : [],
      );
    });
    expect(missing).toEqual([]);
  });
  test('no Korean heading uses a form the glossary rules out', () => {
    const found = walk('content/docs/ko', (name) => /\.mdx?$/.test(name)).flatMap((file) =>
      headingsOf(file).flatMap((heading) =>
        headings.flatMap((h) =>
          h.rulesOut.some((rule) => patternOf(rule).test(heading)) ? [`${file}: "## ${heading}" — write "## ${h.ko}" (heading "${h.id}")`] : [],
        ),
      ),
    );
    expect(found).toEqual([]);
  });
});
