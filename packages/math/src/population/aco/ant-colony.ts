/**
 * AntColony: ACO_R (Socha & Dorigo, "Ant colony optimization for continuous domains", EJOR
 * 185(3), 2008) as a standalone ask/tell optimizer, with ACO_MV's handling of ordinal and
 * categorical variables (Liao, Socha, Montes de Oca, Stützle & Dorigo, IEEE TEVC 18(4), 2014).
 *
 * Notation (minimization):
 * - n variables; variable i is continuous on [a_i, b_i], ordinal (the integers of [a_i, b_i]) or
 *   categorical (c_i values, coded 0..c_i − 1).
 * - The archive T holds the k best solutions seen, s_1..s_k sorted by value (s_1 the best);
 *   row-major k×n (`archive[l·n + i]` = s_l^i).
 * - Rank weights ω_l and guide probabilities p_l with locality q (`weights.ts`).
 * - m ants construct solutions per iteration.
 *
 * One iteration (Socha & Dorigo 2008, the solution construction and the pheromone update):
 * 1. Each ant picks one guiding solution s_l with probability p_l (the same l for all its
 *    continuous and ordinal coordinates), and draws each such coordinate from N(s_l^i, σ_l^i²)
 *    with σ_l^i = ξ · mean |s_e^i − s_l^i| over the other members (`sigma.ts`).
 *    Departure: the paper does not say what happens at the bounds; here the normal is
 *    truncated to [a_i, b_i] (a draw conditioned on the box), and when σ_l^i = 0 the
 *    coordinate is s_l^i.
 * 2. Ordinal coordinates (ACO_MV-o): drawn as real numbers on [a_i − ½, b_i + ½] and rounded to
 *    the nearest integer (clamped to [a_i, b_i]); the archive holds the rounded values.
 * 3. Categorical coordinates (ACO_MV-c): each drawn independently with the probabilities of
 *    `categorical.ts` (the archive's rank weights divided among the solutions holding a value,
 *    plus q/η for every value when η values are unused).
 * 4. After m ants, the archive keeps the k best of its members and the m new solutions (ties:
 *    the older solution first).
 * Initialization: the first k solutions are uniform draws over the variables' domains (the
 * paper's random initial archive); `populationSize` is k − (archive size) until the archive is
 * full, then m.
 *
 * Failures: a solution told with value +Infinity is dropped (never enters the archive); while
 * failures keep the archive below k, further uniform draws fill it. NaN values are refused.
 *
 * Defaults are the paper's for its comparison with other continuous methods: k = 50, m = 2,
 * q = 10⁻⁴, ξ = 0.85 (the settings Socha & Dorigo 2008 use when comparing ACO_R with other continuous methods).
 */
import { categorical } from "../../random/choice.js";
import { Rng, type RngState } from "../../random/rng.js";
import { truncatedNormal } from "../../random/truncated-normal.js";
import { checkSolutionBatch, checkStoredRows } from "../solution-batch.js";
import { categoricalUnchecked } from "./categorical.js";
import { sigmaUnchecked } from "./sigma.js";
import { acoProbabilities, acoWeights } from "./weights.js";

/** One variable of an {@link AntColony} problem. */
export type AcoVariable =
  /** A real variable on [low, high]. */
  | { readonly kind: "continuous"; readonly low: number; readonly high: number }
  /** The integers of [low, high], searched as ACO_MV's relaxed continuous index, rounded. */
  | { readonly kind: "ordinal"; readonly low: number; readonly high: number }
  /** A categorical variable with `size` values, coded 0..size − 1 (ACO_MV's pheromone rule). */
  | { readonly kind: "categorical"; readonly size: number };

