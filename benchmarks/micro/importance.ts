/**
 * Parameter importance (`@tunelab/math/importance`) at 1,000 and 10,000 trials, against
 * Optuna on the same trials in the same run: fANOVA and mean decrease in impurity against
 * Optuna 3.1 (Debian's python3, scikit-learn 1.2), PED-ANOVA against Optuna 5.0
 * (/tmp/optuna5/bin/python; it has no scikit-learn). Trials: RandomSampler-like uniform draws
 * of the fixture's "mixed" function (a log float, two categoricals, an int, a float; 5
 * parameters), seed 1. Defaults on both sides (64 trees, max depth 64; PED-ANOVA γ' = 0.1).
 * CPU time (process.cpuUsage; Python's process_time around get_param_importances): tunelab
 * the median of `reps` runs after one warm-up run of every evaluator on 200 trials (JIT), Optuna
 * one run (the machine is shared; the slow Optuna runs take minutes). Optuna runs in a child
 * process reading the trials from a JSON file; a child is stopped after `timeout` seconds
 * of wall time and reported as "> timeout".
 *
 * Run: npm run ts -- benchmarks/micro/importance.ts [sizes=1000,10000] [timeout=900] [reps=3]
 * (timeout 0 skips Optuna; reps is the number of tunelab runs whose median is shown).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ImportanceData, type ImportanceEvaluator, importances } from "@tunelab/math/importance";
import { Rng } from "@tunelab/math/random";

const sizes = (process.argv[2] ?? "1000,10000").split(",").map(Number);
const timeout = Number(process.argv[3] ?? 900);
const reps = Number(process.argv[4] ?? 3);
const script = new URL("./importance-optuna.py", import.meta.url).pathname;
const PY: Record<ImportanceEvaluator, string> = {
  fanova: "/usr/bin/python3",
  mdi: "/usr/bin/python3",
  "ped-anova": "/tmp/optuna5/bin/python",
};
const OPT = ["sgd", "adam", "rmsprop"];

function makeTrials(n: number): { data: ImportanceData; json: unknown } {
  const rng = Rng.fromSeed(1);
  const X = new Float64Array(n * 5);
  const y = new Float64Array(n);
  const trials = [];
  for (let i = 0; i < n; i++) {
    const lr = Math.exp(rng.uniform(Math.log(1e-4), 0));
    const opt = rng.int(0, 2);
    const layers = rng.int(1, 8);
    const noise = rng.int(0, 1);
    const unused = rng.random();
    // Columns in name order: layers, lr, noise, optimizer, unused.
    X.set([layers, lr, noise, opt, unused], i * 5);
    y[i] = (Math.log10(lr) + 2) ** 2 + [2, 0, 1][opt]! + 0.05 * layers;
    trials.push({
      params: { lr, optimizer: OPT[opt], layers, noise: ["a", "b"][noise], unused },
      value: y[i],
    });
  }
  const data: ImportanceData = {
    params: [
      { name: "layers", distribution: { kind: "int", low: 1, high: 8 } },
      { name: "lr", distribution: { kind: "float", low: 1e-4, high: 1, log: true } },
      { name: "noise", distribution: { kind: "categorical", choices: 2 } },
      { name: "optimizer", distribution: { kind: "categorical", choices: 3 } },
      { name: "unused", distribution: { kind: "float", low: 0, high: 1 } },
    ],
    X,
    y,
  };
  const distributions = {
    lr: { name: "FloatDistribution", attributes: { low: 1e-4, high: 1, log: true, step: null } },
    optimizer: { name: "CategoricalDistribution", attributes: { choices: OPT } },
    layers: { name: "IntDistribution", attributes: { low: 1, high: 8, log: false, step: 1 } },
    noise: { name: "CategoricalDistribution", attributes: { choices: ["a", "b"] } },
    unused: { name: "FloatDistribution", attributes: { low: 0, high: 1, log: false, step: null } },
  };
  return { data, json: { distributions, trials } };
}

const fmt = (m: ReadonlyMap<string, number> | Record<string, number>): string =>
  Object.entries<number>(m instanceof Map ? Object.fromEntries(m) : (m as Record<string, number>))
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(", ");

for (const evaluator of ["fanova", "ped-anova", "mdi"] as const)
  importances(makeTrials(200).data, { evaluator });
const dir = mkdtempSync(join(tmpdir(), "importance-bench-"));
try {
  console.log(
    "evaluator   trials   tunelab CPU   Optuna CPU   Optuna/tunelab   (importances: tunelab | Optuna)",
  );
  for (const n of sizes) {
    const { data, json } = makeTrials(n);
    const file = join(dir, `trials-${n}.json`);
    writeFileSync(file, JSON.stringify(json));
    for (const evaluator of ["fanova", "ped-anova", "mdi"] as const) {
      const times: number[] = [];
      let ours = new Map<string, number>();
      for (let r = 0; r < reps; r++) {
        const t0 = process.cpuUsage();
        ours = importances(data, { evaluator, seed: 0 });
        const u = process.cpuUsage(t0);
        times.push((u.user + u.system) / 1e6);
      }
      const ourS = times.sort((a, b) => a - b)[Math.floor(reps / 2)]!;
      let optS = Number.NaN;
      let optImp = "";
      if (timeout > 0)
        try {
          const out = execFileSync("nice", ["-n", "19", PY[evaluator], script, file, evaluator], {
            encoding: "utf8",
            timeout: timeout * 1000,
          });
          const r = JSON.parse(out.trim().split("\n").pop()!) as {
            cpu_s: number;
            importances: Record<string, number>;
          };
          optS = r.cpu_s;
          optImp = fmt(r.importances);
        } catch (e) {
          optImp = `failed or > ${timeout} s wall (${(e as Error).message.split("\n")[0]})`;
        }
      const ratio = Number.isFinite(optS) ? `${(optS / ourS).toFixed(1)}x` : "-";
      console.log(
        `${evaluator.padEnd(10)} ${String(n).padStart(7)} ${ourS.toFixed(3).padStart(11)} s ${Number.isFinite(optS) ? optS.toFixed(3).padStart(10) : "-".padStart(10)} s ${ratio.padStart(14)}   (${fmt(ours)} | ${optImp})`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
