/**
 * One iteration of particle swarm optimization as pure functions of a JSON state, so that the
 * standalone optimizer (`pso.ts`) and a sampler that keeps the swarm in a study (where any
 * worker must compute the same next iteration) share them. The update rules: `pso-update.ts`.
 *
 * Synchronous PSO (Kennedy & Eberhart 1995): iteration t evaluates every particle's position;
 * then personal bests are updated, neighbourhood bests read, and every particle moves. A
 * particle without an evaluation in iteration t (its evaluation failed) moves all the same with
 * its old personal best.
 *
 * Initialization (Zambrano-Bigiarini, Clerc & Rojas 2013, SPSO 2011, §II-B): x uniform in the
 * box, v_j ~ U[l_j − x_j, u_j − x_j] (then clamped to ±v_max).
 */
import type { Rng } from "../random/rng.js";
import { type Box, uniformInBox } from "./box.js";
import { moveParticle, neighbourhoodBest, type PsoRule, type PsoTopology } from "./pso-update.js";

/** The swarm at the start of one iteration (JSON). */
export interface PsoSwarmState {
  /** Format version. */
  readonly version: 1;
  /** The iteration t (0-based). */
  readonly iteration: number;
  /** Positions to evaluate in this iteration, one per particle. */
  readonly x: readonly (readonly number[])[];
  /** Velocities. */
  readonly v: readonly (readonly number[])[];
  /** Personal best positions (null before the particle's first evaluation). */
  readonly best: readonly (readonly number[] | null)[];
  /** Personal best values (null before the particle's first evaluation). */
  readonly bestValue: readonly (number | null)[];
}

/** An evaluated position of one particle. */
export interface PsoResult {
  readonly slot: number;
  readonly x: readonly number[];
  readonly value: number;
}

function clampVelocity(v: Float64Array, vMax: readonly number[] | null): void {
  if (vMax === null) return;
  for (let j = 0; j < v.length; j++) v[j] = Math.max(-vMax[j]!, Math.min(vMax[j]!, v[j]!));
}

/** The initial swarm of `size` particles (see the module comment). */
export function initialSwarm(
  box: Box,
  size: number,
  vMax: readonly number[] | null,
  rng: Rng,
): PsoSwarmState {
  const x: number[][] = [];
  const v: number[][] = [];
  for (let i = 0; i < size; i++) {
    const xi = uniformInBox(box, () => rng.random());
    const vi = new Float64Array(xi.length);
    for (let j = 0; j < xi.length; j++) {
      vi[j] = box.lower[j]! - xi[j]! + (box.upper[j]! - box.lower[j]!) * rng.random();
    }
    clampVelocity(vi, vMax);
    x.push(Array.from(xi));
    v.push(Array.from(vi));
  }
  return {
    version: 1,
    iteration: 0,
    x,
    v,
    best: x.map(() => null),
    bestValue: x.map(() => null),
  };
}

/**
 * Updates personal bests from results, in place on copies (a result improves its particle's
 * best when its value is lower, or when the particle had none).
 */
export function withPersonalBests(
  state: PsoSwarmState,
  results: readonly PsoResult[],
): { best: (readonly number[] | null)[]; bestValue: (number | null)[] } {
  const best = [...state.best];
  const bestValue = [...state.bestValue];
  for (const r of results) {
    const i = r.slot % best.length;
    const cur = bestValue[i];
    if (cur === null || cur === undefined || r.value < cur) {
      best[i] = [...r.x];
      bestValue[i] = r.value;
    }
  }
  return { best, bestValue };
}

/**
 * The swarm of the next iteration: personal bests from `results`, then every particle moves
 * (in index order, drawing r_1, r_2 from `rng`).
 * @param rule - the velocity rule of this iteration (inertia weight w_t, or χ).
 */
export function nextSwarm(
  state: PsoSwarmState,
  results: readonly PsoResult[],
  box: Box,
  rule: PsoRule,
  topology: PsoTopology,
  vMax: readonly number[] | null,
  rng: Rng,
): PsoSwarmState {
  const { best, bestValue } = withPersonalBests(state, results);
  const x: number[][] = [];
  const v: number[][] = [];
  for (let i = 0; i < state.x.length; i++) {
    const xi = Float64Array.from(state.x[i]!);
    const vi = Float64Array.from(state.v[i]!);
    const nb = neighbourhoodBest(bestValue, topology, i);
    moveParticle(xi, vi, best[i] ?? null, nb < 0 ? null : best[nb]!, rule, vMax, box.lower, box.upper, () =>
      rng.random(),
    );
    x.push(Array.from(xi));
    v.push(Array.from(vi));
  }
  return { version: 1, iteration: state.iteration + 1, x, v, best, bestValue };
}
