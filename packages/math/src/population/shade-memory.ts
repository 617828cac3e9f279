/**
 * SHADE's success-history parameter adaptation (Tanabe & Fukunaga 2013, "Success-History Based
 * Parameter Adaptation for Differential Evolution", IEEE CEC 2013, §III).
 *
 * Notation: a memory of H entries M_CR[1..H], M_F[1..H] (all 0.5 at the start) and an index k.
 * Each trial vector draws r uniform in 1..H and
 *   CR = N(M_CR[r], 0.1) clipped to [0, 1],                       (paper, eq. (6))
 *   F  = Cauchy(M_F[r], 0.1), truncated to 1 when > 1, drawn again when ≤ 0.   (eq. (7))
 * At the end of a generation, S_CR and S_F hold the CR and F of the trial vectors that beat
 * their targets, with Δf_k = |f(u_k) − f(x_k)|; if they are not empty,
 *   M_CR[k] = mean_WA(S_CR) = Σ w_k S_CR,k,                      (eq. (7)-(8): weighted mean)
 *   M_F[k]  = mean_WL(S_F)  = Σ w_k S_F,k² / Σ w_k S_F,k,       (eq. (9): weighted Lehmer mean)
 *   w_k = Δf_k / Σ Δf,                                            (eq. (10))
 * and k advances cyclically (k = 1 again after H).
 */
import type { Rng } from "../random/rng.js";

/** The memory of SHADE: H entries of M_CR and M_F and the index of the next entry to write. */
export interface ShadeMemory {
  /** M_CR[0..H−1]. */
  readonly cr: readonly number[];
  /** M_F[0..H−1]. */
  readonly f: readonly number[];
  /** Index (0-based) of the entry the next update writes. */
  readonly k: number;
}

/** A fresh memory of `size` entries, all 0.5 (the paper's initial value). */
export function initialShadeMemory(size: number): ShadeMemory {
  return { cr: new Array<number>(size).fill(0.5), f: new Array<number>(size).fill(0.5), k: 0 };
}

/**
 * Normalized weights w_k = Δf_k / Σ Δf. Infinite improvements (a target of value +∞, or an
 * improvement that overflows) share all the weight equally; when every Δf is 0 the weights
 * are equal.
 */
export function improvementWeights(delta: readonly number[]): number[] {
  const infinite = delta.filter((d) => !Number.isFinite(d)).length;
  if (infinite > 0) return delta.map((d) => (Number.isFinite(d) ? 0 : 1 / infinite));
  let total = 0;
  for (const d of delta) total += d;
  if (!(total > 0) || !Number.isFinite(total)) return delta.map(() => 1 / delta.length);
  return delta.map((d) => d / total);
}

/** The weighted arithmetic mean Σ w_k s_k (weights summing to 1). */
export function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += weights[i]! * values[i]!;
  return s;
}

/** The weighted Lehmer mean Σ w_k s_k² / Σ w_k s_k (Tanabe & Fukunaga 2013, eq. (9)). */
export function weightedLehmerMean(values: readonly number[], weights: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    num += weights[i]! * values[i]! * values[i]!;
    den += weights[i]! * values[i]!;
  }
  return den > 0 ? num / den : 0;
}

/**
 * The memory after a generation's successes: entry k gets the weighted mean of S_CR and the
 * weighted Lehmer mean of S_F and k advances; unchanged when there were no successes.
 * @param successCr - S_CR; @param successF - S_F; @param delta - Δf of each success (≥ 0).
 */
export function updateShadeMemory(
  memory: ShadeMemory,
  successCr: readonly number[],
  successF: readonly number[],
  delta: readonly number[],
): ShadeMemory {
  if (successCr.length === 0) return memory;
  const w = improvementWeights(delta);
  const cr = [...memory.cr];
  const f = [...memory.f];
  cr[memory.k] = weightedMean(successCr, w);
  f[memory.k] = weightedLehmerMean(successF, w);
  return { cr, f, k: (memory.k + 1) % cr.length };
}

/** Draws CR ~ N(m, 0.1) clipped to [0, 1] (eq. (6)). */
export function sampleCr(rng: Rng, m: number): number {
  const cr = rng.normal(m, 0.1);
  return cr < 0 ? 0 : cr > 1 ? 1 : cr;
}

/**
 * Draws F ~ Cauchy(m, 0.1) by inversion, m + 0.1 tan(π (U − ½)): 1 when the draw exceeds 1,
 * drawn again while it is ≤ 0 (eq. (7)). After 100 draws ≤ 0 (only a memory entry far
 * below 0 makes that likely, and the updates never write one) it returns |m| clipped to
 * (0, 1], so it always ends.
 */
export function sampleF(rng: Rng, m: number): number {
  for (let attempt = 0; attempt < 100; attempt++) {
    const f = m + 0.1 * Math.tan(Math.PI * (rng.random() - 0.5));
    if (f > 0) return f > 1 ? 1 : f;
  }
  return Math.min(1, Math.max(Number.MIN_VALUE, Math.abs(m)));
}
