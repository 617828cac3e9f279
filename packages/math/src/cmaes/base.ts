/**
 * What the full and the separable CMA-ES share: option checks, sampling with bound handling,
 * `tell` (validation, ranking, y_k = (x_k − m)/σ), margin correction, termination, and the
 * common part of the serialized state. The covariance model itself (full C with its
 * eigendecomposition, or diagonal C) lives in the subclasses `CmaEs` and `SepCmaEs`.
 *
 * Notation (Hansen 2016): n dimension, λ population size, m mean, σ step size, C covariance,
 * p_σ and p_c the evolution paths, x_k = m + σ y_k the k-th candidate with y_k ~ N(0, C),
 * x_{i:λ} the i-th best candidate of a generation.
 */
import { Rng, type RngState } from "../random/rng.js";
import {
  type BoundHandling,
  type BoxBounds,
  type CmaBounds,
  checkBounds,
  isInside,
  project,
  reflect,
} from "./bounds.js";
import { MarginCorrection, type MarginOptions } from "./margin.js";
import { type CmaParameters, defaultPopulationSize } from "./params.js";
import {
  type CmaTerminationOptions,
  checkTermination,
  FunctionHistory,
  type FunctionHistoryState,
  type ResolvedTermination,
  resolveTermination,
  type TerminationReason,
} from "./termination.js";

/** One evaluated candidate: the point returned by `ask()` and its objective value (minimized). */
export interface CmaSolution {
  /** The candidate as returned by `ask()` (for the margin variant: the raw candidate, not `encode(x)`). */
  readonly x: ArrayLike<number>;
  /** Objective value to minimize; must be finite. */
  readonly value: number;
}

/** Options shared by {@link CmaEs} and {@link SepCmaEs}. */
export interface CmaBaseOptions {
  /** Initial mean m⁽⁰⁾ (length n ≥ 1; inside the bounds if given). */
  readonly mean: ArrayLike<number>;
  /** Initial step size σ⁽⁰⁾ > 0. */
  readonly sigma: number;
  /** Box constraints; ±Infinity for unbounded sides. @defaultValue null (unbounded) */
  readonly bounds?: CmaBounds | null;
  /** How candidates are kept inside the bounds. @defaultValue \{ kind: "resample", maxResamples: 100 \} */
  readonly boundHandling?: BoundHandling;
  /** Population size λ ≥ 2. @defaultValue 4 + ⌊3 ln n⌋ (Hansen 2016, eq. (48)) */
  readonly populationSize?: number;
  /** Seed of the internal {@link Rng} (ignored when `rng` is given). @defaultValue 0 */
  readonly seed?: number | string;
  /** The generator to draw from; the optimizer takes ownership. @defaultValue Rng.fromSeed(seed) */
  readonly rng?: Rng;
  /** Integer / stepped coordinates handled by CMA-ES with Margin. @defaultValue null */
  readonly margin?: MarginOptions | null;
  /** Termination thresholds. @defaultValue see {@link CmaTerminationOptions} */
  readonly termination?: CmaTerminationOptions;
}

/** Bounds as JSON (±Infinity written as null). */
export interface BoundsState {
  /** Lower bounds, null for −Infinity. */
  readonly lower: readonly (number | null)[];
  /** Upper bounds, null for +Infinity. */
  readonly upper: readonly (number | null)[];
}

/** The serialized state both variants share (version 1). */
export interface CmaBaseState {
  /** Format version. */
  readonly version: 1;
  /** Dimension n. */
  readonly dim: number;
  /** Population size λ. */
  readonly populationSize: number;
  /** Mean m. */
  readonly mean: readonly number[];
  /** Step size σ. */
  readonly sigma: number;
  /** Step-size path p_σ. */
  readonly pSigma: readonly number[];
  /** Covariance path p_c. */
  readonly pc: readonly number[];
  /** Generations told. */
  readonly generation: number;
  /** Solutions told. */
  readonly evaluations: number;
  /** σ⁽⁰⁾. */
  readonly initialSigma: number;
  /** σ⁽⁰⁾·max(D⁽⁰⁾), the reference of tolXUp. */
  readonly initialScale: number;
  /** Bounds or null. */
  readonly bounds: BoundsState | null;
  /** Bound handling (resolved). */
  readonly boundHandling: BoundHandling;
  /** Termination thresholds (maxEvaluations: null for Infinity). */
  readonly termination: Omit<ResolvedTermination, "maxEvaluations"> & {
    readonly maxEvaluations: number | null;
  };
  /** Margin grids and the diagonal of A, or null. */
  readonly margin: {
    readonly steps: readonly number[];
    readonly alpha: number;
    readonly a: readonly number[];
  } | null;
  /** Function-value histories of the termination criteria. */
  readonly history: FunctionHistoryState;
  /** State of the generator. */
  readonly rng: RngState;
}

