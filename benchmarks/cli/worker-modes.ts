/**
 * What `tunelab worker --persistent` saves: the scikit-learn example
 * (examples/sklearn-digits/train.py) run for the same trials by a worker that starts Python
 * for every trial and by one whose single Python process serves them all. Per trial, the
 * first pays Python's start, the imports (numpy, scikit-learn) and loading the data again;
 * the second pays them once per worker. The trials are the same in both (RandomSampler with
 * a fixed seed, no pruner, a fixed number of epochs), so the difference is that start-up.
 *
 * Each run is a fresh worker (the CLI from its TypeScript sources, as `npm run ts` runs it)
 * on a fresh journal file; the modes alternate, and the median of the repeats is reported,
 * with the time of `python3 -c "import sklearn ..."` alone for scale.
 *
 * Run (needs Debian's python3-sklearn):
 *   npm run ts -- benchmarks/cli/worker-modes.ts [--trials 20] [--epochs 20] [--repeats 3]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "packages/cli/src/bin.ts");
const EXAMPLE = join(ROOT, "examples/sklearn-digits");
const PYTHON = "/usr/bin/python3";
const TRIALS = Number(option("trials", "20"));
const EPOCHS = Number(option("epochs", "20"));
const REPEATS = Number(option("repeats", "3"));

/** Wall seconds of one worker run in `mode`. */
function runWorker(mode: "per-trial" | "persistent"): number {
  const dir = mkdtempSync(join(tmpdir(), "tunelab-worker-modes-"));
  try {
    const args = [
      "--conditions=@tunelab/source",
      "--import",
      "tsx",
      BIN,
      "worker",
      "--storage",
      `journal:${join(dir, "study.log")}`,
      "--study",
      "digits",
      "--search-space",
      `@${join(EXAMPLE, "space.json")}`,
      "--n-trials",
      String(TRIALS),
      "--sampler",
      "RandomSampler",
      "--sampler-kwargs",
      '{"seed": 1}',
      "--pruner",
      "NopPruner",
      ...(mode === "persistent" ? ["--persistent"] : []),
      "--",
      PYTHON,
      join(EXAMPLE, "train.py"),
    ];
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, {
      env: {
        ...process.env,
        EPOCHS: String(EPOCHS),
        TUNELAB_LOG_LEVEL: "warn",
        PYTHONDONTWRITEBYTECODE: "1",
      },
      encoding: "utf8",
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`worker (${mode}) exited ${r.status}: ${r.stderr}`);
    if (!r.stderr.includes(`${TRIALS} trials done (${TRIALS} complete`)) {
      throw new Error(`worker (${mode}) did not complete ${TRIALS} trials: ${r.stderr}`);
    }
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall seconds of Python importing what train.py imports and loading the data. */
function importOnly(): number {
  const code =
    "import numpy; from sklearn.datasets import load_digits; from sklearn.linear_model import SGDClassifier; load_digits()";
  const start = process.hrtime.bigint();
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`python3 cannot import scikit-learn: ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const times = { "per-trial": [] as number[], persistent: [] as number[], imports: [] as number[] };
for (let i = 0; i < REPEATS; i++) {
  const order = i % 2 === 0 ? (["per-trial", "persistent"] as const) : (["persistent", "per-trial"] as const);
  for (const mode of order) times[mode].push(runWorker(mode));
  times.imports.push(importOnly());
}
const perTrial = median(times["per-trial"]);
const persistent = median(times.persistent);
console.log(
  `tunelab worker, examples/sklearn-digits (${TRIALS} trials x ${EPOCHS} epochs, RandomSampler seed 1, no pruner), median of ${REPEATS}; ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}:`,
);
console.log(
  `  a process per trial: ${perTrial.toFixed(1)} s (${((perTrial / TRIALS) * 1000).toFixed(0)} ms/trial)`,
);
console.log(
  `  --persistent:        ${persistent.toFixed(1)} s (${((persistent / TRIALS) * 1000).toFixed(0)} ms/trial)`,
);
console.log(
  `  ratio: ${(perTrial / persistent).toFixed(1)}x; saved per trial: ${(((perTrial - persistent) / TRIALS) * 1000).toFixed(0)} ms`,
);
console.log(
  `  python3 importing numpy and scikit-learn and loading the digits alone: ${(median(times.imports) * 1000).toFixed(0)} ms`,
);
