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

/** A bar of a timeline lane: [start, end] in ms, of one trial or of a run of trials. */
export interface LaneBar {
  readonly worker: string;
  readonly state: string;
  readonly start: number;
  readonly end: number;
  /** The first trial's number. */
  readonly trial: number;
}

/** A run of merged bars: its interval, its first and last (by start) trial numbers, how many trials. */
export interface MergedBar extends LaneBar {
  readonly lastTrial: number;
  readonly trials: number;
}

/**
 * Merges the bars of each (worker, state) whose intervals overlap or lie at most `gap` apart
 * into runs: in order of start, a bar starting at most `gap` after the run's end extends it.
 * So the runs cover the union of the bars of their worker and state, plus only gaps of at
 * most `gap` between them (a pixel of the plot, where they are invisible). Bars for which
 * `merge` is false stay as they are (a run of one). Runs come in order of the workers' first
 * bar, then by `layer` (lower drawn first, i.e. underneath), then by start.
 */
export function mergeRuns(
  bars: readonly LaneBar[],
  gap: number,
  merge: (bar: LaneBar) => boolean,
  layer: (state: string) => number,
): MergedBar[] {
  const groups = new Map<string, Map<string, LaneBar[]>>();
  for (const b of bars) {
    let byState = groups.get(b.worker);
    if (byState === undefined) {
      byState = new Map();
      groups.set(b.worker, byState);
    }
    const list = byState.get(b.state);
    if (list === undefined) byState.set(b.state, [b]);
    else list.push(b);
  }
  const out: MergedBar[] = [];
  for (const byState of groups.values()) {
    const states = [...byState.keys()].sort((a, b) => layer(a) - layer(b));
    for (const state of states) {
      const list = [...byState.get(state)!].sort((a, b) => a.start - b.start || a.trial - b.trial);
      let run: { -readonly [K in keyof MergedBar]: MergedBar[K] } | null = null;
      for (const b of list) {
        if (run !== null && merge(b) && b.start <= run.end + gap) {
          run.end = Math.max(run.end, b.end);
          run.lastTrial = b.trial;
          run.trials++;
          continue;
        }
        if (run !== null) out.push(run);
        run = { ...b, lastTrial: b.trial, trials: 1 };
        if (!merge(b)) {
          out.push(run);
          run = null;
        }
      }
      if (run !== null) out.push(run);
    }
  }
  return out;
}

/**
 * Which points of a polyline to draw at a plot's resolution (min/max per pixel column, the
 * usual decimation for time series on screen, e.g. Steinarsson 2013, "Downsampling Time Series
 * for Visual Representation", §2): the x axis cut into columns of `pixel` data units from
 * `x0`, and in each column the first, the last, the lowest and the highest point (by `ys`,
 * first occurrence) kept, in their order. Within a column the kept polyline then still passes
 * through every value the column's points take, so each original point has a point of the
 * drawn polyline at its value less than one column away in x (and the segments between
 * columns are unchanged): the two lines differ by less than a pixel horizontally. At most 4
 * points a column; a column of at most 4 points keeps them all.
 * @param xs ascending x values (steps); `ys` the values, same length.
 * @param pixel the width of a pixel column in x units (> 0; Infinity or NaN keeps everything).
 * @returns the indices kept, ascending.
 */
export function pixelColumnPoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x0: number,
  pixel: number,
): number[] {
  const n = xs.length;
  if (!(pixel > 0 && Number.isFinite(pixel))) return Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [];
  let i = 0;
  while (i < n) {
    const column = Math.floor((xs[i]! - x0) / pixel);
    let j = i;
    let lo = i;
    let hi = i;
    while (j + 1 < n && Math.floor((xs[j + 1]! - x0) / pixel) === column) {
      j++;
      if (ys[j]! < ys[lo]!) lo = j;
      if (ys[j]! > ys[hi]!) hi = j;
    }
    if (j - i < 4) for (let k = i; k <= j; k++) kept.push(k);
    else
      for (const k of [i, Math.min(lo, hi), Math.max(lo, hi), j])
        if (kept.length === 0 || kept[kept.length - 1]! < k) kept.push(k);
    i = j + 1;
  }
  return kept;
}
