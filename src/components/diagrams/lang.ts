// Diagram labels live next to each diagram in a `<Name>.labels.ts` file, in every
// locale (Localized<…> from labs/lib/locale.ts), so a picture never falls back to
// English on a Korean page.

/** Everything a Figure needs besides the shapes. */
export interface FigureText {
  title: string;
  desc: string;
  caption: string;
  /** The text alternative: one list item per fact the picture shows. */
  text: readonly string[];
}

/** A box's text: the first entry is the name, the rest are smaller detail lines. */
export type Lines = string | readonly string[];

export function toLines(lines: Lines): readonly string[] {
  return typeof lines === 'string' ? [lines] : lines;
}
