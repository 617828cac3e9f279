/**
 * The heartbeat contract: one vitest suite that every Storage runs, so that heartbeats,
 * failing stale trials and retrying them mean the same on every storage (the in-memory one
 * here; journal file, SQLite, PostgreSQL and Redis in @tunelab/storage).
 *
 * A dead worker is played by writing what it left behind through the storage API: a RUNNING
 * trial with parameters, reports and a last heartbeat. Time is a {@link ManualClock}.
 *
 * ```ts
 * heartbeatContract("InMemoryStorage", async (clock) => new InMemoryStorage({ clock }));
 * ```
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock/manual.js";
import type { Distribution } from "../distributions/distribution.js";
import { floatDistribution, intDistribution } from "../distributions/distribution.js";
import { UpdateFinishedTrialError } from "../errors/index.js";
import type { Sampler, SearchSpace } from "../sampler/sampler.js";
import type { Storage } from "../storage/storage.js";
import { RetryFailedTrialCallback } from "../study/callbacks.js";
import { createStudy, loadStudy } from "../study/create.js";
import { HEARTBEAT_KEY, type HeartbeatOptions } from "../study/heartbeat.js";
import { FAIL_REASON_KEY, type FrozenTrial } from "../trial/frozen.js";

/** Options of {@link heartbeatContract}. */
export interface HeartbeatContractOptions {
  /** Called after each test with the storage, e.g. to close it and delete files. */
  readonly cleanup?: (storage: Storage) => Promise<void>;
}

/** A sampler that proposes the middle of every range (the contract needs no randomness). */
const middle: Sampler = {
  inferRelativeSearchSpace: (): SearchSpace => ({}),
  sampleRelative: (): Record<string, number> => ({}),
  sampleIndependent: (_s, _t, _n, d: Distribution): number =>
    d.kind === "categorical" ? 0 : d.kind === "int" ? Math.floor((d.low + d.high) / 2) : (d.low + d.high) / 2,
};

const X = floatDistribution(0, 1);
const K = intDistribution(0, 10);
const START = Date.UTC(2026, 0, 1);

/**
 * Registers the heartbeat contract tests for one storage.
 * @param make - a fresh, empty storage reading time from `clock`.
 */
