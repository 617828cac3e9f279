/**
 * Opening studies: createStudy, loadStudy, deleteStudy, getAllStudies.
 */
import { checkClock } from "../clock/check.js";
import { type Clock, systemClock } from "../clock/clock.js";
import { DuplicatedStudyError } from "../errors/index.js";
import { NopPruner, type Pruner } from "../pruner/index.js";
import type { Sampler } from "../sampler/sampler.js";
import { InMemoryStorage } from "../storage/in-memory.js";
import type { Storage, StudySummary } from "../storage/storage.js";
import { describeStorageUrl, parseStorageUrl, type StorageUrl } from "../storage/url.js";
import { checkDirections } from "../storage/validate.js";
import type { StudyDirection } from "../trial/state.js";
import { type HeartbeatOptions, heartbeatSettings } from "./heartbeat.js";
import { Study } from "./study.js";

/** A storage object, or a URL string that a resolver turns into one. */
export type StorageLike = Storage | string;

/**
 * Opens the storage of a parsed URL other than "memory" (the `tunelab` facade passes one that
 * knows journal, SQLite, ...).
 */
export type StorageResolver = (
  url: Exclude<StorageUrl, { kind: "memory" }>,
  clock: Clock,
) => Storage | Promise<Storage>;

let sharedMemory: InMemoryStorage | null = null;

/**
 * The storages this package knows: a Storage object as is, nothing (a new in-memory storage
 * on `clock`), and "memory" (one in-memory storage on the system clock shared by the whole
 * process, so `loadStudy({ storage: "memory" })` finds studies created with it). Other URLs
 * are parsed by `parseStorageUrl` and handed to `resolver`.
 * @param clock - the clock of a new in-memory storage. @defaultValue systemClock
 * @throws RangeError for a malformed URL, or another URL than "memory" without a resolver
 *   (the `tunelab` facade resolves more schemes).
 */
export function resolveStorage(
  storage: StorageLike | undefined,
  resolver?: StorageResolver,
  where = "storage",
  clock: Clock = systemClock,
): Storage | Promise<Storage> {
  if (storage === undefined) return new InMemoryStorage({ clock });
  if (typeof storage !== "string") return checkStorage(storage, where);
  const url = parseStorageUrl(storage);
  if (url.kind === "memory") {
    sharedMemory ??= new InMemoryStorage();
    return sharedMemory;
  }
  if (resolver !== undefined) return resolver(url, clock);
  throw new RangeError(
    `storage: this package opens "memory" and Storage objects, not ${JSON.stringify(describeStorageUrl(url))} (the tunelab package resolves journal:, sqlite:, postgresql:// and redis:// URLs)`,
  );
}

const STORAGE_METHODS = [
  "createStudy",
  "deleteStudy",
  "getStudyIdFromName",
  "getStudyName",
  "getStudyDirections",
  "getAllStudies",
  "setStudyUserAttr",
  "setStudySystemAttr",
  "getStudyUserAttrs",
  "getStudySystemAttrs",
  "createTrial",
  "popWaitingTrial",
  "updateTrial",
  "getTrial",
  "getTrials",
  "close",
] as const;

/** @throws TypeError unless `storage` is an object with every method of the Storage interface. */
function checkStorage(storage: unknown, where: string): Storage {
  if (storage === null || typeof storage !== "object") {
    throw new TypeError(
      `${where}: storage must be a Storage object or a URL string (such as "memory"), got ${storage === null ? "null" : typeof storage}`,
    );
  }
  const missing = STORAGE_METHODS.filter(
    (m) => typeof (storage as Record<string, unknown>)[m] !== "function",
  );
  if (missing.length > 0) {
    throw new TypeError(
      `${where}: storage must be a Storage object or a URL string (such as "memory"); this object lacks ${missing.join(", ")}`,
    );
  }
  return storage as Storage;
}

/** Options of {@link createStudy}. */
export interface CreateStudyOptions extends HeartbeatOptions {
  /** Unique name of the study. @defaultValue a generated "no-name-<uuid>" */
  readonly studyName?: string;
  /** Where trials are kept: a Storage or a URL. @defaultValue a new InMemoryStorage */
  readonly storage?: StorageLike;
  /** The sampler proposing parameters (the `tunelab` facade supplies a default). */
  readonly sampler: Sampler;
  /** @defaultValue NopPruner */
  readonly pruner?: Pruner;
  /** Single-objective direction. @defaultValue "minimize" */
  readonly direction?: StudyDirection;
  /** Directions of a multi-objective study (not with `direction`). */
  readonly directions?: readonly StudyDirection[];
  /** Open the study if the name exists instead of failing. @defaultValue false */
  readonly loadIfExists?: boolean;
  /** Resolves storage URLs other than "memory". */
  readonly storageResolver?: StorageResolver;
  /**
   * Where the study reads time (the `timeout` and `trialTimeout` of `optimize`, when it
   * yields), and the clock of the in-memory storage made when `storage` is omitted. A
   * storage given here keeps its own clock (trial datetimes come from it): build it on the
   * same clock, e.g. `new InMemoryStorage({ clock })`. @defaultValue systemClock
   */
  readonly clock?: Clock;
}

/**
 * Creates a study (or opens it with `loadIfExists`).
 * @throws RangeError for invalid directions, or both `direction` and `directions`.
 * @throws DuplicatedStudyError if the name exists and `loadIfExists` is false.
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new RandomSampler({ seed: 0 }), direction: "maximize" });
 * ```
 */
