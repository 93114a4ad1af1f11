// Diagram labels live next to each diagram in a `<Name>.labels.ts` file, in both
// languages, so a picture never falls back to English on a Korean page.
export type Lang = 'en' | 'ko';

export interface Bilingual<T> {
  en: T;
  ko: T;
}

/** Everything a Figure needs besides the shapes. */
export interface FigureText {
  title: string;
  desc: string;
  caption: string;
  /** The text alternative: one list item per fact the picture shows. */
  text: readonly string[];
}

/** The page's language as Starlight resolved it (anything but Korean reads English). */
export function pageLang(route: { lang: string }): Lang {
  return route.lang === 'ko' ? 'ko' : 'en';
}

/** A box's text: the first entry is the name, the rest are smaller detail lines. */
export type Lines = string | readonly string[];

export function toLines(lines: Lines): readonly string[] {
  return typeof lines === 'string' ? [lines] : lines;
}
