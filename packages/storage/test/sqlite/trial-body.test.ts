/**
 * encodeTrialBody / decodeTrialRow: a trial reads back exactly (numbers that JSON lacks, a
 * categorical's index and choices, user keys such as "__proto__"); each distinct distribution
 * is written once; bodies written at schema version 1 are still read; a row this module did
 * not write is an error naming the file and the trial.
 */
import {
  categoricalDistribution,
  createFrozenTrial,
  distributionToJson,
  floatDistribution,
  frozenTrialToJson,
  intDistribution,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { SqliteStorageError } from "../../src/sqlite/index.js";
import { decodeTrialRow, encodeTrialBody, type TrialRow, timeOf } from "../../src/sqlite/trial-body.js";

const f = floatDistribution(-10, 10);
const trial = {
  ...createFrozenTrial({
    state: "COMPLETE",
    values: [Number.NEGATIVE_INFINITY, -0],
    params: { a: 1.5, b: -2, n: 8, c: null, ["__proto__"]: 0.25 },
    distributions: {
      a: f,
      b: f,
      n: intDistribution(1, 64, { log: true }),
      c: categoricalDistribution(["x", null, 2.5]),
      ["__proto__"]: f,
    },
    userAttrs: { constructor: "kept" },
    systemAttrs: { fixed_params: { a: 1.5 } },
    intermediateValues: { 3: Number.POSITIVE_INFINITY, 0: 1 },
    datetimeStart: new Date(1000),
    datetimeComplete: new Date(2500),
  }),
  number: 4,
  trialId: 9,
};

const rowOf = (body: string): TrialRow => ({
  trial_id: 9,
  number: 4,
  state: "COMPLETE",
  datetime_start: timeOf(trial.datetimeStart),
  datetime_complete: timeOf(trial.datetimeComplete),
  body,
});

describe("encodeTrialBody and decodeTrialRow", () => {
  it("read a trial back exactly", () => {
    const back = decodeTrialRow(rowOf(encodeTrialBody(trial)), "/db");
    expect(frozenTrialToJson(back)).toEqual(frozenTrialToJson(trial));
    expect(Object.is(back.values?.[1], -0)).toBe(true);
    expect(back.params.c).toBeNull();
    expect(Object.keys(back.params)).toContain("__proto__");
  });

  it("write each distinct distribution once and name it by index", () => {
    const body = JSON.parse(encodeTrialBody(trial)) as {
      params: Record<string, [unknown, number]>;
      distributions: unknown[];
    };
    expect(body.distributions).toHaveLength(3); // f (a, b, __proto__), n's, c's
    expect(body.params.a?.[1]).toBe(body.params.b?.[1]);
    expect(body.distributions[body.params.n?.[1] ?? -1]).toEqual(distributionToJson(trial.distributions.n!));
  });

  it("read a body written at schema version 1 (each parameter with its distribution)", () => {
    const v1 = JSON.stringify({
      values: ["-Infinity", "-0"],
      params: Object.fromEntries(
        Object.keys(trial.internalParams).map((k) => [
          k,
          [trial.internalParams[k], distributionToJson(trial.distributions[k]!)],
        ]),
      ),
      userAttrs: trial.userAttrs,
      systemAttrs: trial.systemAttrs,
      intermediateValues: [
        [0, 1],
        [3, "Infinity"],
      ],
    });
    expect(frozenTrialToJson(decodeTrialRow(rowOf(v1), "/db"))).toEqual(frozenTrialToJson(trial));
  });

  it("refuse a row it did not write, naming the file and the trial", () => {
    for (const body of ["not json", '{"values":null,"params":{"x":[1,5]},"distributions":[]}']) {
      let error: unknown;
      try {
        decodeTrialRow(rowOf(body), "/data/study.db");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SqliteStorageError);
      expect((error as Error).message).toMatch(
        /\/data\/study\.db: trial 4 \(id 9\) holds a row this storage did not write/,
      );
    }
  });
});
