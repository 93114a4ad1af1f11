// Type-level test, checked by `astro check` (part of the project, never run):
// whatever the runner can print to a learner is given in every locale, so a bare
// English string must not type-check where a Text is wanted. Each line under an
// expect-error directive must fail; if one ever compiles, the directive is the error.
import { LabError, PrerequisiteError, SkipRun, UsageError } from '../../labs/lib/errors.ts';
import type { LabContext } from '../../labs/lib/types.ts';

const text = { en: 'x', ko: 'x' };

export const errors = [
  new LabError(text, { hint: text }),
  // @ts-expect-error: an error's message in English only
  new LabError('the receiver failed'),
  // @ts-expect-error: a hint in English only
  new LabError(text, { hint: 'try again' }),
  // @ts-expect-error: a prerequisite in English only
  new PrerequisiteError('run as root'),
  // @ts-expect-error: a usage error in English only
  new UsageError('unknown lab'),
  // @ts-expect-error: a skip reason in English only
  new SkipRun('no trampolines'),
  // @ts-expect-error: a text that lacks a locale
  new LabError({ en: 'the receiver failed' }),
];

export function labBody(ctx: LabContext): void {
  ctx.defer(text, async () => {});
  // @ts-expect-error: a cleanup label in English only (printed when the cleanup fails)
  ctx.defer('detach xdp_drop', async () => {});
  // @ts-expect-error: a skip reason in English only
  ctx.skip('no trampolines', ['attached']);
}

// ctx.skip without checks ends the lab: it returns never, so code after it needs no `throw 'unreachable'`.
// (If it returned void, `return ctx.skip(…)` in a function returning a number would not type-check.)
export function skipEnds(ctx: LabContext, supported: boolean): number {
  if (!supported) return ctx.skip(text);
  return 1;
}
export const skipWithChecksGoesOn: (ctx: LabContext) => void = (ctx) => ctx.skip(text, ['attached']);
