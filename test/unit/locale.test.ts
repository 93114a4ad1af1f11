import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../content/i18n/en.json';
import { localeOf, localeOfPath, pageId, pagePath, pageUrl, transcriptFile } from '../../labs/lib/locale.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the locale module', () => {
  it('reads a locale from a route lang, a BCP 47 tag or $LANG, and English otherwise', () => {
    expect(localeOf('ko')).toBe('ko');
    expect(localeOf('ko-KR')).toBe('ko');
    expect(localeOf('ko_KR.UTF-8')).toBe('ko');
    expect(localeOf('en_US.UTF-8')).toBe('en');
    expect(localeOf('C.UTF-8')).toBe('en');
    expect(localeOf('kok')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
  });

  it('builds page paths, ids and URLs: English at the root, Korean under /ko/', () => {
    expect(pagePath('first-program', 'en')).toBe('/first-program/');
    expect(pagePath('labs/xdp-tx', 'ko')).toBe('/ko/labs/xdp-tx/');
    expect(pagePath('index', 'en')).toBe('/');
    expect(pagePath('index', 'ko')).toBe('/ko/');
    expect([pageId('index', 'en'), pageId('index', 'ko'), pageId('xdp', 'ko')]).toEqual(['index', 'ko', 'ko/xdp']);
    expect(pageUrl('https://xdp-labs.dev/', 'xdp', 'ko')).toBe('https://xdp-labs.dev/ko/xdp/');
    expect(transcriptFile('xdp-drop', 'ko')).toBe('content/transcripts/xdp-drop.ko.txt');
  });

  it('tells the locale of a site path or a content file by its first folder', () => {
    expect(['/ko/', '/ko/xdp/', 'ko/xdp.mdx', '/', '/korea/', 'xdp.mdx'].map(localeOfPath)).toEqual(['ko', 'ko', 'ko', 'en', 'en', 'en']);
  });
});

/** Every .astro and .ts file under src/ and content/. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(astro|ts|mjs)$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

describe('UI strings', () => {
  it('every key in content/i18n/en.json is used by the site, spelt out in full', () => {
    const code = [...sources('src'), ...sources('content')].join('\n');
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});
