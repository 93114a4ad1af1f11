// Type-level test, checked by `astro check` (it is part of the project, never run):
// a lab's step and check ids are types derived from its declaration, so each
// line under @ts-expect-error must fail to type-check. If one ever compiles,
// the directive itself becomes the error.
import { expectAtLeast, expectContains, expectEqual } from '../../labs/lib/checks.ts';
import { defineLab } from '../../labs/lib/types.ts';

const text = { en: 'x', ko: 'x' };

export const typedLab = defineLab({
  name: 'typed',
  title: text,
  summary: text,
  page: 'index',
  sources: [],
  topology: '',
  minKernel: { version: '5.1', why: text },
  modes: ['native'],
  targets: ['local'],
  tools: [],
  minutes: 1,
  steps: [{ id: 'build', title: text }],
  checks: [
    { id: 'attached', text },
    { id: 'dropped', text },
  ],
  async run(ctx) {
    await ctx.step('build', async () => {});
    // @ts-expect-error: 'bulid' is not one of the lab's steps
    await ctx.step('bulid', async () => {});

    expectEqual(ctx, 'attached', 1, 1);
    // @ts-expect-error: 'atached' is not one of the lab's checks
    expectEqual(ctx, 'atached', 1, 1);
    // @ts-expect-error: a misspelt check id in expectContains
    expectContains(ctx, 'dropd', 'a', 'a');
    // @ts-expect-error: a misspelt check id in expectAtLeast
    expectAtLeast(ctx, 'dropd', 1, 1);

    ctx.record({ id: 'dropped', expected: 'x', observed: 'x' });
    // @ts-expect-error: a misspelt check id in ctx.record
    ctx.record({ id: 'droped', expected: 'x', observed: 'x' });

    ctx.skip(text, ['dropped']);
    // @ts-expect-error: a misspelt check id in ctx.skip
    ctx.skip(text, ['droped']);
  },
});

// Every catalog lab keeps its ids precise: none widens to string (a check id
// built from a template without `as const` would, and switch these checks off).
import type { catalog } from '../../labs/catalog/index.ts';
type Lab = (typeof catalog)[number];
type Ids<L, K extends 'checks' | 'steps'> = L extends { [k in K]: readonly { id: infer I }[] } ? I : never;
type IsPrecise<T> = string extends T ? false : true;
export const precise: [IsPrecise<Ids<Lab, 'checks'>>, IsPrecise<Ids<Lab, 'steps'>>] = [true, true];
