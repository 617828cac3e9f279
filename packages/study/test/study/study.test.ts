import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
} from "../../src/distributions/distribution.js";
import {
  DuplicatedStudyError,
  SearchSpaceExhaustedError,
  StudyNotFoundError,
  TrialPruned,
  UpdateFinishedTrialError,
} from "../../src/errors/index.js";
import { type LogLevel, setLogHandler } from "../../src/logging/index.js";
import type { Pruner } from "../../src/pruner/index.js";
import type { Sampler, SearchSpace, StudyView } from "../../src/sampler/sampler.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy, deleteStudy, getAllStudies, loadStudy } from "../../src/study/create.js";
import { FixedTrial } from "../../src/trial/fixed.js";
import { createFrozenTrial, FAIL_REASON_KEY, type FrozenTrial } from "../../src/trial/frozen.js";
import { intermediateVectors } from "../../src/trial/intermediate-vectors.js";
import { PriorSampler } from "./helpers.js";

let logs: { level: LogLevel; message: string }[] = [];
beforeEach(() => {
  logs = [];
  setLogHandler((level, message) => logs.push({ level, message }));
});
afterEach(() => setLogHandler(null));

const newStudy = (opts: Partial<Parameters<typeof createStudy>[0]> = {}) =>
  createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(1), ...opts });

describe("createStudy / loadStudy / deleteStudy / getAllStudies", () => {
  it("creates, loads with trials, lists and deletes studies", async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({
      storage,
      sampler: new PriorSampler(),
      studyName: "s1",
      direction: "maximize",
    });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 5 });
    const loaded = await loadStudy({ storage, studyName: "s1", sampler: new PriorSampler() });
    expect(loaded.directions).toEqual(["maximize"]);
    expect(loaded.trials.length).toBe(5);
    expect(loaded.bestValue).toBe(study.bestValue);
    expect((await getAllStudies({ storage })).map((s) => s.studyName)).toEqual(["s1"]);
    await deleteStudy({ storage, studyName: "s1" });
    await expect(loadStudy({ storage, studyName: "s1", sampler: new PriorSampler() })).rejects.toBeInstanceOf(
      StudyNotFoundError,
    );
  });

  it("fails on a duplicate name unless loadIfExists", async () => {
    const storage = new InMemoryStorage();
    await createStudy({ storage, sampler: new PriorSampler(), studyName: "dup" });
    await expect(
      createStudy({ storage, sampler: new PriorSampler(), studyName: "dup" }),
    ).rejects.toBeInstanceOf(DuplicatedStudyError);
    const again = await createStudy({
      storage,
      sampler: new PriorSampler(),
      studyName: "dup",
      loadIfExists: true,
    });
    expect(again.studyName).toBe("dup");
  });

  it("validates directions and options", async () => {
    await expect(newStudy({ directions: [] })).rejects.toThrow(/directions must be a non-empty array/);
    await expect(newStudy({ direction: "up" as never })).rejects.toThrow(
      /directions\[0\] must be "minimize" or "maximize"/,
    );
    await expect(newStudy({ direction: "minimize", directions: ["minimize"] })).rejects.toThrow(
      /either direction or directions/,
    );
    await expect(createStudy({ storage: new InMemoryStorage() } as never)).rejects.toThrow(
      /sampler is required/,
    );
    await expect(newStudy({ storage: "sqlite:x.db" })).rejects.toThrow(
      /storage: this package opens "memory" and Storage objects, not "sqlite:x.db"/,
    );
  });

  it('shares one process-wide in-memory storage for the URL "memory"', async () => {
    const name = `mem-${Math.random().toString(36).slice(2)}`;
    await createStudy({ storage: "memory", sampler: new PriorSampler(), studyName: name });
    const loaded = await loadStudy({ storage: "memory", studyName: name, sampler: new PriorSampler() });
    expect(loaded.studyName).toBe(name);
  });
});

