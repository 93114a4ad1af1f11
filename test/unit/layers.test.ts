// The runner's packages are layers: each imports only from the layers below it,
// so a change low down cannot be broken by one high up, and no two modules need
// each other to load. Read from the sources with TypeScript's own parser; type-only
// imports do not count (they vanish at run time and cannot form a loading cycle).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Bottom first. A package may import from its own layer's package and from any layer below. */
const LAYERS: readonly (readonly string[])[] = [
  ['labs/lib'],
  ['labs/vm', 'labs/catalog'],
  ['labs/targets'],
  ['labs/runner'],
  ['labs/exercises'],
  ['labs/server'],
  ['labs'], // labs/cli.ts, the command line
];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.(ts|mts)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** The repository-relative files a module loads at run time: static value imports, re-exports and import(). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && node.importClause?.phaseModifier !== ts.SyntaxKind.TypeKeyword && ts.isStringLiteral(node.moduleSpecifier)) {
      const bindings = node.importClause?.namedBindings;
      const onlyTypes = !node.importClause?.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(ROOT, resolve(ROOT, dirname(file), s)));
}

const files = sources('labs');
const graph = new Map(files.map((file) => [file, valueImports(file)]));

function layerOf(file: string): number {
  const dir = dirname(file);
  const index = LAYERS.findIndex((layer) => layer.includes(dir));
  if (index < 0) throw new Error(`${dir} is in no layer: add it to LAYERS in test/unit/layers.test.ts, above what it imports`);
  return index;
}

describe('the runner is layered', () => {
  test('every folder under labs/ with TypeScript in it has its layer', () => {
    for (const file of files) expect(() => layerOf(file), file).not.toThrow();
  });

  test('no module imports from a layer above its own, nor from another package of its own layer', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      for (const imported of imports) {
        if (!imported.startsWith('labs/')) continue;
        const [from, to] = [layerOf(file), layerOf(imported)];
        if (to > from || (to === from && dirname(file) !== dirname(imported))) upward.push(`${file} imports ${imported}`);
      }
    }
    expect(upward).toEqual([]);
  });

  test('no two modules need each other to load (no import cycle)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const walk = (file: string): void => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else if (!state.has(next) && graph.has(next)) walk(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) walk(file);
    expect(cycles).toEqual([]);
  });
});
