/**
 * ParticleSwarm: a standalone ask/tell optimizer (minimization) over a box: synchronous
 * particle swarm with the constriction factor (Clerc & Kennedy 2002; the default) or a linearly
 * decreasing inertia weight (Shi & Eberhart 1998, 1999), global-best or ring topology, velocity
 * clamping and absorbing bounds. The iteration step is `pso-swarm.ts`, the rules
 * `pso-update.ts`, the ask/tell bookkeeping `ask-book.ts`.
 *
 * How it runs:
 * - Iteration t asks each particle's position once (slot = particle); an iteration ends once NP
 *   of its asks are told, then the swarm moves. More asks than NP within an iteration (more
 *   workers than particles) ask the same positions again: give the swarm at least as many
 *   particles as there are workers.
 * - Asks of an earlier iteration told later update their particle's personal best only.
 * - A failed evaluation is reported with `fail(x)`: the point is dropped and its particle is
 *   the next one asked (the same position). `tell` refuses NaN; ±Infinity is taken as
 *   ±Number.MAX_VALUE so that the state stays JSON.
 * - Deterministic for a seed: every draw comes from one seeded stream, stored in the state.
 */
import { Rng, type RngState } from "../random/rng.js";
import { AskBook, type AskBookState, type PopulationSolution } from "./ask-book.js";
import { type Box, type PopulationBounds, resolveBox } from "./box.js";
import {
  initialSwarm,
  nextSwarm,
  type PsoResult,
  type PsoSwarmState,
  withPersonalBests,
} from "./pso-swarm.js";
import { constrictionFactor, inertiaWeight, type PsoRule, type PsoTopology } from "./pso-update.js";

/** The velocity rule of {@link ParticleSwarm}, a tagged record. */
export type PsoVariant =
  | {
      readonly kind: "constriction";
      /** φ = c_1 + c_2 (> 4), with c_1 = c_2 = φ/2. @defaultValue 4.1 (Clerc & Kennedy 2002: χ ≈ 0.72984) */
      readonly phi?: number;
    }
  | {
      readonly kind: "inertia";
      /** Inertia weight at the first iteration. @defaultValue 0.9 (Shi & Eberhart 1999) */
      readonly wStart?: number;
      /** Inertia weight from iteration T on. @defaultValue 0.4 (Shi & Eberhart 1999) */
      readonly wEnd?: number;
      /** T, the iterations over which w decreases (integer ≥ 1). @defaultValue 100 */
      readonly iterations?: number;
      /** Cognitive coefficient c_1 (≥ 0). @defaultValue 2 (Shi & Eberhart 1999) */
      readonly c1?: number;
      /** Social coefficient c_2 (≥ 0). @defaultValue 2 (Shi & Eberhart 1999) */
      readonly c2?: number;
    };

/** Options of {@link ParticleSwarm}. */
export interface ParticleSwarmOptions {
  /** Dimension d of the unit box [0, 1]^d (when `bounds` is not given). */
  readonly dim?: number;
  /** The box to search. @defaultValue the unit box [0, 1]^dim */
  readonly bounds?: PopulationBounds;
  /** NP, the number of particles (integer ≥ 2). @defaultValue 10 + ⌊2√d⌋ (SPSO 2006; Bratton & Kennedy 2007) */
  readonly populationSize?: number;
  /** Constriction or inertia weight. @defaultValue \{ kind: "constriction", phi: 4.1 \} */
  readonly variant?: PsoVariant;
  /** Global best or ring (k = 2 neighbours). @defaultValue \{ kind: "global" \} */
  readonly topology?: PsoTopology;
  /**
   * v_max as a fraction of each coordinate's range, in (0, 1], or null for no clamping.
   * @defaultValue 0.5 (Eberhart & Shi 2000: v_max = x_max, half the range of a box [−x_max, x_max])
   */
  readonly vMaxFraction?: number | null;
  /** Seed of the random stream (a safe integer). */
  readonly seed: number;
}

/** The velocity rule with its defaults resolved. */
export type ResolvedPsoVariant =
  | { readonly kind: "constriction"; readonly phi: number }
  | {
      readonly kind: "inertia";
      readonly wStart: number;
      readonly wEnd: number;
      readonly iterations: number;
      readonly c1: number;
      readonly c2: number;
    };

/** Checked options of {@link ParticleSwarm}. */
export interface ResolvedPsoOptions {
  readonly box: Box;
  readonly populationSize: number;
  readonly variant: ResolvedPsoVariant;
  readonly topology: PsoTopology;
  /** v_max per coordinate, or null. */
  readonly vMax: readonly number[] | null;
}