type ResolvedBoundHandling =
  | { readonly kind: "resample"; readonly maxResamples: number }
  | { readonly kind: "project" }
  | { readonly kind: "reflect" };

/** Validates the options both variants share; returns n and the pieces the base needs. */
function checkCommon(where: string, o: CmaBaseOptions): { n: number; lambda: number } {
  if (o === null || typeof o !== "object") throw new TypeError(`${where}: options must be an object`);
  if (o.mean == null || typeof o.mean.length !== "number" || o.mean.length < 1) {
    throw new RangeError(`${where}: mean must be a non-empty array of finite numbers`);
  }
  const n = o.mean.length;
  for (let i = 0; i < n; i++) {
    const v = o.mean[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${where}: mean[${i}] must be a finite number, got ${v}`);
    }
  }
  if (typeof o.sigma !== "number" || !(o.sigma > 0) || !Number.isFinite(o.sigma)) {
    throw new RangeError(`${where}: sigma must be a finite number > 0, got ${o.sigma}`);
  }
  const lambda = o.populationSize ?? defaultPopulationSize(n);
  if (!Number.isInteger(lambda) || lambda < 2) {
    throw new RangeError(`${where}: populationSize must be an integer >= 2, got ${lambda}`);
  }
  return { n, lambda };
}

function resolveBoundHandling(where: string, h: BoundHandling | undefined): ResolvedBoundHandling {
  const b = h ?? { kind: "resample" };
  if (b === null || typeof b !== "object")
    throw new RangeError(`${where}: boundHandling must be a { kind } record`);
  switch (b.kind) {
    case "resample": {
      const k = b.maxResamples ?? 100;
      if (!Number.isInteger(k) || k < 1) {
        throw new RangeError(`${where}: boundHandling.maxResamples must be an integer >= 1, got ${k}`);
      }
      return { kind: "resample", maxResamples: k };
    }
    case "project":
      return { kind: "project" };
    case "reflect":
      return { kind: "reflect" };
    default:
      throw new RangeError(
        `${where}: boundHandling.kind must be "resample", "project" or "reflect", got ${String((b as { kind: unknown }).kind)}`,
      );
  }
}

/** Converts a JSON number-or-null array back to numbers (null → `missing`). */
export function fromNullable(a: readonly (number | null)[], missing: number): Float64Array {
  return Float64Array.from(a, (v) => (v === null ? missing : v));
}

function toNullable(a: Float64Array): (number | null)[] {
  return Array.from(a, (v) => (Number.isFinite(v) ? v : null));
}

/**
 * The shared machinery of the CMA-ES variants (ask/tell loop, bounds, margin, termination,
 * serialization). Not constructed directly.
 */
export abstract class CmaBase {
  /** Dimension n. */
  readonly dim: number;
  /** Population size λ: `tell` takes exactly this many solutions. */
  readonly populationSize: number;
  /** Strategy parameters derived from n and λ. */
  readonly params: CmaParameters;
  /** Mean m (owned; read through the `mean` getter). */
  protected m: Float64Array;
  /** Step size σ. */
  protected s: number;
  /** Step-size path p_σ. */
  protected pSigma: Float64Array;
  /** Covariance path p_c. */
  protected pc: Float64Array;
  /** The generator `ask()` draws from by default. */
  protected rng: Rng;
  /** Validated bounds or null. */
  protected readonly bounds: BoxBounds | null;
  /** Resolved bound handling. */
  protected readonly boundHandling: ResolvedBoundHandling;
  /** Margin correction or null. */
  protected readonly margin: MarginCorrection | null;
  /** Coordinates exempt from the bound check (the discrete ones under margin), or null. */
  protected readonly skip: Uint8Array | null;
  /** Resolved termination thresholds. */
  protected readonly termination: ResolvedTermination;
  /** Function-value histories. */
  protected readonly history: FunctionHistory;
  /** σ⁽⁰⁾. */
  protected readonly initialSigma: number;
  /** σ⁽⁰⁾·max(D⁽⁰⁾). */
  protected initialScale: number;
  private gen = 0;
  private evals = 0;
  private readonly z: Float64Array;
  private readonly y: Float64Array;
  private readonly ys: Float64Array;
  private readonly sortedValues: Float64Array;

  /** @throws RangeError / TypeError naming `where` on bad options. */
  protected constructor(
    where: string,
    options: CmaBaseOptions,
    paramsOf: (n: number, lambda: number) => CmaParameters,
  ) {
    const { n, lambda } = checkCommon(where, options);
    this.dim = n;
    this.populationSize = lambda;
    this.params = paramsOf(n, lambda);
    this.m = Float64Array.from(options.mean);
    this.s = options.sigma;
    this.initialSigma = options.sigma;
    this.initialScale = options.sigma;
    this.pSigma = new Float64Array(n);
    this.pc = new Float64Array(n);
    if (options.rng !== undefined && !(options.rng instanceof Rng)) {
      throw new TypeError(`${where}: rng must be an Rng from @tunelab/math/random`);
    }
    this.rng = options.rng ?? Rng.fromSeed(options.seed ?? 0);
    this.bounds = options.bounds == null ? null : checkBounds(where, options.bounds, n);
    this.boundHandling = resolveBoundHandling(where, options.boundHandling);
    this.margin =
      options.margin == null ? null : new MarginCorrection(where, options.margin, this.bounds, n, lambda);
    this.skip = this.margin?.hasDiscrete ? this.margin.discrete : null;
    if (this.bounds !== null) {
      for (let i = 0; i < n; i++) {
        if (this.skip?.[i] === 1) continue;
        const v = this.m[i]!;
        if (v < this.bounds.lower[i]! || v > this.bounds.upper[i]!) {
          throw new RangeError(
            `${where}: mean[${i}] = ${v} is outside the bounds [${this.bounds.lower[i]}, ${this.bounds.upper[i]}]`,
          );
        }
      }
    }
    this.termination = resolveTermination(where, options.termination, options.sigma);
    this.history = new FunctionHistory(n, lambda);
    this.z = new Float64Array(n);
    this.y = new Float64Array(n);
    this.ys = new Float64Array(lambda * n);
    this.sortedValues = new Float64Array(lambda);
  }

  /** Number of generations told so far. */
  get generation(): number {
    return this.gen;
  }

  /** Number of solutions told so far (λ per generation). */
  get evaluations(): number {
    return this.evals;
  }

  /** A copy of the mean m. */
  get mean(): Float64Array {
    return Float64Array.from(this.m);
  }

  /** The step size σ. */
  get sigma(): number {
    return this.s;
  }

  /** y = √C·z for a standard normal z (the variant's square root of C). */
  protected abstract sampleY(z: Float64Array, y: Float64Array): void;

  /**
   * One update of m, σ, C and the paths from the ranked steps `ys` (λ rows of length n,
   * row i = y_{i+1:λ}). `generation` is the number of updates done before this one.
   */
  protected abstract updateDistribution(ys: Float64Array, generation: number): void;

  /** The diagonal of C (a view or a fresh array). */
  protected abstract diagonalOfC(): Float64Array;

  /** D (square roots of the eigenvalues of C) and the eigenvectors (null when C is diagonal). */
  protected abstract eigenView(): { d: Float64Array; b: Float64Array | null };

  /** The covariance matrix C as a new row-major n×n array. */
  abstract covariance(): Float64Array;

  /**
   * Draws one candidate x ~ N(m, σ²C), kept inside the bounds by the bound handling.
   * With margin, this is the raw candidate: evaluate `encode(x)`, and tell `x`.
   * @param rng - the generator to draw from. @defaultValue the optimizer's own
   * @returns a new array of length n.
   */
  ask(rng: Rng = this.rng): Float64Array {
    const x = new Float64Array(this.dim);
    const b = this.bounds;
    const draws = b !== null && this.boundHandling.kind === "resample" ? this.boundHandling.maxResamples : 1;
    for (let t = 0; t < draws; t++) {
      this.drawInto(rng, x);
      if (b === null || isInside(x, b, this.skip)) return x;
    }
    if (b !== null) {
      if (this.boundHandling.kind === "reflect") reflect(x, b, this.skip);
      else project(x, b, this.skip);
    }
    return x;
  }

  private drawInto(rng: Rng, x: Float64Array): void {
    const { z, y, m } = this;
    const s = this.s;
    for (let i = 0; i < z.length; i++) z[i] = rng.normal(); // Hansen (2016), eq. (38)
    this.sampleY(z, y); // eq. (39): y ~ N(0, C)
    for (let i = 0; i < x.length; i++) x[i] = m[i]! + s * y[i]!; // eq. (40)
  }

  /**
   * The point to evaluate for a candidate from `ask()`: discrete coordinates (margin) are
   * mapped to their grid; without margin, a copy of x.
   * @throws RangeError if x does not have length n.
   */
  encode(x: ArrayLike<number>): Float64Array {
    if (x == null || x.length !== this.dim) {
      throw new RangeError(`${this.constructor.name}.encode: x must have length ${this.dim}`);
    }
    const xs = Float64Array.from(x);
    return this.margin === null ? xs : this.margin.encode(xs, this.m);
  }

  /**
   * Updates the distribution from one full generation of evaluated candidates.
   * @param solutions - exactly λ records \{ x, value \}; x as returned by `ask()`.
   * @throws RangeError if there are not λ solutions, an x has the wrong length or a
   *   non-finite entry, or a value is not a finite number (the message names the index).
   */
  tell(solutions: readonly CmaSolution[]): void {
    const where = `${this.constructor.name}.tell`;
    const { dim: n, populationSize: lambda } = this;
    // `as unknown`: Array.isArray would narrow the readonly array to any[] (no element checks below).
    if (!Array.isArray(solutions as unknown) || solutions.length !== lambda) {
      throw new RangeError(
        `${where}: expected exactly populationSize = ${lambda} solutions, got ${Array.isArray(solutions) ? solutions.length : typeof solutions}`,
      );
    }
    for (let k = 0; k < lambda; k++) {
      const sol = solutions[k];
      if (sol === null || typeof sol !== "object")
        throw new TypeError(`${where}: solutions[${k}] must be { x, value }`);
      const v = sol.value;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(`${where}: solutions[${k}].value must be a finite number, got ${String(v)}`);
      }
      const x = sol.x;
      if (x == null || x.length !== n) {
        throw new RangeError(
          `${where}: solutions[${k}].x must have length ${n}, got ${x == null ? x : x.length}`,
        );
      }
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(x[i])) {
          throw new RangeError(`${where}: solutions[${k}].x[${i}] must be a finite number, got ${x[i]}`);
        }
      }
    }
    // Rank: ascending value, ties broken by position (stable).
    const order = Array.from({ length: lambda }, (_, k) => k);
    order.sort((a, b) => solutions[a]!.value - solutions[b]!.value || a - b);
    const { ys, m } = this;
    const inv = 1 / this.s;
    for (let r = 0; r < lambda; r++) {
      const sol = solutions[order[r]!]!;
      this.sortedValues[r] = sol.value;
      const row = r * n;
      for (let i = 0; i < n; i++) ys[row + i] = (sol.x[i]! - m[i]!) * inv;
    }
    this.updateDistribution(ys, this.gen);
    this.gen++;
    this.evals += lambda;
    if (this.margin !== null && this.skip !== null) this.margin.correct(this.m, this.s, this.diagonalOfC());
    this.history.record(this.sortedValues, this.gen);
  }

  /** The first termination criterion that holds now, or null. */
  terminationReason(): TerminationReason | null {
    const { d, b } = this.eigenView();
    return checkTermination(
      {
        generation: this.gen,
        evaluations: this.evals,
        sigma: this.s,
        initialScale: this.initialScale,
        mean: this.m,
        diagC: this.diagonalOfC(),
        pc: this.pc,
        d,
        b,
      },
      this.history,
      this.termination,
    );
  }

  /** True when a termination criterion holds ({@link CmaBase.terminationReason} says which). */
  shouldStop(): boolean {
    return this.terminationReason() !== null;
  }

  /** The serializable state both variants share. */
  protected baseState(): CmaBaseState {
    const t = this.termination;
    return {
      version: 1,
      dim: this.dim,
      populationSize: this.populationSize,
      mean: Array.from(this.m),
      sigma: this.s,
      pSigma: Array.from(this.pSigma),
      pc: Array.from(this.pc),
      generation: this.gen,
      evaluations: this.evals,
      initialSigma: this.initialSigma,
      initialScale: this.initialScale,
      bounds:
        this.bounds === null
          ? null
          : { lower: toNullable(this.bounds.lower), upper: toNullable(this.bounds.upper) },
      boundHandling: { ...this.boundHandling },
      termination: {
        ...t,
        maxEvaluations: Number.isFinite(t.maxEvaluations) ? t.maxEvaluations : null,
        disabled: [...t.disabled],
      },
      margin:
        this.margin === null
          ? null
          : { steps: Array.from(this.margin.steps), alpha: this.margin.alpha, a: Array.from(this.margin.a) },
      history: this.history.getState(),
      rng: this.rng.getState(),
    };
  }

  /** Restores the dynamic part of {@link CmaBase.baseState} (options were used to construct). */
  protected restoreBase(where: string, s: CmaBaseState): void {
    const n = this.dim;
    for (const [name, arr] of [
      ["mean", s.mean],
      ["pSigma", s.pSigma],
      ["pc", s.pc],
    ] as const) {
      if (!Array.isArray(arr) || arr.length !== n)
        throw new RangeError(`${where}: state.${name} must have length ${n}`);
    }
    this.m = Float64Array.from(s.mean);
    this.s = s.sigma;
    this.pSigma = Float64Array.from(s.pSigma);
    this.pc = Float64Array.from(s.pc);
    this.gen = s.generation;
    this.evals = s.evaluations;
    this.initialScale = s.initialScale;
    this.history.setState(s.history);
    this.rng = Rng.fromState(s.rng);
    if (this.margin !== null && s.margin !== null) this.margin.a.set(s.margin.a);
  }
}

/**
 * Rebuilds the constructor options of a variant from its serialized shared state.
 * @throws RangeError naming `where` when the record is not a version-1 state.
 */
export function optionsFromState(where: string, s: CmaBaseState): CmaBaseOptions {
  if (s === null || typeof s !== "object" || s.version !== 1) {
    throw new RangeError(`${where}: expected a version-1 state record`);
  }
  const t = s.termination;
  // The constructor checks that the mean is inside the bounds; the stored mean may sit one
  // rounding step outside (a convex combination of points on a bound), so it is clipped here
  // and the exact value is restored by `restoreBase`.
  const lower = s.bounds === null ? null : fromNullable(s.bounds.lower, Number.NEGATIVE_INFINITY);
  const upper = s.bounds === null ? null : fromNullable(s.bounds.upper, Number.POSITIVE_INFINITY);
  const mean = Float64Array.from(s.mean, (v, i) =>
    lower === null || upper === null ? v : Math.min(Math.max(v, lower[i]!), upper[i]!),
  );
  return {
    mean,
    sigma: s.initialSigma,
    populationSize: s.populationSize,
    bounds: lower === null || upper === null ? null : { lower, upper },
    boundHandling: s.boundHandling,
    margin: s.margin === null ? null : { steps: s.margin.steps, alpha: s.margin.alpha },
    termination: { ...t, maxEvaluations: t.maxEvaluations ?? Number.POSITIVE_INFINITY },
  };
}
