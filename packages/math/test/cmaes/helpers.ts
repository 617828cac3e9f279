/** Test functions and loops shared by the CMA-ES tests (no dependency on the study API). */
import type { CmaSolution } from "../../src/cmaes/base.js";

/** The optimizers under test share this surface. */
export interface AskTell {
  readonly populationSize: number;
  ask(): Float64Array;
  tell(solutions: readonly CmaSolution[]): void;
}

export type Objective = (x: Float64Array) => number;

export const sphere: Objective = (x) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return s;
};

/** Ellipsoid with condition number 1e6: Σ 10^{6 i/(n−1)} x_i². */
export const ellipsoid: Objective = (x) => {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += 10 ** ((6 * i) / Math.max(1, n - 1)) * x[i]! * x[i]!;
  return s;
};

export const rosenbrock: Objective = (x) => {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! * x[i]!) ** 2 + (1 - x[i]!) ** 2;
  return s;
};

export const rastrigin: Objective = (x) => {
  let s = 10 * x.length;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]! - 10 * Math.cos(2 * Math.PI * x[i]!);
  return s;
};

/** One generation: ask λ candidates, evaluate, tell. Returns the candidates asked. */
export function generation(es: AskTell, f: Objective): Float64Array[] {
  const xs = Array.from({ length: es.populationSize }, () => es.ask());
  es.tell(xs.map((x) => ({ x, value: f(x) })));
  return xs;
}

/**
 * Evaluations until the first candidate with f < target (counting every candidate up to
 * and including that one), or null when maxEvals pass first or `stop()` holds.
 */
export function evalsToTarget(
  es: AskTell & { shouldStop(): boolean },
  f: Objective,
  target: number,
  maxEvals: number,
): number | null {
  let evals = 0;
  while (evals < maxEvals) {
    const sols: CmaSolution[] = [];
    for (let k = 0; k < es.populationSize; k++) {
      const x = es.ask();
      const v = f(x);
      evals++;
      if (v < target) return evals;
      sols.push({ x, value: v });
    }
    es.tell(sols);
    if (es.shouldStop()) return null;
  }
  return null;
}

/** Median with null (failure) counted as +Infinity. */
export function median(a: readonly (number | null)[]): number {
  const b = a.map((v) => v ?? Number.POSITIVE_INFINITY).sort((x, y) => x - y);
  const k = b.length;
  return k % 2 === 1 ? b[(k - 1) / 2]! : (b[k / 2 - 1]! + b[k / 2]!) / 2;
}

/** C = A·Bᵀ-style helpers on row-major n×n arrays. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      for (let j = 0; j < n; j++) out[i * n + j] = out[i * n + j]! + aik * b[k * n + j]!;
    }
  return out;
}

export function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j]!;
  return out;
}

export function matVec(a: Float64Array, x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/** Largest |a_i − b_i| relative to max(1, max|b|). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d / scale;
}
