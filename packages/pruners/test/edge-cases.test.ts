/**
 * Every pruner's documented behaviour (README, "Ties, NaN, missing steps, too few trials")
 * on hand-built reports: ties, NaN values, missing steps and too few trials; and "auto"
 * resources learned per study.
 */
import type { Pruner } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { HyperbandPruner } from "../src/hyperband/index.js";
import { MedianPruner } from "../src/median/index.js";
import { PatientPruner } from "../src/patient/index.js";
import { PercentilePruner } from "../src/percentile/index.js";
import { completedRungKey, SuccessiveHalvingPruner } from "../src/successive-halving/index.js";
import { ThresholdPruner } from "../src/threshold/index.js";
import { WilcoxonPruner } from "../src/wilcoxon/index.js";
import { replayReports, replayReportsStudy } from "./helpers/replay-reports.js";

type Reports = [number, number][];
const NaN_ = Number.NaN;
/** Reports value v at steps 0..n-1. */
const flat = (v: number, n: number): Reports => Array.from({ length: n }, (_, s) => [s, v]);
const min = { direction: "minimize" } as const;
const run = (p: Pruner, trials: Reports[], o: Parameters<typeof replayReports>[2] = min) =>
  replayReports(p, trials, o);
const F = false;
const T = true;

describe("ties", () => {
  it("median/percentile: a best value equal to the percentile is kept (strictly worse is pruned)", async () => {
    // completed at step 0: 1, 3 → median 2
    const d = await run(new MedianPruner({ nStartupTrials: 2 }), [
      [[0, 1]],
      [[0, 3]],
      [[0, 2]],
      [[0, 2.0001]],
    ]);
    expect(d).toEqual([[F], [F], [F], [T]]);
    // maximize: keep the top 25 % of 1, 2, 3, 4 → 75th percentile 3.25; equal is kept
    const m = await run(
      new PercentilePruner(25, { nStartupTrials: 4 }),
      [[[0, 1]], [[0, 2]], [[0, 3]], [[0, 4]], [[0, 3.25]], [[0, 3.2499]]],
      { direction: "maximize" },
    );
    expect(m.slice(4)).toEqual([[F], [T]]);
  });

  it("successive halving and Hyperband: a value tied with the promotion cut-off is promoted", async () => {
    // η = 2, r = 1: rung 0 at step 1; three equal trials all go on, a worse one is pruned
    const trials = [flat(5, 2), flat(5, 2), flat(5, 2), flat(6, 2)];
    const expected = [
      [F, F],
      [F, F],
      [F, F],
      [F, T],
    ];
    expect(await run(new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }), trials)).toEqual(
      expected,
    );
    // R = r = 1: one bracket, which is the same successive halving
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 1, reductionFactor: 2 });
    expect(await run(hb, trials)).toEqual(expected);
    expect(hb.nBrackets).toBe(1);
  });

  it("threshold: a value on a bound is kept; patient: an exact tie is not a stall", async () => {
    expect(
      await run(new ThresholdPruner({ lower: 0, upper: 1 }), [
        [
          [0, 0],
          [1, 1],
          [2, 1.5],
        ],
      ]),
    ).toEqual([[F, F, T]]);
    expect(
      await run(
        new PatientPruner(null, { patience: 0 }),
        [
          [
            [0, 1],
            [1, 1],
            [2, 1.5],
          ],
        ],
        { ...min, stopOnPrune: false },
      ),
    ).toEqual([[F, F, T]]);
  });

  it("wilcoxon: a trial equal to the best on every instance is never pruned (zero differences split)", async () => {
    const best: Reports = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
    ];
    const d = await run(new WilcoxonPruner({ pThreshold: 1 }), [best, best], { ...min, finalValue: "mean" });
    expect(d).toEqual([Array(5).fill(F), Array(5).fill(F)]);
  });
});

