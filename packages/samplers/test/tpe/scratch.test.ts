/**
 * TpeSampler reuses arrays across TPE steps (its gather scratches, issue 18; the Parzen
 * estimators' arenas of `tpeStep`, shared by the module): nothing of one study or sampler may
 * leak into another. Interleaved trial by trial, two samplers, and one sampler serving two
 * studies, must give every study the trials it gets alone.
 */
import { createStudy, InMemoryStorage, type Study, type Trial } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { TpeSampler, type TpeSamplerOptions } from "../../src/tpe/tpe.js";

/** A mixed space (log, stepped, categorical) in which the two studies' objectives differ. */
function objective(shift: number): (t: Trial) => number {
  return (t) => {
    const x = t.suggestFloat("x", -5, 5);
    const y = t.suggestFloat("y", 1e-3, 10, { log: true });
    const z = t.suggestFloat("z", 0, 1, { step: 0.1 });
    const c = t.suggestCategorical("c", ["a", "b", "c"]);
    return (x - shift) ** 2 + Math.log(y) ** 2 + z + (c === "b" ? 0 : 1);
  };
}

/** Every trial's parameters and value, for comparison. */
function record(study: Study): unknown[] {
  return study.trials.map((t) => [t.number, t.state, t.params, t.values]);
}

/** `n` trials asked and told one at a time in each study, alternating between the studies. */
async function interleave(
  studies: readonly Study[],
  objectives: readonly ((t: Trial) => number)[],
  n: number,
) {
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < studies.length; s++) {
      const trial = await studies[s]!.ask();
      await studies[s]!.tell(trial, objectives[s]!(trial));
    }
  }
}

async function alone(options: TpeSamplerOptions, f: (t: Trial) => number, n: number): Promise<unknown[]> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(options) });
  await interleave([study], [f], n);
  return record(study);
}

// 160 trials: the above sets pass 64 (read with their sorting orders) and the estimators
// grow from call to call, so the reused buffers are grown and hold older, longer contents.
const N = 160;

describe("TpeSampler's reused arrays", () => {
  for (const multivariate of [true, false]) {
    it(`two samplers interleaved give each study its trials alone (multivariate: ${multivariate})`, async () => {
      const a = { seed: 11, multivariate };
      const b = { seed: 12, multivariate, nStartupTrials: 30 };
      const fa = objective(1);
      const fb = objective(-2);
      const studies = [
        await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(a) }),
        await createStudy({ storage: new InMemoryStorage(), sampler: new TpeSampler(b) }),
      ];
      await interleave(studies, [fa, fb], N);
      expect(record(studies[0]!)).toEqual(await alone(a, fa, N));
      expect(record(studies[1]!)).toEqual(await alone(b, fb, N));
    });
  }

  it("one sampler serving two studies, interleaved, gives each study its trials alone", async () => {
    const options = { seed: 5 };
    const sampler = new TpeSampler(options);
    const fa = objective(1);
    const fb = objective(-3);
    const studies = [
      await createStudy({ storage: new InMemoryStorage(), sampler }),
      await createStudy({ storage: new InMemoryStorage(), sampler }),
    ];
    // Different lengths of history: the second study starts 40 trials later.
    await interleave([studies[0]!], [fa], 40);
    await interleave(studies, [fa, fb], N - 40);
    await interleave([studies[1]!], [fb], 40);
    expect(record(studies[0]!)).toEqual(await alone(options, fa, N));
    expect(record(studies[1]!)).toEqual(await alone(options, fb, N));
  });
});
