/**
 * Crowding distance of NSGA-II (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002, §III-B): within a set of
 * points (usually one front), for each objective sort the points, give the two extremes an
 * infinite distance, and add to every other point the gap between its two neighbours divided
 * by the objective's range. Objectives whose values are all equal add nothing.
 *
 * Ties in an objective are ordered by position in the set (a stable sort), so duplicates get
 * deterministic distances: of a group of identical interior points, the first and last in set
 * order take the gaps to the outside and the middle ones get 0 from that objective.
 */
import { checkPoints } from "./validate.js";

/**
 * The crowding distance of each point of a subset.
 * @param points - row-major N×m objective values, finite.
 * @param nObjectives - m ≥ 1.
 * @param subset - the indices of the set to measure (e.g. one front); all points when omitted.
 * @returns Float64Array of distances aligned with `subset` (Infinity at the extremes; every
 *   point is extreme when the set has at most 2 points).
 * @throws RangeError on bad shapes, non-finite values, or a subset index out of range.
 * @example crowdingDistance(Float64Array.of(0, 3, 1, 1, 3, 0), 2) // [Infinity, 2, Infinity]
 */
export function crowdingDistance(
  points: Float64Array,
  nObjectives: number,
  subset?: ArrayLike<number>,
): Float64Array {
  const n = checkPoints("crowdingDistance", points, nObjectives, false);
  const m = nObjectives;
  const idx = subset === undefined ? Int32Array.from({ length: n }, (_, i) => i) : Int32Array.from(subset);
  for (let i = 0; i < idx.length; i++) {
    const v = idx[i]!;
    if (!(v >= 0 && v < n))
      throw new RangeError(`crowdingDistance: subset[${i}]=${v} is not a point index in 0..${n - 1}`);
  }
  const k = idx.length;
  const dist = new Float64Array(k);
  if (k <= 2) return dist.fill(Number.POSITIVE_INFINITY);
  const order = new Int32Array(k);
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < k; i++) order[i] = i;
    order.sort((a, b) => points[idx[a]! * m + j]! - points[idx[b]! * m + j]! || a - b);
    const lo = points[idx[order[0]!]! * m + j]!;
    const hi = points[idx[order[k - 1]!]! * m + j]!;
    dist[order[0]!] = Number.POSITIVE_INFINITY;
    dist[order[k - 1]!] = Number.POSITIVE_INFINITY;
    const range = hi - lo;
    if (!(range > 0)) continue;
    for (let t = 1; t < k - 1; t++) {
      const gap = points[idx[order[t + 1]!]! * m + j]! - points[idx[order[t - 1]!]! * m + j]!;
      dist[order[t]!] = dist[order[t]!]! + gap / range;
    }
  }
  return dist;
}
