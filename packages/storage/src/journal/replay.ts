/**
 * The replay: the state of a journal's studies and trials, rebuilt by applying its records
 * in log order, each through the study package's storage rules (`createTrialRecord`,
 * `startWaitingTrial`, `applyTrialUpdate`, `withStudyAttr`, `noteParamDistributions`), the
 * rules `InMemoryStorage` applies to its maps. So a journal reads like the in-memory storage
 * that saw the same operations, in every process that replays it.
 *
 * Identifiers follow Optuna's replay (`JournalStorageReplayResult` in
 * optuna/storages/_journal/storage.py at v3.1.0, optuna/storages/journal/_storage.py at
 * v5.0.0-rc1), because records name studies and trials by them and Python workers compute
 * them too: a study's id is the count of studies created before it (a CREATE_STUDY with a
 * name in use creates nothing); a trial's id is the count of trials created before it in the
 * whole journal (deleted studies' trials included); its number is the count of its study's
 * trials before it. A record that does not apply (its study or trial is gone, its trial is
 * finished, a parameter conflicts, a worker lost the race for a WAITING trial) changes
 * nothing, as in Optuna; the writer of that record learns why from the outcome.
 */
import {
  applyTrialUpdate,
  createTrialRecord,
  type Distribution,
  type DistributionJson,
  DuplicatedStudyError,
  distributionFromJson,
  emptyRecord,
  type FrozenTrial,
  IntermediateValues,
  type JsonValue,
  log,
  noteParamDistributions,
  type StudyDirection,
  StudyNotFoundError,
  setKey,
  startWaitingTrial,
  TrialNotFoundError,
  type TrialUpdate,
  toExternal,
  UpdateFinishedTrialError,
  validateDistribution,
  withStudyAttr,
} from "@tunelab/study";
import type { JournalRecord } from "./backend.js";
import { parseJournalDatetime } from "./datetime.js";
import { directionOfCode, JournalOperation, OPERATION_NAMES, TRIAL_STATES_BY_CODE } from "./op-codes.js";
import { parsePythonJson } from "./python-json.js";

/** A study as the replay holds it. */
export interface JournalStudyState {
  readonly studyId: number;
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  /** Trial ids by trial number. */
  readonly trialIds: number[];
  /** The distribution each parameter name has in the study (the first one seen). */
  paramDistributions: ReadonlyMap<string, Distribution>;
  /** Trial numbers in the order they changed; a `getTrials` cursor is a length of it. */
  readonly changeLog: number[];
  /** Numbers of the trials created WAITING, oldest first (some may have started since). */
  readonly waiting: number[];
}

/** What replaying one record did. */
export type ReplayOutcome =
  | { readonly kind: "study"; readonly studyId: number }
  | { readonly kind: "trial"; readonly trial: FrozenTrial }
  | { readonly kind: "done" }
  | { readonly kind: "rejected"; readonly error: Error };

/** The outcome of a RUNNING record for a trial another worker had already taken. */
export class TrialTakenError extends Error {
  override readonly name: string = "TrialTakenError";
}

const DONE: ReplayOutcome = { kind: "done" };
const rejected = (error: Error): ReplayOutcome => ({ kind: "rejected", error });

/** Field access on a record checked by `checkJournalRecord`. */
type Fields = { readonly [key: string]: JsonValue | undefined };

/** The most distinct distribution texts kept parsed (they repeat in every SET_TRIAL_PARAM). */
const DISTRIBUTION_CACHE_SIZE = 1024;

/** The state rebuilt from a journal's records. */
export class JournalReplay {
  /** How many records have been applied: the log number of the next one. */
  logNumber = 0;
  private readonly studies = new Map<number, JournalStudyState>();
  private readonly studyIdByName = new Map<string, number>();
  /** Trials by id; undefined once their study is deleted. */
  private readonly trials: Array<FrozenTrial | undefined> = [];
  /** The study of each trial id. */
  private readonly trialStudy: number[] = [];
  private nextStudyId = 0;
  private readonly distributionCache = new Map<string, Distribution>();

