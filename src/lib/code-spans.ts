// A sentence kept as data (a table's note, say) marks names with backticks, as
// Markdown does: `NDO_XMIT`, `ethtool -K`. A component splits it here and renders
// each code part in <code>, the rest as text.

export interface Span {
  code: boolean;
  text: string;
}

/** "a `b` c" → text "a ", code "b", text " c". An unpaired backtick is kept as text. */
export function codeSpans(sentence: string): Span[] {
  const spans: Span[] = [];
  let rest = sentence;
  for (let open = rest.indexOf('`'); open >= 0; open = rest.indexOf('`')) {
    const close = rest.indexOf('`', open + 1);
    if (close < 0) break;
    if (open > 0) spans.push({ code: false, text: rest.slice(0, open) });
    spans.push({ code: true, text: rest.slice(open + 1, close) });
    rest = rest.slice(close + 1);
  }
  if (rest !== '') spans.push({ code: false, text: rest });
  return spans;
}
