/**
 * Writes a table of trials (or of studies) in the format `--format` chose: the terminal
 * table, the CSV and JSON of the study package's trials table (`trialsTableToCsv`,
 * `trialsTableToJson`: Optuna's trials-dataframe columns, one flat key per column as
 * `optuna trials --flatten` prints them).
 */
import { type TrialsTable, trialsTableToCsv, trialsTableToJson } from "@tunelab/study/export";
import type { OutputFormat } from "./format-option.js";
import { renderTable } from "./table.js";

/**
 * The text of `table` in `format`. With `single`, JSON is the one row's object rather than
 * an array (as `optuna best-trial` prints it).
 */
export function formatTable(table: TrialsTable, format: OutputFormat, single = false): string {
  switch (format) {
    case "table":
      return renderTable(table);
    case "csv":
      return trialsTableToCsv(table);
    case "json": {
      const text = trialsTableToJson(table);
      // One row: its object, without the array's brackets.
      return `${single && table.rows.length === 1 ? text.slice(1, -1) : text}\n`;
    }
  }
}
