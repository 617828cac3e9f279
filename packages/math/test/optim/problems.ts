/**
 * Test problems with gradients, as ObjectiveWithGradient. The same definitions are written in
 * Python in fixtures/optim/scipy_lbfgsb.py; keep the two in step.
 */
import type { ObjectiveWithGradient } from "../../src/optim/index.js";

/** Rosenbrock in n dimensions: Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²; minimum 0 at (1, …, 1). */
export function rosenbrock(x: Float64Array, g: Float64Array): number {
  const n = x.length;
  let f = 0;
  g.fill(0);
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i]!;
    const a = x[i + 1]! - xi * xi;
    const b = 1 - xi;
    f += 100 * a * a + b * b;
    g[i] = g[i]! - 400 * xi * a - 2 * b;
    g[i + 1] = g[i + 1]! + 200 * a;
  }
  return f;
}

/** Beale: minimum 0 at (3, 0.5). */
export function beale(x: Float64Array, g: Float64Array): number {
  const u = x[0]!;
  const v = x[1]!;
  const t1 = 1.5 - u + u * v;
  const t2 = 2.25 - u + u * v * v;
  const t3 = 2.625 - u + u * v * v * v;
  g[0] = 2 * t1 * (v - 1) + 2 * t2 * (v * v - 1) + 2 * t3 * (v * v * v - 1);
  g[1] = 2 * t1 * u + 2 * t2 * 2 * u * v + 2 * t3 * 3 * u * v * v;
  return t1 * t1 + t2 * t2 + t3 * t3;
}

/** Booth: (x + 2y − 7)² + (2x + y − 5)²; minimum 0 at (1, 3). */
export function booth(x: Float64Array, g: Float64Array): number {
  const a = x[0]! + 2 * x[1]! - 7;
  const b = 2 * x[0]! + x[1]! - 5;
  g[0] = 2 * a + 4 * b;
  g[1] = 4 * a + 2 * b;
  return a * a + b * b;
}

/** ½xᵀAx − bᵀx for a symmetric n×n A (row-major). */
export function quadratic(a: Float64Array, b: Float64Array): ObjectiveWithGradient {
  const n = b.length;
  return (x, g) => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
      g[i] = s - b[i]!;
      f += x[i]! * (0.5 * s - b[i]!);
    }
    return f;
  };
}

/** Counts calls of an objective. */
export function counted(fun: ObjectiveWithGradient): { fun: ObjectiveWithGradient; calls: () => number } {
  let calls = 0;
  return {
    fun: (x, g) => {
      calls++;
      return fun(x, g);
    },
    calls: () => calls,
  };
}
