/**
 * Seeded studies for the plot tests, built from frozen trials (no sampler needed): a
 * single-objective study with a log float, an int and a categorical parameter, completed,
 * pruned (with learning curves), failed and running trials at known counts; and a
 * multi-objective study with constraints.
 */
import { Rng } from "@tunelab/math/random";
import {
  categoricalDistribution,
  createFrozenTrial,
  type FrozenTrial,
  type FrozenTrialInit,
  floatDistribution,
  intDistribution,
  type StudyDirection,
} from "@tunelab/study";
import type { StudyLike } from "../../src/plots/index.js";

const DISTS = {
  lr: floatDistribution(1e-5, 1e-1, { log: true }),
  layers: intDistribution(1, 8),
  opt: categoricalDistribution(["adam", "sgd", "<b>rms</b>"]),
};

const T0 = Date.UTC(2026, 0, 1);

function numbered(init: FrozenTrialInit, n: number): FrozenTrial {
  return { ...createFrozenTrial(init), number: n, trialId: n };
}

/** Counts by state in {@link seededStudy}. */
export interface SeededCounts {
  complete: number;
  pruned: number;
  fail: number;
  running: number;
}

/**
 * n trials: every 5th pruned (reported curve of 3 steps), every 7th failed (when not pruned),
 * the last one running; others complete with 5 reported steps. Two workers' worth of overlap
 * in time. Returns the study and the counts by state.
 */
export function seededStudy(
  seed: number,
  n: number,
  name = "seeded",
): { study: StudyLike; counts: SeededCounts } {
  const rng = Rng.fromSeed(seed);
  const trials: FrozenTrial[] = [];
  const counts: SeededCounts = { complete: 0, pruned: 0, fail: 0, running: 0 };
  for (let i = 0; i < n; i++) {
    const lr = 10 ** rng.uniform(-5, -1);
    const layers = rng.int(1, 8);
    const opt = (["adam", "sgd", "<b>rms</b>"] as const)[rng.int(0, 2)]!;
    const loss =
      (Math.log10(lr) + 3) ** 2 + 0.1 * layers + (opt === "sgd" ? 0.5 : 0) + 0.1 * rng.uniform(0, 1);
    const start = new Date(T0 + i * 30_000);
    const end = new Date(T0 + i * 30_000 + 45_000 + rng.int(0, 20_000));
    const params = { lr, layers, opt };
    const state = i === n - 1 ? "RUNNING" : i % 5 === 4 ? "PRUNED" : i % 7 === 6 ? "FAIL" : "COMPLETE";
    const steps = state === "PRUNED" ? 3 : state === "COMPLETE" ? 5 : 0;
    const iv: Record<number, number> = {};
    for (let s = 0; s < steps; s++) iv[s] = loss + (5 - s) * 0.2;
    const init: FrozenTrialInit = {
      state,
      params,
      distributions: DISTS,
      intermediateValues: iv,
      datetimeStart: start,
      datetimeComplete: state === "RUNNING" ? null : end,
      ...(state === "COMPLETE" ? { value: loss } : {}),
    };
    trials.push(numbered(init, i));
    counts[
      state === "COMPLETE"
        ? "complete"
        : state === "PRUNED"
          ? "pruned"
          : state === "FAIL"
            ? "fail"
            : "running"
    ]++;
  }
  return { study: { studyName: name, directions: ["minimize"], trials }, counts };
}

/**
 * A two- or three-objective study of n completed trials (minimize all) whose every 4th trial
 * violates a constraint, plus one failed trial.
 */
export function seededMoStudy(seed: number, n: number, m: 2 | 3): StudyLike {
  const rng = Rng.fromSeed(seed);
  const trials: FrozenTrial[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(0, 1);
    const y = rng.uniform(0, 1);
    const values = m === 2 ? [x, 1 - Math.sqrt(x) + y] : [x, y, 2 - x - y + rng.uniform(0, 1)];
    trials.push(
      numbered(
        {
          state: "COMPLETE",
          values,
          params: { x, y },
          distributions: { x: floatDistribution(0, 1), y: floatDistribution(0, 1) },
          systemAttrs: { constraints: { c0: i % 4 === 3 ? 1 : -1 } },
          datetimeStart: new Date(T0 + i * 1000),
          datetimeComplete: new Date(T0 + i * 1000 + 1500),
        },
        i,
      ),
    );
  }
  trials.push(numbered({ state: "FAIL" }, n));
  const directions: StudyDirection[] = Array.from({ length: m }, () => "minimize");
  return { studyName: `mo${m}`, directions, trials };
}
