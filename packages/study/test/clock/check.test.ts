import { describe, expect, it } from "vitest";
import { checkClock } from "../../src/clock/check.js";
import { systemClock } from "../../src/clock/clock.js";

describe("checkClock", () => {
  it("accepts a clock and names what a non-clock lacks", () => {
    expect(checkClock("here", systemClock)).toBe(systemClock);
    expect(() => checkClock("createStudy", null)).toThrow(
      /createStudy: clock must be a Clock \(now, setTimer, yield\), got null/,
    );
    expect(() => checkClock("createStudy", { now: () => 0 })).toThrow(/this object lacks setTimer, yield/);
  });
});
