/**
 * Reading model inputs out of {@link TrialColumns}: for a set of trials (finished ones from
 * the table, pending ones from their current parameters, as a constant liar counts RUNNING
 * trials) and a list of parameters, the columns of model values of the trials that hold all
 * of them, and, for speed, the order that sorts each column, taken from the table's sorted
 * columns in O(n) instead of sorting in O(n log n).
 *
 * Notation: `numbers` is the ascending list of trial numbers of the set; row r of the result
 * is the r-th of them that holds every parameter inside its field; n the number of rows.
 */
import { type ColumnField, fieldValue, ownValue } from "./field.js";
import type { GatherScratch } from "./gather-scratch.js";
import type { TrialColumns } from "./trial-columns.js";

/**
 * Trials of a set that are not finished, whose current parameter values count as
 * observations (a constant liar's RUNNING trials).
 */
export interface PendingTrials {
  /** Tags by trial number; trial t is pending where `tags[t] === tag`. */
  readonly tags: Uint8Array;
  /** The tag of pending trials. */
  readonly tag: number;
  /** The pending trials by number (their `internalParams` are read). */
  readonly trials: ReadonlyMap<number, { readonly internalParams: Readonly<Record<string, number>> }>;
}

/** Columns read by {@link ColumnReader.gather}. */
export interface GatheredColumns {
  /** One Float64Array per field: the model values of the n rows, in the order of `numbers`. */
  readonly columns: Float64Array[];
  /** For each row, its position in `numbers`. */
  readonly rows: Int32Array;
  /**
   * With `withOrder`: per field, the row indices sorted by value, ties by row (null for
   * categorical fields); undefined without `withOrder` or if the table's order disagrees.
   */
  readonly order: (Int32Array | null)[] | undefined;
}

/** One field's values over a set, sorted, read by {@link ColumnReader.sorted}. */
export interface SortedValues {
  /** The k model values, ascending (ties by trial number). */
  readonly values: Float64Array;
  /** For each value, the position of its trial among the k trials in the order of `numbers`. */
  readonly positions: Int32Array;
  /** 0..k-1: the order that sorts `values` (for estimators that take one). */
  readonly order: Int32Array;
}

/**
 * Reads columns of a {@link TrialColumns} with reusable scratch arrays indexed by trial
 * number (one reader may serve several tables; calls are synchronous).
 * @example
 * ```ts
 * const reader = new ColumnReader();
 * const { columns } = reader.gather(table, fields, Int32Array.of(0, 2, 5), null, false);
 * ```
 */
export class ColumnReader {
  private rowOf = new Int32Array(0);
  private mark = new Int32Array(0);
  private chrono = new Int32Array(0);
  private identity = new Int32Array(0);
  private stamp = 0;

