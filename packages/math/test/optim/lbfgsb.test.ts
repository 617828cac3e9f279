import { describe, expect, it } from "vitest";
import {
  type LbfgsbOptions,
  minimizeLbfgsb,
  type ObjectiveWithGradient,
  projectedGradientNorm,
} from "../../src/optim/index.js";
import { beale, booth, counted, quadratic, rosenbrock } from "./problems.js";

const inf = Number.POSITIVE_INFINITY;

function expectClose(actual: Float64Array, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++)
    expect(Math.abs(actual[i]! - expected[i]!), `x[${i}]`).toBeLessThanOrEqual(tol);
}

/** The projected-gradient norm at the result, recomputed from the result's own fields. */
function kkt(r: { x: Float64Array; gradient: Float64Array }, o: LbfgsbOptions): number {
  const n = r.x.length;
  return projectedGradientNorm(
    r.x,
    r.gradient,
    o.lower ?? new Float64Array(n).fill(-inf),
    o.upper ?? new Float64Array(n).fill(inf),
  );
}

describe("minimizeLbfgsb: standard problems", () => {
  it("Rosenbrock 2-D from (−1.2, 1), no bounds: (1, 1)", () => {
    const r = minimizeLbfgsb(rosenbrock, Float64Array.of(-1.2, 1));
    expect(r.converged).toBe(true);
    expectClose(r.x, [1, 1], 1e-4);
    expect(r.f).toBeLessThan(1e-9);
    expect(r.evaluations).toBeLessThan(100);
  });

  it("Rosenbrock 10-D from −1.2 everywhere, no bounds: all ones", () => {
    const r = minimizeLbfgsb(rosenbrock, new Float64Array(10).fill(-1.2));
    expect(r.converged).toBe(true);
    expectClose(r.x, new Array(10).fill(1), 1e-4);
    expect(r.f).toBeLessThan(1e-8);
  });

  it("Rosenbrock 10-D with the box [−2, 2] (inactive at the solution)", () => {
    const o = { lower: new Float64Array(10).fill(-2), upper: new Float64Array(10).fill(2) };
    const r = minimizeLbfgsb(rosenbrock, new Float64Array(10).fill(-1.2), o);
    expect(r.converged).toBe(true);
    expectClose(r.x, new Array(10).fill(1), 1e-4);
  });

  it("Rosenbrock 2-D with x₁ ≥ 1.5 (active): the constrained minimizer (√1.5-branch or the local one)", () => {
    const o = { lower: Float64Array.of(-2, 1.5), upper: Float64Array.of(2, 3) };
    // From (1, 2) the run goes to x = (√1.5 − ε, 1.5): minimize 100(1.5 − x²)² + (1 − x)² over x.
    const r = minimizeLbfgsb(rosenbrock, Float64Array.of(1, 2), o);
    expect(r.converged).toBe(true);
    expect(r.x[1]).toBe(1.5);
    // Stationarity in x₀: −400x(1.5 − x²) − 2(1 − x) = 0 at x = 1.224370…, just below √1.5.
    expect(Math.abs(-400 * r.x[0]! * (1.5 - r.x[0]! ** 2) - 2 * (1 - r.x[0]!))).toBeLessThan(1e-4);
    expect(r.x[0]).toBeCloseTo(1.22437, 5);
    expect(r.gradient[1]).toBeGreaterThan(0); // the bound holds x₁ up
    expect(kkt(r, o)).toBeLessThanOrEqual(1e-5);
  });

  it("Rosenbrock 10-D with upper bounds 0.5 on the even coordinates (active)", () => {
    const upper = new Float64Array(10).fill(inf);
    for (let i = 0; i < 10; i += 2) upper[i] = 0.5;
    const o = { upper, lower: new Float64Array(10).fill(-inf) };
    const r = minimizeLbfgsb(rosenbrock, new Float64Array(10).fill(0), { ...o, ftol: 0, pgtol: 1e-8 });
    expect(r).toMatchObject({ converged: true, status: "pgtol" });
    expect(kkt(r, o)).toBeLessThanOrEqual(1e-8);
    for (let i = 0; i < 10; i += 2) {
      expect(r.x[i]).toBeLessThanOrEqual(0.5);
      if (r.x[i] === 0.5) expect(r.gradient[i]).toBeLessThanOrEqual(0);
    }
    expect(r.f).toBeGreaterThan(0.5); // the unconstrained minimum is cut off
  });

  it("Beale from (1, 1) in [−4.5, 4.5]²: (3, 0.5)", () => {
    const r = minimizeLbfgsb(beale, Float64Array.of(1, 1), {
      lower: Float64Array.of(-4.5, -4.5),
      upper: Float64Array.of(4.5, 4.5),
    });
    expect(r.converged).toBe(true);
    expectClose(r.x, [3, 0.5], 1e-4);
    expect(r.f).toBeLessThan(1e-10);
  });

  it("Beale with v ≤ 0.4 (active): the minimizer sits on the bound", () => {
    const o = { lower: Float64Array.of(-4.5, -4.5), upper: Float64Array.of(4.5, 0.4) };
    const r = minimizeLbfgsb(beale, Float64Array.of(1, 0), o);
    expect(r.x[1]).toBe(0.4);
    expect(r.gradient[1]).toBeLessThan(0);
    expect(Math.abs(r.gradient[0]!)).toBeLessThan(1e-5);
  });

  it("Booth from (0, 0) in [−10, 10]²: (1, 3); and in [−10, 10] × [−10, 2]: on y = 2", () => {
    const r = minimizeLbfgsb(booth, Float64Array.of(0, 0), {
      lower: Float64Array.of(-10, -10),
      upper: Float64Array.of(10, 10),
    });
    expectClose(r.x, [1, 3], 1e-6);
    // With y = 2: minimize (x − 3)² + (2x − 3)² → x = 9/5.
    const o = { lower: Float64Array.of(-10, -10), upper: Float64Array.of(10, 2) };
    const c = minimizeLbfgsb(booth, Float64Array.of(0, 0), o);
    expectClose(c.x, [9 / 5, 2], 1e-6);
    expect(c.f).toBeCloseTo((9 / 5 - 3) ** 2 + (18 / 5 - 3) ** 2, 10);
  });

  it("a quadratic whose solution sits on a bound in some coordinates", () => {
    // A = diag(1, 2, 3, 4) plus a coupling, b chosen so the free minimizer leaves the box in 0 and 2.
    const a = Float64Array.of(2, 0.5, 0, 0, 0.5, 2, 0.5, 0, 0, 0.5, 2, 0.5, 0, 0, 0.5, 2);
    const b = Float64Array.of(10, 0, -10, 1);
    const o = { lower: new Float64Array(4).fill(-1), upper: new Float64Array(4).fill(1) };
    const r = minimizeLbfgsb(quadratic(a, b), new Float64Array(4), { ...o, pgtol: 1e-10 });
    expect(r.x[0]).toBe(1);
    expect(r.x[2]).toBe(-1);
    // Free coordinates 1 and 3 solve A_FF x_F = b_F − A_FB x_B: 2x₁ + 0 = 0 − (0.5·1 + 0.5·(−1)), 2x₃ = 1 − 0.5·(−1).
    // Row 1: 0.5x₀ + 2x₁ + 0.5x₂ = 0 → x₁ = 0; row 3: 0.5x₂ + 2x₃ = 1 → x₃ = 0.75.
    expectClose(r.x, [1, 0, -1, 0.75], 1e-8);
    expect(r.gradient[0]).toBeLessThan(0);
    expect(r.gradient[2]).toBeGreaterThan(0);
  });

  it("the unconstrained minimum outside the box in every coordinate: a corner", () => {
    // f = Σ (x_i − c_i)² + 0.1(Σ x_i)², minimum far outside [0, 1]⁵ on the upper side.
    const n = 5;
    const c = Float64Array.of(5, 6, 7, 8, 9);
    const fun: ObjectiveWithGradient = (x, g) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i]!;
      let f = 0.1 * sum * sum;
      for (let i = 0; i < n; i++) {
        f += (x[i]! - c[i]!) ** 2;
        g[i] = 2 * (x[i]! - c[i]!) + 0.2 * sum;
      }
      return f;
    };
    const o = { lower: new Float64Array(n), upper: new Float64Array(n).fill(1) };
    const r = minimizeLbfgsb(fun, Float64Array.of(0.5, 0.2, 0.9, 0, 0.3), o);
    expect(Array.from(r.x)).toEqual([1, 1, 1, 1, 1]);
    expect(r.converged).toBe(true);
    expect(kkt(r, o)).toBe(0);
    for (let i = 0; i < n; i++) expect(r.gradient[i]).toBeLessThan(0);
  });

  it("mixes bounded and unbounded dimensions (±Infinity)", () => {
    // f = (x₀ − 3)² + (x₁ + 4)² + (x₂ − 1)²; x₀ ≤ 2, x₁ ≥ −1, x₂ free.
    const fun: ObjectiveWithGradient = (x, g) => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 2 * (x[1]! + 4);
      g[2] = 2 * (x[2]! - 1);
      return (x[0]! - 3) ** 2 + (x[1]! + 4) ** 2 + (x[2]! - 1) ** 2;
    };
    const o = { lower: Float64Array.of(-inf, -1, -inf), upper: Float64Array.of(2, inf, inf) };
    const r = minimizeLbfgsb(fun, Float64Array.of(-50, 40, 100), o);
    expectClose(r.x, [2, -1, 1], 1e-7);
  });
});

