import { describe, expect, test } from 'vitest';
import { PrerequisiteError, UsageError } from '../../labs/lib/errors.ts';
import { parseContext } from '../../labs/runner/context.ts';
import { closest } from '../../labs/runner/suggest.ts';
import { chooseTarget, type HostFacts } from '../../labs/targets/index.ts';

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
  const linuxRoot: HostFacts = { platform: 'linux', uid: 0, vagrantInstalled: false, vmCreated: false };
  const choose = (facts: Partial<HostFacts>, requested?: string, env: NodeJS.ProcessEnv = {}) => {
    const notices: string[] = [];
    const name = chooseTarget(requested, env, { ...linuxRoot, ...facts }, (n) => notices.push(n.en));
    return { name, notices };
  };

  test('--target wins, then $XDP_LAB_TARGET, whatever the host', () => {
    expect(choose({ vagrantInstalled: true, vmCreated: true }, 'local', { XDP_LAB_TARGET: 'vagrant' }).name).toBe('local');
    expect(choose({}, undefined, { XDP_LAB_TARGET: 'vagrant' }).name).toBe('vagrant');
    expect(choose({ platform: 'darwin' }, 'local').name).toBe('local');
  });
  test('an unknown target is a usage error', () => {
    expect(() => choose({}, undefined, { XDP_LAB_TARGET: 'cloud' })).toThrow(UsageError);
    expect(() => choose({}, 'cloud')).toThrow(/unknown target "cloud"/);
  });
  test('Linux as root with Vagrant installed: the VM only once it exists, with a notice otherwise', () => {
    expect(choose({ vagrantInstalled: true, vmCreated: false })).toEqual({
      name: 'local',
      notices: ['Vagrant is installed but the lab VM was never created: running on this host (--target vagrant uses the VM).'],
    });
    expect(choose({ vagrantInstalled: true, vmCreated: true })).toEqual({ name: 'vagrant', notices: [] });
  });
  test('Vagrant installed, not root or not Linux: the VM', () => {
    expect(choose({ vagrantInstalled: true, uid: 1000 }).name).toBe('vagrant');
    expect(choose({ vagrantInstalled: true, platform: 'darwin', uid: 501 }).name).toBe('vagrant');
    expect(choose({ vagrantInstalled: true, platform: 'win32', uid: undefined }).name).toBe('vagrant');
  });
  test('no Vagrant: this host on Linux (root or not), and a prerequisite error elsewhere', () => {
    expect(choose({}).name).toBe('local');
    expect(choose({ uid: 1000 }).name).toBe('local');
    expect(() => choose({ platform: 'darwin', uid: 501 })).toThrow(PrerequisiteError);
    expect(() => choose({ platform: 'win32', uid: undefined })).toThrow(/no target can run labs on win32/);
  });
});
