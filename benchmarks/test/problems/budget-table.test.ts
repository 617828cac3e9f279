/** The real suite's table (src/problems/sklearn/budget-table.ts) on hand-built run records. */
import { describe, expect, it } from "vitest";
import {
  bestWithin,
  blockCounts,
  budgetGain,
  budgetSamples,
  budgetSummary,
  budgetSummaryCells,
  budgetTable,
  median,
  pooledFirstTrials,
  verdict,
} from "../../src/problems/sklearn/budget-table.js";
import { cellKey, type RunCell, type RunRecord } from "../../src/runner/types.js";

function record(
  side: "tunelab" | "optuna",
  sampler: string,
  seed: number,
  values: (number | null)[],
  fn = "sklearn-knn-wine",
): RunRecord {
  const cell: RunCell = {
    function: fn,
    side,
    sampler,
    pruner: "none",
    seed,
    trials: values.length,
    budgetSteps: null,
    concurrency: 1,
  };
  return {
    key: cellKey(cell),
    cell,
    values: values.map((v) => (v === null ? null : [v])),
    states: values.map((v) => (v === null ? "F" : "C")),
    steps: values.map(() => 1),
    feasible: values.map(() => true),
    samplerMs: values.map(() => 0),
    wallMs: 0,
    skipped: null,
    error: null,
  };
}

