import { describe, expect, it } from "vitest";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy } from "../../src/study/create.js";
import { PriorSampler } from "./helpers.js";

const newStudy = () => createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(3) });

describe("suggestFloat / suggestInt with the study's known distribution", () => {
  it("reuse the study's distribution object when the same distribution is asked again", async () => {
    const study = await newStudy();
    await study.optimize(
      (t) =>
        t.suggestFloat("x", -5, 5) + t.suggestInt("n", 1, 8) + t.suggestFloat("lr", 1e-4, 1, { log: true }),
      { nTrials: 3 },
    );
    const [a, b, c] = study.trials;
    for (const name of ["x", "n", "lr"]) {
      expect(b!.distributions[name]).toBe(a!.distributions[name]);
      expect(c!.distributions[name]).toBe(a!.distributions[name]);
    }
    // A stepped float is built anew each time (its stored high is the adjusted one).
    const s2 = await newStudy();
    await s2.optimize((t) => t.suggestFloat("s", 0, 1.05, { step: 0.1 }), { nTrials: 2 });
    expect(s2.trials[1]!.distributions.s).not.toBe(s2.trials[0]!.distributions.s);
    expect(s2.trials[1]!.distributions.s).toEqual({ kind: "float", low: 0, high: 1, log: false, step: 0.1 });
  });

  it("still reject bad arguments and changed distributions after the first trial", async () => {
    const study = await newStudy();
    await study.optimize((t) => t.suggestFloat("x", -5, 5) + t.suggestInt("n", 1, 8), { nTrials: 1 });
    const t = await study.ask();
    expect(() => t.suggestFloat("x", Number.NaN, 5)).toThrow(
      /suggestFloat\("x"\): low must be a finite number, got NaN/,
    );
    expect(() => t.suggestFloat("x", -5, 5, null as never)).toThrow(TypeError);
    expect(() => t.suggestFloat("x", -5, 5, { log: true })).toThrow(RangeError);
    expect(() => t.suggestInt("n", 1, 8, { step: 0 })).toThrow(RangeError);
    expect(() => t.suggestInt("n", 1, 8, { log: true, step: 2 })).toThrow(RangeError);
    expect(t.suggestFloat("x", -5, 5)).toBeGreaterThanOrEqual(-5);
    expect(t.distributions.x).toEqual({ kind: "float", low: -5, high: 5, log: false, step: null });
    // Another range of the same kind is a new distribution, as before.
    const u = await study.ask();
    u.suggestFloat("x", -5, 6);
    expect(u.distributions.x).toEqual({ kind: "float", low: -5, high: 6, log: false, step: null });
  });
});
