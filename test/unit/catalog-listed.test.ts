// The places a new lab or page must be listed, checked, so forgetting one fails
// here instead of leaving a lab the CLI cannot run or a page no one can reach.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { labs } from '../../labs/catalog/index.ts';
import { sidebar } from '../../src/sidebar.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('every lab and page is listed', () => {
  test('every file in labs/catalog declares a lab listed in labs/catalog/index.ts', async () => {
    const files = readdirSync(`${ROOT}labs/catalog`).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    const unlisted: string[] = [];
    for (const file of files) {
      const declared = Object.values(await import(/* @vite-ignore */ `../../labs/catalog/${file}`)).filter(
        (value): value is { name: string; run: unknown } => typeof value === 'object' && value !== null && 'name' in value && 'run' in value,
      );
      if (declared.length === 0) unlisted.push(`labs/catalog/${file}: declares no lab`);
      for (const lab of declared) if (!labs.includes(lab as never)) unlisted.push(`labs/catalog/${file}: ${lab.name} is not in labs/catalog/index.ts`);
    }
    expect(unlisted).toEqual([]);
  });

  test('every page in content/docs (English; Korean has the same slugs) is in src/sidebar.mjs', () => {
    const listed = new Set(sidebar.flatMap((group) => group.items));
    const pages = readdirSync(`${ROOT}content/docs`, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.mdx?$/.test(f) && !f.startsWith('ko/'))
      .map((f) => f.replace(/\.mdx?$/, '').replace(/\/index$/, ''));
    expect(pages.filter((slug) => !listed.has(slug))).toEqual([]);
  });
});
