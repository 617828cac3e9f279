import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume, nonDominated } from "../../src/stats/hypervolume.js";

describe("hypervolume", () => {
  it("closed forms in 2 and 3 objectives", () => {
    expect(
      hypervolume(
        [
          [1, 2],
          [2, 1],
        ],
        [3, 3],
      ),
    ).toBe(3);
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(hypervolume([[2, 0]], [1, 1])).toBe(0); // outside the reference box
    expect(hypervolume([[0, 0, Number.NaN]], [1, 1, 1])).toBe(0);
  });
  it("does not depend on dominated points (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 15,
          },
        ),
        (pts) => {
          const ref = [1.1, 1.1, 1.1];
          const all = pts.map((p) => [...p]);
          expect(hypervolume(nonDominated(all), ref)).toBeCloseTo(hypervolume(all, ref), 12);
        },
      ),
    );
  });
  it("handles any number of objectives and rejects mismatched points", () => {
    // one box [1,5]×[2,5]×[3,5]×[4,5] = 4·3·2·1, plus a second box overlapping it
    expect(hypervolume([[1, 2, 3, 4]], [5, 5, 5, 5])).toBe(24);
    expect(
      hypervolume(
        [
          [1, 2, 3, 4],
          [4, 4, 4, 0],
        ],
        [5, 5, 5, 5],
      ),
    ).toBe(24 + 5 - 1);
    expect(() => hypervolume([[1]], [5, 5])).toThrow(/every point must have 2 objectives, got 1/);
  });
});
