import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock/manual.js";
import {
  type Distribution,
  floatDistribution,
  intDistribution,
} from "../../src/distributions/distribution.js";
import { UpdateFinishedTrialError } from "../../src/errors/index.js";
import { getKey } from "../../src/records/index.js";
import {
  applyTrialUpdate,
  createTrialRecord,
  noteParamDistributions,
  type StudyRuleContext,
  startWaitingTrial,
  withStudyAttr,
} from "../../src/storage/apply-update.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import type { TrialUpdate } from "../../src/storage/storage.js";
import { createFrozenTrial, type FrozenTrial } from "../../src/trial/frozen.js";
import type { JsonValue } from "../../src/trial/state.js";

const T = new Date(Date.UTC(2030, 0, 1));
const study = (paramDistributions = new Map<string, Distribution>()): StudyRuleContext => ({
  directions: ["minimize"],
  paramDistributions,
});

describe("createTrialRecord", () => {
  it("without a template: RUNNING, empty, started at the given time", () => {
    const t = createTrialRecord(undefined, { number: 3, trialId: 7 }, study(), T);
    expect(t).toMatchObject({ number: 3, trialId: 7, state: "RUNNING", values: null, datetimeStart: T });
    expect(t.datetimeComplete).toBeNull();
    expect(t.intermediateValues.size).toBe(0);
  });

  it("from a template: a deep copy with new ids; a WAITING template has no start time", () => {
    const template = createFrozenTrial({
      state: "COMPLETE",
      value: 2,
      params: { x: 0.5 },
      distributions: { x: floatDistribution(0, 1) },
      userAttrs: { nested: { a: [1, 2] } },
      intermediateValues: { 0: 3 },
      datetimeStart: new Date(1000),
      datetimeComplete: new Date(4000),
    });
    const t = createTrialRecord(template, { number: 0, trialId: 9 }, study(), T);
    expect(t).toMatchObject({ number: 0, trialId: 9, state: "COMPLETE", values: [2], params: { x: 0.5 } });
    expect(t.duration).toBe(3000);
    expect(t.userAttrs.nested).toEqual({ a: [1, 2] });
    expect(t.userAttrs.nested).not.toBe(template.userAttrs.nested);
    const waiting = createTrialRecord(
      createFrozenTrial({ state: "WAITING", datetimeStart: new Date(5) }),
      { number: 1, trialId: 10 },
      study(),
      T,
    );
    expect(waiting.datetimeStart).toBeNull();
  });

  it("refuses a template with the wrong number of values or a conflicting parameter", () => {
    const two = createFrozenTrial({ state: "COMPLETE", values: [1, 2] });
    expect(() => createTrialRecord(two, { number: 0, trialId: 0 }, study(), T)).toThrow(
      /createTrial: values must have one entry per direction \(1\), got 2/,
    );
    const x = createFrozenTrial({
      state: "COMPLETE",
      value: 1,
      params: { x: 1 },
      distributions: { x: intDistribution(0, 3) },
    });
    const known = new Map<string, Distribution>([["x", floatDistribution(0, 1)]]);
    expect(() => createTrialRecord(x, { number: 0, trialId: 0 }, study(known), T)).toThrow(
      /parameter "x" cannot change its distribution/,
    );
  });
});

describe("startWaitingTrial", () => {
  it("moves a WAITING trial to RUNNING at the given time; null for a trial already taken", () => {
    const waiting = createTrialRecord(
      createFrozenTrial({ state: "WAITING" }),
      { number: 0, trialId: 0 },
      study(),
      T,
    );
    const running = startWaitingTrial(waiting, study(), new Date(5000))!;
    expect(running.state).toBe("RUNNING");
    expect(running.datetimeStart).toEqual(new Date(5000));
    expect(waiting.state).toBe("WAITING");
    expect(startWaitingTrial(running, study(), T)).toBeNull();
  });
});

describe("applyTrialUpdate", () => {
  it("returns a new trial and leaves its arguments unchanged", () => {
    const t = createTrialRecord(undefined, { number: 0, trialId: 0 }, study(), T);
    const update: TrialUpdate = {
      params: { x: { value: 0.25, distribution: floatDistribution(0, 1) } },
      intermediateValues: [[0, 1.5]],
      userAttrs: { u: [1] },
    };
    const next = applyTrialUpdate(t, update, study(), T);
    expect(next).not.toBe(t);
    expect(next.params).toEqual({ x: 0.25 });
    expect(next.intermediateValues.get(0)).toBe(1.5);
    expect(t.params).toEqual({});
    expect(t.intermediateValues.size).toBe(0);
    const done = applyTrialUpdate(
      next,
      { state: "COMPLETE", values: [1] },
      study(),
      new Date(T.getTime() + 10),
    );
    expect(done.duration).toBe(10);
    expect(() => applyTrialUpdate(done, { userAttrs: { a: 1 } }, study(), T)).toThrow(
      UpdateFinishedTrialError,
    );
  });

  it("refuses a parameter whose distribution conflicts with the study's", () => {
    const t = createTrialRecord(undefined, { number: 0, trialId: 0 }, study(), T);
    const known = new Map<string, Distribution>([["x", floatDistribution(0, 1)]]);
    expect(() =>
      applyTrialUpdate(
        t,
        { params: { x: { value: 1, distribution: intDistribution(0, 3) } } },
        study(known),
        T,
      ),
    ).toThrow(/parameter "x" cannot change its distribution/);
  });
});

