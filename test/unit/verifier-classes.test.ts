// Reason lines as this kernel's verifier prints them, and the class each one gets.
import { describe, expect, test } from 'vitest';
import { classify } from '../../labs/exercises/verifier.ts';

describe('verifier classes', () => {
  test("a packet pointer used after bpf_xdp_adjust_head is a stale pointer ('scalar' now, 'inv' before 5.18)", () => {
    expect(classify("R6 invalid mem access 'scalar'").id).toBe('stale-pointer');
    expect(classify("R6 invalid mem access 'inv'").id).toBe('stale-pointer');
  });

  test('a map value used without a NULL check is still a null check, not a stale pointer', () => {
    expect(classify("R0 invalid mem access 'map_value_or_null'").id).toBe('null-check');
  });
});