export function heartbeatContract(
  name: string,
  make: (clock: ManualClock) => Promise<Storage>,
  options: HeartbeatContractOptions = {},
): void {
  const withStorage = (fn: (s: Storage, clock: ManualClock) => Promise<void>) => async () => {
    const clock = new ManualClock({ start: START });
    const storage = await make(clock);
    try {
      await fn(storage, clock);
    } finally {
      if (options.cleanup) await options.cleanup(storage);
      else await storage.close();
    }
  };

  /** What a worker that died mid-trial leaves behind: a RUNNING trial that last beat at `beatAt`. */
  const deadWorkerTrial = async (
    storage: Storage,
    studyName: string,
    beatAt: number | null,
  ): Promise<FrozenTrial> => {
    const studyId = await storage.getStudyIdFromName(studyName);
    const t = await storage.createTrial(studyId);
    return storage.updateTrial(t.trialId, {
      params: { x: { value: 0.25, distribution: X }, k: { value: 7, distribution: K } },
      intermediateValues: [[0, 3.5]],
      userAttrs: { tag: "first attempt" },
      ...(beatAt === null ? {} : { systemAttrs: { [HEARTBEAT_KEY]: beatAt } }),
    });
  };

  const worker = (storage: Storage, clock: ManualClock, studyName: string, hb: HeartbeatOptions) =>
    loadStudy({ storage, studyName, sampler: middle, clock, ...hb });

  const objective = (t: {
    suggestFloat(n: string, a: number, b: number): number;
    suggestInt(n: string, a: number, b: number): number;
  }) => t.suggestFloat("x", 0, 1) + t.suggestInt("k", 0, 10);

  describe(`heartbeat contract: ${name}`, () => {
    it(
      "a running trial of optimize beats at start and every interval, the last beat stored",
      withStorage(async (storage, clock) => {
        const study = await createStudy({
          storage,
          sampler: middle,
          studyName: "beats",
          clock,
          heartbeatInterval: 10,
        });
        let beats: (number | undefined)[] = [];
        await study.optimize(
          async (t) => {
            await t.report(1, 0);
            for (let i = 0; i < 3; i++) {
              clock.advance(10_000);
              await (t as unknown as { flush(): Promise<void> }).flush();
              const stored = (await storage.getTrials(study.studyId)).trials[0]!;
              beats = [...beats, stored.systemAttrs[HEARTBEAT_KEY] as number | undefined];
            }
            return 1;
          },
          { nTrials: 1 },
        );
        expect(beats).toEqual([START + 10_000, START + 20_000, START + 30_000]);
        const done = (await storage.getTrials(study.studyId)).trials[0]!;
        expect(done.state).toBe("COMPLETE");
        expect(done.systemAttrs[HEARTBEAT_KEY]).toBe(START + 30_000);
        expect(clock.pendingTimers).toBe(0);
      }),
    );

    it(
      "the next worker fails a trial whose heartbeat is older than the grace period, and only such trials",
      withStorage(async (storage, clock) => {
        await createStudy({ storage, sampler: middle, studyName: "stale", clock });
        const stale = await deadWorkerTrial(storage, "stale", START);
        const fresh = await deadWorkerTrial(storage, "stale", START + 15_000);
        const neverBeat = await deadWorkerTrial(storage, "stale", null);
        clock.advance(25_000);
        const b = await worker(storage, clock, "stale", { heartbeatInterval: 5, gracePeriod: 20 });
        await b.optimize(objective, { nTrials: 1 });
        const by = new Map((await storage.getTrials(b.studyId)).trials.map((t) => [t.number, t]));
        expect(by.get(stale.number)!.state).toBe("FAIL");
        expect(by.get(stale.number)!.systemAttrs[FAIL_REASON_KEY]).toMatch(
          /heartbeat stopped.*grace period of 20 s/,
        );
        expect(by.get(fresh.number)!.state).toBe("RUNNING");
        expect(by.get(neverBeat.number)!.state).toBe("RUNNING");
        expect(by.get(3)!.state).toBe("COMPLETE");
        // A worker without heartbeats fails nothing.
        clock.advance(1_000_000);
        const c = await worker(storage, clock, "stale", {});
        await c.optimize(objective, { nTrials: 1 });
        const after = new Map((await storage.getTrials(c.studyId)).trials.map((t) => [t.number, t]));
        expect(after.get(fresh.number)!.state).toBe("RUNNING");
      }),
    );

    it(
      "RetryFailedTrialCallback runs the failed trial's parameters again, with its history, up to maxRetry",
      withStorage(async (storage, clock) => {
        await createStudy({ storage, sampler: middle, studyName: "retry", clock });
        const dead = await deadWorkerTrial(storage, "retry", START);
        clock.advance(60_000);
        const retry = new RetryFailedTrialCallback({ maxRetry: 1, inheritIntermediateValues: true });
        const b = await worker(storage, clock, "retry", {
          heartbeatInterval: 10,
          failedTrialCallback: retry.callback,
        });
        const seen: Record<string, unknown>[] = [];
        await b.optimize(
          (t) => {
            seen.push({ ...t.params });
            return objective(t);
          },
          { nTrials: 1 },
        );
        const trials = (await storage.getTrials(b.studyId)).trials;
        expect(trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE"]);
        const again = trials[1]!;
        expect(seen).toEqual([{ x: 0.25, k: 7 }]);
        expect(again.params).toEqual(dead.params);
        expect(again.userAttrs).toEqual({ tag: "first attempt" });
        expect([...again.intermediateValues]).toEqual([[0, 3.5]]);
        expect(RetryFailedTrialCallback.retriedTrialNumber(again)).toBe(dead.number);
        expect(RetryFailedTrialCallback.retryHistory(again)).toEqual([dead.number]);
        expect(again.systemAttrs[FAIL_REASON_KEY]).toBeUndefined();
        // The retry dies too: retried once more is past maxRetry = 1, so nothing is enqueued.
        const studyId = await storage.getStudyIdFromName("retry");
        const waiting = await storage.createTrial(studyId, {
          ...again,
          state: "WAITING",
          values: null,
          value: null,
          datetimeStart: null,
          datetimeComplete: null,
          duration: null,
        });
        const running = await storage.popWaitingTrial(studyId);
        expect(running?.number).toBe(waiting.number);
        await storage.updateTrial(running!.trialId, { systemAttrs: { [HEARTBEAT_KEY]: clock.now() } });
        clock.advance(60_000);
        await b.optimize(objective, { nTrials: 1 });
        const final = (await storage.getTrials(studyId)).trials;
        expect(final.map((t) => t.state)).toEqual(["FAIL", "COMPLETE", "FAIL", "COMPLETE"]);
        expect(RetryFailedTrialCallback.retryHistory(final[3]!)).toEqual([]);
      }),
    );

    it(
      "a worker whose trial another worker failed sees its signal fire and keeps the other's record",
      withStorage(async (storage, clock) => {
        const a = await createStudy({
          storage,
          sampler: middle,
          studyName: "slow",
          clock,
          heartbeatInterval: 10,
        });
        const b = await worker(storage, clock, "slow", { heartbeatInterval: 10 });
        let reason: unknown = null;
        await a.optimize(
          async (t) => {
            t.suggestFloat("x", 0, 1);
            await (t as unknown as { flush(): Promise<void> }).flush();
            // This worker stalls (no timer of its runs), B judges it dead after the grace period.
            const frozenAt = clock.now();
            const studyId = a.studyId;
            const mine = (await storage.getTrials(studyId)).trials[0]!;
            expect(mine.systemAttrs[HEARTBEAT_KEY]).toBe(frozenAt);
            await storage.updateTrial(mine.trialId, { systemAttrs: { [HEARTBEAT_KEY]: frozenAt - 100_000 } });
            await b.optimize(objective, { nTrials: 1 });
            clock.advance(10_000); // this worker's next beat is refused: the trial is finished
            await new Promise((r) => setTimeout(r, 0));
            await new Promise((r) => setTimeout(r, 0));
            reason = t.signal.aborted ? t.signal.reason : null;
            return 5;
          },
          { nTrials: 1 },
        );
        expect(reason).toBeInstanceOf(UpdateFinishedTrialError);
        const trials = (await storage.getTrials(a.studyId)).trials;
        expect(trials[0]!.state).toBe("FAIL");
        expect(trials[0]!.values).toBeNull();
        expect(trials[1]!.state).toBe("COMPLETE");
      }),
    );

    it("refuses bad heartbeat options, naming them", async () => {
      const clock = new ManualClock({ start: START });
      const storage = await make(clock);
      try {
        await expect(createStudy({ storage, sampler: middle, heartbeatInterval: 0 })).rejects.toThrow(
          /heartbeatInterval must be a finite number of seconds > 0, got 0/,
        );
        await expect(
          createStudy({ storage, sampler: middle, heartbeatInterval: 10, gracePeriod: 5 }),
        ).rejects.toThrow(
          /gracePeriod must be a finite number of seconds >= heartbeatInterval \(10\), got 5/,
        );
        await expect(createStudy({ storage, sampler: middle, gracePeriod: 5 })).rejects.toThrow(
          /gracePeriod and failedTrialCallback need heartbeatInterval/,
        );
        expect(() => new RetryFailedTrialCallback({ maxRetry: -1 })).toThrow(
          /maxRetry must be an integer >= 0, got -1/,
        );
      } finally {
        if (options.cleanup) await options.cleanup(storage);
        else await storage.close();
      }
    });
  });
}