describe("minimizeLbfgsb: starts, limits and options", () => {
  const sphere: ObjectiveWithGradient = (x, g) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      f += (x[i]! - 0.25) ** 2;
      g[i] = 2 * (x[i]! - 0.25);
    }
    return f;
  };

  it("projects x0 into the box and does not modify it", () => {
    const x0 = Float64Array.of(-5, 7);
    const seen: number[][] = [];
    const r = minimizeLbfgsb(
      (x, g) => {
        seen.push(Array.from(x));
        return sphere(x, g);
      },
      x0,
      { lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 1) },
    );
    expect(seen[0]).toEqual([0, 1]);
    expect(Array.from(x0)).toEqual([-5, 7]);
    expectClose(r.x, [0.25, 0.25], 1e-7);
  });

  it("accepts an infinite x0 coordinate that a finite bound makes finite", () => {
    const r = minimizeLbfgsb(sphere, Float64Array.of(inf), { upper: Float64Array.of(3) });
    expectClose(r.x, [0.25], 1e-7);
  });

  it("a start at the minimizer: zero iterations, one evaluation", () => {
    const r = minimizeLbfgsb(sphere, Float64Array.of(0.25, 0.25));
    expect(r).toMatchObject({ iterations: 0, evaluations: 1, converged: true, status: "pgtol", f: 0 });
  });

  it("keeps variables with lower = upper fixed", () => {
    const o = { lower: Float64Array.of(0.9, -inf), upper: Float64Array.of(0.9, inf) };
    const r = minimizeLbfgsb(rosenbrock, Float64Array.of(0, 0), o);
    expect(r.x[0]).toBe(0.9);
    expect(r.x[1]).toBeCloseTo(0.81, 6);
  });

  it("never exceeds maxEvaluations, and says so", () => {
    for (const maxEvaluations of [1, 2, 5, 17]) {
      const c = counted(rosenbrock);
      const r = minimizeLbfgsb(c.fun, Float64Array.of(-1.2, 1), { maxEvaluations });
      expect(c.calls()).toBeLessThanOrEqual(maxEvaluations);
      expect(r.evaluations).toBe(c.calls());
      expect(r).toMatchObject({ converged: false, status: "max-evaluations" });
      expect(r.message).toContain("maxEvaluations");
    }
  });

  it("stops after maxIterations with the last iterate (f never increases)", () => {
    const values: number[] = [];
    for (const maxIterations of [0, 1, 3, 10]) {
      const r = minimizeLbfgsb(rosenbrock, Float64Array.of(-1.2, 1), { maxIterations });
      expect(r).toMatchObject({ iterations: maxIterations, converged: false, status: "max-iterations" });
      const g = new Float64Array(2);
      expect(rosenbrock(r.x, g)).toBe(r.f);
      expect(Array.from(g)).toEqual(Array.from(r.gradient));
      values.push(r.f);
    }
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  });

  it("pgtol and ftol end the run with their own status", () => {
    const loose = minimizeLbfgsb(rosenbrock, Float64Array.of(-1.2, 1), { pgtol: 1, ftol: 0 });
    expect(loose).toMatchObject({ status: "pgtol", converged: true });
    expect(loose.projectedGradientNorm).toBeLessThanOrEqual(1);
    const byF = minimizeLbfgsb(rosenbrock, Float64Array.of(-1.2, 1), { pgtol: 0, ftol: 1e-3 });
    expect(byF).toMatchObject({ status: "ftol", converged: true });
    // Tighter tolerances go further.
    const tight = minimizeLbfgsb(rosenbrock, Float64Array.of(-1.2, 1), {
      pgtol: 1e-10,
      ftol: 0,
      maxIterations: 500,
    });
    expect(tight.f).toBeLessThan(byF.f);
    expect(tight.projectedGradientNorm! <= 1e-10 || tight.status === "line-search").toBe(true);
  });

  it("works with memory 1 and with a large memory", () => {
    for (const memory of [1, 3, 50]) {
      const r = minimizeLbfgsb(rosenbrock, new Float64Array(6).fill(-1), { memory, maxIterations: 2000 });
      expect(r.converged).toBe(true);
      expectClose(r.x, new Array(6).fill(1), 1e-3);
    }
  });

  it("is deterministic: the same run twice gives the same bits", () => {
    const a = minimizeLbfgsb(beale, Float64Array.of(1, 1));
    const b = minimizeLbfgsb(beale, Float64Array.of(1, 1));
    expect(b).toEqual(a);
  });

  it("ends with status line-search when the gradient contradicts f", () => {
    // f increases along −g everywhere: the gradient has the wrong sign.
    const r = minimizeLbfgsb((x, g) => {
      g[0] = -2 * x[0]!;
      return x[0]! ** 2;
    }, Float64Array.of(1));
    expect(r).toMatchObject({ converged: false, status: "line-search", iterations: 0 });
    expect(r.x[0]).toBe(1);
    expect(r.evaluations).toBeLessThanOrEqual(21);
  });
});

