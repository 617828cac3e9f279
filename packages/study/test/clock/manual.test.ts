import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock/manual.js";

describe("ManualClock", () => {
  it("starts at the given time (0 by default) and moves only through advance", () => {
    expect(new ManualClock().now()).toBe(0);
    const clock = new ManualClock({ start: 1_700_000_000_000 });
    expect(clock.now()).toBe(1_700_000_000_000);
    clock.advance(1.5);
    expect(clock.now()).toBe(1_700_000_000_001.5);
  });

  it("fires timers in order of due time, ties in the order they were set, each at its own time", () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    clock.setTimer(30, () => fired.push(`c@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`a@${clock.now()}`));
    clock.setTimer(10, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(31, () => fired.push("late"));
    expect(clock.pendingTimers).toBe(4);
    expect(clock.nextTimerAt).toBe(10);
    clock.advance(30);
    expect(fired).toEqual(["a@10", "b@10", "c@30"]);
    expect(clock.now()).toBe(30);
    expect(clock.nextTimerAt).toBe(31);
  });

  it("fires a timer set by a callback in the same advance when it falls due within it", () => {
    const clock = new ManualClock();
    const fired: number[] = [];
    clock.setTimer(5, () => {
      fired.push(clock.now());
      clock.setTimer(5, () => fired.push(clock.now()));
      clock.setTimer(50, () => fired.push(clock.now()));
    });
    clock.advance(20);
    expect(fired).toEqual([5, 10]);
    expect(clock.pendingTimers).toBe(1);
  });

  it("cancels a timer (twice is harmless); a negative or NaN delay counts as 0", () => {
    const clock = new ManualClock();
    const fired: string[] = [];
    const cancel = clock.setTimer(10, () => fired.push("cancelled"));
    clock.setTimer(-5, () => fired.push("negative"));
    clock.setTimer(Number.NaN, () => fired.push("nan"));
    cancel();
    cancel();
    clock.advance(0);
    expect(fired).toEqual(["negative", "nan"]);
    clock.advance(100);
    expect(fired).toEqual(["negative", "nan"]);
    expect(clock.nextTimerAt).toBeNull();
  });

  it("validates its arguments", () => {
    expect(() => new ManualClock({ start: Number.NaN })).toThrow(
      /ManualClock: start must be a finite number of milliseconds, got NaN/,
    );
    const clock = new ManualClock();
    expect(() => clock.advance(-1)).toThrow(/ManualClock.advance: ms must be a finite number >= 0, got -1/);
    expect(() => clock.advance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it("yield() resolves without moving the clock", async () => {
    const clock = new ManualClock({ start: 5 });
    await clock.yield();
    expect(clock.now()).toBe(5);
  });
});
