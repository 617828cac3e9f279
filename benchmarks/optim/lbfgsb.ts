/**
 * L-BFGS-B against SciPy's, in one run: evaluations and CPU time per solve on Rosenbrock in
 * 10 and 50 dimensions, unbounded and in the box [−2, 2]ⁿ, from x0 = (−1.2, …, −1.2); and, for
 * scale, in 1,000 and 10,000 dimensions with x_i ≤ 0.5 on the even coordinates (half the
 * bounds active at the solution), from x0 = 0.
 *
 * tunelab: `minimizeLbfgsb` with the default options (memory 10, pgtol 1e-5, ftol 2.2e-9) and
 * maxIterations 15000, the objective a plain Float64Array loop. SciPy: Debian's SciPy
 * (/usr/bin/python3) `minimize(method="L-BFGS-B", jac=True)` with its defaults and maxiter
 * 15000, the objective `scipy.optimize.rosen` / `rosen_der` (NumPy), timed by a Python child
 * process started by this script for each case just before our side of the same case (so that
 * both sides of a row see about the same machine load). CPU time per solve is the median over `repeats` solves
 * after warm-up (Node: process.cpuUsage, after two seconds of solving every case so that V8's
 * background compilation is over; Python: time.process_time); the share of it spent
 * inside the objective is measured on both sides by wrapping the objective with a timer.
 *
 * Run: npm run ts -- benchmarks/optim/lbfgsb.ts [repeats=30]
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { type LbfgsbOptions, minimizeLbfgsb, type ObjectiveWithGradient } from "@tunelab/math/optim";

const repeats = Number(process.argv[2] ?? 30);

function rosenbrock(x: Float64Array, g: Float64Array): number {
  const n = x.length;
  let f = 0;
  g.fill(0);
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i]!;
    const a = x[i + 1]! - xi * xi;
    const b = 1 - xi;
    f += 100 * a * a + b * b;
    g[i] = g[i]! - 400 * xi * a - 2 * b;
    g[i + 1] = g[i + 1]! + 200 * a;
  }
  return f;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** CPU microseconds of the process so far (user + system). */
function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

interface Row {
  f: number;
  nit: number;
  nfev: number;
  cpu_ms: number;
  objective_ms: number;
}

type Kind = "free" | "box" | "half";
const cases: [number, Kind][] = [
  [10, "free"],
  [10, "box"],
  [50, "free"],
  [50, "box"],
  [1000, "half"],
  [10000, "half"],
];

function problem(n: number, kind: Kind): { x0: Float64Array; options: LbfgsbOptions } {
  const x0 = new Float64Array(n).fill(kind === "half" ? 0 : -1.2);
  const options =
    kind === "box"
      ? { lower: new Float64Array(n).fill(-2), upper: new Float64Array(n).fill(2), maxIterations: 15000 }
      : kind === "half"
        ? {
            upper: new Float64Array(n).map((_, i) => (i % 2 === 0 ? 0.5 : Number.POSITIVE_INFINITY)),
            maxIterations: 15000,
          }
        : { maxIterations: 15000 };
  return { x0, options };
}

function runOurs(n: number, kind: Kind): Row {
  const { x0, options } = problem(n, kind);
  let inObjective = 0;
  const timed: ObjectiveWithGradient = (x, g) => {
    const t0 = performance.now();
    const f = rosenbrock(x, g);
    inObjective += performance.now() - t0;
    return f;
  };
  for (let w = 0; w < 5; w++) minimizeLbfgsb(rosenbrock, x0, options);
  const cpu: number[] = [];
  let last = minimizeLbfgsb(rosenbrock, x0, options);
  for (let r = 0; r < repeats; r++) {
    const t0 = cpuMicros();
    last = minimizeLbfgsb(rosenbrock, x0, options);
    cpu.push((cpuMicros() - t0) / 1000);
  }
  const objective: number[] = [];
  for (let r = 0; r < repeats; r++) {
    inObjective = 0;
    minimizeLbfgsb(timed, x0, options);
    objective.push(inObjective);
  }
  return {
    f: last.f,
    nit: last.iterations,
    nfev: last.evaluations,
    cpu_ms: median(cpu),
    objective_ms: median(objective),
  };
}

