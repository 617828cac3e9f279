/**
 * Optuna-compatible JSON forms of distributions, e.g.
 * `{"name": "FloatDistribution", "attributes": {"low": 0, "high": 1, "step": null, "log": false}}`,
 * as written by Optuna's `distribution_to_json` (optuna/distributions.py), so that studies can
 * be exchanged through journal files.
 */
import {
  type CategoricalChoice,
  categoricalDistribution,
  type Distribution,
  floatDistribution,
  intDistribution,
} from "./distribution.js";

/** The JSON record of a distribution. */
export interface DistributionJson {
  readonly name: "FloatDistribution" | "IntDistribution" | "CategoricalDistribution";
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The Optuna-style JSON record of a distribution. */
export function distributionToJson(d: Distribution): DistributionJson {
  switch (d.kind) {
    case "float":
      return {
        name: "FloatDistribution",
        attributes: { step: d.step, low: d.low, high: d.high, log: d.log },
      };
    case "int":
      return { name: "IntDistribution", attributes: { log: d.log, step: d.step, low: d.low, high: d.high } };
    case "categorical":
      return { name: "CategoricalDistribution", attributes: { choices: d.choices } };
  }
}

/**
 * Parses an Optuna-style JSON record (object or string), including Optuna's legacy names
 * (UniformDistribution, LogUniformDistribution, DiscreteUniformDistribution,
 * IntUniformDistribution, IntLogUniformDistribution).
 * @throws Error naming the problem when the record is malformed or unknown.
 */
export function distributionFromJson(json: DistributionJson | string): Distribution {
  const rec = (typeof json === "string" ? JSON.parse(json) : json) as {
    name?: unknown;
    attributes?: Record<string, unknown>;
  };
  if (
    rec === null ||
    typeof rec !== "object" ||
    typeof rec.name !== "string" ||
    typeof rec.attributes !== "object"
  ) {
    throw new Error(`distributionFromJson: expected {name, attributes}, got ${JSON.stringify(json)}`);
  }
  const a = rec.attributes;
  const num = (k: string): number => {
    const v = a[k];
    if (typeof v !== "number") throw new Error(`distributionFromJson: ${rec.name}.${k} must be a number`);
    return v;
  };
  switch (rec.name) {
    case "FloatDistribution":
      return floatDistribution(num("low"), num("high"), {
        log: Boolean(a.log),
        step: a.step === null || a.step === undefined ? null : num("step"),
      });
    case "IntDistribution":
      return intDistribution(num("low"), num("high"), {
        log: Boolean(a.log),
        step: a.step === undefined ? 1 : num("step"),
      });
    case "CategoricalDistribution":
      return categoricalDistribution(a.choices as CategoricalChoice[]);
    case "UniformDistribution":
      return floatDistribution(num("low"), num("high"));
    case "LogUniformDistribution":
      return floatDistribution(num("low"), num("high"), { log: true });
    case "DiscreteUniformDistribution":
      return floatDistribution(num("low"), num("high"), { step: num("q") });
    case "IntUniformDistribution":
      return intDistribution(num("low"), num("high"), { step: a.step === undefined ? 1 : num("step") });
    case "IntLogUniformDistribution":
      return intDistribution(num("low"), num("high"), { log: true });
    default:
      throw new Error(`distributionFromJson: unknown distribution name ${JSON.stringify(rec.name)}`);
  }
}
