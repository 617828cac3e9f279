/**
 * Opens the study of a command (`--storage`, `--study`), runs the command's work on it, and
 * closes the storage (its file lock, its connections) however the work ends. Errors of the
 * storage and the study layer become one-line CLI errors naming the flag at fault.
 */
import { existsSync } from "node:fs";
import {
  loadStudy,
  type Pruner,
  type Sampler,
  type Storage,
  type Study,
  StudyNotFoundError,
  setLogHandler,
  setLogLevel,
} from "@tunelab/study";
import { CliError, UsageError } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { StoragePool } from "../server/storage-pool.js";
import { openStorage } from "./open-storage.js";
import { READ_ONLY_SAMPLER } from "./read-only-sampler.js";
import { type CliStorageUrl, cliStorageUrl, showStorageUrl } from "./storage-url.js";
import type { StudyTarget } from "./study-options.js";

/** How a command opens its study. */
export interface OpenStudyOptions {
  /**
   * Makes the study's sampler from its system attributes (the choice stored at `study
   * create`). @defaultValue a sampler that refuses to sample (for commands that do not ask)
   */
  readonly sampler?: (systemAttrs: Study["systemAttrs"]) => Promise<Sampler>;
  /** Makes the study's pruner from its system attributes. @defaultValue NopPruner */
  readonly pruner?: (systemAttrs: Study["systemAttrs"]) => Promise<Pruner>;
  /**
   * Refuse a journal or SQLite file that does not exist instead of creating it (commands
   * that only read). @defaultValue true
   */
  readonly mustExist?: boolean;
}

/**
 * Sends the study layer's log records to the command's standard error, at the level of
 * `TUNELAB_LOG_LEVEL` (default `warn`: the one-line-per-trial `info` records of `optimize`
 * are noise in a shell loop of `ask`/`tell`).
 * @throws UsageError naming `TUNELAB_LOG_LEVEL` when it holds no level.
 */
export function logToStderr(io: CliIo): void {
  const level = io.env.TUNELAB_LOG_LEVEL ?? "warn";
  try {
    setLogLevel(level as "warn");
  } catch {
    throw new UsageError(
      `TUNELAB_LOG_LEVEL: must be one of debug, info, warn, error, silent, got ${JSON.stringify(level)}`,
    );
  }
  setLogHandler((lvl, message) => io.stderr.write(`[tunelab ${lvl}] ${message}\n`));
}

/**
 * Opens the storage of `--storage` for a command.
 * @throws UsageError for a malformed URL; CliError (exit 1) when the storage cannot be
 *   opened, or, with `mustExist`, when its file does not exist.
 */
export async function openCliStorage(
  value: string,
  mustExist: boolean,
): Promise<{ url: CliStorageUrl; storage: Storage }> {
  const url = cliStorageUrl(value);
  if (mustExist && (url.kind === "journal" || url.kind === "sqlite") && !existsSync(url.path)) {
    throw new CliError(
      `--storage: ${showStorageUrl(url)}: no such file (tunelab study create --storage ${showStorageUrl(url)} --study NAME makes one)`,
    );
  }
  try {
    return { url, storage: await openStorage(url) };
  } catch (e) {
    throw new CliError(`--storage: cannot open ${showStorageUrl(url)}: ${oneLine(e)}`);
  }
}

/**
 * Opens the study of `target`, runs `work` on it and closes its storage.
 * @throws CliError `--study: no study named ...` (exit 1) when the storage lacks it, and
 *   whatever `work` throws.
 */
export async function withStudy<T>(
  target: StudyTarget,
  io: CliIo,
  options: OpenStudyOptions,
  work: (study: Study) => Promise<T>,
): Promise<T> {
  logToStderr(io);
  const pool = io.storagePool;
  const { url, storage } =
    pool === undefined
      ? await openCliStorage(target.storage, options.mustExist ?? true)
      : await openPooledStorage(pool, target.storage, options.mustExist ?? true);
  let failed = false;
  try {
    let systemAttrs: Study["systemAttrs"];
    try {
      systemAttrs = await storage.getStudySystemAttrs(await storage.getStudyIdFromName(target.study));
    } catch (e) {
      if (e instanceof StudyNotFoundError) throw noStudy(target.study, url);
      throw e;
    }
    const sampler = options.sampler === undefined ? READ_ONLY_SAMPLER : await options.sampler(systemAttrs);
    const pruner = options.pruner === undefined ? undefined : await options.pruner(systemAttrs);
    const study = await loadStudy({
      storage,
      studyName: target.study,
      sampler,
      ...(pruner === undefined ? {} : { pruner }),
    });
    return await work(study);
  } catch (e) {
    failed = !(e instanceof CliError);
    throw e;
  } finally {
    if (pool === undefined) await storage.close();
    else if (failed) await pool.evict(storage);
  }
}

/** {@link openCliStorage} through a server's pool: the storage stays open after the command. */
async function openPooledStorage(
  pool: StoragePool,
  value: string,
  mustExist: boolean,
): Promise<{ url: CliStorageUrl; storage: Storage }> {
  const url = cliStorageUrl(value);
  if (mustExist && (url.kind === "journal" || url.kind === "sqlite") && !existsSync(url.path)) {
    throw new CliError(
      `--storage: ${showStorageUrl(url)}: no such file (tunelab study create --storage ${showStorageUrl(url)} --study NAME makes one)`,
    );
  }
  try {
    return { url, storage: await pool.get(StoragePool.absolute(url)) };
  } catch (e) {
    throw new CliError(`--storage: cannot open ${showStorageUrl(url)}: ${oneLine(e)}`);
  }
}

/** The error for a study name the storage does not hold. */
export function noStudy(name: string, url: CliStorageUrl): CliError {
  return new CliError(
    `--study: no study named ${JSON.stringify(name)} in ${showStorageUrl(url)} (tunelab study list --storage ${showStorageUrl(url)} shows the studies)`,
  );
}

/** The first line of an error's message. */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0] ?? "";
}
