/**
 * "Did you mean …?" for unknown field names and enum values: the closest candidate by edit
 * distance, counting a swap of two neighbouring letters as one edit (`hots` → `host`).
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function measureEditDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1]?.[j] ?? 0) + 1, (d[i]?.[j - 1] ?? 0) + 1, (d[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return d[a.length]?.[b.length] ?? 0;
}

/**
 * The candidate closest to `word`, if it is close enough to be a typo: same letters in another
 * case, or at most 2 edits (1 for words of 4 letters or fewer), with no other candidate as close;
 * failing that, the only candidate that `word` (3 letters or more) abbreviates (`Auto` → `Automatic`).
 */
export function suggestNearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: { candidate: string | undefined; distance: number } = { candidate: undefined, distance: limit + 1 };
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = candidate.toLowerCase() === word.toLowerCase() ? 0 : measureEditDistance(word, candidate);
    if (distance < best.distance) best = { candidate, distance };
    else if (distance === best.distance) best = { candidate: undefined, distance }; // a tie: no honest suggestion
  }
  if (best.distance <= limit) return best.candidate;
  const lower = word.toLowerCase();
  const extending = candidates.filter((c) => word.length >= 3 && c !== word && c.toLowerCase().startsWith(lower));
  return extending.length === 1 ? extending[0] : undefined;
}
