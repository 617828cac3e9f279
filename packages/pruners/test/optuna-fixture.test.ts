import { readFileSync } from "node:fs";
import type { Pruner, StudyDirection } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { HyperbandPruner } from "../src/hyperband/index.js";
import { MedianPruner } from "../src/median/index.js";
import { PercentilePruner } from "../src/percentile/index.js";
import { SuccessiveHalvingPruner } from "../src/successive-halving/index.js";
import { type ReplayRecord, replay } from "./helpers/replay.js";

interface Case {
  name: string;
  kind: "median" | "percentile" | "successive-halving" | "hyperband";
  options: Record<string, number>;
  direction: StudyDirection;
  curves: (number | null)[][];
  result: ReplayRecord[];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/optuna-pruners.json", import.meta.url), "utf8"),
) as { studyName: string; cases: Case[] };

function make(c: Case): Pruner {
  const { percentile, ...rest } = c.options;
  switch (c.kind) {
    case "median":
      return new MedianPruner(rest);
    case "percentile":
      return new PercentilePruner(percentile!, rest);
    case "successive-halving":
      return new SuccessiveHalvingPruner(rest);
    case "hyperband":
      return new HyperbandPruner(rest);
  }
}

// Reference decisions: Optuna 3.1 (fixtures/optuna-pruners.py) on the same curves.
describe("pruners agree with Optuna 3.1 trial by trial", () => {
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const { records } = await replay(make(c), c.curves, c.direction, fixture.studyName);
      expect(records).toEqual(c.result);
    });
  }
});
