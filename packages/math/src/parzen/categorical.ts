/**
 * Categorical kernels: the K×c table of probabilities that each component puts on each of the
 * c choices of a categorical dimension.
 *
 * Observation rows (choice o of observation i; a = priorWeight/K):
 * - smoothed indicator (Optuna 3.1 `_calculate_categorical_params`):
 *     p(j) = (a + [j = o])/(1 + c·a). This is an Aitchison-Aitken kernel (Aitchison and
 *     Aitken, "Multivariate binary discrimination by the kernel method", Biometrika 63(3),
 *     1976) with smoothing λ = (c - 1)a/(1 + c·a), which shrinks as K grows.
 * - Aitchison-Aitken with a fixed λ: p(o) = 1 - λ, p(j ≠ o) = λ/(c - 1).
 * - with a distance d between choices (Optuna ≥ 3.4, `TPESampler(categorical_distance_func)`):
 *     p(j) ∝ exp(-(d(o, j)/max_j' d(o, j'))²·κ), κ = max(0, log(K/priorWeight))·log c/log 6,
 *     a Gaussian-like kernel on the normalized distance whose sharpness grows with K.
 *     (Optuna lets κ turn negative when priorWeight > K; it is clamped at 0 here, which gives
 *     the uniform row instead of one that favours distant choices.)
 * The prior row (last, when present) is the dimension's prior probabilities, uniform by default.
 */
import type { CategoricalDimension, CategoricalKernelRule, CategoricalKernels } from "./types.js";

/**
 * The kernel table of one categorical dimension.
 * @param dim - the dimension (with optional distance and prior probabilities).
 * @param observed - the n observed choice indices (validated by the caller).
 * @param hasPrior - whether to append the prior row.
 * @param priorWeight - the prior component's weight before normalization.
 * @param rule - the kernel of observation rows when the dimension has no distance.
 * @throws RangeError if λ is outside [0, (c - 1)/c], or the distance returns a negative or
 * non-finite value.
 */
export function categoricalKernelTable(
  dim: CategoricalDimension,
  observed: ArrayLike<number>,
  hasPrior: boolean,
  priorWeight: number,
  rule: CategoricalKernelRule,
): CategoricalKernels {
  const c = dim.n;
  const n = observed.length;
  const k = n + (hasPrior ? 1 : 0);
  const p = new Float64Array(k * c);
  if (dim.distance !== undefined) {
    fillDistanceRows(p, dim.distance, observed, c, k, priorWeight);
  } else if (rule.kind === "smoothed-indicator") {
    const a = priorWeight / k;
    const norm = 1 / (1 + c * a);
    for (let i = 0; i < n; i++) {
      const row = p.subarray(i * c, (i + 1) * c);
      row.fill(a * norm);
      row[observed[i]!] = (1 + a) * norm;
    }
  } else if (rule.kind === "aitchison-aitken") {
    const lambda = rule.lambda;
    if (!(lambda >= 0 && lambda <= (c - 1) / c)) {
      throw new RangeError(
        `buildParzenEstimator: aitchison-aitken lambda must be in [0, (c-1)/c] = [0, ${(c - 1) / c}], got ${lambda}`,
      );
    }
    const other = c > 1 ? lambda / (c - 1) : 0;
    for (let i = 0; i < n; i++) {
      const row = p.subarray(i * c, (i + 1) * c);
      row.fill(other);
      row[observed[i]!] = c > 1 ? 1 - lambda : 1;
    }
  } else {
    throw new TypeError(
      `buildParzenEstimator: unknown categorical kernel ${(rule as { kind: unknown }).kind}`,
    );
  }
  if (hasPrior) {
    const row = p.subarray(n * c, (n + 1) * c);
    const q = dim.priorProbabilities;
    if (q === undefined) {
      row.fill(1 / c);
    } else {
      let total = 0;
      for (let j = 0; j < c; j++) total += q[j]!;
      for (let j = 0; j < c; j++) row[j] = q[j]! / total;
    }
  }
  const logp = new Float64Array(k * c);
  for (let i = 0; i < k * c; i++) logp[i] = Math.log(p[i]!);
  return { kind: "categorical", dimension: dim, n: c, probabilities: p, logProbabilities: logp };
}

/** Rows of the distance kernel; rows of equal observed choices are computed once. */
function fillDistanceRows(
  p: Float64Array,
  distance: (i: number, j: number) => number,
  observed: ArrayLike<number>,
  c: number,
  k: number,
  priorWeight: number,
): void {
  const n = observed.length;
  const kappa = (Math.max(0, Math.log(k / priorWeight)) * Math.log(c)) / Math.log(6);
  const cache = new Map<number, Float64Array>();
  const d = new Float64Array(c);
  for (let i = 0; i < n; i++) {
    const o = observed[i]!;
    let row = cache.get(o);
    if (row === undefined) {
      let max = 0;
      for (let j = 0; j < c; j++) {
        const v = distance(o, j);
        if (!(v >= 0 && Number.isFinite(v))) {
          throw new RangeError(
            `buildParzenEstimator: distance(${o}, ${j}) must be finite and >= 0, got ${v}`,
          );
        }
        d[j] = v;
        if (v > max) max = v;
      }
      row = new Float64Array(c);
      let total = 0;
      for (let j = 0; j < c; j++) {
        const r = max > 0 ? d[j]! / max : 0;
        const v = Math.exp(-r * r * kappa);
        row[j] = v;
        total += v;
      }
      for (let j = 0; j < c; j++) row[j] = row[j]! / total;
      cache.set(o, row);
    }
    p.set(row, i * c);
  }
}
