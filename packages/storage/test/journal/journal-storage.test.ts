import {
  categoricalDistribution,
  createFrozenTrial,
  type Distribution,
  floatDistribution,
  InMemoryStorage,
  intDistribution,
  ManualClock,
  type Storage,
  type StudyDirection,
  type TrialUpdate,
  UpdateFinishedTrialError,
} from "@tunelab/study";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createTrialJournalRecord,
  JournalOperation,
  JournalStorage,
  MemoryJournalBackend,
  trialUpdateRecords,
} from "../../src/journal/index.js";
import { storageView } from "./optuna-view.js";

const DISTS: readonly Distribution[] = [
  floatDistribution(-1, 1),
  intDistribution(1, 8, { log: true }),
  categoricalDistribution(["a", null, 2.5]),
  intDistribution(0, 4), // conflicts with the float "p0" when drawn for the same name
];

type Op =
  | { kind: "createStudy"; name: string; directions: StudyDirection[] }
  | { kind: "createTrial"; study: number; waiting: boolean }
  | { kind: "update"; study: number; trial: number; update: TrialUpdate }
  | { kind: "pop"; study: number }
  | { kind: "studyAttr"; study: number; key: string; value: number | string }
  | { kind: "deleteStudy"; study: number }
  | { kind: "tick"; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("createStudy" as const),
    name: fc.constantFrom("a", "b", "__proto__"),
    directions: fc.constantFrom<StudyDirection[]>(["minimize"], ["maximize", "minimize"]),
  }),
  fc.record({ kind: fc.constant("createTrial" as const), study: fc.nat(2), waiting: fc.boolean() }),
  fc.record({ kind: fc.constant("createTrial" as const), study: fc.nat(2), waiting: fc.constant(false) }),
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant("update" as const),
      study: fc.nat(2),
      trial: fc.nat(6),
      update: fc.oneof(
        fc.record({
          params: fc
            .tuple(
              fc.constantFrom("p0", "p1", "constructor"),
              fc.nat(3),
              fc.double({ min: 0, max: 1, noNaN: true }),
            )
            .map(([name, k, u]) => {
              const d = DISTS[k]!;
              const value =
                d.kind === "float"
                  ? d.low + u * (d.high - d.low)
                  : d.kind === "int"
                    ? d.low
                    : Math.floor(u * 2.99);
              return { [name]: { value, distribution: d } };
            }),
        }),
        fc.record({
          params: fc.constantFrom("p0", "p1").map((name) => ({
            [name]: { value: 1, distribution: DISTS[3]! },
          })),
        }),
        fc.record({
          intermediateValues: fc.array(
            fc.tuple(fc.nat(5), fc.oneof(fc.double(), fc.constant(-0))) as fc.Arbitrary<[number, number]>,
            { minLength: 1, maxLength: 2 },
          ),
        }),
        fc.record({
          userAttrs: fc.dictionary(fc.constantFrom("u", "__proto__"), fc.jsonValue(), { minKeys: 1 }),
        }),
        fc.record({ systemAttrs: fc.dictionary(fc.constantFrom("s"), fc.jsonValue(), { minKeys: 1 }) }),
        fc.record({
          state: fc.constant("COMPLETE" as const),
          values: fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 2 }),
        }),
        fc.record({ state: fc.constantFrom("FAIL" as const, "PRUNED" as const) }),
        fc.record({ state: fc.constant("RUNNING" as const) }),
      ) as fc.Arbitrary<TrialUpdate>,
    }),
  },
  fc.record({ kind: fc.constant("pop" as const), study: fc.nat(2) }),
  fc.record({
    kind: fc.constant("studyAttr" as const),
    study: fc.nat(2),
    key: fc.constantFrom("k", "constructor"),
    value: fc.oneof(fc.integer(), fc.string()),
  }),
  fc.record({ kind: fc.constant("deleteStudy" as const), study: fc.nat(3) }),
  fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 1, max: 5000 }) }),
);

