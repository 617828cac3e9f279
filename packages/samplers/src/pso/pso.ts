/**
 * ParticleSwarmSampler: particle swarm optimization over a study, a thin adapter of
 * `@tunelab/math/population` (constriction χ by default, or a linearly decreasing inertia
 * weight; global-best or ring topology; v_max; absorbing bounds) on the slot population core of
 * `@tunelab/samplers/de` (`slot-sampler.ts`: generations, slots and the swarm in trial system
 * attributes, so workers in several processes share one swarm).
 *
 * Slot i is particle i; iteration g's trial of slot i evaluates the particle's position. A
 * generation's state is stored as the swarm itself (`PsoSwarmState`: positions, velocities and
 * personal bests in the unit box, `unit-space.ts`) with the fingerprint of the space it lives
 * in; when the relative space changes, the next iteration starts a new swarm from the last
 * iteration's trials. The swarm of iteration 1 is built from generation 0's NP best COMPLETE
 * trials (sampled independently, i.e. uniformly by default) with SPSO 2011's initial velocities,
 * then moved once; each later iteration is `nextSwarm` over the previous iteration's COMPLETE
 * trials. A particle whose trial failed or was pruned is asked again (the same position); more
 * workers than particles evaluate some positions twice (keep NP ≥ the number of workers).
 *
 * Closest elsewhere: Optuna has no PSO sampler; pyswarms (`GlobalBestPSO`, `LocalBestPSO`) and
 * pymoo's `PSO`.
 */
import {
  nextSwarm,
  type PsoSwarmState,
  type PsoTopology,
  type PsoVariant,
  psoRuleAt,
  type ResolvedPsoOptions,
  resolvePsoOptions,
} from "@tunelab/math/population";
import type { Rng } from "@tunelab/math/random";
import type { JsonValue } from "@tunelab/study";
import type { ParentsRecord } from "../population/history.js";
import {
  checkSlotOptions,
  type SlotAlgorithm,
  type SlotContext,
  type SlotKeys,
  type SlotMember,
  SlotPopulationSampler,
  type SlotSamplerOptions,
} from "../population/slot-sampler.js";

/** System attribute keys of ParticleSwarmSampler. */
export const PSO_KEYS: SlotKeys = {
  generation: "pso:generation",
  parents: "pso:parents",
  slot: "pso:slot",
  draws: "pso:draws",
};

/** Options of {@link ParticleSwarmSampler}. */
export interface ParticleSwarmSamplerOptions extends SlotSamplerOptions {
  /** Constriction or inertia weight (`@tunelab/math/population`'s records). @defaultValue \{ kind: "constriction", phi: 4.1 \} */
  readonly variant?: PsoVariant;
  /** Global best or ring (k = 2). @defaultValue \{ kind: "global" \} */
  readonly topology?: PsoTopology;
  /** v_max as a fraction of each coordinate's range (of the unit box), in (0, 1], or null. @defaultValue 0.5 */
  readonly vMaxFraction?: number | null;
}

/** The JSON of an iteration's state. */
interface PsoRecordState {
  readonly space: string;
  readonly swarm: PsoSwarmState;
}

function unitOptions(o: ResolvedPsoOptions, d: number): ResolvedPsoOptions {
  const fraction = o.vMax === null ? null : o.vMax[0]!;
  return {
    ...o,
    box: { lower: new Array<number>(d).fill(0), upper: new Array<number>(d).fill(1) },
    vMax: fraction === null ? null : new Array<number>(d).fill(fraction),
  };
}

