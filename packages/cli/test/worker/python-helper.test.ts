/**
 * examples/python/tunelab_worker.py, the Python side of the protocol, under a worker in both
 * modes and run by hand. Needs /usr/bin/python3 (skipped locally without it, fails under CI).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getKey } from "@tunelab/study/records";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requirement } from "../../../storage/test/requirement.js";
import { readTrials, runCli, type Workspace, workspace } from "./harness.js";

const PYTHON = "/usr/bin/python3";
const HELPER_DIR = fileURLToPath(new URL("../../../../examples/python", import.meta.url));
const ok = requirement(
  "Python 3 at /usr/bin/python3",
  existsSync(PYTHON) ? null : `${PYTHON} does not exist`,
  "apt-get install -y python3",
);

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

/** A training script: imports the helper, notes each start, reports x * (step + 1) for 3 steps. */
function script(): string {
  return ws.write(
    "train.py",
    `import os, sys
sys.path.insert(0, ${JSON.stringify(HELPER_DIR)})
import tunelab_worker
with open(os.path.join(${JSON.stringify(ws.dir)}, "starts.txt"), "a") as f:
    f.write("start\\n")
for trial in tunelab_worker.trials():
    x = trial.params["x"]
    try:
        for step in range(3):
            value = trial.number * 10 + step if trial.number is not None else x
            trial.report(value, step)
            if trial.should_prune():
                trial.prune()
                break
            if trial.number == 1 and os.environ["TUNELAB_MODE"] == "trial":
                import time
                time.sleep(60)  # the worker ends it with SIGTERM
        else:
            trial.tell(x * x)
    finally:
        with open(os.path.join(${JSON.stringify(ws.dir)}, "finally.txt"), "a") as f:
            f.write("%s\\n" % trial.number)
`,
  );
}

/** Prunes trial 1 (it reports 10 at step 0, more than trial 0's 0). */
const PRUNE_SECOND = [
  "--sampler",
  "RandomSampler",
  "--sampler-kwargs",
  '{"seed": 2}',
  "--pruner",
  "MedianPruner",
  "--pruner-kwargs",
  '{"n_startup_trials": 1}',
];

describe.skipIf(!ok)("examples/python/tunelab_worker.py", () => {
  for (const mode of ["trial", "persistent"] as const) {
    it(`under a worker (${mode === "trial" ? "a process per trial" : "--persistent"}): reports, prunes, tells`, async () => {
      const r = await runCli([
        "worker",
        ...ws.target(),
        "--n-trials",
        "3",
        ...(mode === "persistent" ? ["--persistent"] : []),
        ...PRUNE_SECOND,
        "--",
        PYTHON,
        script(),
      ]);
      expect(r.stderr).not.toMatch(/^tunelab: /m);
      expect(r.code).toBe(0);
      const trials = await readTrials(ws.file);
      expect(trials.map((t) => t.state)).toEqual(["COMPLETE", "PRUNED", "PRUNED"]);
      const [t0, t1, t2] = trials as [(typeof trials)[0], (typeof trials)[0], (typeof trials)[0]];
      expect(t0.values).toEqual([(t0.params.x as number) ** 2]);
      expect([...t0.intermediateValues]).toEqual([
        [0, 0],
        [1, 1],
        [2, 2],
      ]);
      expect([...t1.intermediateValues]).toEqual([[0, 10]]);
      expect([...t2.intermediateValues]).toEqual([[0, 20]]);
      expect(getKey(t1.systemAttrs, "fail_reason")).toBeUndefined();
      // SIGTERM (a process per trial) became SystemExit: the finally blocks ran for every trial.
      expect(ws.read("finally.txt")).toBe("0\n1\n2\n");
      expect(ws.read("starts.txt")).toBe(mode === "persistent" ? "start\n" : "start\nstart\nstart\n");
    });
  }

  it("run by hand: one trial from TUNELAB_PARAMS, protocol lines printed, nothing read from stdin", () => {
    const r = spawnSync(PYTHON, [script()], {
      env: { PATH: process.env.PATH, TUNELAB_PARAMS: '{"x": 1.5}', PYTHONDONTWRITEBYTECODE: "1" },
      input: "",
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "tunelab:report 0 1.5\ntunelab:report 1 1.5\ntunelab:report 2 1.5\ntunelab:result 2.25\n",
    );
  });
});
