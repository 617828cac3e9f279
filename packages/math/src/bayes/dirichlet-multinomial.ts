/**
 * The Dirichlet–Categorical / Dirichlet–Multinomial model: category probabilities θ with a
 * Dirichlet prior, observed through category draws.
 *
 * Notation: K categories, θ ~ Dir(α₁, …, α_K), A = Σ α_k; data are category indices or rows
 * of multinomial counts; c_k the total count of category k, N = Σ c_k. Gelman et al. (2013),
 * §3.4; Minka (2000), "Estimating a Dirichlet distribution":
 *   posterior     θ | D ~ Dir(α + c)
 *   evidence      ln P(D) = Σ_rows ln(Nᵢ!/Π_k cᵢₖ!) + ln Γ(A) - ln Γ(A + N)
 *                           + Σ_k [ln Γ(α_k + c_k) - ln Γ(α_k)]
 *                 (without the multinomial coefficients for a sequence of indices)
 *   predictive    m future draws: DirMult(m, α + c); one draw: P(k | D) = (α_k + c_k)/(A + N).
 */
import gammaln from "@stdlib/math-base-special-gammaln";
import type { DirichletDistribution, DirichletMultinomialDistribution, MultinomialStats } from "./types.js";
import { checkArrayLike, checkConcentrations, checkInteger } from "./validate.js";

/**
 * The Dir(α) prior of K ≥ 2 category probabilities (also the Dirichlet distribution in
 * general). α_k acts as a prior count of category k; Dir(1, …, 1) is uniform on the simplex.
 * The record holds a copy of `alpha`.
 * @throws RangeError unless `alpha` has at least 2 entries, each finite and > 0.
 * @example update(dirichletPrior([1, 1, 1]), [0, 2, 2]) // Dir(2, 1, 3)
 */
export function dirichletPrior(alpha: ArrayLike<number>): DirichletDistribution {
  return { kind: "dirichlet", alpha: checkConcentrations("dirichletPrior", "alpha", alpha) };
}

/**
 * Sufficient statistics of a sequence of category indices in [0, K): the count of each
 * category (`logCoefficient` 0: the evidence is the probability of this exact sequence).
 * @throws RangeError unless `nCategories` is an integer ≥ 2 and every index an integer in
 * [0, nCategories).
 * @example categoricalStats([0, 2, 2], 3) // counts [1, 0, 2]
 */
export function categoricalStats(indices: ArrayLike<number>, nCategories: number): MultinomialStats {
  checkInteger("categoricalStats", "nCategories", nCategories, 2);
  return collectCategorical("categoricalStats", "indices", indices, nCategories);
}

/** {@link categoricalStats} with the caller's name and argument in its errors. */
export function collectCategorical(
  where: string,
  name: string,
  indices: ArrayLike<number>,
  nCategories: number,
): MultinomialStats {
  checkArrayLike(where, name, indices);
  const counts = new Float64Array(nCategories);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i]!;
    if (!(Number.isInteger(k) && k >= 0 && k < nCategories)) {
      throw new RangeError(
        `${where}: ${name} must be integers in [0, ${nCategories}), got ${name}[${i}]=${k}`,
      );
    }
    counts[k]!++;
  }
  return { kind: "multinomial-stats", counts, logCoefficient: 0 };
}

/**
 * Sufficient statistics of multinomial observations: a row-major matrix of counts with
 * `nCategories` columns, one row per observation. `logCoefficient` sums each row's
 * ln(Nᵢ!/Π cᵢₖ!), so the evidence is the probability of the counts (not of one ordering).
 * @throws RangeError unless `nCategories` is an integer ≥ 2 dividing `counts.length` and
 * every count is an integer ≥ 0.
 * @example multinomialStats([2, 0, 1, 0, 1, 1], 3) // two rows: counts [2, 1, 2]
 */
export function multinomialStats(counts: ArrayLike<number>, nCategories: number): MultinomialStats {
  checkArrayLike("multinomialStats", "counts", counts);
  checkInteger("multinomialStats", "nCategories", nCategories, 2);
  if (counts.length % nCategories !== 0) {
    throw new RangeError(
      `multinomialStats: counts length ${counts.length} is not a multiple of nCategories=${nCategories}`,
    );
  }
  const totals = new Float64Array(nCategories);
  let logC = 0;
  for (let r = 0; r < counts.length; r += nCategories) {
    let rowTotal = 0;
    for (let k = 0; k < nCategories; k++) {
      const c = counts[r + k]!;
      checkInteger("multinomialStats", `counts[${r + k}]`, c, 0);
      totals[k]! += c;
      rowTotal += c;
      logC -= gammaln(c + 1);
    }
    logC += gammaln(rowTotal + 1);
  }
  return { kind: "multinomial-stats", counts: totals, logCoefficient: logC };
}

/** Dir(α + c). */
export function dirichletUpdate(
  prior: DirichletDistribution,
  stats: MultinomialStats,
): DirichletDistribution {
  const a = prior.alpha;
  const alpha = new Float64Array(a.length);
  for (let k = 0; k < a.length; k++) alpha[k] = a[k]! + stats.counts[k]!;
  return { kind: "dirichlet", alpha };
}

/** ln P(D) = coefficients + ln Γ(A) - ln Γ(A + N) + Σ [ln Γ(α_k + c_k) - ln Γ(α_k)]. */
export function dirichletLogEvidence(prior: DirichletDistribution, stats: MultinomialStats): number {
  const a = prior.alpha;
  let A = 0;
  let N = 0;
  let out = stats.logCoefficient;
  for (let k = 0; k < a.length; k++) {
    const c = stats.counts[k]!;
    A += a[k]!;
    N += c;
    if (c > 0) out += gammaln(a[k]! + c) - gammaln(a[k]!);
  }
  return out + gammaln(A) - gammaln(A + N);
}

/** DirMult(m, α), the counts of `trials` future draws. */
export function dirichletPredictive(
  posterior: DirichletDistribution,
  trials: number,
): DirichletMultinomialDistribution {
  return { kind: "dirichlet-multinomial", trials, alpha: posterior.alpha };
}

/** Adds two count records of the same K. */
export function mergeMultinomialStats(a: MultinomialStats, b: MultinomialStats): MultinomialStats {
  const counts = new Float64Array(a.counts.length);
  for (let k = 0; k < counts.length; k++) counts[k] = a.counts[k]! + b.counts[k]!;
  return { kind: "multinomial-stats", counts, logCoefficient: a.logCoefficient + b.logCoefficient };
}

/** @throws RangeError unless the counts are K integers ≥ 0 and the coefficient is finite. */
export function checkMultinomialStats(where: string, stats: MultinomialStats, nCategories: number): void {
  if (!(stats.counts instanceof Float64Array) || stats.counts.length !== nCategories) {
    throw new RangeError(
      `${where}: data.counts must be a Float64Array of ${nCategories} counts, got length ${stats.counts?.length}`,
    );
  }
  for (let k = 0; k < nCategories; k++) checkInteger(where, `data.counts[${k}]`, stats.counts[k]!, 0);
  if (!Number.isFinite(stats.logCoefficient)) {
    throw new RangeError(`${where}: data.logCoefficient must be finite, got ${stats.logCoefficient}`);
  }
}
