/**
 * ZDT and DTLZ: values against DEAP (fixtures/reference_values.json), disconnected-front
 * intervals against published values, front hypervolumes against BoTorch's published maxima.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MultiBoxFunction } from "../../src/box/index.js";
import {
  DTLZ7_INTERVALS,
  dtlz1,
  dtlz1Position,
  dtlz2,
  dtlz2Position,
  dtlz3,
  dtlz4,
  dtlz7,
  simplexPoints,
  ZDT3_INTERVALS,
  ZDT6_F1_MIN,
  zdt1,
  zdt2,
  zdt3,
  zdt4,
  zdt6,
} from "../../src/multi/index.js";

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/reference_values.json", import.meta.url), "utf8"),
) as {
  multi: Record<string, { x: number[]; f: number[] }[]>;
};

function make(name: string): MultiBoxFunction {
  const [fam, m] = name.split("-m");
  const o = { nObjectives: Number(m) };
  const table: Record<string, () => MultiBoxFunction> = {
    zdt1: () => zdt1(),
    zdt2: () => zdt2(),
    zdt3: () => zdt3(),
    zdt4: () => zdt4(),
    zdt6: () => zdt6(),
    dtlz1: () => dtlz1(o),
    dtlz2: () => dtlz2(o),
    dtlz3: () => dtlz3(o),
    dtlz4: () => dtlz4(o),
    dtlz7: () => dtlz7(o),
  };
  return table[fam!]!();
}

/** Exact 2-D hypervolume of a point set (minimization) w.r.t. `ref`. */
function hv2(points: number[][], ref: readonly number[]): number {
  const p = points.filter((q) => q[0]! < ref[0]! && q[1]! < ref[1]!).sort((a, b) => a[0]! - b[0]!);
  let vol = 0;
  let best = ref[1]!;
  for (const [x, y] of p) {
    if (y! < best) {
      vol += (ref[0]! - x!) * (best - y!);
      best = y!;
    }
  }
  return vol;
}

describe("ZDT and DTLZ match DEAP's deap.benchmarks", () => {
  for (const [name, rows] of Object.entries(fixture.multi)) {
    it(name, () => {
      const f = make(name);
      for (const { x, f: want } of rows) {
        const got = f.evaluateVector(Float64Array.from(x), new Float64Array(f.nObjectives));
        got.forEach((v, i) => {
          expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want[i]!)));
        });
      }
    });
  }
});

describe("disconnected fronts", () => {
  it("ZDT3's five f1-intervals match the published ones (BoTorch/pymoo, 10 digits)", () => {
    const published = [
      [0, 0.0830015349],
      [0.182228728, 0.2577623634],
      [0.4093136748, 0.4538821041],
      [0.6183967944, 0.6525117038],
      [0.8233317983, 0.8518328654],
    ];
    expect(ZDT3_INTERVALS.length).toBe(5);
    ZDT3_INTERVALS.forEach(([lo, hi], i) => {
      expect(lo).toBeCloseTo(published[i]![0]!, 9);
      expect(hi).toBeCloseTo(published[i]![1]!, 9);
    });
  });

  it("DTLZ7's two f-intervals match the published ones (pymoo, 10 digits)", () => {
    expect(DTLZ7_INTERVALS.length).toBe(2);
    expect(DTLZ7_INTERVALS[0]![1]).toBeCloseTo(0.251411836, 9);
    expect(DTLZ7_INTERVALS[1]![0]).toBeCloseTo(0.6316265307, 9);
    expect(DTLZ7_INTERVALS[1]![1]).toBeCloseTo(0.8594008566, 9);
    const pts = dtlz7({ nObjectives: 3 }).paretoFront(200);
    // 2^(M-1) = 4 regions: each of f1, f2 falls in one of the two intervals.
    const regions = new Set(pts.map((p) => `${p[0]! > 0.5 ? 1 : 0}${p[1]! > 0.5 ? 1 : 0}`));
    expect(regions.size).toBe(4);
  });

  it("ZDT6's front starts at f1 = 0.2807753191 (the published minimum of f1)", () => {
    expect(ZDT6_F1_MIN).toBeCloseTo(0.2807753191, 9);
  });
});

