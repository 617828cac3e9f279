import {
  categoricalDistribution,
  createFrozenTrial,
  type FrozenTrial,
  floatDistribution,
  type TrialState,
} from "@tunelab/study";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ColumnReader, type GatheredColumns, type PendingTrials } from "../../src/columns/column-reader.js";
import { type ColumnField, fieldValue } from "../../src/columns/field.js";
import { GatherScratch } from "../../src/columns/gather-scratch.js";
import { TrialColumns } from "../../src/columns/trial-columns.js";

const DISTRIBUTIONS = {
  a: floatDistribution(-20, 20),
  b: floatDistribution(1e-3, 100, { log: true }),
  c: categoricalDistribution(["p", "q", "r", "s"]),
};
/** Fields narrower than the trials' distributions, so some recorded values are not accepted. */
const FIELDS: ColumnField[] = [
  { name: "a", low: -10, high: 10, logScale: false, categorical: false },
  { name: "b", low: 1e-2, high: 10, logScale: true, categorical: false },
  { name: "c", low: 0, high: 2, logScale: false, categorical: true },
];
const STATES: TrialState[] = ["COMPLETE", "COMPLETE", "PRUNED", "FAIL", "RUNNING"];

/** One generated trial: state index, parameter values (null: absent), member of the set. */
interface Row {
  readonly state: number;
  readonly a: number | null;
  readonly b: number | null;
  readonly c: string | null;
  readonly member: boolean;
}

/** Rounded values make ties common. */
const trialArb: fc.Arbitrary<Row> = fc.record({
  state: fc.integer({ min: 0, max: STATES.length - 1 }),
  a: fc.option(fc.integer({ min: -15, max: 15 }).map((v) => v / 1.5)),
  b: fc.option(fc.constantFrom(2e-3, 0.05, 0.1, 0.5, 1, 5, 50)),
  c: fc.option(fc.constantFrom("p", "q", "r", "s")),
  member: fc.boolean(),
});

function build(rows: readonly Row[]): { trials: FrozenTrial[]; numbers: Int32Array } {
  const trials = rows.map((r, number) => {
    const params: Record<string, number | string> = {};
    const distributions: Record<string, (typeof DISTRIBUTIONS)[keyof typeof DISTRIBUTIONS]> = {};
    for (const name of ["a", "b", "c"] as const) {
      const v = r[name];
      if (v === null) continue;
      params[name] = v;
      distributions[name] = DISTRIBUTIONS[name];
    }
    const state = STATES[r.state]!;
    const t = createFrozenTrial({
      state,
      ...(state === "COMPLETE" ? { values: [number] } : {}),
      params,
      distributions,
    });
    return { ...t, number, trialId: number };
  });
  const numbers = Int32Array.from(rows.flatMap((r, i) => (r.member ? [i] : [])));
  return { trials, numbers };
}

/** The pending trials of a set: its RUNNING members. */
function pendingOf(trials: FrozenTrial[], numbers: Int32Array): PendingTrials {
  const tags = new Uint8Array(trials.length);
  const running = new Map<number, FrozenTrial>();
  for (const num of numbers) {
    if (trials[num]!.state !== "RUNNING") continue;
    tags[num] = 7;
    running.set(num, trials[num]!);
  }
  return { tags, tag: 7, trials: running };
}

/** The internal value the reader should see: finished trials from the table, pending ones live. */
function naiveRaw(t: FrozenTrial, name: string, pending: PendingTrials | null): number {
  const live = pending !== null && pending.tags[t.number] === pending.tag;
  const finished = t.state === "COMPLETE" || t.state === "PRUNED";
  if (!live && !finished) return Number.NaN;
  return Object.hasOwn(t.internalParams, name) ? t.internalParams[name]! : Number.NaN;
}

