/**
 * The fast path of `optimize` (issue 18): at concurrency 1 on a storage with synchronous calls
 * (InMemoryStorage), a synchronous objective's trial runs start to end without a promise. Each
 * test runs the same seeded study on the fast path and on the asynchronous one (an
 * InMemoryStorage subclass that overrides a method, which turns the fast path off) and expects
 * the same trials, the same sequence of sampler hooks, callbacks and storage writes, and the
 * same errors.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock/manual.js";
import { SearchSpaceExhaustedError, TrialPruned } from "../../src/errors/index.js";
import { type LogLevel, setLogHandler, setLogLevel } from "../../src/logging/index.js";
import type { StudyView } from "../../src/sampler/sampler.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import type { TrialUpdate } from "../../src/storage/storage.js";
import { syncTrialStorage } from "../../src/storage/sync.js";
import { createStudy } from "../../src/study/create.js";
import type { OptimizeOptions, Study } from "../../src/study/study.js";
import type { FrozenTrial } from "../../src/trial/frozen.js";
import type { TrialState } from "../../src/trial/state.js";
import type { Trial } from "../../src/trial/trial.js";
import { PriorSampler } from "./helpers.js";

let logs: string[] = [];
beforeEach(() => {
  logs = [];
  setLogLevel("info");
  setLogHandler((level: LogLevel, message: string) => logs.push(`${level}: ${message}`));
});
afterEach(() => {
  setLogHandler(null);
  setLogLevel("warn");
});

/** Records every storage write, and keeps the asynchronous path (it overrides `updateTrial`). */
class AsyncOnlyStorage extends InMemoryStorage {
  constructor(private readonly events: string[]) {
    super({ clock: new ManualClock() });
  }
  override updateTrial(trialId: number, update: TrialUpdate): Promise<FrozenTrial> {
    this.events.push(`write ${trialId} ${describeUpdate(update)}`);
    return super.updateTrial(trialId, update);
  }
}

/** Records every storage write through the synchronous call the fast path makes. */
class RecordingStorage extends InMemoryStorage {
  constructor(private readonly events: string[]) {
    super({ clock: new ManualClock() });
  }
  // The same override on both forms, so the fast path stays on (syncTrialStorage checks that
  // each asynchronous method and its synchronous form are the base class's or both replaced).
  override updateTrialSync(trialId: number, update: TrialUpdate): FrozenTrial {
    this.events.push(`write ${trialId} ${describeUpdate(update)}`);
    return super.updateTrialSync(trialId, update);
  }
  override syncTrialStorage(): this {
    return this;
  }
}

function describeUpdate(u: TrialUpdate): string {
  const parts: string[] = [];
  if (u.params !== undefined) parts.push(`params=${Object.keys(u.params).join(",")}`);
  if (u.intermediateValues !== undefined) parts.push(`reports=${u.intermediateValues.length}`);
  if (u.userAttrs !== undefined) parts.push(`user=${Object.keys(u.userAttrs).join(",")}`);
  if (u.systemAttrs !== undefined) parts.push(`system=${Object.keys(u.systemAttrs).sort().join(",")}`);
  if (u.state !== undefined) parts.push(`state=${u.state}`);
  return parts.join(" ");
}

/** PriorSampler that records its hooks. */
class HookSampler extends PriorSampler {
  constructor(
    private readonly events: string[],
    seed: number,
  ) {
    super(seed);
  }
  beforeTrial(_study: StudyView, trial: FrozenTrial): void {
    this.events.push(`before ${trial.number}`);
  }
  afterTrial(
    _study: StudyView,
    trial: FrozenTrial,
    state: TrialState,
    values: readonly number[] | null,
  ): void {
    this.events.push(`after ${trial.number} ${state} ${values === null ? "-" : values.join(",")}`);
  }
}

class Flaky extends Error {}

interface Run {
  readonly trials: string[];
  readonly events: string[];
  readonly logs: string[];
  readonly error: string | null;
  readonly fast: boolean;
}

