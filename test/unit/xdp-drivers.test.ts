// The driver table's data (src/data/xdp-drivers.ts) is well formed: every row
// has every column, every note reads in both languages, every row names the
// files it was read in; and the sentences' `code` marks split as the page shows them.
import { describe, expect, test } from 'vitest';
import { LOCALES, type Text } from '../../labs/lib/locale.ts';
import { COLUMN_BIT, COLUMNS, drivers, GROUPS, KERNEL_READ, XDP_ACT_BITS } from '../../src/data/xdp-drivers.ts';
import { codeSpans } from '../../src/lib/code-spans.ts';

const HANGUL = /[\uac00-\ud7a3]/;

/** Every Text of a row, with where it is, for the messages. */
function textsOf(row: (typeof drivers)[number]): { where: string; text: Text }[] {
  return [
    { where: `${row.driver} hardware`, text: row.hardware },
    ...(row.note ? [{ where: `${row.driver} note`, text: row.note }] : []),
    ...COLUMNS.flatMap((column) => {
      const note = row.cells[column].note;
      return note ? [{ where: `${row.driver} ${column} note`, text: note }] : [];
    }),
  ];
}

describe('the driver table', () => {
  test('names the kernel it was read from', () => {
    expect(KERNEL_READ.version).toMatch(/^\d+\.\d+(?:\.\d+)?$/);
  });

  test('each column is a bit of enum netdev_xdp_act, and no two columns share one', () => {
    const bits = COLUMNS.map((column) => COLUMN_BIT[column]);
    for (const bit of bits) expect(XDP_ACT_BITS).toContain(bit);
    expect(new Set(bits).size).toBe(bits.length);
  });

  test('one row per driver, each in a known group, the groups in use', () => {
    const names = drivers.map((row) => row.driver);
    expect(new Set(names).size, 'driver names are unique').toBe(names.length);
    for (const row of drivers) expect(GROUPS, row.driver).toContain(row.group);
    for (const group of GROUPS) expect(drivers.some((row) => row.group === group), `group ${group}`).toBe(true);
  });

  test('every row has every column, and nothing else', () => {
    for (const row of drivers) expect(Object.keys(row.cells).sort(), row.driver).toEqual([...COLUMNS].sort());
  });

  test('a cell is yes, no or conditional, and a conditional one says its condition', () => {
    for (const row of drivers) {
      for (const column of COLUMNS) {
        const cell = row.cells[column];
        expect(['yes', 'no', 'conditional'], `${row.driver} ${column}`).toContain(cell.support);
        if (cell.support === 'conditional') expect(cell.note, `${row.driver} ${column}: a condition needs its note`).toBeDefined();
      }
    }
  });

  test('every text is written in both languages: English without Hangul, Korean with it', () => {
    for (const row of drivers) {
      for (const { where, text } of textsOf(row)) {
        expect(Object.keys(text).sort(), where).toEqual([...LOCALES].sort());
        expect(text.en.trim(), `${where} (en)`).not.toBe('');
        expect(text.ko.trim(), `${where} (ko)`).not.toBe('');
        expect(HANGUL.test(text.en), `${where}: the English text has Hangul`).toBe(false);
      }
      // The hardware is often a product name alone, the same in both languages; a note is a sentence.
      for (const { where, text } of textsOf(row).filter((t) => !t.where.endsWith('hardware'))) {
        expect(HANGUL.test(text.ko), `${where}: the Korean note has no Hangul`).toBe(true);
      }
    }
  });

  test("a note's code marks are paired, in both languages alike", () => {
    for (const row of drivers) {
      for (const { where, text } of textsOf(row)) {
        const code = (s: string) => codeSpans(s).filter((span) => span.code).map((span) => span.text);
        for (const locale of LOCALES) expect((text[locale].match(/`/g) ?? []).length % 2, `${where} (${locale}): an unpaired backtick`).toBe(0);
        expect(code(text.ko).sort(), `${where}: the Korean note marks other code than the English`).toEqual(code(text.en).sort());
      }
    }
  });

  test('every row names the kernel files it was read in', () => {
    for (const row of drivers) {
      expect(row.sources.length, row.driver).toBeGreaterThan(0);
      for (const path of row.sources) expect(path, row.driver).toMatch(/^drivers\/net\/[\w./-]+\.c$/);
    }
  });

  test('only nfp offloads programs to the NIC', () => {
    const offloading = drivers.filter((row) => row.cells.offload.support !== 'no').map((row) => row.driver);
    expect(offloading).toEqual(['nfp']);
  });
});

describe('codeSpans', () => {
  test('splits a sentence at its backticks', () => {
    expect(codeSpans('set `NDO_XMIT` while `ip link` runs')).toEqual([
      { code: false, text: 'set ' },
      { code: true, text: 'NDO_XMIT' },
      { code: false, text: ' while ' },
      { code: true, text: 'ip link' },
      { code: false, text: ' runs' },
    ]);
  });
  test('a sentence that starts or ends in code, or has none', () => {
    expect(codeSpans('`lo`')).toEqual([{ code: true, text: 'lo' }]);
    expect(codeSpans('plain')).toEqual([{ code: false, text: 'plain' }]);
    expect(codeSpans('')).toEqual([]);
  });
  test('an unpaired backtick stays text', () => {
    expect(codeSpans('a `b` c `d')).toEqual([
      { code: false, text: 'a ' },
      { code: true, text: 'b' },
      { code: false, text: ' c `d' },
    ]);
  });
});