/** Serializable state of a {@link ParticleSwarm} (version 1). */
export interface ParticleSwarmState {
  readonly version: 1;
  readonly options: ResolvedPsoOptions;
  readonly swarm: PsoSwarmState;
  readonly book: AskBookState;
  readonly rng: RngState;
  readonly best: { readonly x: readonly number[]; readonly value: number } | null;
}

const WHERE = "ParticleSwarm";

function num(name: string, v: unknown, lo: number, hi: number, openLo = false): number {
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
export function resolvePsoOptions(options: ParticleSwarmOptions): ResolvedPsoOptions {
  if (options === null || typeof options !== "object")
    throw new TypeError(`${WHERE}: options must be an object`);
  const known = ["dim", "bounds", "populationSize", "variant", "topology", "vMaxFraction", "seed"];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${WHERE}: unknown option ${key}`);
  }
  const box = resolveBox(WHERE, options.dim, options.bounds);
  const d = box.lower.length;
  const np = options.populationSize ?? 10 + Math.floor(2 * Math.sqrt(d));
  if (!(Number.isSafeInteger(np) && np >= 2)) {
    throw new RangeError(`${WHERE}: populationSize must be an integer >= 2, got ${String(np)}`);
  }
  const v = options.variant ?? { kind: "constriction" };
  let variant: ResolvedPsoVariant;
  if (v !== null && typeof v === "object" && v.kind === "constriction") {
    const phi = v.phi ?? 4.1;
    if (!(typeof phi === "number" && Number.isFinite(phi) && phi > 4 && phi <= 100)) {
      throw new RangeError(`${WHERE}: variant.phi must be a number in (4, 100], got ${String(phi)}`);
    }
    variant = { kind: "constriction", phi };
  } else if (v !== null && typeof v === "object" && v.kind === "inertia") {
    const iterations = v.iterations ?? 100;
    if (!(Number.isSafeInteger(iterations) && iterations >= 1)) {
      throw new RangeError(`${WHERE}: variant.iterations must be an integer >= 1, got ${String(iterations)}`);
    }
    variant = {
      kind: "inertia",
      wStart: num("variant.wStart", v.wStart ?? 0.9, 0, 2),
      wEnd: num("variant.wEnd", v.wEnd ?? 0.4, 0, 2),
      iterations,
      c1: num("variant.c1", v.c1 ?? 2, 0, 10),
      c2: num("variant.c2", v.c2 ?? 2, 0, 10),
    };
  } else {
    throw new TypeError(`${WHERE}: variant must be { kind: "constriction" } or { kind: "inertia" }`);
  }
  const t = options.topology ?? { kind: "global" };
  if (t === null || typeof t !== "object" || (t.kind !== "global" && t.kind !== "ring")) {
    throw new TypeError(`${WHERE}: topology must be { kind: "global" } or { kind: "ring" }`);
  }
  if (t.kind === "ring" && np < 3) {
    throw new RangeError(`${WHERE}: populationSize must be >= 3 with the ring topology, got ${np}`);
  }
  const fraction = options.vMaxFraction === undefined ? 0.5 : options.vMaxFraction;
  let vMax: number[] | null = null;
  if (fraction !== null) {
    num("vMaxFraction", fraction, 0, 1, true);
    vMax = box.lower.map((lo, j) => fraction * (box.upper[j]! - lo));
  }
  return { box, populationSize: np, variant, topology: { kind: t.kind }, vMax };
}

/** The velocity rule of iteration t (inertia: w_t of the linear schedule; constriction: χ of φ). */
export function psoRuleAt(variant: ResolvedPsoVariant, t: number): PsoRule {
  if (variant.kind === "constriction") {
    const c = variant.phi / 2;
    return { kind: "constriction", chi: constrictionFactor(variant.phi), c1: c, c2: c };
  }
  return {
    kind: "inertia",
    w: inertiaWeight(variant.wStart, variant.wEnd, variant.iterations, t),
    c1: variant.c1,
    c2: variant.c2,
  };
}

/**
 * Particle swarm optimization with ask/tell (see the module comment).
 * @example
 * ```ts
 * const pso = new ParticleSwarm({ dim: 5, seed: 1, topology: { kind: "ring" } });
 * for (let i = 0; i < 2000; i++) {
 *   const x = pso.ask();
 *   pso.tell([{ x, value: x.reduce((s, v) => s + (v - 0.3) ** 2, 0) }]);
 * }
 * pso.best; // { x: [≈0.3, ...], value: ≈0 }
 * ```
 */
export class ParticleSwarm {
  private readonly options: ResolvedPsoOptions;
  private swarm: PsoSwarmState;
  private readonly book: AskBook;
  private readonly rng: Rng;
  private bestSoFar: { x: number[]; value: number } | null;

  /** @throws TypeError / RangeError on invalid options (see {@link resolvePsoOptions}) or seed. */
  constructor(options: ParticleSwarmOptions);
  /** @internal restores a serialized state. */
  constructor(options: ParticleSwarmOptions, restored: ParticleSwarmState);
  constructor(options: ParticleSwarmOptions, restored?: ParticleSwarmState) {
    if (restored !== undefined) {
      this.options = restored.options;
      this.swarm = restored.swarm;
      this.book = new AskBook(restored.book);
      this.rng = Rng.fromState(restored.rng);
      this.bestSoFar =
        restored.best === null ? null : { x: [...restored.best.x], value: restored.best.value };
      return;
    }
    this.options = resolvePsoOptions(options);
    if (!Number.isSafeInteger(options.seed)) {
      throw new RangeError(`${WHERE}: seed must be a safe integer, got ${String(options.seed)}`);
    }
    this.rng = Rng.fromSeed(options.seed).fork("pso");
    this.swarm = initialSwarm(this.options.box, this.options.populationSize, this.options.vMax, this.rng);
    this.book = new AskBook();
    this.bestSoFar = null;
  }

  /** NP: the asks of one iteration. */
  get populationSize(): number {
    return this.options.populationSize;
  }

  /** The current iteration t. */
  get iteration(): number {
    return this.swarm.iteration;
  }

  /** The swarm of the current iteration, as JSON. */
  get current(): PsoSwarmState {
    return this.swarm;
  }

  /** The best point told so far and its value, or null. */
  get best(): { readonly x: readonly number[]; readonly value: number } | null {
    return this.bestSoFar;
  }

  /** The next point to evaluate: a particle's position (a new array of length d, inside the box). */
  ask(): Float64Array {
    const t = this.swarm.iteration;
    const slot = this.book.nextSlot(this.options.populationSize, t);
    const x = Float64Array.from(this.swarm.x[slot]!);
    this.book.add(x, slot, t, []);
    return x;
  }

  /**
   * Reports evaluated points (any number, each a pending point of `ask()`).
   * @throws TypeError / RangeError on malformed input or a point that is not pending; then
   *   nothing changes.
   */
  tell(solutions: readonly PopulationSolution[]): void {
    const matched = this.book.match(`${WHERE}.tell`, solutions, this.options.box.lower.length);
    matched.forEach((p, k) => {
      const raw = solutions[k]!.value;
      const value = raw === Infinity ? Number.MAX_VALUE : raw === -Infinity ? -Number.MAX_VALUE : raw;
      this.book.take(p);
      if (this.bestSoFar === null || value < this.bestSoFar.value) this.bestSoFar = { x: [...p.x], value };
      const id = this.book.nextId++;
      if (p.generation === this.swarm.iteration) {
        this.book.told.push({ x: p.x, slot: p.slot, value, extra: [], id });
        if (this.book.told.length >= this.options.populationSize) this.advance();
      } else {
        const { best, bestValue } = withPersonalBests(this.swarm, [{ slot: p.slot, x: p.x, value }]);
        this.swarm = { ...this.swarm, best, bestValue };
      }
    });
  }

  /**
   * Reports a failed evaluation: the point is dropped and its particle is asked again next.
   * @throws RangeError when x is not a pending point of `ask()`.
   */
  fail(x: ArrayLike<number>): void {
    const [p] = this.book.match(`${WHERE}.fail`, [{ x, value: 0 }], this.options.box.lower.length);
    this.book.take(p!);
  }

  private advance(): void {
    const o = this.options;
    const results: PsoResult[] = this.book.told.map((t) => ({ slot: t.slot, x: t.x, value: t.value }));
    const rule = psoRuleAt(o.variant, this.swarm.iteration);
    this.swarm = nextSwarm(this.swarm, results, o.box, rule, o.topology, o.vMax, this.rng);
    this.book.told = [];
  }

  /** The whole state as plain JSON (restore with {@link ParticleSwarm.fromJSON}). */
  toJSON(): ParticleSwarmState {
    return JSON.parse(
      JSON.stringify({
        version: 1,
        options: this.options,
        swarm: this.swarm,
        book: this.book.toJSON(),
        rng: this.rng.getState(),
        best: this.bestSoFar,
      }),
    ) as ParticleSwarmState;
  }

  /**
   * Restores an optimizer from {@link ParticleSwarm.toJSON}'s output.
   * @throws TypeError when the state is not a version-1 state.
   */
  static fromJSON(state: ParticleSwarmState): ParticleSwarm {
    if (state === null || typeof state !== "object" || state.version !== 1) {
      throw new TypeError(`${WHERE}.fromJSON: state must be a version-1 ParticleSwarm state`);
    }
    return new ParticleSwarm({ seed: 0 }, state);
  }
}
