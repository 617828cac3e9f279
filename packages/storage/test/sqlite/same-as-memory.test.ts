/**
 * The SQLite storage applies the study package's storage rules, so any sequence of operations
 * gives the same answers (trials, errors, attributes, incremental reads) as InMemoryStorage,
 * the reference implementation. Random sequences (fast-check, the global seed) include the
 * invalid ones: conflicting distributions, finished trials, bad values, unknown studies.
 */
import {
  categoricalDistribution,
  createFrozenTrial,
  type Distribution,
  type FrozenTrial,
  floatDistribution,
  frozenTrialToJson,
  InMemoryStorage,
  intDistribution,
  type JsonValue,
  ManualClock,
  type Storage,
  type StudyDirection,
  type TrialState,
  type TrialUpdate,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SqliteStorage } from "../../src/sqlite/index.js";
import { sqliteAddon } from "./addon.js";
import { freshDbPath } from "./tmp.js";

/** Study names: the first two are created before every sequence; the third only when the sequence does. */
const NAMES = ["'; DROP TABLE tunelab_trials; --", "../../etc/passwd", "__proto__"];
const KEYS = ["k", "__proto__", "constructor", 'q"uote\\', "a/b/../c"];
const PARAMS: ReadonlyArray<readonly [string, Distribution, number]> = [
  ["x", floatDistribution(0, 1), 0.25],
  ["x", intDistribution(0, 3), 2], // conflicts with x's float
  ["n", intDistribution(1, 64, { log: true }), 8],
  ["c", categoricalDistribution(["a", null, 2.5]), 1],
  ["c", categoricalDistribution(["a", "z"]), 0], // other choices
  ["__proto__", floatDistribution(-1, 1, { step: 0.5 }), -0.5],
];
const NUMBERS = [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

type Op =
  | { readonly k: "createStudy"; readonly name: number; readonly dirs: 1 | 2 }
  | { readonly k: "deleteStudy"; readonly s: number }
  | {
      readonly k: "createTrial";
      readonly s: number;
      readonly tpl: "none" | "waiting" | "complete" | "twoValues";
    }
  | { readonly k: "pop"; readonly s: number }
  | { readonly k: "update"; readonly s: number; readonly t: number; readonly u: TrialUpdate }
  | {
      readonly k: "attr";
      readonly s: number;
      readonly system: boolean;
      readonly key: number;
      readonly value: JsonValue;
    }
  | { readonly k: "read"; readonly s: number; readonly since: boolean; readonly states: TrialState[] | null }
  | { readonly k: "tick"; readonly ms: number };

const json: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...KEYS), fc.integer(), { maxKeys: 3 }),
);
const state = fc.constantFrom<TrialState | undefined>(
  undefined,
  "RUNNING",
  "COMPLETE",
  "PRUNED",
  "FAIL",
  "WAITING",
);
const update: fc.Arbitrary<TrialUpdate> = fc.record(
  {
    params: fc
      .subarray([0, 1, 2, 3, 4, 5], { minLength: 1, maxLength: 2 })
      .map((picked) =>
        Object.fromEntries(
          picked.map((i) => [PARAMS[i]![0], { value: PARAMS[i]![2], distribution: PARAMS[i]![1] }]),
        ),
      ),
    intermediateValues: fc.array(fc.tuple(fc.integer({ min: -1, max: 3 }), fc.constantFrom(...NUMBERS)), {
      maxLength: 3,
    }),
    userAttrs: fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 2 }),
    systemAttrs: fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 2 }),
    state,
    values: fc.oneof(
      fc.constant(null),
      fc.array(fc.constantFrom(1, -0, Number.NEGATIVE_INFINITY, Number.NaN), { minLength: 1, maxLength: 2 }),
    ),
  },
  { requiredKeys: [] },
);
const s = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 9 }, { arbitrary: fc.constant(2), weight: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      k: fc.constant("createStudy" as const),
      name: s,
      dirs: fc.constantFrom(1 as const, 2 as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ k: fc.constant("deleteStudy" as const), s }), weight: 1 },
  {
    arbitrary: fc.record({
      k: fc.constant("createTrial" as const),
      s,
      tpl: fc.constantFrom(
        "none" as const,
        "none" as const,
        "waiting" as const,
        "complete" as const,
        "twoValues" as const,
      ),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ k: fc.constant("pop" as const), s }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant("update" as const), s, t: fc.nat(20), u: update }), weight: 8 },
  {
    arbitrary: fc.record({
      k: fc.constant("attr" as const),
      s,
      system: fc.boolean(),
      key: fc.nat(KEYS.length - 1),
      value: json,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      k: fc.constant("read" as const),
      s,
      since: fc.boolean(),
      states: fc.option(fc.subarray<TrialState>(["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"]), {
        nil: null,
      }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({ k: fc.constant("tick" as const), ms: fc.integer({ min: 1, max: 5000 }) }),
    weight: 2,
  },
);

/** One storage under test, with what the sequence knows of it (its own ids). */
class Subject {
  readonly studies = new Map<string, number>();
  readonly trials = new Map<string, number[]>();
  readonly cursors = new Map<string, number>();
  constructor(
    readonly storage: Storage,
    readonly clock: ManualClock,
  ) {}
  studyId(name: string): number {
    return this.studies.get(name) ?? 987_654;
  }
}

/** A canonical JSON text (keys sorted) of an outcome, with storage ids left out. */
function canonical(x: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        Object.defineProperty(out, key, {
          value: norm((v as Record<string, unknown>)[key]),
          enumerable: true,
        });
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(x));
}

const trialJson = (t: FrozenTrial): unknown => ({ ...frozenTrialToJson(t), trialId: null });

const TEMPLATES = {
  waiting: () =>
    createFrozenTrial({
      state: "WAITING",
      params: { x: 0.5 },
      distributions: { x: floatDistribution(0, 1) },
      systemAttrs: { fixed_params: { x: 0.5 } },
      datetimeStart: null,
    }),
  complete: () =>
    createFrozenTrial({
      state: "COMPLETE",
      value: 3,
      params: { x: 2 },
      distributions: { x: intDistribution(0, 5) },
      intermediateValues: { 0: Number.NaN, 2: -0 },
      datetimeStart: new Date(1000),
      datetimeComplete: new Date(5000),
    }),
  // Explicit datetimes: createFrozenTrial's default is the wall clock, read once per subject.
  twoValues: () =>
    createFrozenTrial({
      state: "COMPLETE",
      values: [1, 2],
      datetimeStart: new Date(2000),
      datetimeComplete: new Date(2500),
    }),
};

async function apply(x: Subject, o: Op): Promise<unknown> {
  if (o.k === "tick") {
    x.clock.advance(o.ms);
    return "tick";
  }
  if (o.k === "createStudy") {
    const name = NAMES[o.name]!;
    const dirs: StudyDirection[] = o.dirs === 1 ? ["minimize"] : ["maximize", "minimize"];
    const id = await x.storage.createStudy(dirs, name);
    x.studies.set(name, id);
    x.trials.set(name, []);
    return "created";
  }
  const name = NAMES[o.s]!;
  const id = x.studyId(name);
  switch (o.k) {
    case "deleteStudy":
      await x.storage.deleteStudy(id);
      x.studies.delete(name);
      return "deleted";
    case "createTrial": {
      const t = await x.storage.createTrial(id, o.tpl === "none" ? undefined : TEMPLATES[o.tpl]());
      x.trials.get(name)?.push(t.trialId);
      return trialJson(t);
    }
    case "pop": {
      const t = await x.storage.popWaitingTrial(id);
      return t === null ? null : trialJson(t);
    }
    case "update": {
      const ids = x.trials.get(name) ?? [];
      if (!x.studies.has(name) || ids.length === 0) return "skipped";
      return trialJson(await x.storage.updateTrial(ids[o.t % ids.length]!, o.u));
    }
    case "attr": {
      const key = KEYS[o.key]!;
      if (o.system) await x.storage.setStudySystemAttr(id, key, o.value);
      else await x.storage.setStudyUserAttr(id, key, o.value);
      return [await x.storage.getStudyUserAttrs(id), await x.storage.getStudySystemAttrs(id)];
    }
    case "read": {
      const page = await x.storage.getTrials(id, {
        ...(o.since ? { since: x.cursors.get(name) ?? 0 } : {}),
        ...(o.states === null ? {} : { states: o.states }),
      });
      x.cursors.set(name, page.cursor);
      return page.trials.map(trialJson);
    }
  }
}

async function outcome(x: Subject, o: Op): Promise<string> {
  try {
    return canonical({ ok: await apply(x, o) });
  } catch (e) {
    const err = e as Error;
    // Trial ids differ between storages (the messages name them); everything else must match.
    return canonical({ error: err.name, message: err.message.replace(/\bid \d+/g, "id ?") });
  }
}

async function summary(x: Subject): Promise<string> {
  const studies = (await x.storage.getAllStudies()).map((st) => ({
    ...st,
    studyId: null,
    bestTrial: st.bestTrial === null ? null : trialJson(st.bestTrial),
  }));
  studies.sort((p, q) => (p.studyName < q.studyName ? -1 : 1));
  const trials: unknown[] = [];
  for (const st of studies) {
    const id = await x.storage.getStudyIdFromName(st.studyName);
    trials.push((await x.storage.getTrials(id)).trials.map(trialJson));
  }
  return canonical({ studies, trials });
}

if (sqliteAddon()) {
  describe("SqliteStorage answers as InMemoryStorage does", () => {
    it("on random sequences of operations, valid and invalid", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom<1 | 2>(1, 2),
          fc.array(op, { minLength: 25, maxLength: 60 }),
          async (dirs, rest) => {
            const ops: Op[] = [
              { k: "createStudy", name: 0, dirs },
              { k: "createStudy", name: 1, dirs: 1 },
              ...rest,
            ];
            const start = Date.UTC(2026, 0, 1);
            // Each storage on its own manual clock; "tick" advances both alike.
            const memClock = new ManualClock({ start });
            const mem = new Subject(new InMemoryStorage({ clock: memClock }), memClock);
            const clock = new ManualClock({ start });
            const sqlite = new Subject(await SqliteStorage.open({ path: freshDbPath(), clock }), clock);
            try {
              for (const o of ops) {
                const want = await outcome(mem, o);
                const got = await outcome(sqlite, o);
                expect(got).toBe(want);
              }
              expect(await summary(sqlite)).toBe(await summary(mem));
            } finally {
              await sqlite.storage.close();
            }
          },
        ),
        { numRuns: 60 },
      );
    }, 300_000);
  });
}
