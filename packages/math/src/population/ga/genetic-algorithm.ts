/**
 * GeneticAlgorithm: a real-coded, single-objective genetic algorithm as a standalone ask/tell
 * optimizer, assembled from the operators of `@tunelab/math/genetic` (crossover, mutation,
 * binary tournaments) and the survival of `survival.ts`, as pymoo's GA is assembled from its
 * operators.
 *
 * Notation: μ = `populationSize` (the population P), λ = `offspring` per generation, n
 * variables on the box [a, b] (row-major points).
 *
 * One generation:
 * 1. Generation 0: μ uniform draws in the box (until the population holds a member: failures
 *    are dropped, so while P is empty `ask` keeps drawing uniformly).
 * 2. Each of the λ children: with probability `crossoverProb` the crossover of parents chosen
 *    by binary tournaments in P (distinct parents; Goldberg & Deb 1991), repaired into the box
 *    (`crossover()` of `@tunelab/math/genetic`), else a copy of a uniformly chosen member; then
 *    each gene mutates with probability `mutationProb` (default 1/n).
 * 3. tell(λ children): P ← the survivors (`gaSurvive`) of P ∪ children.
 * Defaults follow Deb's real-coded GA practice (Deb & Agrawal 1995; Deb 2000): SBX with η = 15,
 * crossover probability 0.9, polynomial mutation with η = 20 at rate 1/n.
 *
 * Failures: a child told with value +Infinity is dropped. NaN values are refused.
 */
import { crossover } from "../../genetic/crossover/apply.js";
import { type CrossoverSpec, crossoverFromSpec } from "../../genetic/crossover/spec.js";
import { mutate } from "../../genetic/mutation/apply.js";
import { polynomialMutation } from "../../genetic/mutation/polynomial.js";
import { uniformMutation } from "../../genetic/mutation/uniform.js";
import { selectDistinct } from "../../genetic/selection/tournament.js";
import type { Crossover, Mutation } from "../../genetic/types.js";
import { Rng, type RngState } from "../../random/rng.js";
import { checkSolutionBatch, checkStoredRows } from "../solution-batch.js";
import { checkGaSurvival, type GaSurvival, gaComparison, gaSurvive } from "./survival.js";

/** The mutation of a {@link GeneticAlgorithm}, as a record (so the state stays JSON). */
export type GaMutationSpec =
  /** Deb's bounded polynomial mutation. */
  | { readonly kind: "polynomial"; readonly eta?: number }
  /** A uniform redraw in the gene's interval. */
  | { readonly kind: "uniform" };

/** Options of {@link GeneticAlgorithm}. */
export interface GeneticAlgorithmOptions {
  /** The box of the n variables. */
  readonly bounds: { readonly lower: ArrayLike<number>; readonly upper: ArrayLike<number> };
  /** μ, the population size (≥ 2 and ≥ the crossover's parents). @defaultValue 50 */
  readonly populationSize?: number;
  /** λ, children per generation (≥ 1). @defaultValue μ */
  readonly offspring?: number;
  /** The crossover. @defaultValue \{ kind: "sbx", eta: 15 \} */
  readonly crossover?: CrossoverSpec;
  /** Probability that a child is a crossover rather than a copy. @defaultValue 0.9 */
  readonly crossoverProb?: number;
  /** The mutation. @defaultValue \{ kind: "polynomial", eta: 20 \} */
  readonly mutation?: GaMutationSpec;
  /** Probability that each gene mutates; null for 1/n. @defaultValue null */
  readonly mutationProb?: number | null;
  /** How P ∪ children survive. @defaultValue \{ kind: "elitist" \} */
  readonly survival?: GaSurvival;
  /** Seed of the internal generator (ignored when `rng` is given). @defaultValue 0 */
  readonly seed?: number;
  /** The generator to draw from. @defaultValue Rng.fromSeed(seed) */
  readonly rng?: Rng;
}

/** One evaluated point: x as returned by `ask()`, and its value (minimized). */
export interface GaSolution {
  /** The point as returned by `ask()`. */
  readonly x: ArrayLike<number>;
  /** Objective value (+Infinity for a failure, which is dropped). */
  readonly value: number;
}

/** The serialized state of a {@link GeneticAlgorithm} (version 1). */
export interface GeneticAlgorithmState {
  /** Format version. */
  readonly version: 1;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly populationSize: number;
  readonly offspring: number;
  readonly crossover: CrossoverSpec;
  readonly crossoverProb: number;
  readonly mutation: GaMutationSpec;
  readonly mutationProb: number | null;
  readonly survival: GaSurvival;
  /** The population's points and values. */
  readonly population: readonly (readonly number[])[];
  readonly values: readonly number[];
  /** Generations told. */
  readonly generation: number;
  readonly rng: RngState;
}

const WHERE = "GeneticAlgorithm";

