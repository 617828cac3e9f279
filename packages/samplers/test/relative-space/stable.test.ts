import { categoricalDistribution, floatDistribution, intDistribution } from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { StableRelativeSpace } from "../../src/relative-space/index.js";

describe("StableRelativeSpace", () => {
  it("keeps the same object while the content is unchanged, and drops single values and what keep refuses", () => {
    const s = new StableRelativeSpace((d) => d.kind !== "categorical");
    const first = s.update({
      x: floatDistribution(0, 1),
      one: intDistribution(3, 3),
      c: categoricalDistribution(["a", "b"]),
    });
    expect(Object.keys(first)).toEqual(["x"]);
    // A new intersection object with the same content: the same relative object.
    expect(s.update({ x: floatDistribution(0, 1), c: categoricalDistribution(["a", "b"]) })).toBe(first);
    const widened = s.update({ x: floatDistribution(0, 2) });
    expect(widened).not.toBe(first);
    expect(widened.x).toEqual(floatDistribution(0, 2));
    const grown = s.update({ x: floatDistribution(0, 2), y: floatDistribution(0, 1) });
    expect(Object.keys(grown)).toEqual(["x", "y"]);
    expect(Object.keys(s.update({ y: floatDistribution(0, 1) }))).toEqual(["y"]);
  });
});
