/** Helpers for analytic Pareto fronts: record intervals of 1-D curves, simplex lattices. */

/** A closed interval [lo, hi]. */
export type Interval = readonly [number, number];

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  let flo = f(lo);
  for (let k = 0; k < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); k++) {
    const mid = 0.5 * (lo + hi);
    const fm = f(mid);
    if (fm === 0) return mid;
    if (fm > 0 === flo > 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * The "record set" {t ∈ [a, b] : g(t) < g(s) for all s ∈ [a, t)} of a smooth curve g with
 * derivative dg, as a union of intervals: the points of the curve (t, g(t)) that no point with
 * smaller t dominates. Each interval ends at a local minimum of g (a root of dg found on a grid
 * of `grid` cells and refined by bisection) or at b; each later interval starts on the
 * descending branch where g comes back to the previous record, again by bisection.
 */
export function recordIntervals(
  g: (t: number) => number,
  dg: (t: number) => number,
  a: number,
  b: number,
  grid = 100000,
): Interval[] {
  // Local minima of g on (a, b): dg changes sign from - to +.
  const minima: number[] = [];
  let prev = dg(a + (b - a) / grid);
  for (let i = 2; i <= grid; i++) {
    const t = a + ((b - a) * i) / grid;
    const cur = dg(t);
    if (prev < 0 && cur >= 0) minima.push(bisect(dg, t - (b - a) / grid, t));
    prev = cur;
  }
  if (g(b) < g(minima.length > 0 ? minima[minima.length - 1]! : a) && dg(b) < 0) minima.push(b);
  const out: Interval[] = [];
  let start = a;
  let record = Number.POSITIVE_INFINITY;
  for (const m of minima) {
    const v = g(m);
    if (!(v < record)) continue;
    if (out.length > 0) {
      // g(t) = record on the descending branch just before m.
      let left = out[out.length - 1]![1];
      // Move left to the last point before m where g >= record (the branch peak or later).
      const steps = 4096;
      for (let i = steps; i >= 0; i--) {
        const t = left + ((m - left) * i) / steps;
        if (g(t) >= record) {
          left = t;
          break;
        }
      }
      start = bisect((t) => g(t) - record, left, m);
    }
    out.push([start, m]);
    record = v;
  }
  return out;
}

/** `n` points spread along a union of intervals in proportion to their lengths (ends included). */
export function spreadOnIntervals(intervals: readonly Interval[], n: number): number[] {
  const total = intervals.reduce((s, [lo, hi]) => s + (hi - lo), 0);
  const out: number[] = [];
  if (n <= 0) return out;
  if (n === 1) return [intervals[0]![0]];
  for (let i = 0; i < n; i++) {
    let pos = (total * i) / (n - 1);
    for (const [lo, hi] of intervals) {
      const len = hi - lo;
      if (pos <= len + 1e-15 || hi === intervals[intervals.length - 1]![1]) {
        out.push(Math.min(hi, lo + pos));
        break;
      }
      pos -= len;
    }
  }
  return out;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * At least `n` points of the unit simplex {w ≥ 0, Σw = 1} in m dimensions: the Das-Dennis
 * lattice w = k/H with the smallest H giving C(H + m - 1, m - 1) ≥ n, thinned evenly to n.
 */
export function simplexPoints(m: number, n: number): number[][] {
  if (n <= 0) return [];
  let h = 1;
  while (binomial(h + m - 1, m - 1) < n) h++;
  const all: number[][] = [];
  const rec = (prefix: number[], left: number): void => {
    if (prefix.length === m - 1) {
      all.push([...prefix, left].map((k) => k / h));
      return;
    }
    for (let k = left; k >= 0; k--) rec([...prefix, k], left - k);
  };
  rec([], h);
  if (all.length === n) return all;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(all[Math.round((i * (all.length - 1)) / Math.max(1, n - 1))]!);
  return out;
}

/** At least `n` points of the grid over a product of interval unions, thinned evenly to n. */
export function productGrid(intervals: readonly Interval[], dims: number, n: number): number[][] {
  if (n <= 0) return [];
  if (dims === 0) return [[]];
  const k = Math.max(2, Math.ceil(n ** (1 / dims)));
  const axis = spreadOnIntervals(intervals, k);
  const all: number[][] = [];
  const rec = (prefix: number[]): void => {
    if (prefix.length === dims) {
      all.push(prefix);
      return;
    }
    for (const v of axis) rec([...prefix, v]);
  };
  rec([]);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(all[Math.round((i * (all.length - 1)) / Math.max(1, n - 1))]!);
  return out;
}
