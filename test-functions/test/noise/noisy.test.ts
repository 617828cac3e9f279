/** Noisy wrappers: distribution of the noise, keying, reproducibility, arguments. */
import { describe, expect, it } from "vitest";
import { vectorToParams } from "../../src/box/index.js";
import { sphere, styblinskiTang } from "../../src/classic/index.js";
import { conditionalProblem } from "../../src/mixed/index.js";
import { hashParams, noisy } from "../../src/noise/index.js";

function meanSd(v: number[]): [number, number] {
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  const s = Math.sqrt(v.reduce((a, x) => a + (x - m) * (x - m), 0) / (v.length - 1));
  return [m, s];
}

describe("noisy", () => {
  it("adds N(0, sd²) noise: mean and sd over 4000 replicates within 4 standard errors", () => {
    const f = noisy(sphere(2), { noise: { kind: "additive", sd: 0.5 }, seed: 1 });
    const x = { x0: 1, x1: 1 };
    const v = Array.from({ length: 4000 }, (_, k) => f.evaluateReplicate(x, k) - 2);
    const [m, s] = meanSd(v);
    expect(Math.abs(m)).toBeLessThan((4 * 0.5) / Math.sqrt(4000));
    expect(Math.abs(s - 0.5)).toBeLessThan((4 * 0.5) / Math.sqrt(2 * 4000));
  });

  it("multiplies the gap to the optimum by exp(sd·ε): log-gaps are N(0, sd²), zero gap stays zero", () => {
    const base = styblinskiTang(2);
    const f = noisy(base, { noise: { kind: "multiplicative", sd: 0.3 }, seed: 2 });
    const x = { x0: 0, x1: 1 };
    const gap = base.evaluate(x) - base.optimum!;
    const v = Array.from({ length: 4000 }, (_, k) =>
      Math.log((f.evaluateReplicate(x, k) - base.optimum!) / gap),
    );
    const [m, s] = meanSd(v);
    expect(Math.abs(m)).toBeLessThan((4 * 0.3) / Math.sqrt(4000));
    expect(Math.abs(s - 0.3)).toBeLessThan((4 * 0.3) / Math.sqrt(2 * 4000));
    expect(f.evaluate(base.optimizers[0]!)).toBeCloseTo(base.optimum!, 12);
  });

  it("keys the noise by (seed, point, replicate): order-free, equal for equal points, tagged noisy", () => {
    const f = noisy(sphere(3), { noise: { kind: "additive", sd: 1 }, seed: "run-1" });
    const p = vectorToParams([0.1, 0.2, 0.3]);
    expect(f.evaluate(p)).toBe(f.evaluate({ x2: 0.3, x0: 0.1, x1: 0.2 }));
    expect(f.evaluate(p)).toBe(f.evaluateReplicate(p, 0));
    expect(f.evaluateReplicate(p, 1)).not.toBe(f.evaluateReplicate(p, 2));
    expect(f.evaluate(p)).not.toBe(f.evaluate(vectorToParams([0.1, 0.2, 0.30000000000000004])));
    expect(f.evaluateNoiseless(p)).toBeCloseTo(0.14, 14);
    expect(f.tags).toContain("noisy");
    expect(f.optimum).toBe(0);
    expect(f.optimizers).toEqual(sphere(3).optimizers);
  });

  it("hashes values by type and presence", () => {
    const names = ["a", "b"];
    const hashes = new Set([
      hashParams(names, { a: 1, b: 2 }),
      hashParams(names, { a: 2, b: 1 }),
      hashParams(names, { a: "1", b: 2 }),
      hashParams(names, { a: true, b: 2 }),
      hashParams(names, { a: null, b: 2 }),
      hashParams(names, { b: 2 }),
    ]);
    expect(hashes.size).toBe(6);
    expect(hashParams(names, { a: 0, b: 1 })).toBe(hashParams(names, { a: -0, b: 1 }));
    for (const h of hashes) expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
  });

  it("wraps conditional problems (absent parameters are part of the key) and keeps NaN", () => {
    const f = noisy(conditionalProblem(), { noise: { kind: "additive", sd: 0.1 }, seed: 3 });
    const v = f.evaluate({ model: "tree", depth: 7, minLeaf: 4 });
    expect(Math.abs(v - 0.1)).toBeLessThan(1);
    const g = noisy(sphere(1), { noise: { kind: "additive", sd: 1 } });
    expect(g.evaluate({ x0: Number.NaN })).toBeNaN();
    expect(noisy(sphere(1), { noise: { kind: "additive", sd: 0 } }).evaluate({ x0: 2 })).toBe(4);
  });

  it("rejects bad noise levels and seeds", () => {
    expect(() => noisy(sphere(1), { noise: { kind: "additive", sd: -1 } })).toThrow(
      /noise sd must be finite and >= 0, got -1/,
    );
    expect(() => noisy(sphere(1), { noise: { kind: "multiplicative", sd: Number.NaN } })).toThrow(RangeError);
    expect(() => noisy(sphere(1), { noise: { kind: "additive", sd: 1 }, seed: 0.5 })).toThrow(RangeError);
  });
});