describe("Study.optimize", () => {
  it("runs nTrials trials and records params and values", async () => {
    const study = await newStudy();
    await study.optimize((t) => (t.suggestFloat("x", -1, 1) - 0.2) ** 2, { nTrials: 20 });
    expect(study.trials.length).toBe(20);
    expect(study.trials.every((t) => t.state === "COMPLETE" && t.values!.length === 1)).toBe(true);
    expect(study.bestValue).toBe(Math.min(...study.trials.map((t) => t.value!)));
    expect(study.bestParams).toEqual(study.bestTrial.params);
  });

  it("maximizes when asked", async () => {
    const study = await newStudy({ direction: "maximize" });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 10 });
    expect(study.bestValue).toBe(Math.max(...study.trials.map((t) => t.value!)));
  });

  it("accepts sync and async objectives and runs concurrently", async () => {
    const study = await newStudy();
    let running = 0;
    let peak = 0;
    await study.optimize(
      async (t) => {
        running++;
        peak = Math.max(peak, running);
        const x = t.suggestFloat("x", 0, 1);
        await new Promise((r) => setTimeout(r, 2));
        running--;
        return x;
      },
      { nTrials: 24, concurrency: 6 },
    );
    expect(peak).toBe(6);
    expect(study.trials.length).toBe(24);
  });

  it("fails the trial, stores the reason and rethrows an objective's error", async () => {
    const study = await newStudy();
    const err = new TypeError("boom");
    await expect(
      study.optimize(
        (t) => {
          t.suggestFloat("x", 0, 1);
          if (t.number === 2) throw err;
          return 1;
        },
        { nTrials: 10 },
      ),
    ).rejects.toBe(err);
    expect(study.trials.length).toBe(3);
    const failed = study.trials[2]!;
    expect(failed.state).toBe("FAIL");
    expect(failed.systemAttrs[FAIL_REASON_KEY]).toBe("TypeError: boom");
    expect(failed.params.x).toBeTypeOf("number");
    expect(study.trials.slice(0, 2).every((t) => t.state === "COMPLETE")).toBe(true);
  });

  it("continues past errors listed in catch", async () => {
    class Flaky extends Error {}
    const study = await newStudy();
    await study.optimize(
      (t) => {
        if (t.number % 3 === 0) throw new Flaky("flaky");
        return 0;
      },
      { nTrials: 9, catch: [Flaky] },
    );
    expect(study.getTrials({ states: ["FAIL"] }).length).toBe(3);
    expect(study.getTrials({ states: ["COMPLETE"] }).length).toBe(6);
    // One warning per failed trial (it used to be two), naming the trial, params and error.
    const warnings = logs.filter((l) => l.level === "warn");
    expect(warnings.map((l) => l.message)).toEqual(
      [0, 3, 6].map((n) =>
        expect.stringMatching(
          new RegExp(
            `^Trial ${n} failed with parameters: \\{\\} because of the following error: Error: flaky$`,
          ),
        ),
      ),
    );
  });

  it("fails trials returning NaN, a non-number or the wrong number of values, with a warning, and keeps going", async () => {
    const study = await newStudy();
    const outputs: unknown[] = [Number.NaN, "3", [1, 2], undefined, 4];
    await study.optimize((t) => outputs[t.number] as number, { nTrials: 5 });
    const states = study.trials.map((t) => t.state);
    expect(states).toEqual(["FAIL", "FAIL", "FAIL", "FAIL", "COMPLETE"]);
    expect(study.trials[0]!.systemAttrs[FAIL_REASON_KEY]).toMatch(/returned NaN/);
    expect(study.trials[2]!.systemAttrs[FAIL_REASON_KEY]).toMatch(
      /returned 2 value\(s\) but the study has 1 direction/,
    );
    expect(logs.filter((l) => l.level === "warn").length).toBe(4);
  });

  it("marks TrialPruned as PRUNED", async () => {
    const study = await newStudy();
    await study.optimize(
      async (t) => {
        await t.report(5, 0);
        throw new TrialPruned();
      },
      { nTrials: 2 },
    );
    expect(study.trials.map((t) => t.state)).toEqual(["PRUNED", "PRUNED"]);
    expect(study.trials[0]!.intermediateValues.get(0)).toBe(5);
    expect(study.trials[0]!.values).toEqual([5]); // the last report, as Optuna stores it
  });

  it("stops on timeout, on stop() from a callback, and on an aborted signal", async () => {
    const s1 = await newStudy();
    await s1.optimize(
      async () => {
        await new Promise((r) => setTimeout(r, 5));
        return 0;
      },
      { timeout: 0.05 },
    );
    expect(s1.trials.length).toBeGreaterThan(0);
    expect(s1.trials.length).toBeLessThan(50);

    const s2 = await newStudy();
    await s2.optimize(() => 0, {
      callbacks: [(study, trial) => (trial.number === 3 ? study.stop() : undefined)],
    });
    expect(s2.trials.length).toBe(4);

    const s3 = await newStudy();
    const controller = new AbortController();
    await s3.optimize(
      (t) => {
        if (t.number === 5) controller.abort();
        return 0;
      },
      { signal: controller.signal },
    );
    expect(s3.trials.length).toBe(6);
  });

  it("rejects invalid options", async () => {
    const study = await newStudy();
    await expect(study.optimize(() => 0, { nTrials: -1 })).rejects.toThrow(/nTrials must be an integer >= 0/);
    await expect(study.optimize(() => 0, { nTrials: 1, concurrency: 0 })).rejects.toThrow(
      /concurrency must be an integer >= 1/,
    );
    await expect(study.optimize(() => 0, { timeout: -1 })).rejects.toThrow(/timeout/);
    await expect(study.optimize(42 as never, { nTrials: 1 })).rejects.toThrow(/objective must be a function/);
  });
});