/** Options of {@link AntColony}. Give either `variables` or `bounds`. */
export interface AntColonyOptions {
  /** The variables, in coordinate order. */
  readonly variables?: readonly AcoVariable[];
  /** Shorthand for continuous variables on [lower_i, upper_i]. */
  readonly bounds?: { readonly lower: ArrayLike<number>; readonly upper: ArrayLike<number> };
  /** k, the archive size (≥ 2). @defaultValue 50 (Socha & Dorigo 2008) */
  readonly archiveSize?: number;
  /** m, ants per iteration (≥ 1). @defaultValue 2 (Socha & Dorigo 2008) */
  readonly ants?: number;
  /** q, the locality of the rank weights (> 0). @defaultValue 1e-4 (Socha & Dorigo 2008) */
  readonly q?: number;
  /** ξ, the width of the kernels relative to the archive's spread (> 0). @defaultValue 0.85 (Socha & Dorigo 2008) */
  readonly xi?: number;
  /** Seed of the internal generator (ignored when `rng` is given). @defaultValue 0 */
  readonly seed?: number;
  /** The generator to draw from. @defaultValue Rng.fromSeed(seed) */
  readonly rng?: Rng;
}

/** One evaluated solution: x as returned by `ask()`, and its value (minimized). */
export interface AcoSolution {
  /** The solution as returned by `ask()`. */
  readonly x: ArrayLike<number>;
  /** Objective value (+Infinity for a failure, which is dropped). */
  readonly value: number;
}

/** The serialized state of an {@link AntColony} (version 1). */
export interface AntColonyState {
  /** Format version. */
  readonly version: 1;
  readonly variables: readonly AcoVariable[];
  readonly archiveSize: number;
  readonly ants: number;
  readonly q: number;
  readonly xi: number;
  /** The archive's solutions, best first. */
  readonly archive: readonly (readonly number[])[];
  /** Their values. */
  readonly values: readonly number[];
  /** Iterations told (the initial archive's included). */
  readonly iteration: number;
  readonly rng: RngState;
}

const WHERE = "AntColony";

function checkVariables(vs: readonly AcoVariable[]): void {
  if (!Array.isArray(vs as unknown) || vs.length === 0) {
    throw new RangeError(`${WHERE}: variables must be a non-empty array`);
  }
  vs.forEach((v, i) => {
    if (v === null || typeof v !== "object")
      throw new TypeError(`${WHERE}: variables[${i}] must be an object`);
    if (v.kind === "categorical") {
      if (!(Number.isSafeInteger(v.size) && v.size >= 1)) {
        throw new RangeError(
          `${WHERE}: variables[${i}].size must be a positive integer, got ${String(v.size)}`,
        );
      }
    } else if (v.kind === "continuous" || v.kind === "ordinal") {
      if (!(Number.isFinite(v.low) && Number.isFinite(v.high) && v.low <= v.high)) {
        throw new RangeError(
          `${WHERE}: variables[${i}] needs finite low <= high, got low=${String(v.low)}, high=${String(v.high)}`,
        );
      }
      if (v.kind === "ordinal" && !(Number.isSafeInteger(v.low) && Number.isSafeInteger(v.high))) {
        throw new RangeError(
          `${WHERE}: variables[${i}] (ordinal) needs integer bounds, got ${v.low}, ${v.high}`,
        );
      }
    } else {
      throw new TypeError(
        `${WHERE}: variables[${i}].kind must be "continuous", "ordinal" or "categorical", got ${String((v as { kind: unknown }).kind)}`,
      );
    }
  });
}

function positive(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) {
    throw new RangeError(`${WHERE}: ${name} must be positive and finite, got ${String(v)}`);
  }
  return v;
}

