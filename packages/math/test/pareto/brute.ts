/** Brute-force references for the Pareto tests: definitions written out, no cleverness. */

/** a dominates b (minimization). */
export function bruteDominates(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let strict = false;
  for (let j = 0; j < a.length; j++) {
    if (a[j]! > b[j]!) return false;
    if (a[j]! < b[j]!) strict = true;
  }
  return strict;
}

export function rows(points: Float64Array, m: number): Float64Array[] {
  return Array.from({ length: points.length / m }, (_, i) => points.subarray(i * m, (i + 1) * m));
}

/** Ranks by repeatedly peeling off the points no remaining point dominates. */
export function bruteRanks(points: Float64Array, m: number): number[] {
  const ps = rows(points, m);
  const rank = new Array<number>(ps.length).fill(-1);
  let r = 0;
  let left = ps.length;
  while (left > 0) {
    const front = ps
      .map((_, i) => i)
      .filter(
        (i) => rank[i] === -1 && !ps.some((q, j) => rank[j] === -1 && j !== i && bruteDominates(q, ps[i]!)),
      );
    for (const i of front) rank[i] = r;
    left -= front.length;
    r++;
  }
  return rank;
}

/**
 * Hypervolume by counting unit cells: for integer points and an integer reference, the number
 * of cells [c, c + 1) with 0 ≤ c_j < r_j dominated by some point (p ≤ c).
 */
export function gridHypervolume(points: Float64Array, m: number, ref: number[]): number {
  const ps = rows(points, m);
  let count = 0;
  const c = new Array<number>(m).fill(0);
  const total = ref.reduce((a, b) => a * b, 1);
  for (let cell = 0; cell < total; cell++) {
    let rest = cell;
    for (let j = 0; j < m; j++) {
      c[j] = rest % ref[j]!;
      rest = Math.floor(rest / ref[j]!);
    }
    if (ps.some((p) => p.every((v, j) => v <= c[j]!))) count++;
  }
  return count;
}

/** Hypervolume by inclusion-exclusion over all non-empty subsets (N ≤ ~12). */
export function inclusionExclusionHypervolume(points: Float64Array, m: number, ref: number[]): number {
  const ps = rows(points, m).filter((p) => p.every((v, j) => v < ref[j]!));
  let hv = 0;
  for (let mask = 1; mask < 1 << ps.length; mask++) {
    let vol = 1;
    let bits = 0;
    for (let j = 0; j < m; j++) {
      let mx = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < ps.length; i++) if (mask & (1 << i)) mx = Math.max(mx, ps[i]![j]!);
      vol *= Math.max(0, ref[j]! - mx);
    }
    for (let i = 0; i < ps.length; i++) if (mask & (1 << i)) bits++;
    hv += bits % 2 === 1 ? vol : -vol;
  }
  return hv;
}

/** Points of the set S (by index) as a row-major array. */
export function subset(points: Float64Array, m: number, idx: number[]): Float64Array {
  const out = new Float64Array(idx.length * m);
  for (let t = 0; t < idx.length; t++) out.set(points.subarray(idx[t]! * m, (idx[t]! + 1) * m), t * m);
  return out;
}
