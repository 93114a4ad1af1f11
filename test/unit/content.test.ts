// The pages' sources, checked without building the site: both locales have the
// same pages, every page names a real lab, every component a page uses points at
// a real lab, file and region, and no page pastes code it should include.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { findExercise } from '../../labs/exercises/index.ts';
import { findLab } from '../../labs/catalog/index.ts';
import { extractRegion } from '../../src/lib/regions.ts';
import { readSource } from '../../src/lib/sources.ts';
import { DEFAULT_LOCALE, localeOfPath, type Locale } from '../../labs/lib/locale.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = join(ROOT, 'content/docs');
/** A fenced C or Go block longer than this is pasted code: include it with <Source> instead. */
const MAX_PASTED_LINES = 6;
const CODE_LANGUAGES = new Set(['c', 'h', 'cpp', 'go', 'golang']);
/** Quotes of kernel UAPI headers are allowed as code blocks titled with their path. */
const UAPI_TITLE = /\btitle=(["'])include\/uapi\/linux\/[\w/.-]+\.h\1/;
const MAX_DESCRIPTION = 160;

interface Page {
  /** Path under content/docs, e.g. 'ko/reference/xdp-md.mdx'. */
  file: string;
  /** Path without the locale folder: the same for both languages. */
  slug: string;
  locale: Locale;
  frontmatter: Record<string, string>;
  body: string;
}

function listPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listPages(path);
    return /\.mdx?$/.test(entry.name) ? [relative(DOCS, path)] : [];
  });
}

