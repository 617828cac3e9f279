/**
 * DifferentialEvolution: a standalone ask/tell optimizer (minimization) over a box, with the
 * strategies rand/1/bin (Storn & Price 1997) and SHADE's current-to-pbest/1/bin with archive
 * and success-history parameter adaptation (Tanabe & Fukunaga 2013, the default). The
 * generation step is `de-generation.ts`; the ask/tell bookkeeping `ask-book.ts`.
 *
 * How it runs:
 * - Generation 0 asks NP uniform points of the box; from generation 1 on, each ask is the trial
 *   vector of one target (slot), the slot with the fewest asks so far in the generation.
 * - A generation ends once NP of its asks are told (whatever their slots): then selection,
 *   archive and memory update give the next one. Asks of an earlier generation told later
 *   (stragglers of asynchronous workers) replace the current member of their slot when not
 *   worse, with no effect on SHADE's memory.
 * - A failed evaluation is reported with `fail(x)`: the point is dropped and its slot is the
 *   next one asked. `tell` refuses NaN (the shared optimizer contract's rule); ±Infinity is
 *   taken as ±Number.MAX_VALUE so that the state stays JSON.
 * - Deterministic for a seed: every draw comes from one seeded stream, stored in the state.
 */
import { Rng, type RngState } from "../random/rng.js";
import { AskBook, type AskBookState, type PopulationSolution } from "./ask-book.js";
import { type Box, type PopulationBounds, resolveBox } from "./box.js";
import {
  type DeGenerationState,
  type DeResult,
  initialDeState,
  nextDeGeneration,
  proposeDeTrial,
  type ResolvedDeStrategy,
} from "./de-generation.js";

/** The strategy of {@link DifferentialEvolution}, a tagged record. */
export type DeStrategy =
  | {
      readonly kind: "rand1bin";
      /** Scale factor F in (0, 2]. @defaultValue 0.5 (Storn & Price 1997, §4) */
      readonly f?: number;
      /** Crossover rate CR in [0, 1]. @defaultValue 0.9 (Storn & Price 1997, §4 for non-separable problems) */
      readonly cr?: number;
    }
  | {
      readonly kind: "shade";
      /** Memory size H (integer ≥ 1). @defaultValue the population size (Tanabe & Fukunaga 2013, §IV: H = NP = 100) */
      readonly memorySize?: number;
      /** p_max of p ~ U[2/NP, p_max], in (0, 1]. @defaultValue 0.2 (Tanabe & Fukunaga 2013) */
      readonly pMax?: number;
      /** Archive size as a multiple of NP (≥ 0). @defaultValue 1 (|A| = NP, Tanabe & Fukunaga 2013) */
      readonly archiveRate?: number;
    };

/** Options of {@link DifferentialEvolution}. */
export interface DifferentialEvolutionOptions {
  /** Dimension d of the unit box [0, 1]^d (when `bounds` is not given). */
  readonly dim?: number;
  /** The box to search. @defaultValue the unit box [0, 1]^dim */
  readonly bounds?: PopulationBounds;
  /**
   * NP, the number of targets (integer ≥ 4).
   * @defaultValue 100 for SHADE (Tanabe & Fukunaga 2013, §IV), 10·d for rand/1/bin (Storn & Price 1997, §4)
   */
  readonly populationSize?: number;
  /** rand/1/bin or SHADE. @defaultValue \{ kind: "shade" \} */
  readonly strategy?: DeStrategy;
  /** Seed of the random stream (a safe integer). */
  readonly seed: number;
}

/** Serializable state of a {@link DifferentialEvolution} (version 1). */
export interface DifferentialEvolutionState {
  readonly version: 1;
  readonly box: Box;
  readonly populationSize: number;
  readonly strategy: ResolvedDeStrategy;
  readonly generation: DeGenerationState;
  readonly book: AskBookState;
  readonly rng: RngState;
  /** Best point told so far and its value, or null. */
  readonly best: { readonly x: readonly number[]; readonly value: number } | null;
}

const WHERE = "DifferentialEvolution";

function finiteNumber(name: string, v: unknown, lo: number, hi: number, openLo: boolean): number {
  if (typeof v !== "number" || !Number.isFinite(v) || (openLo ? v <= lo : v < lo) || v > hi) {
    throw new RangeError(
      `${WHERE}: ${name} must be a number in ${openLo ? "(" : "["}${lo}, ${hi}], got ${String(v)}`,
    );
  }
  return v;
}

