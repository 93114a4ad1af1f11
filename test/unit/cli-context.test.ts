import { describe, expect, test } from 'vitest';
import { UsageError } from '../../labs/lib/errors.ts';
import { parseContext } from '../../labs/runner/context.ts';
import { closest } from '../../labs/runner/suggest.ts';

describe('command line', () => {
  test('no arguments lists the labs', () => {
    expect(parseContext([], {}).command).toEqual({ kind: 'list' });
  });
  test('a lab name with options', () => {
    const ctx = parseContext(['xdp-drop', '--target', 'local', '--json', '--keep'], {});
    expect(ctx).toMatchObject({ command: { kind: 'run', labs: ['xdp-drop'] }, target: 'local', json: true, keep: true, provision: true });
  });
  test('--all and --no-provision', () => {
    expect(parseContext(['--all', '--no-provision'], {})).toMatchObject({ command: { kind: 'all' }, provision: false });
  });
  test('--all with a lab name is a usage error', () => {
    expect(() => parseContext(['--all', 'xdp-drop'], {})).toThrow(UsageError);
  });
  test('vm needs a known action', () => {
    expect(parseContext(['vm', 'up'], {}).command).toEqual({ kind: 'vm', action: 'up' });
    expect(() => parseContext(['vm', 'explode'], {})).toThrow(/vm.*needs one of/);
  });
  test('an unknown option is a usage error', () => {
    expect(() => parseContext(['xdp-drop', '--frobnicate'], {})).toThrow(UsageError);
  });
  test('language follows LANG unless --lang says otherwise', () => {
    expect(parseContext([], { LANG: 'ko_KR.UTF-8' }).locale).toBe('ko');
    expect(parseContext(['--lang', 'en'], { LANG: 'ko_KR.UTF-8' }).locale).toBe('en');
    expect(() => parseContext(['--lang', 'fr'], {})).toThrow(/unknown language/);
  });
});

describe('did you mean', () => {
  const names = ['xdp-pass', 'xdp-drop', 'go-loader', 'xdp-tx'];
  test('a typo finds the lab', () => {
    expect(closest('xdp-dorp', names)[0]).toBe('xdp-drop');
  });
  test('a part of a name finds it', () => {
    expect(closest('loader', names)).toContain('go-loader');
  });
  test('nonsense finds nothing', () => {
    expect(closest('qqqqqqqqqqqqqqqq', names)).toEqual([]);
  });
});

describe('choosing a target', () => {
  test('--target wins, then $XDP_LAB_TARGET', async () => {
    const { chooseTarget } = await import('../../labs/targets/index.ts');
    expect(await chooseTarget('local', { XDP_LAB_TARGET: 'vagrant' })).toBe('local');
    expect(await chooseTarget(undefined, { XDP_LAB_TARGET: 'vagrant' })).toBe('vagrant');
  });
  test('an unknown target is a usage error', async () => {
    const { chooseTarget } = await import('../../labs/targets/index.ts');
    await expect(chooseTarget(undefined, { XDP_LAB_TARGET: 'cloud' })).rejects.toThrow(UsageError);
  });
});
