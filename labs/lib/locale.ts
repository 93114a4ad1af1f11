// The languages the book and the runner speak, in one place for labs/ and src/:
// the list, how a page's or a shell's language maps onto it, and where a page
// lives. English is served at the root, every other locale under /<locale>/,
// with the same slugs (astro.config.mjs reads LOCALES from here).

export const LOCALES = ['en', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
/** The locale served at the site's root, and the one used when nothing says otherwise. */
export const DEFAULT_LOCALE: Locale = 'en';
/** Each locale's name in its own language, for the site's language picker. */
export const LOCALE_LABEL: { readonly [L in Locale]: string } = { en: 'English', ko: '한국어' };

/** One value per locale: a diagram's labels, say. */
export type Localized<T> = { readonly [L in Locale]: T };
/** A sentence in each language the site is written in. */
export type Text = Localized<string>;

/** The same thing said in each locale, from a function of the locale: textOf((l) => PHRASES[l].summary). */
export function textOf(say: (locale: Locale) => string): Text {
  return Object.fromEntries(LOCALES.map((locale) => [locale, say(locale)])) as Record<Locale, string>;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale of a language tag: Starlight's route lang ('ko'), a BCP 47 tag
 * ('ko-KR') or a POSIX $LANG ('ko_KR.UTF-8'); anything else reads English.
 */
export function localeOf(tag: string | undefined): Locale {
  const language = tag?.toLowerCase().split(/[-_.@]/, 1)[0] ?? '';
  return isLocale(language) ? language : DEFAULT_LOCALE;
}

/** The locale's folder under content/docs and in URLs: '' for the root locale. */
function prefix(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `${locale}/`;
}

/** A page's path on the site: pagePath('first-program', 'ko') is '/ko/first-program/'; 'index' is the locale's home. */
export function pagePath(slug: string, locale: Locale): string {
  return `/${prefix(locale)}${slug === 'index' ? '' : `${slug}/`}`;
}

/** The locale of a path on the site ('/ko/xdp/') or under content/docs ('ko/xdp.mdx'): its first folder, if a locale's. */
export function localeOfPath(path: string): Locale {
  const first = path.replace(/^\//, '').split('/', 1)[0] ?? '';
  return isLocale(first) && first !== DEFAULT_LOCALE ? first : DEFAULT_LOCALE;
}

/** A page's id in Starlight's docs collection: 'first-program', 'ko/first-program', 'index', 'ko'. */
export function pageId(slug: string, locale: Locale): string {
  if (slug === 'index') return locale === DEFAULT_LOCALE ? 'index' : locale;
  return `${prefix(locale)}${slug}`;
}

/** A page's full address: the site's base URL and pagePath. */
export function pageUrl(siteUrl: string, slug: string, locale: Locale): string {
  return `${siteUrl.replace(/\/$/, '')}${pagePath(slug, locale)}`;
}

/** The file suffix of a locale's recording: content/transcripts/<lab>.txt, <lab>.ko.txt. */
export function transcriptFile(lab: string, locale: Locale): string {
  return `content/transcripts/${lab}${locale === DEFAULT_LOCALE ? '' : `.${locale}`}.txt`;
}

/** A message that is either already in every locale or (for now) English only. */
export type Message = string | Text;

/** The message in the given locale; plain strings are returned as they are. */
export function inLocale(message: Message, locale: Locale): string {
  return typeof message === 'string' ? message : message[locale];
}
