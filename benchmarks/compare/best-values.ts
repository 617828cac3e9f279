/**
 * The best value of every run of a benchmark folder, by function and sampler: what the
 * comparison tables (`beats-reference.ts`, `qmc/start-table.ts`) test and take medians of.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The fields of a `runs.jsonl` record these tables read. */
interface Run {
  cell: { function: string; sampler: string; seed: number };
  values: (number[] | null)[];
}

/**
 * function → sampler → the best (lowest) first objective value of each run, in file order,
 * reading only each run's first `atTrials` trials when given. A run with no value gives +∞.
 */
export function bestValues(dir: string, atTrials?: number): Map<string, Map<string, number[]>> {
  const best = new Map<string, Map<string, number[]>>();
  for (const line of readFileSync(join(dir, "runs.jsonl"), "utf8").split("\n")) {
    if (line.trim() === "") continue;
    const run = JSON.parse(line) as Run;
    const values = atTrials === undefined ? run.values : run.values.slice(0, atTrials);
    let b = Number.POSITIVE_INFINITY;
    for (const v of values) if (v !== null && v[0]! < b) b = v[0]!;
    const byFn = best.get(run.cell.function) ?? new Map<string, number[]>();
    best.set(run.cell.function, byFn);
    const list = byFn.get(run.cell.sampler) ?? [];
    list.push(b);
    byFn.set(run.cell.sampler, list);
  }
  return best;
}
