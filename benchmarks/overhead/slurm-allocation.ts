/**
 * The arithmetic behind "Running on a SLURM cluster" in packages/cli/README.md: how much of a
 * SLURM allocation trains, and how trials per task (M) and array concurrency (K) trade
 * efficiency against waiting. A model, not a measurement: every input is stated, and the
 * tables in the README are this script's output.
 *
 *   npm run ts -- benchmarks/overhead/slurm-allocation.ts
 *
 * Notation (minutes):
 *   O_node  preparing the node (container, environment, data staging): 0-5
 *   O_imp   starting Python and importing the training stack (torch, transformers): ~1
 *   O_load  loading the model and the data onto the GPU: 1-30
 *   T       one trial's training and evaluation
 *   M       trials per task (`--trials-per-task`)
 *   K       tasks running at once (`--array 0-N%K`)
 *
 * With `tunelab worker --persistent` one process serves the task's M trials, so O_node, O_imp
 * and O_load are paid once per task and the fraction of the allocation spent training is
 *   f = M·T / (O + M·T),  O = O_node + O_imp + O_load.
 * Without it the worker starts the command once per trial, so imports and loading are paid
 * per trial and only the node's preparation is shared:
 *   f = M·T / (O_node + M·(O_imp + O_load + T)).
 */

interface Overhead {
  readonly name: string;
  readonly node: number;
  readonly imports: number;
  readonly load: number;
}

const OVERHEADS: readonly Overhead[] = [
  { name: "small", node: 0, imports: 1, load: 1 },
  { name: "medium", node: 2, imports: 1, load: 10 },
  { name: "large", node: 5, imports: 1, load: 30 },
];
const TRIAL_MINUTES = [5, 20, 60];
const TRIALS_PER_TASK = [1, 5, 20];

/** Fraction of the allocation that trains, one process for the task's M trials. */
function persistentFraction(o: Overhead, t: number, m: number): number {
  return (m * t) / (o.node + o.imports + o.load + m * t);
}

/** Fraction of the allocation that trains, one process per trial. */
function perTrialFraction(o: Overhead, t: number, m: number): number {
  return (m * t) / (o.node + m * (o.imports + o.load + t));
}

const pct = (f: number): string => `${(100 * f).toFixed(0)}%`;

console.log("Fraction of each task's allocation spent training, f = M·T / (O + M·T)");
console.log("(in parentheses: one process per trial, without --persistent)\n");
console.log(`| O (node + imports + load) | T | ${TRIALS_PER_TASK.map((m) => `M = ${m}`).join(" | ")} |`);
console.log(`|---|---:|${TRIALS_PER_TASK.map(() => "---:").join("|")}|`);
for (const o of OVERHEADS) {
  for (const t of TRIAL_MINUTES) {
    const cells = TRIALS_PER_TASK.map(
      (m) => `${pct(persistentFraction(o, t, m))} (${pct(perTrialFraction(o, t, m))})`,
    );
    console.log(
      `| ${o.name}: ${o.node} + ${o.imports} + ${o.load} = ${o.node + o.imports + o.load} min | ${t} min | ${cells.join(" | ")} |`,
    );
  }
}

/**
 * The other side: N trials in tasks of M, at most K tasks at once, each task waiting W
 * minutes in the queue before it starts. Tasks run in ⌈⌈N/M⌉ / K⌉ waves of W + O + M·T
 * minutes each (a lower bound: a real queue does not release tasks in neat waves, and W
 * grows with the task's length on a busy cluster, since backfill fits short jobs first).
 */
const N = 100;
const O: Overhead = OVERHEADS[1] ?? { name: "medium", node: 2, imports: 1, load: 10 };
const T = 20;
const WAIT = 15;
console.log(
  `\n${N} trials of T = ${T} min, O = ${O.node + O.imports + O.load} min, --persistent, a queue wait of W = ${WAIT} min per task start\n`,
);
console.log("| K | M | tasks | tasks at once | GPU-hours | training | wall time (waves × (W + O + M·T)) |");
console.log("|---:|---:|---:|---:|---:|---:|---|");
for (const k of [4, 10]) {
  for (const m of [1, 5, 10, 25]) {
    const tasks = Math.ceil(N / m);
    const taskMinutes = O.node + O.imports + O.load + m * T;
    const waves = Math.ceil(tasks / k);
    const gpuHours = (tasks * taskMinutes) / 60;
    const wall = (waves * (WAIT + taskMinutes)) / 60;
    console.log(
      `| ${k} | ${m} | ${tasks} | ${Math.min(k, tasks)} | ${gpuHours.toFixed(1)} | ${pct(persistentFraction(O, T, m))} | ${waves} × (${WAIT} + ${taskMinutes}) min = ${wall.toFixed(1)} h |`,
    );
  }
}
