/**
 * A standalone tree-structured Parzen estimator with an ask/tell interface, over a box of
 * priors; it knows nothing of studies (the study sampler `TpeSampler` of
 * `@tunelab/samplers/tpe` runs the same step on a study's trials). Serializable with
 * `toJSON` / `fromJSON` (version 1), so it can be stored and resumed in another process.
 *
 * Notation: D coordinates, each with a prior p_d (`@tunelab/math/priors`) whose internal
 * space is the model space of the Parzen estimators (log x for log priors, the index for
 * categorical ones); n observations (x_i, y_i) told so far, y minimized.
 *   ask: while n < nStartupTrials (or n = 0), x_d ~ p_d independently; afterwards the γ(n)
 *   best observations (ties to the earlier one) are "below" and the rest "above", and the
 *   point is `tpeStep` on them (Bergstra et al. 2011, §4; Watanabe, arXiv:2304.11127, §2),
 *   mapped back with `fromInternal`.
 *   tell: appends observations; nothing else changes.
 * Asks between tells see the same observations (no constant liar): for parallel
 * evaluations, tell as results arrive, or use `TpeSampler`'s constant liar.
 */
import { checkDimension, parzenDimension } from "../parzen/dimension.js";
import type { BandwidthRule, CategoricalKernelRule, ParzenDimension } from "../parzen/types.js";
import { defaultWeights, uniformWeights, type WeightsFunction } from "../parzen/weights.js";
import { fromInternal, priorContains, samplePrior, toInternal } from "../priors/prior.js";
import type { CategoricalPrior, Prior } from "../priors/types.js";
import { Rng, type RngState } from "../random/rng.js";
import { belowCount, defaultGamma, type GammaFunction, hyperoptGamma } from "./gamma.js";
import {
  type ResolvedTpeOptions,
  resolveTpeOptions,
  type TpeOptions,
  type TpeStepOptions,
  tpeStepOptions,
} from "./options.js";
import { selectBelow } from "./split.js";
import { tpeStep } from "./step.js";

/** Options of {@link TpeOptimizer}. */
export interface TpeOptimizerOptions extends TpeOptions {
  /** The search space: one prior per coordinate, D ≥ 1 (none a single value). */
  readonly space: readonly Prior[];
  /**
   * Bandwidth rule of l and g. @defaultValue `{ kind: "scott" }` (as `TpeSampler`'s joint
   * estimators; Watanabe 2023, §3)
   */
  readonly bandwidth?: BandwidthRule;
  /** Seed of the internal {@link Rng} (ignored when `rng` is given). @defaultValue 0 */
  readonly seed?: number | string;
  /** The generator to draw from; the optimizer takes ownership. @defaultValue Rng.fromSeed(seed) */
  readonly rng?: Rng;
}

/** One evaluated point: x as returned by `ask()` (or any point of the space) and its value. */
export interface TpeSolution {
  /** The point, one value per coordinate in its prior's support (categorical: the index). */
  readonly x: ArrayLike<number>;
  /** Objective value to minimize; must be finite. */
  readonly value: number;
}

/** A prior as JSON: categorical probabilities as an array. */
export type PriorState =
  | Exclude<Prior, CategoricalPrior>
  | { readonly kind: "categorical"; readonly n: number; readonly probabilities: readonly number[] };

/** Serialized {@link TpeOptimizer} (version 1). */
export interface TpeOptimizerState {
  /** Format version. */
  readonly version: 1;
  /** Variant tag. */
  readonly kind: "tpe";
  /** The priors of the D coordinates. */
  readonly space: readonly PriorState[];
  readonly nStartupTrials: number;
  readonly nEiCandidates: number;
  readonly priorWeight: number;
  readonly considerPrior: boolean;
  readonly considerMagicClip: boolean;
  readonly categoricalKernel: CategoricalKernelRule;
  /** The bandwidth rule; a custom one is stored as its tag and given again to `fromJSON`. */
  readonly bandwidth: Exclude<BandwidthRule, { kind: "custom" }> | { readonly kind: "custom" };
  /** `defaultGamma`, `hyperoptGamma`, or a function given again to `fromJSON`. */
  readonly gamma: "default" | "hyperopt" | "custom";
  /** `defaultWeights`, `uniformWeights`, or a function given again to `fromJSON`. */
  readonly weights: "default" | "uniform" | "custom";
  /** The observations told, oldest first. */
  readonly xs: readonly (readonly number[])[];
  /** Their values. */
  readonly values: readonly number[];
  /** State of the generator. */
  readonly rng: RngState;
}