  /** The study with this id, if it exists. */
  study(studyId: number): JournalStudyState | undefined {
    return this.studies.get(studyId);
  }

  /** The id of the study with this name, if one exists. */
  studyIdOf(studyName: string): number | undefined {
    return this.studyIdByName.get(studyName);
  }

  /** Every study, in id order. */
  allStudies(): JournalStudyState[] {
    return [...this.studies.values()];
  }

  /** The trial with this id and its study, if both exist. */
  locate(trialId: number): { readonly study: JournalStudyState; readonly trial: FrozenTrial } | undefined {
    const trial = this.trials[trialId];
    if (trial === undefined) return undefined;
    const study = this.studies.get(this.trialStudy[trialId]!);
    return study === undefined ? undefined : { study, trial };
  }

  /** The trial of `study` numbered `number`. */
  trialOf(study: JournalStudyState, number: number): FrozenTrial {
    return this.trials[study.trialIds[number]!]!;
  }

  /** Applies the next record (log number {@link logNumber}) and says what it did. */
  apply(record: JournalRecord): ReplayOutcome {
    const logNumber = this.logNumber++;
    const r = record as Fields;
    try {
      switch (record.op_code) {
        case JournalOperation.CREATE_STUDY:
          return this.createStudy(r);
        case JournalOperation.DELETE_STUDY:
          return this.deleteStudy(r.study_id as number);
        case JournalOperation.SET_STUDY_USER_ATTR:
        case JournalOperation.SET_STUDY_SYSTEM_ATTR:
          return this.setStudyAttr(r, record.op_code === JournalOperation.SET_STUDY_USER_ATTR);
        case JournalOperation.CREATE_TRIAL:
          return this.createTrial(r, logNumber);
        case JournalOperation.SET_TRIAL_STATE_VALUES:
          return this.setState(r);
        default:
          return this.updateTrial(r);
      }
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      if (!(e instanceof UpdateFinishedTrialError)) {
        log(
          "debug",
          `journal record ${logNumber} (${OPERATION_NAMES[record.op_code]}, worker ${record.worker_id}) does not apply: ${e.message}`,
        );
      }
      return rejected(e);
    }
  }

  private createStudy(r: Fields): ReplayOutcome {
    const name = r.study_name as string;
    if (this.studyIdByName.has(name)) {
      return rejected(new DuplicatedStudyError(`a study named "${name}" already exists`));
    }
    const studyId = this.nextStudyId++;
    this.studies.set(studyId, {
      studyId,
      studyName: name,
      directions: (r.directions as number[]).map((c) => directionOfCode(c)!),
      userAttrs: emptyRecord(),
      systemAttrs: emptyRecord(),
      trialIds: [],
      paramDistributions: new Map(),
      changeLog: [],
      waiting: [],
    });
    this.studyIdByName.set(name, studyId);
    return { kind: "study", studyId };
  }

  private deleteStudy(studyId: number): ReplayOutcome {
    const s = this.existingStudy(studyId);
    for (const trialId of s.trialIds) this.trials[trialId] = undefined;
    this.studies.delete(studyId);
    this.studyIdByName.delete(s.studyName);
    return DONE;
  }

  private setStudyAttr(r: Fields, user: boolean): ReplayOutcome {
    const s = this.existingStudy(r.study_id as number);
    const attr = (user ? r.user_attr : r.system_attr) as { readonly [key: string]: JsonValue };
    const key = Object.keys(attr)[0]!;
    if (user) s.userAttrs = withStudyAttr(s.userAttrs, key, attr[key]!);
    else s.systemAttrs = withStudyAttr(s.systemAttrs, key, attr[key]!);
    return DONE;
  }

