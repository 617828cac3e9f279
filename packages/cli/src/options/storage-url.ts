/**
 * The `--storage` value of the CLI, read with the one URL parser of the project
 * (`parseStorageUrl` of `@tunelab/study`), with two rules of the command line:
 *
 * - `memory` is refused: every `tunelab` command is a fresh process, so an in-memory study
 *   would be gone when the command ends;
 * - a bare path naming an existing file is a journal file, as Optuna's CLI reads
 *   `--storage ./journal.log` (`optuna/cli.py`, `_get_storage`: a path that is a file is a
 *   `JournalFileBackend`), so Optuna users' commands port unchanged. A path that does not
 *   exist yet needs the `journal:` prefix, so a typo does not create a new journal.
 */
import { existsSync, statSync } from "node:fs";
import { describeStorageUrl, parseStorageUrl, type StorageUrl } from "@tunelab/study/storage";
import { UsageError } from "../exit-codes.js";

/** A storage URL the CLI opens: every kind but `memory`. */
export type CliStorageUrl = Exclude<StorageUrl, { kind: "memory" }>;

/**
 * Parses the value of `--storage` (or `TUNELAB_STORAGE`).
 * @throws UsageError naming `--storage` and the accepted forms for a malformed URL, an
 *   unknown scheme, `memory`, or a bare path that is not an existing file.
 * @example cliStorageUrl("journal:./study.log") // { kind: "journal", path: "./study.log" }
 */
export function cliStorageUrl(value: string): CliStorageUrl {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && value !== "memory") {
    if (isFile(value)) return { kind: "journal", path: value };
    throw new UsageError(
      `--storage: ${JSON.stringify(value)} has no scheme and is not an existing file (a bare path names an existing journal file, as in Optuna's CLI); write journal:${value} to create a journal, or sqlite:, postgresql://, redis://`,
    );
  }
  let url: StorageUrl;
  try {
    url = parseStorageUrl(value);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).replace(/^(parseStorageUrl|storage): /, "");
    throw new UsageError(`--storage: ${msg}`);
  }
  if (url.kind === "memory") {
    throw new UsageError(
      "--storage: memory lasts one process and every tunelab command is a new process; use journal:FILE, sqlite:FILE, postgresql://... or redis://...",
    );
  }
  return url;
}

/** The URL for messages, its password masked. */
export function showStorageUrl(url: CliStorageUrl): string {
  return describeStorageUrl(url);
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