function mutationOf(spec: GaMutationSpec): Mutation {
  if (spec === null || typeof spec !== "object")
    throw new TypeError(`${WHERE}: mutation must be a record with a kind`);
  if (spec.kind === "polynomial") return polynomialMutation(spec.eta === undefined ? {} : { eta: spec.eta });
  if (spec.kind === "uniform") return uniformMutation();
  throw new TypeError(
    `${WHERE}: mutation.kind must be "polynomial" or "uniform", got ${String((spec as { kind: unknown }).kind)}`,
  );
}

function prob(name: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!(typeof v === "number" && v >= 0 && v <= 1)) {
    throw new RangeError(`${WHERE}: ${name} must be a number in [0, 1], got ${String(v)}`);
  }
  return v;
}

/**
 * A real-coded single-objective GA (see the file header), minimizing.
 *
 * @example
 * ```ts
 * const ga = new GeneticAlgorithm({ bounds: { lower: [-5, -5], upper: [5, 5] }, seed: 1 });
 * for (let g = 0; g < 100; g++) {
 *   const xs = Array.from({ length: ga.populationSize }, () => ga.ask());
 *   ga.tell(xs.map((x) => ({ x, value: x[0]! ** 2 + x[1]! ** 2 })));
 * }
 * ga.best();
 * ```
 */
export class GeneticAlgorithm {
  /** μ. */
  readonly mu: number;
  /** λ. */
  readonly lambda: number;
  private readonly lower: Float64Array;
  private readonly upper: Float64Array;
  private readonly crossoverSpec: CrossoverSpec;
  private readonly op: Crossover;
  private readonly crossoverProb: number;
  private readonly mutationSpec: GaMutationSpec;
  private readonly mutation: Mutation;
  private readonly mutationProb: number | null;
  private readonly survival: GaSurvival;
  private rng: Rng;
  private population: Float64Array[] = [];
  private values: number[] = [];
  private generationCount = 0;

