/**
 * Where a dashboard reads studies: a storage (any `Storage`: journal file, SQLite, PostgreSQL,
 * Redis, in memory), read incrementally so a poll that finds no change costs one small read;
 * or fixed studies (a JSON export), read-only.
 */
import {
  type FrozenTrial,
  getKey,
  type JsonValue,
  METRIC_NAMES_KEY,
  type Storage,
  type StudyDirection,
  StudyNotFoundError,
} from "@tunelab/study";
import type { ReportStudy } from "../report/study-report.js";

/** A study in the dashboard's list. */
export interface StudyListing {
  readonly studyName: string;
  readonly directions: readonly StudyDirection[];
  readonly nTrials: number;
  readonly bestValue: number | null;
}

/** A study as the dashboard shows it, with a marker that changes whenever it does. */
export interface StudySnapshot {
  readonly study: ReportStudy;
  /** Changes when a trial or a user attribute changes (the page's ETag). */
  readonly marker: string;
}

/** What a dashboard reads (and, when `setNote` is there, writes). */
export interface DashboardSource {
  listStudies(): Promise<StudyListing[]>;
  /** The study named `name`, or null when there is none. */
  snapshot(name: string): Promise<StudySnapshot | null>;
  /** Saves the study's note (user attribute {@link NOTE_ATTR}); absent when read-only. */
  readonly setNote?: (name: string, note: string) => Promise<void>;
}

/** The study user attribute holding the dashboard's note (optuna-dashboard keeps its note elsewhere). */
export const NOTE_ATTR = "dashboard:note";

interface Cached {
  cursor: number;
  trials: Map<number, FrozenTrial>;
  version: number;
}

/**
 * A source reading `storage`: the trials of each study are cached and refreshed with
 * `getTrials(id, { since: cursor })`, so an unchanged study costs a read of nothing new.
 */
export function storageSource(storage: Storage): DashboardSource {
  const cache = new Map<number, Cached>();
  return {
    async listStudies() {
      return (await storage.getAllStudies()).map((s) => ({
        studyName: s.studyName,
        directions: s.directions,
        nTrials: s.nTrials,
        bestValue: s.bestTrial?.values?.[0] ?? null,
      }));
    },
    async snapshot(name) {
      let id: number;
      try {
        id = await storage.getStudyIdFromName(name);
      } catch (e) {
        if (e instanceof StudyNotFoundError) return null;
        throw e;
      }
      let c = cache.get(id);
      if (c === undefined) {
        c = { cursor: -1, trials: new Map(), version: 0 };
        cache.set(id, c);
      }
      const page =
        c.cursor < 0 ? await storage.getTrials(id) : await storage.getTrials(id, { since: c.cursor });
      for (const t of page.trials) c.trials.set(t.number, t);
      if (page.trials.length > 0) c.version++;
      c.cursor = page.cursor;
      const [directions, userAttrs, systemAttrs] = await Promise.all([
        storage.getStudyDirections(id),
        storage.getStudyUserAttrs(id),
        storage.getStudySystemAttrs(id),
      ]);
      const names = getKey(systemAttrs, METRIC_NAMES_KEY);
      const trials = [...c.trials.values()].sort((a, b) => a.number - b.number);
      return {
        study: {
          studyName: name,
          directions,
          trials,
          userAttrs,
          metricNames: Array.isArray(names) ? (names as string[]) : null,
        },
        marker: `${id}.${c.version}.${c.trials.size}.${hashString(JSON.stringify(userAttrs))}`,
      };
    },
    async setNote(name, note) {
      await storage.setStudyUserAttr(await storage.getStudyIdFromName(name), NOTE_ATTR, note as JsonValue);
    },
  };
}

/** A read-only source of fixed studies (e.g. one read from a JSON export). */
export function staticSource(studies: readonly ReportStudy[]): DashboardSource {
  return {
    async listStudies() {
      return studies.map((s) => {
        const values = s.trials.flatMap((t) =>
          t.state === "COMPLETE" && t.values !== null ? [t.values[0]!] : [],
        );
        const sign = s.directions[0] === "maximize" ? -1 : 1;
        return {
          studyName: s.studyName,
          directions: s.directions,
          nTrials: s.trials.length,
          bestValue:
            s.directions.length === 1 && values.length > 0
              ? sign * Math.min(...values.map((v) => sign * v))
              : null,
        };
      });
    },
    async snapshot(name) {
      const study = studies.find((s) => s.studyName === name);
      return study === undefined ? null : { study, marker: `static.${study.trials.length}` };
    },
  };
}

/** A short non-cryptographic hash (FNV-1a, 32 bits) of a string, in hex. */
function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
