/**
 * The plots and the report on a live in-memory `Study` (createStudy + optimize), not only on
 * hand-built trials: a seeded test-only random sampler (viz sits above the samplers and does
 * not depend on them) suggests a log float and a categorical; the objective reports a curve,
 * prunes every 4th trial and fails every 5th.
 */
import { Rng } from "@tunelab/math/random";
import {
  createStudy,
  type Distribution,
  type Sampler,
  type SearchSpace,
  type Trial,
  TrialPruned,
  toInternal,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { intermediateValues, optimizationHistory, renderSvg, timelinePlot } from "../../src/plots/index.js";
import { studyReportHtml } from "../../src/report/index.js";
import { countMarks } from "../plots/helpers.js";

/** Independent uniform draws (log-uniform for log floats), seeded; no relative sampling. */
function seededRandomSampler(seed: number): Sampler {
  const rng = Rng.fromSeed(seed);
  return {
    inferRelativeSearchSpace: (): SearchSpace => ({}),
    sampleRelative: (): Record<string, number> => ({}),
    sampleIndependent: (_s, _t, _name, d: Distribution): number => {
      if (d.kind === "categorical") return rng.int(0, d.choices.length - 1);
      if (d.kind === "int") return toInternal(d, rng.int(d.low, d.high));
      const x = d.log ? Math.exp(rng.uniform(Math.log(d.low), Math.log(d.high))) : rng.uniform(d.low, d.high);
      return toInternal(d, x);
    },
  };
}

class Boom extends Error {}

async function objective(trial: Trial): Promise<number> {
  const lr = trial.suggestFloat("lr", 1e-4, 1, { log: true });
  const opt = trial.suggestCategorical("opt", ["adam", "sgd"]);
  const loss = (Math.log10(lr) + 2) ** 2 + (opt === "sgd" ? 1 : 0);
  for (let step = 0; step < 4; step++) trial.report(loss + (4 - step), step);
  if (trial.number % 5 === 4) throw new Boom("diverged");
  if (trial.number % 4 === 3) throw new TrialPruned();
  return loss;
}

describe("plots and report of a live Study", () => {
  it("draw its completed, pruned and failed trials", async () => {
    const study = await createStudy({ studyName: "<live>", sampler: seededRandomSampler(7) });
    await study.optimize(objective, { nTrials: 20, catch: [Boom] });
    const byState = (s: string) => study.trials.filter((t) => t.state === s).length;
    // Trials 4, 9, 14, 19 fail; 3, 7, 11, 15 are pruned (not failing first); 12 complete.
    expect([byState("COMPLETE"), byState("PRUNED"), byState("FAIL")]).toEqual([12, 4, 4]);
    expect(countMarks(await renderSvg(optimizationHistory(study)), "symbol")).toBe(12);
    // 20 curves of 4 reports each: 3 segments each.
    expect(countMarks(await renderSvg(intermediateValues(study)), "rule")).toBe(3 * 20);
    expect(countMarks(await renderSvg(timelinePlot(study)), "rect")).toBe(20);
    const html = await studyReportHtml(study, { mode: "static" });
    expect(html).toContain("&lt;live&gt;");
    expect(html.match(/<tr data-trial=/g)!.length).toBe(21);
    expect(html).toContain('data-plot="contour"');
  });
});
