import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hypervolume } from "../../src/pareto/hypervolume.js";

// Reference values: Optuna 3.1's exact WFG (`optuna._hypervolume.WFG`), Debian 12, made by
// fixtures/stats/stats.py with the statistics references (same random stream, so they stay in
// that file).
const fx = JSON.parse(readFileSync(new URL("../fixtures/stats/stats.json", import.meta.url), "utf8")) as {
  hypervolume: { points: number[][]; reference: number[]; value: number }[];
};

/** a equals b to a relative tolerance (so 0 only equals 0). */
const close = (a: number, b: number, rel: number): void => {
  if (Math.abs(a - b) > rel * Math.abs(b)) expect(a).toBe(b);
};

describe("hypervolume matches Optuna's WFG", () => {
  fx.hypervolume.forEach((c, i) => {
    it(`case ${i} (${c.points.length} points, ${c.reference.length} objectives)`, () => {
      const m = c.reference.length;
      close(hypervolume(Float64Array.from(c.points.flat()), m, c.reference), c.value, 1e-12);
    });
  });
});
