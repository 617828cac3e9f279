import {
  categoricalDistribution,
  createFrozenTrial,
  floatDistribution,
  intDistribution,
  type SearchSpace,
  toExternal,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UnitSpace } from "../../src/population/index.js";

const space: SearchSpace = {
  x: floatDistribution(-3, 2),
  lr: floatDistribution(1e-5, 1e-1, { log: true }),
  n: intDistribution(1, 9),
  s: floatDistribution(0, 1, { step: 0.25 }),
  c: categoricalDistribution(["a", "b", "c"]),
};

/** A COMPLETE trial with the parameters `internal` (internal representation) of `space`. */
function trialAt(internal: Record<string, number>, sp: SearchSpace = space) {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(internal)) params[k] = toExternal(sp[k]!, v);
  return createFrozenTrial({ state: "COMPLETE", value: 0, params: params as never, distributions: sp });
}

describe("UnitSpace", () => {
  const unit = new UnitSpace(space);

  it("orders coordinates by sorted name and fingerprints the space", () => {
    expect(unit.names).toEqual(["c", "lr", "n", "s", "x"]);
    expect(new UnitSpace({ ...space }).fingerprint).toBe(unit.fingerprint);
    expect(new UnitSpace({ ...space, n: intDistribution(1, 10) }).fingerprint).not.toBe(unit.fingerprint);
  });

  it("maps the box's corners and centre: log scale, integer cells, categorical index cells", () => {
    const lo = unit.decode([0, 0, 0, 0, 0]);
    const hi = unit.decode([1, 1, 1, 1, 1]);
    expect(lo).toEqual({ c: 0, lr: 1e-5, n: 1, s: 0, x: -3 });
    expect(hi.c).toBe(2);
    expect(hi.lr).toBeCloseTo(0.1, 12);
    expect(hi.n).toBe(9);
    expect(hi.s).toBe(1);
    expect(hi.x).toBe(2);
    const mid = unit.decode([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(mid.c).toBe(1); // choice k owns [k/3, (k+1)/3)
    expect(mid.lr).toBeCloseTo(10 ** -3, 12); // the middle of [−5, −1] in log10
    expect(mid.n).toBe(5);
    expect(mid.s).toBe(0.5);
    expect(mid.x).toBe(-0.5);
  });

  it("decode(encode(trial)) gives the trial's parameters back (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.double({ min: Math.log(1e-5), max: Math.log(1e-1), noNaN: true }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: -3, max: 2, noNaN: true }),
        (c, logLr, n, s4, x) => {
          const internal = { c, lr: Math.min(1e-1, Math.max(1e-5, Math.exp(logLr))), n, s: s4 / 4, x };
          const u = unit.encode(trialAt(internal))!;
          for (const v of u) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          const back = unit.decode(u);
          expect(back.c).toBe(c);
          expect(back.n).toBe(n);
          expect(back.s).toBe(s4 / 4);
          expect(back.lr! / internal.lr).toBeCloseTo(1, 9);
          expect(back.x).toBeCloseTo(x, 12);
        },
      ),
    );
  });

  it("returns null for a trial lacking a parameter; a zero-width range maps to ½; ranges near the largest double stay finite", () => {
    const other = createFrozenTrial({
      state: "COMPLETE",
      value: 0,
      params: { x: 1 },
      distributions: { x: space.x! },
    });
    expect(unit.encode(other)).toBeNull();
    const one = new UnitSpace({ k: floatDistribution(1.5, 1.5) });
    expect(Array.from(one.encode(trialAt({ k: 1.5 }, { k: floatDistribution(1.5, 1.5) }))!)).toEqual([0.5]);
    expect(one.decode([0.9])).toEqual({ k: 1.5 });
    const wide = { w: floatDistribution(-8e307, 8e307) };
    const big = new UnitSpace(wide);
    const u = big.encode(trialAt({ w: 5e307 }, wide))!;
    expect(u[0]).toBeCloseTo(0.8125, 12);
    expect(big.decode([0.8125]).w! / 5e307).toBeCloseTo(1, 12);
    expect(Number.isFinite(big.decode([1]).w)).toBe(true);
  });
});
