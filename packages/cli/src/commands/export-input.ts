/**
 * A study read from a JSON export file (`tunelab study export --format json`), for the
 * commands that show a study (`report-html`, `dashboard`): its name is `--study` or the
 * file's base name, its directions `--directions` (default minimize).
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { StudyDirection } from "@tunelab/study";
import type { ReportStudy } from "@tunelab/viz/report";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { STUDY_ENV } from "../options/study-options.js";

/** The options the export reader reads. */
export interface ExportInputOptions {
  readonly study?: string;
  readonly studyName?: string;
  readonly directions?: readonly string[];
}

/**
 * Reads the export at `path`.
 * @throws CliError naming `--from-json` when the file cannot be read or parsed; UsageError
 *   naming `--directions` for a direction that is not minimize or maximize.
 */
export async function studyFromJsonExport(
  path: string,
  opts: ExportInputOptions,
  io: CliIo,
): Promise<ReportStudy> {
  const dirs = opts.directions;
  for (const d of dirs ?? [])
    if (d !== "minimize" && d !== "maximize")
      throw new UsageError(`--directions: each must be minimize or maximize, got ${JSON.stringify(d)}`);
  let rows: unknown;
  try {
    rows = JSON.parse(await readFile(path, "utf8"));
  } catch (e) {
    throw new CliError(
      `--from-json: cannot read ${JSON.stringify(path)}: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  const studyName = opts.study ?? opts.studyName ?? io.env[STUDY_ENV] ?? basename(path, extname(path));
  const { studyFromExport } = await import("@tunelab/viz/report");
  try {
    return studyFromExport(rows, {
      studyName,
      ...(dirs === undefined ? {} : { directions: dirs as StudyDirection[] }),
    });
  } catch (e) {
    throw new CliError(`--from-json: ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
}