  /**
   * The model values of `fields` of the trials `numbers` (ascending) that hold all of them
   * inside their fields, one column per field, which entries of `numbers` they came from,
   * and with `withOrder`, for each numerical field the row indices sorted by value (from the
   * table's sorted columns, the pending trials merged in).
   * @param pending - trials of `numbers` read from their current parameters, or null.
   * @param scratch - optional: take the result's arrays from this scratch (views into its
   *   buffers, reused across calls) instead of new ones; the result is then valid only until
   *   the next gather into the same scratch (see {@link GatherScratch}).
   *   @defaultValue none: new arrays, owned by the caller
   */
  gather(
    table: TrialColumns,
    fields: readonly ColumnField[],
    numbers: Int32Array,
    pending: PendingTrials | null,
    withOrder: boolean,
    scratch?: GatherScratch,
  ): GatheredColumns {
    const d = fields.length;
    const total = numbers.length;
    // Rows whose every field is present and accepted (fieldValue's check, inlined).
    const ok = (scratch === undefined ? new Uint8Array(total) : scratch.takeOk(total)).fill(1);
    const raws: Float64Array[] = [];
    let liars = 0;
    if (pending !== null)
      for (let r = 0; r < total; r++) if (pending.tags[numbers[r]!] === pending.tag) liars++;
    for (let j = 0; j < d; j++) {
      const p = fields[j]!;
      const col = table.column(p.name);
      // Raw internal values of this field along `numbers` (pending trials included).
      // Every entry is written below.
      const raw = scratch === undefined ? new Float64Array(total) : scratch.takeRaw(j, total);
      for (let r = 0; r < total; r++) {
        const num = numbers[r]!;
        const v =
          liars > 0 && pending!.tags[num] === pending!.tag
            ? ownValue(pending!.trials.get(num)!.internalParams, p.name)
            : col === undefined
              ? Number.NaN
              : col[num]!;
        raw[r] = v;
        if (!(v >= p.low && v <= p.high) || (p.categorical && !Number.isInteger(v))) ok[r] = 0;
      }
      raws.push(raw);
    }
    // A typed array, not a number[]: past about 16,000 elements a JS array is a large heap
    // object of its own pages, 10-20x dearer per element (issue 18, overhead/split-scale.ts).
    let n = 0;
    for (let r = 0; r < total; r++) n += ok[r]!;
    const rows = scratch === undefined ? new Int32Array(n) : scratch.takeRows(n);
    for (let r = 0, i = 0; r < total; r++) if (ok[r] === 1) rows[i++] = r;
    const columns = fields.map((p, j) => {
      const raw = raws[j]!;
      // Every row kept, linear scale: the raw values are the column (no copy).
      if (!p.logScale && n === total) return raw;
      const out = scratch === undefined ? new Float64Array(n) : scratch.takeOut(j, n);
      if (p.logScale) for (let i = 0; i < n; i++) out[i] = Math.log(raw[rows[i]!]!);
      else for (let i = 0; i < n; i++) out[i] = raw[rows[i]!]!;
      return out;
    });
    if (!withOrder) return { columns, rows, order: undefined };
    this.ensure(table.size);
    const stamp = ++this.stamp;
    for (let i = 0; i < n; i++) {
      const num = numbers[rows[i]!]!;
      this.rowOf[num] = i;
      this.mark[num] = stamp;
    }
    const order: (Int32Array | null)[] = [];
    for (let j = 0; j < d; j++) {
      const p = fields[j]!;
      if (p.categorical) {
        order.push(null);
        continue;
      }
      const into = scratch === undefined ? new Int32Array(n) : scratch.takeOrder(j, n);
      const ord = this.sortedRows(table, p, columns[j]!, n, liars, numbers, rows, stamp, pending, into);
      if (ord === null) return { columns, rows, order: undefined };
      order.push(ord);
    }
    return { columns, rows, order };
  }

  /**
   * Row indices of a gathered column sorted by value (ties by row): the table's sorted
   * trials of the field restricted to the gathered rows, with the pending trials' rows merged
   * in by value, written into `ord` (length n). Null if the counts disagree (then the
   * estimator sorts).
   */
  private sortedRows(
    table: TrialColumns,
    p: ColumnField,
    column: Float64Array,
    n: number,
    liars: number,
    numbers: Int32Array,
    rows: Int32Array,
    stamp: number,
    pending: PendingTrials | null,
    ord: Int32Array,
  ): Int32Array | null {
    const sorted = table.sortedNumbers(p.name);
    const rowOf = this.rowOf;
    const mark = this.mark;
    let k = 0;
    const len = sorted.length;
    if (liars === 0) {
      // No pending trial to merge: the marked trials in the table's order.
      for (let s = 0; s < len; s++) {
        const num = sorted[s]!;
        if (mark[num] !== stamp) continue;
        if (k >= n) return null;
        ord[k++] = rowOf[num]!;
      }
      return k === n ? ord : null;
    }
    const { tags, tag } = pending!;
    const live: number[] = [];
    for (const r of rows) {
      const num = numbers[r]!;
      if (tags[num] === tag) live.push(rowOf[num]!);
    }
    live.sort((a, b) => column[a]! - column[b]! || a - b);
    let li = 0;
    for (let s = 0; s < len; s++) {
      const num = sorted[s]!;
      // A pending trial that has finished since is taken from `live`, with the values counted.
      if (mark[num] !== stamp || tags[num] === tag) continue;
      const row = rowOf[num]!;
      const v = column[row]!;
      while (li < live.length) {
        const lr = live[li]!;
        const lv = column[lr]!;
        if (lv < v || (lv === v && lr < row)) {
          ord[k++] = lr;
          li++;
        } else break;
      }
      if (k >= n) return null;
      ord[k++] = row;
    }
    while (li < live.length) ord[k++] = live[li++]!;
    return k === n ? ord : null;
  }

