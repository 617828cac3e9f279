/**
 * TpeSampler's magicClipFrom (issue 20's ablation): the magic clip applies from a number of
 * finished trials on; before it the estimators are those of considerMagicClip: false.
 */
import { createStudy, InMemoryStorage } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { TpeSampler, type TpeSamplerOptions } from "../../src/tpe/tpe.js";

async function params(options: TpeSamplerOptions, nTrials: number) {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(options) });
  await study.optimize(
    (t) =>
      (t.suggestFloat("x", -5, 5) - 1) ** 2 + (t.suggestFloat("y", 0, 10) - 7) ** 2 + t.suggestInt("k", 1, 9),
    { nTrials },
  );
  return study.trials.map((t) => t.params);
}

describe("TpeSampler magicClipFrom", () => {
  it("rejects a count that is not an integer >= 0, naming the option", () => {
    expect(() => new TpeSampler({ magicClipFrom: -1 })).toThrow(
      /magicClipFrom must be an integer >= 0, got -1/,
    );
    expect(() => new TpeSampler({ magicClipFrom: 2.5 })).toThrow(/magicClipFrom/);
  });

  it("0 (the default) clips from the first TPE trial: the same trials as without the option", async () => {
    expect(await params({ seed: 3, magicClipFrom: 0 }, 30)).toEqual(await params({ seed: 3 }, 30));
  });

  it("before the count, the trials are those of considerMagicClip: false; the clip then changes them", async () => {
    const late = await params({ seed: 8, magicClipFrom: 20 }, 35);
    const never = await params({ seed: 8, considerMagicClip: false }, 35);
    const always = await params({ seed: 8 }, 35);
    expect(late.slice(0, 20)).toEqual(never.slice(0, 20));
    expect(late.slice(10, 20)).not.toEqual(always.slice(10, 20));
    expect(late.slice(20)).not.toEqual(never.slice(20));
  });
});
