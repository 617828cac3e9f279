/**
 * The @stdlib complementary error functions (erfc, its inverse, and the scaled erfcx), each
 * loaded at its first call rather than when this module is imported.
 *
 * Why: the three packages and the small modules they require cost about 70 ms of CPU to load
 * (`node` requiring them in a fresh process, median of five: 68-73 ms), and every process
 * importing `@tunelab/math/random` for its `Rng` (RandomSampler, NsgaIISampler, CmaEsSampler)
 * paid it at start-up without calling them (issue 18, `benchmarks/overhead/optuna5.ts`).
 * The functions are the @stdlib ones unchanged, so every result is bit-identical.
 *
 * How: a literal `require("…")` where CommonJS `require` exists, which is the case in a
 * bundle (esbuild includes the package and runs it at the first call; the CLI's fast path is
 * such a bundle, and may live in a folder with no node_modules above it), else `require` made
 * by `createRequire` for this ES module.
 */
import { createRequire } from "node:module";

type Fn = (x: number) => number;
const cjs = typeof require === "function";
let esm: NodeJS.Require | undefined;
const load = (id: string): Fn => {
  esm ??= createRequire(import.meta.url);
  return esm(id) as Fn;
};
let erfcFn: Fn | undefined;
let erfcinvFn: Fn | undefined;
let erfcxFn: Fn | undefined;

/** erfc(x) = 1 − erf(x), from `@stdlib/math-base-special-erfc`. */
export function erfc(x: number): number {
  erfcFn ??= cjs ? (require("@stdlib/math-base-special-erfc") as Fn) : load("@stdlib/math-base-special-erfc");
  return erfcFn(x);
}

/** erfc⁻¹(y) for y in [0, 2], from `@stdlib/math-base-special-erfcinv`. */
export function erfcinv(y: number): number {
  erfcinvFn ??= cjs
    ? (require("@stdlib/math-base-special-erfcinv") as Fn)
    : load("@stdlib/math-base-special-erfcinv");
  return erfcinvFn(y);
}

/** erfcx(x) = e^{x²}·erfc(x), from `@stdlib/math-base-special-erfcx`. */
export function erfcx(x: number): number {
  erfcxFn ??= cjs
    ? (require("@stdlib/math-base-special-erfcx") as Fn)
    : load("@stdlib/math-base-special-erfcx");
  return erfcxFn(x);
}