async function run(
  fast: boolean,
  objective: (t: Trial) => number | number[] | Promise<number>,
  options: (events: string[]) => OptimizeOptions,
): Promise<Run> {
  logs = [];
  const events: string[] = [];
  const storage = fast ? new RecordingStorage(events) : new AsyncOnlyStorage(events);
  const study = await createStudy({ storage, sampler: new HookSampler(events, 3) });
  let error: string | null = null;
  try {
    await study.optimize(objective, options(events));
  } catch (e) {
    error = `${(e as Error).name}: ${(e as Error).message}`;
  }
  return {
    trials: study.trials.map((t) =>
      JSON.stringify([
        t.number,
        t.state,
        t.params,
        t.values,
        [...t.intermediateValues],
        t.userAttrs,
        t.systemAttrs,
      ]),
    ),
    events,
    logs: logs.slice(),
    error,
    fast: syncTrialStorage(storage) !== null,
  };
}

/** Runs both paths and expects the same study, events, log lines and error. */
async function same(
  objective: (t: Trial) => number | number[] | Promise<number>,
  options: (events: string[]) => OptimizeOptions,
): Promise<Run> {
  const a = await run(true, objective, options);
  const b = await run(false, objective, options);
  expect(a.fast).toBe(true);
  expect(b.fast).toBe(false);
  expect(a.trials).toEqual(b.trials);
  expect(a.events).toEqual(b.events);
  expect(a.logs).toEqual(b.logs);
  expect(a.error).toEqual(b.error);
  return a;
}

const callbacks = (events: string[]) => [
  (s: Study, t: FrozenTrial) => void events.push(`cb1 ${t.number} ${t.state} n=${s.trials.length}`),
  { onTrialFinished: async (_s: Study, t: FrozenTrial) => void events.push(`cb2 ${t.number}`) },
];

