/**
 * The value of `--array`: SLURM's job array indices (`sbatch --array`), checked before
 * anything is written or submitted, so a typo is a usage error naming the flag rather than a
 * job that sbatch refuses or, worse, accepts with another meaning.
 *
 * Grammar (SLURM's, `man sbatch`): a comma-separated list of items, each an index `n`, a range
 * `a-b` or a range with a step `a-b:s`, followed by an optional `%K`, the most tasks that run
 * at the same time: `0-9`, `0-9%2`, `1,3,5`, `0-15:4`, `1-3,8,10-12%4`.
 */
import { UsageError } from "../exit-codes.js";

/** A checked `--array` value. */
export interface ArraySpec {
  /** The value as sbatch reads it (whitespace removed). */
  readonly text: string;
  /** The distinct task indices, ascending. */
  readonly indices: readonly number[];
  /** `%K`: the most tasks running at once, or null when the value sets no limit. */
  readonly throttle: number | null;
}

/**
 * The largest index accepted: SLURM's own ceiling (MaxArraySize may be at most 4000001).
 * A cluster's MaxArraySize (often 1001) is lower; sbatch checks that.
 */
export const MAX_ARRAY_INDEX = 4_000_000;

const ACCEPTED = "accepted forms: 0-9, 0-9%2 (at most 2 tasks at once), 1,3,5, 0-15:4 (a step)";

/**
 * Parses the value of `--array`.
 * @throws UsageError naming `--array`, the accepted forms and what is wrong: an empty value,
 *   an item that is not `n`, `a-b` or `a-b:s`, a range whose end is below its start, a step
 *   or `%K` below 1, an index above {@link MAX_ARRAY_INDEX}.
 * @example parseArraySpec("0-3%2") // { text: "0-3%2", indices: [0, 1, 2, 3], throttle: 2 }
 */
export function parseArraySpec(value: string): ArraySpec {
  const text = value.replace(/\s+/g, "");
  if (text === "") throw bad(value, "it is empty");
  const percent = text.indexOf("%");
  const list = percent < 0 ? text : text.slice(0, percent);
  let throttle: number | null = null;
  if (percent >= 0) {
    const k = text.slice(percent + 1);
    if (!/^\d+$/.test(k) || Number(k) < 1) {
      throw bad(value, `the limit after % must be a whole number >= 1, got "${k}"`);
    }
    throttle = Number(k);
  }
  if (list === "") throw bad(value, "it names no task index before %");
  const indices = new Set<number>();
  for (const item of list.split(",")) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (m === null) {
      throw bad(value, `"${item}" is not an index (n), a range (a-b) or a range with a step (a-b:s)`);
    }
    const start = index(value, m[1] ?? "");
    const end = m[2] === undefined ? start : index(value, m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (end < start) throw bad(value, `the range "${item}" ends before it starts`);
    if (!(step >= 1)) throw bad(value, `the step of "${item}" must be >= 1`);
    for (let i = start; i <= end; i += step) indices.add(i);
  }
  return { text, indices: [...indices].sort((a, b) => a - b), throttle };
}

function index(value: string, digits: string): number {
  const n = Number(digits);
  if (!(n <= MAX_ARRAY_INDEX)) throw bad(value, `the index ${digits} is above ${MAX_ARRAY_INDEX}`);
  return n;
}

function bad(value: string, why: string): UsageError {
  return new UsageError(`--array: ${why} in ${JSON.stringify(value)}; ${ACCEPTED}`);
}
