import { describe, expect, it } from "vitest";
import { DuplicatedStudyError, StudyNotFoundError, TrialPruned } from "../../src/errors/index.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { copyStudy, createStudy, getAllStudies, loadStudy } from "../../src/study/create.js";
import { METRIC_NAMES_KEY } from "../../src/study/study.js";
import { FixedTrial } from "../../src/trial/fixed.js";
import type { Trial } from "../../src/trial/trial.js";
import { PriorSampler } from "./helpers.js";

const objective = (trial: Trial): number => {
  const x = trial.suggestFloat("x", -10, 10);
  const n = trial.suggestInt("n", 1, 5);
  const act = trial.suggestCategorical("act", ["relu", "tanh", null]);
  return (x - 2) ** 2 + n + (act === "relu" ? 0 : 1);
};

describe("FixedTrial", () => {
  it("runs a typed objective with given parameters", () => {
    expect(objective(new FixedTrial({ x: 2, n: 1, act: "relu" }))).toBe(1);
    expect(objective(new FixedTrial({ x: 0, n: 5, act: null }))).toBe(10);
    const t = new FixedTrial({ x: 2, n: 1, act: "relu" }, { number: 7 });
    objective(t);
    expect(t.number).toBe(7);
    expect(t.params).toEqual({ x: 2, n: 1, act: "relu" });
    expect(t.distributions.n).toEqual({ kind: "int", low: 1, high: 5, log: false, step: 1 });
  });

  it("refuses a missing parameter, a value outside its distribution, and a changed distribution", () => {
    expect(() => objective(new FixedTrial({ x: 2, n: 1 }))).toThrow(
      /FixedTrial: parameter "act" was not given \(given: "x", "n"\)/,
    );
    expect(() => objective(new FixedTrial({ x: 20, n: 1, act: "relu" }))).toThrow(
      /FixedTrial: parameter "x": value 20 is outside float\[-10, 10\]/,
    );
    expect(() => objective(new FixedTrial({ x: 2, n: 1.5, act: "relu" }))).toThrow(/parameter "n"/);
    expect(() => objective(new FixedTrial({ x: 2, n: 1, act: "gelu" }))).toThrow(
      /"gelu" is not one of the choices/,
    );
    const t = new FixedTrial({ x: 1 });
    t.suggestFloat("x", 0, 2);
    expect(() => t.suggestFloat("x", 0, 3)).toThrow(/already suggested as float\[0, 2\]/);
    expect(() => new FixedTrial(null as never)).toThrow(/params must be an object/);
    expect(() => new FixedTrial({}, { number: -1 })).toThrow(/number must be an integer >= 0/);
  });

  it("records reports and attributes, never prunes, and keeps prototype names as keys", async () => {
    const t = new FixedTrial(JSON.parse('{"__proto__": 1, "constructor": "a"}'));
    expect(t.suggestInt("__proto__", 0, 2)).toBe(1);
    expect(t.suggestCategorical("constructor", ["a", "b"])).toBe("a");
    expect(() => t.suggestFloat("toString", 0, 1)).toThrow(/was not given/);
    await t.report(0.5, 0);
    await t.report(0.7, 0);
    expect([...t.intermediateValues]).toEqual([[0, 0.5]]);
    expect(t.shouldPrune()).toBe(false);
    t.setUserAttr("u", [1]);
    t.setConstraint("c", -1);
    expect(t.userAttrs).toEqual({ u: [1] });
    expect(t.systemAttrs.constraints).toEqual({ c: -1 });
    expect(t.signal.aborted).toBe(false);
    expect(() => t.setConstraint("c", Number.NaN)).toThrow(/must be a number/);
    await expect(async () => t.report(1, -1)).rejects.toThrow(/step must be an integer >= 0/);
  });
});