function integerAtLeast(name: string, v: number | undefined, min: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(Number.isSafeInteger(v) && v >= min)) {
    throw new RangeError(`${WHERE}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

function variablesOf(o: AntColonyOptions): AcoVariable[] {
  if (o.variables !== undefined && o.bounds !== undefined) {
    throw new TypeError(`${WHERE}: give either variables or bounds, not both`);
  }
  if (o.variables !== undefined) {
    checkVariables(o.variables);
    return o.variables.map((v) => ({ ...v }));
  }
  const b = o.bounds;
  if (b === undefined) throw new TypeError(`${WHERE}: variables or bounds is required`);
  if (b.lower.length !== b.upper.length) {
    throw new RangeError(
      `${WHERE}: bounds.lower and bounds.upper must have the same length, got ${b.lower.length} and ${b.upper.length}`,
    );
  }
  const vs: AcoVariable[] = Array.from(b.lower, (low, i) => ({ kind: "continuous", low, high: b.upper[i]! }));
  checkVariables(vs);
  return vs;
}

/**
 * One ant's solution from an archive (steps 1-3 of the file header): the pure construction step
 * that {@link AntColony} and `AntColonySampler` share.
 * @param archive - row-major archive, best first (at least k rows of n = variables.length).
 * @param k - the number of archive rows used (≥ 2).
 * @param variables - the n variables (validated as in {@link AntColony}).
 * @param q - locality of the rank weights (> 0).
 * @param xi - ξ (> 0).
 * @param rng - the generator to draw from.
 * @returns a new solution (ordinal coordinates rounded, categorical ones value indices).
 * @throws RangeError on k < 2, an archive shorter than k rows, a bad q or ξ, or an archive
 *   value outside a categorical variable's range.
 */
export function acoConstruct(
  archive: Float64Array,
  k: number,
  variables: readonly AcoVariable[],
  q: number,
  xi: number,
  rng: Rng,
): Float64Array {
  checkVariables(variables);
  if (!(Number.isSafeInteger(k) && k >= 2 && archive.length >= k * variables.length)) {
    throw new RangeError(
      `acoConstruct: k must be an integer >= 2 with k rows in the archive, got ${String(k)}`,
    );
  }
  positive("xi", xi, 1);
  const omega = acoWeights(k, q);
  const n = variables.length;
  for (let i = 0; i < n; i++) {
    const v = variables[i]!;
    if (v.kind !== "categorical") continue;
    for (let e = 0; e < k; e++) {
      const c = archive[e * n + i]!;
      if (!(Number.isInteger(c) && c >= 0 && c < v.size)) {
        throw new RangeError(
          `acoConstruct: archive[${e}][${i}] must be an integer in [0, ${v.size - 1}], got ${c}`,
        );
      }
    }
  }
  return constructUnchecked(archive, k, variables, q, xi, rng, acoProbabilities(k, q), omega);
}

function constructUnchecked(
  archive: Float64Array,
  k: number,
  variables: readonly AcoVariable[],
  q: number,
  xi: number,
  rng: Rng,
  probabilities: Float64Array,
  omega: Float64Array,
): Float64Array {
  const n = variables.length;
  const l = categorical(rng, probabilities);
  const x = new Float64Array(n);
  const column = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const v = variables[i]!;
    if (v.kind === "categorical") {
      for (let e = 0; e < k; e++) column[e] = archive[e * n + i]!;
      x[i] = categorical(rng, categoricalUnchecked(column, v.size, q, omega));
      continue;
    }
    const mean = archive[l * n + i]!;
    const sd = sigmaUnchecked(archive, n, k, l, i, xi);
    const draw = sd > 0 && Number.isFinite(sd);
    if (v.kind === "ordinal") {
      const y = draw ? truncatedNormal(rng, mean, sd, v.low - 0.5, v.high + 0.5) : mean;
      const r = Math.round(y);
      x[i] = r < v.low ? v.low : r > v.high ? v.high : r;
    } else {
      x[i] = draw ? truncatedNormal(rng, mean, sd, v.low, v.high) : mean;
    }
  }
  return x;
}

/**
 * ACO_R with ACO_MV's ordinal and categorical variables (see the file header), minimizing.
 *
 * @example
 * ```ts
 * const aco = new AntColony({ bounds: { lower: [-5, -5], upper: [5, 5] }, seed: 1 });
 * for (let it = 0; it < 200; it++) {
 *   const xs = Array.from({ length: aco.populationSize }, () => aco.ask());
 *   aco.tell(xs.map((x) => ({ x, value: x[0]! ** 2 + x[1]! ** 2 })));
 * }
 * aco.best(); // { x, value } of the best solution seen
 * ```
 */
export class AntColony {
  /** The variables, in coordinate order. */
  readonly variables: readonly AcoVariable[];
  /** k. */
  readonly archiveSize: number;
  /** m. */
  readonly ants: number;
  /** q. */
  readonly q: number;
  /** ξ. */
  readonly xi: number;
  private rng: Rng;
  /** Row-major archive, best first (`count` rows used). */
  private archive: Float64Array;
  private values: Float64Array;
  private count = 0;
  private iterationCount = 0;
  private probabilities: Float64Array | null = null;
  private omega: Float64Array | null = null;

  /**
   * @throws RangeError / TypeError on missing or malformed variables or bounds, an archive
   *   size below 2, fewer than 1 ant, a non-positive q or ξ, or an rng that is not an `Rng`.
   */
  constructor(options: AntColonyOptions) {
    if (options === null || typeof options !== "object")
      throw new TypeError(`${WHERE}: options must be an object`);
    this.variables = variablesOf(options);
    this.archiveSize = integerAtLeast("archiveSize", options.archiveSize, 2, 50);
    this.ants = integerAtLeast("ants", options.ants, 1, 2);
    this.q = positive("q", options.q, 1e-4);
    this.xi = positive("xi", options.xi, 0.85);
    if (options.rng !== undefined && !(options.rng instanceof Rng)) {
      throw new TypeError(`${WHERE}: rng must be an Rng from @tunelab/math/random`);
    }
    if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
      throw new RangeError(`${WHERE}: seed must be a safe integer, got ${String(options.seed)}`);
    }
    this.rng = options.rng ?? Rng.fromSeed(options.seed ?? 0);
    const n = this.variables.length;
    this.archive = new Float64Array(this.archiveSize * n);
    this.values = new Float64Array(this.archiveSize);
  }

  /** n, the number of variables. */
  get dim(): number {
    return this.variables.length;
  }

  /** Solutions the next `tell` takes: k − (archive size) while the archive fills, then m. */
  get populationSize(): number {
    return this.count < this.archiveSize ? this.archiveSize - this.count : this.ants;
  }

  /** Iterations told so far (the initial archive's included). */
  get iteration(): number {
    return this.iterationCount;
  }

  /** The archive, best first: row-major (size × n) solutions and their values (copies). */
  getArchive(): { readonly solutions: Float64Array; readonly values: Float64Array; readonly size: number } {
    const n = this.dim;
    return {
      solutions: this.archive.slice(0, this.count * n),
      values: this.values.slice(0, this.count),
      size: this.count,
    };
  }

  /** The best solution told so far, or null before the first finite value. */
  best(): { readonly x: Float64Array; readonly value: number } | null {
    if (this.count === 0) return null;
    return { x: this.archive.slice(0, this.dim), value: this.values[0]! };
  }

  /**
   * One candidate: a uniform draw while the archive fills, else an ant's construction.
   * @param rng - the generator to draw from. @defaultValue the optimizer's own
   */
  ask(rng: Rng = this.rng): Float64Array {
    return this.count < this.archiveSize ? this.uniform(rng) : this.construct(rng);
  }

  private uniform(rng: Rng): Float64Array {
    const n = this.dim;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = this.variables[i]!;
      if (v.kind === "categorical") x[i] = rng.int(0, v.size - 1);
      else if (v.kind === "ordinal") x[i] = rng.int(v.low, v.high);
      else x[i] = v.low === v.high ? v.low : rng.uniform(v.low, v.high);
    }
    return x;
  }

  /** An ant's solution from the (full) archive. */
  private construct(rng: Rng): Float64Array {
    this.probabilities ??= acoProbabilities(this.count, this.q);
    this.omega ??= acoWeights(this.count, this.q);
    return constructUnchecked(
      this.archive,
      this.count,
      this.variables,
      this.q,
      this.xi,
      rng,
      this.probabilities,
      this.omega,
    );
  }

  /**
   * Adds evaluated solutions: the k best of the archive and these stay (+Infinity values are
   * dropped).
   * @param solutions - exactly `populationSize` solutions.
   * @throws RangeError / TypeError (state unchanged) when `solutions` is not an array of
   *   `populationSize` objects with an x of n finite coordinates (categorical and ordinal ones
   *   integers in their range) and a value that is a number other than NaN.
   */
  tell(solutions: readonly AcoSolution[]): void {
    const n = this.dim;
    checkSolutionBatch(`${WHERE}.tell`, solutions, this.populationSize, n, (xi, i) => {
      const v = this.variables[i]!;
      if (v.kind === "categorical" && !(Number.isInteger(xi) && xi >= 0 && xi < v.size))
        return `an integer in [0, ${v.size - 1}]`;
      if (v.kind === "ordinal" && !(Number.isInteger(xi) && xi >= v.low && xi <= v.high))
        return `an integer in [${v.low}, ${v.high}]`;
      return null;
    });
    // Merge: archive rows (older) first, then the new ones in order; a stable sort keeps the
    // older of two equal values first.
    const rows: { x: ArrayLike<number>; value: number }[] = [];
    for (let e = 0; e < this.count; e++)
      rows.push({ x: this.archive.subarray(e * n, (e + 1) * n), value: this.values[e]! });
    for (const s of solutions)
      if (s.value !== Number.POSITIVE_INFINITY) rows.push({ x: s.x, value: s.value });
    rows.sort((a, b) => a.value - b.value || 0);
    const keep = Math.min(rows.length, this.archiveSize);
    const archive = new Float64Array(this.archiveSize * n);
    const values = new Float64Array(this.archiveSize);
    for (let e = 0; e < keep; e++) {
      const r = rows[e]!;
      for (let i = 0; i < n; i++) archive[e * n + i] = r.x[i]!;
      values[e] = r.value;
    }
    if (keep !== this.count) {
      this.probabilities = null;
      this.omega = null;
    }
    this.archive = archive;
    this.values = values;
    this.count = keep;
    this.iterationCount++;
  }

  /** The whole state as plain JSON (restore with {@link AntColony.fromJSON}). */
  toJSON(): AntColonyState {
    const n = this.dim;
    return {
      version: 1,
      variables: this.variables.map((v) => ({ ...v })),
      archiveSize: this.archiveSize,
      ants: this.ants,
      q: this.q,
      xi: this.xi,
      archive: Array.from({ length: this.count }, (_, e) =>
        Array.from(this.archive.subarray(e * n, (e + 1) * n)),
      ),
      values: Array.from(this.values.subarray(0, this.count)),
      iteration: this.iterationCount,
      rng: this.rng.getState(),
    };
  }

  /**
   * Restores an optimizer from {@link AntColony.toJSON}'s record.
   * @throws RangeError on a record that is not a version-1 state or is inconsistent.
   */
  static fromJSON(state: AntColonyState): AntColony {
    if (state === null || typeof state !== "object" || state.version !== 1) {
      throw new RangeError(`${WHERE}.fromJSON: expected a version-1 state record`);
    }
    const o = new AntColony({
      variables: state.variables,
      archiveSize: state.archiveSize,
      ants: state.ants,
      q: state.q,
      xi: state.xi,
      rng: Rng.fromState(state.rng),
    });
    const n = o.dim;
    checkStoredRows(
      `${WHERE}.fromJSON`,
      state.archive,
      state.values,
      o.archiveSize,
      n,
      ["archive", "rows"],
      ["iteration", state.iteration],
    );
    state.archive.forEach((row, e) => {
      o.archive.set(row, e * n);
      o.values[e] = state.values[e]!;
    });
    o.count = state.archive.length;
    o.iterationCount = state.iteration;
    return o;
  }
}
