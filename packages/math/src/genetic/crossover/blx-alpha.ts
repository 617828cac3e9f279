/**
 * BLX-α, the blend crossover (Eshelman and Schaffer, "Real-coded genetic algorithms and
 * interval-schemata", FOGA 2, 1993): with mᵢ = min(aᵢ, bᵢ), Mᵢ = max(aᵢ, bᵢ) and
 * dᵢ = Mᵢ − mᵢ, each gene of the child is uniform on [mᵢ − α·dᵢ, Mᵢ + α·dᵢ]; its mean is the
 * parents' midpoint and its variance (1 + 2α)²·dᵢ²/12. The interval may leave the box.
 */
import type { Rng } from "../../random/rng.js";
import type { Box, Crossover } from "../types.js";
import { checkNonNegative } from "../validate.js";

/** Options of {@link blxAlphaCrossover}. */
export interface BlxAlphaCrossoverOptions {
  /** Extension α of the parents' interval on each side, as a fraction of its width. @defaultValue 0.5 (Eshelman and Schaffer 1993) */
  readonly alpha?: number;
}

/**
 * The BLX-α crossover of two parents.
 * @throws RangeError if `alpha` is negative or not finite.
 * @example crossover(blxAlphaCrossover({ alpha: 0.5 }), [a, b], rng)
 */
export function blxAlphaCrossover(options: BlxAlphaCrossoverOptions = {}): Crossover {
  const alpha = options.alpha ?? 0.5;
  checkNonNegative("blxAlphaCrossover", "alpha", alpha);
  return {
    name: "blx-alpha",
    nParents: 2,
    cross(parents: readonly Float64Array[], rng: Rng, _box: Box, out: Float64Array): Float64Array {
      const a = parents[0]!;
      const b = parents[1]!;
      for (let i = 0; i < out.length; i++) {
        const x = a[i]!;
        const y = b[i]!;
        const lo = x < y ? x : y;
        const hi = x < y ? y : x;
        const d = alpha * (hi - lo);
        out[i] = lo - d + (hi - lo + 2 * d) * rng.random();
      }
      return out;
    },
  };
}
