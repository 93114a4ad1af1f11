// Small helpers so every observation is recorded the same way: exact expected
// and observed values, as text, under the check's declared id.
import type { LabContext } from './types.ts';

export function expectEqual<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, expected: string | number, observed: string | number): boolean {
  const ok = String(expected) === String(observed);
  ctx.record({ id, ok, expected: String(expected), observed: String(observed) });
  return ok;
}

/** For a message the kernel prints: the observation passes when it contains the expected text. */
export function expectContains<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, expected: string, observed: string): boolean {
  const ok = observed.includes(expected);
  ctx.record({ id, ok, expected: `contains "${expected}"`, observed: observed || '(nothing)' });
  return ok;
}

/** For a measurement with a loose bound (a benchmark ratio, say). */
export function expectAtLeast<C extends string>(ctx: LabContext<string, C>, id: NoInfer<C>, minimum: number, observed: number, unit = ''): boolean {
  const ok = observed >= minimum;
  ctx.record({ id, ok, expected: `≥ ${minimum}${unit}`, observed: `${Number(observed.toFixed(3))}${unit}` });
  return ok;
}