/** The functions a state refers to by "custom", given again to {@link TpeOptimizer.fromJSON}. */
export interface TpeOptimizerFunctions {
  readonly gamma?: GammaFunction;
  readonly weights?: WeightsFunction;
  /** A `{ kind: "custom" }` bandwidth rule with its `sigmas` function. */
  readonly bandwidth?: BandwidthRule;
}

/**
 * TPE with an ask/tell interface; knows nothing of studies.
 *
 * @example
 * ```ts
 * const tpe = new TpeOptimizer({ space: [uniformPrior(-5, 5), intPrior(1, 8), categoricalPrior(3)], seed: 1 });
 * for (let t = 0; t < 100; t++) {
 *   const x = tpe.ask();
 *   tpe.tell([{ x, value: (x[0]! - 1) ** 2 + (x[1]! - 4) ** 2 + (x[2] === 2 ? 0 : 1) }]);
 * }
 * tpe.best; // { x: [≈1, 4, 2], value: ≈0 }
 * ```
 */
export class TpeOptimizer {
  /** Number of coordinates D. */
  readonly dim: number;
  private readonly space: readonly Prior[];
  private readonly dims: readonly ParzenDimension[];
  private readonly options: ResolvedTpeOptions;
  private readonly stepOptions: TpeStepOptions;
  private rng: Rng;
  /** Model values by coordinate (capacity ≥ n). */
  private columns: Float64Array[];
  /** Told points (as given) and values, oldest first. */
  private readonly xs: Float64Array[] = [];
  private values: Float64Array = new Float64Array(16);
  private n = 0;

  /**
   * @throws RangeError / TypeError on bad options: an empty space, a prior that is a single
   * value or malformed, a count or weight out of range, a gamma or weights that is not a
   * function, an rng that is not an `Rng`.
   */
  constructor(options: TpeOptimizerOptions) {
    const where = "TpeOptimizer";
    if (options === null || typeof options !== "object")
      throw new TypeError(`${where}: options must be an object`);
    const space = options.space;
    if (!Array.isArray(space) || space.length === 0) {
      throw new RangeError(`${where}: space must be a non-empty array of priors`);
    }
    this.space = space.slice();
    this.dim = space.length;
    this.dims = space.map((p, d) => {
      if (p === null || typeof p !== "object") throw new TypeError(`${where}: space[${d}] must be a prior`);
      try {
        return checkDimension(parzenDimension(p), `${where}: space[${d}]`);
      } catch (e) {
        throw e instanceof RangeError && !e.message.startsWith(where)
          ? new RangeError(`${where}: space[${d}]: ${e.message.replace(/^parzenDimension: /, "")}`)
          : e;
      }
    });
    this.options = resolveTpeOptions(where, options);
    this.stepOptions = tpeStepOptions(this.options, options.bandwidth ?? { kind: "scott" });
    if (options.rng !== undefined && !(options.rng instanceof Rng)) {
      throw new TypeError(`${where}: rng must be an Rng from @tunelab/math/random`);
    }
    this.rng = options.rng ?? Rng.fromSeed(options.seed ?? 0);
    this.columns = this.dims.map(() => new Float64Array(16));
  }

  /**
   * 1: TPE is sequential, each ask draws on every observation told before it (`tell` also
   * takes batches of any size). The shape of the optimizer contract of `@tunelab/math/testing`.
   */
  get populationSize(): number {
    return 1;
  }

  /** Number of observations told so far. */
  get evaluations(): number {
    return this.n;
  }