const python = `
import json, sys, time
import numpy as np
import scipy
from scipy.optimize import minimize, rosen, rosen_der
repeats, n, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
x0 = np.full(n, 0.0 if kind == "half" else -1.2)
bounds = [(-2, 2)] * n if kind == "box" else [(None, 0.5 if i % 2 == 0 else None) for i in range(n)] if kind == "half" else None
spent = [0.0]
def fg(x):
    return rosen(x), rosen_der(x)
def timed(x):
    t0 = time.process_time()
    v = (rosen(x), rosen_der(x))
    spent[0] += time.process_time() - t0
    return v
opts = dict(maxiter=15000)
for _ in range(5):
    minimize(fg, x0, jac=True, method="L-BFGS-B", bounds=bounds, options=opts)
cpu = []
for _ in range(repeats):
    t0 = time.process_time()
    r = minimize(fg, x0, jac=True, method="L-BFGS-B", bounds=bounds, options=opts)
    cpu.append(time.process_time() - t0)
obj = []
for _ in range(repeats):
    spent[0] = 0.0
    minimize(timed, x0, jac=True, method="L-BFGS-B", bounds=bounds, options=opts)
    obj.append(spent[0])
print(json.dumps(dict(versions=[scipy.__version__, np.__version__, sys.version.split()[0]],
    f=float(r.fun), nit=int(r.nit), nfev=int(r.nfev),
    cpu_ms=float(np.median(cpu)) * 1000, objective_ms=float(np.median(obj)) * 1000)))
`;

/** SciPy's row for one case, from a fresh Python child (so each case is timed next to ours). */
function runScipy(n: number, kind: Kind): Row & { versions: [string, string, string] } {
  const child = spawnSync("/usr/bin/python3", ["-c", python, String(repeats), String(n), kind], {
    encoding: "utf8",
  });
  if (child.status !== 0) {
    console.error(child.stderr);
    throw new Error("the SciPy side failed (Debian's python3-scipy at /usr/bin/python3 is needed)");
  }
  return JSON.parse(child.stdout) as Row & { versions: [string, string, string] };
}

const header = [
  "case",
  "who",
  "f",
  "iterations",
  "evaluations",
  "CPU ms/solve",
  "in objective",
  "outside objective",
];
const lines: string[][] = [header];
// Warm-up over every case first, for about two seconds: process.cpuUsage counts V8's
// background compiler threads too, so a case timed while its code is still being optimized
// would be charged for the compilation.
const warmUntil = performance.now() + 2000;
while (performance.now() < warmUntil) {
  for (const [n, kind] of cases) {
    const { x0, options } = problem(n, kind);
    minimizeLbfgsb(rosenbrock, x0, options);
  }
}

const label: Record<Kind, string> = { free: "no bounds", box: "[−2,2]ⁿ", half: "x_even ≤ 0.5" };
let versions = ["?", "?", "?"];
for (const [n, kind] of cases) {
  const theirs = runScipy(n, kind);
  versions = theirs.versions;
  const ours = runOurs(n, kind);
  for (const [who, r] of [
    ["tunelab", ours],
    ["SciPy", theirs],
  ] as const) {
    lines.push([
      `n=${n} ${label[kind]}`,
      who,
      r.f.toExponential(2),
      String(r.nit),
      String(r.nfev),
      r.cpu_ms.toFixed(3),
      r.objective_ms.toFixed(3),
      (r.cpu_ms - r.objective_ms).toFixed(3),
    ]);
  }
}
console.log(
  `Rosenbrock (x0 = −1.2·1; 0 for x_even ≤ 0.5), ${repeats} timed solves per case (median), Node ${process.version}, ` +
    `SciPy ${versions[0]} / NumPy ${versions[1]} / Python ${versions[2]}, ${cpus()[0]?.model ?? "?"} (${cpus().length} cores)`,
);
const widths = header.map((_, j) => Math.max(...lines.map((l) => l[j]!.length)));
for (const l of lines) console.log(l.map((c, j) => c.padEnd(widths[j]!)).join("  "));
