/**
 * minimizeLbfgsb against SciPy 1.10.1's `scipy.optimize.minimize(method="L-BFGS-B")` on the
 * problems of fixtures/optim/scipy_lbfgsb.py (same defaults: memory 10, pgtol 1e-5,
 * ftol 2.22e-9, 20 line-search steps). The final x and f are compared, not the iteration
 * counts. Two levels:
 * - the same solution, to what the stopping tests allow (any correct L-BFGS-B passes);
 * - the same run: on these problems our iterates follow SciPy's to rounding (the same
 *   Cauchy point, subspace step, line-search rules and first steps), so the final points
 *   agree to 1e-8. A change that alters the path (a different first trial, line-search rule
 *   or safeguard) fails this one alone; say so in the commit if it is intended.
 */
import { describe, expect, it } from "vitest";
import { minimizeLbfgsb, type ObjectiveWithGradient } from "../../src/optim/index.js";
import ref from "../fixtures/optim/scipy_lbfgsb.json" with { type: "json" };
import { beale, booth, quadratic, rosenbrock } from "./problems.js";

type Problem = (typeof ref.problems)[number];

function logsumexpRidge(c: number[][], d: number[]): ObjectiveWithGradient {
  const z = new Float64Array(d.length);
  return (x, g) => {
    let zMax = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < d.length; j++) {
      let s = d[j]!;
      for (let i = 0; i < x.length; i++) s += c[j]![i]! * x[i]!;
      z[j] = s;
      if (s > zMax) zMax = s;
    }
    let sum = 0;
    for (let j = 0; j < d.length; j++) {
      z[j] = Math.exp(z[j]! - zMax);
      sum += z[j]!;
    }
    let f = zMax + Math.log(sum);
    for (let i = 0; i < x.length; i++) {
      let gi = x[i]!;
      for (let j = 0; j < d.length; j++) gi += (c[j]![i]! * z[j]!) / sum;
      g[i] = gi;
      f += 0.5 * x[i]! * x[i]!;
    }
    return f;
  };
}

function objective(p: Problem): ObjectiveWithGradient {
  const params = (p as { params?: { A?: number[][]; b?: number[]; C?: number[][]; d?: number[] } }).params;
  switch (p.kind) {
    case "rosenbrock":
      return rosenbrock;
    case "beale":
      return beale;
    case "booth":
      return booth;
    case "quadratic":
      return quadratic(Float64Array.from(params!.A!.flat()), Float64Array.from(params!.b!));
    case "logsumexp":
      return logsumexpRidge(params!.C!, params!.d!);
    case "corner": {
      const c = [5, 6, 7, 8, 9];
      return (x, g) => {
        let s = 0;
        for (let i = 0; i < 5; i++) s += x[i]!;
        let f = 0.1 * s * s;
        for (let i = 0; i < 5; i++) {
          f += (x[i]! - c[i]!) ** 2;
          g[i] = 2 * (x[i]! - c[i]!) + 0.2 * s;
        }
        return f;
      };
    }
    case "mixed": {
      const c = [3, -4, 1];
      return (x, g) => {
        let f = 0;
        for (let i = 0; i < 3; i++) {
          f += (x[i]! - c[i]!) ** 2;
          g[i] = 2 * (x[i]! - c[i]!);
        }
        return f;
      };
    }
    default:
      throw new Error(`unknown problem kind ${p.kind}`);
  }
}

describe("minimizeLbfgsb against SciPy's L-BFGS-B (fixtures/optim/scipy_lbfgsb.py)", () => {
  it("the fixture is SciPy 1.10.1's", () => {
    expect(ref.scipy_version).toBe("1.10.1");
    expect(ref.problems.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ref.problems.map((p) => [p.name, p] as const))("%s: the same final x and f", (_name, p) => {
    const lower = Float64Array.from(p.lower, (v) => v ?? Number.NEGATIVE_INFINITY);
    const upper = Float64Array.from(p.upper, (v) => v ?? Number.POSITIVE_INFINITY);
    const r = minimizeLbfgsb(objective(p), Float64Array.from(p.x0), { lower, upper, maxIterations: 15000 });
    expect(p.result.success).toBe(true);
    expect(r.converged).toBe(true);
    // f: both at a stationary point; the difference is at the level the stopping tests leave.
    expect(Math.abs(r.f - p.result.fun)).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(p.result.fun)));
    for (let i = 0; i < r.x.length; i++) {
      const s = p.result.x[i]!;
      // Exactly equal where SciPy's point is on a bound; within 2e-4 elsewhere (Rosenbrock's
      // valley is flat along (1, 1, …): f within 1e-9 allows x to move ~1e-4 along it).
      if (s === p.lower[i] || s === p.upper[i]) expect(r.x[i], `x[${i}] on its bound`).toBe(s);
      else expect(Math.abs(r.x[i]! - s), `x[${i}]`).toBeLessThanOrEqual(2e-4);
    }
  });

  it.each(ref.problems.map((p) => [p.name, p] as const))("%s: the same run (x to 1e-8)", (_name, p) => {
    const lower = Float64Array.from(p.lower, (v) => v ?? Number.NEGATIVE_INFINITY);
    const upper = Float64Array.from(p.upper, (v) => v ?? Number.POSITIVE_INFINITY);
    const r = minimizeLbfgsb(objective(p), Float64Array.from(p.x0), { lower, upper, maxIterations: 15000 });
    for (let i = 0; i < r.x.length; i++)
      expect(Math.abs(r.x[i]! - p.result.x[i]!), `x[${i}]`).toBeLessThanOrEqual(1e-8);
    expect(Math.abs(r.f - p.result.fun)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(p.result.fun)));
  });
});
