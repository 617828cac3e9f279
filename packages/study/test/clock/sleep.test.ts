import { describe, expect, it } from "vitest";
import { systemClock } from "../../src/clock/clock.js";
import { ManualClock } from "../../src/clock/manual.js";
import { sleep } from "../../src/clock/sleep.js";

describe("sleep(clock, ms, signal?)", () => {
  it("resolves when the clock reaches the time", async () => {
    const clock = new ManualClock();
    let done = false;
    const p = sleep(clock, 1000).then(() => {
      done = true;
    });
    clock.advance(999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await p;
    expect(done).toBe(true);
  });

  it("rejects with the signal's reason when it aborts first, and cancels its timer", async () => {
    const clock = new ManualClock();
    const ac = new AbortController();
    const p = sleep(clock, 1000, ac.signal);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(clock.pendingTimers).toBe(0);
  });

  it("rejects at once on an aborted signal", async () => {
    await expect(sleep(new ManualClock(), 10, AbortSignal.abort("gone"))).rejects.toBe("gone");
  });

  it("works on the system clock", async () => {
    await sleep(systemClock, 1);
  });
});
