/**
 * createStudy and loadStudy with the facade's defaults: a default sampler and storage URLs
 * resolved by every storage the facade knows.
 */
import {
  type CreateStudyOptions as BaseCreateOptions,
  type LoadStudyOptions as BaseLoadOptions,
  copyStudy as baseCopyStudy,
  createStudy as baseCreateStudy,
  deleteStudy as baseDeleteStudy,
  getAllStudies as baseGetAllStudies,
  loadStudy as baseLoadStudy,
  type CopyStudyOptions,
  type Sampler,
  type StorageLike,
  type Study,
  type StudySummary,
} from "@tunelab/study";
import { defaultSampler, resolveStorageUrl } from "./defaults.js";

/** Options of {@link createStudy}: as in `@tunelab/study`, with `sampler` optional. */
export interface CreateStudyOptions extends Omit<BaseCreateOptions, "sampler" | "storageResolver"> {
  /** @defaultValue the facade's default sampler (see `defaultSampler`) */
  readonly sampler?: Sampler;
}

/** Options of {@link loadStudy}: as in `@tunelab/study`, with `sampler` optional. */
export interface LoadStudyOptions extends Omit<BaseLoadOptions, "sampler" | "storageResolver"> {
  /** @defaultValue the facade's default sampler */
  readonly sampler?: Sampler;
}

/**
 * Creates a study (see `@tunelab/study` `createStudy`), with a default sampler and storage URLs.
 * @example
 * ```ts
 * const study = await createStudy({ direction: "minimize", sampler: new RandomSampler({ seed: 1 }) });
 * await study.optimize((t) => t.suggestFloat("x", -10, 10) ** 2, { nTrials: 100 });
 * ```
 */
export function createStudy(options: CreateStudyOptions = {}): Promise<Study> {
  const directions = options.directions ?? [options.direction ?? "minimize"];
  return baseCreateStudy({
    ...options,
    sampler: options.sampler ?? defaultSampler(directions),
    storageResolver: resolveStorageUrl,
  });
}

/** Opens an existing study, with a default sampler and storage URLs. */
export function loadStudy(options: LoadStudyOptions): Promise<Study> {
  return baseLoadStudy({
    ...options,
    sampler: options.sampler ?? defaultSampler(["minimize"]),
    storageResolver: resolveStorageUrl,
  });
}

/** Deletes a study (storage object or URL). */
export function deleteStudy(options: {
  readonly studyName: string;
  readonly storage: StorageLike;
}): Promise<void> {
  return baseDeleteStudy({ ...options, storageResolver: resolveStorageUrl });
}

/** Lists the studies of a storage (object or URL). */
export function getAllStudies(options: { readonly storage: StorageLike }): Promise<StudySummary[]> {
  return baseGetAllStudies({ ...options, storageResolver: resolveStorageUrl });
}

/** Copies a study into another storage or under another name (storage objects or URLs). */
export function copyStudy(options: Omit<CopyStudyOptions, "storageResolver">): Promise<void> {
  return baseCopyStudy({ ...options, storageResolver: resolveStorageUrl });
}