  /** The best observation told so far (the earliest among equal values), or null. */
  get best(): { readonly x: Float64Array; readonly value: number } | null {
    if (this.n === 0) return null;
    let b = 0;
    for (let i = 1; i < this.n; i++) if (this.values[i]! < this.values[b]!) b = i;
    return { x: Float64Array.from(this.xs[b]!), value: this.values[b]! };
  }

  /**
   * The next point to evaluate: a draw from the priors during the start-up phase, then the
   * TPE step on the observations told so far.
   * @param rng - the generator to draw from. @defaultValue the optimizer's own
   * @returns a new array of D values, each in its prior's support (categorical: an index).
   * @throws RangeError if `gamma` returns a count outside 0..n.
   */
  ask(rng: Rng = this.rng): Float64Array {
    const n = this.n;
    const space = this.space;
    if (n < this.options.nStartupTrials || n === 0)
      return Float64Array.from(space, (p) => samplePrior(p, rng));
    const nBelow = belowCount(this.options.gamma, n, "TpeOptimizer.ask");
    const below = selectBelow(
      {
        n,
        nObjectives: 1,
        kind: new Uint8Array(n),
        loss: this.values.subarray(0, n),
        stepKey: new Float64Array(n),
        violation: null,
      },
      nBelow,
    );
    const isBelow = new Uint8Array(n);
    for (const i of below) isBelow[i] = 1;
    const belowColumns = this.dims.map(() => new Float64Array(nBelow));
    const aboveColumns = this.dims.map(() => new Float64Array(n - nBelow));
    for (let d = 0; d < this.dim; d++) {
      const col = this.columns[d]!;
      const bc = belowColumns[d]!;
      const ac = aboveColumns[d]!;
      for (let i = 0, b = 0, a = 0; i < n; i++) {
        if (isBelow[i] === 1) bc[b++] = col[i]!;
        else ac[a++] = col[i]!;
      }
    }
    const u = tpeStep(this.dims, { columns: belowColumns }, { columns: aboveColumns }, rng, this.stepOptions);
    return Float64Array.from(u, (v, d) => fromInternal(space[d]!, v));
  }

