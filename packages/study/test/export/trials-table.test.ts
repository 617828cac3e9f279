import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  categoricalDistribution,
  floatDistribution,
  intDistribution,
} from "../../src/distributions/distribution.js";
import { TrialPruned } from "../../src/errors/index.js";
import { frozenTrialFromJson, frozenTrialToJson } from "../../src/export/frozen-json.js";
import {
  formatDuration,
  trialsTable,
  trialsTableToCsv,
  trialsTableToJson,
} from "../../src/export/trials-table.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy } from "../../src/study/create.js";
import type { Study } from "../../src/study/study.js";
import { createFrozenTrial, type FrozenTrial } from "../../src/trial/frozen.js";
import type { StudyDirection, TrialState } from "../../src/trial/state.js";
import type { Trial } from "../../src/trial/trial.js";
import { PriorSampler } from "../study/helpers.js";

/** Columns Optuna 5.0 gives for the same studies (`fixtures/trials-table/optuna_columns.py`). */
const OPTUNA = JSON.parse(
  readFileSync(new URL("../fixtures/trials-table/columns.json", import.meta.url), "utf8"),
) as Record<string, string[]>;

async function run(
  directions: StudyDirection[],
  names: string[] | null,
  objective: (t: Trial) => number | number[] | Promise<number | number[]>,
): Promise<Study> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new PriorSampler(3),
    directions,
  });
  await study.optimize(objective, { nTrials: 3 });
  if (names !== null) await study.setMetricNames(names);
  return study;
}

const single = async (t: Trial): Promise<number> => {
  const x = t.suggestFloat("x", 0, 1);
  if (t.number === 1) {
    t.suggestCategorical("c", ["a", "b"]);
    t.setUserAttr("note", "hi");
  }
  t.setUserAttr("epoch", t.number);
  await t.report(x, 0);
  if (t.number === 2) throw new TrialPruned();
  return x;
};
const multi = (t: Trial): number[] => [t.suggestInt("k", 0, 3), 1];