describe("studies: copy, metric names, summaries, durations", () => {
  it("copyStudy copies directions, attributes and every trial into another storage", async () => {
    const from = new InMemoryStorage();
    const study = await createStudy({
      storage: from,
      sampler: new PriorSampler(4),
      studyName: "src",
      directions: ["minimize", "maximize"],
    });
    await study.setUserAttr("owner", "me");
    await study.setMetricNames(["loss", "acc"]);
    await study.optimize((t) => [t.suggestFloat("x", 0, 1), 1], { nTrials: 4 });
    const running = await study.ask();
    running.setUserAttr("left", true);
    await running.flush();
    await study.enqueueTrial({ x: 0.5 });
    const to = new InMemoryStorage();
    await copyStudy({ fromStudyName: "src", fromStorage: from, toStorage: to });
    const copy = await loadStudy({ storage: to, studyName: "src", sampler: new PriorSampler() });
    expect(copy.directions).toEqual(["minimize", "maximize"]);
    expect(copy.userAttrs).toEqual({ owner: "me" });
    expect(copy.metricNames).toEqual(["loss", "acc"]);
    expect(copy.trials.map((t) => [t.number, t.state, t.values, t.params, t.userAttrs])).toEqual(
      study.trials.map((t) => [t.number, t.state, t.values, t.params, t.userAttrs]),
    );
    await copyStudy({ fromStudyName: "src", fromStorage: from, toStorage: from, toStudyName: "again" });
    expect((await getAllStudies({ storage: from })).map((s) => s.studyName)).toEqual(["src", "again"]);
    await expect(
      copyStudy({ fromStudyName: "src", fromStorage: from, toStorage: to }),
    ).rejects.toBeInstanceOf(DuplicatedStudyError);
    await expect(
      copyStudy({ fromStudyName: "none", fromStorage: from, toStorage: to }),
    ).rejects.toBeInstanceOf(StudyNotFoundError);
  });

  it("setMetricNames stores one name per direction with the study", async () => {
    const storage = new InMemoryStorage();
    const study = await createStudy({ storage, sampler: new PriorSampler(), studyName: "m" });
    expect(study.metricNames).toBeNull();
    await expect(study.setMetricNames(["a", "b"])).rejects.toThrow(
      /names must be an array of 1 string\(s\), one per direction/,
    );
    await expect(study.setMetricNames([""])).rejects.toThrow(/names\[0\] must be a non-empty string/);
    await study.setMetricNames(["loss"]);
    expect(study.metricNames).toEqual(["loss"]);
    expect(
      (await loadStudy({ storage, studyName: "m", sampler: new PriorSampler() })).systemAttrs[
        METRIC_NAMES_KEY
      ],
    ).toEqual(["loss"]);
    const two = await createStudy({
      storage,
      sampler: new PriorSampler(),
      directions: ["minimize", "minimize"],
    });
    await expect(two.setMetricNames(["a", "a"])).rejects.toThrow(/must be distinct/);
  });

  it("study summaries carry the best trial of single-objective studies", async () => {
    const storage = new InMemoryStorage();
    const a = await createStudy({
      storage,
      sampler: new PriorSampler(1),
      studyName: "a",
      direction: "maximize",
    });
    await a.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 5 });
    await createStudy({ storage, sampler: new PriorSampler(1), studyName: "empty" });
    await createStudy({
      storage,
      sampler: new PriorSampler(1),
      studyName: "multi",
      directions: ["minimize", "minimize"],
    });
    const summaries = await getAllStudies({ storage });
    expect(summaries.map((s) => s.bestTrial?.number ?? null)).toEqual([a.bestTrial.number, null, null]);
    expect(summaries[0]!.bestTrial?.value).toBe(a.bestValue);
  });

  it("finished trials carry their duration in milliseconds", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler() });
    await study.optimize(
      async () => {
        await new Promise((r) => setTimeout(r, 15));
        return 1;
      },
      { nTrials: 1 },
    );
    const t = study.trials[0]!;
    expect(t.duration).toBe(t.datetimeComplete!.getTime() - t.datetimeStart!.getTime());
    expect(t.duration).toBeGreaterThanOrEqual(10);
    const running = await study.ask();
    expect(running.frozen.duration).toBeNull();
  });
});

describe("trials as Optuna stores them", () => {
  it("a PRUNED trial keeps its last intermediate value as its value (optimize and tell)", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler() });
    await study.optimize(
      async (t) => {
        await t.report(3, 0);
        await t.report(2, 5);
        await t.report(9, 1);
        throw new TrialPruned();
      },
      { nTrials: 1 },
    );
    expect(study.trials[0]!.state).toBe("PRUNED");
    expect(study.trials[0]!.values).toEqual([2]);
    const t = await study.ask();
    await t.report(0.5, 0);
    expect((await study.tell(t, { state: "PRUNED" })).value).toBe(0.5);
    const silent = await study.ask();
    expect((await study.tell(silent, { state: "PRUNED" })).values).toBeNull();
    expect(() => study.bestTrial).toThrow(/no trial is complete/);
  });

  it("categorical choices of mixed types, as studies written by Python Optuna have", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(9) });
    const seen = new Set<unknown>();
    await study.optimize(
      (t) => {
        seen.add(t.suggestCategorical("c", [null, true, 1, 1.5, "auto"]));
        return 0;
      },
      { nTrials: 60 },
    );
    expect(seen).toEqual(new Set([null, true, 1, 1.5, "auto"]));
    await study.enqueueTrial({ c: true });
    await study.optimize((t) => (t.suggestCategorical("c", [null, true, 1, 1.5, "auto"]) === true ? 1 : 0), {
      nTrials: 1,
    });
    expect(study.trials.at(-1)!.params.c).toBe(true);
  });
});
