/**
 * One generation of differential evolution as pure functions of a JSON state, so that the
 * standalone optimizer (`de.ts`) and a sampler that keeps the population in a study (where any
 * worker must compute the same next generation) share them.
 *
 * - {@link proposeDeTrial}: the trial vector of one slot (target) of a generation, with the CR
 *   and F it used; generation 0 (initialization) draws uniformly in the box.
 * - {@link nextDeGeneration}: selection, archive and memory update from the generation's
 *   evaluated trial vectors.
 *
 * Strategies: `rand/1/bin` (Storn & Price 1997, fixed F and CR) and SHADE's
 * `current-to-pbest/1/bin` with an external archive and success-history adaptation
 * (Tanabe & Fukunaga 2013). Operators and notation: `de-operators.ts`, `shade-memory.ts`.
 *
 * Selection (Storn & Price 1997, eq. (4); SHADE's eq. (5)): a slot's best trial vector replaces
 * the target when its value is ≤ the target's. Several trial vectors of one slot (more workers
 * than slots) compete, the best one against the target. With SHADE, a strictly better trial
 * vector also sends the target to the archive and its CR, F and Δf = f(x) − f(u) to S_CR, S_F;
 * the archive is cut back to its size by removing random members (Tanabe & Fukunaga 2013, §III-B).
 */
import type { Rng } from "../random/rng.js";
import type { Box } from "./box.js";
import { uniformInBox } from "./box.js";
import { binomialCrossover, currentToPBest1Mutant, midpointRepair, rand1Mutant } from "./de-operators.js";
import {
  initialShadeMemory,
  type ShadeMemory,
  sampleCr,
  sampleF,
  updateShadeMemory,
} from "./shade-memory.js";

/** A member of the population or of the archive. */
export interface DeMember {
  /** Its coordinates. */
  readonly x: readonly number[];
  /** Its objective value (minimized; finite). */
  readonly value: number;
  /** An identifier chosen by the caller (the optimizer's tell number, a sampler's trial number). */
  readonly id: number;
}

/** Resolved strategy: rand/1/bin with fixed F and CR, or SHADE. */
export type ResolvedDeStrategy =
  | { readonly kind: "rand1bin"; readonly f: number; readonly cr: number }
  | {
      readonly kind: "shade";
      readonly memorySize: number;
      readonly pMax: number;
      readonly archiveSize: number;
    };

/** The state of one generation (JSON). */
export interface DeGenerationState {
  /** Format version. */
  readonly version: 1;
  /** Generation number: 0 is the initialization (no population yet). */
  readonly generation: number;
  /** The population (empty in generation 0), one member per slot. */
  readonly population: readonly DeMember[];
  /** SHADE's archive of replaced parents (empty for rand/1/bin). */
  readonly archive: readonly DeMember[];
  /** SHADE's memory (null for rand/1/bin). */
  readonly memory: ShadeMemory | null;
}

/** A trial vector and what it was drawn with. */
export interface DeTrial {
  /** The trial vector u (inside the box). */
  readonly x: Float64Array;
  /** CR used (NaN in generation 0). */
  readonly cr: number;
  /** F used (NaN in generation 0). */
  readonly f: number;
}

/** An evaluated trial vector of one slot. */
export interface DeResult {
  readonly slot: number;
  readonly x: readonly number[];
  readonly value: number;
  readonly cr: number;
  readonly f: number;
  readonly id: number;
}

/** The initial state (generation 0) of a strategy. */
export function initialDeState(strategy: ResolvedDeStrategy): DeGenerationState {
  return {
    version: 1,
    generation: 0,
    population: [],
    archive: [],
    memory: strategy.kind === "shade" ? initialShadeMemory(strategy.memorySize) : null,
  };
}

/** k distinct indices of [0, n) not in `exclude`, uniformly (rejection; n ≥ k + |exclude|). */
function distinct(rng: Rng, n: number, k: number, exclude: readonly number[]): number[] {
  const out: number[] = [];
  while (out.length < k) {
    const r = rng.int(0, n - 1);
    if (!exclude.includes(r) && !out.includes(r)) out.push(r);
  }
  return out;
}

/** Rankings already computed, by population (a state's population never changes). */
const rankings = new WeakMap<readonly DeMember[], number[]>();

/** Indices of the population sorted by value (stable: the lower slot first on ties); cached per population. */
function rankByValue(population: readonly DeMember[]): number[] {
  let r = rankings.get(population);
  if (r === undefined) {
    r = population.map((_, i) => i).sort((a, b) => population[a]!.value - population[b]!.value || a - b);
    rankings.set(population, r);
  }
  return r;
}

/**
 * The trial vector of `slot` in the state's generation, drawing from `rng`.
 * @param state - the generation's state; @param slot - the target's index in [0, NP).
 * @param box - the search box; @param strategy - rand/1/bin or SHADE.
 * @throws RangeError when the population has fewer than 4 members (generations ≥ 1).
 */
