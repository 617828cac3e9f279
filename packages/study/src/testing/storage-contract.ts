/**
 * The storage contract: one vitest suite that every Storage implementation runs
 * (in-memory here; journal, SQLite, PostgreSQL and Redis in @tunelab/storage).
 *
 * ```ts
 * storageContract("InMemoryStorage", async () => new InMemoryStorage());
 * ```
 */
import { describe, expect, it } from "vitest";
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
} from "../distributions/distribution.js";
import {
  DuplicatedStudyError,
  StudyNotFoundError,
  TrialNotFoundError,
  UpdateFinishedTrialError,
} from "../errors/index.js";
import type { Storage } from "../storage/storage.js";
import { createFrozenTrial } from "../trial/frozen.js";

/** Options of {@link storageContract}. */
export interface StorageContractOptions {
  /** Called after each test with the storage, e.g. to close it and delete files. */
  readonly cleanup?: (storage: Storage) => Promise<void>;
  /** Number of concurrent trial creations in the atomicity test. @defaultValue 64 */
  readonly concurrency?: number;
}

/**
 * Registers the storage contract tests for one implementation.
 * @param name - shown in the test names.
 * @param make - returns a fresh, empty storage for each test.
 */
export function storageContract(
  name: string,
  make: () => Promise<Storage>,
  options: StorageContractOptions = {},
): void {
  const concurrency = options.concurrency ?? 64;
  const withStorage = (fn: (s: Storage) => Promise<void>) => async () => {
    const storage = await make();
    try {
      await fn(storage);
    } finally {
      if (options.cleanup) await options.cleanup(storage);
      else await storage.close();
    }
  };

  describe(`storage contract: ${name}`, () => {
    describe("studies", () => {
      it(
        "createStudy names, finds and lists studies; a duplicate name throws DuplicatedStudyError",
        withStorage(async (s) => {
          const a = await s.createStudy(["minimize"], "a");
          const b = await s.createStudy(["maximize", "minimize"], "b");
          expect(a).not.toBe(b);
          expect(await s.getStudyIdFromName("a")).toBe(a);
          expect(await s.getStudyName(b)).toBe("b");
          expect(await s.getStudyDirections(b)).toEqual(["maximize", "minimize"]);
          await expect(s.createStudy(["minimize"], "a")).rejects.toBeInstanceOf(DuplicatedStudyError);
          const all = await s.getAllStudies();
          expect(all.map((x) => x.studyName).sort()).toEqual(["a", "b"]);
          expect(all.find((x) => x.studyName === "a")!.nTrials).toBe(0);
        }),
      );

      it(
        "generates unique names when none is given",
        withStorage(async (s) => {
          const a = await s.createStudy(["minimize"]);
          const b = await s.createStudy(["minimize"]);
          expect(await s.getStudyName(a)).not.toBe(await s.getStudyName(b));
        }),
      );

      it(
        "rejects invalid directions",
        withStorage(async (s) => {
          await expect(s.createStudy([], "x")).rejects.toThrow(/directions/);
          await expect(s.createStudy(["up" as never], "y")).rejects.toThrow(/directions\[0\]/);
        }),
      );

      it(
        "unknown studies throw StudyNotFoundError",
        withStorage(async (s) => {
          await expect(s.getStudyIdFromName("nope")).rejects.toBeInstanceOf(StudyNotFoundError);
          await expect(s.getStudyName(12345)).rejects.toBeInstanceOf(StudyNotFoundError);
          await expect(s.createTrial(12345)).rejects.toBeInstanceOf(StudyNotFoundError);
        }),
      );

      it(
        "deleteStudy removes the study and its trials",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "gone");
          const t = await s.createTrial(id);
          await s.deleteStudy(id);
          await expect(s.getStudyIdFromName("gone")).rejects.toBeInstanceOf(StudyNotFoundError);
          await expect(s.getTrial(t.trialId)).rejects.toBeInstanceOf(TrialNotFoundError);
          expect((await s.getAllStudies()).length).toBe(0);
          // the name can be reused
          await s.createStudy(["minimize"], "gone");
        }),
      );

      it(
        "stores study user and system attributes as JSON values, copied on write",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "attrs");
          const value = { nested: [1, 2, { a: "b" }] };
          await s.setStudyUserAttr(id, "k", value);
          value.nested.push(3);
          await s.setStudySystemAttr(id, "sys", null);
          expect(await s.getStudyUserAttrs(id)).toEqual({ k: { nested: [1, 2, { a: "b" }] } });
          expect(await s.getStudySystemAttrs(id)).toEqual({ sys: null });
        }),
      );
    });

    describe("trials", () => {
      it(
        `allocates numbers atomically under ${concurrency} concurrent creations`,
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "atomic");
          const trials = await Promise.all(Array.from({ length: concurrency }, () => s.createTrial(id)));
          const numbers = trials.map((t) => t.number).sort((a, b) => a - b);
          expect(numbers).toEqual(Array.from({ length: concurrency }, (_, i) => i));
          expect(new Set(trials.map((t) => t.trialId)).size).toBe(concurrency);
          for (const t of trials) {
            expect(t.state).toBe("RUNNING");
            expect(t.datetimeStart).toBeInstanceOf(Date);
          }
        }),
      );

      it(
        "numbers trials per study",
        withStorage(async (s) => {
          const a = await s.createStudy(["minimize"], "a");
          const b = await s.createStudy(["minimize"], "b");
          await s.createTrial(a);
          await s.createTrial(a);
          expect((await s.createTrial(b)).number).toBe(0);
          expect((await s.createTrial(a)).number).toBe(2);
        }),
      );

      it(
        "round-trips params, intermediate values, attributes and values",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize", "maximize"], "rt");
          const t = await s.createTrial(id);
          const fd = floatDistribution(0, 1);
          const cd = categoricalDistribution(["a", null, "c"]);
          const idist = intDistribution(1, 64, { log: true });
          await s.updateTrial(t.trialId, {
            params: {
              x: { value: 0.25, distribution: fd },
              c: { value: 1, distribution: cd },
              n: { value: 8, distribution: idist },
            },
            intermediateValues: [
              [0, 1.5],
              [3, -2],
            ],
            userAttrs: { note: "hi", list: [1, 2] },
            systemAttrs: { internal: true },
          });
          const done = await s.updateTrial(t.trialId, { state: "COMPLETE", values: [1, -Infinity] });
          const got = await s.getTrial(t.trialId);
          for (const tr of [done, got]) {
            expect(tr.state).toBe("COMPLETE");
            expect(tr.values).toEqual([1, -Infinity]);
            expect(tr.value).toBe(1);
            expect(tr.params).toEqual({ x: 0.25, c: null, n: 8 });
            expect(tr.internalParams).toEqual({ x: 0.25, c: 1, n: 8 });
            expect(tr.distributions).toEqual({ x: fd, c: cd, n: idist });
            expect([...tr.intermediateValues.entries()]).toEqual([
              [0, 1.5],
              [3, -2],
            ]);
            expect(tr.userAttrs).toEqual({ note: "hi", list: [1, 2] });
            expect(tr.systemAttrs).toEqual({ internal: true });
            expect(tr.datetimeComplete).toBeInstanceOf(Date);
          }
        }),
      );

      it(
        "creates trials from templates (addTrial) and rejects a values count that does not match the directions",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "tpl");
          const tpl = createFrozenTrial({
            state: "COMPLETE",
            value: 3,
            params: { x: 2 },
            distributions: { x: intDistribution(0, 5) },
            userAttrs: { src: "old" },
            intermediateValues: { 1: 4, 2: 3 },
          });
          const t = await s.createTrial(id, tpl);
          expect(t.number).toBe(0);
          expect(t.state).toBe("COMPLETE");
          expect(t.values).toEqual([3]);
          expect(t.params).toEqual({ x: 2 });
          expect(t.intermediateValues.get(2)).toBe(3);
          const bad = createFrozenTrial({ state: "COMPLETE", values: [1, 2] });
          await expect(s.createTrial(id, bad)).rejects.toThrow(/one entry per direction/);
        }),
      );

      it(
        "enforces state transitions: COMPLETE needs values of the right count, nothing changes a finished trial",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "states");
          const t = await s.createTrial(id);
          await expect(s.updateTrial(t.trialId, { state: "COMPLETE" })).rejects.toThrow(/needs values/);
          await expect(s.updateTrial(t.trialId, { state: "COMPLETE", values: [1, 2] })).rejects.toThrow(
            /one entry per direction/,
          );
          await expect(s.updateTrial(t.trialId, { state: "COMPLETE", values: [Number.NaN] })).rejects.toThrow(
            /not NaN/,
          );
          await expect(s.updateTrial(t.trialId, { state: "FAIL", values: [1] })).rejects.toThrow(
            /only stored with state COMPLETE or PRUNED/,
          );
          await expect(s.updateTrial(t.trialId, { state: "DONE" as never })).rejects.toThrow(
            /state must be one of/,
          );
          await expect(s.updateTrial(t.trialId, { state: "WAITING" })).rejects.toThrow(/WAITING/);
          await expect(s.updateTrial(t.trialId, { state: "RUNNING" })).rejects.toThrow(/already RUNNING/);
          await s.updateTrial(t.trialId, { state: "PRUNED" });
          await expect(s.updateTrial(t.trialId, { state: "COMPLETE", values: [0] })).rejects.toBeInstanceOf(
            UpdateFinishedTrialError,
          );
          await expect(s.updateTrial(t.trialId, { userAttrs: { a: 1 } })).rejects.toBeInstanceOf(
            UpdateFinishedTrialError,
          );
          expect((await s.getTrial(t.trialId)).state).toBe("PRUNED");
        }),
      );

      it(
        "lets exactly one of two racing workers finish a trial",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "race");
          const t = await s.createTrial(id);
          const results = await Promise.allSettled([
            s.updateTrial(t.trialId, { state: "COMPLETE", values: [1] }),
            s.updateTrial(t.trialId, { state: "FAIL" }),
          ]);
          expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
          const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
          expect(rejected.reason).toBeInstanceOf(UpdateFinishedTrialError);
        }),
      );

      it(
        "keeps one distribution kind (and one set of choices) per parameter name",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "compat");
          const a = await s.createTrial(id);
          await s.updateTrial(a.trialId, {
            params: { x: { value: 1, distribution: floatDistribution(0, 2) } },
          });
          const b = await s.createTrial(id);
          // Other bounds of the same kind are fine (search spaces may change over a study).
          await s.updateTrial(b.trialId, {
            params: { x: { value: 5, distribution: floatDistribution(0, 10) } },
          });
          const c = await s.createTrial(id);
          await expect(
            s.updateTrial(c.trialId, { params: { x: { value: 1, distribution: intDistribution(0, 2) } } }),
          ).rejects.toThrow(/cannot change its distribution/);
          await s.updateTrial(c.trialId, {
            params: { k: { value: 0, distribution: categoricalDistribution(["a", "b"]) } },
          });
          const d = await s.createTrial(id);
          await expect(
            s.updateTrial(d.trialId, {
              params: { k: { value: 0, distribution: categoricalDistribution(["a", "c"]) } },
            }),
          ).rejects.toThrow(/choices/);
        }),
      );

      it(
        "hands each WAITING trial to exactly one popWaitingTrial caller, oldest first",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "waiting");
          for (let i = 0; i < 5; i++) {
            await s.createTrial(
              id,
              createFrozenTrial({ state: "WAITING", systemAttrs: { i }, datetimeStart: null }),
            );
          }
          const first = await s.popWaitingTrial(id);
          expect(first!.systemAttrs.i).toBe(0);
          expect(first!.state).toBe("RUNNING");
          expect(first!.datetimeStart).toBeInstanceOf(Date);
          const popped = await Promise.all(Array.from({ length: 10 }, () => s.popWaitingTrial(id)));
          const got = popped.filter((t) => t !== null).map((t) => t.systemAttrs.i);
          expect(got.sort()).toEqual([1, 2, 3, 4]);
          expect(await s.popWaitingTrial(id)).toBeNull();
        }),
      );

      it(
        "reads incrementally: since a cursor, only changed trials; filters by state",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "incr");
          const t0 = await s.createTrial(id);
          const t1 = await s.createTrial(id);
          const page1 = await s.getTrials(id);
          expect(page1.trials.map((t) => t.number)).toEqual([0, 1]);
          const page2 = await s.getTrials(id, { since: page1.cursor });
          expect(page2.trials).toEqual([]);
          await s.updateTrial(t1.trialId, { state: "COMPLETE", values: [1] });
          const t2 = await s.createTrial(id);
          const page3 = await s.getTrials(id, { since: page2.cursor });
          expect(page3.trials.map((t) => t.number)).toEqual([1, 2]);
          expect(page3.trials[0]!.state).toBe("COMPLETE");
          expect(page3.cursor).not.toBe(page2.cursor);
          const complete = await s.getTrials(id, { states: ["COMPLETE"] });
          expect(complete.trials.map((t) => t.number)).toEqual([1]);
          expect((await s.getTrials(id, { states: ["RUNNING"] })).trials.map((t) => t.trialId)).toEqual([
            t0.trialId,
            t2.trialId,
          ]);
        }),
      );

      it(
        "rejects unknown trials and invalid steps",
        withStorage(async (s) => {
          await expect(s.getTrial(987654)).rejects.toBeInstanceOf(TrialNotFoundError);
          await expect(s.updateTrial(987654, { userAttrs: {} })).rejects.toBeInstanceOf(TrialNotFoundError);
          const id = await s.createStudy(["minimize"], "steps");
          const t = await s.createTrial(id);
          await expect(s.updateTrial(t.trialId, { intermediateValues: [[-1, 0]] })).rejects.toThrow(/step/);
        }),
      );

      it(
        "counts trials in the study summary",
        withStorage(async (s) => {
          const id = await s.createStudy(["minimize"], "count");
          await s.createTrial(id);
          await s.createTrial(id);
          const summary = (await s.getAllStudies()).find((x) => x.studyId === id)!;
          expect(summary.nTrials).toBe(2);
          expect(summary.datetimeStart).toBeInstanceOf(Date);
        }),
      );
    });
  });
}
