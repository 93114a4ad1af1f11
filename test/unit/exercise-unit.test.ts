// The unit stage's verdicts, from the tool's answers: what a failing frame check says.
import { describe, expect, test } from 'vitest';
import { describeFrame } from '../../labs/lib/frame-words.ts';
import { buildFrame, type FrameSpec } from '../../labs/lib/frames.ts';
import { judgeUnit, libbpfTooOldForUnitTool, upstreamVersion, type ToolEvent } from '../../labs/exercises/unit.ts';
import type { ExerciseDeclaration } from '../../labs/exercises/types.ts';

const request: FrameSpec = { family: 4, l4: { kind: 'echo-request' }, srcMac: '02:58:0a:00:00:01', dstMac: '02:58:0a:00:00:02' };

function exerciseWith(output: FrameSpec): ExerciseDeclaration {
  return {
    id: 'example',
    title: { en: '', ko: '' },
    task: { en: '', ko: '' },
    teaches: { en: '', ko: '' },
    page: '',
    follows: '',
    program: 'prog',
    minKernel: { version: '5.1', why: { en: '', ko: '' } },
    minutes: 1,
    hints: [],
    unit: [{ id: 'rewritten', text: { en: '', ko: '' }, kind: 'frames', cases: [{ frame: request, verdict: 'XDP_TX', output }] }],
  };
}

const ran = (out: Uint8Array): ToolEvent[] => [{ event: 'ran', name: 'rewritten#0', err: 0, retval: 3, out: Buffer.from(out).toString('hex') }];

describe('a frame whose bytes differ from the expected output', () => {
  test('shows the whole differing field, so the byte that differs is in what is shown', () => {
    const expected = { ...request, srcMac: '02:58:0a:00:00:02', dstMac: '02:58:0a:00:00:01' };
    // Everything right but the destination MAC's last byte.
    const observed = buildFrame(expected);
    observed[5] = 0x02;
    const [check] = judgeUnit(exerciseWith(expected), ran(observed), 'en').checks;
    expect(check!.ok).toBe(false);
    expect(check!.observed).toBe('XDP_TX, Ethernet destination MAC (byte 5) is 0x02580a000002, expected 0x02580a000001');
  });

  test('in a long field, shows four bytes from the first difference', () => {
    const spec = { ...request, payload: 64 };
    const observed = buildFrame(spec);
    const at = observed.length - 10;
    observed[at] = observed[at]! ^ 0xff;
    const [check] = judgeUnit(exerciseWith(spec), ran(observed), 'en').checks;
    expect(check!.observed).toMatch(new RegExp(`^XDP_TX, payload \\(byte ${at}\\) is 0x[0-9a-f]{8}, expected 0x[0-9a-f]{8}$`));
  });

  test('the same output passes', () => {
    expect(judgeUnit(exerciseWith(request), ran(buildFrame(request)), 'en').checks[0]!.ok).toBe(true);
  });
});

describe('a frame in words', () => {
  test('an echo request reads as the glossary writes it in Korean', () => {
    expect(describeFrame({ family: 6, l4: { kind: 'echo-request' } }, 'ko')).toBe('IPv6/ICMPv6 에코 요청, 78바이트');
    expect(describeFrame({ family: 4, l4: { kind: 'echo-reply' } }, 'en')).toBe('IPv4/ICMP echo reply, 58 bytes');
  });
});

describe('a map expectation', () => {
  const exercise = (value: number | 'absent'): ExerciseDeclaration => ({
    ...exerciseWith(request),
    unit: [{ id: 'counted', text: { en: '', ko: '' }, kind: 'map', expect: { map: 'hits', entries: [{ key: [1, 0, 0, 0], name: 'key 1', value }] } }],
  });
  const dump = (entries: { key: string; values: string[] }[]): ToolEvent[] => [{ event: 'map', map: 'hits', found: true, entries }];
  const zero = '0000000000000000';

  test('a key that is not in the map reads as 0', () => {
    expect(judgeUnit(exercise(0), dump([]), 'en').checks[0]).toMatchObject({ ok: true, observed: 'key 1 = 0' });
  });
  test("'absent' fails when the program made the entry, even with a value of 0", () => {
    expect(judgeUnit(exercise('absent'), dump([{ key: '01000000', values: [zero] }]), 'en').checks[0]).toMatchObject({ ok: false, expected: 'key 1: no entry', observed: 'key 1 = 0' });
    expect(judgeUnit(exercise('absent'), dump([]), 'ko').checks[0]).toMatchObject({ ok: true, observed: 'key 1: 항목 없음' });
  });
});

describe("the unit tool's libbpf", () => {
  test('reads Debian versions through their epoch, as dpkg-query prints them', () => {
    // Debian 11, 12 and 13, and an upstream version without epoch or revision.
    expect(['1:0.3-2', '1:1.1.2-0+deb12u1', '1:1.5.0-3\n', '0.6.1'].map(upstreamVersion)).toEqual(['0.3-2', '1.1.2-0+deb12u1', '1.5.0-3', '0.6.1']);
  });

  test('is too old before 0.7 only', () => {
    expect(['0.3-2', '0.6.1', '0.7.0', '1.1.2-0+deb12u1', '1.5.0-3'].map(libbpfTooOldForUnitTool)).toEqual([true, true, false, false, false]);
  });
});
