import { StratifiedPruner } from "@tunelab/pruners/stratified";
import type { FrozenTrial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { prunerEntry } from "../../src/suites/pruners.js";
import { epochsStratum } from "../../src/suites/stratified-pruner.js";

// StratifiedPruner itself is tested in packages/pruners/test/stratified/.
describe("the benchmark's same-epochs pruners", () => {
  it("keys the LLM surrogate's trials by their epochs", () => {
    const t = { params: { epochs: 3 } } as unknown as FrozenTrial;
    expect(epochsStratum(t)).toBe("3");
    expect(epochsStratum({ params: {} } as unknown as FrozenTrial)).toBe("?");
  });

  it("are the package's StratifiedPruner keyed by epochs", () => {
    for (const name of [
      "asha-same-epochs",
      "sha-same-epochs",
      "hyperband-same-epochs",
      "hyperband-auto-same-epochs",
      "median-same-epochs",
    ]) {
      const p = prunerEntry(name).create();
      expect(p).toBeInstanceOf(StratifiedPruner);
      expect((p as StratifiedPruner).stratum).toBe(epochsStratum);
    }
  });
});
