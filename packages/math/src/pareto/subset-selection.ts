/**
 * Greedy hypervolume subset selection: choose k of N points, one at a time, each time the
 * point whose addition increases the hypervolume of the chosen set the most (ties to the
 * lowest index). The hypervolume is monotone submodular, so the greedy set has at least
 * (1 - 1/e) of the optimal hypervolume (Nemhauser, Wolsey, Fisher 1978; for this problem
 * Guerreiro, Fonseca, Paquete, "Greedy hypervolume subset selection in low dimensions",
 * Evolutionary Computation 24(3), 2016). Optuna's MOTPE breaks ties in its split this way.
 *
 * Lazy evaluation (Minoux, "Accelerated greedy algorithms for maximizing submodular set
 * functions", 1978): gains only shrink as the chosen set grows, so a stale gain is an upper
 * bound; candidates wait in a max-heap under their last gain and only the top is recomputed
 * until it stays on top. The chosen sequence equals that of the plain greedy algorithm.
 * The gain of q given the chosen set S is exclhv(q, S) = vol([q, r]) - HV(nds(limit(S, q))).
 */
import { hypervolumeOfSet } from "./hypervolume.js";
import { checkPoints, checkReference } from "./validate.js";

/**
 * Greedily selects k points maximizing the hypervolume.
 * @param points - row-major N×m objective values (minimized); +Infinity allowed, NaN and
 *   -Infinity not.
 * @param nObjectives - m ≥ 1.
 * @param k - number of points to select, 0 ≤ k ≤ N.
 * @param reference - m finite values.
 * @returns Int32Array of the k selected indices, in the order they were chosen (points with
 *   zero gain, e.g. dominated ones, come last, by index).
 * @throws RangeError on bad shapes, NaN or -Infinity values, a non-finite reference, or k out
 * of range.
 * @example hypervolumeSubsetSelection(Float64Array.of(1, 3, 2, 2, 3, 1), 2, 1, [4, 4]) // [1]
 */
export function hypervolumeSubsetSelection(
  points: Float64Array,
  nObjectives: number,
  k: number,
  reference: ArrayLike<number>,
): Int32Array {
  const n = checkPoints("hypervolumeSubsetSelection", points, nObjectives, true);
  const ref = checkReference("hypervolumeSubsetSelection", points, nObjectives, reference);
  if (!Number.isSafeInteger(k) || k < 0 || k > n) {
    throw new RangeError(`hypervolumeSubsetSelection: k must be an integer in 0..${n}, got ${k}`);
  }
  const m = nObjectives;
  const selected = new Int32Array(k);
  if (k === 0) return selected;
  // Heap entries: gain (upper bound when stale), index, round of computation.
  const gain = new Float64Array(n);
  const round = new Int32Array(n);
  for (let i = 0; i < n; i++) gain[i] = boxVolume(points, i, m, ref);
  const heap = new MaxHeap(gain);
  for (let i = 0; i < n; i++) heap.push(i);
  const chosen = new Float64Array(k * m);
  const limited = new Float64Array(k * m);
  for (let r = 0; r < k; r++) {
    for (;;) {
      const top = heap.pop();
      if (round[top] === r) {
        selected[r] = top;
        chosen.set(points.subarray(top * m, (top + 1) * m), r * m);
        break;
      }
      gain[top] = exclusiveGain(points, top, m, ref, chosen, r, limited);
      round[top] = r;
      heap.push(top);
    }
  }
  return selected;
}

/** vol([p, r]), 0 unless p strictly dominates r. */
function boxVolume(points: Float64Array, i: number, m: number, ref: Float64Array): number {
  let v = 1;
  for (let j = 0; j < m; j++) {
    const d = ref[j]! - points[i * m + j]!;
    if (!(d > 0)) return 0;
    v *= d;
  }
  return v;
}

/** exclhv(q, S) for the first `count` chosen points S. */
function exclusiveGain(
  points: Float64Array,
  q: number,
  m: number,
  ref: Float64Array,
  chosen: Float64Array,
  count: number,
  limited: Float64Array,
): number {
  const box = boxVolume(points, q, m, ref);
  if (box === 0) return 0;
  for (let s = 0; s < count; s++) {
    for (let j = 0; j < m; j++) {
      const a = chosen[s * m + j]!;
      const b = points[q * m + j]!;
      limited[s * m + j] = a > b ? a : b;
    }
  }
  // Chosen points outside the reference limit to points outside it too: drop those.
  let inside = 0;
  for (let s = 0; s < count; s++) {
    let ok = true;
    for (let j = 0; j < m; j++) if (!(limited[s * m + j]! < ref[j]!)) ok = false;
    if (ok) {
      if (inside !== s) limited.copyWithin(inside * m, s * m, (s + 1) * m);
      inside++;
    }
  }
  const covered = hypervolumeOfSet(limited.subarray(0, inside * m), m, ref);
  const g = box - covered;
  return g > 0 ? g : 0;
}

/** A binary max-heap of indices ordered by key (larger first), ties by smaller index. */
class MaxHeap {
  private readonly items: number[] = [];
  constructor(private readonly key: Float64Array) {}

  private above(a: number, b: number): boolean {
    const ka = this.key[a]!;
    const kb = this.key[b]!;
    return ka > kb || (ka === kb && a < b);
  }

  push(i: number): void {
    const h = this.items;
    h.push(i);
    let c = h.length - 1;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!this.above(h[c]!, h[p]!)) break;
      [h[c], h[p]] = [h[p]!, h[c]!];
      c = p;
    }
  }

  pop(): number {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        const r = l + 1;
        let best = p;
        if (l < h.length && this.above(h[l]!, h[best]!)) best = l;
        if (r < h.length && this.above(h[r]!, h[best]!)) best = r;
        if (best === p) break;
        [h[p], h[best]] = [h[best]!, h[p]!];
        p = best;
      }
    }
    return top;
  }
}