describe("trialsTable", () => {
  it("has Optuna 5.0's columns for one and several objectives, named or not", async () => {
    expect(trialsTable(await run(["minimize"], null, single)).columns).toEqual(OPTUNA.single);
    expect(trialsTable(await run(["minimize"], ["loss"], single)).columns).toEqual(OPTUNA.single_named);
    expect(trialsTable(await run(["minimize", "maximize"], null, multi)).columns).toEqual(OPTUNA.multi);
    expect(trialsTable(await run(["minimize", "maximize"], ["err", "acc"], multi)).columns).toEqual(
      OPTUNA.multi_named,
    );
    const all = trialsTable(await run(["minimize"], null, single), {
      attrs: [
        "number",
        "value",
        "datetime_start",
        "datetime_complete",
        "duration",
        "params",
        "user_attrs",
        "system_attrs",
        "state",
        "intermediate_values",
      ],
    });
    expect(all.columns).toEqual(OPTUNA.single_all_attrs);
  });

  it("fills rows: missing cells are null, a pruned trial carries its last report as value", async () => {
    const study = await run(["minimize"], null, single);
    const { rows } = trialsTable(study);
    expect(rows.map((r) => r.state)).toEqual(["COMPLETE", "COMPLETE", "PRUNED"]);
    expect(rows[0]!.params_c).toBeNull();
    expect(rows[1]!.params_c).toMatch(/^[ab]$/);
    expect(rows[2]!.value).toBe(study.trials[2]!.intermediateValues.get(0));
    expect(rows[0]!.user_attrs_note).toBeNull();
    expect(rows[0]!.duration).toBe(study.trials[0]!.duration);
    expect(() => trialsTable(study, { attrs: ["bogus" as never] })).toThrow(/attrs must be among/);
  });

  it("writes CSV as pandas does (quoting, True/False, Timedelta durations, inf/nan)", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler() });
    const start = new Date("2026-01-02T03:04:05.000Z");
    await study.addTrial(
      createFrozenTrial({
        state: "COMPLETE",
        value: Number.POSITIVE_INFINITY,
        params: { name: 'a "quoted", text', flag: true },
        distributions: {
          name: categoricalDistribution(['a "quoted", text', "b"]),
          flag: categoricalDistribution([true, false]),
        },
        userAttrs: { list: [1, 2] },
        datetimeStart: start,
        datetimeComplete: new Date(start.getTime() + 90_061_500),
      }),
    );
    expect(trialsTableToCsv(trialsTable(study)).split("\n")).toEqual([
      "number,value,datetime_start,datetime_complete,duration,params_flag,params_name,user_attrs_list,state",
      '0,inf,2026-01-02T03:04:05.000Z,2026-01-03T04:05:06.500Z,1 days 01:01:01.500000,True,"a ""quoted"", text","[1,2]",COMPLETE',
      "",
    ]);
    const json = JSON.parse(trialsTableToJson(trialsTable(study)));
    expect(json).toEqual([
      {
        number: 0,
        value: "Infinity",
        datetime_start: "2026-01-02T03:04:05.000Z",
        datetime_complete: "2026-01-03T04:05:06.500Z",
        duration: 90_061_500,
        params_flag: true,
        params_name: 'a "quoted", text',
        user_attrs_list: [1, 2],
        state: "COMPLETE",
      },
    ]);
    expect(Object.keys(json[0])).toEqual(trialsTable(study).columns);
  });

  it("formatDuration matches pandas' Timedelta text", () => {
    expect(formatDuration(93.303)).toBe("0 days 00:00:00.093303");
    expect(formatDuration(0)).toBe("0 days 00:00:00.000000");
    expect(formatDuration(2 * 86_400_000 + 3_600_000)).toBe("2 days 01:00:00.000000");
  });
});

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const anyNumber = fc.oneof(
  finite,
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe("frozenTrialToJson / frozenTrialFromJson", () => {
  it("round-trips any trial through JSON text (property)", () => {
    const arb = fc.record({
      state: fc.constantFrom<TrialState>("COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"),
      value: fc.oneof(finite, fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)),
      x: fc.double({ min: 0, max: 1, noNaN: true }),
      k: fc.integer({ min: -5, max: 5 }),
      c: fc.constantFrom(null, true, 1, 1.5, "auto"),
      reports: fc.dictionary(fc.nat({ max: 50 }).map(String), anyNumber),
      attr: fc.jsonValue(),
      key: fc.oneof(fc.constant("__proto__"), fc.string()),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const t = createFrozenTrial({
          state: a.state,
          value: a.state === "COMPLETE" || a.state === "PRUNED" ? a.value : null,
          params: { x: a.x, k: a.k, c: a.c },
          distributions: {
            x: floatDistribution(0, 1),
            k: intDistribution(-5, 5),
            c: categoricalDistribution([null, true, 1, 1.5, "auto"]),
          },
          userAttrs: JSON.parse(JSON.stringify({ [a.key]: a.attr })),
          intermediateValues: Object.fromEntries(Object.entries(a.reports).map(([s, v]) => [Number(s), v])),
        });
        const back = frozenTrialFromJson(JSON.stringify(frozenTrialToJson(t)));
        expect(back).toEqual(t);
        expect([...back.intermediateValues]).toEqual([...t.intermediateValues]);
      }),
    );
  });

  it("JSON.stringify of a trial keeps its intermediate values", async () => {
    const study = await createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler() });
    await study.optimize(
      async (t) => {
        await t.report(0.5, 0);
        await t.report(0.25, 3);
        return 0.1;
      },
      { nTrials: 1 },
    );
    const parsed = JSON.parse(JSON.stringify(study.trials[0])) as Record<string, unknown>;
    expect(parsed.intermediateValues).toEqual({ 0: 0.5, 3: 0.25 });
  });

  it("names the field at fault in a malformed record", () => {
    const good = frozenTrialToJson({
      ...createFrozenTrial({ state: "FAIL" }),
      number: 0,
      trialId: 0,
    } as FrozenTrial);
    expect(() => frozenTrialFromJson({ ...good, version: 9 })).toThrow(/version must be 1, got 9/);
    expect(() => frozenTrialFromJson({ ...good, state: "DONE" as never })).toThrow(/unknown state "DONE"/);
    expect(() => frozenTrialFromJson({ ...good, datetimeStart: "yesterday" })).toThrow(
      /datetimeStart must be an ISO date/,
    );
    expect(() => frozenTrialFromJson({ ...good, values: ["big"] as never })).toThrow(
      /values\[0\]: expected a number/,
    );
  });
});