/**
 * Checks options and resolves defaults.
 * @throws TypeError / RangeError naming the option and its allowed range.
 */
export function resolveDeOptions(options: DifferentialEvolutionOptions): {
  box: Box;
  populationSize: number;
  strategy: ResolvedDeStrategy;
} {
  if (options === null || typeof options !== "object")
    throw new TypeError(`${WHERE}: options must be an object`);
  const known = ["dim", "bounds", "populationSize", "strategy", "seed"];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${WHERE}: unknown option ${key}`);
  }
  const box = resolveBox(WHERE, options.dim, options.bounds);
  const d = box.lower.length;
  const s = options.strategy ?? { kind: "shade" };
  if (s === null || typeof s !== "object" || (s.kind !== "rand1bin" && s.kind !== "shade")) {
    throw new TypeError(`${WHERE}: strategy must be { kind: "rand1bin" } or { kind: "shade" }`);
  }
  const np = options.populationSize ?? (s.kind === "shade" ? 100 : Math.max(4, 10 * d));
  if (!(Number.isSafeInteger(np) && np >= 4)) {
    throw new RangeError(`${WHERE}: populationSize must be an integer >= 4, got ${String(np)}`);
  }
  let strategy: ResolvedDeStrategy;
  if (s.kind === "rand1bin") {
    strategy = {
      kind: "rand1bin",
      f: finiteNumber("strategy.f", s.f ?? 0.5, 0, 2, true),
      cr: finiteNumber("strategy.cr", s.cr ?? 0.9, 0, 1, false),
    };
  } else {
    const h = s.memorySize ?? np;
    if (!(Number.isSafeInteger(h) && h >= 1)) {
      throw new RangeError(`${WHERE}: strategy.memorySize must be an integer >= 1, got ${String(h)}`);
    }
    const pMax = finiteNumber("strategy.pMax", s.pMax ?? 0.2, 0, 1, true);
    const rate = finiteNumber("strategy.archiveRate", s.archiveRate ?? 1, 0, 1e6, false);
    strategy = { kind: "shade", memorySize: h, pMax, archiveSize: Math.round(rate * np) };
  }
  return { box, populationSize: np, strategy };
}

/**
 * Differential evolution with ask/tell (see the module comment).
 * @example
 * ```ts
 * const de = new DifferentialEvolution({ dim: 5, populationSize: 30, seed: 1 }); // SHADE on [0, 1]^5
 * for (let i = 0; i < 3000; i++) {
 *   const x = de.ask();
 *   de.tell([{ x, value: x.reduce((s, v) => s + (v - 0.3) ** 2, 0) }]);
 * }
 * de.best; // { x: [≈0.3, ...], value: ≈0 }
 * ```
 */
export class DifferentialEvolution {
  private readonly box: Box;
  private readonly np: number;
  private readonly strategy: ResolvedDeStrategy;
  private state: DeGenerationState;
  private readonly book: AskBook;
  private readonly rng: Rng;
  private bestSoFar: { x: number[]; value: number } | null;

  /** @throws TypeError / RangeError on invalid options (see {@link resolveDeOptions}) or seed. */
  constructor(options: DifferentialEvolutionOptions);
  /** @internal restores a serialized state. */
  constructor(options: DifferentialEvolutionOptions, restored: DifferentialEvolutionState);
  constructor(options: DifferentialEvolutionOptions, restored?: DifferentialEvolutionState) {
    if (restored !== undefined) {
      this.box = restored.box;
      this.np = restored.populationSize;
      this.strategy = restored.strategy;
      this.state = restored.generation;
      this.book = new AskBook(restored.book);
      this.rng = Rng.fromState(restored.rng);
      this.bestSoFar =
        restored.best === null ? null : { x: [...restored.best.x], value: restored.best.value };
      return;
    }
    const r = resolveDeOptions(options);
    if (!Number.isSafeInteger(options.seed)) {
      throw new RangeError(`${WHERE}: seed must be a safe integer, got ${String(options.seed)}`);
    }
    this.box = r.box;
    this.np = r.populationSize;
    this.strategy = r.strategy;
    this.state = initialDeState(r.strategy);
    this.book = new AskBook();
    this.rng = Rng.fromSeed(options.seed).fork("de");
    this.bestSoFar = null;
  }

  /** NP: the asks of one generation. */
  get populationSize(): number {
    return this.np;
  }

  /** The current generation (0 while the initial points are evaluated). */
  get generation(): number {
    return this.state.generation;
  }

  /** The current population (empty in generation 0), archive and memory, as JSON. */
  get current(): DeGenerationState {
    return this.state;
  }

  /** The best point told so far and its value, or null. */
  get best(): { readonly x: readonly number[]; readonly value: number } | null {
    return this.bestSoFar;
  }

  /** The next point to evaluate (a new array of length d, inside the box). */
  ask(): Float64Array {
    const g = this.state.generation;
    const slot = this.book.nextSlot(this.np, g);
    const t = proposeDeTrial(this.state, slot, this.box, this.strategy, this.rng);
    this.book.add(t.x, slot, g, Number.isNaN(t.cr) ? [] : [t.cr, t.f]);
    return t.x;
  }

  /**
   * Reports evaluated points (any number, each a pending point of `ask()`).
   * @throws TypeError / RangeError on malformed input or a point that is not pending; then
   *   nothing changes.
   */
  tell(solutions: readonly PopulationSolution[]): void {
    const matched = this.book.match(`${WHERE}.tell`, solutions, this.box.lower.length);
    matched.forEach((p, k) => {
      const raw = solutions[k]!.value;
      const value = raw === Infinity ? Number.MAX_VALUE : raw === -Infinity ? -Number.MAX_VALUE : raw;
      this.book.take(p);
      if (this.bestSoFar === null || value < this.bestSoFar.value) this.bestSoFar = { x: [...p.x], value };
      const id = this.book.nextId++;
      if (p.generation === this.state.generation) {
        this.book.told.push({ x: p.x, slot: p.slot, value, extra: p.extra, id });
        if (this.book.told.length >= this.np) this.advance();
      } else {
        this.late(p.slot, p.x, value, id);
      }
    });
  }

  /**
   * Reports a failed evaluation: the point is dropped and its slot is asked again next.
   * @throws RangeError when x is not a pending point of `ask()`.
   */
  fail(x: ArrayLike<number>): void {
    const [p] = this.book.match(`${WHERE}.fail`, [{ x, value: 0 }], this.box.lower.length);
    this.book.take(p!);
  }

  private advance(): void {
    const results: DeResult[] = this.book.told.map((t) => ({
      slot: t.slot,
      x: t.x,
      value: t.value,
      cr: t.extra[0] ?? Number.NaN,
      f: t.extra[1] ?? Number.NaN,
      id: t.id,
    }));
    this.state = nextDeGeneration(this.state, results, this.np, this.strategy, this.rng);
    this.book.told = [];
  }

  /** A straggler of an earlier generation: greedy replacement of its slot's current member. */
  private late(slot: number, x: readonly number[], value: number, id: number): void {
    const pop = this.state.population;
    if (pop.length === 0) return;
    const i = slot % pop.length;
    if (value <= pop[i]!.value) {
      const population = [...pop];
      population[i] = { x: [...x], value, id };
      this.state = { ...this.state, population };
    }
  }

  /** The whole state as plain JSON (restore with {@link DifferentialEvolution.fromJSON}). */
  toJSON(): DifferentialEvolutionState {
    return JSON.parse(
      JSON.stringify({
        version: 1,
        box: this.box,
        populationSize: this.np,
        strategy: this.strategy,
        generation: this.state,
        book: this.book.toJSON(),
        rng: this.rng.getState(),
        best: this.bestSoFar,
      }),
    ) as DifferentialEvolutionState;
  }

  /**
   * Restores an optimizer from {@link DifferentialEvolution.toJSON}'s output.
   * @throws TypeError when the state is not a version-1 state.
   */
  static fromJSON(state: DifferentialEvolutionState): DifferentialEvolution {
    if (state === null || typeof state !== "object" || state.version !== 1) {
      throw new TypeError(`${WHERE}.fromJSON: state must be a version-1 DifferentialEvolution state`);
    }
    return new DifferentialEvolution({ seed: 0 }, state);
  }
}
