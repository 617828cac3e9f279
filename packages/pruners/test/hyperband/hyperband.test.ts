import { prunerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { crc32, HyperbandPruner } from "../../src/hyperband/index.js";
import { replay } from "../helpers/replay.js";

prunerContract("HyperbandPruner", () => new HyperbandPruner());
prunerContract(
  "HyperbandPruner (minResource 2, maxResource 50, reductionFactor 3)",
  () => new HyperbandPruner({ minResource: 2, maxResource: 50, reductionFactor: 3 }),
);

describe("crc32", () => {
  it("matches the standard check values", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
    expect(crc32("")).toBe(0);
    // binascii.crc32(b"no-name_42") in Python
    expect(crc32("no-name_42")).toBe(2892755255);
  });
});

describe("HyperbandPruner", () => {
  it("validates its options", () => {
    expect(() => new HyperbandPruner({ minResource: 0 })).toThrow(
      /HyperbandPruner: minResource must be an integer >= 1, got 0/,
    );
    expect(() => new HyperbandPruner({ minResource: 4, maxResource: 3 })).toThrow(
      /maxResource must be an integer >= 4, got 3/,
    );
    expect(() => new HyperbandPruner({ reductionFactor: 1 })).toThrow(/reductionFactor/);
    expect(() => new HyperbandPruner({ bootstrapCount: -1 })).toThrow(/bootstrapCount/);
  });

  it("closed form: s_max + 1 brackets with budgets ⌈(s_max+1)·η^s/(s+1)⌉", () => {
    // R/r = 27, η = 3 → s_max = 3, 4 brackets.
    const p = new HyperbandPruner({ minResource: 1, maxResource: 27, reductionFactor: 3 });
    expect(p.nBrackets).toBe(4);
    // budgets for s = 3, 2, 1, 0: ⌈4·27/4⌉=27, ⌈4·9/3⌉=12, ⌈4·3/2⌉=6, ⌈4/1⌉=4 → total 49
    const counts = [0, 0, 0, 0];
    for (let t = 0; t < 4900; t++) counts[p.bracketId("s", t)]!++;
    const shares = counts.map((c) => c / 4900);
    [27, 12, 6, 4].forEach((b, i) => {
      expect(Math.abs(shares[i]! - b / 49)).toBeLessThan(0.03);
    });
    expect(new HyperbandPruner({ minResource: 1, maxResource: 1 }).nBrackets).toBe(1);
  });

  it("does not prune before maxResource can be estimated ('auto')", async () => {
    const p = new HyperbandPruner({ minResource: 1, reductionFactor: 2 });
    const { records } = await replay(
      p,
      [
        [9, 9, 9, 9],
        [10, 10, 10, 10],
      ],
      "minimize",
    );
    expect(records[0]!.pruned).toBe(false);
    expect(p.maxResource).toBe(4);
    expect(p.nBrackets).toBe(3);
  });
});