  private createTrial(r: Fields, logNumber: number): ReplayOutcome {
    const s = this.existingStudy(r.study_id as number);
    const ids = { number: s.trialIds.length, trialId: this.trials.length };
    let trial: FrozenTrial;
    if (r.state === undefined && typeof r.datetime_start === "string") {
      trial = createTrialRecord(undefined, ids, s, parseJournalDatetime(r.datetime_start));
    } else {
      const template = this.templateOf(r, logNumber);
      try {
        trial = createTrialRecord(template, ids, s, template.datetimeStart ?? new Date(0));
      } catch (e) {
        // The trial exists for every reader (Optuna creates it unchecked), so its id and
        // number must be taken here too: keep it as written, and say why it is odd.
        log(
          "warn",
          `journal record ${logNumber} (CREATE_TRIAL) creates trial ${ids.number} of study "${s.studyName}" that breaks a storage rule: ${(e as Error).message}`,
        );
        const lenient = {
          directions: template.values?.map(() => "minimize" as const) ?? s.directions,
          paramDistributions: new Map(),
        };
        trial = createTrialRecord(template, ids, lenient, template.datetimeStart ?? new Date(0));
      }
      if (Object.keys(trial.distributions).length > 0) {
        s.paramDistributions = noteParamDistributions(s.paramDistributions, trial);
      }
    }
    this.trials.push(trial);
    this.trialStudy.push(s.studyId);
    s.trialIds.push(trial.trialId);
    s.changeLog.push(trial.number);
    if (trial.state === "WAITING") s.waiting.push(trial.number);
    return { kind: "trial", trial };
  }

  /**
   * The template trial a CREATE_TRIAL record describes. Parts that cannot be read (a
   * distribution or a date that is not valid) are left out with a warning: the trial itself
   * must exist.
   */
  private templateOf(r: Fields, logNumber: number): FrozenTrial {
    const where = `journal record ${logNumber} (CREATE_TRIAL)`;
    const state = TRIAL_STATES_BY_CODE[(r.state as number | undefined) ?? 0]!;
    const values = Array.isArray(r.values)
      ? (r.values as number[]).slice()
      : typeof r.value === "number"
        ? [r.value]
        : null;
    const params = emptyRecord<number | string | boolean | null>();
    const internalParams = emptyRecord<number>();
    const distributions = emptyRecord<Distribution>();
    const dists = (r.distributions ?? {}) as { readonly [key: string]: JsonValue };
    const internal = (r.params ?? {}) as { readonly [key: string]: number };
    for (const name of Object.keys(internal)) {
      try {
        const d = this.distribution(dists[name]!);
        const x = internal[name]!;
        setKey(params, name, toExternal(d, x));
        setKey(internalParams, name, x);
        setKey(distributions, name, d);
      } catch (e) {
        log("warn", `${where}: parameter "${name}" is left out: ${(e as Error).message}`);
      }
    }
    const intermediateValues = new IntermediateValues();
    const iv = (r.intermediate_values ?? {}) as { readonly [key: string]: number };
    for (const step of Object.keys(iv)) intermediateValues.set(Number(step), iv[step]!);
    const datetimeStart = this.date(r.datetime_start, where);
    const datetimeComplete = this.date(r.datetime_complete, where);
    return {
      number: -1,
      trialId: -1,
      state,
      values,
      value: values === null ? null : values[0]!,
      params,
      internalParams,
      distributions,
      userAttrs: (r.user_attrs ?? {}) as Record<string, JsonValue>,
      systemAttrs: (r.system_attrs ?? {}) as Record<string, JsonValue>,
      intermediateValues,
      datetimeStart,
      datetimeComplete,
      duration: null,
    };
  }

