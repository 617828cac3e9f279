/**
 * A conditional problem: a categorical "model" decides which other parameters exist, and a
 * nested categorical ("activation") decides whether a further one does.
 *
 * - model = "linear": alpha ∈ [1e-6, 1] (log);           f = 0.3 + 0.1 (log10 alpha + 3)²
 * - model = "tree":   depth ∈ {1..16}, minLeaf ∈ {1..32} (log);
 *                                                        f = 0.1 + ((depth - 7)/4)² + 0.05 (log2 minLeaf - 2)²
 * - model = "mlp":    layers ∈ {1..4}, width ∈ {16..1024} (log), activation ∈ {relu, tanh, leaky_relu},
 *                     and slope ∈ [1e-3, 0.3] (log) only when activation = leaky_relu;
 *                     f = b_act + 0.05 (layers - 3)² + 0.02 (log2 width - 8)², with b_relu = 0.05,
 *                     b_tanh = 0.15 and b_leaky = 0.2 (log10 slope + 1)².
 *
 * Branch minima: linear 0.3, tree 0.1, mlp 0 (leaky_relu, slope 0.1, 3 layers, width 256), so
 * the global minimum 0 needs the deepest branch. Designed here (no external source).
 */
import type { ParamSpec, Params, SingleObjectiveFunction } from "../types.js";
import { readChoice, readNumber } from "./read.js";

const MODELS = ["linear", "tree", "mlp"] as const;
const ACTIVATIONS = ["relu", "tanh", "leaky_relu"] as const;

const SPACE: readonly ParamSpec[] = [
  { kind: "categorical", name: "model", choices: [...MODELS] },
  {
    kind: "float",
    name: "alpha",
    low: 1e-6,
    high: 1,
    log: true,
    condition: { parent: "model", values: ["linear"] },
  },
  { kind: "int", name: "depth", low: 1, high: 16, condition: { parent: "model", values: ["tree"] } },
  {
    kind: "int",
    name: "minLeaf",
    low: 1,
    high: 32,
    log: true,
    condition: { parent: "model", values: ["tree"] },
  },
  { kind: "int", name: "layers", low: 1, high: 4, condition: { parent: "model", values: ["mlp"] } },
  {
    kind: "int",
    name: "width",
    low: 16,
    high: 1024,
    log: true,
    condition: { parent: "model", values: ["mlp"] },
  },
  {
    kind: "categorical",
    name: "activation",
    choices: [...ACTIVATIONS],
    condition: { parent: "model", values: ["mlp"] },
  },
  {
    kind: "float",
    name: "slope",
    low: 1e-3,
    high: 0.3,
    log: true,
    condition: { parent: "activation", values: ["leaky_relu"] },
  },
];

/**
 * The conditional problem described in this module's header. `evaluate` reads only the
 * parameters active for the chosen branch (inactive ones are ignored).
 * @throws TypeError (from `evaluate`) when an active parameter is missing or of the wrong type.
 * @example conditionalProblem().evaluate({ model: "tree", depth: 7, minLeaf: 4 }) // 0.1
 */
export function conditionalProblem(): SingleObjectiveFunction {
  const name = "conditional-model-choice";
  return {
    kind: "single",
    name,
    description:
      "Conditional problem: a categorical model choice activates its own parameters (one nested level); branch minima 0.3, 0.1 and 0.",
    space: SPACE,
    tags: ["conditional", "mixed", "multimodal"],
    optimum: 0,
    optimizers: [{ model: "mlp", layers: 3, width: 256, activation: "leaky_relu", slope: 0.1 }],
    source: "tunelab (designed for this package; see the module header for the closed form)",
    evaluate(params: Params): number {
      const model = readChoice(name, params, "model", MODELS);
      if (model === "linear") {
        const a = Math.log10(readNumber(name, params, "alpha")) + 3;
        return 0.3 + 0.1 * a * a;
      }
      if (model === "tree") {
        const d = (readNumber(name, params, "depth") - 7) / 4;
        const m = Math.log2(readNumber(name, params, "minLeaf")) - 2;
        return 0.1 + d * d + 0.05 * m * m;
      }
      const act = readChoice(name, params, "activation", ACTIVATIONS);
      let base: number;
      if (act === "leaky_relu") {
        const s = Math.log10(readNumber(name, params, "slope")) + 1;
        base = 0.2 * s * s;
      } else base = act === "relu" ? 0.05 : 0.15;
      const l = readNumber(name, params, "layers") - 3;
      const w = Math.log2(readNumber(name, params, "width")) - 8;
      return base + 0.05 * l * l + 0.02 * w * w;
    },
  };
}
