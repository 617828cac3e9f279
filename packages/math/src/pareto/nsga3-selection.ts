/**
 * NSGA-III's survival selection (Deb & Jain, "An evolutionary many-objective optimization
 * algorithm using reference-point-based nondominated sorting approach, part I", IEEE TEVC
 * 18(4), 2014, §IV, Algorithms 1, 3 and 4), as one pure function a sampler calls once per
 * generation.
 *
 * Notation: S the merged population (N×M, minimized) with its non-domination ranks,
 * W the H reference directions (H×M, non-negative), K the number to keep.
 *
 * 1. S_t: whole fronts F₁, F₂, ... in rank order until |S_t| ≥ K; F_l is the last one.
 *    If |S_t| = K, S_t is the answer.
 * 2. Normalize (nsga3-normalization.ts) with the first front of S and the memory.
 * 3. Associate each point of S_t with the direction w whose line through the origin is
 *    nearest to its normalized objectives f̃ (perpendicular distance
 *    d⊥ = ‖f̃ − (f̃·u) u‖, u = w/‖w‖; ties to the lowest direction index).
 * 4. Niche counts ρ_j: the points of S_t ∖ F_l associated with direction j.
 * 5. Niching (Algorithm 4): while points are missing, take a direction j of smallest ρ_j
 *    among those that still have unchosen points of F_l (ties broken uniformly by `rng`);
 *    if ρ_j = 0 choose its member of F_l with the smallest d⊥ (ties to the lowest index),
 *    otherwise a uniformly random member; ρ_j += 1. Directions without members in F_l are
 *    set aside for the rest of the generation.
 */
import type { Rng } from "../random/rng.js";
import { type Nsga3Memory, type Nsga3Normalization, nsga3Normalization } from "./nsga3-normalization.js";
import { checkPoints } from "./validate.js";

/** The result of {@link nsga3Select}. */
export interface Nsga3Selection {
  /**
   * The K chosen indices: the whole fronts before F_l in rank order (ascending within a
   * front), then the chosen members of F_l in the order niching chose them.
   */
  readonly indices: Int32Array;
  /** For every point of S: its associated direction, or −1 when it is outside S_t. */
  readonly niche: Int32Array;
  /** For every point of S: its perpendicular distance to that direction (NaN outside S_t). */
  readonly distance: Float64Array;
  /** The normalization used (ideal, nadir, extremes). */
  readonly normalization: Nsga3Normalization;
  /** The memory to pass to the next call. */
  readonly memory: Nsga3Memory;
}

/**
 * Chooses K survivors of a population by NSGA-III's rank-then-niche rule (see the module
 * header).
 * @param points - row-major N×M objective values (minimized), finite.
 * @param nObjectives - M ≥ 1.
 * @param ranks - the non-domination rank of every point (`nonDominatedRanks`, constrained
 *   or not); rank 0 must be present when N > 0.
 * @param refDirs - row-major H×M reference directions (non-negative, none all zero), e.g.
 *   `dasDennis` from `@tunelab/math/refdirs`.
 * @param nSelect - K, 0 ≤ K ≤ N.
 * @param rng - draws the ties of niching.
 * @param memory - what the previous call returned (ideal, worst, extremes); omitted at the
 *   first generation.
 * @throws RangeError on bad shapes, non-finite values, ranks that are not non-negative
 * integers, a bad direction, K out of range, or a memory of the wrong size.
 * @example
 * ```ts
 * const dirs = dasDennis(2, 4);
 * const pts = Float64Array.of(0, 1, 0.5, 0.5, 1, 0, 0.6, 0.6, 0.2, 0.9);
 * const { indices, memory } = nsga3Select(pts, 2, nonDominatedRanks(pts, 2), dirs, 3, Rng.fromSeed(1));
 * ```
 */