describe("front hypervolumes w.r.t. (11, 11) approach BoTorch's maxima", () => {
  it.each([
    ["zdt1", zdt1(), 120 + 2 / 3],
    ["zdt2", zdt2(), 120 + 1 / 3],
    ["zdt3", zdt3(), 128.77811613069076],
  ])("%s", (_n, f, max) => {
    const v = hv2(f.paretoFront(20000), f.referencePoint);
    expect(v).toBeLessThanOrEqual(max + 1e-9);
    expect(max - v).toBeLessThan(1e-3);
  });
});

describe("Pareto-set inverses and front samplers", () => {
  it("dtlz1Position and dtlz2Position invert the front maps", () => {
    for (const w of simplexPoints(4, 30)) {
      const f1 = dtlz1({ nObjectives: 4 });
      const y = f1.evaluate(
        Object.fromEntries(Array.from(f1.paretoSetPoint(dtlz1Position(w)), (v, i) => [`x${i}`, v])),
      );
      y.forEach((v, i) => {
        expect(v).toBeCloseTo(w[i]! / 2, 12);
      });
      const norm = Math.hypot(...w);
      const u = w.map((v) => v / norm);
      const f2 = dtlz2({ nObjectives: 4 });
      const z = f2.evaluate(
        Object.fromEntries(Array.from(f2.paretoSetPoint(dtlz2Position(u)), (v, i) => [`x${i}`, v])),
      );
      z.forEach((v, i) => {
        expect(v).toBeCloseTo(u[i]!, 12);
      });
    }
  });

  it("returns exactly n front points, none for n = 0, and rejects bad n", () => {
    for (const f of [zdt3(), dtlz1({ nObjectives: 5 }), dtlz7({ nObjectives: 4 })]) {
      expect(f.paretoFront(0)).toEqual([]);
      expect(f.paretoFront(1).length).toBe(1);
      expect(f.paretoFront(37).length).toBe(37);
      expect(() => f.paretoFront(-1)).toThrow(/n must be a non-negative integer/);
      expect(() => f.paretoFront(2.5)).toThrow(RangeError);
    }
  });

  it("uses the usual sizes and reference points", () => {
    expect([
      zdt1().dimension,
      zdt2().dimension,
      zdt3().dimension,
      zdt4().dimension,
      zdt6().dimension,
    ]).toEqual([30, 30, 30, 10, 10]);
    expect(dtlz1().dimension).toBe(3 + 5 - 1);
    expect(dtlz2({ nObjectives: 5 }).dimension).toBe(5 + 10 - 1);
    expect(dtlz7().dimension).toBe(3 + 20 - 1);
    expect(zdt4().lower[1]).toBe(-5);
    expect(zdt1().referencePoint).toEqual([11, 11]);
    expect(dtlz1({ nObjectives: 2 }).referencePoint).toEqual([400, 400]);
    expect(dtlz2({ nObjectives: 2 }).referencePoint).toEqual([1.1, 1.1]);
    expect(dtlz3({ nObjectives: 2 }).referencePoint).toEqual([10000, 10000]);
    expect(dtlz4({ nObjectives: 2 }).referencePoint).toEqual([1.1, 1.1]);
    expect(dtlz7({ nObjectives: 2 }).referencePoint).toEqual([15, 15]);
  });

  it("rejects bad sizes and vector lengths", () => {
    expect(() => zdt1(1)).toThrow(/number of variables must be an integer in \[2, 10000\], got 1/);
    expect(() => dtlz2({ nObjectives: 1 })).toThrow(/nObjectives must be an integer in \[2, 100\], got 1/);
    expect(() => dtlz1({ k: 0 })).toThrow(/k must be an integer/);
    const f = zdt1(3);
    expect(() => f.evaluateVector(new Float64Array(2), new Float64Array(2))).toThrow(/x must have length 3/);
    expect(() => f.evaluateVector(new Float64Array(3), new Float64Array(3))).toThrow(
      /out must have length 2/,
    );
    expect(f.evaluate({ x0: Number.NaN, x1: 0, x2: 0 })[1]).toBeNaN();
  });
});
