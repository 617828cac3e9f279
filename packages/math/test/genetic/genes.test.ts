import { describe, expect, it } from "vitest";
import {
  crossGenes,
  encodeNumeric,
  geneSpace,
  mutateGenes,
  polynomialMutation,
  sbxCrossover,
  undxCrossover,
  uniformCrossover,
} from "../../src/genetic/index.js";
import {
  categoricalPrior,
  intPrior,
  logUniformPrior,
  priorContains,
  uniformPrior,
} from "../../src/priors/index.js";
import { Rng } from "../../src/random/index.js";

const priors = [
  uniformPrior(-1, 1),
  logUniformPrior(1e-5, 1e-1),
  intPrior(0, 20, { step: 4 }),
  intPrior(1, 1024, { log: true }),
  uniformPrior(0, 1, { step: 0.1 }),
  categoricalPrior(3),
];

describe("genes", () => {
  const space = geneSpace(priors);

  it("maps log genes through log space and discrete genes through their cells", () => {
    expect(Array.from(space.numeric)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(space.categorical)).toEqual([5]);
    const x = encodeNumeric(space, [0, 10 ** -3, 8, 32, 0.5, 2]);
    expect(x[0]).toBeCloseTo(0.5, 12);
    expect(x[1]).toBeCloseTo(0.5, 12); // 1e-3 is the log-midpoint of [1e-5, 1e-1]
    expect(x[2]).toBeCloseTo(10 / 24, 12); // cells [-2, 22]
    expect(x[4]).toBeCloseTo(0.5, 12);
  });

  it("children and mutants are in every gene's support: on the grid, integers rounded, categories valid", () => {
    const rng = Rng.fromSeed(4);
    for (const op of [sbxCrossover({ eta: 2 }), uniformCrossover(), undxCrossover()]) {
      for (let t = 0; t < 500; t++) {
        const parents = Array.from({ length: op.nParents }, () =>
          Float64Array.from(priors, (p) => samplePriorValue(p, rng)),
        );
        const child = crossGenes(space, parents, op, rng);
        mutateGenes(space, child, rng, { prob: 0.5, mutation: t % 2 === 0 ? null : polynomialMutation() });
        expect(priors.every((p, i) => priorContains(p, child[i]!))).toBe(true);
      }
    }
  });

  it("categorical genes come from the first or last parent, the last with probability swappingProb", () => {
    const rng = Rng.fromSeed(8);
    const cat = geneSpace([categoricalPrior(4)]);
    let last = 0;
    for (let t = 0; t < 10000; t++) {
      const c = crossGenes(cat, [[1], [2], [3]], undxCrossover(), rng, { swappingProb: 0.25 });
      expect(c[0] === 1 || c[0] === 3).toBe(true);
      if (c[0] === 3) last++;
    }
    expect(last / 10000).toBeCloseTo(0.25, 1);
  });

  it("a mutated log gene with mutation null is a fresh log-uniform draw", () => {
    const rng = Rng.fromSeed(6);
    const g = geneSpace([logUniformPrior(1, 10000)]);
    let belowHundred = 0;
    for (let t = 0; t < 10000; t++) {
      const v = mutateGenes(g, Float64Array.of(5000), rng, { prob: 1 })[0]!;
      if (v < 100) belowHundred++;
    }
    expect(belowHundred / 10000).toBeCloseTo(0.5, 1);
  });

  it("is deterministic per seed", () => {
    const parents = [Float64Array.of(0.1, 1e-4, 4, 8, 0.2, 0), Float64Array.of(0.9, 1e-2, 16, 512, 0.8, 2)];
    const a = crossGenes(space, parents, sbxCrossover(), Rng.fromSeed(1));
    const b = crossGenes(space, parents, sbxCrossover(), Rng.fromSeed(1));
    expect(a).toEqual(b);
  });

  it("bad arguments are one-line errors", () => {
    const rng = Rng.fromSeed(1);
    expect(() => crossGenes(space, [[0]], sbxCrossover(), rng)).toThrow(
      /crossGenes: sbx takes 2 parents, got 1/,
    );
    expect(() => crossGenes(space, [[0], [0]], sbxCrossover(), rng)).toThrow(
      /parents\[0\] must have 6 values/,
    );
    expect(() => mutateGenes(space, new Float64Array(2), rng)).toThrow(
      /mutateGenes: values must have 6 entries, got 2/,
    );
    expect(() => geneSpace([null as never])).toThrow(/geneSpace: priors\[0\] must be a prior record/);
  });
});

function samplePriorValue(p: (typeof priors)[number], rng: Rng): number {
  switch (p.kind) {
    case "uniform":
      return p.step === null
        ? rng.uniform(p.low, p.high)
        : p.low + p.step * rng.int(0, Math.round((p.high - p.low) / p.step));
    case "log-uniform":
      return Math.exp(rng.uniform(Math.log(p.low), Math.log(p.high)));
    case "int":
      return p.log
        ? Math.round(Math.exp(rng.uniform(0, Math.log(p.high))))
        : p.low + p.step * rng.int(0, (p.high - p.low) / p.step);
    case "categorical":
      return rng.int(0, p.n - 1);
  }
}