export function nsga3Select(
  points: Float64Array,
  nObjectives: number,
  ranks: ArrayLike<number>,
  refDirs: Float64Array,
  nSelect: number,
  rng: Rng,
  memory?: Nsga3Memory,
): Nsga3Selection {
  const where = "nsga3Select";
  const m = nObjectives;
  const n = checkPoints(where, points, m, false);
  if (ranks.length !== n)
    throw new RangeError(`${where}: ranks must have N=${n} entries, got ${ranks.length}`);
  let maxRank = -1;
  for (let i = 0; i < n; i++) {
    const r = ranks[i]!;
    if (!Number.isSafeInteger(r) || r < 0)
      throw new RangeError(`${where}: ranks[${i}] must be an integer >= 0, got ${r}`);
    if (r > maxRank) maxRank = r;
  }
  if (!Number.isSafeInteger(nSelect) || nSelect < 0 || nSelect > n) {
    throw new RangeError(`${where}: nSelect must be an integer in 0..${n}, got ${nSelect}`);
  }
  if (!(refDirs instanceof Float64Array) || refDirs.length === 0 || refDirs.length % m !== 0) {
    throw new RangeError(
      `${where}: refDirs must be a non-empty Float64Array of H×nObjectives=${m} values, got length ${refDirs?.length}`,
    );
  }
  const h = refDirs.length / m;
  const unit = new Float64Array(h * m);
  for (let j = 0; j < h; j++) {
    let norm = 0;
    for (let k = 0; k < m; k++) {
      const v = refDirs[j * m + k]!;
      if (!(v >= 0 && Number.isFinite(v))) {
        throw new RangeError(`${where}: refDirs[${j}][${k}] must be finite and >= 0, got ${v}`);
      }
      norm += v * v;
    }
    if (norm === 0) throw new RangeError(`${where}: refDirs[${j}] must not be all zero`);
    norm = Math.sqrt(norm);
    for (let k = 0; k < m; k++) unit[j * m + k] = refDirs[j * m + k]! / norm;
  }
  if (n === 0) throw new RangeError(`${where}: points must hold at least 1 point`);

  // Step 1: S_t by whole fronts (counting sort by rank, ascending index within a rank).
  const sizes = new Int32Array(maxRank + 2);
  for (let i = 0; i < n; i++) sizes[ranks[i]! + 1]!++;
  for (let r = 1; r < sizes.length; r++) sizes[r] = sizes[r]! + sizes[r - 1]!; // sizes[r] = start of rank r
  const byRank = new Int32Array(n);
  const fill = sizes.slice();
  for (let i = 0; i < n; i++) byRank[fill[ranks[i]!]!++] = i;
  let last = 0; // F_l is byRank[sizes[last] .. sizes[last + 1])
  while (sizes[last + 1]! < nSelect) last++;
  const lastStart = sizes[last]!;
  const lastEnd = sizes[last + 1]!;
  const nSt = lastEnd;

  // Step 2: normalization with the first front.
  const front0 = byRank.subarray(0, sizes[1]!);
  if (front0.length === 0) throw new RangeError(`${where}: ranks must contain rank 0`);
  const normalization = nsga3Normalization(points, m, front0, memory);
  const { ideal, nadir } = normalization;

  // Step 3: association of S_t.
  const niche = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Number.NaN);
  const scaled = new Float64Array(m);
  for (let t = 0; t < nSt; t++) {
    const i = byRank[t]!;
    for (let k = 0; k < m; k++) scaled[k] = (points[i * m + k]! - ideal[k]!) / (nadir[k]! - ideal[k]!);
    let best = 0;
    let bestD2 = Number.POSITIVE_INFINITY;
    for (let j = 0; j < h; j++) {
      let dot = 0;
      for (let k = 0; k < m; k++) dot += scaled[k]! * unit[j * m + k]!;
      // ‖f̃ − (f̃·u)u‖² summed term by term: ‖f̃‖² − (f̃·u)² loses all digits on the line.
      let d2 = 0;
      for (let k = 0; k < m; k++) {
        const r = scaled[k]! - dot * unit[j * m + k]!;
        d2 += r * r;
      }
      if (d2 < bestD2) {
        bestD2 = d2;
        best = j;
      }
    }
    niche[i] = best;
    distance[i] = Math.sqrt(bestD2);
  }

  const indices = new Int32Array(nSelect);
  const result = (): Nsga3Selection => ({
    indices,
    niche,
    distance,
    normalization,
    memory: normalization.memory,
  });
  if (nSt === nSelect) {
    indices.set(byRank.subarray(0, nSelect));
    return result();
  }

  // Step 4: niche counts of S_t ∖ F_l.
  indices.set(byRank.subarray(0, lastStart));
  const rho = new Int32Array(h);
  for (let t = 0; t < lastStart; t++) rho[niche[byRank[t]!]!]!++;

  // Members of F_l per direction, as index lists (ascending point index).
  const memberCount = new Int32Array(h);
  for (let t = lastStart; t < lastEnd; t++) memberCount[niche[byRank[t]!]!]!++;
  const memberStart = new Int32Array(h + 1);
  for (let j = 0; j < h; j++) memberStart[j + 1] = memberStart[j]! + memberCount[j]!;
  const members = new Int32Array(lastEnd - lastStart);
  const put = memberStart.slice(0, h);
  for (let t = lastStart; t < lastEnd; t++) {
    const i = byRank[t]!;
    members[put[niche[i]!]!++] = i;
  }
  const left = memberCount.slice(); // unchosen members of F_l per direction
  const taken = new Uint8Array(n);

  // Step 5: niching.
  const ties = new Int32Array(h);
  let count = lastStart;
  while (count < nSelect) {
    let minRho = Number.POSITIVE_INFINITY;
    let nTies = 0;
    for (let j = 0; j < h; j++) {
      if (left[j]! === 0) continue;
      const r = rho[j]!;
      if (r < minRho) {
        minRho = r;
        nTies = 0;
      }
      if (r === minRho) ties[nTies++] = j;
    }
    const j = ties[nTies === 1 ? 0 : rng.int(0, nTies - 1)]!;
    let chosen = -1;
    if (rho[j] === 0) {
      let bestD = Number.POSITIVE_INFINITY;
      for (let q = memberStart[j]!; q < memberStart[j + 1]!; q++) {
        const i = members[q]!;
        if (!taken[i] && distance[i]! < bestD) {
          bestD = distance[i]!;
          chosen = i;
        }
      }
    } else {
      let pick = left[j]! === 1 ? 0 : rng.int(0, left[j]! - 1);
      for (let q = memberStart[j]!; q < memberStart[j + 1]!; q++) {
        const i = members[q]!;
        if (taken[i]) continue;
        if (pick-- === 0) {
          chosen = i;
          break;
        }
      }
    }
    taken[chosen] = 1;
    left[j]!--;
    rho[j]!++;
    indices[count++] = chosen;
  }
  return result();
}
