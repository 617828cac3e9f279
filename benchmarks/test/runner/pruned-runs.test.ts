import { describe, expect, it } from "vitest";
import { summarizeRecords } from "../../src/report/summary.js";
import { planBenchmark } from "../../src/runner/plan.js";
import { runTunelabCell } from "../../src/runner/run-cell.js";
import type { SuiteDefinition } from "../../src/suites/suites.js";

const LLM_TINY: SuiteDefinition = {
  name: "llm-tiny",
  description: "test",
  functions: ["llm-finetune-loss-0.5B"],
  trials: 12,
  seeds: 1,
  pruners: ["none", "sha"],
  budgetSteps: 360,
};

describe("curve problems with pruners at equal budget", () => {
  it("report every evaluation, prune with SHA, and stop at the budget", async () => {
    const plan = planBenchmark(LLM_TINY, { samplers: ["random"] });
    const [none, sha] = await Promise.all(plan.cells.map((c) => runTunelabCell(c)));
    for (const r of [none!, sha!]) {
      expect(r.error).toBeNull();
      const used = r.steps.reduce((a, b) => a + b, 0);
      expect(used).toBeGreaterThanOrEqual(360);
      // the budget is crossed by the last trial only
      expect(used - r.steps.at(-1)!).toBeLessThan(360);
    }
    expect(none!.states.includes("P")).toBe(false);
    expect(sha!.states.includes("P")).toBe(true);
    // pruning buys more trials for the same budget
    expect(sha!.states.length).toBeGreaterThan(none!.states.length);
    const s = summarizeRecords([none!, sha!]);
    expect(s.functions[0]!.metric).toBe("normalized-regret");
    expect(s.functions[0]!.axisLabel).toBe("evaluations used");
    expect(Object.keys(s.cells["llm-finetune-loss-0.5B"]!).sort()).toEqual(["random", "random+sha"]);
  });
});