  /**
   * @throws RangeError / TypeError on malformed bounds, a population below 2 or below the
   *   crossover's parents, fewer than 1 child, a probability outside [0, 1], a bad crossover,
   *   mutation or survival record, a bad seed or an rng that is not an `Rng`.
   */
  constructor(options: GeneticAlgorithmOptions) {
    if (options === null || typeof options !== "object")
      throw new TypeError(`${WHERE}: options must be an object`);
    const b = options.bounds;
    if (b === undefined || b === null || typeof b !== "object")
      throw new TypeError(`${WHERE}: bounds is required`);
    if (b.lower.length !== b.upper.length || b.lower.length === 0) {
      throw new RangeError(`${WHERE}: bounds.lower and bounds.upper must have the same non-zero length`);
    }
    this.lower = Float64Array.from(b.lower);
    this.upper = Float64Array.from(b.upper);
    for (let i = 0; i < this.lower.length; i++) {
      if (
        !(
          Number.isFinite(this.lower[i]) &&
          Number.isFinite(this.upper[i]) &&
          this.lower[i]! <= this.upper[i]!
        )
      ) {
        throw new RangeError(
          `${WHERE}: bounds[${i}] needs finite lower <= upper, got ${this.lower[i]}, ${this.upper[i]}`,
        );
      }
    }
    this.crossoverSpec = options.crossover ?? { kind: "sbx", eta: 15 };
    if (this.crossoverSpec === null || typeof this.crossoverSpec !== "object") {
      throw new TypeError(`${WHERE}: crossover must be a crossover record`);
    }
    this.op = crossoverFromSpec(this.crossoverSpec);
    const mu = options.populationSize ?? 50;
    if (!(Number.isSafeInteger(mu) && mu >= 2 && mu >= this.op.nParents)) {
      throw new RangeError(
        `${WHERE}: populationSize must be an integer >= max(2, the crossover's ${this.op.nParents} parents), got ${String(mu)}`,
      );
    }
    this.mu = mu;
    const lambda = options.offspring ?? mu;
    if (!(Number.isSafeInteger(lambda) && lambda >= 1)) {
      throw new RangeError(`${WHERE}: offspring must be an integer >= 1, got ${String(lambda)}`);
    }
    this.lambda = lambda;
    this.crossoverProb = prob("crossoverProb", options.crossoverProb, 0.9);
    this.mutationProb =
      options.mutationProb === null || options.mutationProb === undefined
        ? null
        : prob("mutationProb", options.mutationProb, 0);
    this.mutationSpec = options.mutation ?? { kind: "polynomial", eta: 20 };
    this.mutation = mutationOf(this.mutationSpec);
    this.survival = options.survival ?? { kind: "elitist" };
    checkGaSurvival(WHERE, this.survival);
    if (options.rng !== undefined && !(options.rng instanceof Rng)) {
      throw new TypeError(`${WHERE}: rng must be an Rng from @tunelab/math/random`);
    }
    if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
      throw new RangeError(`${WHERE}: seed must be a safe integer, got ${String(options.seed)}`);
    }
    this.rng = options.rng ?? Rng.fromSeed(options.seed ?? 0);
  }

  /** n. */
  get dim(): number {
    return this.lower.length;
  }

  /** Points the next `tell` takes: μ for generation 0 (and while the population is empty), then λ. */
  get populationSize(): number {
    return this.population.length === 0 ? this.mu : this.lambda;
  }

  /** Generations told. */
  get generation(): number {
    return this.generationCount;
  }

  /** The best member of the population, or null while it is empty. */
  best(): { readonly x: Float64Array; readonly value: number } | null {
    if (this.population.length === 0) return null;
    const better = gaComparison(this.values, null);
    let k = 0;
    for (let j = 1; j < this.values.length; j++) if (better(j, k)) k = j;
    return { x: this.population[k]!.slice(), value: this.values[k]! };
  }

  /**
   * One child (a uniform draw while the population is empty).
   * @param rng - the generator to draw from. @defaultValue the optimizer's own
   */
  ask(rng: Rng = this.rng): Float64Array {
    const n = this.dim;
    const box = { lower: this.lower, upper: this.upper };
    const pop = this.population;
    if (pop.length === 0) {
      const x = new Float64Array(n);
      for (let i = 0; i < n; i++)
        x[i] = this.lower[i] === this.upper[i] ? this.lower[i]! : rng.uniform(this.lower[i]!, this.upper[i]!);
      return x;
    }
    let child: Float64Array;
    if (rng.random() < this.crossoverProb && pop.length >= this.op.nParents) {
      const chosen = selectDistinct(rng, pop.length, this.op.nParents, gaComparison(this.values, null));
      child = crossover(
        this.op,
        Array.from(chosen, (k) => pop[k]!),
        rng,
        { box },
      );
    } else {
      child = pop[rng.int(0, pop.length - 1)]!.slice();
    }
    return mutate(this.mutation, child, rng, { prob: this.mutationProb ?? 1 / n, box });
  }

  /**
   * The population becomes the survivors of itself and these children (+Infinity dropped).
   * @param solutions - exactly `populationSize` solutions.
   * @throws RangeError / TypeError (state unchanged) when `solutions` is not an array of
   *   `populationSize` objects with an x of n finite coordinates and a value other than NaN.
   */
  tell(solutions: readonly GaSolution[]): void {
    checkSolutionBatch(`${WHERE}.tell`, solutions, this.populationSize, this.dim);
    const points = [...this.population];
    const values = [...this.values];
    for (const s of solutions) {
      if (s.value === Number.POSITIVE_INFINITY) continue;
      points.push(Float64Array.from(s.x));
      values.push(s.value);
    }
    const keep = gaSurvive(values, this.mu, this.survival, this.rng.fork(`survival:${this.generationCount}`));
    this.population = Array.from(keep, (k) => points[k]!);
    this.values = Array.from(keep, (k) => values[k]!);
    this.generationCount++;
  }

  /** The whole state as plain JSON (restore with {@link GeneticAlgorithm.fromJSON}). */
  toJSON(): GeneticAlgorithmState {
    return {
      version: 1,
      lower: Array.from(this.lower),
      upper: Array.from(this.upper),
      populationSize: this.mu,
      offspring: this.lambda,
      crossover: { ...this.crossoverSpec },
      crossoverProb: this.crossoverProb,
      mutation: { ...this.mutationSpec },
      mutationProb: this.mutationProb,
      survival: { ...this.survival },
      population: this.population.map((x) => Array.from(x)),
      values: [...this.values],
      generation: this.generationCount,
      rng: this.rng.getState(),
    };
  }

  /**
   * Restores an optimizer from {@link GeneticAlgorithm.toJSON}'s record.
   * @throws RangeError on a record that is not a version-1 state or is inconsistent.
   */
  static fromJSON(state: GeneticAlgorithmState): GeneticAlgorithm {
    if (state === null || typeof state !== "object" || state.version !== 1) {
      throw new RangeError(`${WHERE}.fromJSON: expected a version-1 state record`);
    }
    const o = new GeneticAlgorithm({
      bounds: { lower: state.lower, upper: state.upper },
      populationSize: state.populationSize,
      offspring: state.offspring,
      crossover: state.crossover,
      crossoverProb: state.crossoverProb,
      mutation: state.mutation,
      mutationProb: state.mutationProb,
      survival: state.survival,
      rng: Rng.fromState(state.rng),
    });
    checkStoredRows(
      `${WHERE}.fromJSON`,
      state.population,
      state.values,
      o.mu,
      o.dim,
      ["population", "points"],
      ["generation", state.generation],
    );
    o.population = state.population.map((x) => Float64Array.from(x));
    o.values = [...state.values];
    o.generationCount = state.generation;
    return o;
  }
}
