import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelMatrix, kernelShape, kernelShapeDerivative } from "../../src/gp/index.js";
import { symmetricEigen } from "../../src/linalg/index.js";
import { Rng } from "../../src/random/index.js";
import { hyper, randomPoints } from "./helpers.js";

describe("kernelShape", () => {
  it("matches the closed forms of Matérn 5/2 and RBF", () => {
    const r = 0.7;
    const s = r * r;
    const sq5 = Math.sqrt(5);
    expect(kernelShape({ kind: "matern52" }, s)).toBeCloseTo(
      (1 + sq5 * r + (5 / 3) * s) * Math.exp(-sq5 * r),
      15,
    );
    expect(kernelShape({ kind: "rbf" }, s)).toBeCloseTo(Math.exp(-s / 2), 15);
    expect(kernelShape({ kind: "matern52" }, 0)).toBe(1);
  });

  it("derivative equals a central difference (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 30, noNaN: true }), fc.boolean(), (s, rbf) => {
        const k = rbf ? ({ kind: "rbf" } as const) : ({ kind: "matern52" } as const);
        const h = 1e-6 * Math.max(1, s);
        const fd = (kernelShape(k, s + h) - kernelShape(k, s - h)) / (2 * h);
        expect(Math.abs(kernelShapeDerivative(k, s) - fd)).toBeLessThan(1e-7);
      }),
    );
    expect(kernelShapeDerivative({ kind: "matern52" }, 0)).toBeCloseTo(-5 / 6, 15);
  });
});

describe("kernelMatrix", () => {
  it("is symmetric positive semi-definite, with mixed categorical dimensions (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        fc.boolean(),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (n, d, seed, rbf, ls, signal) => {
          const rng = Rng.fromSeed(seed);
          const mask = new Uint8Array(d);
          for (let j = 0; j < d; j++) mask[j] = rng.random() < 0.3 ? 1 : 0;
          const x = randomPoints(rng, n, d, mask);
          const k = kernelMatrix(
            rbf ? { kind: "rbf" } : { kind: "matern52" },
            x,
            hyper(ls.slice(0, d), signal, 1e-6),
            mask,
          );
          for (let i = 0; i < n; i++) {
            expect(k[i * n + i]).toBeCloseTo(signal, 12);
            for (let j = 0; j < i; j++) expect(k[i * n + j]).toBe(k[j * n + i]);
          }
          const values = new Float64Array(n);
          symmetricEigen(k, n, values, new Float64Array(n * n));
          expect(values[0]!).toBeGreaterThanOrEqual(-1e-10 * signal * n);
        },
      ),
    );
  });

  it("treats categorical dimensions by equality (Hamming), not by distance", () => {
    const h = hyper([0.5], 1, 1e-6);
    const k = kernelMatrix({ kind: "matern52" }, Float64Array.of(0, 1, 3), h, Uint8Array.of(1));
    expect(k[1]).toBeCloseTo(kernelShape({ kind: "matern52" }, 4), 15); // 1/ℓ² = 4
    expect(k[2]).toBe(k[1]);
  });

  it("refuses bad hyperparameters and shapes", () => {
    expect(() => kernelMatrix({ kind: "rbf" }, Float64Array.of(0), hyper([0], 1, 1))).toThrow(
      /lengthScales\[0\] must be positive/,
    );
    expect(() => kernelMatrix({ kind: "rbf" }, Float64Array.of(0), hyper([1], -1, 1))).toThrow(
      /signalVariance must be positive/,
    );
    expect(() => kernelMatrix({ kind: "rbf" }, Float64Array.of(0, 1, 2), hyper([1, 1], 1, 1))).toThrow(
      /multiple of D=2/,
    );
  });
});
