import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  categoricalDistribution,
  distributionIncompatibility,
  distributionsEqual,
  floatDistribution,
  intDistribution,
  isSingleValue,
} from "../../src/distributions/distribution.js";
import {
  containsInternal,
  distributionToPrior,
  snapInternal,
  toExternal,
  toInternal,
} from "../../src/distributions/repr.js";

describe("floatDistribution", () => {
  it("rejects invalid bounds and options with the argument named", () => {
    expect(() => floatDistribution(2, 1)).toThrow(/low must be <= high, got low=2, high=1/);
    expect(() => floatDistribution(Number.NaN, 1)).toThrow(/low must be a finite number/);
    expect(() => floatDistribution(0, Number.POSITIVE_INFINITY)).toThrow(/high must be a finite number/);
    expect(() => floatDistribution(0, 1, { log: true })).toThrow(
      /low must be > 0 when log is true, got low=0/,
    );
    expect(() => floatDistribution(-1, 1, { log: true })).toThrow(/low must be > 0/);
    expect(() => floatDistribution(1, 2, { log: true, step: 0.5 })).toThrow(
      /step and log cannot be used together/,
    );
    expect(() => floatDistribution(0, 1, { step: 0 })).toThrow(/step must be a finite number > 0, got 0/);
    expect(() => floatDistribution(0, 1, { step: -0.1 })).toThrow(/step must be/);
    expect(() => floatDistribution(0, 1, {}, 'suggestFloat("x")')).not.toThrow();
    expect(() => floatDistribution(1, 0, {}, 'suggestFloat("x")')).toThrow(
      /^suggestFloat\("x"\): low must be <= high/,
    );
  });

  it("moves high down to the last grid point, as Optuna does", () => {
    expect(floatDistribution(0, 1, { step: 0.3 }).high).toBe(0.9);
    expect(floatDistribution(0, 1, { step: 0.1 }).high).toBe(1);
    expect(floatDistribution(0.1, 0.7, { step: 0.2 }).high).toBe(0.7);
  });
});

describe("intDistribution", () => {
  it("rejects invalid input with the argument named", () => {
    expect(() => intDistribution(0.5, 3)).toThrow(/low must be an integer, got 0.5/);
    expect(() => intDistribution(0, 3.2)).toThrow(/high must be an integer/);
    expect(() => intDistribution(3, 1)).toThrow(/low must be <= high/);
    expect(() => intDistribution(0, 10, { step: 0 })).toThrow(/step must be an integer >= 1, got 0/);
    expect(() => intDistribution(0, 10, { step: 1.5 })).toThrow(/step must be an integer/);
    expect(() => intDistribution(0, 10, { log: true })).toThrow(/low must be >= 1 when log is true/);
    expect(() => intDistribution(1, 10, { log: true, step: 2 })).toThrow(/step must be 1 when log is true/);
  });

  it("moves high down to the grid", () => {
    expect(intDistribution(0, 10, { step: 3 }).high).toBe(9);
  });
});

describe("categoricalDistribution", () => {
  it("rejects empty, repeated and non-primitive choices, NaN and undefined", () => {
    expect(() => categoricalDistribution([])).toThrow(/non-empty/);
    expect(() => categoricalDistribution(["a", "a"])).toThrow(/unique/);
    expect(() => categoricalDistribution([0, -0])).toThrow(/unique/);
    expect(() => categoricalDistribution([{}] as never)).toThrow(
      /choices\[0\] must be a string, number, boolean or null, got an object/,
    );
    expect(() => categoricalDistribution([1, [1]] as never)).toThrow(/choices\[1\].*got an object/);
    expect(() => categoricalDistribution(["a", undefined] as never)).toThrow(/choices\[1\].*got undefined/);
    expect(() => categoricalDistribution([() => 1] as never)).toThrow(/got function/);
    expect(() => categoricalDistribution([Number.NaN])).toThrow(/NaN/);
    // biome-ignore lint/suspicious/noSparseArray: a sparse array is the input under test
    expect(() => categoricalDistribution([1, , 2] as never)).toThrow(/choices\[1\] is missing/);
  });

  it("allows choices of mixed types, as Optuna does", () => {
    expect(categoricalDistribution([null, "l1", "l2"]).choices).toEqual([null, "l1", "l2"]);
    expect(categoricalDistribution([null]).choices).toEqual([null]);
    const mixed = categoricalDistribution([null, true, 1, 1.5, "auto"]);
    expect(mixed.choices).toEqual([null, true, 1, 1.5, "auto"]);
    // 1 and true are different choices, as are "1" and 1.
    expect(categoricalDistribution([1, true, "1", false, 0]).choices).toHaveLength(5);
    for (const [i, c] of mixed.choices.entries()) {
      expect(toInternal(mixed, c)).toBe(i);
      expect(toExternal(mixed, i)).toBe(c);
    }
    expect(() => toInternal(mixed, "1")).toThrow(/not one of the choices/);
  });
});