describe("NaN values", () => {
  it("median: NaN is ignored in the trial's best value and in other trials' values; all-NaN is pruned", async () => {
    const p = () => new MedianPruner({ nStartupTrials: 1 });
    // trial 0 completes with only NaN at step 0: the threshold there is NaN, nothing is pruned
    expect(await run(p(), [[[0, NaN_]], [[0, 5]]])).toEqual([[F], [F]]);
    // a trial with nothing but NaN is pruned once there is a completed trial
    expect(await run(p(), [[[0, 1]], [[0, NaN_]]])).toEqual([[F], [T]]);
    // NaN at the last step: the best of the earlier values is judged (0.5 ≤ median 1)
    expect(
      await run(p(), [
        flat(1, 2),
        [
          [0, 0.5],
          [1, NaN_],
        ],
      ]),
    ).toEqual([
      [F, F],
      [F, F],
    ]);
  });

  it("successive halving and Hyperband: a NaN at a rung is pruned, a NaN before the first rung is not judged", async () => {
    const sha = () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    expect(
      await run(sha(), [
        [
          [0, 1],
          [1, NaN_],
        ],
      ]),
    ).toEqual([[F, T]]);
    expect(
      await run(sha(), [
        [
          [0, NaN_],
          [1, 1],
        ],
      ]),
    ).toEqual([[F, F]]);
    const hb = new HyperbandPruner({ minResource: 1, maxResource: 1, reductionFactor: 2 });
    expect(
      await run(hb, [
        [
          [0, 1],
          [1, NaN_],
        ],
      ]),
    ).toEqual([[F, T]]);
  });

  it("threshold prunes NaN; patient ignores it; wilcoxon never prunes a trial holding it", async () => {
    expect(
      await run(new ThresholdPruner({ upper: 10 }), [
        [
          [0, 1],
          [1, NaN_],
        ],
      ]),
    ).toEqual([[F, T]]);
    expect(
      await run(
        new PatientPruner(null, { patience: 0 }),
        [
          [
            [0, 1],
            [1, NaN_],
            [2, 2],
          ],
        ],
        { ...min, stopOnPrune: false },
      ),
    ).toEqual([[F, F, T]]);
    const best = flat(0, 6);
    const worse: Reports = [
      [0, 1],
      [1, 1],
      [2, NaN_],
      [3, 1],
      [4, 1],
      [5, 1],
    ];
    expect(
      await run(new WilcoxonPruner({ pThreshold: 1 }), [best, worse], { ...min, stopOnPrune: false }),
    ).toEqual([Array(6).fill(F), [F, T, F, F, F, F]]);
  });
});

describe("missing steps", () => {
  it("median: judged at the trial's last step against completed trials that reported that very step", async () => {
    const p = new MedianPruner({ nStartupTrials: 1 });
    const d = await run(p, [
      [
        [0, 1],
        [2, 1],
        [4, 1],
      ],
      [
        [1, 9],
        [3, 9],
      ],
      [[2, 9]],
    ]);
    // no completed trial reported step 1 or 3 (trial 1 goes on), trial 0 reported step 2
    expect(d).toEqual([[F, F, F], [F, F], [T]]);
  });

  it("successive halving: a rung is reached at the first reported step at or after r·η^k; a jump records every rung passed", async () => {
    // r = 1, η = 2: rungs at steps 1, 2, 4, 8
    const { decisions, trials } = await replayReportsStudy(
      new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
      [
        flat(1, 9),
        [
          [0, 1],
          [5, 0.5],
        ],
        [
          [0, 1],
          [5, 2],
        ],
      ],
      min,
    );
    expect(decisions).toEqual([Array(9).fill(F), [F, F], [F, T]]);
    const rungs = (n: number) => [0, 1, 2, 3].map((k) => trials[n]!.systemAttrs[completedRungKey(k)]);
    expect(rungs(1)).toEqual([0.5, 0.5, 0.5, undefined]);
    expect(rungs(2)).toEqual([2, undefined, undefined, undefined]);
  });
});

