import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/exit-codes.js";
import { MAX_ARRAY_INDEX, parseArraySpec } from "../../src/slurm/array-spec.js";

describe("parseArraySpec", () => {
  it("reads a range, a range with a limit, a list, a step and their mixtures", () => {
    expect(parseArraySpec("0-9")).toEqual({
      text: "0-9",
      indices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      throttle: null,
    });
    expect(parseArraySpec("0-3%2")).toEqual({ text: "0-3%2", indices: [0, 1, 2, 3], throttle: 2 });
    expect(parseArraySpec("1,3,5")).toEqual({ text: "1,3,5", indices: [1, 3, 5], throttle: null });
    expect(parseArraySpec("0-15:4").indices).toEqual([0, 4, 8, 12]);
    expect(parseArraySpec("1-3,8,10-12%4")).toEqual({
      text: "1-3,8,10-12%4",
      indices: [1, 2, 3, 8, 10, 11, 12],
      throttle: 4,
    });
    expect(parseArraySpec("7").indices).toEqual([7]);
  });

  it("counts overlapping items once and removes whitespace", () => {
    expect(parseArraySpec(" 0-3, 2-5 ").indices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(parseArraySpec(" 0-3, 2-5 ").text).toBe("0-3,2-5");
  });

  it.each([
    ["", /it is empty/],
    ["0-9%", /the limit after % must be a whole number >= 1, got ""/],
    ["0-9%0", /the limit after % must be a whole number >= 1, got "0"/],
    ["0-9%x", /the limit after %/],
    ["%2", /names no task index before %/],
    ["a-b", /"a-b" is not an index/],
    ["0..9", /"0\.\.9" is not an index/],
    ["-1", /"-1" is not an index/],
    ["1.5", /"1\.5" is not an index/],
    ["1,,2", /"" is not an index/],
    ["9-0", /the range "9-0" ends before it starts/],
    ["0-9:0", /the step of "0-9:0" must be >= 1/],
    [`0-${MAX_ARRAY_INDEX + 1}`, /is above 4000000/],
  ])("refuses %j naming --array and the accepted forms", (value, why) => {
    let error: unknown;
    try {
      parseArraySpec(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toMatch(/^--array: /);
    expect(message).toMatch(why);
    expect(message).toContain("accepted forms: 0-9, 0-9%2 (at most 2 tasks at once), 1,3,5");
    expect(message).not.toContain("\n");
  });
});
