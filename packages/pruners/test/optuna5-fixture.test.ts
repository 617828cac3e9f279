import { readFileSync } from "node:fs";
import type { Pruner, StudyDirection } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { MedianPruner } from "../src/median/index.js";
import { PatientPruner } from "../src/patient/index.js";
import { ThresholdPruner } from "../src/threshold/index.js";
import { WilcoxonPruner } from "../src/wilcoxon/index.js";
import { decodeValue, type EncodedValue, replayReports } from "./helpers/replay-reports.js";

interface Spec {
  kind: "threshold" | "patient" | "wilcoxon" | "median";
  options: Record<string, number>;
}

interface Case extends Spec {
  name: string;
  wrapped: Spec | null;
  direction: StudyDirection;
  stopOnPrune: boolean;
  onPrune: "pruned" | "mean";
  finalValue: "last" | "mean";
  trials: [number, EncodedValue][][];
  decisions: boolean[][];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/optuna5-pruners.json", import.meta.url), "utf8"),
) as { optuna: string; scipy: string; cases: Case[] };

function make(spec: Spec, wrapped: Spec | null): Pruner {
  const o = spec.options;
  switch (spec.kind) {
    case "threshold":
      return new ThresholdPruner(o);
    case "patient":
      return new PatientPruner(wrapped === null ? null : make(wrapped, null), {
        patience: o.patience!,
        ...(o.minDelta === undefined ? {} : { minDelta: o.minDelta }),
      });
    case "wilcoxon":
      return new WilcoxonPruner(o);
    case "median":
      return new MedianPruner(o);
  }
}

// Reference decisions: Optuna 5.0 with SciPy 1.17.1 (fixtures/optuna5-pruners.py), every
// should_prune() answer of every trial.
describe(`pruners agree with Optuna ${fixture.optuna} (SciPy ${fixture.scipy}) decision by decision`, () => {
  it("the fixture has cases for the three pruners", () => {
    const kinds = new Set(fixture.cases.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["patient", "threshold", "wilcoxon"]);
  });
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const trials = c.trials.map((t) => t.map(([s, v]) => [s, decodeValue(v)] as const));
      const decisions = await replayReports(make(c, c.wrapped), trials, c);
      expect(decisions).toEqual(c.decisions);
    });
  }
});
