import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StudyStoppedError, TrialTimeoutError } from "../../src/errors/index.js";
import { type LogLevel, setLogHandler, setLogLevel } from "../../src/logging/index.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { MaxTrialsCallback } from "../../src/study/callbacks.js";
import { createStudy } from "../../src/study/create.js";
import { FAIL_REASON_KEY } from "../../src/trial/frozen.js";
import type { Trial } from "../../src/trial/trial.js";
import { PriorSampler } from "./helpers.js";

let logs: { level: LogLevel; message: string }[] = [];
beforeEach(() => {
  logs = [];
  setLogHandler((level, message) => logs.push({ level, message }));
});
afterEach(() => {
  setLogHandler(null);
  setLogLevel("warn");
});

const newStudy = () => createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(1) });
const never = (): Promise<number> => new Promise<number>(() => {});

describe("Study.optimize: letting the event loop run", () => {
  it("a synchronous objective without nTrials stops when a timer aborts the signal", {
    timeout: 20_000,
  }, async () => {
    const study = await newStudy();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { signal: ac.signal });
    expect(study.trials.length).toBeGreaterThan(0);
    expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
  });

  it("a synchronous objective stops when a timer calls study.stop()", { timeout: 20_000 }, async () => {
    const study = await newStudy();
    setTimeout(() => study.stop(), 30);
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { concurrency: 3 });
    expect(study.trials.length).toBeGreaterThan(0);
    expect(study.getTrials({ states: ["RUNNING"] })).toHaveLength(0);
  });

  it("the optimize timeout stops a synchronous objective", { timeout: 20_000 }, async () => {
    const study = await newStudy();
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { timeout: 0.03 });
    expect(study.trials.length).toBeGreaterThan(0);
  });

  it("an already aborted signal starts no trial", async () => {
    const study = await newStudy();
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { signal: AbortSignal.abort() });
    expect(study.trials).toHaveLength(0);
  });
});

describe("Study.optimize: trialTimeout and trial.signal", () => {
  it("fails a hung trial after trialTimeout, fires its signal, and goes on", {
    timeout: 20_000,
  }, async () => {
    const study = await newStudy();
    const reasons: unknown[] = [];
    await study.optimize(
      (t) => {
        t.signal.addEventListener("abort", () => reasons.push(t.signal.reason));
        return t.number === 1 ? 0.5 : never();
      },
      { nTrials: 3, trialTimeout: 0.02 },
    );
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE", "FAIL"]);
    expect(study.trials[0]!.systemAttrs[FAIL_REASON_KEY]).toBe(
      "the trial timed out after 0.02 s (trialTimeout)",
    );
    expect(reasons).toHaveLength(2);
    expect(reasons.every((r) => r instanceof TrialTimeoutError)).toBe(true);
    expect(logs.filter((l) => l.level === "warn")).toHaveLength(2);
  });

  it("ignores the late result of a timed-out objective", { timeout: 20_000 }, async () => {
    const study = await newStudy();
    let resolveLate: (v: number) => void = () => {};
    await study.optimize(() => new Promise<number>((r) => (resolveLate = r)), {
      nTrials: 1,
      trialTimeout: 0.01,
    });
    resolveLate(1);
    await new Promise((r) => setTimeout(r, 5));
    expect(study.trials[0]!.state).toBe("FAIL");
  });

  it("fires trial.signal on study.stop(); an objective that rejects because of it fails without rethrow", async () => {
    const study = await newStudy();
    const seen: unknown[] = [];
    await study.optimize(
      (t) =>
        new Promise<number>((_resolve, reject) => {
          if (t.number === 0) setTimeout(() => study.stop(), 5);
          t.signal.addEventListener("abort", () => {
            seen.push(t.signal.reason);
            reject(new Error("cancelled"));
          });
        }),
      { concurrency: 2 },
    );
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL", "FAIL"]);
    expect(seen.every((r) => r instanceof StudyStoppedError)).toBe(true);
    expect(study.trials[0]!.systemAttrs[FAIL_REASON_KEY]).toBe(
      "interrupted (StudyStoppedError: study.stop() was called): Error: cancelled",
    );
  });

  it("a trial aborted before its signal is first read shows the abort when read (the signal is made lazily)", async () => {
    const study = await newStudy();
    const trial = await study.ask();
    trial.abort(new StudyStoppedError("early"));
    expect(trial.signal.aborted).toBe(true);
    expect(trial.signal.reason).toBeInstanceOf(StudyStoppedError);
    trial.abort(new Error("second"));
    expect((trial.signal.reason as Error).message).toBe("early");
    const fresh = await study.ask();
    expect(fresh.signal.aborted).toBe(false);
    fresh.abort("later");
    expect(fresh.signal.reason).toBe("later");
  });

  it("fires trial.signal with the optimize signal's reason; a value returned after it is kept", async () => {
    const study = await newStudy();
    const ac = new AbortController();
    let reason: unknown = null;
    await study.optimize(
      (t: Trial) =>
        new Promise<number>((resolve) => {
          setTimeout(() => ac.abort("user said stop"), 5);
          t.signal.addEventListener("abort", () => {
            reason = t.signal.reason;
            resolve(0.25);
          });
        }),
      { signal: ac.signal },
    );
    expect(reason).toBe("user said stop");
    expect(study.trials).toHaveLength(1);
    expect(study.trials[0]!.state).toBe("COMPLETE");
    expect(study.trials[0]!.value).toBe(0.25);
  });

  it("fires trial.signal when the optimize timeout passes", async () => {
    const study = await newStudy();
    await study.optimize(
      (t) =>
        new Promise<number>((resolve) => {
          t.signal.addEventListener("abort", () =>
            resolve(t.signal.reason instanceof StudyStoppedError ? 1 : 0),
          );
        }),
      { timeout: 0.01 },
    );
    expect(study.trials.map((t) => t.value)).toEqual([1]);
  });

  it("rejects invalid trialTimeout and signal", async () => {
    const study = await newStudy();
    await expect(study.optimize(() => 0, { trialTimeout: 0 })).rejects.toThrow(
      /trialTimeout must be a number of seconds > 0, got 0/,
    );
    await expect(study.optimize(() => 0, { trialTimeout: Number.NaN })).rejects.toThrow(/trialTimeout/);
    await expect(study.optimize(() => 0, { signal: {} as AbortSignal })).rejects.toThrow(
      /signal must be an AbortSignal/,
    );
    await expect(study.optimize(() => 0, { callbacks: [1 as never] })).rejects.toThrow(/callbacks must be/);
    expect(study.trials).toHaveLength(0);
  });
});