  private setState(r: Fields): ReplayOutcome {
    const { study, trial } = this.existingTrial(r.trial_id as number);
    const state = TRIAL_STATES_BY_CODE[r.state as number]!;
    let next: FrozenTrial | null;
    if (state === "RUNNING" && trial.state !== "RUNNING") {
      // A worker takes a WAITING trial (Optuna's pop); null when it is no longer WAITING.
      next = startWaitingTrial(trial, study, parseJournalDatetime(r.datetime_start as string));
      if (next === null) return this.notWaiting(trial);
    } else if (state === "RUNNING") {
      return rejected(
        new TrialTakenError(`trial ${trial.number} is already RUNNING (taken by another worker)`),
      );
    } else {
      const at =
        typeof r.datetime_complete === "string" ? parseJournalDatetime(r.datetime_complete) : new Date(0);
      const values = Array.isArray(r.values) ? (r.values as number[]) : null;
      next = applyTrialUpdate(trial, { state, values }, study, at);
    }
    return this.store(study, next);
  }

  private notWaiting(trial: FrozenTrial): ReplayOutcome {
    if (trial.state === "COMPLETE" || trial.state === "PRUNED" || trial.state === "FAIL") {
      return rejected(
        new UpdateFinishedTrialError(
          `trial ${trial.number} (id ${trial.trialId}) is already finished with state ${trial.state}`,
        ),
      );
    }
    return rejected(new TrialTakenError(`trial ${trial.number} is no longer WAITING`));
  }

  private updateTrial(r: Fields): ReplayOutcome {
    const { study, trial } = this.existingTrial(r.trial_id as number);
    let update: TrialUpdate;
    switch (r.op_code) {
      case JournalOperation.SET_TRIAL_PARAM:
        update = {
          params: {
            [r.param_name as string]: {
              value: r.param_value_internal as number,
              distribution: this.distribution(r.distribution!),
            },
          },
        };
        break;
      case JournalOperation.SET_TRIAL_INTERMEDIATE_VALUE:
        update = { intermediateValues: [[r.step as number, r.intermediate_value as number]] };
        break;
      case JournalOperation.SET_TRIAL_USER_ATTR:
        update = { userAttrs: r.user_attr as Record<string, JsonValue> };
        break;
      default:
        update = { systemAttrs: r.system_attr as Record<string, JsonValue> };
    }
    const next = applyTrialUpdate(trial, update, study, new Date(0));
    if (update.params !== undefined)
      study.paramDistributions = noteParamDistributions(study.paramDistributions, next);
    return this.store(study, next);
  }

  private store(study: JournalStudyState, next: FrozenTrial): ReplayOutcome {
    this.trials[next.trialId] = next;
    study.changeLog.push(next.number);
    return { kind: "trial", trial: next };
  }

  private existingStudy(studyId: number): JournalStudyState {
    const s = this.studies.get(studyId);
    if (s === undefined) throw new StudyNotFoundError(`no study with id ${studyId}`);
    return s;
  }

  private existingTrial(trialId: number): { readonly study: JournalStudyState; readonly trial: FrozenTrial } {
    const found = this.locate(trialId);
    if (found === undefined) throw new TrialNotFoundError(`no trial with id ${trialId}`);
    return found;
  }

  /** A distribution from Optuna's JSON (a string, as Optuna writes it, or an object). */
  private distribution(json: JsonValue): Distribution {
    if (typeof json !== "string")
      return validateDistribution(distributionFromJson(json as unknown as DistributionJson));
    const cached = this.distributionCache.get(json);
    if (cached !== undefined) return cached;
    const d = validateDistribution(
      distributionFromJson(parsePythonJson(json) as unknown as DistributionJson),
    );
    if (this.distributionCache.size >= DISTRIBUTION_CACHE_SIZE) this.distributionCache.clear();
    this.distributionCache.set(json, d);
    return d;
  }

  private date(text: JsonValue | undefined, where: string): Date | null {
    if (typeof text !== "string") return null;
    try {
      return parseJournalDatetime(text);
    } catch (e) {
      log("warn", `${where}: ${(e as Error).message}; read as no date`);
      return null;
    }
  }
}