describe("Trial.suggest*", () => {
  it("returns the same value when a parameter is asked twice with the same distribution", async () => {
    const study = await newStudy();
    await study.optimize(
      (t) => {
        const a = t.suggestFloat("x", 0, 1);
        expect(t.suggestFloat("x", 0, 1)).toBe(a);
        return a;
      },
      { nTrials: 3 },
    );
  });

  it("rejects the same name with another distribution, in a trial and across the study", async () => {
    const study = await newStudy();
    const trial = await study.ask();
    trial.suggestFloat("x", 0, 1);
    expect(() => trial.suggestFloat("x", 0, 2)).toThrow(
      /"x" was already suggested in trial 0 as float\[0, 1\]/,
    );
    expect(() => trial.suggestInt("x", 0, 1)).toThrow(/already suggested/);
    trial.suggestCategorical("c", ["a", "b"]);
    await study.tell(trial, 1);
    const t2 = await study.ask();
    expect(() => t2.suggestInt("x", 0, 5)).toThrow(
      /"x" cannot change within a study: it was a float parameter/,
    );
    expect(() => t2.suggestCategorical("c", ["a", "z"])).toThrow(/choices/);
    expect(t2.suggestFloat("x", 0, 5)).toBeLessThanOrEqual(5); // other bounds are fine
  });

  it("validates bounds with the parameter named", async () => {
    const study = await newStudy();
    const t = await study.ask();
    expect(() => t.suggestFloat("lr", 0, 1, { log: true })).toThrow(
      /suggestFloat\("lr"\): low must be > 0 when log is true/,
    );
    expect(() => t.suggestInt("n", 5, 1)).toThrow(/suggestInt\("n"\): low must be <= high/);
    expect(() => t.suggestCategorical("c", [])).toThrow(
      /suggestCategorical\("c"\): choices must be a non-empty array/,
    );
    expect(() => t.suggestFloat("", 0, 1)).toThrow(/name must be a non-empty string/);
  });

  it("does not call the sampler for single-value distributions", async () => {
    const sampler = new PriorSampler();
    const study = await createStudy({ storage: new InMemoryStorage(), sampler });
    const t = await study.ask();
    expect(t.suggestFloat("fixed", 2, 2)).toBe(2);
    expect(t.suggestCategorical("one", ["only"])).toBe("only");
    expect(sampler.calls).toEqual([]);
  });

  it("rejects a sampler value outside the distribution", async () => {
    const bad: Sampler = {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent: () => 7,
    };
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: bad });
    const t = await study.ask();
    expect(() => t.suggestFloat("x", 0, 1)).toThrow(/returned 7 for "x", outside float\[0, 1\]/);
  });

  it("uses relative samples for the relative search space and independent ones elsewhere", async () => {
    const calls: string[] = [];
    const sampler: Sampler = {
      inferRelativeSearchSpace: (_s: StudyView, _t: FrozenTrial): SearchSpace => ({
        x: floatDistribution(0, 1),
      }),
      sampleRelative: () => {
        calls.push("relative");
        return { x: 0.25 };
      },
      sampleIndependent: (_s, _t, name) => {
        calls.push(name);
        return 3;
      },
    };
    const study = await createStudy({ storage: new InMemoryStorage(), sampler });
    const t = await study.ask();
    expect(t.suggestFloat("x", 0, 1)).toBe(0.25);
    expect(t.suggestInt("y", 0, 5)).toBe(3);
    // x with other bounds is not the relative distribution: sampled independently.
    const t2 = await study.ask();
    expect(t2.suggestFloat("x", 0, 10)).toBe(3);
    expect(calls).toEqual(["relative", "y", "relative", "x"]);
  });
});

