/**
 * Which CMA-ES runs, as a tagged record: the full-covariance CMA-ES (Hansen 2016; optionally
 * with the learning-rate adaptation of Nomura, Akimoto and Ono 2023) or the separable one
 * (Ros and Hansen 2008). The callers that choose between {@link CmaEs} and {@link SepCmaEs}
 * take it (`RestartCmaEs`, and `CmaEsSampler` of `@tunelab/samplers`), so a setting that only
 * one variant has is written inside that variant's record and cannot be given to the other.
 */
import type { CmaEsOptions } from "./cma.js";
import { type LraOptions, resolveLraOptions } from "./lra.js";

/** The full-covariance CMA-ES ({@link CmaEs}): C is n×n, O(n²) per candidate. */
export interface CmaFullVariant extends Pick<CmaEsOptions, "learningRateAdaptation"> {
  /** Variant tag. */
  readonly kind: "full";
}

/**
 * The separable CMA-ES ({@link SepCmaEs}): C is diagonal, O(n) per candidate, for hundreds of
 * coordinates; it starts from C = I and has no learning-rate adaptation.
 */
export interface CmaSeparableVariant {
  /** Variant tag. */
  readonly kind: "separable";
}

/** The CMA-ES variant. */
export type CmaVariant = CmaFullVariant | CmaSeparableVariant;

/**
 * Checks a variant record (for callers without types) and its values.
 * @param where - the caller, for the error message.
 * @param variant - the record as given.
 * @param path - the option's name in the caller's options. @defaultValue "variant"
 * @returns the record with the learning-rate hyperparameters resolved (null when off).
 * @throws TypeError unless `variant` is a record; RangeError on an unknown kind, on
 *   learning-rate adaptation with the separable kind, or a hyperparameter outside its range.
 */
export function resolveVariant(
  where: string,
  variant: CmaVariant,
  path = "variant",
):
  | { readonly kind: "full"; readonly learningRateAdaptation: Required<LraOptions> | null }
  | CmaSeparableVariant {
  if (variant === null || typeof variant !== "object") {
    throw new TypeError(`${where}: ${path} must be { kind: "full" } or { kind: "separable" }`);
  }
  switch (variant.kind) {
    case "full": {
      const lra = variant.learningRateAdaptation ?? null;
      return {
        kind: "full",
        learningRateAdaptation:
          lra === null ? null : resolveLraOptions(where, lra, `${path}.learningRateAdaptation`),
      };
    }
    case "separable":
      if ((variant as { learningRateAdaptation?: unknown }).learningRateAdaptation != null) {
        throw new RangeError(
          `${where}: ${path}.learningRateAdaptation is only available with { kind: "full" } (the separable CMA-ES has no learning-rate adaptation)`,
        );
      }
      return { kind: "separable" };
    default:
      throw new RangeError(
        `${where}: ${path}.kind must be "full" or "separable", got ${JSON.stringify((variant as { kind: unknown }).kind)}`,
      );
  }
}
