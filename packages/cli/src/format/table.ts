/**
 * A table for a terminal, drawn as Optuna's CLI draws `--format table` (`optuna/cli.py`,
 * `_dump_table`): `+---+` rules, a header row, numbers right-aligned, text left-aligned,
 * missing cells blank.
 */
import type { TrialsTable, TrialsTableCell } from "@tunelab/study/export";

/**
 * The text of one cell: numbers as JavaScript prints them (`NaN`, `Infinity` included), dates
 * as ISO 8601 UTC, the `duration` column (milliseconds) as `H:MM:SS.ffffff` like Python's
 * timedelta, attribute values that are arrays or objects as JSON, null as blank.
 */
export function cellText(column: string, v: TrialsTableCell): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return column === "duration" ? timedeltaText(v) : String(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  return JSON.stringify(v);
}

/** Milliseconds as Python prints a timedelta: `0:00:01.500000`, `2 days, 3:04:05.000000`. */
export function timedeltaText(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const micros = Math.round(Math.abs(ms) * 1000);
  const days = Math.floor(micros / 86_400_000_000);
  let rest = micros - days * 86_400_000_000;
  const h = Math.floor(rest / 3_600_000_000);
  rest -= h * 3_600_000_000;
  const m = Math.floor(rest / 60_000_000);
  rest -= m * 60_000_000;
  const s = Math.floor(rest / 1_000_000);
  const us = rest - s * 1_000_000;
  const two = (n: number): string => String(n).padStart(2, "0");
  const dayText = days === 0 ? "" : `${days} day${days === 1 ? "" : "s"}, `;
  return `${sign}${dayText}${h}:${two(m)}:${two(s)}.${String(us).padStart(6, "0")}`;
}

/**
 * The table as text, one line per row between rules, ending with a newline.
 * @example renderTable({ columns: ["number", "value"], rows: [{ number: 0, value: 1.5 }] })
 */
export function renderTable(table: TrialsTable): string {
  const { columns, rows } = table;
  const texts = rows.map((row) => columns.map((c) => cellText(c, Object.hasOwn(row, c) ? row[c]! : null)));
  const numeric = columns.map((c) =>
    rows.every((row) => {
      const v = Object.hasOwn(row, c) ? row[c] : null;
      return v === null || v === undefined || (typeof v === "number" && c !== "duration");
    }),
  );
  const widths = columns.map((c, j) => Math.max(c.length, ...texts.map((t) => (t[j] ?? "").length)));
  const pad = (text: string, j: number): string =>
    numeric[j] ? text.padStart(widths[j]!) : text.padEnd(widths[j]!);
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (cells: readonly string[]): string => `| ${cells.map((t, j) => pad(t, j)).join(" | ")} |`;
  const out = [rule, line(columns), rule, ...texts.map(line), rule];
  return `${out.join("\n")}\n`;
}