describe("optimize's fast path (synchronous objective, concurrency 1, in-memory storage)", () => {
  it("is on for InMemoryStorage and off for a subclass that overrides one of its asynchronous methods", () => {
    expect(syncTrialStorage(new InMemoryStorage())).not.toBeNull();
    expect(syncTrialStorage(new AsyncOnlyStorage([]))).toBeNull();
  });

  it("runs the hooks, the single write, the log line and the callbacks in the asynchronous path's order", async () => {
    const r = await same(
      (t) => t.suggestFloat("x", -1, 1) ** 2 + t.suggestInt("k", 1, 4),
      (events) => ({ nTrials: 3, callbacks: callbacks(events) }),
    );
    expect(r.events.slice(0, 5)).toEqual([
      "before 0",
      expect.stringMatching(/^after 0 COMPLETE /),
      "write 0 params=x,k state=COMPLETE",
      "cb1 0 COMPLETE n=1",
      "cb2 0",
    ]);
    expect(r.logs).toHaveLength(3);
  });

  it("pruned and failed trials: TrialPruned, a caught error, NaN, a wrong count, a non-number", async () => {
    const r = await same(
      (t) => {
        const x = t.suggestFloat("x", -1, 1);
        t.setUserAttr("u", t.number);
        if (t.number === 1) throw new TrialPruned();
        if (t.number === 2) throw new Flaky("flaky");
        if (t.number === 3) return Number.NaN;
        if (t.number === 4) return [x, x];
        if (t.number === 5) return "1" as unknown as number;
        return x;
      },
      (events) => ({ nTrials: 7, catch: [Flaky], callbacks: callbacks(events) }),
    );
    expect(r.trials.map((t) => JSON.parse(t)[1])).toEqual([
      "COMPLETE",
      "PRUNED",
      "FAIL",
      "FAIL",
      "FAIL",
      "FAIL",
      "COMPLETE",
    ]);
    expect(r.error).toBeNull();
  });

  it("an error thrown by a synchronous objective fails its trial and is rethrown; no trial starts after it", async () => {
    const r = await same(
      (t) => {
        t.suggestFloat("x", 0, 1);
        if (t.number === 2) throw new Error("boom");
        return t.number;
      },
      (events) => ({ nTrials: 6, callbacks: callbacks(events) }),
    );
    expect(r.error).toBe("Error: boom");
    expect(r.trials).toHaveLength(3);
    expect(r.events).toContain("cb1 2 FAIL n=3");
  });

  it("catch: true keeps going after any error", async () => {
    const r = await same(
      (t) => {
        if (t.number % 2 === 1) throw new RangeError(`odd ${t.number}`);
        return t.suggestFloat("x", 0, 1);
      },
      () => ({ nTrials: 5, catch: true }),
    );
    expect(r.error).toBeNull();
    expect(r.trials).toHaveLength(5);
  });

  it("study.stop() from a callback ends optimize after that trial", async () => {
    const r = await same(
      (t) => t.suggestFloat("x", 0, 1),
      (events) => ({
        nTrials: 10,
        callbacks: [
          (s: Study, t: FrozenTrial) => {
            events.push(`cb ${t.number}`);
            if (t.number === 3) s.stop();
          },
        ],
      }),
    );
    expect(r.trials).toHaveLength(4);
  });

  it("a callback's error is rethrown after its trial, and no trial starts after it", async () => {
    const r = await same(
      (t) => t.suggestFloat("x", 0, 1),
      () => ({
        nTrials: 10,
        callbacks: [
          (_s: Study, t: FrozenTrial) => {
            if (t.number === 1) throw new Error("callback failed");
          },
        ],
      }),
    );
    expect(r.error).toBe("Error: callback failed");
    expect(r.trials).toHaveLength(2);
  });

  it("mixes with trials that end asynchronously: an async objective, an un-awaited report, attributes, constraints", async () => {
    const r = await same(
      (t) => {
        const x = t.suggestFloat("x", -1, 1);
        if (t.number % 3 === 1)
          return (async () => {
            await t.report(x + 1, 0);
            return x * x;
          })();
        if (t.number % 3 === 2) void t.report(x + 2, 0); // its write is on its way when the trial ends
        t.setConstraint("c", x);
        return x * x;
      },
      (events) => ({ nTrials: 7, callbacks: callbacks(events) }),
    );
    expect(r.events).toContain("write 2 params=x reports=1"); // trial 2's report, written before its end
    expect(r.events).toContain("write 2 system=constraints state=COMPLETE");
  });

  it("a sampler that fails in beforeTrial fails the trial and the error reaches optimize's caller", async () => {
    class FailingSampler extends HookSampler {
      override beforeTrial(s: StudyView, trial: FrozenTrial): void {
        super.beforeTrial(s, trial);
        if (trial.number === 1) throw new Error("no sample today");
      }
    }
    for (const fast of [true, false]) {
      const events: string[] = [];
      const storage = fast ? new RecordingStorage(events) : new AsyncOnlyStorage(events);
      const study = await createStudy({ storage, sampler: new FailingSampler(events, 0) });
      await expect(study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3 })).rejects.toThrow(
        "no sample today",
      );
      expect(study.trials.map((t) => t.state)).toEqual(["COMPLETE", "FAIL"]);
    }
  });

  it("stops when the sampler is exhausted, as the asynchronous path does", async () => {
    class FiniteSampler extends HookSampler {
      isExhausted(s: StudyView): boolean {
        return s.getTrials().length >= 3;
      }
    }
    for (const fast of [true, false]) {
      const events: string[] = [];
      const storage = fast ? new RecordingStorage(events) : new AsyncOnlyStorage(events);
      const study = await createStudy({ storage, sampler: new FiniteSampler(events, 0) });
      await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 10 });
      expect(study.trials).toHaveLength(3);
    }
    expect(new SearchSpaceExhaustedError("x")).toBeInstanceOf(Error);
  });

  it("starts its first trial after optimize has returned its promise: an abort right after the call lets that one trial run, as on the asynchronous path", async () => {
    const counts: number[] = [];
    for (const fast of [true, false]) {
      const events: string[] = [];
      const storage = fast ? new RecordingStorage(events) : new AsyncOnlyStorage(events);
      const study = await createStudy({ storage, sampler: new HookSampler(events, 0) });
      const ac = new AbortController();
      const done = study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 5, signal: ac.signal });
      expect(study.trials).toHaveLength(0);
      ac.abort();
      await done;
      counts.push(study.trials.length);
    }
    expect(counts).toEqual([1, 1]);
  });

  it("runs a synchronous objective's trials back to back: a microtask queued in trial 0 runs after the last (no yield on a still clock)", async () => {
    const at: number[] = [];
    for (const fast of [true, false]) {
      const events: string[] = [];
      const storage = fast ? new RecordingStorage(events) : new AsyncOnlyStorage(events);
      const study = await createStudy({
        storage,
        sampler: new HookSampler(events, 0),
        clock: new ManualClock(),
      });
      let started = 0;
      await study.optimize(
        (t) => {
          started++;
          if (t.number === 0) queueMicrotask(() => at.push(started));
          return t.suggestFloat("x", 0, 1);
        },
        { nTrials: 5 },
      );
    }
    expect(at).toEqual([5, 1]);
  });
});
