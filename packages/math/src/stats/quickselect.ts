/**
 * Selection of the k-th smallest value in place, in expected O(n) comparisons: Floyd &
 * Rivest (1975), "Algorithm 489: The algorithm SELECT — for finding the ith smallest of n
 * elements", Communications of the ACM 18(3), p. 173.
 *
 * Notation: a[left..right] the range searched, k the wanted position (left ≤ k ≤ right), t the
 * pivot. On ranges longer than 600 the pivot is first moved to k by selecting within a sample
 * of s ≈ ½ n^{2/3} values around k's expected position (the paper's recursion), so that one
 * partition step almost always leaves k inside a short range; shorter ranges partition
 * directly around a[k].
 */

/** Ranges longer than this first select inside a sample (Floyd & Rivest's cut-off). */
const SAMPLE_ABOVE = 600;

/**
 * Rearranges `a[left..right]` so that `a[k]` holds the value it would hold if that range were
 * sorted ascending, every value before it (down to `left`) is ≤ it and every value after it
 * (up to `right`) is ≥ it; returns that value. The rest of `a` is untouched.
 *
 * NaN is not allowed (it compares false both ways; callers drop it first). -0 and 0 are equal,
 * so which of them lands at k is unspecified.
 *
 * @param a - the values, reordered in place.
 * @param k - the wanted position, an integer in [left, right].
 * @param left - first index of the range. @defaultValue 0
 * @param right - last index of the range. @defaultValue a.length - 1
 * @throws RangeError if the range is not inside `a` or k is not an integer inside it.
 * @example
 * ```ts
 * const a = Float64Array.of(5, 1, 4, 2, 3);
 * quickselect(a, 2); // 3, and a[0..1] ≤ 3 ≤ a[3..4]
 * ```
 */
export function quickselect(a: Float64Array, k: number, left = 0, right: number = a.length - 1): number {
  if (!Number.isInteger(left) || !Number.isInteger(right) || left < 0 || right >= a.length) {
    throw new RangeError(
      `quickselect: left and right must be integers in [0, ${a.length - 1}], got ${left} and ${right}`,
    );
  }
  if (!Number.isInteger(k) || k < left || k > right) {
    throw new RangeError(`quickselect: k must be an integer in [${left}, ${right}], got ${k}`);
  }
  selectInPlace(a, k, left, right);
  return a[k]!;
}

function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const n = hi - lo + 1;
    if (n > SAMPLE_ABOVE) {
      // Floyd & Rivest: select k inside the sample [k − i·s/n + δ, k + (n − i)·s/n + δ], where
      // i = k − lo + 1 is k's rank in the range, s = ½ n^{2/3} the sample size and δ a shift
      // of ½ √(ln n · s (n − s) / n) towards the nearer end.
      const i = k - lo + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const shift = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (2 * i < n ? -1 : 1);
      const sampleLo = Math.max(lo, Math.floor(k - (i * s) / n + shift));
      const sampleHi = Math.min(hi, Math.floor(k + ((n - i) * s) / n + shift));
      selectInPlace(a, k, sampleLo, sampleHi);
    }
    // Partition [lo, hi] around t = a[k] (Hoare's scheme with t parked at lo, and a[hi] ≥ t
    // as a sentinel for the left scan).
    const t = a[k]!;
    swap(a, lo, k);
    if (a[hi]! > t) swap(a, lo, hi);
    let i = lo;
    let j = hi;
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    // Put t at its final place j: everything left of j is ≤ t, everything right of it ≥ t.
    if (a[lo] === t) swap(a, lo, j);
    else {
      j++;
      swap(a, j, hi);
    }
    if (j <= k) lo = j + 1;
    if (k <= j) hi = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
