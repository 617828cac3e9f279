/**
 * SLURM's time limits (`sbatch --time`), read so that `tunelab slurm submit` can check that
 * the worker's warning signal comes before the limit, not at or after it.
 *
 * Forms (`man sbatch`): `minutes`, `minutes:seconds`, `hours:minutes:seconds`, `days-hours`,
 * `days-hours:minutes`, `days-hours:minutes:seconds`; `INFINITE` and `UNLIMITED` mean none.
 */
import { UsageError } from "../exit-codes.js";

const FORMS =
  "minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes, days-hours:minutes:seconds";

/**
 * The time limit in seconds, or null for `INFINITE` / `UNLIMITED`.
 * @throws UsageError naming `--time` and SLURM's forms for anything else, or a limit of 0.
 * @example parseTimeLimit("1-12:00:00") // 129600
 */
export function parseTimeLimit(value: string): number | null {
  const v = value.trim();
  if (/^(INFINITE|UNLIMITED)$/i.test(v)) return null;
  let days = 0;
  let rest = v;
  const dash = /^(\d+)-(.+)$/.exec(v);
  if (dash !== null) {
    days = Number(dash[1]);
    rest = dash[2] ?? "";
  }
  if (!/^\d+(:\d+){0,2}$/.test(rest)) {
    throw new UsageError(`--time: expected one of ${FORMS} (or UNLIMITED), got ${JSON.stringify(value)}`);
  }
  const parts = rest.split(":").map(Number);
  const [a = 0, b = 0, c = 0] = parts;
  let seconds: number;
  if (dash !== null) {
    // days-hours, days-hours:minutes, days-hours:minutes:seconds
    seconds = days * 86400 + a * 3600 + b * 60 + c;
  } else if (parts.length === 1) {
    seconds = a * 60;
  } else if (parts.length === 2) {
    seconds = a * 60 + b;
  } else {
    seconds = a * 3600 + b * 60 + c;
  }
  if (!(seconds > 0))
    throw new UsageError(`--time: a time limit must be longer than 0, got ${JSON.stringify(value)}`);
  return seconds;
}
