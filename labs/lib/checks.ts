// Small helpers so every observation is recorded the same way: exact expected
// and observed values, as text, under the check's declared id.
import type { Localized } from './locale.ts';
import type { LabContext } from './types.ts';

export function expectEqual<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, expected: string | number, observed: string | number): boolean {
  const ok = String(expected) === String(observed);
  ctx.record({ id, ok, expected: String(expected), observed: String(observed) });
  return ok;
}

/** How expectContains says what it looks for, and an empty answer, in each language; the quoted text is the tool's own. */
const CONTAINS: Localized<{ contains: (text: string) => string; empty: string }> = {
  en: { contains: (text) => `contains "${text}"`, empty: '(nothing)' },
  ko: { contains: (text) => `"${text}" 포함`, empty: '(없음)' },
};

/** For a message the kernel prints: the observation passes when it contains the expected text. */
export function expectContains<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, expected: string, observed: string): boolean {
  const ok = observed.includes(expected);
  const words = CONTAINS[ctx.locale];
  ctx.record({ id, ok, expected: words.contains(expected), observed: observed || words.empty });
  return ok;
}

/** For a measurement with a loose bound (a benchmark ratio, say). */
export function expectAtLeast<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, minimum: number, observed: number, unit = ''): boolean {
  const ok = observed >= minimum;
  ctx.record({ id, ok, expected: `≥ ${minimum}${unit}`, observed: `${Number(observed.toFixed(3))}${unit}` });
  return ok;
}