function psoAlgorithm(resolved: ResolvedPsoOptions): SlotAlgorithm<PsoSwarmState> {
  return {
    name: "ParticleSwarmSampler",
    keys: PSO_KEYS,
    stream: "pso",
    advance(previous, members: readonly SlotMember[], ctx: SlotContext, rng: Rng) {
      const o = unitOptions(resolved, ctx.space.dim);
      const np = ctx.populationSize;
      let state = previous;
      let results = members
        .filter((m) => m.slot !== null)
        .map((m) => ({ slot: m.slot!, x: Array.from(m.u), value: m.value }));
      if (state === null || state.x.length !== np || state.x[0]?.length !== ctx.space.dim) {
        // A new swarm from the NP best members (positions), SPSO 2011's initial velocities.
        if (members.length < 2) return null;
        const best = [...members].sort((a, b) => a.value - b.value || a.number - b.number).slice(0, np);
        const x = best.map((m) => Array.from(m.u));
        const v = x.map((xi) =>
          xi.map((xj, j) => {
            const u = o.box.lower[j]! - xj + (o.box.upper[j]! - o.box.lower[j]!) * rng.random();
            const m = o.vMax === null ? Infinity : o.vMax[j]!;
            return Math.max(-m, Math.min(m, u));
          }),
        );
        // Fewer members than NP (a fresh start of a changed space): repeat the best ones.
        while (x.length < np) {
          x.push([...x[x.length % best.length]!]);
          v.push([...v[v.length % best.length]!]);
        }
        state = { version: 1, iteration: 0, x, v, best: x.map(() => null), bestValue: x.map(() => null) };
        results = best.map((m, i) => ({ slot: i, x: Array.from(m.u), value: m.value }));
      }
      const rule = psoRuleAt(o.variant, ctx.generation - 1);
      const next = nextSwarm(state, results, o.box, rule, o.topology, o.vMax, rng);
      return { ...next, iteration: ctx.generation };
    },
    propose(state, slot) {
      return { u: Float64Array.from(state.x[slot % state.x.length]!), draws: null };
    },
    toRecord(state, ctx) {
      const json: PsoRecordState = { space: ctx.space.fingerprint, swarm: state };
      return { trials: [], state: json as unknown as JsonValue };
    },
    fromRecord(record: ParentsRecord, ctx) {
      const r = record.state as unknown as PsoRecordState | undefined;
      if (r === undefined || r === null || typeof r !== "object" || r.space !== ctx.space.fingerprint)
        return null;
      const sw = r.swarm;
      if (sw === null || typeof sw !== "object" || !Array.isArray(sw.x) || sw.x.length !== ctx.populationSize)
        return null;
      return sw;
    },
  };
}

/**
 * Particle swarm optimization as a sampler; see the module comment.
 * @example
 * ```ts
 * import { createStudy } from "@tunelab/study";
 * import { ParticleSwarmSampler } from "@tunelab/samplers/pso";
 * const study = await createStudy({ sampler: new ParticleSwarmSampler({ topology: { kind: "ring" }, seed: 1 }) });
 * await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2, { nTrials: 400 });
 * ```
 */
export class ParticleSwarmSampler extends SlotPopulationSampler<PsoSwarmState> {
  /**
   * @throws TypeError / RangeError on an unknown option, populationSize not an integer ≥ 4, a
   *   malformed variant, topology or vMaxFraction (the field and its range named), an
   *   independentSampler that is not a Sampler, or a bad seed.
   */
  constructor(options: ParticleSwarmSamplerOptions = {}) {
    const where = "ParticleSwarmSampler";
    checkSlotOptions(where, options, ["variant", "topology", "vMaxFraction"]);
    let resolved: ResolvedPsoOptions;
    try {
      resolved = resolvePsoOptions({
        dim: 1,
        populationSize: options.populationSize ?? 20,
        ...(options.variant === undefined ? {} : { variant: options.variant }),
        ...(options.topology === undefined ? {} : { topology: options.topology }),
        ...(options.vMaxFraction === undefined ? {} : { vMaxFraction: options.vMaxFraction }),
        seed: 0,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/^ParticleSwarm:/, `${where}:`) : String(e);
      throw e instanceof TypeError ? new TypeError(message) : new RangeError(message);
    }
    super(options, psoAlgorithm(resolved));
  }
}