export async function createStudy(options: CreateStudyOptions): Promise<Study> {
  if (options === null || typeof options !== "object")
    throw new TypeError("createStudy: options must be an object");
  if (options.sampler === undefined || options.sampler === null) {
    throw new TypeError("createStudy: sampler is required (the tunelab package supplies a default)");
  }
  if (options.direction !== undefined && options.directions !== undefined) {
    throw new RangeError("createStudy: give either direction or directions, not both");
  }
  const directions = options.directions ?? [options.direction ?? "minimize"];
  checkDirections("createStudy", directions);
  const clock = options.clock === undefined ? systemClock : checkClock("createStudy", options.clock);
  const heartbeat = heartbeatSettings("createStudy", options);
  const storage = await resolveStorage(options.storage, options.storageResolver, "createStudy", clock);
  let studyId: number;
  try {
    studyId = await storage.createStudy(directions, options.studyName);
  } catch (e) {
    if (e instanceof DuplicatedStudyError && options.loadIfExists && options.studyName !== undefined) {
      return loadStudy({ ...options, studyName: options.studyName, storage });
    }
    throw e;
  }
  const studyName = await storage.getStudyName(studyId);
  return new Study({
    storage,
    studyId,
    studyName,
    directions,
    sampler: options.sampler,
    pruner: options.pruner ?? new NopPruner(),
    userAttrs: {},
    systemAttrs: {},
    clock,
    heartbeat,
  });
}

/** Options of {@link loadStudy}. */
export interface LoadStudyOptions extends HeartbeatOptions {
  readonly studyName: string;
  readonly storage: StorageLike;
  readonly sampler: Sampler;
  /** @defaultValue NopPruner */
  readonly pruner?: Pruner;
  readonly storageResolver?: StorageResolver;
  /** Where the study reads time (see {@link CreateStudyOptions.clock}). @defaultValue systemClock */
  readonly clock?: Clock;
}

/**
 * Opens an existing study and reads its trials.
 * @throws StudyNotFoundError if no study has that name.
 */
export async function loadStudy(options: LoadStudyOptions): Promise<Study> {
  if (options === null || typeof options !== "object")
    throw new TypeError("loadStudy: options must be an object");
  if (options.sampler === undefined || options.sampler === null) {
    throw new TypeError("loadStudy: sampler is required (the tunelab package supplies a default)");
  }
  if (typeof options.studyName !== "string") {
    throw new TypeError(`loadStudy: studyName must be a string, got ${typeof options.studyName}`);
  }
  const clock = options.clock === undefined ? systemClock : checkClock("loadStudy", options.clock);
  const heartbeat = heartbeatSettings("loadStudy", options);
  const storage = await resolveStorage(options.storage, options.storageResolver, "loadStudy", clock);
  const studyId = await storage.getStudyIdFromName(options.studyName);
  const [directions, userAttrs, systemAttrs] = await Promise.all([
    storage.getStudyDirections(studyId),
    storage.getStudyUserAttrs(studyId),
    storage.getStudySystemAttrs(studyId),
  ]);
  const study = new Study({
    storage,
    studyId,
    studyName: options.studyName,
    directions,
    sampler: options.sampler,
    pruner: options.pruner ?? new NopPruner(),
    userAttrs,
    systemAttrs,
    clock,
    heartbeat,
  });
  await study.refresh();
  return study;
}

/** Deletes a study and its trials. @throws StudyNotFoundError */
export async function deleteStudy(options: {
  readonly studyName: string;
  readonly storage: StorageLike;
  readonly storageResolver?: StorageResolver;
}): Promise<void> {
  const storage = await resolveStorage(options.storage, options.storageResolver);
  await storage.deleteStudy(await storage.getStudyIdFromName(options.studyName));
}

/** Summaries of every study in a storage. */
export async function getAllStudies(options: {
  readonly storage: StorageLike;
  readonly storageResolver?: StorageResolver;
}): Promise<StudySummary[]> {
  const storage = await resolveStorage(options.storage, options.storageResolver);
  return storage.getAllStudies();
}

/** Options of {@link copyStudy}. */
export interface CopyStudyOptions {
  readonly fromStudyName: string;
  readonly fromStorage: StorageLike;
  readonly toStorage: StorageLike;
  /** Name of the copy. @defaultValue fromStudyName */
  readonly toStudyName?: string;
  readonly storageResolver?: StorageResolver;
}

/**
 * Copies a study (directions, user and system attributes, every trial with its state,
 * values, parameters, attributes, reports and times) into another storage, or under
 * another name (Optuna's `copy_study`). Trial numbers are kept; trial ids are the target's.
 * @throws StudyNotFoundError if the source does not exist; DuplicatedStudyError if the
 *   target name exists in the target storage.
 * @example
 * ```ts
 * await copyStudy({ fromStudyName: "lr", fromStorage: "memory", toStorage: new InMemoryStorage() });
 * ```
 */
export async function copyStudy(options: CopyStudyOptions): Promise<void> {
  if (options === null || typeof options !== "object")
    throw new TypeError("copyStudy: options must be an object");
  const from = await resolveStorage(options.fromStorage, options.storageResolver, "copyStudy (fromStorage)");
  const to = await resolveStorage(options.toStorage, options.storageResolver, "copyStudy (toStorage)");
  const fromId = await from.getStudyIdFromName(options.fromStudyName);
  const [directions, userAttrs, systemAttrs, page] = await Promise.all([
    from.getStudyDirections(fromId),
    from.getStudyUserAttrs(fromId),
    from.getStudySystemAttrs(fromId),
    from.getTrials(fromId),
  ]);
  const toId = await to.createStudy(directions, options.toStudyName ?? options.fromStudyName);
  for (const key of Object.keys(userAttrs)) await to.setStudyUserAttr(toId, key, userAttrs[key]!);
  for (const key of Object.keys(systemAttrs)) await to.setStudySystemAttr(toId, key, systemAttrs[key]!);
  for (const trial of page.trials) await to.createTrial(toId, trial);
}
