/**
 * The @stdlib complementary error functions (erfc, its inverse, and the scaled erfcx), each
 * loaded at its first call rather than when this module is imported.
 *
 * Why: the three packages and the small modules they require cost about 70 ms of CPU to load
 * (`node` requiring them in a fresh process, median of five: 68-73 ms), and every process
 * importing `@tunelab/math/random` for its `Rng` (RandomSampler, NsgaIISampler, CmaEsSampler)
 * paid it at start-up without calling them (issue 18, `benchmarks/overhead/optuna5.ts`).
 * The functions are the @stdlib ones unchanged, so every result is bit-identical.
 */
import { createRequire } from "node:module";

type Fn = (x: number) => number;
const load = createRequire(import.meta.url);
let erfcFn: Fn | undefined;
let erfcinvFn: Fn | undefined;
let erfcxFn: Fn | undefined;

/** erfc(x) = 1 − erf(x), from `@stdlib/math-base-special-erfc`. */
export function erfc(x: number): number {
  erfcFn ??= load("@stdlib/math-base-special-erfc") as Fn;
  return erfcFn(x);
}

/** erfc⁻¹(y) for y in [0, 2], from `@stdlib/math-base-special-erfcinv`. */
export function erfcinv(y: number): number {
  erfcinvFn ??= load("@stdlib/math-base-special-erfcinv") as Fn;
  return erfcinvFn(y);
}

/** erfcx(x) = e^{x²}·erfc(x), from `@stdlib/math-base-special-erfcx`. */
export function erfcx(x: number): number {
  erfcxFn ??= load("@stdlib/math-base-special-erfcx") as Fn;
  return erfcxFn(x);
}
