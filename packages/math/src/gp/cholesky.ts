/**
 * Cholesky factorization with jitter escalation, triangular solves (one vector or many
 * right-hand sides at once) and the inverse from the factor, on row-major Float64Arrays.
 *
 * Notation: A [n×n] symmetric positive definite; A = L Lᵀ with L [n×n] lower triangular
 * (row-major, the strict upper triangle left as zeros). The factorization is the row-wise
 * Cholesky–Banachiewicz order (Golub & Van Loan, "Matrix Computations", 4th ed., §4.2.5):
 *   L_ij = (A_ij - Σ_{k<j} L_ik L_jk) / L_jj,  L_ii = √(A_ii - Σ_{k<i} L_ik²),
 * whose inner sums run over two contiguous row prefixes.
 *
 * Typed arrays rather than ml-matrix: `npm run ts -- benchmarks/gp/cholesky.ts` (the figures
 * are in src/gp/README.md) times ml-matrix 6.15.1's CholeskyDecomposition on the same SPD
 * kernel matrices: on the project machine (loaded, two runs) these loops factored 2-5x
 * faster at n = 100, 300, 1000 (n = 300: 5.5-7.3 against 29 ms), inverted 10-35x faster
 * (n = 300: 10-13 against 179-268 ms; ml-matrix solves against the identity) and solved 256
 * right-hand sides 5-12x faster; they also write into a caller's buffers, so a fit
 * allocates its four n×n arrays once.
 *
 * Jitter: when a pivot is not positive (A is PSD only up to rounding, e.g. two identical
 * points and a tiny noise), the factorization is retried on A + εI with ε = 1e-10·mean(diag A),
 * then ×10 per retry, as GPyTorch's psd_safe_cholesky and Rasmussen & Williams §3.4.3
 * suggest; the ε that succeeded is reported.
 */

/** The result of {@link choleskyJitter}. */
export interface CholeskyResult {
  /** L [n×n] row-major lower triangular with L Lᵀ = A + jitter·I. */
  readonly factor: Float64Array;
  /** The ε added to the diagonal (0 when A factored as given). */
  readonly jitter: number;
}

/**
 * Σ_{k<len} a[oa+k]·b[ob+k] with four accumulators: the inner loop of the factorization,
 * the solves and the inverse. Four independent sums let the CPU overlap the multiply-adds;
 * measured against the single-accumulator loop (benchmarks/gp/cholesky.ts, n = 300 / 1000,
 * project machine): the factorization 7.6 → 4.5 ms and 276 → 168 ms.
 */
export function dot4(a: Float64Array, oa: number, b: Float64Array, ob: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[oa + k]! * b[ob + k]!;
    s1 += a[oa + k + 1]! * b[ob + k + 1]!;
    s2 += a[oa + k + 2]! * b[ob + k + 2]!;
    s3 += a[oa + k + 3]! * b[ob + k + 3]!;
  }
  for (; k < len; k++) s0 += a[oa + k]! * b[ob + k]!;
  return s0 + s1 + s2 + s3;
}

/**
 * Factors A + jitter·I into out (row-major lower triangle; the upper set to 0). out must not
 * be a.
 * @returns true on success, false when a pivot was not positive (out is then garbage).
 */
export function choleskyInto(a: Float64Array, n: number, jitter: number, out: Float64Array): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i; j++) {
      const rj = j * n;
      out[ri + j] = (a[ri + j]! - dot4(out, ri, out, rj, j)) / out[rj + j]!;
    }
    const s = a[ri + i]! + jitter - dot4(out, ri, out, ri, i);
    if (!(s > 0)) return false;
    out[ri + i] = Math.sqrt(s);
    for (let j = i + 1; j < n; j++) out[ri + j] = 0;
  }
  return true;
}

/**
 * Cholesky factor of a symmetric positive (semi-)definite matrix, adding jitter to the
 * diagonal when needed (1e-10·mean(diag), ×10 per retry, at most `maxTries` retries).
 * @param a - row-major n×n symmetric matrix (only the lower triangle is read).
 * @param n - the order.
 * @param options.maxTries - retries with growing jitter. @defaultValue 8
 * @param options.out - a buffer of length n² to write the factor into; it must not be a (a is
 *   read again on a retry). @defaultValue a new array
 * @throws RangeError when a has the wrong length, or when no jitter up to 1e-3·mean(diag)
 *   (with the default retries) makes it positive definite.
 * @example choleskyJitter(Float64Array.of(4, 2, 2, 3), 2).factor // [2, 0, 1, √2]
 */
export function choleskyJitter(
  a: Float64Array,
  n: number,
  options: { readonly maxTries?: number; readonly out?: Float64Array } = {},
): CholeskyResult {
  if (!Number.isSafeInteger(n) || n < 0 || a.length !== n * n) {
    throw new RangeError(`choleskyJitter: a must have length n² = ${n * n}, got ${a.length}`);
  }
  const out = options.out ?? new Float64Array(n * n);
  if (choleskyInto(a, n, 0, out)) return { factor: out, jitter: 0 };
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i * n + i]!;
  mean = Math.abs(mean / n);
  if (!(mean > 0 && Number.isFinite(mean))) mean = 1;
  const tries = options.maxTries ?? 8;
  let jitter = 1e-10 * mean;
  for (let t = 0; t < tries; t++, jitter *= 10) {
    if (choleskyInto(a, n, jitter, out)) return { factor: out, jitter };
  }
  throw new RangeError(
    `choleskyJitter: matrix is not positive definite even with jitter ${jitter / 10} on the diagonal (n=${n})`,
  );
}

