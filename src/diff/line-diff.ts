/**
 * A small line diff (longest common subsequence) with unified-style hunks, for the YAML of one
 * changed object: a few hundred lines at most, so the quadratic table is cheap and exact.
 */

export type LineOp = { op: ' ' | '+' | '-'; text: string };

/** Every line of both texts in order, each kept, added or removed. */
export function diffLines(before: readonly string[], after: readonly string[]): LineOp[] {
  const n = before.length;
  const m = after.length;
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..]
  const common = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      common[i][j] = before[i] === after[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      ops.push({ op: ' ', text: before[i] });
      i += 1;
      j += 1;
    } else if (common[i + 1][j] >= common[i][j + 1]) {
      ops.push({ op: '-', text: before[i] });
      i += 1;
    } else {
      ops.push({ op: '+', text: after[j] });
      j += 1;
    }
  }
  while (i < n) ops.push({ op: '-', text: before[i++] });
  while (j < m) ops.push({ op: '+', text: after[j++] });
  return ops;
}

/**
 * Unified hunks (`@@ -a,b +c,d @@` then ` `/`+`/`-` lines) with `context` unchanged lines around
 * each change; nothing when the texts are equal.
 */
export function formatUnifiedDiff(before: string, after: string, context = 3): string[] {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const ops = diffLines(split(before), split(after));
  const changed = ops.map((op, index) => (op.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return [];

  // Group changes whose context windows touch into one hunk.
  const ranges: [number, number][] = [];
  for (const index of changed) {
    const start = Math.max(0, index - context);
    const end = Math.min(ops.length - 1, index + context);
    const last = ranges.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }

  // Line numbers of each op in the old and new text (1-based, as diff prints them).
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let a = 1;
  let b = 1;
  for (const op of ops) {
    oldLine.push(a);
    newLine.push(b);
    if (op.op !== '+') a += 1;
    if (op.op !== '-') b += 1;
  }

  const lines: string[] = [];
  for (const [start, end] of ranges) {
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((op) => op.op !== '+').length;
    const newCount = slice.filter((op) => op.op !== '-').length;
    const oldStart = oldCount === 0 ? oldLine[start] - 1 : oldLine[start];
    const newStart = newCount === 0 ? newLine[start] - 1 : newLine[start];
    lines.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) lines.push(`${op.op}${op.text}`);
  }
  return lines;
}
