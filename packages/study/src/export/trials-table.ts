/**
 * The trials of a study as a table with Optuna's `trials_dataframe` columns, and its CSV and
 * JSON forms, so scripts written for Optuna's exports read ours.
 *
 * Columns, in order (as Optuna 5.0 names them): `number`; `value` (one objective),
 * `value_<name>` (one named objective), `values_0`, `values_1`, … or `values_<name>`
 * (several); `datetime_start`, `datetime_complete`, `duration`; `params_<name>` (sorted);
 * `user_attrs_<key>` (sorted); `system_attrs_<key>` (only when asked for); `state`;
 * `intermediate_values_<step>` (only when asked for). Checked against Optuna 5.0 in
 * `test/export/trials-table.test.ts`.
 *
 * Differences from pandas' output, and why: dates are ISO 8601 in UTC
 * (`2026-12-06T07:04:51.568Z`, pandas writes local time without a zone); in JSON, `duration`
 * is milliseconds and non-finite numbers are the strings "NaN", "Infinity", "-Infinity"
 * (JSON has no such numbers); in CSV they are `nan`, `inf`, `-inf` as pandas writes them.
 */

import { hasKey, setKey } from "../records/index.js";
import type { FrozenTrial } from "../trial/frozen.js";
import type { JsonValue, StudyDirection } from "../trial/state.js";
import { numberToJson } from "./number-json.js";

/** The groups of columns a trials table can hold (Optuna's `attrs`). */
export type TrialsTableAttr =
  | "number"
  | "value"
  | "datetime_start"
  | "datetime_complete"
  | "duration"
  | "params"
  | "user_attrs"
  | "system_attrs"
  | "state"
  | "intermediate_values";

const ALL_ATTRS: readonly TrialsTableAttr[] = [
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
];

/** Optuna 5.0's default attrs: everything but system attributes and intermediate values. */
export const DEFAULT_TRIALS_TABLE_ATTRS: readonly TrialsTableAttr[] = ALL_ATTRS.filter(
  (a) => a !== "system_attrs" && a !== "intermediate_values",
);

/** A cell: a number, a string, a boolean, null (missing), or a JSON value (an attribute). */
export type TrialsTableCell = JsonValue | Date;

/** A table of trials: its columns in order, and one row per trial (missing cells are null). */
export interface TrialsTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, TrialsTableCell>>[];
}

/** What {@link trialsTable} needs of a study. */
export interface TrialsTableSource {
  readonly directions: readonly StudyDirection[];
  readonly metricNames: readonly string[] | null;
  readonly trials: readonly FrozenTrial[];
}

/** Options of {@link trialsTable}. */
export interface TrialsTableOptions {
  /** Column groups, in the order Optuna lays them out. @defaultValue {@link DEFAULT_TRIALS_TABLE_ATTRS} */
  readonly attrs?: readonly TrialsTableAttr[];
}

/**
 * The trials of `study` as rows with Optuna's trials-dataframe columns.
 * @throws RangeError for an unknown attr.
 * @example
 * ```ts
 * const table = trialsTable(study);
 * await writeFile("trials.csv", trialsTableToCsv(table));
 * ```
 */
