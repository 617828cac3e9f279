/**
 * Micro-benchmarks of sampler overhead (tinybench): the time of one ask + suggest + tell
 * cycle of a d-dimensional study (the d float parameters of the sphere function, on
 * [-5.12, 5.12], sphere objective, in-memory
 * storage) once the study already holds n completed trials, for n = 100, 1,000, 10,000.
 *
 * The history is added with `study.addTrials` (uniform random parameters, sphere values), not
 * produced by the sampler itself, so that slow samplers can be measured at 10,000 trials in
 * seconds; a sampler that keeps its own generation state (CMA-ES) then measures its overhead
 * on a foreign history. The baseline in the same run is the bare cost of the same cycle with
 * a sampler that returns a constant (study machinery only), so ratios are comparable across
 * noisy machines.
 */
import { writeFileSync } from "node:fs";
import { Rng } from "@tunelab/math/random";
import {
  createFrozenTrial,
  createStudy,
  type FrozenTrial,
  floatDistribution,
  InMemoryStorage,
  type Sampler,
  type Study,
} from "@tunelab/study";
import { Bench } from "tinybench";
import { resolveProblem } from "../problems/registry.js";
import { SAMPLERS, samplerEntry, samplerNames } from "../samplers/registry.js";

/** Options of {@link runMicro}. */
export interface MicroOptions {
  /** tunelab samplers. @defaultValue every registered tunelab sampler */
  readonly samplers?: readonly string[];
  /** History sizes. @defaultValue [100, 1000, 10000] */
  readonly trials?: readonly number[];
  /** @defaultValue 10 */
  readonly dimension?: number;
  /** JSON output file. */
  readonly out?: string;
  /** Print the table. @defaultValue true */
  readonly print?: boolean;
}

/** One measurement. */
export interface MicroResult {
  readonly sampler: string;
  readonly history: number;
  readonly dimension: number;
  /** Mean and median ms per ask+tell cycle. */
  readonly meanMs: number;
  readonly medianMs: number;
  readonly samples: number;
  /** meanMs / the constant sampler's meanMs at the same history. */
  readonly ratioToBaseline: number;
}

/** The baseline: proposes the middle of every range (no computation). */
const constantSampler: Sampler = {
  inferRelativeSearchSpace: () => ({}),
  sampleRelative: () => ({}),
  sampleIndependent: (_s, _t, _n, d) => (d.kind === "categorical" ? 0 : (d.low + d.high) / 2),
};

/** Bound of the sphere function's box, [-B, B]^d. */
const B = 5.12;

async function studyWithHistory(sampler: Sampler, n: number, dim: number): Promise<Study> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler });
  const rng = Rng.fromSeed(12345);
  const dist = floatDistribution(-B, B);
  const distributions = Object.fromEntries(Array.from({ length: dim }, (_, i) => [`x${i}`, dist]));
  const trials: FrozenTrial[] = [];
  for (let t = 0; t < n; t++) {
    const params: Record<string, number> = {};
    let v = 0;
    for (let i = 0; i < dim; i++) {
      const x = rng.uniform(-B, B);
      params[`x${i}`] = x;
      v += x * x;
    }
    trials.push(createFrozenTrial({ state: "COMPLETE", value: v, params, distributions }));
  }
  await study.addTrials(trials);
  return study;
}

async function cycle(study: Study, dim: number): Promise<void> {
  const trial = await study.ask();
  let v = 0;
  for (let i = 0; i < dim; i++) {
    const x = trial.suggestFloat(`x${i}`, -B, B);
    v += x * x;
  }
  await study.tell(trial, v);
}

/**
 * Measures every sampler at every history size and prints a table (sampler, history, mean,
 * median, ratio to the baseline).
 */
export async function runMicro(options: MicroOptions = {}): Promise<MicroResult[]> {
  const names = options.samplers ?? samplerNames("tunelab");
  const sizes = options.trials ?? [100, 1000, 10000];
  const dim = options.dimension ?? 10;
  const sphere = resolveProblem(`sphere-${dim}`);
  const out: MicroResult[] = [];
  for (const n of sizes) {
    const bench = new Bench({ time: 200, iterations: 20, warmupIterations: 2, warmupTime: 20 });
    const baseline = await studyWithHistory(constantSampler, n, dim);
    bench.add("baseline", () => cycle(baseline, dim));
    for (const name of names) {
      const entry = samplerEntry("tunelab", name, SAMPLERS);
      // A large trial hint: a finite sampler (grid) must not run out of points while timed.
      const sampler = entry.create?.(1, { problem: sphere, trials: 1_000_000 }) ?? null;
      if (sampler === null) continue;
      const study = await studyWithHistory(sampler, n, dim);
      bench.add(name, () => cycle(study, dim));
    }
    await bench.run();
    const base = bench.tasks.find((t) => t.name === "baseline")!.result;
    const baseMean = "latency" in base ? base.latency.mean : Number.NaN;
    for (const task of bench.tasks) {
      const r = task.result;
      if (!("latency" in r)) {
        const why = "error" in r ? `: ${r.error.message}` : "";
        throw new Error(`runMicro: ${task.name} at ${n} trials did not complete (${r.state}${why})`);
      }
      out.push({
        sampler: task.name,
        history: n,
        dimension: dim,
        meanMs: r.latency.mean,
        medianMs: r.latency.p50,
        samples: r.latency.samplesCount,
        ratioToBaseline: r.latency.mean / baseMean,
      });
    }
  }
  if (options.print !== false) {
    console.log(
      `ask + ${dim} suggestFloat + tell, per trial, with n completed trials in the study (tinybench):`,
    );
    console.log("sampler          n        mean ms   median ms   × baseline");
    for (const r of out) {
      console.log(
        `${r.sampler.padEnd(14)} ${String(r.history).padStart(6)} ${r.meanMs.toFixed(4).padStart(12)} ${r.medianMs.toFixed(4).padStart(11)} ${r.ratioToBaseline.toFixed(2).padStart(11)}`,
      );
    }
  }
  if (options.out !== undefined) writeFileSync(options.out, `${JSON.stringify(out, null, 2)}\n`);
  return out;
}