describe("noteParamDistributions / withStudyAttr", () => {
  it("noteParamDistributions returns the same map unless a name is new, and keeps the first distribution", () => {
    const known = new Map<string, Distribution>([["x", floatDistribution(0, 1)]]);
    const t = createTrialRecord(
      createFrozenTrial({
        state: "COMPLETE",
        value: 0,
        params: { x: 0.5 },
        distributions: { x: floatDistribution(0, 1) },
      }),
      { number: 0, trialId: 0 },
      study(),
      T,
    );
    expect(noteParamDistributions(known, t)).toBe(known);
    const u = createTrialRecord(
      createFrozenTrial({
        state: "COMPLETE",
        value: 0,
        params: { y: 2 },
        distributions: { y: intDistribution(0, 3) },
      }),
      { number: 1, trialId: 1 },
      study(),
      T,
    );
    const next = noteParamDistributions(known, u);
    expect(next).not.toBe(known);
    expect([...next.keys()]).toEqual(["x", "y"]);
    expect(known.size).toBe(1);
  });

  it("withStudyAttr copies the record and the value", () => {
    const attrs: Record<string, JsonValue> = { a: 1 };
    const value = { deep: [1, 2] };
    const next = withStudyAttr(attrs, "__proto__", value);
    expect(attrs).toEqual({ a: 1 });
    expect(Object.hasOwn(next, "__proto__")).toBe(true);
    expect(getKey(next, "__proto__")).toEqual(value);
    expect(getKey(next, "__proto__")).not.toBe(value);
  });
});

/**
 * The rules as a journal storage would use them: a log of operations with their times,
 * replayed through the rules alone, gives what the in-memory storage holds.
 */
type Op =
  | { kind: "createTrial"; template?: FrozenTrial; at: Date }
  | { kind: "popWaiting"; number: number; at: Date }
  | { kind: "updateTrial"; number: number; update: TrialUpdate; at: Date }
  | { kind: "setStudyUserAttr"; key: string; value: JsonValue };

function replay(log: readonly Op[]) {
  const state = {
    directions: ["minimize"] as const,
    paramDistributions: new Map() as ReadonlyMap<string, Distribution>,
    trials: [] as FrozenTrial[],
    userAttrs: {} as Record<string, JsonValue>,
  };
  for (const op of log) {
    if (op.kind === "createTrial") {
      const n = state.trials.length;
      const t = createTrialRecord(op.template, { number: n, trialId: n }, state, op.at);
      state.paramDistributions = noteParamDistributions(state.paramDistributions, t);
      state.trials.push(t);
    } else if (op.kind === "popWaiting") {
      const t = startWaitingTrial(state.trials[op.number]!, state, op.at);
      if (t !== null) state.trials[op.number] = t;
    } else if (op.kind === "updateTrial") {
      const t = applyTrialUpdate(state.trials[op.number]!, op.update, state, op.at);
      state.paramDistributions = noteParamDistributions(state.paramDistributions, t);
      state.trials[op.number] = t;
    } else {
      state.userAttrs = withStudyAttr(state.userAttrs, op.key, op.value);
    }
  }
  return state;
}

describe("the rules replayed from a log", () => {
  it("give the trials and attributes the in-memory storage holds", async () => {
    const clock = new ManualClock({ start: T.getTime() });
    const storage = new InMemoryStorage({ clock });
    const id = await storage.createStudy(["minimize"], "replayed");
    const log: Op[] = [];
    const at = () => new Date(clock.now());

    const a = await storage.createTrial(id);
    log.push({ kind: "createTrial", at: at() });
    const template = createFrozenTrial({ state: "WAITING", systemAttrs: { fixed_params: { x: 0.5 } } });
    await storage.createTrial(id, template);
    log.push({ kind: "createTrial", template, at: at() });
    clock.advance(100);
    const update: TrialUpdate = {
      params: { x: { value: 0.25, distribution: floatDistribution(0, 1) } },
      intermediateValues: [[0, 3]],
    };
    await storage.updateTrial(a.trialId, update);
    log.push({ kind: "updateTrial", number: 0, update, at: at() });
    clock.advance(100);
    const popped = (await storage.popWaitingTrial(id))!;
    log.push({ kind: "popWaiting", number: popped.number, at: at() });
    log.push({ kind: "popWaiting", number: popped.number, at: at() }); // a second worker's late claim
    await storage.setStudyUserAttr(id, "note", { k: [1] });
    log.push({ kind: "setStudyUserAttr", key: "note", value: { k: [1] } });
    clock.advance(250);
    const finish: TrialUpdate = { state: "COMPLETE", values: [0.5] };
    await storage.updateTrial(a.trialId, finish);
    log.push({ kind: "updateTrial", number: 0, update: finish, at: at() });

    const replayed = replay(log);
    const stored = (await storage.getTrials(id)).trials;
    expect(replayed.trials).toEqual(stored);
    expect(replayed.trials[0]!.duration).toBe(450);
    expect(replayed.userAttrs).toEqual(await storage.getStudyUserAttrs(id));
  });
});
