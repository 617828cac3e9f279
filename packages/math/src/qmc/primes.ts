/**
 * The first primes, the bases of the Halton sequence.
 */

/**
 * The first `count` primes in increasing order (trial division by the primes found so far).
 * @throws RangeError if `count` is not an integer in [0, 100000].
 * @example firstPrimes(5) // [2, 3, 5, 7, 11]
 */
export function firstPrimes(count: number): number[] {
  if (!Number.isInteger(count) || count < 0 || count > 100000) {
    throw new RangeError(`firstPrimes: count must be an integer in [0, 100000], got ${count}`);
  }
  const primes: number[] = [];
  for (let candidate = 2; primes.length < count; candidate++) {
    let prime = true;
    for (const p of primes) {
      if (p * p > candidate) break;
      if (candidate % p === 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes.push(candidate);
  }
  return primes;
}
