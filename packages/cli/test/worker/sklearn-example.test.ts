/**
 * The evidence: examples/sklearn-digits/train.py (scikit-learn on its bundled digits
 * data) tuned through `tunelab worker` on a journal file: trials complete, intermediate values
 * are reported, the median pruner prunes, and a run stopped with SIGTERM leaves no trial
 * RUNNING. Needs Debian's python3-sklearn (skipped locally without it, fails under CI).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { getKey } from "@tunelab/study/records";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requirement } from "../../../storage/test/requirement.js";
import { readTrials, runCli, spawnCli, testEnv, type Workspace, workspace } from "./harness.js";

const PYTHON = "/usr/bin/python3";
const EXAMPLE = fileURLToPath(new URL("../../../../examples/sklearn-digits/", import.meta.url));
const probe = spawnSync(PYTHON, ["-c", "import sklearn"], { encoding: "utf8" });
const ok = requirement(
  "scikit-learn for /usr/bin/python3",
  probe.status === 0
    ? null
    : (probe.error?.message ?? probe.stderr.trim().split("\n").pop() ?? "import failed"),
  "apt-get install -y python3-sklearn",
);

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => ws.cleanup());

const EPOCHS = 8;
const FLAGS = [
  "--search-space",
  `@${EXAMPLE}space.json`,
  "--sampler",
  "RandomSampler",
  "--sampler-kwargs",
  '{"seed": 1}',
  "--pruner",
  "MedianPruner",
  "--pruner-kwargs",
  '{"n_startup_trials": 3, "n_warmup_steps": 1}',
];
const COMMAND = ["--", PYTHON, `${EXAMPLE}train.py`];

describe.skipIf(!ok)("examples/sklearn-digits/train.py through tunelab worker", () => {
  it("trials complete with their per-epoch validation errors, and the median pruner prunes some", async () => {
    const r = await runCli(
      [
        "worker",
        "--storage",
        ws.storage,
        "--study",
        "digits",
        "--persistent",
        "--n-trials",
        "12",
        ...FLAGS,
        ...COMMAND,
      ],
      { env: testEnv({ EPOCHS: String(EPOCHS) }) },
    );
    expect(r.code).toBe(0);
    const trials = await readTrials(ws.file, "digits");
    expect(trials).toHaveLength(12);
    const complete = trials.filter((t) => t.state === "COMPLETE");
    const pruned = trials.filter((t) => t.state === "PRUNED");
    expect(complete.length + pruned.length).toBe(12);
    expect(complete.length).toBeGreaterThanOrEqual(3);
    expect(pruned.length).toBeGreaterThanOrEqual(1);
    for (const t of complete) {
      expect([...t.intermediateValues.keys()]).toEqual([...Array(EPOCHS).keys()]);
      expect(t.values?.[0]).toBe(t.intermediateValues.get(EPOCHS - 1));
      expect(t.values?.[0]).toBeGreaterThanOrEqual(0);
      expect(t.values?.[0]).toBeLessThan(1);
    }
    for (const t of pruned) {
      expect(t.intermediateValues.size).toBeGreaterThanOrEqual(2); // n_warmup_steps 1
      expect(t.intermediateValues.size).toBeLessThan(EPOCHS);
    }
    expect(r.stdout).toMatch(/^trial \d+: validation error 0\.\d{4} after 8 epochs$/m);
    expect(r.stdout).toMatch(/^trial \d+: pruned at epoch \d, validation error 0\.\d{4}$/m);
    expect(r.stderr).toContain("the command was started 1 time(s)");
  });

  it("a run stopped with SIGTERM leaves no trial RUNNING (the interrupted one FAIL, its params WAITING)", async () => {
    const w = spawnCli(
      ["worker", "--storage", ws.storage, "--study", "digits", "--n-trials", "20", ...FLAGS, ...COMMAND],
      testEnv({ EPOCHS: "100000" }), // trial 0 is still training when SIGTERM comes
    );
    // Once trial 0 has started training (its first report is stored), stop the worker.
    for (;;) {
      const trials = await readTrials(ws.file, "digits").catch(() => []);
      if (trials.some((t) => t.intermediateValues.size > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    w.child.kill("SIGTERM");
    const r = await w.exit;
    expect(r.code).toBe(143);
    const trials = await readTrials(ws.file, "digits");
    expect(trials.filter((t) => t.state === "RUNNING")).toEqual([]);
    const failed = trials.filter((t) => t.state === "FAIL");
    expect(failed).toHaveLength(1);
    expect(String(getKey(failed[0]!.systemAttrs, "fail_reason"))).toMatch(/received SIGTERM/);
    const waiting = trials.filter((t) => t.state === "WAITING");
    expect(waiting.map((t) => t.params)).toEqual([failed[0]!.params]);
  });
});