/** Just enough YAML for our frontmatter: `key: value`, quoted or not, and folded `>`/`|` blocks. */
function parseFrontmatter(text: string): { frontmatter: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { frontmatter: {}, body: text };
  const frontmatter: Record<string, string> = {};
  const lines = match[1]!.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const field = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(lines[i]!);
    if (!field) continue;
    let value = field[2]!.trim();
    if (/^[>|][+-]?$/.test(value)) {
      const block: string[] = [];
      while (i + 1 < lines.length && /^\s+\S|^\s*$/.test(lines[i + 1]!)) block.push(lines[++i]!.trim());
      value = block.join(value.startsWith('>') ? ' ' : '\n').trim();
    }
    frontmatter[field[1]!] = value.replace(/^(["'])([\s\S]*)\1$/, '$2');
  }
  return { frontmatter, body: text.slice(match[0].length) };
}

function readPage(file: string): Page {
  const locale = localeOfPath(file);
  const { frontmatter, body } = parseFrontmatter(readFileSync(join(DOCS, file), 'utf8'));
  return { file, slug: locale === DEFAULT_LOCALE ? file : file.slice(locale.length + 1), locale, frontmatter, body };
}

interface Tag {
  name: string;
  attributes: Record<string, string>;
  /** Attributes given as an expression ({...}) rather than a string: cannot be checked here. */
  expressions: string[];
  line: number;
}

/** Every use of a component `<Name ...>` in a page body, with its string attributes. */
function tagsOf(body: string, name: string): Tag[] {
  return [...body.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, 'g'))].map((m) => {
    const attributes: Record<string, string> = {};
    const expressions: string[] = [];
    for (const a of m[1]!.matchAll(/([\w-]+)=(?:"([^"]*)"|'([^']*)'|\{([^}]*)\})/g)) {
      const literal = a[4] === undefined ? undefined : /^\s*(["'`])([^"'`]*)\1\s*$/.exec(a[4]);
      if (a[4] !== undefined && !literal) expressions.push(a[1]!);
      else attributes[a[1]!] = a[2] ?? a[3] ?? literal![2]!;
    }
    return { name, attributes, expressions, line: body.slice(0, m.index).split('\n').length };
  });
}

/** Fenced code blocks (``` or ~~~, possibly indented inside components). */
function fencesOf(body: string): { lang: string; meta: string; lines: number; line: number }[] {
  const fences: { lang: string; meta: string; lines: number; line: number }[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w+#-]*)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const marker = open[1]!;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${marker[0]}{${marker.length},}\\s*$`).test(lines[end]!)) end++;
    fences.push({ lang: open[2]!.toLowerCase(), meta: open[3]!.trim(), lines: end - i - 1, line: i + 1 });
    i = end;
  }
  return fences;
}

const pages = listPages(DOCS).sort().map(readPage);
const at = (page: Page, line: number): string => `content/docs/${page.file}:${line}`;

describe('content pages', () => {
  test('there are pages in both languages', () => {
    expect(pages.filter((p) => p.locale === 'en').length).toBeGreaterThan(0);
    expect(pages.filter((p) => p.locale === 'ko').length).toBeGreaterThan(0);
  });

  test('every page exists in English and in Korean at the same path', () => {
    const english = new Set(pages.filter((p) => p.locale === 'en').map((p) => p.slug));
    const korean = new Set(pages.filter((p) => p.locale === 'ko').map((p) => p.slug));
    const missing = [
      ...[...english].filter((s) => !korean.has(s)).map((s) => `content/docs/ko/${s} is missing (English page exists)`),
      ...[...korean].filter((s) => !english.has(s)).map((s) => `content/docs/${s} is missing (Korean page exists)`),
    ];
    expect(missing).toEqual([]);
  });

  test('a lab or exercise a page names in its frontmatter exists in labs/catalog or labs/exercises', () => {
    const wrong = pages
      .filter((p) => (p.frontmatter['exercise'] && !findExercise(p.frontmatter['exercise'])) || (p.frontmatter['lab'] && !findLab(p.frontmatter['lab'])))
      .map((p) => `content/docs/${p.file}: lab "${p.frontmatter['lab'] ?? '(none)'}"`);
    expect(wrong).toEqual([]);
  });

  test('a bare <LabCard /> is only on a page whose frontmatter names its lab', () => {
    const wrong = pages.flatMap((p) => {
      if (p.frontmatter['lab'] !== undefined) return [];
      const bare = tagsOf(p.body, 'LabCard').filter((tag) => tag.attributes['name'] === undefined);
      return bare.map((tag) => `${at(p, tag.line)}: <LabCard /> without a name on a page whose frontmatter names no lab`);
    });
    expect(wrong).toEqual([]);
  });

  test('every lab page (labs/<name>) is the page of the lab of that name', () => {
    const wrong = pages
      .filter((p) => /^labs\/[^/]+\.mdx?$/.test(p.slug))
      .filter((p) => p.frontmatter['lab'] !== p.slug.replace(/^labs\//, '').replace(/\.mdx?$/, ''))
      .map((p) => `content/docs/${p.file}: lab "${p.frontmatter['lab'] ?? '(none)'}"`);
    expect(wrong).toEqual([]);
  });

  test(`every page has a title and a description of at most ${MAX_DESCRIPTION} characters`, () => {
    const wrong = pages.flatMap((p) => {
      const description = p.frontmatter['description'] ?? '';
      const problems: string[] = [];
      if (!p.frontmatter['title']) problems.push(`content/docs/${p.file}: no title`);
      if (!description) problems.push(`content/docs/${p.file}: no description`);
      if (description.length > MAX_DESCRIPTION) problems.push(`content/docs/${p.file}: description is ${description.length} characters`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  test('every <LabCard name> and <Transcript lab> names an existing lab (and a Transcript has its recording)', () => {
    const wrong = pages.flatMap((p) => [
      ...tagsOf(p.body, 'LabCard').flatMap((tag) => {
        if (tag.expressions.length) return [`${at(p, tag.line)}: <LabCard> takes a literal name, not {${tag.expressions.join(', ')}}`];
        const name = tag.attributes['name'];
        return name !== undefined && !findLab(name) ? [`${at(p, tag.line)}: <LabCard name="${name}">: no such lab`] : [];
      }),
      ...tagsOf(p.body, 'Transcript').flatMap((tag) => {
        const lab = tag.attributes['lab'];
        if (lab === undefined) return [`${at(p, tag.line)}: <Transcript> without a literal lab="..."`];
        if (!findLab(lab)) return [`${at(p, tag.line)}: <Transcript lab="${lab}">: no such lab`];
        if (!existsSync(join(ROOT, 'content/transcripts', `${lab}.txt`))) return [`${at(p, tag.line)}: <Transcript lab="${lab}">: content/transcripts/${lab}.txt not recorded yet`];
        return [];
      }),
    ]);
    expect(wrong).toEqual([]);
  });

  test('every <Source file region> names a file Source can include, and a region marked in it', () => {
    const wrong = pages.flatMap((p) =>
      tagsOf(p.body, 'Source').flatMap((tag) => {
        const { file, region } = tag.attributes;
        if (tag.expressions.some((a) => a === 'file' || a === 'region') || file === undefined) {
          return [`${at(p, tag.line)}: <Source> needs literal file="..." (and region="...")`];
        }
        try {
          extractRegion(readSource(file), file, region);
          return [];
        } catch (error) {
          return [`${at(p, tag.line)}: ${(error as Error).message.split('. Files a page can include')[0]}`];
        }
      }),
    );
    expect(wrong).toEqual([]);
  });

  test(`no page pastes a C or Go code block longer than ${MAX_PASTED_LINES} lines (use <Source>)`, () => {
    const pasted = pages.flatMap((p) =>
      fencesOf(p.body)
        .filter((f) => CODE_LANGUAGES.has(f.lang) && f.lines > MAX_PASTED_LINES && !UAPI_TITLE.test(f.meta))
        .map((f) => `${at(p, f.line)}: \`\`\`${f.lang} block of ${f.lines} lines`),
    );
    expect(pasted).toEqual([]);
  });

  test('the Korean page uses the same site components as the English page', () => {
    const components = (page: Page): string[] => {
      const imported = [...page.body.matchAll(/^import\s+(\w+)\s+from\s+['"]@\/src\/components\/[^'"]+['"]/gm)].map((m) => m[1]!);
      return imported.flatMap((name) => tagsOf(page.body, name).map((tag) => `<${name}${Object.entries(tag.attributes).filter(([k]) => k !== 'title').map(([k, v]) => ` ${k}="${v}"`).join('')}>`)).sort();
    };
    const english = new Map(pages.filter((p) => p.locale === 'en').map((p) => [p.slug, p]));
    const differing = pages
      .filter((p) => p.locale === 'ko' && english.has(p.slug))
      .map((ko) => ({ slug: ko.slug, en: components(english.get(ko.slug)!), ko: components(ko) }))
      .filter(({ en, ko }) => JSON.stringify(en) !== JSON.stringify(ko))
      .map(({ slug, en, ko }) => `${slug}\n  en: ${en.join(' ')}\n  ko: ${ko.join(' ')}`);
    expect(differing).toEqual([]);
  });
});