describe("too few trials", () => {
  it("median: no pruning until nStartupTrials trials are COMPLETE (pruned ones do not count), nor below nMinTrials", async () => {
    const trials = [flat(1, 2), flat(1, 2), flat(9, 2), flat(9, 2)];
    expect(await run(new MedianPruner({ nStartupTrials: 3 }), trials)).toEqual([[F, F], [F, F], [F, F], [T]]);
    // nMinTrials 2: step 1 was reported by one completed trial only
    const d = await run(new MedianPruner({ nStartupTrials: 1, nMinTrials: 2 }), [
      flat(1, 1),
      flat(1, 2),
      flat(9, 2),
    ]);
    expect(d).toEqual([[F], [F, F], [T]]);
  });

  it("successive halving: with fewer than η values at a rung only the best so far goes on", async () => {
    // η = 3, r = 1: rung 0 at step 1
    const sha = () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 });
    expect(await run(sha(), [flat(5, 2), flat(4, 2), flat(4.5, 2)])).toEqual([
      [F, F],
      [F, F],
      [F, T],
    ]);
    expect(await run(sha(), [flat(5, 2), flat(6, 2)])).toEqual([
      [F, F],
      [F, T],
    ]);
  });

  it('"auto" resources: no pruning before the first COMPLETE trial', async () => {
    const pruned = { ...min, onPrune: "pruned" as const };
    // trial 0 would be pruned at rung 0 if a resource were known; there is none yet
    expect(
      await run(
        new SuccessiveHalvingPruner(),
        [
          [
            [0, 1],
            [1, NaN_],
          ],
        ],
        pruned,
      ),
    ).toEqual([[F, F]]);
    expect(
      await run(
        new HyperbandPruner(),
        [
          [
            [0, 1],
            [1, NaN_],
          ],
        ],
        pruned,
      ),
    ).toEqual([[F, F]]);
  });

  it("wilcoxon: no pruning without a COMPLETE trial; threshold and patient read no other trial", async () => {
    expect(await run(new WilcoxonPruner({ pThreshold: 1 }), [flat(1, 5)])).toEqual([Array(5).fill(F)]);
    expect(await run(new ThresholdPruner({ upper: 0 }), [flat(1, 2)])).toEqual([[T]]);
    expect(
      await run(new PatientPruner(null, { patience: 0 }), [
        [
          [0, 0],
          [1, 1],
        ],
      ]),
    ).toEqual([[F, T]]);
  });
});

describe('"auto" resources are learned per study', () => {
  it("successive halving: one instance, two studies with different curve lengths", async () => {
    const shared = new SuccessiveHalvingPruner({ reductionFactor: 4 });
    // study A: a 300-step trial completes → r = ⌊299 / 100⌋ = 2 (estimated at the next report)
    await replayReportsStudy(shared, [flat(1, 300), flat(1, 1)], { ...min, studyName: "a" });
    expect(shared.minResource).toBe(2);
    // study B: a 50-step trial completes → r = 1: rung 0 at step 1, where the next trial
    // records 1 and a bad trial then stops (with r = 2 it would stop at step 2)
    const b = await replayReportsStudy(shared, [flat(1, 50), flat(1, 3), flat(9, 3)], {
      ...min,
      studyName: "b",
    });
    expect(b.decisions[2]).toEqual([F, T]);
    expect(shared.minResource).toBe(1);
    const fresh = await replayReportsStudy(
      new SuccessiveHalvingPruner({ reductionFactor: 4 }),
      [flat(1, 50), flat(1, 3), flat(9, 3)],
      {
        ...min,
        studyName: "b",
      },
    );
    expect(b.decisions).toEqual(fresh.decisions);
  });

  it("Hyperband: one instance decides in a second study as a fresh one would", async () => {
    const curves = (n: number, len: number) =>
      Array.from({ length: n }, (_, t) => flat(1 + ((t * 7) % 5), len));
    const shared = new HyperbandPruner();
    await replayReportsStudy(shared, curves(20, 81), { ...min, studyName: "s" });
    expect(shared.maxResource).toBe(81);
    const again = await replayReportsStudy(shared, curves(20, 9), { ...min, studyName: "s" });
    expect(shared.maxResource).toBe(9);
    const fresh = await replayReportsStudy(new HyperbandPruner(), curves(20, 9), { ...min, studyName: "s" });
    expect(again.decisions).toEqual(fresh.decisions);
  });
});