  /**
   * Adds evaluated points (any number, in any order relative to the asks).
   * @param solutions - records \{ x, value \}; x need not come from `ask()` but must lie in
   *   the space.
   * @throws RangeError / TypeError if an x has the wrong length or a coordinate outside its
   *   prior's support, or a value is not a finite number (the message names the index);
   *   nothing is added then.
   */
  tell(solutions: readonly TpeSolution[]): void {
    const where = "TpeOptimizer.tell";
    // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
    if (!Array.isArray(solutions as unknown))
      throw new TypeError(`${where}: solutions must be an array of { x, value }`);
    for (let k = 0; k < solutions.length; k++) {
      const sol = solutions[k];
      if (sol === null || typeof sol !== "object")
        throw new TypeError(`${where}: solutions[${k}] must be { x, value }`);
      const v = sol.value;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`${where}: solutions[${k}].value must be a finite number, got ${String(v)}`);
      }
      const x = sol.x;
      if (x == null || x.length !== this.dim) {
        throw new RangeError(
          `${where}: solutions[${k}].x must have length ${this.dim}, got ${x == null ? x : x.length}`,
        );
      }
      for (let d = 0; d < this.dim; d++) {
        if (!priorContains(this.space[d]!, x[d]!)) {
          throw new RangeError(
            `${where}: solutions[${k}].x[${d}] = ${x[d]} is outside the space of coordinate ${d}`,
          );
        }
      }
    }
    for (const sol of solutions) this.append(sol.x, sol.value);
  }

  private append(x: ArrayLike<number>, value: number): void {
    const n = this.n;
    if (n === this.values.length) {
      const cap = 2 * n;
      this.values = grow(this.values, cap);
      this.columns = this.columns.map((c) => grow(c, cap));
    }
    for (let d = 0; d < this.dim; d++) this.columns[d]![n] = toInternal(this.space[d]!, x[d]!);
    this.xs.push(Float64Array.from(x));
    this.values[n] = value;
    this.n = n + 1;
  }

  /**
   * The serializable state (JSON-safe, version 1): the options, every observation told and
   * the generator. Functions are stored by name (`defaultGamma`, `hyperoptGamma`,
   * `defaultWeights`, `uniformWeights`) or as "custom", to be given again to `fromJSON`.
   */
  toJSON(): TpeOptimizerState {
    const o = this.options;
    const bw = this.stepOptions.bandwidth!;
    return {
      version: 1,
      kind: "tpe",
      space: this.space.map((p) =>
        p.kind === "categorical"
          ? { kind: "categorical", n: p.n, probabilities: Array.from(p.probabilities) }
          : { ...p },
      ),
      nStartupTrials: o.nStartupTrials,
      nEiCandidates: o.nEiCandidates,
      priorWeight: o.priorWeight,
      considerPrior: o.considerPrior,
      considerMagicClip: o.considerMagicClip,
      categoricalKernel: { ...o.categoricalKernel },
      bandwidth: bw.kind === "custom" ? { kind: "custom" } : { ...bw },
      gamma: o.gamma === defaultGamma ? "default" : o.gamma === hyperoptGamma ? "hyperopt" : "custom",
      weights: o.weights === defaultWeights ? "default" : o.weights === uniformWeights ? "uniform" : "custom",
      xs: this.xs.map((x) => Array.from(x)),
      values: Array.from(this.values.subarray(0, this.n)),
      rng: this.rng.getState(),
    };
  }

  /**
   * Restores an optimizer from {@link TpeOptimizer.toJSON} output (also after a JSON round
   * trip); it then asks exactly what the saved one would have.
   * @param functions - the functions the state names "custom" (a function given here is
   *   used even where the state names a built-in one).
   * @throws RangeError if the record is not a version-1 `tpe` state, or a "custom" function
   *   is missing; the constructor's and `tell`'s errors for bad contents.
   */
  static fromJSON(state: TpeOptimizerState, functions: TpeOptimizerFunctions = {}): TpeOptimizer {
    const where = "TpeOptimizer.fromJSON";
    if (state === null || typeof state !== "object" || state.kind !== "tpe" || state.version !== 1) {
      throw new RangeError(`${where}: expected a version-1 state with kind "tpe"`);
    }
    const missing = (name: string): never => {
      throw new RangeError(`${where}: the state's ${name} is custom: pass it in functions.${name}`);
    };
    const gamma =
      functions.gamma ??
      (state.gamma === "default"
        ? defaultGamma
        : state.gamma === "hyperopt"
          ? hyperoptGamma
          : missing("gamma"));
    const weights =
      functions.weights ??
      (state.weights === "default"
        ? defaultWeights
        : state.weights === "uniform"
          ? uniformWeights
          : missing("weights"));
    const bandwidth: BandwidthRule =
      state.bandwidth.kind === "custom"
        ? (functions.bandwidth ?? missing("bandwidth"))
        : (functions.bandwidth ?? state.bandwidth);
    if (!Array.isArray(state.xs) || !Array.isArray(state.values) || state.xs.length !== state.values.length) {
      throw new RangeError(`${where}: state.xs and state.values must be arrays of one length`);
    }
    const opt = new TpeOptimizer({
      space: state.space.map((p) =>
        p.kind === "categorical"
          ? { kind: "categorical", n: p.n, probabilities: Float64Array.from(p.probabilities) }
          : { ...p },
      ),
      nStartupTrials: state.nStartupTrials,
      nEiCandidates: state.nEiCandidates,
      priorWeight: state.priorWeight,
      considerPrior: state.considerPrior,
      considerMagicClip: state.considerMagicClip,
      categoricalKernel: state.categoricalKernel,
      bandwidth,
      gamma,
      weights,
    });
    opt.tell(state.xs.map((x, i) => ({ x, value: state.values[i]! })));
    opt.rng = Rng.fromState(state.rng);
    return opt;
  }
}

/** A copy of `a` with capacity `size`. */
function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
