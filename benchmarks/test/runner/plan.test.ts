import { describe, expect, it } from "vitest";
import { planBenchmark } from "../../src/runner/plan.js";
import { runTunelabCell } from "../../src/runner/run-cell.js";
import { cellKey } from "../../src/runner/types.js";
import { SAMPLERS } from "../../src/samplers/registry.js";
import { SUITE_NAMES, suiteByName } from "../../src/suites/suites.js";
import { TINY } from "./tiny-suite.js";

describe("planBenchmark", () => {
  it("every built-in suite resolves (functions, samplers, pruners exist)", () => {
    for (const name of SUITE_NAMES) {
      const plan = planBenchmark(suiteByName(name), { peer: true });
      expect(plan.cells.length).toBeGreaterThan(0);
    }
  });

  it("quick is the default size: 5 seeds × 100 trials", () => {
    const q = suiteByName("quick");
    expect([q.seeds, q.trials]).toEqual([5, 100]);
  });

  it("narrows by options and uses seeds 1..n", () => {
    const plan = planBenchmark(TINY, { samplers: ["random"], functions: ["branin"], seeds: 3, trials: 7 });
    expect(plan.cells.map((c) => c.seed)).toEqual([1, 2, 3]);
    expect(plan.cells.every((c) => c.trials === 7 && c.sampler === "random")).toBe(true);
  });

  it("deduplicates seeds and names: --seeds 0,0 plans one run per cell, not two", () => {
    const plan = planBenchmark(TINY, {
      samplers: ["random", "random"],
      functions: ["branin", "branin"],
      seeds: [0, 0, 3, 0],
      pruners: ["none", "none"],
    });
    expect(plan.seeds).toEqual([0, 3]);
    expect(plan.samplers.tunelab).toEqual(["random"]);
    expect(plan.functions).toEqual(["branin"]);
    expect(plan.pruners).toEqual(["none"]);
    expect(plan.cells.map((c) => c.seed)).toEqual([0, 3]);
    const keys = plan.cells.map(cellKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("refuses a plan with no runs, saying why", () => {
    // --samplers none without the Optuna peer
    expect(() => planBenchmark(TINY, { samplers: [] })).toThrow(
      /planBenchmark: nothing to run: no sampler selected \(tunelab: none; optuna: none, the peer is off\)/,
    );
    expect(() => planBenchmark(TINY, { functions: [] })).toThrow(
      /planBenchmark: nothing to run: no function selected/,
    );
    // CMA-ES has no multi-objective runs
    expect(() => planBenchmark(TINY, { samplers: ["cmaes"], functions: ["zdt1-4"] })).toThrow(
      /planBenchmark: nothing to run: no selected sampler applies to the selected functions \(cmaes on zdt1-4\)/,
    );
  });

  it("pairs pruners with curve problems only, with a budget", () => {
    const plan = planBenchmark(suiteByName("llm"), {
      samplers: ["random"],
      functions: ["llm-finetune-loss-1.5B", "branin"],
      seeds: 1,
    });
    const llm = plan.cells.filter((c) => c.function.startsWith("llm"));
    expect(llm.map((c) => c.pruner)).toEqual(["none", "median", "sha", "hyperband"]);
    expect(llm.every((c) => c.budgetSteps === 3000)).toBe(true);
    const branin = plan.cells.filter((c) => c.function === "branin");
    expect(branin.map((c) => [c.pruner, c.budgetSteps])).toEqual([["none", null]]);
  });

  it("rejects unknown names and bad counts with clear errors", () => {
    expect(() => planBenchmark(TINY, { functions: ["nope-3"] })).toThrow(/unknown function "nope-3"/);
    expect(() => planBenchmark(TINY, { samplers: ["nope"] })).toThrow(
      /no tunelab sampler "nope"; known: [a-z_, ]*\brandom\b/,
    );
    expect(() => planBenchmark(TINY, { pruners: ["nope"] })).toThrow(/unknown pruner "nope"/);
    expect(() => planBenchmark(TINY, { trials: 0 })).toThrow(/trials must be an integer >= 1, got 0/);
    expect(() => planBenchmark(TINY, { seeds: [] })).toThrow(/at least one seed/);
    expect(() => planBenchmark(TINY, { concurrency: Number.NaN })).toThrow(/concurrency/);
    expect(() => suiteByName("nope")).toThrow(/unknown suite "nope"; known: quick/);
  });
});

describe("the sampler registry", () => {
  it("has unique names per side, and every tunelab entry builds a sampler", () => {
    for (const side of ["tunelab", "optuna"]) {
      const names = SAMPLERS.filter((s) => s.side === side).map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(SAMPLERS.filter((s) => s.side === "tunelab").every((s) => s.create !== undefined)).toBe(true);
  });

  it("grid does not apply to conditional spaces (the run is skipped, not failed)", async () => {
    const [cell] = planBenchmark(TINY, {
      samplers: ["grid"],
      functions: ["conditional-model-choice"],
      seeds: 1,
    }).cells;
    const r = await runTunelabCell(cell!);
    expect(r.skipped).toMatch(/grid does not apply to conditional-model-choice/);
    expect(r.error).toBeNull();
  });
});
