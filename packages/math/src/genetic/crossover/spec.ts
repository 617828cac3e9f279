/**
 * The built-in crossovers as tagged records (style.md §7), so that a caller without code (a
 * sampler option, a benchmark configuration, JSON) names one, and {@link crossoverFromSpec}
 * builds it.
 */
import type { Crossover } from "../types.js";
import { type BlxAlphaCrossoverOptions, blxAlphaCrossover } from "./blx-alpha.js";
import { type SbxCrossoverOptions, sbxCrossover } from "./sbx.js";
import { type SpxCrossoverOptions, spxCrossover } from "./spx.js";
import { type UndxCrossoverOptions, undxCrossover } from "./undx.js";
import { type UniformCrossoverOptions, uniformCrossover } from "./uniform.js";
import { type VsbxCrossoverOptions, vsbxCrossover } from "./vsbx.js";

/** A built-in crossover named by `kind`, with its options beside the tag. */
export type CrossoverSpec =
  | ({ readonly kind: "uniform" } & UniformCrossoverOptions)
  | ({ readonly kind: "blx-alpha" } & BlxAlphaCrossoverOptions)
  | ({ readonly kind: "sbx" } & SbxCrossoverOptions)
  | ({ readonly kind: "vsbx" } & VsbxCrossoverOptions)
  | ({ readonly kind: "spx" } & SpxCrossoverOptions)
  | ({ readonly kind: "undx" } & UndxCrossoverOptions);

/** The kinds of {@link CrossoverSpec}. */
export const CROSSOVER_KINDS: readonly CrossoverSpec["kind"][] = [
  "uniform",
  "blx-alpha",
  "sbx",
  "vsbx",
  "spx",
  "undx",
];

/**
 * The crossover a spec names.
 * @throws TypeError on an unknown kind (the message lists the known ones); RangeError on a bad
 *   option, as the operator's factory.
 * @example crossoverFromSpec({ kind: "sbx", eta: 15 }).nParents // 2
 */
export function crossoverFromSpec(spec: CrossoverSpec): Crossover {
  const { kind, ...options } = spec as CrossoverSpec & Record<string, unknown>;
  switch (spec.kind) {
    case "uniform":
      return uniformCrossover(options as UniformCrossoverOptions);
    case "blx-alpha":
      return blxAlphaCrossover(options as BlxAlphaCrossoverOptions);
    case "sbx":
      return sbxCrossover(options as SbxCrossoverOptions);
    case "vsbx":
      return vsbxCrossover(options as VsbxCrossoverOptions);
    case "spx":
      return spxCrossover(options as SpxCrossoverOptions);
    case "undx":
      return undxCrossover(options as UndxCrossoverOptions);
    default:
      throw new TypeError(
        `crossoverFromSpec: kind must be one of ${CROSSOVER_KINDS.join(", ")}, got ${String(kind)}`,
      );
  }
}
