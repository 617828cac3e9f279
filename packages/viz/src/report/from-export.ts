/**
 * A study read back from a JSON export (`tunelab study export --format json`, Optuna's
 * trials-dataframe columns: `number`, `value` / `value_<name>` / `values_<i|name>`,
 * `datetime_start`, `datetime_complete`, `duration`, `params_<name>`, `user_attrs_<key>`,
 * `system_attrs_<key>`, `state`, `intermediate_values_<step>`; see
 * packages/study/src/export/trials-table.ts), so a report or the dashboard can show a study
 * without its storage.
 *
 * An export does not hold the study's directions nor the parameters' distributions, so they are
 * given or inferred: directions default to minimize; a parameter whose values are all numbers
 * gets a float distribution over their range, on a log scale when they are all positive and
 * span at least three decades (a guess, stated in the README); any other parameter a
 * categorical one of its values in first-seen order.
 */
import {
  type CategoricalChoice,
  categoricalDistribution,
  createFrozenTrial,
  type Distribution,
  type FrozenTrial,
  floatDistribution,
  type JsonValue,
  numberFromJson,
  type ParamValue,
  type StudyDirection,
  setKey,
  TrialState,
} from "@tunelab/study";
import type { ReportStudy } from "./study-report.js";

/** Options of {@link studyFromExport}. */
export interface StudyFromExportOptions {
  /** The study's name (an export does not hold it). */
  readonly studyName: string;
  /**
   * One direction per objective.
   * @defaultValue "minimize" for each value column
   */
  readonly directions?: readonly StudyDirection[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function date(v: unknown, where: string): Date | null {
  if (v === null || v === undefined) return null;
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new TypeError(`${where}: not a date: ${JSON.stringify(v)}`);
  return d;
}

/** The distribution a column's values suggest (module comment). */
function inferDistribution(values: readonly unknown[]): Distribution {
  if (values.length > 0 && values.every((v) => typeof v === "number" && Number.isFinite(v))) {
    const xs = values as number[];
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const log = lo > 0 && hi / lo >= 1000;
    return floatDistribution(lo, hi, log ? { log: true } : {});
  }
  const choices: CategoricalChoice[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    const key = JSON.stringify(v);
    if (!seen.has(key)) {
      seen.add(key);
      choices.push(v as CategoricalChoice);
    }
  }
  return categoricalDistribution(choices);
}

/**
 * The study of a JSON export's rows.
 * @throws TypeError when `rows` is not an array of objects with a `number` and a `state`, or a
 *   cell does not parse; RangeError when `directions` does not match the value columns.
 * @example
 * ```ts
 * const study = studyFromExport(JSON.parse(readFileSync("trials.json", "utf8")), { studyName: "lr" });
 * ```
 */
export function studyFromExport(rows: unknown, options: StudyFromExportOptions): ReportStudy {
  const where = "studyFromExport";
  if (!Array.isArray(rows) || !rows.every(isRecord))
    throw new TypeError(`${where}: rows must be an array of objects (tunelab study export --format json)`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const valueColumns = columns.filter(
    (c) => c === "value" || c.startsWith("value_") || c.startsWith("values_"),
  );
  const m = Math.max(1, valueColumns.length);
  const directions = options.directions ?? Array.from({ length: m }, () => "minimize" as const);
  if (directions.length !== m)
    throw new RangeError(
      `${where}: directions must hold one direction per value column (${m}: ${valueColumns.join(", ") || "value"}), got ${directions.length}`,
    );
  const metricNames = valueColumns.some((c) => c.startsWith("value_") || /^values_(?!\d+$)/.test(c))
    ? valueColumns.map((c) => c.replace(/^values?_/, ""))
    : null;
  const paramColumns = columns.filter((c) => c.startsWith("params_"));
  const distributions = new Map<string, Distribution>();
  for (const c of paramColumns)
    distributions.set(
      c,
      inferDistribution(rows.map((r) => r[c]).filter((v) => v !== null && v !== undefined)),
    );
  const trials: FrozenTrial[] = rows.map((r, i) => {
    const at = `${where}: row ${i}`;
    if (typeof r.number !== "number" || !Number.isInteger(r.number))
      throw new TypeError(`${at}: number must be an integer, got ${JSON.stringify(r.number)}`);
    const state = r.state ?? TrialState.COMPLETE;
    if (!Object.values(TrialState).includes(state as TrialState))
      throw new TypeError(
        `${at}: state must be one of ${Object.values(TrialState).join(", ")}, got ${JSON.stringify(state)}`,
      );
    const raw = valueColumns.map((c) => r[c]);
    const values =
      raw.length > 0 && raw.every((v) => v !== null && v !== undefined)
        ? raw.map((v, k) => numberFromJson(v, `${at}: ${valueColumns[k]!}`))
        : null;
    // setKey defines own properties: a parameter or attribute named "__proto__" stays a key.
    const params: Record<string, ParamValue> = {};
    const dists: Record<string, Distribution> = {};
    const userAttrs: Record<string, JsonValue> = {};
    const systemAttrs: Record<string, JsonValue> = {};
    const intermediate = new Map<number, number>();
    for (const [c, v] of Object.entries(r)) {
      if (v === null || v === undefined) continue;
      if (c.startsWith("params_")) {
        setKey(params, c.slice(7), v as ParamValue);
        setKey(dists, c.slice(7), distributions.get(c)!);
      } else if (c.startsWith("user_attrs_")) setKey(userAttrs, c.slice(11), v as JsonValue);
      else if (c.startsWith("system_attrs_")) setKey(systemAttrs, c.slice(13), v as JsonValue);
      else if (c.startsWith("intermediate_values_")) {
        const step = Number(c.slice(20));
        if (Number.isInteger(step)) intermediate.set(step, numberFromJson(v, `${at}: ${c}`));
      }
    }
    const trial = createFrozenTrial({
      state: state as TrialState,
      values: state === TrialState.COMPLETE || state === TrialState.PRUNED ? values : null,
      params,
      distributions: dists,
      userAttrs,
      systemAttrs,
      intermediateValues: intermediate,
      datetimeStart: date(r.datetime_start, `${at}: datetime_start`),
      datetimeComplete: date(r.datetime_complete, `${at}: datetime_complete`),
    });
    return { ...trial, number: r.number, trialId: r.number };
  });
  return { studyName: options.studyName, directions, trials, metricNames };
}