describe("ColumnReader.gather", () => {
  it("reads the rows holding every field inside it, in model space, with orders that sort each column (property)", () => {
    fc.assert(
      fc.property(
        fc.array(trialArb, { minLength: 0, maxLength: 60 }),
        fc.boolean(),
        fc.subarray([0, 1, 2], { minLength: 1 }),
        (rows, withPending, which) => {
          const { trials, numbers } = build(rows);
          const table = new TrialColumns(["minimize"]);
          table.update(trials);
          const pending = withPending ? pendingOf(trials, numbers) : null;
          const fields = which.map((j) => FIELDS[j]!);
          const reader = new ColumnReader();
          const got = reader.gather(table, fields, numbers, pending, true);
          // Naive: every member, its model values, kept when all are numbers.
          const wantRows: number[] = [];
          const wantCols: number[][] = fields.map(() => []);
          numbers.forEach((num, r) => {
            const v = fields.map((f) => fieldValue(f, naiveRaw(trials[num]!, f.name, pending)));
            if (v.some(Number.isNaN)) return;
            wantRows.push(r);
            for (let j = 0; j < v.length; j++) wantCols[j]!.push(v[j]!);
          });
          expect(Array.from(got.rows)).toEqual(wantRows);
          expect(got.columns.map((c) => Array.from(c))).toEqual(wantCols);
          const plain = reader.gather(table, fields, numbers, pending, false);
          expect(plain.order).toBeUndefined();
          expect(plain.columns.map((c) => Array.from(c))).toEqual(wantCols);
          // Orders: a stable ascending sort of each numerical column; null for categoricals.
          expect(got.order).toBeDefined();
          fields.forEach((f, j) => {
            if (f.categorical) {
              expect(got.order![j]).toBeNull();
              return;
            }
            const col = wantCols[j]!;
            const stable = col.map((_, i) => i).sort((x, y) => col[x]! - col[y]! || x - y);
            expect(Array.from(got.order![j]!)).toEqual(stable);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A gathered result as plain arrays (copied, so later writes into a scratch cannot change it). */
function snapshot(g: GatheredColumns): {
  rows: number[];
  columns: number[][];
  order: (number[] | null)[] | null;
} {
  return {
    rows: Array.from(g.rows),
    columns: g.columns.map((c) => Array.from(c)),
    order: g.order === undefined ? null : g.order.map((o) => (o === null ? null : Array.from(o))),
  };
}

describe("ColumnReader.gather into a GatherScratch", () => {
  it("gives what fresh arrays give, gather after gather of varying sizes, and a result in one scratch is untouched by gathers into another (property)", () => {
    const studyArb = fc.record({
      rows: fc.array(trialArb, { minLength: 0, maxLength: 70 }),
      withPending: fc.boolean(),
      which: fc.subarray([0, 1, 2], { minLength: 1 }),
      withOrder: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(studyArb, { minLength: 1, maxLength: 6 }), (studies) => {
        // One reader and two scratches across every gather, as a TpeSampler keeps them.
        const reader = new ColumnReader();
        const first = new GatherScratch();
        const second = new GatherScratch();
        let held: { want: ReturnType<typeof snapshot>; got: GatheredColumns } | null = null;
        for (const { rows, withPending, which, withOrder } of studies) {
          const { trials, numbers } = build(rows);
          const table = new TrialColumns(["minimize"]);
          table.update(trials);
          const pending = withPending ? pendingOf(trials, numbers) : null;
          const fields = which.map((j) => FIELDS[j]!);
          const want = snapshot(new ColumnReader().gather(table, fields, numbers, pending, withOrder));
          // The previous result, held in `first`, survives this gather into `second`.
          const got2 = reader.gather(table, fields, numbers, pending, withOrder, second);
          expect(snapshot(got2)).toEqual(want);
          if (held !== null) expect(snapshot(held.got)).toEqual(held.want);
          const got1 = reader.gather(table, fields, numbers, pending, withOrder, first);
          expect(snapshot(got1)).toEqual(want);
          // Views of exactly the result's length (an estimator checks the columns' lengths).
          for (const c of got1.columns) expect(c.length).toBe(got1.rows.length);
          held = { want, got: got1 };
        }
      }),
      { numRuns: 200 },
    );
  });

  it("overwrites a result at the next gather into the same scratch (the documented contract)", () => {
    const rows = (v: number): Row[] =>
      Array.from({ length: 5 }, () => ({ state: 0, a: v, b: null, c: null, member: true }));
    const reader = new ColumnReader();
    const scratch = new GatherScratch();
    const fields = [FIELDS[0]!];
    const a = build(rows(1));
    const tableA = new TrialColumns(["minimize"]);
    tableA.update(a.trials);
    const first = reader.gather(tableA, fields, a.numbers, null, false, scratch);
    expect(Array.from(first.columns[0]!)).toEqual([1, 1, 1, 1, 1]);
    const b = build(rows(2));
    const tableB = new TrialColumns(["minimize"]);
    tableB.update(b.trials);
    reader.gather(tableB, fields, b.numbers, null, false, scratch);
    expect(Array.from(first.columns[0]!)).toEqual([2, 2, 2, 2, 2]);
  });
});

describe("ColumnReader.sorted", () => {
  it("gives one field's accepted values ascending (ties by trial number) with their chronological positions (property)", () => {
    fc.assert(
      fc.property(
        fc.array(trialArb, { minLength: 0, maxLength: 80 }),
        fc.boolean(),
        fc.constantFrom(0, 1),
        (rows, withPending, j) => {
          const { trials, numbers } = build(rows);
          const table = new TrialColumns(["minimize"]);
          table.update(trials);
          const pending = withPending ? pendingOf(trials, numbers) : null;
          const field = FIELDS[j]!;
          const got = new ColumnReader().sorted(table, field, numbers, pending);
          const kept: { num: number; v: number; position: number }[] = [];
          for (const num of numbers) {
            const v = fieldValue(field, naiveRaw(trials[num]!, field.name, pending));
            if (!Number.isNaN(v)) kept.push({ num, v, position: kept.length });
          }
          kept.sort((x, y) => x.v - y.v || x.num - y.num);
          expect(Array.from(got.values)).toEqual(kept.map((k) => k.v));
          expect(Array.from(got.positions)).toEqual(kept.map((k) => k.position));
          expect(Array.from(got.order)).toEqual(kept.map((_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("takes a pending trial that has finished since from its running values, once", () => {
    const trials = [0, 1, 2].map((number) => {
      const t = createFrozenTrial({
        state: "COMPLETE",
        values: [number],
        params: { a: number },
        distributions: { a: DISTRIBUTIONS.a },
      });
      return { ...t, number, trialId: number };
    });
    const table = new TrialColumns(["minimize"]);
    table.update(trials);
    // Trial 1 was RUNNING at a = 5 when the set was made; the table has it finished at a = 1.
    const running = { ...trials[1], state: "RUNNING" as const, internalParams: { a: 5 } };
    const pending: PendingTrials = { tags: Uint8Array.of(0, 3, 0), tag: 3, trials: new Map([[1, running]]) };
    const got = new ColumnReader().sorted(table, FIELDS[0]!, Int32Array.of(0, 1, 2), pending);
    expect(Array.from(got.values)).toEqual([0, 2, 5]);
    expect(Array.from(got.positions)).toEqual([0, 2, 1]);
    const g = new ColumnReader().gather(table, [FIELDS[0]!], Int32Array.of(0, 1, 2), pending, true);
    expect(Array.from(g.columns[0]!)).toEqual([0, 5, 2]);
    expect(Array.from(g.order![0]!)).toEqual([0, 2, 1]);
  });
});
