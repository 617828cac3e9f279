/**
 * Exact hypervolume (minimization) of a point set with respect to a reference point, for 2
 * and 3 objectives: the Lebesgue measure of the region dominated by the set and bounded by the
 * reference point (Zitzler & Thiele 1998). 2-D: one sweep over the points sorted by the first
 * objective. 3-D: slices between consecutive third-objective values, each a 2-D hypervolume
 * (the "hypervolume by slicing objectives" idea, While et al. 2006), O(n² log n).
 * Points that do not strictly dominate the reference point contribute nothing.
 *
 * A general m-objective algorithm (WFG) belongs in `@tunelab/math/pareto`; this module is
 * only what the benchmark reports need, and the benchmark switches to the shared one when it
 * exists.
 */

function hv2(points: readonly (readonly number[])[], r0: number, r1: number): number {
  const pts = points.filter((p) => p[0]! < r0 && p[1]! < r1).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let volume = 0;
  let prevY = r1;
  for (const p of pts) {
    if (p[1]! < prevY) {
      volume += (r0 - p[0]!) * (prevY - p[1]!);
      prevY = p[1]!;
    }
  }
  return volume;
}

/**
 * The hypervolume of `points` (each of length m ∈ {2, 3}) against `reference`.
 * @throws RangeError for other numbers of objectives or mismatched lengths.
 * @example hypervolume([[1, 2], [2, 1]], [3, 3]) // 3
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const m = reference.length;
  for (const p of points) {
    if (p.length !== m)
      throw new RangeError(`hypervolume: every point must have ${m} objectives, got ${p.length}`);
  }
  if (m === 2) return hv2(points, reference[0]!, reference[1]!);
  if (m !== 3) throw new RangeError(`hypervolume: only 2 or 3 objectives are supported here, got ${m}`);
  const pts = points
    .filter((p) => p[0]! < reference[0]! && p[1]! < reference[1]! && p[2]! < reference[2]!)
    .sort((a, b) => a[2]! - b[2]!);
  let volume = 0;
  for (let i = 0; i < pts.length; i++) {
    const z = pts[i]![2]!;
    const zNext = i + 1 < pts.length ? pts[i + 1]![2]! : reference[2]!;
    if (zNext <= z) continue;
    volume += hv2(pts.slice(0, i + 1), reference[0]!, reference[1]!) * (zNext - z);
  }
  return volume;
}

/** The points of `points` that no other point dominates (duplicates kept once). */
export function nonDominated(points: readonly (readonly number[])[]): number[][] {
  const out: number[][] = [];
  outer: for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    for (let j = 0; j < points.length; j++) {
      if (i === j) continue;
      const q = points[j]!;
      let le = true;
      let lt = false;
      for (let k = 0; k < p.length; k++) {
        if (q[k]! > p[k]!) {
          le = false;
          break;
        }
        if (q[k]! < p[k]!) lt = true;
      }
      if (le && (lt || j < i)) continue outer;
    }
    out.push(p.slice());
  }
  return out;
}