describe("ask / tell", () => {
  it("completes, prunes and fails trials; rejects a second tell", async () => {
    const study = await newStudy();
    const a = await study.ask();
    a.suggestFloat("x", 0, 1);
    const frozen = await study.tell(a, 0.5);
    expect(frozen.state).toBe("COMPLETE");
    expect(frozen.value).toBe(0.5);
    await expect(study.tell(a, 0.1)).rejects.toThrow(/already finished/);
    expect((await study.tell(a, { values: 0.1, skipIfFinished: true })).value).toBe(0.5);
    const b = await study.ask();
    expect((await study.tell(b, { state: "PRUNED" })).state).toBe("PRUNED");
    const c = await study.ask();
    expect((await study.tell(c.number, { state: "FAIL" })).state).toBe("FAIL");
  });

  it("fails the trial and throws on NaN or a wrong values count, losing nothing", async () => {
    const study = await newStudy();
    const a = await study.ask();
    a.suggestFloat("x", 0, 1);
    await expect(study.tell(a, Number.NaN)).rejects.toThrow(/trial 0 failed: the objective returned NaN/);
    expect(study.trials[0]!.state).toBe("FAIL");
    expect(study.trials[0]!.params.x).toBeTypeOf("number");
    const b = await study.ask();
    await expect(study.tell(b, [1, 2])).rejects.toThrow(
      /returned 2 value\(s\) but the study has 1 direction/,
    );
    await expect(study.tell(99, 1)).rejects.toThrow(/has no trial number 99/);
    await expect(study.tell(a, 1)).rejects.toBeInstanceOf(UpdateFinishedTrialError);
    const c = await study.ask();
    await expect(study.tell(c, { state: "WAITING" })).rejects.toThrow(
      /state must be "COMPLETE", "PRUNED" or "FAIL", got "WAITING"/,
    );
    await expect(study.tell(c, { state: "RUNNING" })).rejects.toThrow(/state must be/);
    expect(study.trials[c.number]!.state).toBe("RUNNING");
  });

  it("tells a trial started by another study object on the same storage (by number)", async () => {
    const storage = new InMemoryStorage();
    const s1 = await createStudy({ storage, sampler: new PriorSampler(), studyName: "shared" });
    const s2 = await loadStudy({ storage, sampler: new PriorSampler(), studyName: "shared" });
    const t = await s1.ask();
    t.suggestFloat("x", 0, 1);
    await t.flush();
    const done = await s2.tell(t.number, 3);
    expect(done.state).toBe("COMPLETE");
    await expect(s1.tell(t, 4)).rejects.toBeInstanceOf(UpdateFinishedTrialError);
  });

  it("ask(fixedDistributions) suggests those parameters at once", async () => {
    const study = await newStudy();
    const t = await study.ask({ x: floatDistribution(0, 1), k: categoricalDistribution(["a", "b"]) });
    expect(Object.keys(t.params).sort()).toEqual(["k", "x"]);
  });
});

