import { describe, expect, it } from "vitest";
import {
  type Acquisition,
  createAcquisition,
  cubeDimensions,
  fitGp,
  type GpDimension,
  normalize,
  optimizeAcquisition,
} from "../../src/gp/index.js";
import { Rng } from "../../src/random/index.js";

/** A known concave acquisition in the cube with its maximum at `peak` (categoricals: a bonus for one choice). */
function known(
  space: readonly GpDimension[],
  peak: number[],
  bonus: { dim: number; choice: number } | null,
): Acquisition & { calls: number } {
  const d = space.length;
  const obj = {
    dimension: d,
    calls: 0,
    value(x: Float64Array): number {
      return obj.valueAndGradient(x, new Float64Array(d));
    },
    valueAndGradient(x: Float64Array, g: Float64Array): number {
      obj.calls++;
      let v = 0;
      for (let j = 0; j < d; j++) {
        g[j] = 0;
        if (space[j]!.kind === "categorical") {
          if (bonus !== null && bonus.dim === j && x[j] === bonus.choice) v += 1;
          continue;
        }
        const e = x[j]! - peak[j]!;
        v -= e * e;
        g[j] = -2 * e;
      }
      return v;
    },
    values(q: Float64Array, m: number): Float64Array {
      const out = new Float64Array(m);
      for (let i = 0; i < m; i++) out[i] = obj.value(q.subarray(i * d, i * d + d));
      return out;
    },
  };
  return obj;
}

describe("optimizeAcquisition", () => {
  it("finds the maximum of a known acquisition on continuous dimensions", () => {
    const space: GpDimension[] = [
      { kind: "float", low: 0, high: 1 },
      { kind: "float", low: -5, high: 5 },
      { kind: "float", low: 1e-3, high: 1, log: true },
    ];
    const res = optimizeAcquisition(known(space, [0.31, 0.77, 0.05], null), space, Rng.fromSeed(1), {
      nPreliminary: 64,
    });
    expect(res.x[0]).toBeCloseTo(0.31, 4);
    expect(res.x[1]).toBeCloseTo(0.77, 4);
    expect(res.x[2]).toBeCloseTo(0.05, 4);
    expect(res.value).toBeGreaterThan(-1e-8);
  });

  it("searches integer, stepped and categorical dimensions by neighbour moves, and keeps them on their grids", () => {
    const space: GpDimension[] = [
      { kind: "float", low: 0, high: 1 },
      { kind: "int", low: 0, high: 100 },
      { kind: "float", low: 0, high: 1, step: 0.25 },
      { kind: "categorical", choices: 5 },
    ];
    const target = normalize(space, Float64Array.of(0.4, 73, 0.75, 0));
    const res = optimizeAcquisition(
      known(space, Array.from(target), { dim: 3, choice: 3 }),
      space,
      Rng.fromSeed(2),
      { nPreliminary: 32, nLocalSearch: 3 },
    );
    const dims = cubeDimensions(space);
    expect(res.x[0]).toBeCloseTo(target[0]!, 4);
    expect(res.x[1]).toBeCloseTo(target[1]!, 12);
    expect(res.x[2]).toBeCloseTo(target[2]!, 12);
    expect(res.x[3]).toBe(3);
    for (const j of [1, 2]) {
      const dim = dims[j]!;
      if (dim.kind !== "discrete") throw new Error("unreachable");
      expect(Array.from(dim.grid)).toContain(res.x[j]);
    }
  });

  it("maximizes log EI of a fitted GP: at least the best preliminary or start value, seeded and repeatable", () => {
    const rng = Rng.fromSeed(4);
    const space: GpDimension[] = [
      { kind: "float", low: -3, high: 3 },
      { kind: "float", low: -3, high: 3 },
      { kind: "int", low: 1, high: 8 },
    ];
    const n = 20;
    const values = new Float64Array(n * 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values.set([rng.uniform(-3, 3), rng.uniform(-3, 3), rng.int(1, 8)], i * 3);
      y[i] =
        (values[i * 3]! - 1) ** 2 + (values[i * 3 + 1]! + 0.5) ** 2 + 0.1 * (values[i * 3 + 2]! - 4) ** 2;
    }
    const x = normalize(space, values);
    const { model } = fitGp(x, y, { restarts: 1 });
    const best = Math.min(...y);
    const bi = y.indexOf(best);
    const acq = createAcquisition({ kind: "logEi", model, best });
    const starts = x.slice(bi * 3, bi * 3 + 3);
    const a = optimizeAcquisition(acq, space, Rng.fromSeed(9), { starts });
    const b = optimizeAcquisition(acq, space, Rng.fromSeed(9), { starts });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(a.value).toBe(b.value);
    expect(a.value).toBeCloseTo(acq.value(a.x), 12);
    expect(a.value).toBeGreaterThanOrEqual(acq.value(starts));
    const pre = new Float64Array(512 * 3);
    const r2 = Rng.fromSeed(77);
    for (let i = 0; i < pre.length; i++) pre[i] = r2.random();
    for (let i = 0; i < 512; i++) pre[i * 3 + 2] = normalize([space[2]!], Float64Array.of(r2.int(1, 8)))[0]!;
    expect(a.value).toBeGreaterThanOrEqual(Math.max(...acq.values(pre, 512)) - 1e-9);
    for (let j = 0; j < 2; j++) {
      expect(a.x[j]).toBeGreaterThanOrEqual(0);
      expect(a.x[j]).toBeLessThanOrEqual(1);
    }
  });

  it("refuses a space of another dimension and bad options", () => {
    const space: GpDimension[] = [{ kind: "float", low: 0, high: 1 }];
    const acq = known(space, [0.5], null);
    expect(() => optimizeAcquisition(acq, [...space, ...space], Rng.fromSeed(1))).toThrow(
      /space has D=2 dimensions but the acquisition has D=1/,
    );
    expect(() => optimizeAcquisition(acq, space, Rng.fromSeed(1), { nPreliminary: -1 })).toThrow(
      /nPreliminary must be an integer >= 0/,
    );
    expect(() =>
      optimizeAcquisition(acq, space, Rng.fromSeed(1), { starts: new Float64Array(0), nPreliminary: 0 }),
    ).toThrow(/needs nPreliminary >= 1 or at least one start/);
    expect(() =>
      optimizeAcquisition(acq, space, Rng.fromSeed(1), { starts: Float64Array.of(Number.NaN) }),
    ).toThrow(/starts\[0\]\[0\] must be finite/);
  });
});
