import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SaddleFactor } from "../../src/optim/saddle.js";
import { choleskyInPlace, choleskySolveInPlace } from "../../src/optim/small-dense.js";
import { Rng } from "../../src/random/rng.js";
import { compactTimes, denseBfgs, dot, matVec, memoryOf, randomPairs, randomSpd } from "./dense.js";

function close(a: Float64Array, b: Float64Array, tol: number): void {
  const scale = Math.max(1, ...Array.from(b, Math.abs));
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * scale);
}

describe("LbfgsMemory: the compact form θI − WMWᵀ", () => {
  it("equals the BFGS recursion from θI over the stored pairs (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, m, extra, seed) => {
          const rng = Rng.fromSeed(seed);
          const h = randomSpd(rng, n);
          const total = Math.min(m + extra, m + 4);
          const pairs = randomPairs(rng, h, n, total);
          const mem = memoryOf(n, m, pairs);
          expect(mem.count).toBe(Math.min(total, m));
          expect(mem.factorMiddle()).toBe(true);
          const kept = pairs.slice(pairs.length - mem.count);
          const last = kept[kept.length - 1]!;
          expect(mem.theta).toBeCloseTo(dot(last.y, last.y) / dot(last.s, last.y), 12);
          const b = denseBfgs(kept, mem.theta, n);
          const v = new Float64Array(n);
          for (let i = 0; i < n; i++) v[i] = rng.random() * 2 - 1;
          close(compactTimes(mem, v), matVec(b, v), 1e-8);
        },
      ),
    );
  });

  it("reset empties it: B = I", () => {
    const rng = Rng.fromSeed(1);
    const h = randomSpd(rng, 3);
    const mem = memoryOf(3, 4, randomPairs(rng, h, 3, 3));
    mem.reset();
    expect(mem.count).toBe(0);
    expect(mem.theta).toBe(1);
    expect(mem.factorMiddle()).toBe(true);
    const v = Float64Array.of(1, -2, 3);
    expect(Array.from(compactTimes(mem, v))).toEqual([1, -2, 3]);
  });

  it("factorMiddle refuses a pair with sᵀy = 0 (D, hence M⁻¹, singular)", () => {
    const mem = memoryOf(2, 3, [{ s: Float64Array.of(1, 0), y: Float64Array.of(0, 1) }]);
    expect(mem.factorMiddle()).toBe(false);
  });

  it("a repeated pair changes nothing (B·s = y already holds)", () => {
    const rng = Rng.fromSeed(3);
    const h = randomSpd(rng, 3);
    const pairs = randomPairs(rng, h, 3, 2);
    const once = memoryOf(3, 4, pairs);
    const twice = memoryOf(3, 4, [...pairs, pairs[1]!]);
    expect(once.factorMiddle() && twice.factorMiddle()).toBe(true);
    const v = Float64Array.of(0.3, -1, 2);
    close(compactTimes(twice, v), compactTimes(once, v), 1e-10);
  });
});

describe("SaddleFactor: K = [−P, Q; Qᵀ, R]", () => {
  it("solves K·z = r (property: residual against the dense K)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (k, seed) => {
        const rng = Rng.fromSeed(seed);
        const p = randomSpd(rng, k);
        const r = randomSpd(rng, k, 0); // positive semidefinite or definite
        const q = new Float64Array(k * k);
        for (let i = 0; i < q.length; i++) q[i] = rng.random() * 2 - 1;
        const f = new SaddleFactor(k);
        f.p.set(p);
        f.q.set(q);
        f.t.set(r);
        if (!f.factor(k)) return; // T numerically singular: nothing to check
        const rhs = new Float64Array(2 * k);
        for (let i = 0; i < rhs.length; i++) rhs[i] = rng.random() * 2 - 1;
        const z = Float64Array.from(rhs);
        f.solveInPlace(z);
        // K·z
        for (let i = 0; i < k; i++) {
          let top = 0;
          let bottom = 0;
          for (let j = 0; j < k; j++) {
            top += -p[i * k + j]! * z[j]! + q[i * k + j]! * z[k + j]!;
            bottom += q[j * k + i]! * z[j]! + r[i * k + j]! * z[k + j]!;
          }
          expect(top).toBeCloseTo(rhs[i]!, 7);
          expect(bottom).toBeCloseTo(rhs[k + i]!, 7);
        }
      }),
    );
  });
});

describe("choleskyInPlace / choleskySolveInPlace", () => {
  it("solves SPD systems and refuses indefinite and non-finite ones", () => {
    const a = Float64Array.of(4, 2, 2, 3);
    expect(choleskyInPlace(a, 2)).toBe(true);
    const b = Float64Array.of(0, 6, 5);
    choleskySolveInPlace(a, 2, b, 1); // 4x + 2y = 6, 2x + 3y = 5 → (1, 1)
    expect(b[1]).toBeCloseTo(1, 14);
    expect(b[2]).toBeCloseTo(1, 14);
    expect(choleskyInPlace(Float64Array.of(1, 2, 2, 1), 2)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(Number.NaN), 1)).toBe(false);
    expect(choleskyInPlace(Float64Array.of(Number.POSITIVE_INFINITY), 1)).toBe(false);
  });
});
