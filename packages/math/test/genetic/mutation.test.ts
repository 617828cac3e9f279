import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mutate, polynomialMutation, uniformMutation } from "../../src/genetic/index.js";
import { Rng } from "../../src/random/index.js";

describe("mutations", () => {
  it("polynomial mutation stays in [lower, upper] (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, eta, t) => {
          const rng = Rng.fromSeed(seed);
          const lower = -2;
          const upper = 3;
          const y = polynomialMutation({ eta }).mutateGene(lower + t * (upper - lower), lower, upper, rng);
          expect(y).toBeGreaterThanOrEqual(lower);
          expect(y).toBeLessThanOrEqual(upper);
        },
      ),
    );
  });

  it("polynomial mutation moves less as eta grows, and is symmetric at the centre", () => {
    const spread = (eta: number): number => {
      const rng = Rng.fromSeed(5);
      const op = polynomialMutation({ eta });
      let s = 0;
      let below = 0;
      for (let i = 0; i < 20000; i++) {
        const y = op.mutateGene(0.5, 0, 1, rng);
        s += Math.abs(y - 0.5);
        if (y < 0.5) below++;
      }
      expect(Math.abs(below / 20000 - 0.5)).toBeLessThan(0.015);
      return s / 20000;
    };
    const s = [1, 5, 20, 100].map(spread);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThan(s[i - 1]!);
    // At the centre with η = 0, δ_q is uniform on [-1/2, 1/2]: E|δ_q| = 1/4.
    expect(spread(0)).toBeCloseTo(0.25, 2);
  });

  it("uniform mutation is uniform on the box", () => {
    const rng = Rng.fromSeed(2);
    const op = uniformMutation();
    const ys = Array.from({ length: 20000 }, () => op.mutateGene(0.9, 2, 4, rng));
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...ys)).toBeLessThan(4);
    expect(ys.reduce((a, b) => a + b, 0) / ys.length).toBeCloseTo(3, 1);
  });

  it("mutate changes each gene with probability prob and is deterministic per seed", () => {
    const x = new Float64Array(10000).fill(0.5);
    const y = mutate(uniformMutation(), Float64Array.from(x), Rng.fromSeed(9), { prob: 0.2 });
    const changed = y.filter((v) => v !== 0.5).length / y.length;
    expect(Math.abs(changed - 0.2)).toBeLessThan(0.015);
    expect(mutate(uniformMutation(), Float64Array.from(x), Rng.fromSeed(9), { prob: 0.2 })).toEqual(y);
    // Default prob 1/n: about one gene.
    const z = mutate(polynomialMutation(), new Float64Array(4).fill(0.5), Rng.fromSeed(1));
    expect(z.filter((v) => v !== 0.5).length).toBeLessThanOrEqual(4);
  });

  it("bad options are one-line errors naming the argument", () => {
    expect(() => polynomialMutation({ eta: -1 })).toThrow(
      /polynomialMutation: eta must be a finite number >= 0, got -1/,
    );
    const rng = Rng.fromSeed(1);
    expect(() => mutate(uniformMutation(), Float64Array.of(0.5), rng, { prob: 2 })).toThrow(
      /mutate: prob must be a number in \[0, 1\], got 2/,
    );
    expect(() => mutate(uniformMutation(), Float64Array.of(1.5), rng)).toThrow(
      /mutate: x\[0\]=1.5 is outside its box \[0, 1\]/,
    );
    expect(() =>
      mutate(uniformMutation(), Float64Array.of(0.5), rng, {
        box: { lower: Float64Array.of(0, 0), upper: Float64Array.of(1, 1) },
      }),
    ).toThrow(/box bounds must have length 1/);
  });
});
