import { describe, expect, it } from "vitest";
import { cellText, renderTable, timedeltaText } from "../../src/format/table.js";
import { formatTable } from "../../src/format/write-table.js";

const table = {
  columns: ["number", "value", "duration", "params_opt", "state"],
  rows: [
    { number: 0, value: 0.5, duration: 1500, params_opt: "adam", state: "COMPLETE" },
    { number: 1, value: null, duration: null, params_opt: null, state: "RUNNING" },
  ],
};

describe("renderTable", () => {
  it("draws Optuna's CLI table: rules, numbers right-aligned, text left-aligned, blanks for null", () => {
    expect(renderTable(table)).toBe(
      [
        "+--------+-------+----------------+------------+----------+",
        "| number | value | duration       | params_opt | state    |",
        "+--------+-------+----------------+------------+----------+",
        "|      0 |   0.5 | 0:00:01.500000 | adam       | COMPLETE |",
        "|      1 |       |                |            | RUNNING  |",
        "+--------+-------+----------------+------------+----------+",
        "",
      ].join("\n"),
    );
  });

  it("draws a table without rows as its header", () => {
    expect(renderTable({ columns: ["name"], rows: [] })).toBe("+------+\n| name |\n+------+\n+------+\n");
  });
});

describe("cellText and timedeltaText", () => {
  it("writes dates as ISO 8601, objects as JSON, non-finite numbers as JavaScript prints them", () => {
    expect(cellText("datetime_start", new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe(
      "2026-01-02T03:04:05.000Z",
    );
    expect(cellText("user_attrs_a", { k: [1, 2] })).toBe('{"k":[1,2]}');
    expect(cellText("value", Number.NaN)).toBe("NaN");
    expect(cellText("value", Number.NEGATIVE_INFINITY)).toBe("-Infinity");
    expect(cellText("flag", true)).toBe("True");
  });

  it("writes durations as Python's timedelta", () => {
    expect(timedeltaText(0)).toBe("0:00:00.000000");
    expect(timedeltaText(3_723_004.5)).toBe("1:02:03.004500");
    expect(timedeltaText(86_400_000 * 2 + 1)).toBe("2 days, 0:00:00.001000");
  });
});

describe("formatTable", () => {
  it("writes CSV and JSON through the study package's trials table", () => {
    expect(formatTable(table, "csv")).toBe(
      "number,value,duration,params_opt,state\n0,0.5,0 days 00:00:01.500000,adam,COMPLETE\n1,,,,RUNNING\n",
    );
    expect(JSON.parse(formatTable(table, "json"))).toEqual([
      { number: 0, value: 0.5, duration: 1500, params_opt: "adam", state: "COMPLETE" },
      { number: 1, value: null, duration: null, params_opt: null, state: "RUNNING" },
    ]);
  });

  it("writes one row's object for a single trial", () => {
    const one = { columns: table.columns, rows: [table.rows[0]!] };
    expect(JSON.parse(formatTable(one, "json", true))).toEqual(table.rows[0]);
  });
});
