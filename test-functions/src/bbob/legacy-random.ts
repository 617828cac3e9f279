/**
 * The BBOB 2009 instance generator, reimplemented so that our instances are COCO's instances.
 *
 * COCO (numbbo/coco, `suite_bbob_legacy_code.c`) builds every random quantity of the noiseless
 * BBOB functions from one legacy generator: a Park-Miller "minimal standard" LCG
 * (a = 16807, m = 2^31 - 1, Schrage's factorization q = 127773, r = 2836) behind a 32-entry
 * Bays-Durham shuffle table warmed up by 40 steps, Box-Muller normals on top, Gram-Schmidt
 * rotations of normal matrices, and the x_opt / f_opt formulas below. Reproducing it (rather
 * than drawing from our xoshiro `Rng`) makes `bbob(f, d, { instance: i })` the same function
 * as COCO's `bbob_f{f}_i{i}_d{d}`; test/bbob/coco-regression.test.ts checks this against
 * COCO's own regression data.
 *
 * All arithmetic is on integers below 2^31 held in doubles, so it is exact in JavaScript.
 */

/** Schrage's step of the Park-Miller LCG: a·s mod (2^31 - 1) without overflow. */
function lcgStep(seed: number): number {
  const hi = Math.floor(seed / 127773);
  let next = 16807 * (seed - hi * 127773) - 2836 * hi;
  if (next < 0) next += 2147483647;
  return next;
}

/**
 * `n` uniform numbers in (0, 1) from the legacy generator started at `seed` (COCO's
 * `bbob2009_unif`). Exact zeros are replaced by 1e-99 as in COCO.
 * @throws RangeError if `seed` is not an integer of magnitude below 2^31 or `n` is negative.
 */
export function legacyUniform(n: number, seed: number): Float64Array {
  if (!Number.isInteger(seed) || Math.abs(seed) >= 2147483647) {
    throw new RangeError(`legacyUniform: seed must be an integer with |seed| < 2^31 - 1, got ${seed}`);
  }
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`legacyUniform: n must be a non-negative integer, got ${n}`);
  let s = Math.max(1, Math.abs(seed));
  const table = new Float64Array(32);
  for (let i = 39; i >= 0; i--) {
    s = lcgStep(s);
    if (i < 32) table[i] = s;
  }
  let last = table[0]!;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = lcgStep(s);
    const slot = Math.floor(last / 67108865); // 0..31: the high bits of the previous output
    last = table[slot]!;
    table[slot] = s;
    const u = last / 2.147483647e9;
    r[i] = u === 0 ? 1e-99 : u;
  }
  return r;
}

/**
 * `n` standard normal numbers (COCO's `bbob2009_gauss`): Box-Muller on 2n legacy uniforms,
 * g_i = √(-2 ln u_i) cos(2π u_{n+i}); exact zeros become 1e-99.
 */
export function legacyGauss(n: number, seed: number): Float64Array {
  const u = legacyUniform(2 * n, seed);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.sqrt(-2 * Math.log(u[i]!)) * Math.cos(2 * Math.PI * u[n + i]!);
    g[i] = v === 0 ? 1e-99 : v;
  }
  return g;
}

/**
 * A d × d orthogonal matrix (row-major) from `seed` (COCO's `bbob2009_compute_rotation`):
 * B_ij = g_{j·d + i} for d² legacy normals g, then classical Gram-Schmidt over the columns
 * of B, in column order.
 */
export function legacyRotation(seed: number, d: number): Float64Array {
  const g = legacyGauss(d * d, seed);
  const b = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) b[i * d + j] = g[j * d + i]!;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      let prod = 0;
      for (let k = 0; k < d; k++) prod += b[k * d + i]! * b[k * d + j]!;
      for (let k = 0; k < d; k++) b[k * d + i]! -= prod * b[k * d + j]!;
    }
    let norm = 0;
    for (let k = 0; k < d; k++) norm += b[k * d + i]! * b[k * d + i]!;
    norm = Math.sqrt(norm);
    for (let k = 0; k < d; k++) b[k * d + i]! /= norm;
  }
  return b;
}

/**
 * The optimum location x_opt of most BBOB functions (COCO's `bbob2009_compute_xopt`): each
 * coordinate uniform on the grid 8·⌊10⁴u⌋/10⁴ - 4 ⊂ [-4, 4), with 0 replaced by -1e-5.
 */
export function legacyXopt(seed: number, d: number): Float64Array {
  const u = legacyUniform(d, seed);
  const x = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const v = (8 * Math.floor(1e4 * u[i]!)) / 1e4 - 4;
    x[i] = v === 0 ? -1e-5 : v;
  }
  return x;
}

/**
 * The optimal value f_opt of function `fid` on `instance` (COCO's `bbob2009_compute_fopt`):
 * round(100·g₁/g₂)/100 ∈ [-1000, 1000] for two legacy normals seeded by f + 10⁴·instance (with
 * f4 using f3's seed and f18 using f17's, as in COCO).
 */
export function legacyFopt(fid: number, instance: number): number {
  const base = fid === 4 ? 3 : fid === 18 ? 17 : fid;
  const seed = base + 10000 * instance;
  const g1 = legacyGauss(1, seed)[0]!;
  const g2 = legacyGauss(1, seed + 1)[0]!;
  const v = Math.floor((100 * 100 * g1) / g2 + 0.5) / 100;
  return Math.min(1000, Math.max(-1000, v));
}
