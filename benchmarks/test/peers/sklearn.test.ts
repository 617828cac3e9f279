/**
 * The real problems' bridge (src/problems/sklearn, peers/sklearn_problems.py): the declared
 * spaces match the Python problems, one cheap evaluation goes through the persistent process
 * and its on-disk cache, and a machine without scikit-learn gives skipped runs with one line.
 * The evaluation tests need /usr/bin/python3 with scikit-learn ($TUNELAB_SKLEARN_PYTHON):
 * skipped, saying so, when it is missing, and failing under CI=true.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkOptunaPeer, OptunaExecutor } from "../../src/peers/optuna.js";
import { resolveProblem } from "../../src/problems/registry.js";
import {
  SKLEARN_PROBLEM_NAMES,
  SKLEARN_PROBLEMS,
  SklearnEvaluator,
  sklearnPython,
  sklearnScriptPath,
  sklearnUnavailable,
} from "../../src/problems/sklearn/index.js";
import { runTunelabCell } from "../../src/runner/run-cell.js";
import type { RunCell } from "../../src/runner/types.js";
import { suiteByName } from "../../src/suites/suites.js";

const missing = sklearnUnavailable();
if (missing !== null) {
  if (process.env.CI === "true")
    throw new Error(`CI=true but ${missing} (a missing requirement fails the run)`);
  console.warn(`scikit-learn bridge tests: SKIPPED (${missing})`);
}

const KNN = { n_neighbors: 5, weights: "distance", p: 2, scaler: "standard" };

describe("the real problems' spaces", () => {
  it("the real suite lists at least eight problems, two of them conditional", () => {
    const suite = suiteByName("real");
    expect(suite.functions).toEqual(SKLEARN_PROBLEM_NAMES);
    expect(suite.functions.length).toBeGreaterThanOrEqual(8);
    const conditional = SKLEARN_PROBLEMS.filter((p) => p.space.some((s) => s.condition !== undefined));
    expect(conditional.map((p) => p.name)).toEqual(
      expect.arrayContaining(["sklearn-model-choice-diabetes", "sklearn-mlp-optimizer-digits"]),
    );
  });

  it("resolveProblem builds them with their declared space and an asynchronous evaluation", () => {
    const p = resolveProblem("sklearn-svc-digits");
    expect(p.dimension).toBe(4);
    expect(p.directions).toEqual(["minimize"]);
    expect(p.evaluateAsync).toBeTypeOf("function");
    expect(() => p.fn.evaluate({})).toThrow(/evaluated in Python/);
  });

  it("every declared problem exists in sklearn_problems.py and no other", () => {
    const r = spawnSync(sklearnPython(), [sklearnScriptPath(), "problems"], { encoding: "utf8" });
    if (r.error !== undefined) return; // no Python at all: covered by the skip below
    expect(r.stdout.trim().split("\n")).toEqual([...SKLEARN_PROBLEM_NAMES]);
  });
});

describe("without scikit-learn", () => {
  it("sklearnUnavailable names the interpreter in one line", () => {
    const why = sklearnUnavailable("/nonexistent/python3");
    expect(why).toMatch(/^real problems skipped: cannot run \/nonexistent\/python3/);
    expect(why).not.toContain("\n");
  });

  it("a tunelab run of a real problem is skipped with that line", async () => {
    const saved = process.env.TUNELAB_SKLEARN_PYTHON;
    process.env.TUNELAB_SKLEARN_PYTHON = "/nonexistent/python3";
    try {
      const cell: RunCell = {
        function: "sklearn-knn-wine",
        side: "tunelab",
        sampler: "random",
        pruner: "none",
        seed: 1,
        trials: 3,
        budgetSteps: null,
        concurrency: 1,
      };
      const r = await runTunelabCell(cell);
      expect(r.error).toBeNull();
      expect(r.skipped).toMatch(/^real problems skipped: cannot run \/nonexistent\/python3/);
      expect(r.values).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TUNELAB_SKLEARN_PYTHON;
      else process.env.TUNELAB_SKLEARN_PYTHON = saved;
    }
  });
});

describe.skipIf(missing !== null)("the scikit-learn evaluator", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-sklearn-"));
  const cache = join(dir, "cache.jsonl");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("evaluates k-NN on wine, caches it on disk, and a second process reads it back", async () => {
    const a = new SklearnEvaluator(sklearnPython(), cache);
    const v = await a.evaluate("sklearn-knn-wine", KNN);
    await a.close();
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThan(0.2); // scaled 5-NN on wine is a good classifier
    const lines = readFileSync(cache, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    // A new process answers from the cache: same value, no new line; 5 and 5.0 are one key.
    const b = new SklearnEvaluator(sklearnPython(), cache);
    expect(await b.evaluate("sklearn-knn-wine", { ...KNN, n_neighbors: 5.0 })).toBe(v);
    await b.close();
    expect(readFileSync(cache, "utf8").trim().split("\n")).toHaveLength(1);
  }, 60_000);

  it.skipIf(!checkOptunaPeer().available)(
    "the Optuna peer runs a real problem through the same evaluator and cache",
    async () => {
      const saved = process.env.TUNELAB_SKLEARN_CACHE;
      process.env.TUNELAB_SKLEARN_CACHE = cache;
      const peer = new OptunaExecutor();
      try {
        const cell: RunCell = {
          function: "sklearn-knn-wine",
          side: "optuna",
          sampler: "random",
          pruner: "none",
          seed: 1,
          trials: 2,
          budgetSteps: null,
          concurrency: 1,
        };
        const r = await peer.run(cell);
        expect(r.error).toBeNull();
        expect(r.states).toEqual(["C", "C"]);
        const cached = readFileSync(cache, "utf8").trim().split("\n");
        for (const v of r.values) expect(cached.some((l) => l.includes(String(v![0])))).toBe(true);
      } finally {
        await peer.close();
        if (saved === undefined) delete process.env.TUNELAB_SKLEARN_CACHE;
        else process.env.TUNELAB_SKLEARN_CACHE = saved;
      }
    },
    60_000,
  );

  it("rejects an unknown problem with the known names", async () => {
    const e = new SklearnEvaluator(sklearnPython(), "");
    await expect(e.evaluate("sklearn-nope", {})).rejects.toThrow(
      /unknown problem sklearn-nope; known: sklearn-svc-digits/,
    );
    await e.close();
  }, 60_000);
});