describe("minimizeLbfgsb: non-finite values at trial points", () => {
  it("shrinks the step where f is NaN (f = x − log x, defined for x > 0)", () => {
    let nonFinite = 0;
    const fun: ObjectiveWithGradient = (x, g) => {
      const v = x[0]!;
      if (v <= 0) nonFinite++;
      g[0] = 1 - 1 / v;
      return v - Math.log(v); // NaN for v < 0, +Infinity at 0
    };
    // From x = 10 the gradient is 0.9: the first unit-length step goes to x = 9, later
    // quasi-Newton steps overshoot below 0.
    const r = minimizeLbfgsb(fun, Float64Array.of(10));
    expect(nonFinite).toBeGreaterThan(0);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
  });

  it("shrinks the step where only the gradient is not finite", () => {
    // f = v⁴/4 − v (minimum at 1), its gradient NaN beyond 1.3: the line search's
    // extrapolation from −2 and a quasi-Newton step both land there.
    let nanCalls = 0;
    const fun: ObjectiveWithGradient = (x, g) => {
      const v = x[0]!;
      if (v > 1.3) nanCalls++;
      g[0] = v > 1.3 ? Number.NaN : v ** 3 - 1;
      return v ** 4 / 4 - v;
    };
    const r = minimizeLbfgsb(fun, Float64Array.of(-2));
    expect(nanCalls).toBeGreaterThan(0);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.evaluations).toBeLessThan(40);
  });

  it("a non-finite start is a clear error", () => {
    expect(() => minimizeLbfgsb(() => Number.NaN, Float64Array.of(1))).toThrow(
      /^minimizeLbfgsb: f is NaN at the projected start x0; it must be finite there$/,
    );
    expect(() =>
      minimizeLbfgsb(
        (_x, g) => {
          g[0] = 0;
          g[1] = Number.POSITIVE_INFINITY;
          return 0;
        },
        Float64Array.of(1, 2),
      ),
    ).toThrow(/gradient\[1\] is Infinity at the projected start/);
    expect(() => minimizeLbfgsb(() => 0, Float64Array.of(0, -inf))).toThrow(
      /x0\[1\] = -Infinity is not finite/,
    );
  });
});

