import { describe, expect, it } from "vitest";
import {
  categoricalDistribution,
  type Distribution,
  floatDistribution,
  intDistribution,
} from "../../src/distributions/distribution.js";
import { distributionFromJson, distributionToJson } from "../../src/distributions/json.js";
import fixture from "../fixtures/optuna-distributions.json" with { type: "json" };

// Produced by test/fixtures/optuna-distributions.py with Optuna 3.1.
const ours: Record<string, Distribution> = {
  float: floatDistribution(-1.5, 2),
  float_log: floatDistribution(1e-5, 0.1, { log: true }),
  float_step: floatDistribution(0, 1, { step: 0.25 }),
  int: intDistribution(-3, 7),
  int_step: intDistribution(0, 20, { step: 5 }),
  int_log: intDistribution(1, 1024, { log: true }),
  cat_str: categoricalDistribution(["adam", "sgd"]),
  cat_mixed_null: categoricalDistribution([null, "l1", "l2"]),
  cat_bool: categoricalDistribution([true, false]),
  cat_num: categoricalDistribution([1, 2.5, -3]),
};

describe("distributionToJson / distributionFromJson", () => {
  const cases = fixture.cases as Record<string, string>;

  it.each(Object.keys(cases))("%s matches Optuna's JSON form", (key) => {
    const optunaJson = cases[key]!;
    expect(distributionToJson(ours[key]!)).toEqual(JSON.parse(optunaJson));
    expect(distributionFromJson(optunaJson)).toEqual(ours[key]);
  });

  it("reads Optuna's legacy distribution names", () => {
    expect(
      distributionFromJson({ name: "LogUniformDistribution" as never, attributes: { low: 1, high: 10 } }),
    ).toEqual(floatDistribution(1, 10, { log: true }));
    expect(
      distributionFromJson({
        name: "DiscreteUniformDistribution" as never,
        attributes: { low: 0, high: 1, q: 0.5 },
      }),
    ).toEqual(floatDistribution(0, 1, { step: 0.5 }));
    expect(
      distributionFromJson({ name: "IntLogUniformDistribution" as never, attributes: { low: 1, high: 8 } }),
    ).toEqual(intDistribution(1, 8, { log: true }));
  });

  it("rejects malformed records with a clear message", () => {
    expect(() => distributionFromJson("{}")).toThrow(/expected \{name, attributes\}/);
    expect(() => distributionFromJson({ name: "Nope" as never, attributes: {} })).toThrow(
      /unknown distribution name/,
    );
    expect(() =>
      distributionFromJson({ name: "FloatDistribution", attributes: { low: "a", high: 1 } }),
    ).toThrow(/FloatDistribution.low must be a number/);
  });
});
