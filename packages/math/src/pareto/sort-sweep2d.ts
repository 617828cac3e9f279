/**
 * Two objectives in O(N log N): after a lexicographic sort, each front keeps its last point,
 * which has the front's smallest second objective; a point joins the first front whose last
 * point does not dominate it, found by binary search (dominance by the last point is monotone
 * in the front index). This is the two-objective case of Jensen, "Reducing the run-time
 * complexity of multiobjective EAs: the NSGA-II and other algorithms" (IEEE TEVC 7(5), 2003),
 * and what Zhang et al. (2015) call ENS-BS specialised to m = 2 (one comparison per front).
 */

/** Ranks of n points (row-major n×2, validated) visited in `order` (lexicographic). */
export function sweep2dRanks(points: Float64Array, n: number, order: Int32Array): Int32Array {
  const ranks = new Int32Array(n);
  // lastX/lastY: the last point added to each front.
  const lastX = new Float64Array(n);
  const lastY = new Float64Array(n);
  let nFronts = 0;
  for (let t = 0; t < n; t++) {
    const i = order[t]!;
    const x = points[2 * i]!;
    const y = points[2 * i + 1]!;
    // Earlier points have lastX ≤ x, so the last point dominates iff lastY < y, or lastY = y
    // with lastX < x.
    let lo = 0;
    let hi = nFronts;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const ly = lastY[mid]!;
      if (ly < y || (ly === y && lastX[mid]! < x)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === nFronts) nFronts++;
    lastX[lo] = x;
    lastY[lo] = y;
    ranks[i] = lo;
  }
  return ranks;
}

/** One objective: dense ranks of the values visited in ascending `order`. */
export function denseRanks1d(points: Float64Array, n: number, order: Int32Array): Int32Array {
  const ranks = new Int32Array(n);
  let rank = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0 && points[order[t]!]! > points[order[t - 1]!]!) rank++;
    ranks[order[t]!] = rank;
  }
  return ranks;
}
