/**
 * The two options every study command takes: `--storage <url>` and `--study <name>`, with
 * the environment variables `TUNELAB_STORAGE` and `TUNELAB_STUDY` as fallbacks (a flag wins
 * over the environment). Optuna's spellings `--study-name` is accepted as a hidden alias.
 */
import { type Command, Option } from "commander";
import { UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";

/** The environment variable read when `--storage` is not given. */
export const STORAGE_ENV = "TUNELAB_STORAGE";
/** The environment variable read when `--study` is not given. */
export const STUDY_ENV = "TUNELAB_STUDY";

/** Where a command's study lives: a storage URL and a study name. */
export interface StudyTarget {
  /** The storage URL (`journal:./study.log`, `sqlite:./study.db`, `postgresql://...`, `redis://...`). */
  readonly storage: string;
  /** The study's name. */
  readonly study: string;
}

/** The parsed options {@link addStudyOptions} adds (commander's camel-cased keys). */
export interface StudyOptionValues {
  /** `--storage`. @defaultValue `$TUNELAB_STORAGE` */
  readonly storage?: string;
  /** `--study`. @defaultValue `$TUNELAB_STUDY` */
  readonly study?: string;
  /** `--study-name`, Optuna's spelling of `--study` (hidden). */
  readonly studyName?: string;
}

/**
 * Adds `--storage <url>` and `--study <name>` (and the hidden alias `--study-name <name>`)
 * to `cmd`, and returns `cmd`.
 * @example addStudyOptions(program.command("trials")).action(async (opts) => { ... })
 */
export function addStudyOptions(cmd: Command): Command {
  return addStorageOption(cmd)
    .option("--study <name>", `the study's name (default: $${STUDY_ENV})`)
    .addOption(new Option("--study-name <name>", "Optuna's spelling of --study").hideHelp());
}

/** Adds only `--storage <url>` (for commands that span studies, e.g. `study list`). */
export function addStorageOption(cmd: Command): Command {
  return cmd.option(
    "--storage <url>",
    `storage URL: journal:FILE, sqlite:FILE, postgresql://..., redis://... (default: $${STORAGE_ENV})`,
  );
}

/**
 * The storage URL: `--storage`, else `$TUNELAB_STORAGE`.
 * @throws UsageError naming `--storage` and `TUNELAB_STORAGE` when neither is set.
 */
export function storageTarget(opts: StudyOptionValues, io: CliIo): string {
  const storage = nonEmpty(opts.storage) ?? nonEmpty(io.env[STORAGE_ENV]);
  if (storage === undefined) {
    throw new UsageError(
      `--storage: a storage URL is required (e.g. --storage journal:./study.log), or set ${STORAGE_ENV}`,
    );
  }
  return storage;
}

/**
 * The storage URL and study name: each flag, else its environment variable.
 * @throws UsageError naming the flag and the variable when one of them is missing.
 */
export function studyTarget(opts: StudyOptionValues, io: CliIo): StudyTarget {
  const storage = storageTarget(opts, io);
  const study = nonEmpty(opts.study) ?? nonEmpty(opts.studyName) ?? nonEmpty(io.env[STUDY_ENV]);
  if (study === undefined) {
    throw new UsageError(`--study: a study name is required (e.g. --study my-study), or set ${STUDY_ENV}`);
  }
  return { storage, study };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === "" ? undefined : s;
}