describe("enqueueTrial / addTrial", () => {
  it("runs enqueued parameters first, sampling the rest", async () => {
    const study = await newStudy();
    await study.enqueueTrial({ x: 0.125, k: "b" }, { userAttrs: { from: "queue" } });
    await study.enqueueTrial({ x: 5 }); // outside [0, 1]: ignored with a warning
    await study.optimize(
      (t) => {
        const x = t.suggestFloat("x", 0, 1);
        t.suggestCategorical("k", ["a", "b"]);
        t.suggestInt("n", 0, 3);
        return x;
      },
      { nTrials: 3 },
    );
    const [t0, t1] = study.trials;
    expect(t0!.params.x).toBe(0.125);
    expect(t0!.params.k).toBe("b");
    expect(t0!.userAttrs.from).toBe("queue");
    expect(t1!.params.x).not.toBe(5);
    expect(logs.some((l) => /enqueued value for "x" ignored/.test(l.message))).toBe(true);
    expect(study.trials.length).toBe(3);
  });

  it("skipIfExists does not enqueue the same params twice", async () => {
    const study = await newStudy();
    await study.enqueueTrial({ x: 1 }, { skipIfExists: true });
    await study.enqueueTrial({ x: 1 }, { skipIfExists: true });
    expect(study.getTrials({ states: ["WAITING"] }).length).toBe(1);
  });

  it("adds finished trials that count for bestTrial", async () => {
    const study = await newStudy();
    await study.addTrial(
      createFrozenTrial({
        state: "COMPLETE",
        value: -10,
        params: { x: 0.5 },
        distributions: { x: floatDistribution(0, 1) },
      }),
    );
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3 });
    expect(study.bestValue).toBe(-10);
    expect(study.bestTrial.number).toBe(0);
    await expect(study.addTrial(createFrozenTrial({ state: "COMPLETE", values: [1, 2] }))).rejects.toThrow(
      /one entry per direction \(1\), got 2/,
    );
    await expect(
      study.addTrial(
        createFrozenTrial({
          state: "COMPLETE",
          value: 1,
          params: { x: 1 },
          distributions: { x: intDistribution(0, 2) },
        }),
      ),
    ).rejects.toThrow(/"x" is float in this study/);
  });
});

describe("best trials and constraints", () => {
  it("bestTrial prefers feasible trials when constraints were set", async () => {
    const study = await newStudy();
    const values = [1, 0, 2];
    await study.optimize(
      (t) => {
        t.setConstraint("c", t.number === 1 ? 1 : -1);
        return values[t.number]!;
      },
      { nTrials: 3 },
    );
    expect(study.bestTrial.number).toBe(0);
  });

  it("bestTrial throws for multi-objective studies and without complete trials", async () => {
    const multi = await newStudy({ directions: ["minimize", "maximize"] });
    expect(() => multi.bestTrial).toThrow(/multi-objective study; use bestTrials/);
    const empty = await newStudy();
    expect(() => empty.bestValue).toThrow(/no trial is complete/);
  });

  it("bestTrials is the Pareto front under the directions", async () => {
    const study = await newStudy({ directions: ["minimize", "maximize"] });
    const points = [
      [1, 1],
      [2, 3],
      [3, 2], // dominated by [2, 3]
      [0, 0],
      [2, 3], // tie with trial 1: both kept
    ];
    await study.optimize((t) => points[t.number]!, { nTrials: points.length });
    expect(study.bestTrials.map((t) => t.number)).toEqual([0, 1, 3, 4]);
  });

  it("report takes one number per objective in multi-objective studies; shouldPrune asks the pruner", async () => {
    const seen: (number[] | undefined)[] = [];
    const pruner: Pruner = {
      prune: (_study, trial) => {
        seen.push(intermediateVectors(trial).get(0));
        return true;
      },
    };
    const study = await newStudy({ directions: ["minimize", "maximize"], pruner });
    const t = await study.ask();
    expect(() => t.report(1, 0)).toThrow(
      "report: value must be an array of 2 numbers (one per objective) in a multi-objective study, got 1",
    );
    expect(() => t.report([1], 0)).toThrow("report: value must hold 2 numbers (one per objective), got 1");
    expect(() => t.report([1, "2" as unknown as number], 0)).toThrow(/value\[1\] must be a number/);
    expect(() => t.report([1, 2], -1)).toThrow(/step must be an integer >= 0/);
    await t.report([0.5, Number.NaN], 0);
    await t.report([9, 9], 0); // a step reported twice keeps its first values
    await t.report([0.25, Number.POSITIVE_INFINITY], 3);
    expect(t.shouldPrune()).toBe(true);
    expect(seen[0]).toEqual([0.5, Number.NaN]);
    await study.tell(t, { state: "PRUNED" });
    const frozen = study.trials[0]!;
    expect(frozen.intermediateValues.size).toBe(0);
    expect([...intermediateVectors(frozen)]).toEqual([
      [0, [0.5, Number.NaN]],
      [3, [0.25, Number.POSITIVE_INFINITY]],
    ]);
    expect(frozen.systemAttrs["intermediate_vector:3"]).toEqual([0.25, "Infinity"]);
    // with the default pruner (NopPruner) the answer is false
    const plain = await newStudy({ directions: ["minimize", "minimize"] });
    const u = await plain.ask();
    await u.report([1, 2], 0);
    expect(u.shouldPrune()).toBe(false);
  });

  it("intermediateVectors reads one objective's values as vectors of one entry", async () => {
    const study = await newStudy({});
    const t = await study.ask();
    await t.report(2, 5);
    await t.report(1, 1);
    expect(() => t.report([1], 2)).toThrow(/report: value must be a number/);
    await study.tell(t, 1);
    expect([...intermediateVectors(study.trials[0]!)]).toEqual([
      [1, [1]],
      [5, [2]],
    ]);
  });

  it("FixedTrial records a reported vector as the study's trial does", async () => {
    const t = new FixedTrial({});
    await t.report([1, Number.NEGATIVE_INFINITY], 2);
    await t.report([5, 5], 2);
    expect(t.systemAttrs["intermediate_vector:2"]).toEqual([1, "-Infinity"]);
    expect(() => t.report([], 0)).toThrow(/one or more numbers/);
  });
});