/** Solves L z = b in place (forward substitution); b has length n. */
export function solveLower(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    b[i] = (b[i]! - dot4(l, ri, b, 0, i)) / l[ri + i]!;
  }
  return b;
}

/** Solves Lᵀ z = b in place (back substitution); b has length n. */
export function solveLowerTransposed(l: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const v = b[i]! / l[i * n + i]!;
    b[i] = v;
    // Column i of Lᵀ is row i of L: subtract v·L_ik from b_k for k < i.
    const ri = i * n;
    for (let k = 0; k < i; k++) b[k] = b[k]! - l[ri + k]! * v;
  }
  return b;
}

/**
 * Solves L Z = B in place for B [n×m] row-major (m right-hand sides at once): row i of Z is
 * (B_i - Σ_{k<i} L_ik Z_k) / L_ii, each step an axpy over a contiguous row of length m.
 */
export function solveLowerMany(l: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const bi = i * m;
    for (let k = 0; k < i; k++) {
      const c = l[ri + k]!;
      if (c === 0) continue;
      const bk = k * m;
      for (let j = 0; j < m; j++) b[bi + j] = b[bi + j]! - c * b[bk + j]!;
    }
    const inv = 1 / l[ri + i]!;
    for (let j = 0; j < m; j++) b[bi + j] = b[bi + j]! * inv;
  }
  return b;
}

/**
 * Solves L z = b in place for each of the m rows b of B [m×n] row-major (m right-hand sides
 * stored one per row). Four rows are solved together so that each row of L is read once per
 * four right-hand sides, and every inner loop is a contiguous dot product. Measured against
 * the column layout (B [n×m], one axpy over m columns per entry of L: `solveLowerMany`) on
 * the posterior of 1024 query points at n = 300, D = 10 (benchmarks/gp/cholesky.ts, project
 * machine): see the README's figures.
 */
export function solveLowerRows(l: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  let r = 0;
  for (; r + 3 < m; r += 4) {
    const o0 = r * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < i; k++) {
        const c = l[ri + k]!;
        s0 += c * b[o0 + k]!;
        s1 += c * b[o1 + k]!;
        s2 += c * b[o2 + k]!;
        s3 += c * b[o3 + k]!;
      }
      const inv = 1 / l[ri + i]!;
      b[o0 + i] = (b[o0 + i]! - s0) * inv;
      b[o1 + i] = (b[o1 + i]! - s1) * inv;
      b[o2 + i] = (b[o2 + i]! - s2) * inv;
      b[o3 + i] = (b[o3 + i]! - s3) * inv;
    }
  }
  for (; r < m; r++) solveLower(l, n, b.subarray(r * n, r * n + n));
  return b;
}

/** Solves Lᵀ z = b in place given U = Lᵀ row-major (upper triangular): contiguous dot products. */
export function solveUpper(u: Float64Array, n: number, b: Float64Array): Float64Array {
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    b[i] = (b[i]! - dot4(u, ri + i + 1, b, i + 1, n - i - 1)) / u[ri + i]!;
  }
  return b;
}

/**
 * A⁻¹ = L⁻ᵀ L⁻¹ from the factor, into out (n×n, both triangles), with scratch (n×n).
 * First U = L⁻ᵀ (upper triangular, row-major): row j of U is column j of L⁻¹, the solution
 * of L z = e_j, z_i = -(Σ_{j≤k<i} L_ik z_k)/L_ii for i > j — a contiguous dot product of a
 * row of L and the row of U being filled. Then A⁻¹_ij = Σ_{k ≥ max(i,j)} U_ik U_jk, dot
 * products of rows of U (in 2×2 blocks). n³/3 multiply-adds, all in dot products: measured
 * against the earlier form (rows of L⁻¹ by axpy, then rank-1 accumulation of A⁻¹) in
 * benchmarks/gp/cholesky.ts on the project machine, n = 300 / 1000: 17.6 → 10.3 ms and
 * 659 → 404 ms.
 * @returns out.
 */
export function choleskyInverse(
  l: Float64Array,
  n: number,
  scratch: Float64Array,
  out: Float64Array,
): Float64Array {
  const u = scratch;
  u.fill(0);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    u[rj + j] = 1 / l[rj + j]!;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      u[rj + i] = -dot4(l, ri + j, u, rj + j, i - j) / l[ri + i]!;
    }
  }
  // A⁻¹ in 2×2 blocks: four sums share the loads of two rows of U from each side (U's zeros
  // below the diagonal make every sum start at the block's first column j). Measured against
  // one dot product per entry (benchmarks/gp/cholesky.ts, project machine): n = 300 / 1000,
  // 10.2 → 8.2 ms and 866 → 621 ms.
  const even = n - (n & 1);
  for (let i = 0; i < even; i += 2) {
    const a0 = i * n;
    const a1 = a0 + n;
    for (let j = i; j < even; j += 2) {
      const b0 = j * n;
      const b1 = b0 + n;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = j; k < n; k++) {
        const x0 = u[a0 + k]!;
        const x1 = u[a1 + k]!;
        const y0 = u[b0 + k]!;
        const y1 = u[b1 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      out[a0 + j] = s00;
      out[b0 + i] = s00;
      out[a0 + j + 1] = s01;
      out[b1 + i] = s01;
      out[a1 + j] = s10;
      out[b0 + i + 1] = s10;
      out[a1 + j + 1] = s11;
      out[b1 + i + 1] = s11;
    }
  }
  if (even < n) {
    const j = even;
    for (let i = 0; i <= j; i++) {
      const v = dot4(u, i * n + j, u, j * n + j, n - j);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}
