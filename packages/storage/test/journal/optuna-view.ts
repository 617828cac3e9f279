/**
 * A journal's studies in the shape `fixtures/optuna_journal.py dump` prints them, so that
 * what tunelab reads and what Optuna reads compare with one `toEqual`: parameters as external
 * values, distributions as Optuna's JSON text, states by name, intermediate values keyed by
 * step. Datetimes are compared separately (tunelab keeps milliseconds, Python microseconds).
 */
import type { FrozenTrial, JsonValue, Storage } from "@tunelab/study";
import { distributionJson } from "../../src/journal/write-records.js";

export interface TrialView {
  readonly number: number;
  readonly trial_id: number;
  readonly state: string;
  readonly values: readonly number[] | null;
  readonly params: Record<string, JsonValue>;
  readonly distributions: Record<string, string>;
  readonly user_attrs: Record<string, JsonValue>;
  readonly system_attrs: Record<string, JsonValue>;
  readonly intermediate_values: Record<string, number>;
  readonly datetime_start: string | null;
  readonly datetime_complete: string | null;
}

export interface StudyView {
  readonly study_id: number;
  readonly study_name: string;
  readonly directions: readonly string[];
  readonly user_attrs: Record<string, JsonValue>;
  readonly system_attrs: Record<string, JsonValue>;
  readonly trials: readonly TrialView[];
}

export interface DumpView {
  readonly optuna?: string;
  readonly studies: readonly StudyView[];
}

/** The trial's fields as the dump prints them; datetimes as epoch milliseconds in strings. */
export function trialView(t: FrozenTrial): TrialView {
  const distributions: Record<string, string> = {};
  for (const name of Object.keys(t.distributions))
    distributions[name] = distributionJson(t.distributions[name]!);
  const iv: Record<string, number> = {};
  for (const [step, v] of t.intermediateValues) iv[String(step)] = v;
  return {
    number: t.number,
    trial_id: t.trialId,
    state: t.state,
    values: t.values === null ? null : t.values.slice(),
    params: { ...t.params },
    distributions,
    user_attrs: { ...t.userAttrs },
    system_attrs: { ...t.systemAttrs },
    intermediate_values: iv,
    datetime_start: t.datetimeStart === null ? null : String(t.datetimeStart.getTime()),
    datetime_complete: t.datetimeComplete === null ? null : String(t.datetimeComplete.getTime()),
  };
}

/** Every study of a storage, in id order, as the dump prints them. */
export async function storageView(storage: Storage): Promise<DumpView> {
  const studies: StudyView[] = [];
  const all = (await storage.getAllStudies()).sort((a, b) => a.studyId - b.studyId);
  for (const s of all) {
    const { trials } = await storage.getTrials(s.studyId);
    studies.push({
      study_id: s.studyId,
      study_name: s.studyName,
      directions: s.directions.slice(),
      user_attrs: { ...s.userAttrs },
      system_attrs: { ...s.systemAttrs },
      trials: trials.map(trialView),
    });
  }
  return { studies };
}

/**
 * A Python dump with its datetimes (naive local ISO with microseconds, as Optuna reads them)
 * turned into epoch milliseconds truncated as tunelab reads them, and without the version.
 */
export function normalizeDump(dump: DumpView): DumpView {
  const ms = (s: string | null): string | null => {
    if (s === null) return null;
    const m = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(s);
    if (m === null) throw new Error(`unexpected datetime ${s}`);
    const d = new Date(`${m[1]}.${`${m[2] ?? ""}000`.slice(0, 3)}`); // local time, as the string is
    return String(d.getTime());
  };
  return {
    studies: dump.studies.map((s) => ({
      ...s,
      trials: s.trials.map((t) => ({
        ...t,
        datetime_start: ms(t.datetime_start),
        datetime_complete: ms(t.datetime_complete),
      })),
    })),
  };
}
