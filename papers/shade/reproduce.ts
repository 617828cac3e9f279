/**
 * SHADE (`@tunelab/math/population`, Tanabe & Fukunaga 2013) on BBOB functions that match
 * CEC 2013 functions, at the CEC budget of 10,000·D evaluations (D = 10), against SciPy's
 * `differential_evolution` on the same instances (see README.md for why SciPy and not the
 * paper's table).
 *
 *   nice -n 19 npm run ts -- papers/shade/reproduce.ts [--runs 51] [--scipy-runs 51] [--dim 10]
 *     [--budget-factor 10000] [--no-scipy] [--python /tmp/optuna5/bin/python]
 *
 * Prints, per function: the error f(x_best) − f_opt after the budget over the runs (mean, std,
 * median, min, max; errors below 1e-8 count as 0, as CEC 2013 reports them), SHADE's and
 * SciPy's, with the two-sided Mann–Whitney U p-value of the errors. Seeds: SHADE run r uses
 * seed r, SciPy run r `seed=r`.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { DifferentialEvolution } from "@tunelab/math/population";
import { mannWhitneyU } from "@tunelab/math/stats";
import { bbob } from "@tunelab/test-functions/bbob";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const runs = Number(opt("--runs", "51"));
const scipyRuns = Number(opt("--scipy-runs", String(runs)));
const dim = Number(opt("--dim", "10"));
const budget = Number(opt("--budget-factor", "10000")) * dim;
const python = opt("--python", "/tmp/optuna5/bin/python");
const withScipy = !argv.includes("--no-scipy");

/** BBOB functions (COCO instance 1) and the CEC 2013 function each resembles (Liang et al. 2013). */
const FUNCTIONS: readonly { fid: number; cec: string }[] = [
  { fid: 1, cec: "F1 sphere" },
  { fid: 2, cec: "— (separable ellipsoid; CEC's F2 is rotated)" },
  { fid: 10, cec: "F2 rotated high-conditioned elliptic" },
  { fid: 8, cec: "F6 Rosenbrock (CEC's is rotated)" },
  { fid: 3, cec: "F11 Rastrigin" },
  { fid: 15, cec: "F12 rotated Rastrigin" },
  { fid: 16, cec: "F9 rotated Weierstrass" },
  { fid: 20, cec: "F14 Schwefel (x·sin √|x|)" },
];
const ZERO = 1e-8;

function shadeRun(fid: number, seed: number): number {
  const f = bbob(fid, dim);
  const de = new DifferentialEvolution({
    bounds: { lower: f.lower, upper: f.upper },
    populationSize: 100, // Tanabe & Fukunaga 2013, §IV: NP = 100, H = 100 (the defaults)
    seed,
  });
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < budget; k++) {
    const x = de.ask();
    const v = f.evaluateVector(x);
    if (v < best) best = v;
    de.tell([{ x, value: v }]);
  }
  const err = best - f.optimum!;
  return err < ZERO ? 0 : err;
}

async function scipyErrors(): Promise<{ errors: Map<number, number[]>; version: string; nfev: number }> {
  const script = fileURLToPath(new URL("./scipy_de.py", import.meta.url));
  const spec = { fids: FUNCTIONS.map((f) => f.fid), runs: scipyRuns, dim, budget };
  const child = spawn(python, [script, JSON.stringify(spec)], { stdio: ["pipe", "pipe", "inherit"] });
  const fns = new Map(FUNCTIONS.map(({ fid }) => [fid, bbob(fid, dim)]));
  const errors = new Map<number, number[]>();
  let version = "";
  let nfev = 0;
  let evaluations = 0;
  const x = new Float64Array(dim);
  for await (const line of createInterface({ input: child.stdout })) {
    const msg = JSON.parse(line) as {
      fid: number;
      x?: number[][];
      done?: boolean;
      fun?: number;
      nfev?: number;
      scipy?: string;
    };
    const f = fns.get(msg.fid)!;
    if (msg.done === true) {
      const err = msg.fun! - f.optimum!;
      errors.set(msg.fid, [...(errors.get(msg.fid) ?? []), err < ZERO ? 0 : err]);
      version = msg.scipy ?? version;
      nfev = Math.max(nfev, evaluations);
      evaluations = 0;
      continue;
    }
    evaluations += msg.x!.length;
    const values = msg.x!.map((p) => {
      x.set(p);
      return f.evaluateVector(x);
    });
    child.stdin.write(`${JSON.stringify(values)}\n`);
  }
  return { errors, version, nfev };
}

const stats = (e: readonly number[]) => {
  const s = [...e].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, s.length - 1));
  const m = s.length >> 1;
  const median = s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return { mean, sd, median, min: s[0]!, max: s[s.length - 1]!, zeros: s.filter((v) => v === 0).length };
};
const e = (v: number) => (v === 0 ? "0" : v.toExponential(2));

const t0 = process.cpuUsage();
const shade = new Map<number, number[]>();
for (const { fid } of FUNCTIONS) {
  process.stderr.write(`SHADE f${fid}\n`);
  shade.set(
    fid,
    Array.from({ length: runs }, (_, r) => shadeRun(fid, r + 1)),
  );
}
const shadeCpu = (process.cpuUsage(t0).user + process.cpuUsage(t0).system) / 1e6;
const scipy = withScipy ? await scipyErrors() : null;

console.log(
  `SHADE (NP = 100, H = 100, p_max = 0.2, |A| = NP) on BBOB instance 1, D = ${dim}, ${budget} evaluations per run, ${runs} runs (seeds 1-${runs}); ${shadeCpu.toFixed(1)} s CPU in Node.`,
);
if (scipy !== null) {
  console.log(
    `SciPy ${scipy.version} differential_evolution (best1bin, popsize 15, tol 0, no polish), at most ${scipy.nfev} evaluations per run, ${scipyRuns} runs (seed=1..${scipyRuns}).`,
  );
}
console.log(
  "Error f(x_best) − f_opt after the budget (< 1e-8 counted as 0): mean ± sd, median [min, max], runs at 0.\n",
);
console.log(
  "| BBOB | like CEC 2013 | SHADE mean ± sd | SHADE median [min, max] | at 0 | SciPy mean ± sd | SciPy median [min, max] | at 0 | Mann–Whitney p | lower median |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
for (const { fid, cec } of FUNCTIONS) {
  const a = stats(shade.get(fid)!);
  const sErr = scipy?.errors.get(fid);
  const b = sErr === undefined ? null : stats(sErr);
  const p = sErr === undefined ? null : mannWhitneyU(shade.get(fid)!, sErr).pValue;
  const better =
    b === null || p === null
      ? ""
      : p >= 0.05
        ? "no significant difference"
        : a.median < b.median
          ? "SHADE"
          : a.median > b.median
            ? "SciPy"
            : a.mean < b.mean
              ? "SHADE (mean)"
              : "SciPy (mean)";
  console.log(
    `| f${fid} ${bbob(fid, dim).description.replace(/^BBOB f\d+ \((.*)\) in .*$/, "$1")} | ${cec} | ${e(a.mean)} ± ${e(a.sd)} | ${e(a.median)} [${e(a.min)}, ${e(a.max)}] | ${a.zeros}/${runs} | ${b === null ? "—" : `${e(b.mean)} ± ${e(b.sd)}`} | ${b === null ? "—" : `${e(b.median)} [${e(b.min)}, ${e(b.max)}]`} | ${b === null ? "—" : `${b.zeros}/${scipyRuns}`} | ${p === null ? "—" : p < 1e-3 ? p.toExponential(1) : p.toFixed(3)} | ${better} |`,
  );
}