export function trialsTable(study: TrialsTableSource, options: TrialsTableOptions = {}): TrialsTable {
  const attrs = new Set(options.attrs ?? DEFAULT_TRIALS_TABLE_ATTRS);
  for (const a of attrs) {
    if (!ALL_ATTRS.includes(a)) {
      throw new RangeError(
        `trialsTable: attrs must be among ${ALL_ATTRS.join(", ")}, got ${JSON.stringify(a)}`,
      );
    }
  }
  const trials = study.trials;
  const m = study.directions.length;
  const names = study.metricNames;
  const valueColumns =
    m === 1
      ? [names === null ? "value" : `value_${names[0]}`]
      : Array.from({ length: m }, (_, i) => `values_${names === null ? i : names[i]}`);
  const keys = (pick: (t: FrozenTrial) => Iterable<string>): string[] => {
    const set = new Set<string>();
    for (const t of trials) for (const k of pick(t)) set.add(k);
    return [...set].sort();
  };
  const paramNames = attrs.has("params") ? keys((t) => Object.keys(t.params)) : [];
  const userKeys = attrs.has("user_attrs") ? keys((t) => Object.keys(t.userAttrs)) : [];
  const systemKeys = attrs.has("system_attrs") ? keys((t) => Object.keys(t.systemAttrs)) : [];
  const steps = attrs.has("intermediate_values")
    ? [...new Set(trials.flatMap((t) => [...t.intermediateValues.keys()]))].sort((a, b) => a - b)
    : [];

  const columns: string[] = [];
  for (const a of ALL_ATTRS) {
    if (!attrs.has(a)) continue;
    if (a === "value") columns.push(...valueColumns);
    else if (a === "params") columns.push(...paramNames.map((n) => `params_${n}`));
    else if (a === "user_attrs") columns.push(...userKeys.map((k) => `user_attrs_${k}`));
    else if (a === "system_attrs") columns.push(...systemKeys.map((k) => `system_attrs_${k}`));
    else if (a === "intermediate_values") columns.push(...steps.map((s) => `intermediate_values_${s}`));
    else columns.push(a);
  }

  const rows = trials.map((t) => {
    const row = new Map<string, TrialsTableCell>();
    if (attrs.has("number")) row.set("number", t.number);
    if (attrs.has("value")) for (const [i, c] of valueColumns.entries()) row.set(c, t.values?.[i] ?? null);
    if (attrs.has("datetime_start")) row.set("datetime_start", t.datetimeStart);
    if (attrs.has("datetime_complete")) row.set("datetime_complete", t.datetimeComplete);
    if (attrs.has("duration")) row.set("duration", t.duration);
    for (const n of paramNames) if (hasKey(t.params, n)) row.set(`params_${n}`, t.params[n]!);
    for (const k of userKeys) if (hasKey(t.userAttrs, k)) row.set(`user_attrs_${k}`, t.userAttrs[k]!);
    for (const k of systemKeys) if (hasKey(t.systemAttrs, k)) row.set(`system_attrs_${k}`, t.systemAttrs[k]!);
    if (attrs.has("state")) row.set("state", t.state);
    for (const s of steps) {
      const v = t.intermediateValues.get(s);
      if (v !== undefined) row.set(`intermediate_values_${s}`, v);
    }
    const out: Record<string, TrialsTableCell> = {};
    for (const c of columns) setKey(out, c, row.get(c) ?? null);
    return out;
  });
  return { columns, rows };
}

/** A duration in milliseconds as pandas prints a Timedelta: `0 days 00:00:01.500000`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const micros = Math.round((rest - seconds * 1000) * 1000);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${sign}${days} days ${two(hours)}:${two(minutes)}:${two(seconds)}.${String(micros).padStart(6, "0")}`;
}

function csvCell(column: string, v: TrialsTableCell): string {
  let text: string;
  if (v === null) return "";
  if (v instanceof Date) text = v.toISOString();
  else if (typeof v === "number") {
    if (column === "duration") text = formatDuration(v);
    else
      text = Number.isNaN(v)
        ? "nan"
        : v === Number.POSITIVE_INFINITY
          ? "inf"
          : v === Number.NEGATIVE_INFINITY
            ? "-inf"
            : String(v);
  } else if (typeof v === "string") text = v;
  else if (typeof v === "boolean") text = v ? "True" : "False";
  else text = JSON.stringify(v);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The table as CSV (RFC 4180 quoting, a header line, `\n` line ends). Booleans are written
 * `True`/`False` and durations as pandas Timedeltas, as pandas' `to_csv` does; attribute
 * values that are arrays or objects are written as JSON.
 */
export function trialsTableToCsv(table: TrialsTable): string {
  const lines = [table.columns.map((c) => csvCell("", c)).join(",")];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(c, getCell(row, c))).join(","));
  return `${lines.join("\n")}\n`;
}

function getCell(row: Readonly<Record<string, TrialsTableCell>>, column: string): TrialsTableCell {
  return hasKey(row, column) ? row[column]! : null;
}

function jsonCell(v: TrialsTableCell): JsonValue {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return numberToJson(v);
  return v;
}

/**
 * The table as a JSON array of row objects (pandas' `orient="records"`), keys in column
 * order; dates as ISO strings, durations in milliseconds, non-finite numbers as strings.
 */
export function trialsTableToJson(table: TrialsTable): string {
  const out = table.rows.map((row) => {
    const o: Record<string, JsonValue> = {};
    for (const c of table.columns) setKey(o, c, jsonCell(getCell(row, c)));
    return o;
  });
  return JSON.stringify(out);
}
