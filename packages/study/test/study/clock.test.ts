import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock/clock.js";
import { ManualClock } from "../../src/clock/manual.js";
import { sleep } from "../../src/clock/sleep.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy, loadStudy } from "../../src/study/create.js";
import { FAIL_REASON_KEY } from "../../src/trial/frozen.js";
import { PriorSampler } from "./helpers.js";

const T0 = Date.UTC(2030, 0, 1);

/** Advances `clock` by `step` ms once per turn of the event loop until `done()` holds. */
async function drive(clock: ManualClock, step: number, done: () => boolean): Promise<void> {
  while (!done()) {
    await clock.yield();
    clock.advance(step);
  }
}

describe("Study on an injected clock", () => {
  it("the system clock is the default", async () => {
    const study = await createStudy({ sampler: new PriorSampler() });
    expect(study.clock).toBe(systemClock);
    expect((study.storage as InMemoryStorage).clock).toBe(systemClock);
  });

  it("trial datetimes and durations come from the clock (createStudy without storage uses it)", async () => {
    const clock = new ManualClock({ start: T0 });
    const study = await createStudy({ sampler: new PriorSampler(), clock });
    expect(study.clock).toBe(clock);
    const trial = await study.ask();
    expect(trial.datetimeStart).toEqual(new Date(T0));
    clock.advance(2500);
    const done = await study.tell(trial, 1);
    expect(done.datetimeStart).toEqual(new Date(T0));
    expect(done.datetimeComplete).toEqual(new Date(T0 + 2500));
    expect(done.duration).toBe(2500);
  });

  it("an enqueued trial starts when it is popped, on the clock", async () => {
    const clock = new ManualClock({ start: T0 });
    const study = await createStudy({
      storage: new InMemoryStorage({ clock }),
      sampler: new PriorSampler(),
      clock,
    });
    await study.enqueueTrial({ x: 0.5 });
    clock.advance(60_000);
    const trial = await study.ask();
    expect(trial.datetimeStart).toEqual(new Date(T0 + 60_000));
  });

  it("loadStudy takes a clock", async () => {
    const clock = new ManualClock({ start: T0 });
    const storage = new InMemoryStorage({ clock });
    await createStudy({ storage, studyName: "s", sampler: new PriorSampler(), clock });
    const loaded = await loadStudy({ storage, studyName: "s", sampler: new PriorSampler(), clock });
    expect(loaded.clock).toBe(clock);
  });

  it("optimize({ timeout }) ends on simulated time: 10 trials of one simulated second in 10 s", async () => {
    const clock = new ManualClock({ start: T0 });
    const study = await createStudy({ sampler: new PriorSampler(), clock });
    await study.optimize(
      (t) => {
        clock.advance(1000);
        return t.suggestFloat("x", 0, 1);
      },
      { timeout: 10 },
    );
    expect(study.trials).toHaveLength(10);
    expect(study.trials.map((t) => t.duration)).toEqual(Array(10).fill(1000));
    expect(study.trials[9]!.datetimeComplete).toEqual(new Date(T0 + 10_000));
    expect(clock.pendingTimers).toBe(0);
  });

  it("optimize({ trialTimeout }) fails the trials that run longer on simulated time", async () => {
    const clock = new ManualClock({ start: T0 });
    const study = await createStudy({ sampler: new PriorSampler(), clock });
    let finished = false;
    const run = study
      .optimize(
        async (t) => {
          await sleep(clock, t.number % 2 === 0 ? 5000 : 1000, t.signal);
          return t.suggestFloat("x", 0, 1);
        },
        { nTrials: 4, trialTimeout: 2 },
      )
      .finally(() => {
        finished = true;
      });
    await drive(clock, 100, () => finished);
    await run;
    expect(study.trials.map((t) => t.state)).toEqual(["FAIL", "COMPLETE", "FAIL", "COMPLETE"]);
    expect(study.trials[0]!.systemAttrs[FAIL_REASON_KEY]).toMatch(/timed out after 2 s/);
    expect(study.trials.map((t) => t.duration)).toEqual([2000, 1000, 2000, 1000]);
  });

  it("yields through the clock once 10 ms have passed on it, not otherwise", async () => {
    class CountingClock extends ManualClock {
      yields = 0;
      override yield(): Promise<void> {
        this.yields++;
        return super.yield();
      }
    }
    const still = new CountingClock();
    const a = await createStudy({ sampler: new PriorSampler(), clock: still });
    await a.optimize((t) => t.suggestFloat("x", 0, 1), { nTrials: 200 });
    expect(still.yields).toBe(0);

    const moving = new CountingClock();
    const b = await createStudy({ sampler: new PriorSampler(), clock: moving });
    await b.optimize(
      (t) => {
        moving.advance(4);
        return t.suggestFloat("x", 0, 1);
      },
      { nTrials: 30 },
    );
    // 4 ms per trial: a yield before every third trial (after 12 ms).
    expect(moving.yields).toBe(9);
  });

  it("refuses an object that is not a clock", async () => {
    await expect(
      createStudy({ sampler: new PriorSampler(), clock: { now: () => 0 } as unknown as ManualClock }),
    ).rejects.toThrow(
      /createStudy: clock must be a Clock \(now, setTimer, yield\); this object lacks setTimer, yield/,
    );
    expect(() => new InMemoryStorage({ clock: {} as ManualClock })).toThrow(
      /InMemoryStorage: clock must be a Clock/,
    );
  });
});
