import { describe, expect, it } from "vitest";
import { withoutProcesses } from "../../src/worker/local-workers.js";
import { combine, describeProgress, NO_PROGRESS, type Progress } from "../../src/worker/progress.js";

const p = (done: number, best: number | null, direction: "minimize" | "maximize" = "minimize"): Progress => ({
  ...NO_PROGRESS,
  done,
  complete: done,
  best: best === null ? null : { number: done, value: best },
  direction,
});

describe("progress of workers", () => {
  it("combine sums the counts and keeps the best of the bests, in the study's direction", () => {
    expect(combine([p(2, 0.5), p(3, 0.25), p(1, null)])).toMatchObject({
      done: 6,
      complete: 6,
      best: { value: 0.25 },
    });
    expect(combine([p(2, 0.5, "maximize"), p(3, 0.25, "maximize")])).toMatchObject({ best: { value: 0.5 } });
    expect(combine([])).toEqual(NO_PROGRESS);
  });

  it("describeProgress is one line", () => {
    expect(describeProgress(NO_PROGRESS)).toBe(
      "0 trials done (0 complete, 0 pruned, 0 failed); no complete trial in the study yet",
    );
    expect(describeProgress({ ...p(1, 0.5), pruned: 0 })).toBe(
      "1 trial done (1 complete, 0 pruned, 0 failed); best value 0.5 (trial 1)",
    );
    expect(describeProgress({ ...NO_PROGRESS, done: 3, complete: 3, front: 2 })).toBe(
      "3 trials done (3 complete, 0 pruned, 0 failed); 2 on the Pareto front",
    );
  });
});

describe("withoutProcesses", () => {
  it("drops --processes and its value before --, and keeps the command as it is", () => {
    expect(
      withoutProcesses(["--processes", "3", "--n-trials", "5", "--", "cmd", "--processes", "2"]),
    ).toEqual(["--n-trials", "5", "--", "cmd", "--processes", "2"]);
    expect(withoutProcesses(["--processes=4", "--persistent", "--", "x"])).toEqual([
      "--persistent",
      "--",
      "x",
    ]);
  });
});
