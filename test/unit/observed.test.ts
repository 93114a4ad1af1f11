// The words labs share in their observations, in both languages: English as the
// tests of test/labs compare it, Korean as --lang ko prints it.
import { describe, expect, it } from 'vitest';
import { expectContains } from '../../labs/lib/checks.ts';
import { LOCALES, type Locale } from '../../labs/lib/locale.ts';
import { observed, type ObservedWords } from '../../labs/lib/observed.ts';
import type { CheckResult, LabContext } from '../../labs/lib/types.ts';
import { describeLink } from '../../labs/lib/xdp.ts';

describe('observed(ctx): the shared words of observations', () => {
  // Each word as one lab says it, in English (as the tests of test/labs compare it) and in Korean.
  const SAID: [string, (w: ObservedWords) => string, string, string][] = [
    ['sentReceived', (w) => w.sentReceived(10, 0), '10 sent, 0 received', '10개 보냄, 0개 받음'],
    ['received', (w) => w.received(20), '20 received', '20개 받음'],
    ['datagrams', (w) => w.datagrams(6), '6 datagrams', '데이터그램 6개'],
    ['frames', (w) => w.frames(8), '8 frames', '프레임 8개'],
    ['bytes', (w) => w.bytes(592), '592 bytes', '592바이트'],
    ['runs', (w) => w.runs(1000), '1000 runs', '1000번 실행'],
    ['echoRequests', (w) => w.echoRequests(5), '5 echo requests', '에코 요청 5개'],
    ['echoRequests', (w) => w.echoRequests(1), '1 echo request', '에코 요청 1개'],
    ['none', (w) => w.none, 'none', '없음'],
    ['nothing', (w) => w.nothing, 'nothing', '없음'],
    ['empty', (w) => w.empty, 'empty', '비어 있음'],
    ['attached', (w) => w.attached, 'attached', '붙음'],
  ];
  it.each(SAID)('%s: English as before, Korean with the count after its noun', (_, say, en, ko) => {
    expect(say(observed({ locale: 'en' }))).toBe(en);
    expect(say(observed({ locale: 'ko' }))).toBe(ko);
    expect(ko).not.toMatch(/[A-Za-z]/);
  });

  it('has every word in every locale, and the table above tries each', () => {
    const keys = Object.keys(observed({ locale: 'en' })).sort();
    for (const locale of LOCALES) expect(Object.keys(observed({ locale })).sort(), locale).toEqual(keys);
    expect([...new Set(SAID.map(([name]) => name))].sort()).toEqual(keys);
  });

  it('describes a device with nothing attached in the run’s language', () => {
    expect(describeLink({ progName: 'xdp_drop', mode: 'native' })).toBe('xdp_drop native');
    expect(describeLink({ progName: null, mode: null })).toBe('none none');
    expect(describeLink({ progName: null, mode: null }, 'ko')).toBe('없음');
    expect(describeLink({ progName: 'xdp_drop', mode: null }, 'ko')).toBe('xdp_drop 없음');
  });

  it('has expectContains say what it looks for in the run’s language, the tool’s words quoted as they are', () => {
    const recorded = (locale: Locale, observation: string) => {
      const results: Omit<CheckResult, 'ok'>[] = [];
      const ctx = { locale, record: (r: Omit<CheckResult, 'ok'>) => results.push(r) } as unknown as LabContext;
      expectContains(ctx, 'refused', 'Invalid argument', observation);
      return results[0];
    };
    expect(recorded('en', 'Error: update failed: Invalid argument')).toMatchObject({ ok: true, expected: 'contains "Invalid argument"' });
    expect(recorded('en', '')).toMatchObject({ ok: false, observed: '(nothing)' });
    expect(recorded('ko', 'Error: update failed: Invalid argument')).toMatchObject({ ok: true, expected: '"Invalid argument" 포함' });
    expect(recorded('ko', '')).toMatchObject({ ok: false, observed: '(없음)' });
  });
});
