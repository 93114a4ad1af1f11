import { describe, expect, test } from 'vitest';
import { extractRegion, RegionError } from '../../src/lib/regions.ts';

const source = ['int a;', '// region: body', '\tint b;', '\t// region: inner', '\tint c;', '\t// endregion: inner', '// endregion: body', 'int d;'].join('\n');

describe('regions', () => {
  test('a region is cut out, dedented, nested markers removed', () => {
    expect(extractRegion(source, 'f.c', 'body')).toBe('int b;\nint c;');
  });
  test('the whole file drops every marker line', () => {
    expect(extractRegion(source, 'f.c')).toBe('int a;\n\tint b;\n\tint c;\nint d;');
  });
  test('a missing region fails with the file and name', () => {
    expect(() => extractRegion(source, 'f.c', 'nope')).toThrow(/f\.c: no region "nope"/);
  });
  test('a region marked twice fails', () => {
    expect(() => extractRegion(source + '\n// region: body\n// endregion: body', 'f.c', 'body')).toThrow(RegionError);
  });
  test('a region that never ends fails', () => {
    expect(() => extractRegion('// region: x\nint a;', 'f.c', 'x')).toThrow(/never ends/);
  });
});
