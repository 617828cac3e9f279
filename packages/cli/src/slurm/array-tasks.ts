/**
 * The tasks of a job array and their states, as SLURM reports them: from `sacct` (the
 * accounting database: every task, finished ones included, for as long as the cluster keeps
 * its records) when the cluster has accounting, otherwise from `squeue` (pending and running
 * tasks, and finished ones for `MinJobAge` seconds after they end, 300 by default).
 */
import { runSlurmTool } from "./slurm-tool.js";

/** One task of an array (or a group of pending tasks SLURM has not split yet). */
export interface ArrayTask {
  /** SLURM's id: `4242_3`, or `4242_[4-9%2]` for tasks still pending together. */
  readonly id: string;
  /** How many tasks this row stands for (1, or the size of a pending group). */
  readonly count: number;
  /** SLURM's state: PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, PREEMPTED, ... */
  readonly state: string;
  /** The pending reason (squeue), the exit code (sacct), or "". */
  readonly detail: string;
  /** Time used, as SLURM prints it (`1:02:03`, `00:05:00`). */
  readonly elapsed: string;
  /** The node(s), or "". */
  readonly nodes: string;
}

/** The tasks of one job and where they came from. */
export interface ArrayTasks {
  readonly jobId: string;
  /** `sacct`, `squeue`, or `none` when neither knows the job. */
  readonly source: "sacct" | "squeue" | "none";
  readonly tasks: readonly ArrayTask[];
}

/** The `squeue` columns read: id, state, reason, time used, nodes. */
export const SQUEUE_FORMAT = "%i|%T|%r|%M|%N";
/** The `sacct` fields read: id, state, exit code, elapsed time, nodes. */
export const SACCT_FORMAT = "JobID,State,ExitCode,Elapsed,NodeList";

/**
 * Reads the output of `squeue --array --noheader --states=all --format='%i|%T|%r|%M|%N'`.
 * @example parseSqueueTasks("42_1|RUNNING|None|0:05|node1\n") // [{ id: "42_1", count: 1, state: "RUNNING", ... }]
 */
export function parseSqueueTasks(text: string): ArrayTask[] {
  return rows(text).map(([id = "", state = "", reason = "", elapsed = "", nodes = ""]) => ({
    id,
    count: taskCount(id),
    state,
    detail: reason === "None" ? "" : reason,
    elapsed,
    nodes,
  }));
}

/**
 * Reads the output of `sacct --allocations --noheader --parsable2
 * --format=JobID,State,ExitCode,Elapsed,NodeList`. A state such as `CANCELLED by 0` is read
 * as `CANCELLED`; the exit code goes into `detail` (`exit 1:0`).
 * @example parseSacctTasks("42_0|COMPLETED|0:0|00:00:03|node1\n") // [{ id: "42_0", state: "COMPLETED", detail: "exit 0:0", ... }]
 */
export function parseSacctTasks(text: string): ArrayTask[] {
  return rows(text).map(([id = "", state = "", exit = "", elapsed = "", nodes = ""]) => ({
    id,
    count: taskCount(id),
    state: state.split(" ")[0] ?? state,
    detail: exit === "" ? "" : `exit ${exit}`,
    elapsed,
    nodes: nodes === "None assigned" ? "" : nodes,
  }));
}

/**
 * Asks SLURM for the tasks of job `jobId`: `sacct` when the cluster keeps accounting,
 * otherwise `squeue`.
 * @throws CliError when neither command is on PATH.
 */
export async function queryArrayTasks(
  jobId: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ArrayTasks> {
  const sacct = await runSlurmTool("sacct", ["-X", "-n", "-P", "-j", jobId, "-o", SACCT_FORMAT], env).catch(
    () => null,
  );
  if (sacct !== null && sacct.code === 0) {
    const tasks = parseSacctTasks(sacct.stdout);
    if (tasks.length > 0) return { jobId, source: "sacct", tasks: sortTasks(tasks) };
  }
  const squeue = await runSlurmTool(
    "squeue",
    ["-r", "-h", "-t", "all", "-j", jobId, "-o", SQUEUE_FORMAT],
    env,
  );
  // squeue exits 1 with "Invalid job id specified" for a job it no longer holds.
  const tasks = squeue.code === 0 ? parseSqueueTasks(squeue.stdout) : [];
  return { jobId, source: tasks.length > 0 ? "squeue" : "none", tasks: sortTasks(tasks) };
}

/**
 * Tasks in the order of their index (`42_2` before `42_10`; a pending group `42_[4-9]` at its
 * first index); squeue lists them newest first.
 */
export function sortTasks(tasks: readonly ArrayTask[]): ArrayTask[] {
  const index = (id: string): number => {
    const m = /_\[?(\d+)/.exec(id);
    return m === null ? -1 : Number(m[1]);
  };
  return tasks.slice().sort((a, b) => index(a.id) - index(b.id) || a.id.localeCompare(b.id));
}

/** Task counts by state, in SLURM's life-cycle order, then any other state by name. */
export function countTaskStates(tasks: readonly ArrayTask[]): [state: string, count: number][] {
  const counts = new Map<string, number>();
  for (const t of tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + t.count);
  const order = [
    "PENDING",
    "CONFIGURING",
    "RUNNING",
    "COMPLETING",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
    "TIMEOUT",
    "PREEMPTED",
    "NODE_FAIL",
    "OUT_OF_MEMORY",
  ];
  const rank = (s: string): number => {
    const i = order.indexOf(s);
    return i < 0 ? order.length : i;
  };
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

function rows(text: string): string[][] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => l.split("|"));
}

/** 1 for `42_3` or `42`; the size of the group for `42_[4-9%2]` or `42_[1,3,5]`. */
function taskCount(id: string): number {
  const m = /_\[([^\]]*)\]$/.exec(id);
  if (m === null) return 1;
  const list = (m[1] ?? "").replace(/%\d+$/, "");
  let n = 0;
  for (const item of list.split(",")) {
    const r = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(item);
    if (r === null) return 1;
    const a = Number(r[1]);
    const b = r[2] === undefined ? a : Number(r[2]);
    const s = r[3] === undefined ? 1 : Number(r[3]);
    n += b >= a ? Math.floor((b - a) / s) + 1 : 0;
  }
  return n;
}
