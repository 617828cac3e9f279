import kstest from "@stdlib/stats-kstest";
import { CmaEs, SepCmaEs } from "@tunelab/math/cmaes";
import { orthonormalize } from "@tunelab/math/linalg";
import { Rng } from "@tunelab/math/random";
import { describe, expect, it } from "vitest";
import { orthogonalNormal, SamplingFrame } from "../../src/cmaes/orthogonal.js";

const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, v, i) => s + v * b[i]!, 0);

describe("orthogonalNormal", () => {
  it("is orthogonal to the given directions", () => {
    const rng = Rng.fromSeed(1);
    const dirs = orthonormalize([Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(0, 1, 0, -1, 2)]);
    for (let k = 0; k < 50; k++) {
      const z = orthogonalNormal(5, dirs, rng);
      for (const q of dirs) expect(Math.abs(dot(z, q))).toBeLessThan(1e-12 * Math.sqrt(dot(z, z)));
    }
  });

  it("gives N(0, I) vectors when the directions are the block's earlier draws (KS tests, fixed seed)", () => {
    // Third vector of blocks of n = 4: each coordinate ~ N(0, 1), ‖z‖² ~ χ²(4).
    const rng = Rng.fromSeed(7);
    const coord: number[] = [];
    const norm2: number[] = [];
    for (let b = 0; b < 3000; b++) {
      const z1 = orthogonalNormal(4, [], rng);
      const z2 = orthogonalNormal(4, orthonormalize([z1]), rng);
      const z3 = orthogonalNormal(4, orthonormalize([z1, z2]), rng);
      expect(Math.abs(dot(z1, z3)) + Math.abs(dot(z2, z3))).toBeLessThan(1e-10);
      coord.push(z3[b % 4]!);
      norm2.push(dot(z3, z3));
    }
    expect(kstest(coord, "normal", 0, 1).pValue).toBeGreaterThan(0.01);
    expect(kstest(norm2, "chisquare", 4).pValue).toBeGreaterThan(0.01);
  });
});

describe("SamplingFrame", () => {
  it("maps z to x = m + σ C^{1/2} z and back, for full and diagonal C", () => {
    const full = new CmaEs({
      mean: [0.2, -1, 3],
      sigma: 0.7,
      cov: [2, 0.3, -0.1, 0.3, 1, 0.2, -0.1, 0.2, 0.5],
      seed: 1,
    });
    const sep = new SepCmaEs({ mean: [0.2, -1, 3], sigma: 0.7, seed: 1 });
    for (const [es, diagonal] of [
      [full, false],
      [sep, true],
    ] as const) {
      const frame = new SamplingFrame(es, diagonal);
      const z = Float64Array.of(0.5, -1.5, 2);
      const x = frame.xOf(z);
      const back = frame.zOf(x);
      for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(z[i]!, 12);
    }
    // ‖x − m‖² for z = e1 is σ²‖C^{1/2}e1‖² = σ² C_11 = 0.49 · 2
    const frame = new SamplingFrame(full, false);
    const x = frame.xOf(Float64Array.of(1, 0, 0));
    expect((x[0]! - 0.2) ** 2 + (x[1]! + 1) ** 2 + (x[2]! - 3) ** 2).toBeCloseTo(0.98, 10);
  });
});