/** Runs one op, returning what it gave or the error class and message. */
async function run(s: Storage, op: Op, names: string[], clock: ManualClock): Promise<unknown> {
  const studyId = async (k: number): Promise<number> => {
    const name = names[k % Math.max(1, names.length)];
    return name === undefined ? 98765 : s.getStudyIdFromName(name).catch(() => 98765);
  };
  try {
    switch (op.kind) {
      case "createStudy":
        await s.createStudy(op.directions, op.name);
        if (!names.includes(op.name)) names.push(op.name);
        return "created";
      case "createTrial": {
        const template = op.waiting
          ? createFrozenTrial({ state: "WAITING", datetimeStart: null, systemAttrs: { q: 1 } })
          : undefined;
        return (await s.createTrial(await studyId(op.study), template)).number;
      }
      case "update": {
        const id = await studyId(op.study);
        const { trials } = await s.getTrials(id);
        const t = trials[op.trial % Math.max(1, trials.length)];
        if (t === undefined) return "no trial";
        const dirs = await s.getStudyDirections(id);
        const u = op.update;
        const update =
          u.state === "COMPLETE" && u.values !== undefined && u.values !== null
            ? { ...u, values: dirs.map((_, i) => u.values![i % u.values!.length]!) }
            : u;
        const after = await s.updateTrial(t.trialId, update);
        return [after.number, after.state];
      }
      case "pop": {
        const t = await s.popWaitingTrial(await studyId(op.study));
        return t === null ? null : t.number;
      }
      case "studyAttr":
        await s.setStudyUserAttr(await studyId(op.study), op.key, op.value);
        return "set";
      case "deleteStudy": {
        await s.deleteStudy(await studyId(op.study));
        return "deleted";
      }
      case "tick":
        clock.advance(op.ms);
        return "tick";
    }
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

/** Study ids differ where InMemoryStorage spends an id on a refused duplicate name; compare without them. */
async function view(s: Storage): Promise<unknown> {
  const v = await storageView(s);
  return v.studies.map(({ study_id: _, ...rest }) => rest);
}

describe("JournalStorage replays through the study's storage rules", () => {
  it("matches InMemoryStorage on random sequences of operations (results, errors, trials, attributes, times)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40 }), async (drawn) => {
        const ops: Op[] = [
          { kind: "createStudy", name: "a", directions: ["minimize"] },
          { kind: "createStudy", name: "b", directions: ["maximize", "minimize"] },
          { kind: "createTrial", study: 0, waiting: false },
          { kind: "createTrial", study: 1, waiting: false },
          { kind: "createTrial", study: 0, waiting: true },
          ...drawn,
        ];
        const memClock = new ManualClock({ start: 1_700_000_000_000 });
        const jClock = new ManualClock({ start: 1_700_000_000_000 });
        const mem = new InMemoryStorage({ clock: memClock });
        const journal = new JournalStorage(new MemoryJournalBackend(), { clock: jClock });
        const memNames: string[] = [];
        const jNames: string[] = [];
        for (const op of ops) {
          const a = await run(mem, op, memNames, memClock);
          const b = await run(journal, op, jNames, jClock);
          expect(b).toEqual(a);
        }
        expect(await view(journal)).toEqual(await view(mem));
        // A second process replaying the same journal from scratch sees the same.
        const backend = (journal as unknown as { backend: MemoryJournalBackend }).backend;
        expect(await view(new JournalStorage(backend))).toEqual(await view(mem));
      }),
      { numRuns: 150 },
    );
  });
});

