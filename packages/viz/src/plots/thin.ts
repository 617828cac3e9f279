/**
 * Thinning the marks of a plot whose data has a row per trial, for large studies: the rows a
 * plot must keep (improvements of a best-so-far line, the Pareto front, ...), the last one,
 * and a systematic sample (every k-th row) of the others up to about `max`. A systematic
 * sample keeps the shape of the cloud; kept rows keep every line exact.
 */

/**
 * Which of `n` rows to draw: every row when n <= max; else those `must` keeps, the last, and
 * max - (their count) rows evenly spaced.
 * @returns a mask, 1 for a row drawn.
 */
export function thinMask(n: number, max: number, must: (i: number) => boolean): Uint8Array {
  const keep = new Uint8Array(n);
  if (n <= max) return keep.fill(1);
  keep[n - 1] = 1;
  let kept = 1;
  for (let i = 0; i < n - 1; i++)
    if (must(i)) {
      keep[i] = 1;
      kept++;
    }
  const room = Math.max(0, max - kept);
  for (let j = 0; j < room; j++) keep[Math.floor((j * n) / room)] = 1;
  return keep;
}

/**
 * Checks a `maxPoints` option.
 * @throws RangeError naming the function unless it is an integer >= 10 or Infinity.
 */
export function checkMaxPoints(where: string, maxPoints: number | undefined): number {
  const max = maxPoints ?? Number.POSITIVE_INFINITY;
  if (max !== Number.POSITIVE_INFINITY && (!Number.isInteger(max) || max < 10))
    throw new RangeError(`${where}: maxPoints must be an integer >= 10 or Infinity, got ${String(max)}`);
  return max;
}
