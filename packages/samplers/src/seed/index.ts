/**
 * Seeds of samplers. A sampler created without a seed draws one from the operating system
 * (node:crypto) once, and exposes it as `sampler.seed`, so any run can be repeated.
 * @packageDocumentation
 */
import { randomInt } from "node:crypto";

/**
 * The seed to use: `seed` when given (checked), else a fresh one from the OS.
 * @throws RangeError if `seed` is not a safe integer.
 */
export function resolveSeed(where: string, seed: number | undefined): number {
  if (seed === undefined) return randomInt(0, 2 ** 47);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`${where}: seed must be a safe integer, got ${seed}`);
  return seed;
}
