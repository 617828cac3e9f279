/**
 * Our BBOB instances are COCO's: values at points from COCO's own regression data
 * (fixtures/coco_bbob_regression.json, transcribed from numbbo/coco's
 * regression_test_2data_for_suite_bbob.py; see its "source" field), covering all 24 functions
 * in 2, 3, 5 and 10 dimensions and instances 1-5 and 51-60.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bbob } from "../../src/bbob/index.js";

interface Fixture {
  readonly dimensions: number[];
  readonly instances: number[];
  readonly entries: [number, number[], number][];
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/coco_bbob_regression.json", import.meta.url), "utf8"),
) as Fixture;

const cases = fixture.entries.map(([index, x, f]) => {
  const d = fixture.dimensions[Math.floor(index / 360)]!;
  const rem = index % 360;
  const fid = Math.floor(rem / 15) + 1;
  const instance = fixture.instances[rem % 15];
  return { name: `f${fid} d${d} i${instance} (#${index})`, fid, d, instance, x, f };
});

describe("bbob matches COCO's regression data", () => {
  it("covers all 24 functions", () => {
    expect(new Set(cases.map((c) => c.fid)).size).toBe(24);
  });

  it.each(cases)("$name", ({ fid, d, instance, x, f }) => {
    const fn = bbob(fid, d, { instance });
    expect(Math.abs(fn.evaluateVector(Float64Array.from(x)) - f)).toBeLessThanOrEqual(
      1e-10 * Math.max(1, Math.abs(f)),
    );
  });
});