describe("JournalStorage: two processes on one journal", () => {
  const pair = (): [JournalStorage, JournalStorage, MemoryJournalBackend] => {
    const backend = new MemoryJournalBackend();
    return [new JournalStorage(backend), new JournalStorage(backend), backend];
  };

  it("numbers trials by their place in the journal, without gaps or repeats", async () => {
    const [a, b] = pair();
    const id = await a.createStudy(["minimize"], "s");
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) => ((i % 2 === 0 ? a : b) as JournalStorage).createTrial(id)),
    );
    expect(made.map((t) => t.number).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await b.getTrials(id)).trials.map((t) => t.trialId)).toEqual(
      (await a.getTrials(id)).trials.map((t) => t.trialId),
    );
  });

  it("lets one of two processes finish a trial; the other gets UpdateFinishedTrialError", async () => {
    const [a, b] = pair();
    const id = await a.createStudy(["minimize"], "s");
    const t = await a.createTrial(id);
    await b.getTrial(t.trialId); // b knows the trial as RUNNING
    const results = await Promise.allSettled([
      a.updateTrial(t.trialId, { state: "COMPLETE", values: [1] }),
      b.updateTrial(t.trialId, { state: "FAIL" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(
      UpdateFinishedTrialError,
    );
    expect((await b.getTrial(t.trialId)).state).toBe((await a.getTrial(t.trialId)).state);
  });

  it("hands each WAITING trial to one process", async () => {
    const [a, b] = pair();
    const id = await a.createStudy(["minimize"], "s");
    for (let i = 0; i < 6; i++)
      await a.createTrial(id, createFrozenTrial({ state: "WAITING", datetimeStart: null }));
    await b.getTrials(id);
    const popped = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).popWaitingTrial(id)),
    );
    expect(
      popped
        .filter((t) => t !== null)
        .map((t) => t!.number)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("creates one study when two processes create the same name; the other gets DuplicatedStudyError", async () => {
    const [a, b] = pair();
    const results = await Promise.allSettled([
      a.createStudy(["minimize"], "same"),
      b.createStudy(["minimize"], "same"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.name).toBe(
      "DuplicatedStudyError",
    );
    expect((await a.getAllStudies()).map((s) => s.studyName)).toEqual(["same"]);
  });
});

describe("JournalStorage and records from other writers", () => {
  it("skips a record that breaks a rule (a parameter that changes its distribution), as every reader does", async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const id = await s.createStudy(["minimize"], "s");
    const t0 = await s.createTrial(id);
    await s.updateTrial(t0.trialId, { params: { x: { value: 0.5, distribution: floatDistribution(0, 1) } } });
    const t1 = await s.createTrial(id);
    await backend.appendLogs(
      trialUpdateRecords(
        "python-worker",
        t1.trialId,
        {
          params: { x: { value: 1, distribution: intDistribution(0, 3) } },
        },
        new Date(),
      ),
    );
    expect((await s.getTrial(t1.trialId)).params).toEqual({});
    expect((await new JournalStorage(backend).getTrial(t1.trialId)).params).toEqual({});
  });

  it("still numbers a trial whose CREATE_TRIAL breaks a rule (Optuna creates it unchecked), so numbers agree with Python", async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const id = await s.createStudy(["minimize"], "s");
    const odd = createFrozenTrial({ state: "COMPLETE", values: [1, 2] }); // two values in a one-objective study
    const record = createTrialJournalRecord("python-worker", id, odd, new Date());
    expect(record.op_code).toBe(JournalOperation.CREATE_TRIAL);
    await backend.appendLogs([record]);
    const next = await s.createTrial(id);
    expect(next.number).toBe(1);
    expect((await s.getTrials(id)).trials.map((t) => [t.number, t.state])).toEqual([
      [0, "COMPLETE"],
      [1, "RUNNING"],
    ]);
  });

  it("refuses what no order of records could accept before writing anything", async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const id = await s.createStudy(["minimize"], "s");
    const t = await s.createTrial(id);
    const lines = backend.text.length;
    await expect(s.updateTrial(t.trialId, { state: "COMPLETE", values: [Number.NaN] })).rejects.toThrow(
      /not NaN/,
    );
    await expect(s.createTrial(id, createFrozenTrial({ state: "COMPLETE", values: [1, 2] }))).rejects.toThrow(
      /one entry per direction/,
    );
    expect(backend.text.length).toBe(lines);
  });

  it("keeps a user's later changes to an attribute value out of the journal", async () => {
    const backend = new MemoryJournalBackend();
    const s = new JournalStorage(backend);
    const id = await s.createStudy(["minimize"], "s");
    const t = await s.createTrial(id);
    const value = { list: [1] };
    const pending = s.updateTrial(t.trialId, { userAttrs: { v: value } });
    value.list.push(2);
    await pending;
    expect((await s.getTrial(t.trialId)).userAttrs).toEqual({ v: { list: [1] } });
  });
});
