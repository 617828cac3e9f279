/**
 * Reusable arrays for `ColumnReader.gather` (issue 18). A TPE trial gathers the columns of
 * the below and the above set: for the above set, D columns of n values, their D sorting
 * orders, the row list and the per-row check, all new typed arrays at every trial (at
 * 100,000 trials in 10-D, about 12 MB a trial for the reader alone). Their backing stores
 * live outside V8's heap, and that external memory growing by tens of megabytes a trial is
 * what started a full mark-compact every one or two trials past 50,000 trials
 * (`benchmarks/overhead/tpe-scale.ts` reports the collector's share). A `GatherScratch` keeps
 * one buffer per role, grown geometrically (as `@tunelab/math/parzen`'s accumulators are), and
 * `gather` hands out views of exactly the requested length into it.
 *
 * The contract: what a gather into a scratch returns is valid until the next gather into the
 * same scratch, which overwrites it. A caller that keeps the result longer copies it, or
 * gathers without a scratch (fresh arrays, as before). A caller holding two results at once
 * (TPE's below and above sets) uses two scratches. Owned by the caller (TpeSampler owns
 * its two), never shared by module, so two samplers or two studies cannot see each other's
 * values; calls are synchronous.
 */

/** Buffers reused by `ColumnReader.gather` (see the file's notes for the contract). */
export class GatherScratch {
  private ok = new Uint8Array(0);
  private rows = new Int32Array(0);
  private readonly raws: Float64Array[] = [];
  private readonly outs: Float64Array[] = [];
  private readonly orders: Int32Array[] = [];

  /** A Uint8Array of length n (a view; entries are stale). */
  takeOk(n: number): Uint8Array {
    if (this.ok.length < n) this.ok = new Uint8Array(grown(this.ok.length, n));
    return this.ok.subarray(0, n);
  }

  /** An Int32Array of length n for the row list (a view; entries are stale). */
  takeRows(n: number): Int32Array {
    if (this.rows.length < n) this.rows = new Int32Array(grown(this.rows.length, n));
    return this.rows.subarray(0, n);
  }

  /** Field j's raw values along the set, length n (a view; entries are stale). */
  takeRaw(j: number, n: number): Float64Array {
    return takeF64(this.raws, j, n);
  }

  /** Field j's model column when it differs from the raw values, length n (a view). */
  takeOut(j: number, n: number): Float64Array {
    return takeF64(this.outs, j, n);
  }

  /** Field j's sorting order, length n (a view; entries are stale). */
  takeOrder(j: number, n: number): Int32Array {
    while (this.orders.length <= j) this.orders.push(new Int32Array(0));
    let a = this.orders[j]!;
    if (a.length < n) {
      a = new Int32Array(grown(a.length, n));
      this.orders[j] = a;
    }
    return a.subarray(0, n);
  }
}

/** Slot j of a list of Float64Array buffers, grown to hold n, as a view of length n. */
function takeF64(list: Float64Array[], j: number, n: number): Float64Array {
  while (list.length <= j) list.push(new Float64Array(0));
  let a = list[j]!;
  if (a.length < n) {
    a = new Float64Array(grown(a.length, n));
    list[j] = a;
  }
  return a.subarray(0, n);
}

/** The new capacity for n entries: at least double the old one (geometric growth). */
function grown(old: number, n: number): number {
  return Math.max(n, 2 * old, 16);
}
