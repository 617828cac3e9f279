/**
 * Pareto tools at the sizes of issue 13, against Optuna 5.0 in the same run:
 *   - exact hypervolume of 100,000 points in 2-D, 10,000 in 3-D, 200 in 5-D (all on the
 *     positive unit sphere, so every point is on the front; reference 1.1 in each objective),
 *     against `optuna._hypervolume.compute_hypervolume`;
 *   - non-dominated sort of 10,000 uniform random points in 3 objectives with each algorithm
 *     of `nonDominatedRanks`, against `optuna.study._multi_objective._fast_non_domination_rank`;
 *   - the sort's crossover table: every algorithm on uniform random points, N ∈ {50, 200,
 *     1000, 5000} × m ∈ {2, 3, 5, 8} (few fronts), and on points near the diagonal (many
 *     fronts), the measurement behind `algorithm: "auto"`.
 * Each value is checked against Optuna's (hypervolume to 1e-9 relative, the first 50 ranks
 * exactly). Medians of `repeats` runs after three warm-ups (one for Optuna, whose runs above
 * 2 s are taken once), in CPU time (process.cpuUsage, Python's process_time): the machine is
 * shared, and CPU time is what other work on it disturbs least. Optuna runs in a child
 * process on the same points (raw float64 files).
 *
 * Run: npm run ts -- benchmarks/micro/pareto-large.ts [repeats=5] [python=/tmp/optuna5/bin/python]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hypervolume, type NonDominatedSortAlgorithm, nonDominatedRanks } from "@tunelab/math/pareto";
import { Rng } from "@tunelab/math/random";

const repeats = Number(process.argv[2] ?? 5);
const python = process.argv[3] ?? "/tmp/optuna5/bin/python";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function time(f: () => unknown, r = repeats): number {
  for (let w = 0; w < 3; w++) f();
  const ts: number[] = [];
  for (let i = 0; i < r; i++) {
    const t0 = process.cpuUsage();
    f();
    const d = process.cpuUsage(t0);
    ts.push((d.user + d.system) / 1000);
  }
  return median(ts);
}

function sphere(n: number, m: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < m; j++) {
      const v = Math.abs(rng.normal());
      out[i * m + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < m; j++) out[i * m + j] = out[i * m + j]! / Math.sqrt(norm);
  }
  return out;
}

function uniform(n: number, m: number, seed: number): Float64Array {
  const rng = Rng.fromSeed(seed);
  return Float64Array.from({ length: n * m }, () => rng.random());
}

const fmt = (t: number): string =>
  t < 1 ? `${(t * 1000).toFixed(0)} µs` : t < 1000 ? `${t.toFixed(2)} ms` : `${(t / 1000).toFixed(2)} s`;

interface Case {
  name: string;
  kind: "hv" | "sort";
  points: Float64Array;
  n: number;
  m: number;
  ref?: number[];
}

const cases: Case[] = [
  {
    name: "hypervolume 2-D, 100,000 points",
    kind: "hv",
    points: sphere(100_000, 2, 1),
    n: 100_000,
    m: 2,
    ref: [1.1, 1.1],
  },
  {
    name: "hypervolume 3-D, 10,000 points",
    kind: "hv",
    points: sphere(10_000, 3, 2),
    n: 10_000,
    m: 3,
    ref: [1.1, 1.1, 1.1],
  },
  {
    name: "hypervolume 5-D, 200 points",
    kind: "hv",
    points: sphere(200, 5, 3),
    n: 200,
    m: 5,
    ref: [1.1, 1.1, 1.1, 1.1, 1.1],
  },
  {
    name: "non-dominated sort 3-D, 10,000 points",
    kind: "sort",
    points: uniform(10_000, 3, 4),
    n: 10_000,
    m: 3,
  },
];

// Optuna in the same run (skipped when the interpreter is missing).
const dir = mkdtempSync(join(tmpdir(), "pareto-large-"));
let optuna: {
  optuna: string;
  results: Record<string, { ms: number; value?: number; ranks?: number[] }>;
} | null = null;
try {
  if (existsSync(python)) {
    const spec = cases.map((c, i) => {
      const file = join(dir, `case${i}.f64`);
      writeFileSync(file, new Uint8Array(c.points.buffer, c.points.byteOffset, c.points.byteLength));
      return { name: c.name, file, n: c.n, m: c.m, kind: c.kind, ref: c.ref };
    });
    const script = new URL("./pareto-optuna.py", import.meta.url).pathname;
    const out = execFileSync(python, [script, JSON.stringify(spec), String(repeats)], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    optuna = JSON.parse(out.trim().split("\n").pop()!);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `Pareto tools at scale, median of ${repeats} (Node ${process.version}; peer: ${optuna ? `Optuna ${optuna.optuna}` : "none"})`,
);
const rows: string[][] = [["case", "tunelab", "Optuna 5.0", "ratio", "check"]];
for (const c of cases) {
  const peer = optuna?.results[c.name];
  if (c.kind === "hv") {
    const value = hypervolume(c.points, c.m, c.ref!);
    const t = time(() => hypervolume(c.points, c.m, c.ref!));
    const check =
      peer?.value === undefined
        ? "-"
        : Math.abs(value - peer.value) <= 1e-9 * Math.abs(peer.value)
          ? `same value ${value.toPrecision(10)}`
          : `DIFFERENT: ${value} vs ${peer.value}`;
    rows.push([
      c.name,
      fmt(t),
      peer ? fmt(peer.ms) : "-",
      peer ? `${(peer.ms / t).toFixed(1)}×` : "-",
      check,
    ]);
  } else {
    const algorithms: NonDominatedSortAlgorithm[] = ["auto", "ens-bs", "ens-ss", "deb"];
    for (const algorithm of algorithms) {
      const ranks = nonDominatedRanks(c.points, c.m, { algorithm });
      const t = time(
        () => nonDominatedRanks(c.points, c.m, { algorithm }),
        algorithm === "deb" ? Math.min(repeats, 3) : repeats,
      );
      const same =
        peer?.ranks === undefined
          ? "-"
          : peer.ranks.every((r, i) => r === ranks[i])
            ? "same ranks"
            : "DIFFERENT ranks";
      rows.push([
        `${c.name}, ${algorithm}`,
        fmt(t),
        peer ? fmt(peer.ms) : "-",
        peer ? `${(peer.ms / t).toFixed(1)}×` : "-",
        same,
      ]);
    }
  }
}
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows)
  console.log(
    r.map((v, j) => (j === 0 || j === 4 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join("  "),
  );

console.log("\nNon-dominated sort by algorithm (CPU time per sort; F = number of fronts):");
const algs: NonDominatedSortAlgorithm[] = ["deb", "ens-ss", "ens-bs", "sweep2d", "auto"];
const line = (cells: string[]): string =>
  cells.map((v, j) => (j === 0 ? v.padEnd(30) : v.padStart(10))).join("");
console.log(line(["points", ...algs]));
function sortRow(label: string, pts: Float64Array, n: number, m: number): void {
  const fronts = Math.max(...nonDominatedRanks(pts, m)) + 1;
  const cells = algs.map((algorithm) => {
    if (algorithm === "sweep2d" && m !== 2) return "-";
    const r = n >= 5000 && algorithm === "deb" ? 3 : Math.max(repeats, n <= 200 ? 50 : 5);
    return fmt(time(() => nonDominatedRanks(pts, m, { algorithm }), r));
  });
  console.log(line([`${label} ${n} × ${m}, F=${fronts}`, ...cells]));
}
for (const m of [2, 3, 5, 8]) {
  for (const n of [50, 200, 1000, 5000]) sortRow("uniform", uniform(n, m, 100 * m + n), n, m);
}
// Many fronts: points near the diagonal, f_k = t + noise·u_k with t, u_k uniform.
for (const m of [3, 5]) {
  for (const noise of [0.01, 0.1]) {
    const rng = Rng.fromSeed(7 * m);
    const n = 5000;
    const pts = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      const t = rng.random();
      for (let k = 0; k < m; k++) pts[i * m + k] = t + noise * rng.random();
    }
    sortRow(`diagonal±${noise}`, pts, n, m);
  }
}
