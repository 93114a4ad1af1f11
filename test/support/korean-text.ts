// Korean text of the whole book, gathered for test/unit/glossary.test.ts: pages,
// diagram labels, UI strings and Korean string literals in code, with code and
// identifiers set aside, and the glossary's ruled-out forms found in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ALLOWED_PHRASES, glossary, type RuledOut } from '../../content/glossary.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HANGUL = /[\uac00-\ud7a3]/;

export interface Text {
  /** Where the text comes from, as a reader would open it: a path, with a line when there is one. */
  where: string;
  text: string;
}

export interface Finding {
  where: string;
  found: string;
  advice: string;
}

export function walk(dir: string, keep: (name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

/** Blank out a match but keep its newlines, so line numbers stay right. */
const blank = (match: string) => match.replace(/[^\n]/g, ' ');

/** Attributes of components that hold names (files, regions, labs, ids), not prose. */
const NAME_ATTRIBUTES = /\b(?:file|region|lab|labs|diagram|id|href|src|type|slot|class|icon|name|kind|lang|variant)=(?:"[^"]*"|'[^']*'|\{[^}]*\})/g;

/** A Korean page's prose: code, imports, link targets, component names and name attributes set aside. */
export function proseOfPage(source: string): string {
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, (fm) => fm.replace(/^(?!title:|description:).*$/gm, blank))
    .replace(/^([ \t]*)(```|~~~)[\s\S]*?^\1\2[^\n]*$/gm, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/^(?:import|export) .*$/gm, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\]\([^)]*\)/g, blank)
    .replace(NAME_ATTRIBUTES, blank)
    .replace(/<\/?[A-Z][\w.]*/g, blank)
    .replace(/https?:\/\/\S+/g, blank);
}

/** Inline code inside a Korean sentence in code (`rx_queue_0_xdp_tx`) is a name, not prose. */
const withoutCode = (text: string) => text.replace(/`[^`]*`/g, blank);

export function koreanPages(): Text[] {
  return walk('content/docs/ko', (name) => /\.mdx?$/.test(name)).map((file) => ({
    where: file,
    text: proseOfPage(readFileSync(join(ROOT, file), 'utf8')),
  }));
}

/** Every string in a value (deeply), with the path to it: diagram labels are plain data. */
function stringsIn(value: unknown, path: string): Text[] {
  if (typeof value === 'string') return [{ where: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringsIn(item, `${path}.${key}`));
  return [];
}

export async function diagramLabels(): Promise<Text[]> {
  const files = walk('src/components/diagrams', (name) => name.endsWith('.labels.ts'));
  const texts = await Promise.all(
    files.map(async (file) => {
      const module = (await import(pathToFileURL(join(ROOT, file)).href)) as { labels?: { ko?: unknown } };
      return stringsIn(module.labels?.ko, `${file} labels.ko`);
    }),
  );
  return texts.flat();
}

export function uiStrings(): Text[] {
  const file = 'content/i18n/ko.json';
  const strings = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
  return Object.entries(strings).map(([key, text]) => ({ where: `${file} "${key}"`, text }));
}

/** Korean string literals in code, wherever they live: lab declarations, runner phrases, the sidebar, components. */
export function koreanLiterals(): Text[] {
  const files = [
    ...walk('labs', (name) => /\.(?:ts|mjs)$/.test(name)),
    ...walk('src', (name) => /\.(?:ts|mjs|astro)$/.test(name) && !name.endsWith('.labels.ts')),
  ];
  return files.flatMap((file) => {
    let code = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.astro')) code = /^---\n([\s\S]*?)\n---/.exec(code)?.[1] ?? '';
    const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const found: Text[] = [];
    const visit = (node: ts.Node) => {
      let text: string | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      if (text !== undefined && HANGUL.test(text)) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ where: `${file}:${line}`, text: withoutCode(text) });
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

/** A form written literally may break across a line, as Markdown source does: its spaces match any whitespace. */
const literal = (form: string) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');

export const patternOf = (rule: RuledOut) => new RegExp(rule.pattern?.source ?? literal(rule.form), `${rule.pattern?.flags.replace('g', '') ?? ''}g`);

/** The ruled-out forms found in one text, with the line they are on when the text has lines. */
export function findRuledOut(texts: readonly Text[]): Finding[] {
  const findings: Finding[] = [];
  for (const { where, text } of texts) {
    // A quotation in English ("Can't attach device-bound programs in generic mode") is a tool's words, not ours.
    const unquoted = text.replace(/"[^"\uac00-\ud7a3\n]*"|“[^”\uac00-\ud7a3\n]*”/g, blank);
    const prose = ALLOWED_PHRASES.reduce((t, phrase) => t.replace(phrase, blank), unquoted);
    for (const entry of glossary) {
      for (const rule of entry.rulesOut) {
        for (const match of prose.matchAll(patternOf(rule))) {
          const line = prose.slice(0, match.index).split('\n').length;
          const at = text.includes('\n') ? `${where}:${line}` : where;
          findings.push({ where: at, found: match[0].replace(/\s+/g, ' '), advice: `write "${entry.ko}" for ${entry.en} (content/glossary.ts, entry "${entry.id}")` });
        }
      }
    }
  }
  return findings;
}

export const report = (findings: readonly Finding[]) => findings.map((f) => `${f.where}: "${f.found}" — ${f.advice}`);


/** Every Korean text of the book. */
export async function allKoreanText(): Promise<Text[]> {
  return [...koreanPages(), ...(await diagramLabels()), ...uiStrings(), ...koreanLiterals()];
}

// Run directly, it prints every finding, one a line.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const findings = report(findRuledOut(await allKoreanText()));
  console.log(findings.join('\n') || 'no ruled-out terms');
}
