/**
 * Binary tournament selection (Goldberg and Deb, "A comparative analysis of selection schemes
 * used in genetic algorithms", FOGA 1991): draw two members uniformly (with replacement) and
 * keep the better. NSGA-II's comparator is the crowded comparison (Deb et al. 2002, §III-C):
 * lower rank first, then larger crowding distance.
 */
import type { Rng } from "../../random/rng.js";
import { checkInteger } from "../validate.js";

/** True when member a should win a tournament against member b. */
export type Better = (a: number, b: number) => boolean;

/**
 * The index of the winner of one binary tournament among members 0..n−1.
 * Ties (neither better) go to the first drawn, which is as likely to be either member.
 * @throws RangeError if n is not an integer ≥ 1.
 * @example binaryTournament(rng, ranks.length, (a, b) => ranks[a] < ranks[b])
 */
export function binaryTournament(rng: Rng, n: number, better: Better): number {
  checkInteger("binaryTournament", "n", n, 1);
  const a = rng.int(0, n - 1);
  const b = rng.int(0, n - 1);
  return better(b, a) ? b : a;
}

/**
 * k distinct members by k binary tournaments, each among the members not chosen yet (Optuna's
 * parent selection; pymoo draws with replacement). Returns member indices in the order chosen.
 * @throws RangeError unless 1 ≤ k ≤ n.
 * @example selectDistinct(rng, 50, 2, crowdedComparison(ranks, crowding)) // two parents
 */
export function selectDistinct(rng: Rng, n: number, k: number, better: Better): Int32Array {
  checkInteger("selectDistinct", "n", n, 1);
  checkInteger("selectDistinct", "k", k, 1);
  if (k > n) throw new RangeError(`selectDistinct: k must be <= n=${n}, got ${k}`);
  const out = new Int32Array(k);
  // pool[0..left) holds the members not chosen yet.
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  let left = n;
  for (let t = 0; t < k; t++) {
    const ia = rng.int(0, left - 1);
    const ib = rng.int(0, left - 1);
    const w = better(pool[ib]!, pool[ia]!) ? ib : ia;
    out[t] = pool[w]!;
    pool[w] = pool[left - 1]!;
    left--;
  }
  return out;
}

/**
 * NSGA-II's crowded comparison (Deb et al. 2002, §III-C): a beats b when its rank is lower, or
 * equal with a larger crowding distance.
 * @example binaryTournament(rng, n, crowdedComparison(ranks, distances))
 */
export function crowdedComparison(ranks: ArrayLike<number>, crowding: ArrayLike<number>): Better {
  return (a, b) => {
    const ra = ranks[a]!;
    const rb = ranks[b]!;
    return ra < rb || (ra === rb && crowding[a]! > crowding[b]!);
  };
}