describe("distribution helpers", () => {
  it("distributionsEqual compares every attribute", () => {
    expect(distributionsEqual(floatDistribution(0, 1), floatDistribution(0, 1))).toBe(true);
    expect(distributionsEqual(floatDistribution(0, 1), floatDistribution(0, 2))).toBe(false);
    expect(distributionsEqual(floatDistribution(1, 2), floatDistribution(1, 2, { log: true }))).toBe(false);
    expect(distributionsEqual(intDistribution(0, 2), floatDistribution(0, 2))).toBe(false);
    expect(distributionsEqual(categoricalDistribution(["a"]), categoricalDistribution(["a"]))).toBe(true);
    expect(distributionsEqual(categoricalDistribution(["a", "b"]), categoricalDistribution(["b", "a"]))).toBe(
      false,
    );
  });

  it("distributionIncompatibility explains kind and choice changes only", () => {
    expect(distributionIncompatibility(floatDistribution(0, 1), floatDistribution(0, 5))).toBeNull();
    expect(distributionIncompatibility(floatDistribution(0, 1), intDistribution(0, 1))).toMatch(/float.*int/);
    expect(
      distributionIncompatibility(categoricalDistribution(["a"]), categoricalDistribution(["b"])),
    ).toMatch(/choices/);
  });

  it("isSingleValue", () => {
    expect(isSingleValue(floatDistribution(1, 1))).toBe(true);
    expect(isSingleValue(categoricalDistribution(["only"]))).toBe(true);
    expect(isSingleValue(intDistribution(0, 1))).toBe(false);
  });
});

describe("toInternal / toExternal", () => {
  it("maps categorical choices to indices and back", () => {
    const d = categoricalDistribution([null, "a", "b"]);
    expect(toInternal(d, "b")).toBe(2);
    expect(toInternal(d, null)).toBe(0);
    expect(toExternal(d, 1)).toBe("a");
    expect(() => toInternal(d, "z")).toThrow(/not one of the choices/);
    expect(() => toExternal(d, 3)).toThrow(/not a choice index/);
  });

  it("checks floats and ints against bounds and grid", () => {
    expect(() => toInternal(floatDistribution(0, 1), 2)).toThrow(/outside/);
    expect(() => toInternal(intDistribution(0, 10, { step: 2 }), 3)).toThrow(/outside/);
    expect(toInternal(floatDistribution(0, 1, { step: 0.1 }), 0.3)).toBe(0.3);
    expect(() => toInternal(floatDistribution(0, 1), "0.5")).toThrow();
  });

  it("round-trips every in-range value (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (low, span, step) => {
          const d = intDistribution(low, low + span, { step });
          for (let x = d.low; x <= d.high; x += step) {
            expect(toExternal(d, toInternal(d, x))).toBe(x);
            expect(containsInternal(d, x)).toBe(true);
          }
          if (step > 1 && span >= 1) expect(containsInternal(d, d.low + 1)).toBe(false);
        },
      ),
    );
  });

  it("snapInternal lands on the grid and inside the bounds (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        const d = floatDistribution(-2, 3, { step: 0.25 });
        const s = snapInternal(d, x);
        expect(containsInternal(d, s)).toBe(true);
        const di = intDistribution(-3, 9, { step: 3 });
        expect(containsInternal(di, snapInternal(di, x))).toBe(true);
        const dc = categoricalDistribution(["a", "b", "c"]);
        expect(containsInternal(dc, snapInternal(dc, x))).toBe(true);
      }),
    );
  });

  it("distributionToPrior maps each kind to the matching prior", () => {
    expect(distributionToPrior(floatDistribution(1, 10, { log: true })).kind).toBe("log-uniform");
    expect(distributionToPrior(floatDistribution(0, 1, { step: 0.5 }))).toMatchObject({
      kind: "uniform",
      step: 0.5,
    });
    expect(distributionToPrior(intDistribution(1, 8, { log: true }))).toMatchObject({
      kind: "int",
      log: true,
    });
    expect(distributionToPrior(categoricalDistribution(["x", "y"]))).toMatchObject({
      kind: "categorical",
      n: 2,
    });
  });
});