describe("minimizeLbfgsb: argument errors", () => {
  const f: ObjectiveWithGradient = (x, g) => {
    g.fill(0);
    return x[0]!;
  };
  const x0 = Float64Array.of(0, 0);
  it.each([
    [() => minimizeLbfgsb(null as unknown as ObjectiveWithGradient, x0), TypeError, /fun must be a function/],
    [() => minimizeLbfgsb(f, [0, 0] as unknown as Float64Array), TypeError, /x0 must be a Float64Array/],
    [() => minimizeLbfgsb(f, new Float64Array(0)), RangeError, /x0 must have at least one coordinate/],
    [
      () => minimizeLbfgsb(f, Float64Array.of(0, Number.NaN)),
      RangeError,
      /x0\[1\] must be a number, got NaN/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { lower: Float64Array.of(0) }),
      RangeError,
      /lower must have length 2 \(the dimension\), got 1/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { upper: [1, 1] as unknown as Float64Array }),
      TypeError,
      /upper must be a Float64Array/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { lower: Float64Array.of(0, 2), upper: Float64Array.of(1, 1) }),
      RangeError,
      /lower\[1\] = 2 must be <= upper\[1\] = 1/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { lower: Float64Array.of(0, Number.NaN) }),
      RangeError,
      /lower\[1\] must be a number below \+Infinity, got NaN/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { lower: Float64Array.of(inf, 0) }),
      RangeError,
      /lower\[0\] must be a number below \+Infinity/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { upper: Float64Array.of(0, -inf) }),
      RangeError,
      /upper\[1\] must be a number above -Infinity/,
    ],
    [() => minimizeLbfgsb(f, x0, { memory: 0 }), RangeError, /memory must be an integer >= 1, got 0/],
    [() => minimizeLbfgsb(f, x0, { memory: 2.5 }), RangeError, /memory must be an integer >= 1, got 2.5/],
    [
      () => minimizeLbfgsb(f, x0, { maxIterations: -1 }),
      RangeError,
      /maxIterations must be an integer >= 0, got -1/,
    ],
    [
      () => minimizeLbfgsb(f, x0, { maxEvaluations: 0 }),
      RangeError,
      /maxEvaluations must be an integer >= 1, got 0/,
    ],
    [() => minimizeLbfgsb(f, x0, { pgtol: -1 }), RangeError, /pgtol must be finite and >= 0, got -1/],
    [() => minimizeLbfgsb(f, x0, { ftol: Number.NaN }), RangeError, /ftol must be finite and >= 0, got NaN/],
    [
      () => minimizeLbfgsb(f, x0, { maxLineSearchSteps: 0 }),
      RangeError,
      /maxLineSearchSteps must be an integer >= 1, got 0/,
    ],
  ])("%#: %s", (call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});
