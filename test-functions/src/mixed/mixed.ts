/**
 * A mixed continuous / integer / categorical problem where each category moves the optimum.
 *
 * f(x, lr, n, c) = o_c + Σ_j (x_j - μ_{c,j})² + (log10 lr - t_c)² + ((n - k_c)/4)²
 * with x ∈ [-5, 5]², lr ∈ [1e-5, 1] (log scale), n ∈ {0..20}, c ∈ {a, b, c} and the per-category
 * targets below. Within category c the minimum is o_c at (μ_c, 10^t_c, k_c); the global minimum
 * is 0 in category "b". Designed here (no external source): a sampler has to find the right
 * category *and* the continuous and integer optimum that goes with it.
 */
import type { SingleObjectiveFunction } from "../types.js";
import { readChoice, readNumber } from "./read.js";

const CATEGORIES = ["a", "b", "c"] as const;

/** Per-category targets: offset o, centre μ, log10 learning rate t, integer k. */
export const MIXED_TARGETS: Readonly<
  Record<
    "a" | "b" | "c",
    {
      readonly offset: number;
      readonly mu: readonly [number, number];
      readonly logLr: number;
      readonly n: number;
    }
  >
> = {
  a: { offset: 0.5, mu: [2, -1], logLr: -3, n: 4 },
  b: { offset: 0, mu: [-1.5, 3], logLr: -2, n: 12 },
  c: { offset: 0.25, mu: [0.5, 0.5], logLr: -4, n: 17 },
};

/**
 * The mixed problem described in this module's header.
 * @example mixedProblem().evaluate({ x0: -1.5, x1: 3, lr: 0.01, n: 12, c: "b" }) // 0
 */
export function mixedProblem(): SingleObjectiveFunction {
  const name = "mixed-categorical-shift";
  const b = MIXED_TARGETS.b;
  return {
    kind: "single",
    name,
    description:
      "Mixed problem: 2 floats, a log-scaled float, an integer and a 3-way categorical; each category has its own optimizer and offset (global minimum 0 in category b).",
    space: [
      { kind: "float", name: "x0", low: -5, high: 5 },
      { kind: "float", name: "x1", low: -5, high: 5 },
      { kind: "float", name: "lr", low: 1e-5, high: 1, log: true },
      { kind: "int", name: "n", low: 0, high: 20 },
      { kind: "categorical", name: "c", choices: [...CATEGORIES] },
    ],
    tags: ["mixed", "non-separable", "multimodal"],
    optimum: 0,
    optimizers: [{ x0: b.mu[0], x1: b.mu[1], lr: 10 ** b.logLr, n: b.n, c: "b" }],
    source: "tunelab (designed for this package; see the module header for the closed form)",
    evaluate(params) {
      const c = readChoice(name, params, "c", CATEGORIES);
      const t = MIXED_TARGETS[c];
      const x0 = readNumber(name, params, "x0") - t.mu[0];
      const x1 = readNumber(name, params, "x1") - t.mu[1];
      const l = Math.log10(readNumber(name, params, "lr")) - t.logLr;
      const k = (readNumber(name, params, "n") - t.n) / 4;
      return t.offset + x0 * x0 + x1 * x1 + l * l + k * k;
    },
  };
}
