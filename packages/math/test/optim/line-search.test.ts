import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cubicMinimizer, MoreThuente, SearchState } from "../../src/optim/line-search.js";

type Phi = (a: number) => [number, number];

/**
 * The six test functions of Moré and Thuente (1994), §5 (Table 1's setting: μ and η per
 * function, starts 1e-3, 1e-1, 1e1, 1e3).
 */
const yanai = (b1: number, b2: number): Phi => {
  const gamma = (b: number) => Math.sqrt(1 + b * b) - b;
  const g1 = gamma(b1);
  const g2 = gamma(b2);
  return (a) => {
    const r1 = Math.sqrt((1 - a) ** 2 + b2 * b2);
    const r2 = Math.sqrt(a * a + b1 * b1);
    return [g1 * r1 + g2 * r2, (g1 * (a - 1)) / r1 + (g2 * a) / r2];
  };
};
const functions: { name: string; phi: Phi; mu: number; eta: number }[] = [
  { name: "−α/(α² + 2)", phi: (a) => [-a / (a * a + 2), (a * a - 2) / (a * a + 2) ** 2], mu: 1e-3, eta: 0.1 },
  {
    name: "(α + 0.004)⁵ − 2(α + 0.004)⁴",
    phi: (a) => {
      const b = a + 0.004;
      return [b ** 5 - 2 * b ** 4, 5 * b ** 4 - 8 * b ** 3];
    },
    mu: 0.1,
    eta: 0.1,
  },
  {
    name: "φ₀ + sine wiggle (β = 0.01, l = 39)",
    phi: (a) => {
      const beta = 0.01;
      const l = 39;
      let f0: number;
      let g0: number;
      if (a <= 1 - beta) [f0, g0] = [1 - a, -1];
      else if (a >= 1 + beta) [f0, g0] = [a - 1, 1];
      else [f0, g0] = [(a - 1) ** 2 / (2 * beta) + beta / 2, (a - 1) / beta];
      const w = (l * Math.PI) / 2;
      return [f0 + ((2 * (1 - beta)) / (l * Math.PI)) * Math.sin(w * a), g0 + (1 - beta) * Math.cos(w * a)];
    },
    mu: 0.1,
    eta: 0.1,
  },
  { name: "Yanai–Ozawa–Kaneko (0.001, 0.001)", phi: yanai(0.001, 0.001), mu: 1e-3, eta: 1e-3 },
  { name: "Yanai–Ozawa–Kaneko (0.01, 0.001)", phi: yanai(0.01, 0.001), mu: 1e-3, eta: 1e-3 },
  { name: "Yanai–Ozawa–Kaneko (0.001, 0.01)", phi: yanai(0.001, 0.01), mu: 1e-3, eta: 1e-3 },
];

function search(
  phi: Phi,
  mu: number,
  eta: number,
  a0: number,
  stpMax = 1e10,
): { state: SearchState; a: number; evals: number } {
  const ls = new MoreThuente(mu, eta, 1e-10);
  const [f0, g0] = phi(0);
  ls.start(f0, g0, a0, stpMax);
  for (let evals = 1; evals <= 60; evals++) {
    const a = ls.stp;
    const [f, g] = phi(a);
    const state = ls.next(f, g);
    if (state !== SearchState.Continue) return { state, a, evals };
  }
  return { state: SearchState.Continue, a: Number.NaN, evals: 61 };
}

describe("MoreThuente", () => {
  for (const { name, phi, mu, eta } of functions) {
    it(`meets the strong Wolfe conditions on ${name} from every start`, () => {
      const [f0, g0] = phi(0);
      for (const a0 of [1e-3, 1e-1, 1e1, 1e3]) {
        const r = search(phi, mu, eta, a0);
        expect(r.state, `start ${a0}`).toBe(SearchState.Converged);
        const [f, g] = phi(r.a);
        expect(f).toBeLessThanOrEqual(f0 + mu * r.a * g0);
        expect(Math.abs(g)).toBeLessThanOrEqual(eta * Math.abs(g0));
        // The paper reports 1 to 18 evaluations on these (its Tables 1-6).
        expect(r.evals).toBeLessThanOrEqual(20);
      }
    });
  }

  it("accepts the first trial when it already satisfies both conditions (one evaluation)", () => {
    const phi: Phi = (a) => [(a - 1) ** 2, 2 * (a - 1)];
    expect(search(phi, 1e-3, 0.9, 1)).toEqual({ state: SearchState.Converged, a: 1, evals: 1 });
  });

  it("stops at stpMax while φ still falls there (AtMax)", () => {
    const phi: Phi = (a) => [-a, -1];
    const r = search(phi, 1e-3, 0.9, 0.5, 2);
    expect(r.state).toBe(SearchState.AtMax);
    expect(r.a).toBe(2);
  });

  it("strong Wolfe on random convex quadratics φ(α) = (α − c)²·s (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
        (c, s, a0) => {
          const phi: Phi = (a) => [s * (a - c) ** 2, 2 * s * (a - c)];
          const r = search(phi, 1e-3, 0.9, a0);
          expect(r.state).toBe(SearchState.Converged);
          const [f0, g0] = phi(0);
          const [f, g] = phi(r.a);
          expect(f).toBeLessThanOrEqual(f0 + 1e-3 * r.a * g0);
          expect(Math.abs(g)).toBeLessThanOrEqual(0.9 * Math.abs(g0));
        },
      ),
    );
  });
});

describe("cubicMinimizer", () => {
  it("finds the local minimizer of a cubic from two values and slopes", () => {
    // p(α) = α³ − 3α: local minimizer 1, local maximizer −1.
    const p = (a: number): [number, number] => [a ** 3 - 3 * a, 3 * a * a - 3];
    for (const [a, b] of [
      [0, 2],
      [2, 0],
      [-0.5, 3],
      [5, 0.2],
    ] as const) {
      expect(cubicMinimizer(a, ...p(a), b, ...p(b))).toBeCloseTo(1, 12);
    }
  });

  it("returns NaN when the cubic has no local minimizer", () => {
    // p(α) = α³ + α is increasing everywhere.
    const p = (a: number): [number, number] => [a ** 3 + a, 3 * a * a + 1];
    expect(cubicMinimizer(0, ...p(0), 1, ...p(1))).toBeNaN();
  });
});
