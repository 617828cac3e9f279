import { describe, expect, it } from "vitest";
import { studyFromExport } from "../../src/report/index.js";

const ROWS = [
  {
    number: 0,
    value: 1.5,
    params_lr: 0.0001,
    params_opt: "adam",
    params___proto__: 1,
    state: "COMPLETE",
    intermediate_values_0: 3,
    intermediate_values_1: "NaN",
    user_attrs_k: "v",
    datetime_start: "2026-01-01T00:00:00.000Z",
    datetime_complete: "2026-01-01T00:00:30.000Z",
  },
  { number: 1, value: null, params_lr: 0.5, params_opt: "<b>sgd</b>", state: "FAIL" },
  { number: 2, value: 0.25, params_lr: 0.01, state: "COMPLETE" },
];

describe("studyFromExport", () => {
  it("reads back trials: values, states, params with inferred distributions, curves, attrs, dates", () => {
    const s = studyFromExport(ROWS, { studyName: "x" });
    expect(s.directions).toEqual(["minimize"]);
    expect(s.trials.map((t) => [t.number, t.state, t.values])).toEqual([
      [0, "COMPLETE", [1.5]],
      [1, "FAIL", null],
      [2, "COMPLETE", [0.25]],
    ]);
    const t0 = s.trials[0]!;
    expect(t0.distributions.lr).toMatchObject({ kind: "float", low: 0.0001, high: 0.5, log: true });
    expect(t0.distributions.opt).toMatchObject({ kind: "categorical", choices: ["adam", "<b>sgd</b>"] });
    expect(Object.hasOwn(t0.params, "__proto__")).toBe(true);
    expect([...t0.intermediateValues.entries()]).toEqual([
      [0, 3],
      [1, Number.NaN],
    ]);
    expect(t0.userAttrs).toEqual({ k: "v" });
    expect(t0.duration).toBe(30_000);
    expect(s.trials[2]!.params).toEqual({ lr: 0.01 });
  });

  it("reads several objectives and their names; checks the directions' count", () => {
    const rows = [{ number: 0, values_acc: 0.9, values_size: 3, state: "COMPLETE" }];
    const s = studyFromExport(rows, { studyName: "m", directions: ["maximize", "minimize"] });
    expect(s.metricNames).toEqual(["acc", "size"]);
    expect(s.trials[0]!.values).toEqual([0.9, 3]);
    expect(() => studyFromExport(rows, { studyName: "m", directions: ["maximize"] })).toThrow(
      /studyFromExport: directions must hold one direction per value column \(2: values_acc, values_size\), got 1/,
    );
  });

  it("refuses what is not an export", () => {
    expect(() => studyFromExport({ a: 1 }, { studyName: "x" })).toThrow(/rows must be an array of objects/);
    expect(() => studyFromExport([{ number: "a" }], { studyName: "x" })).toThrow(
      /row 0: number must be an integer/,
    );
    expect(() => studyFromExport([{ number: 0, state: "DONE" }], { studyName: "x" })).toThrow(
      /row 0: state must be one of/,
    );
  });
});