describe("report / shouldPrune", () => {
  it("passes reported values and other trials to the pruner", async () => {
    const seen: number[] = [];
    const pruner: Pruner = {
      prune: (study, trial) => {
        seen.push(study.getTrials({ states: ["COMPLETE"] }).length);
        return (trial.intermediateValues.get(1) ?? 0) > 15;
      },
    };
    const study = await newStudy({ pruner });
    await study.optimize(
      async (t) => {
        for (let step = 0; step < 3; step++) {
          await t.report(t.number * 10 + step, step);
          if (t.shouldPrune()) throw new TrialPruned();
        }
        return t.number;
      },
      { nTrials: 4 },
    );
    expect(study.trials.map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "PRUNED", "PRUNED"]);
    // The pruner sees the trials completed before each call.
    expect(seen).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
  });

  it("keeps the first value of a step reported twice, with a warning", async () => {
    const study = await newStudy();
    const t = await study.ask();
    await t.report(1, 0);
    await t.report(2, 0);
    expect(t.intermediateValues.get(0)).toBe(1);
    expect(logs.some((l) => /step 0 was already reported/.test(l.message))).toBe(true);
    expect(() => t.report(1, -1)).toThrow(/step must be an integer >= 0/);
    expect(() => t.report("1" as never, 1)).toThrow(/value must be a number/);
  });
});

describe("attributes", () => {
  it("stores trial and study attributes", async () => {
    const study = await newStudy();
    await study.setUserAttr("dataset", "mnist");
    await study.optimize(
      (t) => {
        t.setUserAttr("note", { epochs: [1, 2] });
        return 0;
      },
      { nTrials: 1 },
    );
    expect(study.userAttrs.dataset).toBe("mnist");
    expect(study.trials[0]!.userAttrs.note).toEqual({ epochs: [1, 2] });
    const stored = await study.storage.getTrial(study.trials[0]!.trialId);
    expect(stored.userAttrs.note).toEqual({ epochs: [1, 2] });
  });
});

describe("samplers that run out", () => {
  it("stops optimize and makes ask throw when the sampler is exhausted", async () => {
    let left = 3;
    const sampler: Sampler = {
      inferRelativeSearchSpace: () => ({}),
      sampleRelative: () => ({}),
      sampleIndependent: () => 0,
      beforeTrial: () => {
        left--;
      },
      isExhausted: () => left <= 0,
    };
    const study = await createStudy({ storage: new InMemoryStorage(), sampler });
    await study.optimize(() => 0, { nTrials: 10, concurrency: 4 });
    expect(study.trials.length).toBe(3);
    await expect(study.ask()).rejects.toBeInstanceOf(SearchSpaceExhaustedError);
  });
});
