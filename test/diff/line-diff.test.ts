import { describe, expect, it } from 'vitest';
import { diffLines, formatUnifiedDiff } from '../../src/diff/line-diff.js';

describe('diffLines', () => {
  it('keeps common lines and marks the rest, in order', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
  });

  it('rebuilds both sides exactly', () => {
    const before = 'one two three four five six seven'.split(' ');
    const after = 'zero one three four 4.5 five seven eight'.split(' ');
    const ops = diffLines(before, after);
    expect(ops.filter((op) => op.op !== '+').map((op) => op.text)).toEqual(before);
    expect(ops.filter((op) => op.op !== '-').map((op) => op.text)).toEqual(after);
    expect(ops.filter((op) => op.op === ' ')).toHaveLength(5); // the longest common subsequence
  });
});

describe('formatUnifiedDiff', () => {
  it('prints nothing for equal texts', () => expect(formatUnifiedDiff('a\nb\n', 'a\nb\n')).toEqual([]));

  it('prints hunks with three lines of context and diff(1) line numbers', () => {
    const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`);
    const after = [...before];
    after[4] = 'line five';
    after.splice(15, 1);
    expect(formatUnifiedDiff(`${before.join('\n')}\n`, `${after.join('\n')}\n`)).toEqual([
      '@@ -2,7 +2,7 @@',
      ' line 2',
      ' line 3',
      ' line 4',
      '-line 5',
      '+line five',
      ' line 6',
      ' line 7',
      ' line 8',
      '@@ -13,7 +13,6 @@',
      ' line 13',
      ' line 14',
      ' line 15',
      '-line 16',
      ' line 17',
      ' line 18',
      ' line 19',
    ]);
  });

  it('joins changes whose context overlaps into one hunk, and handles empty sides', () => {
    expect(formatUnifiedDiff('a\nb\nc\n', 'a\nB\nc\nD\n').filter((line) => line.startsWith('@@'))).toEqual(['@@ -1,3 +1,4 @@']);
    expect(formatUnifiedDiff('', 'a\n')).toEqual(['@@ -0,0 +1,1 @@', '+a']);
    expect(formatUnifiedDiff('a\n', '')).toEqual(['@@ -1,1 +0,0 @@', '-a']);
  });
});
