/**
 * Deb's fast non-dominated sort (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEVC 6(2), 2002, §III-A): every pair is
 * compared once; each point keeps the count of points that dominate it and the list of points
 * it dominates; fronts are peeled by decrementing the counts. O(m·N²) comparisons and up to
 * O(N²) memory for the lists, whatever the data. Kept as the reference algorithm and for the
 * `algorithm: "deb"` option; `nonDominatedRanks` picks it by default only where it wins (see
 * the measurement in non-dominated-sort.ts).
 *
 * The dominated lists are one Int32Array per point grown by doubling (no boxed numbers).
 */

/** Ranks of n points (row-major n×m, validated by the caller) by Deb's fast sort. */
export function debRanks(points: Float64Array, n: number, m: number): Int32Array {
  const count = new Int32Array(n);
  const lists: Int32Array[] = new Array(n);
  const sizes = new Int32Array(n);
  for (let i = 0; i < n; i++) lists[i] = new Int32Array(4);
  const push = (a: number, b: number): void => {
    let list = lists[a]!;
    const s = sizes[a]!;
    if (s === list.length) {
      const grown = new Int32Array(2 * s);
      grown.set(list);
      lists[a] = list = grown;
    }
    list[s] = b;
    sizes[a] = s + 1;
  };
  for (let a = 0; a < n; a++) {
    const oa = a * m;
    for (let b = a + 1; b < n; b++) {
      // One pass decides a ≺ b, b ≺ a or neither.
      const ob = b * m;
      let aBetter = false;
      let bBetter = false;
      for (let j = 0; j < m; j++) {
        const x = points[oa + j]!;
        const y = points[ob + j]!;
        if (x < y) aBetter = true;
        else if (y < x) bBetter = true;
        if (aBetter && bBetter) break;
      }
      if (aBetter && !bBetter) {
        push(a, b);
        count[b]!++;
      } else if (bBetter && !aBetter) {
        push(b, a);
        count[a]!++;
      }
    }
  }
  const ranks = new Int32Array(n);
  let current = new Int32Array(n);
  let next = new Int32Array(n);
  let size = 0;
  for (let i = 0; i < n; i++) if (count[i] === 0) current[size++] = i;
  let rank = 0;
  while (size > 0) {
    let nextSize = 0;
    for (let t = 0; t < size; t++) {
      const a = current[t]!;
      ranks[a] = rank;
      const list = lists[a]!;
      const s = sizes[a]!;
      for (let u = 0; u < s; u++) {
        const b = list[u]!;
        if (--count[b]! === 0) next[nextSize++] = b;
      }
    }
    const swap = current;
    current = next;
    next = swap;
    size = nextSize;
    rank++;
  }
  return ranks;
}
