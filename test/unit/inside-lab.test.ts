// A lab may configure interfaces only inside its own namespaces.
import { expect, test } from 'vitest';
import { assertInsideLab } from '../../labs/runner/run-lab.ts';
import { nsenterPrefix } from '../../labs/lib/command-line.ts';

test('network commands without the lab namespace are refused', () => {
  expect(() => assertInsideLab(['ip', 'link', 'set', 'dev', 'eth0', 'xdpgeneric', 'off'], undefined)).toThrow(/only configure interfaces inside their own namespaces/);
  expect(() => assertInsideLab(['tc', 'qdisc', 'add', 'dev', 'eth0', 'clsact'], undefined)).toThrow(/refusing/);
  expect(() => assertInsideLab(['nft', 'flush', 'ruleset'], undefined)).toThrow(/refusing/);
  expect(() => assertInsideLab(['ip', '-n', 'someones-ns', 'link', 'del', 'veth0'], undefined)).toThrow(/netns option/);
});

test('inside a namespace, managing namespaces, and other tools are allowed', () => {
  expect(() => assertInsideLab(['ip', 'link', 'set', 'dev', 'veth0', 'up'], 'xl-xdp-drop-1a2b-a')).not.toThrow();
  expect(() => assertInsideLab(['ip', 'netns', 'add', 'xl-xdp-drop-1a2b-a'], undefined)).not.toThrow();
  expect(() => assertInsideLab(['bpftool', '-j', 'prog', 'show'], undefined)).not.toThrow();
});

test('the local target enters only the runner\'s own xl- namespaces', () => {
  expect(nsenterPrefix('xl-xdp-drop-1a2b-a')).toEqual(['nsenter', '--net=/run/netns/xl-xdp-drop-1a2b-a', '--']);
  expect(() => nsenterPrefix('production')).toThrow(/only act inside their own xl-/);
  expect(() => nsenterPrefix('xl-../../etc')).toThrow();
});