describe("bestWithin", () => {
  it("is the lowest completed value among the first budget trials", () => {
    const r = record("tunelab", "tpe", 1, [0.5, null, 0.3, 0.1]);
    expect(bestWithin(r, 1)).toBe(0.5);
    expect(bestWithin(r, 3)).toBe(0.3);
    expect(bestWithin(r, 4)).toBe(0.1);
    expect(bestWithin(record("tunelab", "tpe", 1, [null]), 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("median", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("budgetSamples", () => {
  it("groups by problem and method label and leaves out runs shorter than the budget", () => {
    const runs = [
      record("tunelab", "tpe", 1, [0.4, 0.2]),
      record("tunelab", "tpe", 2, [0.3]),
      record("optuna", "tpe@3.1", 1, [0.1, 0.5]),
    ];
    const s = budgetSamples(runs, 2);
    expect(s.get("sklearn-knn-wine")!.get("tpe")).toEqual([0.2]);
    expect(s.get("sklearn-knn-wine")!.get("optuna/tpe@3.1")).toEqual([0.1]);
  });
});

describe("verdict", () => {
  it("is at least as good on a tie of medians and significantly worse only on separated samples", () => {
    expect(verdict([1, 2, 3], [[1, 2, 3]]).atLeastAsGood).toBe(true);
    const worse = verdict(
      [10, 11, 12, 13, 14, 15],
      [
        [1, 2, 3, 4, 5, 6],
        [20, 21, 22, 23, 24, 25],
      ],
    );
    expect(worse.atLeastAsGood).toBe(false);
    expect(worse.significantlyWorse).toBe(true);
    expect(worse.p).toBeCloseTo(0.002165, 5); // exact two-sided p of 6 vs 6 separated: 2/924
    const close = verdict([2, 3, 4], [[1, 2, 3]]);
    expect(close.atLeastAsGood).toBe(false);
    expect(close.significantlyWorse).toBe(false);
  });
});

describe("budgetTable", () => {
  it("bolds the lowest median and counts the candidates' verdicts", () => {
    const runs = [
      record("tunelab", "tpe", 1, [0.2, 0.1]),
      record("tunelab", "tpe", 2, [0.3, 0.2]),
      record("optuna", "tpe", 1, [0.3, 0.3]),
      record("optuna", "tpe", 2, [0.4, 0.4]),
    ];
    const t = budgetTable(runs, 2, ["tpe", "optuna/tpe"], ["tpe"], ["optuna/tpe"]);
    expect(t).toContain("| sklearn-knn-wine | **0.1500** | 0.3500 | ≤ |");
    expect(t).toContain("tpe: median at least as good as the better of optuna/tpe on 1 of 1 problems");
  });

  it("counts each candidate over the problems where it and a reference ran", () => {
    // random ran on "a" only; tpe on both, worse than the reference on "b".
    const runs = [
      record("tunelab", "tpe", 1, [0.1], "a"),
      record("tunelab", "random", 1, [0.2], "a"),
      record("optuna", "tpe", 1, [0.3], "a"),
      record("tunelab", "tpe", 1, [0.5], "b"),
      record("optuna", "tpe", 1, [0.4], "b"),
    ];
    const t = budgetTable(runs, 1, ["tpe", "random", "optuna/tpe"], ["tpe", "random"], ["optuna/tpe"]);
    expect(t).toContain("| b | 0.5000 | – | **0.4000** | > (p=1.00) | – |");
    expect(t).toContain(
      "tpe: median at least as good as the better of optuna/tpe on 1 of 2 problems; significantly worse (p < 0.05) than either on 0.",
    );
    expect(t).toContain("random: median at least as good as the better of optuna/tpe on 1 of 1 problems");
  });
});

describe("budgetSummaryCells", () => {
  // Two problems, three methods, six seeds each. On "a", tpe is separated below random and the
  // reference; on "b", random is separated above both.
  const seeds = [1, 2, 3, 4, 5, 6];
  const runs = [
    ...seeds.map((s) => record("tunelab", "tpe", s, [1 + s, s / 10], "a")),
    ...seeds.map((s) => record("tunelab", "random", s, [2 + s, 2 + s], "a")),
    ...seeds.map((s) => record("optuna", "tpe", s, [1 + s, 1 + s], "a")),
    ...seeds.map((s) => record("tunelab", "tpe", s, [s, s], "b")),
    ...seeds.map((s) => record("tunelab", "random", s, [20 + s, 20 + s], "b")),
    ...seeds.map((s) => record("optuna", "tpe", s, [s, s], "b")),
  ];
  const methods = ["tpe", "random", "optuna/tpe"];
  const cells = budgetSummaryCells(runs, [1, 2], methods, ["optuna/tpe"]);

  it("counts at-least-as-good and significantly-worse problems per budget", () => {
    // Budget 1: tpe ties the reference on a (medians 4.5) and on b (3.5): 2 of 2.
    expect(cells.get("tpe")![0]).toMatchObject({ atLeastAsGood: 2, significantlyWorse: 0, problems: 2 });
    // random: above on a (5.5 vs 4.5, overlapping samples) and separated above on b.
    expect(cells.get("random")![0]).toMatchObject({ atLeastAsGood: 0, significantlyWorse: 1, problems: 2 });
    // Budget 2: the same values (random's second trials equal its first).
    expect(cells.get("random")![1]).toMatchObject({ atLeastAsGood: 0, significantlyWorse: 1 });
    expect(cells.get("tpe")![1]).toMatchObject({ atLeastAsGood: 2, significantlyWorse: 0 });
  });

  it("averages the rank of each median, ties sharing their mean rank", () => {
    // Budget 1: a: tpe = ref = 4.5 (rank 1.5 each), random 3; b: tpe = ref (1.5), random 3.
    expect(cells.get("tpe")![0]!.meanRank).toBe(1.5);
    expect(cells.get("optuna/tpe")![0]!.meanRank).toBe(1.5);
    expect(cells.get("random")![0]!.meanRank).toBe(3);
    // Budget 2: a: tpe 0.35 (1), ref 4.5 (2), random 5.5 (3); b: tpe = ref 3.5 (1.5), random 3.
    expect(cells.get("tpe")![1]!.meanRank).toBe(1.25);
    expect(cells.get("optuna/tpe")![1]!.meanRank).toBe(1.75);
    expect(cells.get("tpe")![1]!.rankedProblems).toBe(2);
  });

  it("prints one row per method, dashes for the reference's own counts", () => {
    const t = budgetSummary(runs, [1, 2], methods, ["optuna/tpe"]);
    expect(t).toContain("| tpe | 2/2 | 0 | 1.50 | 2/2 | 0 | 1.25 |");
    expect(t).toContain("| random | 0/2 | 1 | 3.00 | 0/2 | 1 | 3.00 |");
    expect(t).toContain("| optuna/tpe | – | – | 1.50 | – | – | 1.75 |");
    expect(t).toContain("over the problems every method ran (2, 2 at 1, 2 trials)");
  });
});

describe("budgetGain", () => {
  it("is the median over runs of (best within A - best within B) / |best within A|", () => {
    const runs = [
      record("tunelab", "auto", 1, [10, 9, 5, 4]), // best(2) = 9, best(4) = 4: gain 5/9
      record("tunelab", "auto", 2, [2, 3, 1, 1]), // 2 -> 1: 1/2
      record("tunelab", "auto", 3, [4, 4, 4, 4]), // no gain
      record("optuna", "tpe", 1, [-2, -1, -3, -3]), // -2 -> -3: 1/2 on a negative loss
      record("tunelab", "auto", 4, [1, 1, 1]), // shorter than 4 trials: left out
    ];
    const g = budgetGain(runs, 2, 4).get("sklearn-knn-wine")!;
    expect(g.get("auto")).toEqual([0.5]);
    expect(g.get("optuna/tpe")).toEqual([0.5]);
    // From 1 to 3 trials the 3-trial run counts: gains 1/2, 1/2, 0, 0.
    expect(budgetGain(runs, 1, 3).get("sklearn-knn-wine")!.get("auto")![0]).toBeCloseTo(0.25, 12);
  });
});

describe("blockCounts", () => {
  // Two problems, seeds 1-4 cut into blocks {1,2} and {3,4}; best within 1 trial = the value.
  const runs = [
    // knn: the candidate's block 1 has median 1.5, block 2 median 5.5.
    record("tunelab", "auto", 1, [1]),
    record("tunelab", "auto", 2, [2]),
    record("tunelab", "auto", 3, [5]),
    record("tunelab", "auto", 4, [6]),
    // references: block 1 medians 3 (5.0) and 4 (3.1); block 2 medians 1 and 7.
    record("optuna", "tpe", 1, [3]),
    record("optuna", "tpe", 2, [3]),
    record("optuna", "tpe", 3, [1]),
    record("optuna", "tpe", 4, [1]),
    record("optuna", "tpe@3.1", 1, [4]),
    record("optuna", "tpe@3.1", 2, [4]),
    record("optuna", "tpe@3.1", 3, [7]),
    record("optuna", "tpe@3.1", 4, [7]),
    // mlp: the candidate is always best; only block 1 has reference runs.
    record("tunelab", "auto", 1, [0], "sklearn-mlp-digits"),
    record("tunelab", "auto", 3, [0], "sklearn-mlp-digits"),
    record("optuna", "tpe", 1, [9], "sklearn-mlp-digits"),
  ];
  const refs = ["optuna/tpe", "optuna/tpe@3.1"];
  const blocks = [
    [1, 2],
    [3, 4],
  ];

  it("judges each candidate block against each reference block", () => {
    const c = blockCounts(runs, 1, "auto", refs, blocks);
    // knn: 1.5 <= min(3, 4) yes; 1.5 <= min(1, 7) no; 5.5 <= 3 no; 5.5 <= 1 no. mlp: only
    // against reference block 1, where 0 <= 9.
    expect(c.atLeastAsGood).toEqual([
      [2, 0],
      [1, 0],
    ]);
    expect(c.problems).toEqual([
      [2, 1],
      [2, 1],
    ]);
    // Two seeds a side cannot reach p < 0.05 (the smallest two-sided p is 1/3).
    expect(c.significantlyWorse).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it("leaves the diagonal out when the candidate is a reference", () => {
    const c = blockCounts(runs, 1, "optuna/tpe", refs, blocks);
    // knn: block 1 (median 3) against block 2's references (1 and 7): no; block 2 (1) against
    // block 1's (3 and 4): yes. mlp: block 2 has no optuna/tpe run, block 1 none to judge against.
    expect(c.atLeastAsGood).toEqual([
      [null, 0],
      [1, null],
    ]);
    expect(c.problems).toEqual([
      [null, 1],
      [1, null],
    ]);
  });

  it("counts significance on larger blocks", () => {
    const big: RunRecord[] = [];
    for (let s = 1; s <= 16; s++) {
      big.push(record("tunelab", "auto", s, [10 + s]));
      big.push(record("optuna", "tpe", s, [s]));
    }
    const c = blockCounts(
      big,
      1,
      "auto",
      ["optuna/tpe"],
      [
        [1, 2, 3, 4, 5, 6, 7, 8],
        [9, 10, 11, 12, 13, 14, 15, 16],
      ],
    );
    // auto's block 1 (11..18) against tpe's block 1 (1..8): every value larger, p < 0.05;
    // auto's block 1 against tpe's block 2 (9..16): medians 14.5 vs 12.5, overlapping, p > 0.05.
    expect(c.significantlyWorse[0]).toEqual([1, 0]);
    expect(c.atLeastAsGood[1]).toEqual([0, 0]);
  });

  it("refuses overlapping or empty blocks", () => {
    expect(() =>
      blockCounts(runs, 1, "auto", refs, [
        [1, 2],
        [2, 3],
      ]),
    ).toThrow(/disjoint, seed 2/);
    expect(() => blockCounts(runs, 1, "auto", refs, [[1], []])).toThrow(/must not be empty/);
  });
});

describe("pooledFirstTrials", () => {
  it("pools the first n losses of every run by problem and method, failed trials left out", () => {
    const runs = [
      record("tunelab", "auto", 1, [5, null, 3, 1]),
      record("tunelab", "auto", 2, [4, 2, 9, 9]),
      record("optuna", "tpe", 1, [7, 8, 6]),
      record("optuna", "tpe", 2, [1]), // shorter than 3 trials: left out
      record("tunelab", "auto", 1, [0, 0, 0], "sklearn-mlp-digits"),
    ];
    const p = pooledFirstTrials(runs, 3);
    expect(p.get("sklearn-knn-wine")!.get("auto")).toEqual([5, 3, 4, 2, 9]);
    expect(p.get("sklearn-knn-wine")!.get("optuna/tpe")).toEqual([7, 8, 6]);
    expect(p.get("sklearn-mlp-digits")!.get("auto")).toEqual([0, 0, 0]);
    expect(pooledFirstTrials(runs, 1).get("sklearn-knn-wine")!.get("optuna/tpe")).toEqual([7, 1]);
  });
});
