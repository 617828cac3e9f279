import { HyperbandPruner } from "@tunelab/pruners/hyperband";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import { describe, expect, it } from "vitest";
import { prunerEntry } from "../../src/suites/pruners.js";
import { RungGracePruner } from "../../src/suites/rung-grace.js";
import { suiteByName } from "../../src/suites/suites.js";

describe("the pruners-options suite (issue 14's third attempt)", () => {
  it("runs both problems and resolves every pruner it names", () => {
    const suite = suiteByName("pruners-options");
    expect(suite.functions).toEqual(["llm-finetune-loss-0.5B", "llm-finetune-loss-0.5B-progress"]);
    expect(suite.pruners?.[0]).toBe("none");
    for (const name of suite.pruners ?? []) expect(typeof prunerEntry(name).create().prune).toBe("function");
  });

  it("sets the new candidates as their descriptions say", () => {
    const sha = (name: string): SuccessiveHalvingPruner => {
      const p = prunerEntry(name).create();
      expect(p).toBeInstanceOf(SuccessiveHalvingPruner);
      return p as SuccessiveHalvingPruner;
    };
    expect([sha("asha-r5").minResource, sha("asha-r5").reductionFactor]).toEqual([5, 3]);
    expect([sha("asha-r10-e2").minResource, sha("asha-r10-e2").reductionFactor]).toEqual([10, 2]);
    const hb = (name: string): HyperbandPruner => {
      const p = prunerEntry(name).create();
      expect(p).toBeInstanceOf(HyperbandPruner);
      return p as HyperbandPruner;
    };
    const r5 = hb("hyperband-r5");
    expect([r5.minResource, r5.maxResource, r5.reductionFactor, r5.nBrackets]).toEqual([5, 50, 3, 3]);
    const r10 = hb("hyperband-r10-e2");
    expect([r10.minResource, r10.maxResource, r10.reductionFactor, r10.nBrackets]).toEqual([10, 50, 2, 3]);
    for (const name of ["sha-grace10", "asha-grace10", "asha-epoch-grace10"]) {
      expect(prunerEntry(name).create()).toBeInstanceOf(RungGracePruner);
    }
  });
});
