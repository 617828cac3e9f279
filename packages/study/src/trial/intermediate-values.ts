/**
 * The map of a trial's reported values by step. A `Map` for cheap lookups by step; its
 * `toJSON` writes a `{ "step": value }` object so that `JSON.stringify(frozenTrial)` keeps
 * the values (a plain Map would be written as `{}`). Non-finite values become `null` under
 * JSON.stringify, as every number does; `frozenTrialToJson` keeps them exactly.
 */
export class IntermediateValues extends Map<number, number> {
  /** `{ "0": 0.5, "1": 0.25 }`, in step order. */
  toJSON(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const step of [...this.keys()].sort((a, b) => a - b)) out[String(step)] = this.get(step)!;
    return out;
  }
}
