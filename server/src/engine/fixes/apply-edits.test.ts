import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply-edits.js';

describe('applyEdits', () => {
  it('applies edits given in any order against the original offsets', () => {
    const outcome = applyEdits('const a = 1;\nconst b = 2;\n', [
      { start: 23, end: 24, newText: 'two' },
      { start: 6, end: 7, newText: 'alpha' },
      { start: 0, end: 0, newText: '// fixed\n' },
    ]);
    expect(outcome.text).toBe('// fixed\nconst alpha = 1;\nconst b = two;\n');
    expect(outcome.applied.map((edit) => edit.start)).toEqual([0, 6, 23]);
    expect(outcome.skipped).toEqual([]);
  });

  it('skips a later edit that overlaps an earlier one, and says so', () => {
    const first = { start: 2, end: 6, newText: 'X' };
    const overlapping = { start: 4, end: 8, newText: 'Y' };
    const outcome = applyEdits('0123456789', [overlapping, first]);
    expect(outcome.text).toBe('01X6789');
    expect(outcome.applied).toEqual([first]);
    expect(outcome.skipped).toEqual([overlapping]);
  });

  it('applies touching edits and keeps insertions at one offset in the order given', () => {
    const outcome = applyEdits('abc', [
      { start: 1, end: 1, newText: '1' },
      { start: 1, end: 1, newText: '2' },
      { start: 1, end: 2, newText: 'B' },
      { start: 2, end: 3, newText: 'C' },
    ]);
    expect(outcome.text).toBe('a12BC');
    expect(outcome.skipped).toEqual([]);
  });

  it('skips edits outside the text instead of corrupting it', () => {
    const outcome = applyEdits('abc', [{ start: 2, end: 9, newText: 'x' }, { start: -1, end: 0, newText: 'y' }]);
    expect(outcome.text).toBe('abc');
    expect(outcome.skipped).toHaveLength(2);
  });

  it('leaves CRLF line endings around an edit alone', () => {
    expect(applyEdits('a\r\nb\r\n', [{ start: 3, end: 4, newText: 'B' }]).text).toBe('a\r\nB\r\n');
  });
});
