/**
 * Sorting orders of point sets. Comparator sorts of index arrays cost about 3× a native
 * numeric sort of a Float64Array at 10,000 values on the project machine, so small orders
 * are built from a native sort of the key, recovering each value's stable position by binary
 * search. From RADIX_MIN values on, a least-significant-digit radix sort of the keys' IEEE-754
 * bits (six 11-bit digits, passes whose digit is constant skipped) is used instead: at
 * 100,000 values the binary searches alone cost more than the native sort (random reads in
 * an 800 kB array), and the radix order took 76 → 9 ms, which made the 2-D hypervolume of
 * 100,000 points 93 → 25 ms (loaded machine; `npm run ts -- benchmarks/micro/pareto-large.ts`).
 */

/** Below this many values the native-sort order is faster (measured, see the header). */
const RADIX_MIN = 2048;
/** Bits per radix digit: 6 passes over 64 bits, 2,048 buckets (measured against 16 bits). */
const RADIX_BITS = 11;
const RADIX_BUCKETS = 1 << RADIX_BITS;

/** Bits offset .. offset + 10 of the 64-bit key (hi:lo). */
function digit(lo: number, hi: number, offset: number): number {
  if (offset + RADIX_BITS <= 32) return (lo >>> offset) & (RADIX_BUCKETS - 1);
  if (offset >= 32) return (hi >>> (offset - 32)) & (RADIX_BUCKETS - 1);
  return ((lo >>> offset) | (hi << (32 - offset))) & (RADIX_BUCKETS - 1);
}

/**
 * Indices sorting `values` ascending, ties in index order (a stable argsort). NaN is not
 * allowed (callers validate); -0 and 0 are equal.
 * @example ascendingOrder(Float64Array.of(3, 1, 3, 2)) // [1, 3, 0, 2]
 */
export function ascendingOrder(values: Float64Array): Int32Array {
  const n = values.length;
  if (n >= RADIX_MIN) return radixOrder(values);
  const sorted = Float64Array.from(values).sort();
  const order = new Int32Array(n);
  const used = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    order[lo + used[lo]!++] = i;
  }
  return order;
}

/**
 * Stable ascending argsort by an LSD radix sort on the bits of the values: each value maps to
 * a 64-bit key that orders like the number (sign bit set: all bits flipped; else the sign bit
 * flipped), -0 counted as 0. Six passes of 11 bits over the (hi, lo) key halves, carried with
 * the indices; a pass whose digit is the same for every value is skipped.
 */
export function radixOrder(values: Float64Array): Int32Array {
  const n = values.length;
  const buf = new Float64Array(1);
  const bits = new Uint32Array(buf.buffer);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const loAt = littleEndian ? 0 : 1;
  const hiAt = 1 - loAt;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    buf[0] = values[i]! + 0; // -0 + 0 = 0
    const h = bits[hiAt]!;
    const l = bits[loAt]!;
    if (h & 0x80000000) {
      hi[i] = ~h >>> 0;
      lo[i] = ~l >>> 0;
    } else {
      hi[i] = (h | 0x80000000) >>> 0;
      lo[i] = l;
    }
    idx[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Int32Array(n);
  const count = new Int32Array(RADIX_BUCKETS);
  for (let offset = 0; offset < 64; offset += RADIX_BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[digit(lo[i]!, hi[i]!, offset)]!++;
    if (count[digit(lo[0]!, hi[0]!, offset)] === n) continue;
    let sum = 0;
    for (let d = 0; d < RADIX_BUCKETS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const pos = count[digit(lo[i]!, hi[i]!, offset)]!++;
      lo2[pos] = lo[i]!;
      hi2[pos] = hi[i]!;
      idx2[pos] = idx[i]!;
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [idx, idx2] = [idx2, idx];
  }
  return idx;
}

/**
 * Indices 0..n-1 of row-major n×m points sorted lexicographically by their objectives, ties
 * by index: a native sort on the first objective, then a comparator sort of each run of equal
 * first objectives by the remaining ones.
 */
export function lexicographicOrder(points: Float64Array, n: number, m: number): Int32Array {
  const first = new Float64Array(n);
  for (let i = 0; i < n; i++) first[i] = points[i * m]!;
  const order = ascendingOrder(first);
  if (m === 1) return order;
  const cmp = (a: number, b: number): number => {
    for (let j = 1; j < m; j++) {
      const x = points[a * m + j]!;
      const y = points[b * m + j]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a - b;
  };
  let start = 0;
  while (start < n) {
    let end = start + 1;
    const v = first[order[start]!];
    while (end < n && first[order[end]!] === v) end++;
    if (end - start > 1) order.subarray(start, end).sort(cmp);
    start = end;
  }
  return order;
}

/** Indices sorting column j of row-major n×m points ascending (stable). */
export function columnOrder(points: Float64Array, n: number, m: number, j: number): Int32Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = points[i * m + j]!;
  return ascendingOrder(col);
}