  /**
   * One field's accepted model values over the trials `numbers` (ascending), in ascending
   * order (ties by trial number), each with its chronological position among them: the
   * table's sorted column restricted to the set, the pending trials merged in, without
   * sorting the column.
   * @param pending - trials of `numbers` read from their current parameters, or null.
   */
  sorted(
    table: TrialColumns,
    field: ColumnField,
    numbers: Int32Array,
    pending: PendingTrials | null,
  ): SortedValues {
    const col = table.column(field.name);
    this.ensure(table.size);
    const chrono = this.chrono;
    const mark = this.mark;
    const stamp = ++this.stamp;
    // Chronological positions of the trials holding an accepted value; finished ones marked.
    const liars: { num: number; v: number }[] = [];
    let k = 0;
    for (const num of numbers) {
      const liar = pending !== null && pending.tags[num] === pending.tag;
      const raw = liar
        ? ownValue(pending.trials.get(num)!.internalParams, field.name)
        : (col?.[num] ?? Number.NaN);
      const v = fieldValue(field, raw);
      if (Number.isNaN(v)) continue;
      chrono[num] = k++;
      if (liar) liars.push({ num, v });
      else mark[num] = stamp;
    }
    liars.sort((a, b) => a.v - b.v || a.num - b.num);
    const values = new Float64Array(k);
    const positions = new Int32Array(k);
    const sorted = col === undefined ? new Int32Array(0) : table.sortedNumbers(field.name);
    let i = 0;
    let li = 0;
    for (let s = 0; s <= sorted.length; s++) {
      let num = -1;
      let v = Number.NaN;
      if (s < sorted.length) {
        num = sorted[s]!;
        if (mark[num] !== stamp) continue;
        v = fieldValue(field, col![num]!);
      }
      // Pending trials (by value, then number) go before this one.
      while (
        li < liars.length &&
        (s === sorted.length || liars[li]!.v < v || (liars[li]!.v === v && liars[li]!.num < num))
      ) {
        values[i] = liars[li]!.v;
        positions[i] = chrono[liars[li]!.num]!;
        i++;
        li++;
      }
      if (s === sorted.length) break;
      values[i] = v;
      positions[i] = chrono[num]!;
      i++;
    }
    if (i !== k) throw new Error(`ColumnReader.sorted: internal error, ${i} of ${k} values placed`);
    if (this.identity.length < k) {
      this.identity = Int32Array.from({ length: Math.max(k, 2 * this.identity.length) }, (_, j) => j);
    }
    return { values, positions, order: this.identity.subarray(0, k) };
  }

  /** Scratch arrays for trial numbers below `size`. */
  private ensure(size: number): void {
    if (this.rowOf.length >= size) return;
    const cap = Math.max(size, 2 * this.rowOf.length);
    this.rowOf = new Int32Array(cap);
    this.chrono = new Int32Array(cap);
    // Marks are compared with stamps, so old marks must survive the growth.
    const mark = new Int32Array(cap);
    mark.set(this.mark);
    this.mark = mark;
  }
}
