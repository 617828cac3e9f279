import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/random/rng.js";

describe("Rng.fromSeed", () => {
  it("gives the same stream for the same seed and different streams for different seeds", () => {
    const a = Rng.fromSeed(42);
    const b = Rng.fromSeed(42);
    const c = Rng.fromSeed(43);
    const xa = Array.from({ length: 16 }, () => a.nextUint32());
    const xb = Array.from({ length: 16 }, () => b.nextUint32());
    const xc = Array.from({ length: 16 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it("is the platform-independent stream pinned by these reference outputs", () => {
    // Pinned once from this implementation: any change to seeding or the generator breaks
    // cross-process reproducibility of studies, so it must be deliberate.
    const rng = Rng.fromSeed(0);
    const out = Array.from({ length: 4 }, () => rng.nextUint32());
    expect(out).toMatchInlineSnapshot(`
      [
        4064953379,
        3879781163,
        920246497,
        4000035116,
      ]
    `);
  });

  it("matches the xoshiro128** reference output for a raw state", () => {
    // Reference: Blackman & Vigna's xoshiro128starstar.c with s = {1, 2, 3, 4}; first outputs
    // computed by the C code are 11520, 0, 5927040, 70819200, 2031721883.
    const rng = Rng.fromState({ version: 1, s: [1, 2, 3, 4], spareNormal: null });
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883,
    ]);
  });

  it("accepts strings and negative integers, and rejects NaN and fractions", () => {
    expect(Rng.fromSeed("study-a").random()).not.toBe(Rng.fromSeed("study-b").random());
    expect(Rng.fromSeed(-1).random()).not.toBe(Rng.fromSeed(1).random());
    expect(() => Rng.fromSeed(Number.NaN)).toThrow(/seed must be a safe integer/);
    expect(() => Rng.fromSeed(1.5)).toThrow(/seed/);
    expect(() => Rng.fromSeed(2 ** 60)).toThrow(/seed/);
  });

  it("keeps all bits of large integer seeds", () => {
    expect(Rng.fromSeed(2 ** 40).random()).not.toBe(Rng.fromSeed(2 ** 40 + 1).random());
    expect(Rng.fromSeed(2 ** 40).random()).not.toBe(Rng.fromSeed(0).random());
  });
});

describe("Rng.random", () => {
  it("stays in [0, 1) and has mean 1/2 and variance 1/12", () => {
    const rng = Rng.fromSeed(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.random();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(outside).toBe(0);
    // Standard error of the mean: sqrt(1/12/n) ≈ 6.5e-4.
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * 6.5e-4);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(2e-3);
  });
});

describe("Rng.int", () => {
  it("covers [low, high] uniformly (chi-square, 10 bins)", () => {
    const rng = Rng.fromSeed(7);
    const counts = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.int(3, 12) - 3]++;
    const e = n / 10;
    const chi2 = counts.reduce((acc, c) => acc + (c - e) ** 2 / e, 0);
    // 99.9% quantile of chi-square with 9 degrees of freedom is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it("rejects bad bounds with the argument named", () => {
    const rng = Rng.fromSeed(0);
    expect(() => rng.int(2, 1)).toThrow(/low <= high/);
    expect(() => rng.int(0.5, 1)).toThrow(/safe integers/);
  });

  it("handles ranges beyond 2^32", () => {
    const rng = Rng.fromSeed(3);
    for (let i = 0; i < 100; i++) {
      const x = rng.int(0, 2 ** 40);
      expect(Number.isInteger(x) && x >= 0 && x <= 2 ** 40).toBe(true);
    }
  });
});

describe("Rng.normal", () => {
  it("has mean 0, variance 1 and the right tail mass", () => {
    const rng = Rng.fromSeed(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
      if (z > 1.959963984540054) tail++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.015);
    // P(Z > 1.96) = 0.025; binomial sd = sqrt(0.025·0.975/n) ≈ 3.5e-4.
    expect(Math.abs(tail / n - 0.025)).toBeLessThan(0.0015);
  });
});

describe("Rng state", () => {
  it("round-trips through getState/fromState, including the cached normal", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(20), (seed, skip) => {
        const a = Rng.fromSeed(seed);
        for (let i = 0; i < skip; i++) a.normal();
        const b = Rng.fromState(JSON.parse(JSON.stringify(a.getState())));
        for (let i = 0; i < 10; i++) expect(b.normal()).toBe(a.normal());
      }),
    );
  });

  it("rejects a malformed state", () => {
    expect(() => Rng.fromState({ version: 2 } as never)).toThrow(/version-1/);
    expect(() => Rng.fromState({ version: 1, s: [1, 2, 3, -4], spareNormal: null })).toThrow(/state words/);
  });
});

describe("Rng.split and Rng.fork", () => {
  it("split gives a child that differs from the advanced parent", () => {
    const parent = Rng.fromSeed(5);
    const child = parent.split();
    const a = Array.from({ length: 8 }, () => parent.nextUint32());
    const b = Array.from({ length: 8 }, () => child.nextUint32());
    expect(a).not.toEqual(b);
  });

  it("split is deterministic", () => {
    const x = Rng.fromSeed(5).split().random();
    const y = Rng.fromSeed(5).split().random();
    expect(x).toBe(y);
  });

  it("fork does not advance the parent and is keyed", () => {
    const parent = Rng.fromSeed(9);
    const before = parent.getState();
    const c1 = parent.fork(1).random();
    const c1again = parent.fork(1).random();
    const c2 = parent.fork(2).random();
    expect(parent.getState()).toEqual(before);
    expect(c1).toBe(c1again);
    expect(c1).not.toBe(c2);
  });

  it("forked streams are uncorrelated with each other", () => {
    const parent = Rng.fromSeed(123);
    const n = 20_000;
    const a = parent.fork(0);
    const b = parent.fork(1);
    let sab = 0;
    for (let i = 0; i < n; i++) sab += (a.random() - 0.5) * (b.random() - 0.5);
    // corr ≈ sab/n / (1/12); its sd under independence is about 1/sqrt(n) ≈ 0.007.
    expect(Math.abs((sab / n) * 12)).toBeLessThan(0.035);
  });
});