export function proposeDeTrial(
  state: DeGenerationState,
  slot: number,
  box: Box,
  strategy: ResolvedDeStrategy,
  rng: Rng,
): DeTrial {
  if (state.generation === 0 || state.population.length === 0) {
    return { x: uniformInBox(box, () => rng.random()), cr: Number.NaN, f: Number.NaN };
  }
  const pop = state.population;
  const np = pop.length;
  if (np < 4) throw new RangeError(`proposeDeTrial: the population needs >= 4 members, got ${np}`);
  const i = slot % np;
  const target = pop[i]!.x;
  const d = target.length;
  let mutant: Float64Array;
  let cr: number;
  let f: number;
  if (strategy.kind === "rand1bin") {
    cr = strategy.cr;
    f = strategy.f;
    const [r1, r2, r3] = distinct(rng, np, 3, [i]) as [number, number, number];
    mutant = rand1Mutant(pop[r1]!.x, pop[r2]!.x, pop[r3]!.x, f);
  } else {
    const memory = state.memory ?? initialShadeMemory(strategy.memorySize);
    const r = rng.int(0, memory.cr.length - 1);
    cr = sampleCr(rng, memory.cr[r]!);
    f = sampleF(rng, memory.f[r]!);
    // p ~ U[p_min, p_max], p_min = 2/NP (Tanabe & Fukunaga 2013, §III-B); pbest among the best ⌈p·NP⌉... rounded, at least 2.
    const pMin = Math.min(2 / np, strategy.pMax);
    const p = pMin + (strategy.pMax - pMin) * rng.random();
    const top = Math.max(2, Math.min(np, Math.round(p * np)));
    const ranked = rankByValue(pop);
    const pbest = ranked[rng.int(0, top - 1)]!;
    const [r1] = distinct(rng, np, 1, [i]) as [number];
    // x̃_r2 from P ∪ A, distinct from x_i and x_r1 (indices ≥ NP are archive members).
    const union = np + state.archive.length;
    const [r2] = distinct(rng, union, 1, [i, r1]) as [number];
    const xr2 = r2 < np ? pop[r2]!.x : state.archive[r2 - np]!.x;
    mutant = currentToPBest1Mutant(target, pop[pbest]!.x, pop[r1]!.x, xr2, f);
  }
  midpointRepair(mutant, target, box.lower, box.upper);
  const jRand = rng.int(0, d - 1);
  const x = binomialCrossover(target, mutant, cr, jRand, () => rng.random());
  return { x, cr, f };
}

/**
 * The next generation from the results of this one.
 * - Generation 0 → 1: the population is the NP best results (ties: the earlier result), in
 *   that order (slot i is the i-th best).
 * - Later generations: per slot, the best of its results against the target (see the module
 *   comment); a slot without results keeps its target. SHADE: archive, S_CR, S_F, memory.
 * @param size - NP (generation 0 → 1 needs at least NP results).
 * @param rng - draws of the archive's random removals.
 * @throws RangeError when generation 0 has fewer than `size` results.
 */
export function nextDeGeneration(
  state: DeGenerationState,
  results: readonly DeResult[],
  size: number,
  strategy: ResolvedDeStrategy,
  rng: Rng,
): DeGenerationState {
  if (state.generation === 0 || state.population.length === 0) {
    if (results.length < size) {
      throw new RangeError(`nextDeGeneration: generation 0 needs ${size} results, got ${results.length}`);
    }
    const order = results.map((_, k) => k).sort((a, b) => results[a]!.value - results[b]!.value || a - b);
    const population = order.slice(0, size).map((k) => {
      const r = results[k]!;
      return { x: [...r.x], value: r.value, id: r.id };
    });
    return { ...state, generation: state.generation + 1, population };
  }
  const population = [...state.population];
  const archive = [...state.archive];
  const sCr: number[] = [];
  const sF: number[] = [];
  const delta: number[] = [];
  // The best result of each slot (the earlier one on ties).
  const bestOf: (DeResult | undefined)[] = new Array(population.length);
  for (const r of results) {
    if (!(r.slot >= 0 && r.slot < population.length)) continue;
    const cur = bestOf[r.slot];
    if (cur === undefined || r.value < cur.value) bestOf[r.slot] = r;
  }
  for (let i = 0; i < population.length; i++) {
    const best = bestOf[i];
    if (best === undefined) continue;
    const target = population[i]!;
    if (best.value <= target.value) {
      if (best.value < target.value && strategy.kind === "shade") {
        archive.push(target);
        sCr.push(best.cr);
        sF.push(best.f);
        delta.push(target.value - best.value);
      }
      population[i] = { x: [...best.x], value: best.value, id: best.id };
    }
  }
  let memory = state.memory;
  if (strategy.kind === "shade") {
    while (archive.length > strategy.archiveSize) archive.splice(rng.int(0, archive.length - 1), 1);
    memory = updateShadeMemory(memory ?? initialShadeMemory(strategy.memorySize), sCr, sF, delta);
  }
  return { version: 1, generation: state.generation + 1, population, archive, memory };
}
