/**
 * Survival of a single-objective genetic algorithm: which μ members of a pool (the parents and
 * their offspring, (μ + λ)) form the next population. Shared by `GeneticAlgorithm` and the
 * study adapter `GeneticSampler` of `@tunelab/samplers/ga`, so both select alike.
 *
 * Order of two members a, b ("a is better than b"): with constraint violations (≥ 0; ≤ 0 is
 * feasible), a feasible member beats an infeasible one and two infeasible ones compare by total
 * violation (Deb, "An efficient constraint handling method for genetic algorithms", CMAME
 * 186, 2000); otherwise the lower value wins. NaN values are not allowed; +Infinity sorts last.
 *
 * Kinds:
 * - `elitist`: truncation, the μ best of the pool ((μ + λ) selection as in evolution
 *   strategies; Bäck, "Evolutionary Algorithms in Theory and Practice", 1996). Ties keep the
 *   lower index (the older member when parents come first). The best member always survives.
 * - `tournament`: μ tournaments without replacement, each among `size` members drawn uniformly
 *   from those not yet chosen, its winner surviving (Goldberg & Deb, "A comparative analysis of
 *   selection schemes used in genetic algorithms", FOGA 1991). Weaker selection pressure than
 *   truncation; the best member survives only if drawn, so the best value of a population can
 *   get worse (the study keeps every trial, so the sampler loses nothing it has found).
 */
import type { Better } from "../../genetic/selection/tournament.js";
import type { Rng } from "../../random/rng.js";

/** How a population survives. */
export type GaSurvival =
  /** The μ best of parents and offspring. */
  | { readonly kind: "elitist" }
  /** μ tournaments of `size` members without replacement. */
  | {
      readonly kind: "tournament";
      /** Members per tournament (≥ 2). @defaultValue 2 */
      readonly size?: number;
    };

/**
 * The comparison of the file header: `better(a, b)` when member a beats member b.
 * @param values - objective values (minimized).
 * @param violation - total constraint violation per member, or null when unconstrained.
 */
export function gaComparison(values: ArrayLike<number>, violation: ArrayLike<number> | null): Better {
  if (violation === null) return (a, b) => values[a]! < values[b]!;
  return (a, b) => {
    const va = Math.max(0, violation[a]!);
    const vb = Math.max(0, violation[b]!);
    if (va !== vb) return va < vb;
    return values[a]! < values[b]!;
  };
}

/**
 * Checks a survival record.
 * @throws TypeError / RangeError naming `where` on an unknown kind or a tournament size below 2.
 */
export function checkGaSurvival(where: string, s: GaSurvival): void {
  if (s === null || typeof s !== "object")
    throw new TypeError(`${where}: survival must be a record with a kind`);
  if (s.kind === "tournament") {
    const t = s.size;
    if (t !== undefined && !(Number.isSafeInteger(t) && t >= 2)) {
      throw new RangeError(`${where}: survival.size must be an integer >= 2, got ${String(t)}`);
    }
  } else if (s.kind !== "elitist") {
    throw new TypeError(
      `${where}: survival.kind must be "elitist" or "tournament", got ${String((s as { kind: unknown }).kind)}`,
    );
  }
}

/**
 * The survivors of a pool.
 * @param values - objective values of the pool (minimized; no NaN).
 * @param size - μ, how many survive (all when the pool is smaller).
 * @param survival - the kind of survival.
 * @param rng - draws of tournament survival (unused by elitist survival).
 * @param violation - total constraint violation per member, or null. @defaultValue null
 * @returns the indices of the survivors, best first for elitist survival, in the order chosen
 *   for tournament survival.
 * @throws RangeError on a NaN value, a bad size, a violation array of the wrong length, or a
 *   bad survival record.
 * @example
 * ```ts
 * gaSurvive(Float64Array.of(3, 1, 2), 2, { kind: "elitist" }, rng); // Int32Array [1, 2]
 * ```
 */
export function gaSurvive(
  values: ArrayLike<number>,
  size: number,
  survival: GaSurvival,
  rng: Rng,
  violation: ArrayLike<number> | null = null,
): Int32Array {
  const where = "gaSurvive";
  checkGaSurvival(where, survival);
  const n = values.length;
  if (!(Number.isSafeInteger(size) && size >= 0)) {
    throw new RangeError(`${where}: size must be a non-negative integer, got ${String(size)}`);
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`${where}: values[${i}] must not be NaN`);
  }
  if (violation !== null && violation.length !== n) {
    throw new RangeError(`${where}: violation must have ${n} entries, got ${violation.length}`);
  }
  const better = gaComparison(values, violation);
  if (survival.kind === "elitist") {
    const order = Array.from({ length: n }, (_, i) => i);
    // A stable sort: equal members keep their order (the lower index first).
    order.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return Int32Array.from(order.slice(0, Math.min(size, n)));
  }
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const t = survival.size ?? 2;
  const left = Array.from({ length: n }, (_, i) => i);
  const out = new Int32Array(size);
  for (let s = 0; s < size; s++) {
    // Draw min(t, |left|) distinct positions of `left` (a partial Fisher–Yates shuffle).
    const m = Math.min(t, left.length);
    let winner = -1;
    for (let j = 0; j < m; j++) {
      const r = rng.int(j, left.length - 1);
      const tmp = left[j]!;
      left[j] = left[r]!;
      left[r] = tmp;
      if (winner < 0 || better(left[j]!, left[winner]!)) winner = j;
    }
    out[s] = left[winner]!;
    left.splice(winner, 1);
  }
  return out;
}
