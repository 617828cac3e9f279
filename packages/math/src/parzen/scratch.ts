/**
 * Scratch arrays of the Parzen hot paths (internal to this folder): the per-candidate
 * accumulators of `parzenLogPdf` and the cumulative weights of `sampleParzen` were a new
 * Float64Array at every call, that is, a few for every TPE trial and dimension (up to
 * 24 × 1,024 entries for the multivariate evaluation's chunk), all garbage by the call's end;
 * garbage collection was 13-15% of a TPE process's CPU profile (issue 18,
 * `benchmarks/overhead/profile-top.ts`). One array per use, kept by the module and grown
 * geometrically, serves every call instead.
 *
 * Safe because every user is synchronous and calls no user code while it holds the array,
 * and writes each entry it reads first; the results are bit-identical.
 */

/** A Float64Array reused across calls, at least as long as the last request. */
export class Float64Scratch {
  private buffer = new Float64Array(0);

  /**
   * An array of length ≥ n (not n: a view would be one more object per call); its entries
   * hold whatever the last user left there.
   */
  take(n: number): Float64Array {
    if (this.buffer.length < n) this.buffer = new Float64Array(Math.max(n, 2 * this.buffer.length));
    return this.buffer;
  }
}
