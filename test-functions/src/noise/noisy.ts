/**
 * Noisy variants of any single-objective function, with noise keyed so that a run is
 * reproducible whatever the order in which points are evaluated.
 *
 * Keying: the noise of an evaluation is a pure function of (seed, point, replicate key). The
 * point's parameter values are hashed (their exact IEEE-754 bits, strings by code unit, in the
 * declared order) to a 53-bit key; a generator `Rng.fromSeed(seed).fork(hash).fork(replicate)`
 * then draws ε ~ N(0, 1). So the same seed gives the same noisy value for the same point in any
 * process and any order, and two samplers that propose the same point see the same noise
 * (common random numbers). `evaluate(params)` uses replicate 0; a runner that wants independent
 * noise on repeated evaluations of one point passes its own key (e.g. the trial number) to
 * `evaluateReplicate`.
 */
import { Rng } from "@tunelab/math/random";
import type { Params, SingleObjectiveFunction, TestFunctionTag } from "../types.js";

/** Additive Gaussian noise: f(x) + σ ε. */
export interface AdditiveNoise {
  readonly kind: "additive";
  /** Standard deviation σ ≥ 0. */
  readonly sd: number;
}

/**
 * Multiplicative log-normal noise on the gap to the optimum: f* + (f(x) - f*) exp(σ ε), the
 * Gaussian noise model f_GN of the BBOB noisy testbed (Hansen, Finck, Ros, Auger 2009, INRIA
 * RR-6869) applied to f - f*; when the optimum is unknown, f(x) exp(σ ε). The noise vanishes at
 * the optimum and never changes the sign of f - f*.
 */
export interface MultiplicativeNoise {
  readonly kind: "multiplicative";
  /** Standard deviation σ ≥ 0 of the log-factor. */
  readonly sd: number;
}

/** A noise model. */
export type NoiseModel = AdditiveNoise | MultiplicativeNoise;

/** Options of {@link noisy}. */
export interface NoisyOptions {
  /** The noise model. */
  readonly noise: NoiseModel;
  /** Seed of the noise (a safe integer or a string). @defaultValue 0 */
  readonly seed?: number | string;
}

/** A noisy single-objective function: `evaluate` is noisy, `evaluateNoiseless` is not. */
export interface NoisyFunction extends SingleObjectiveFunction {
  /** The wrapped noiseless function. */
  readonly base: SingleObjectiveFunction;
  /** The noise model. */
  readonly noise: NoiseModel;
  /** The noiseless value at `params`. */
  evaluateNoiseless(params: Params): number;
  /** The noisy value for replicate `key` (replicate 0 is `evaluate`). */
  evaluateReplicate(params: Params, key: number | string): number;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Mixes one 32-bit word into two 32-bit hash lanes (MurmurHash3-style multiply-rotate). */
function mix(h: Uint32Array, w: number): void {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let a = h[0]! ^ k;
  a = (a << 13) | (a >>> 19);
  h[0] = Math.imul(a, 5) + 0xe6546b64;
  let b = h[1]! ^ Math.imul(w ^ (w >>> 16), 0x85ebca6b);
  b = (b << 17) | (b >>> 15);
  h[1] = Math.imul(b, 0xc2b2ae35) + 0x27d4eb2f;
}

/**
 * A 53-bit hash of the parameter values of `params` in the order of `names` (missing values
 * and each value's type are part of the hash).
 */
export function hashParams(names: readonly string[], params: Params): number {
  const h = new Uint32Array([0x9747b28c, 0x5eed1234]);
  for (const name of names) {
    const v = params[name];
    if (typeof v === "number") {
      F64[0] = v === 0 ? 0 : v; // -0 and 0 hash alike
      mix(h, 1);
      mix(h, U32[0]!);
      mix(h, U32[1]!);
    } else if (typeof v === "string") {
      mix(h, 2);
      mix(h, v.length);
      for (let i = 0; i < v.length; i++) mix(h, v.charCodeAt(i));
    } else if (typeof v === "boolean") {
      mix(h, v ? 3 : 4);
    } else if (v === null) {
      mix(h, 5);
    } else {
      mix(h, 6); // absent (inactive conditional parameter)
    }
  }
  // 21 bits of one lane and 32 of the other: a safe integer.
  return (h[0]! >>> 11) * 4294967296 + h[1]!;
}

function tagsWithNoisy(tags: readonly TestFunctionTag[]): TestFunctionTag[] {
  return tags.includes("noisy") ? [...tags] : [...tags, "noisy"];
}

/**
 * Wraps a function with seeded Gaussian noise. The optimum and optimizers stay those of the
 * noiseless function (regret is measured on `evaluateNoiseless`).
 * @throws RangeError if the noise standard deviation is negative or not finite, or the seed is invalid.
 * @example
 * ```ts
 * const f = noisy(sphere(2), { noise: { kind: "additive", sd: 0.1 }, seed: 7 });
 * f.evaluate({ x0: 0, x1: 0 }); // 0 + 0.1 ε, the same in every run
 * ```
 */
export function noisy(base: SingleObjectiveFunction, options: NoisyOptions): NoisyFunction {
  const noise = options.noise;
  if (!Number.isFinite(noise.sd) || noise.sd < 0) {
    throw new RangeError(`noisy: noise sd must be finite and >= 0, got ${noise.sd}`);
  }
  const seed = options.seed ?? 0;
  const root = Rng.fromSeed(seed);
  const names = base.space.map((p) => p.name);
  const sd = noise.sd;
  const optimum = base.optimum;
  const apply = (params: Params, key: number | string): number => {
    const f = base.evaluate(params);
    if (sd === 0 || !Number.isFinite(f)) return f;
    const eps = root.fork(hashParams(names, params)).fork(key).normal();
    if (noise.kind === "additive") return f + sd * eps;
    const factor = Math.exp(sd * eps);
    return optimum === null ? f * factor : optimum + (f - optimum) * factor;
  };
  return {
    kind: "single",
    name: `${base.name}-noisy-${noise.kind}-${sd}-s${seed}`,
    description: `${base.description} With ${noise.kind} Gaussian noise (sd ${sd}, seed ${seed}).`,
    space: base.space,
    tags: tagsWithNoisy(base.tags),
    optimum,
    optimizers: base.optimizers,
    source: base.source,
    base,
    noise,
    evaluate: (params: Params): number => apply(params, 0),
    evaluateReplicate: apply,
    evaluateNoiseless: (params: Params): number => base.evaluate(params),
    ...(base.constraints === undefined ? {} : { constraints: base.constraints }),
  };
}
