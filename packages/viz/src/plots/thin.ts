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

/** A vertex of an empirical distribution function's step curve (drawn step-after). */
export interface EdfStep {
  readonly value: number;
  readonly fraction: number;
}

/**
 * The vertices of the step curve of the empirical distribution function F of `sorted` (values
 * in ascending order), F(x) = #{v <= x} / n, drawn with step-after interpolation, using at
 * most `max` vertices (max >= 4). When n <= max: every value, at its rank (i + 1) / n (exact).
 * Otherwise over the distinct values u_0 < ... < u_m with cumulative counts c_j = #{v <= u_j}:
 * the min and the max are kept, and a greedy walk from a kept u_a keeps next the furthest u_b
 * with c_(b-1) - c_a <= 2n / max. On [u_a, u_b) the true F runs from c_a / n to c_(b-1) / n,
 * and the vertex at u_a is drawn at the middle of that range, so the drawn curve is within
 * (c_(b-1) - c_a) / (2n) <= 1 / max of F everywhere in [min, max]; the last vertex, at the
 * max, is at 1. Each step but the last advances c by more than 2n / max, so there are fewer
 * than max / 2 + 2 vertices. (Drawn points lie on F only at its big jumps: with vertices on F
 * itself, max points cannot stay within 1 / max of it for every n — e.g. 29 distinct values
 * and max 10 need 11 — hence the midpoints.) A jump of F larger than the reach (many tied
 * values) is kept exactly. The uniform bound is the Kolmogorov–Smirnov distance between the
 * drawn and the true curve.
 */
export function edfSteps(sorted: readonly number[], max: number): EdfStep[] {
  const n = sorted.length;
  if (n <= max) return sorted.map((value, i) => ({ value, fraction: (i + 1) / n }));
  const u: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++)
    if (i === n - 1 || sorted[i + 1] !== sorted[i]) {
      u.push(sorted[i]!);
      c.push(i + 1);
    }
  const reach = (2 * n) / max;
  const last = u.length - 1;
  const out: EdfStep[] = [];
  let a = 0;
  while (a < last) {
    let b = a + 1;
    while (b < last && c[b]! - c[a]! <= reach) b++;
    out.push({ value: u[a]!, fraction: (c[a]! + c[b - 1]!) / (2 * n) });
    a = b;
  }
  out.push({ value: u[last]!, fraction: 1 });
  return out;
}