describe("Study.optimize: callbacks, logging and the progress bar", () => {
  it("MaxTrialsCallback stops the study at a total counted over the study", async () => {
    const study = await newStudy();
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 3 });
    await study.optimize((t) => t.suggestFloat("x", 0, 1), { callbacks: [new MaxTrialsCallback(10)] });
    expect(study.getTrials({ states: ["COMPLETE"] })).toHaveLength(10);
    const pruned = await newStudy();
    await pruned.optimize(
      (t) => {
        if (t.number % 2 === 0) throw new (class extends Error {})("x");
        return 1;
      },
      { catch: true, callbacks: [new MaxTrialsCallback(4, { states: ["FAIL"] })] },
    );
    expect(pruned.getTrials({ states: ["FAIL"] })).toHaveLength(4);
    expect(() => new MaxTrialsCallback(-1)).toThrow(/nTrials must be an integer >= 0, got -1/);
    expect(() => new MaxTrialsCallback(1, { states: ["DONE" as never] })).toThrow(/states must be/);
  });

  it("runs callbacks one at a time in finishing order, functions and objects alike", async () => {
    const study = await newStudy();
    const seen: number[] = [];
    let busy = false;
    await study.optimize(
      async (t) => {
        await new Promise((r) => setTimeout(r, (5 - t.number) % 3));
        return t.number;
      },
      {
        nTrials: 6,
        concurrency: 3,
        callbacks: [
          async (_s, t) => {
            expect(busy).toBe(false);
            busy = true;
            await new Promise((r) => setTimeout(r, 1));
            busy = false;
            seen.push(t.number);
          },
          { onTrialFinished: (_s, t) => void seen.push(100 + t.number) },
        ],
      },
    );
    expect(seen.filter((n) => n < 100).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen).toHaveLength(12);
  });

  it("logs one info line per finished trial, as Optuna does", async () => {
    setLogLevel("info");
    const study = await newStudy();
    await study.optimize(
      (t) => {
        const x = t.suggestInt("x", 0, 0);
        if (t.number === 2) throw new (class Pruned extends Error {})();
        return [3, 1][t.number] ?? x;
      },
      { nTrials: 3, catch: true },
    );
    const info = logs.filter((l) => l.level === "info").map((l) => l.message);
    expect(info).toEqual([
      'Trial 0 finished with value: 3 and parameters: {"x":0}. Best is trial 0 with value: 3.',
      'Trial 1 finished with value: 1 and parameters: {"x":0}. Best is trial 1 with value: 1.',
    ]);
    expect(logs.filter((l) => l.level === "warn").map((l) => l.message)).toEqual([
      'Trial 2 failed with parameters: {"x":0} because of the following error: Error: ',
    ]);
  });

  it("draws a progress bar on stderr when asked", async () => {
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const study = await newStudy();
      await study.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 5, showProgressBar: true });
    } finally {
      spy.mockRestore();
    }
    expect(writes.join("")).toMatch(/5\/5 trials/);
    expect(writes.join("")).toMatch(/best trial \d: 0\.\d+/);
  });
});
