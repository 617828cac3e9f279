/**
 * Latency of an ask/tell pair from a shell loop, `tunelab` against Optuna 5.0's CLI, in the
 * same run: every call is a fresh process, as in a training script that shells out once per
 * trial, so what is measured is mostly start-up (the runtime, the modules, reading the study).
 *
 * Setup: a journal study holding 1,000 COMPLETE trials of a 2-D problem (x, y in [-5, 5]),
 * written through the API (RandomSampler, seed 1), then copied twice: one copy for tunelab,
 * one for Optuna. Optuna 5.0's CLI opens a journal file when `--storage` names an existing
 * file (`optuna/cli.py`, `_get_storage`), which is also its fastest storage here (no
 * SQLAlchemy import), so both read the same journal format.
 *
 * The loop is one bash script (`$EPOCHREALTIME` for wall time, the `times` builtin for the
 * children's CPU time, no extra process per measurement): pair i runs `ask` then `tell` of one
 * tool, then of the other; the order alternates every pair so both see the same machine
 * load. Variants: the default sampler (tunelab: TpeSampler; Optuna: TPESampler) and
 * `--sampler RandomSampler` on both. Two warm-up pairs per tool are not counted.
 *
 * Then, for tunelab only, where the time of one fresh process goes: a child node process
 * times each stage (CPU milliseconds, median over the runs).
 *
 * Run (after `npx tsc -b packages/cli`; it measures the built `packages/cli/dist/bin.js`):
 *   npm run ts -- benchmarks/cli/ask-tell-latency.ts [--pairs 20] [--trials 1000]
 *     [--samplers tpe,random] [--optuna /tmp/optuna5/bin/optuna] [--stage-runs 7]
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { RandomSampler } from "@tunelab/samplers/random";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { floatDistribution } from "@tunelab/study/distributions";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "packages/cli/dist/bin.js");
const PAIRS = Number(option("pairs", "20"));
const TRIALS = Number(option("trials", "1000"));
const SAMPLERS = option("samplers", "tpe,random").split(",");
const OPTUNA = option("optuna", "/tmp/optuna5/bin/optuna");
const STAGE_RUNS = Number(option("stage-runs", "7"));
const SPACE = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
  y: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
});

if (!existsSync(BIN)) {
  console.error(
    `${BIN} is missing: run "npx tsc -b packages/cli" first (the benchmark measures the built binary)`,
  );
  process.exit(2);
}
if (!existsSync(OPTUNA)) {
  console.error(`${OPTUNA} is missing (Optuna 5.0's CLI; --optuna PATH names another)`);
  process.exit(2);
}

/** A journal with `n` COMPLETE trials, written through the API. */
async function makeJournal(path: string, n: number): Promise<void> {
  setLogLevel("warn");
  const storage = await openJournalFileStorage(path);
  const study = await createStudy({ storage, studyName: "bench", sampler: new RandomSampler({ seed: 1 }) });
  const space = { x: floatDistribution(-5, 5), y: floatDistribution(-5, 5) };
  for (let i = 0; i < n; i++) {
    const t = await study.ask(space);
    const x = t.params.x as number;
    const y = t.params.y as number;
    await study.tell(t, x * x + y * y);
  }
  await storage.close();
}

/** The bash loop: prints `<tool> <pair> <wall ms> <cpu ms>` per counted pair. */
function loopScript(tunelabLog: string, optunaLog: string, samplerArgs: string, errLog: string): string {
  return `#!/usr/bin/env bash
set -u
SPACE='${SPACE}'
TIMES=$(mktemp)
child_cpu_ms() {  # sets CPU_MS: the children's user + system time so far, in ms (no subshell: times must run here)
  times > "$TIMES"
  local line; line=$(tail -n 1 "$TIMES")  # e.g. "0m1.234s 0m0.056s"
  local re='([0-9]+)m([0-9]+)[.]([0-9]{3})s ([0-9]+)m([0-9]+)[.]([0-9]{3})s'
  [[ $line =~ $re ]] || { echo "cannot read times: $line" >&2; exit 3; }
  local r=("\${BASH_REMATCH[@]}")
  CPU_MS=$(( (10#\${r[1]} * 60 + 10#\${r[2]}) * 1000 + 10#\${r[3]} + (10#\${r[4]} * 60 + 10#\${r[5]}) * 1000 + 10#\${r[6]} ))
}
pair() {  # tool, pair index
  local tool=$1 i=$2 out n c0 c1 t0 t1
  child_cpu_ms; c0=$CPU_MS; t0=$EPOCHREALTIME
  if [[ $tool == tunelab ]]; then
    out=$(node ${BIN} ask --storage ${tunelabLog} --study bench --search-space "$SPACE" ${samplerArgs} 2>>${errLog}) || { echo "tunelab ask failed" >&2; exit 1; }
    [[ $out =~ \\"number\\":\\ ([0-9]+) ]] || { echo "tunelab ask printed: $out" >&2; exit 1; }
    n=\${BASH_REMATCH[1]}
    node ${BIN} tell --storage ${tunelabLog} --study bench --trial "$n" --values "$(( i + 2 ))" 2>>${errLog} || { echo "tunelab tell failed" >&2; exit 1; }
  else
    out=$(${OPTUNA} ask --storage ${optunaLog} --study-name bench --search-space "$SPACE" ${samplerArgs} 2>>${errLog}) || { echo "optuna ask failed" >&2; exit 1; }
    [[ $out =~ \\"number\\":\\ ([0-9]+) ]] || { echo "optuna ask printed: $out" >&2; exit 1; }
    n=\${BASH_REMATCH[1]}
    ${OPTUNA} tell --storage ${optunaLog} --study-name bench --trial-number "$n" --values "$(( i + 2 ))" 2>>${errLog} || { echo "optuna tell failed" >&2; exit 1; }
  fi
  t1=$EPOCHREALTIME; child_cpu_ms; c1=$CPU_MS
  if (( i > 0 )); then
    awk -v tool="$tool" -v i="$i" -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" 'BEGIN { printf "%s %d %.1f %.1f\\n", tool, i, (t1 - t0) * 1000, c1 - c0 }'
  fi
}
for i in -1 0; do pair tunelab "$i"; pair optuna "$i"; done   # warm-up, not counted
for (( i = 1; i <= ${PAIRS}; i++ )); do
  if (( i % 2 )); then pair tunelab "$i"; pair optuna "$i"; else pair optuna "$i"; pair tunelab "$i"; fi
done
rm -f "$TIMES"
`;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

interface Summary {
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: quantile(s, 0.5),
    p10: quantile(s, 0.1),
    p90: quantile(s, 0.9),
    min: s[0]!,
    max: s[s.length - 1]!,
  };
}

const fmt = (s: Summary): string =>
  `median ${s.median.toFixed(0)}, p10-p90 ${s.p10.toFixed(0)}-${s.p90.toFixed(0)}, min-max ${s.min.toFixed(0)}-${s.max.toFixed(0)}`;

const dir = mkdtempSync(join(tmpdir(), "tunelab-cli-latency-"));
try {
  const master = join(dir, "master.log");
  const t0 = performance.now();
  await makeJournal(master, TRIALS);
  const optunaVersion = spawnSync(OPTUNA, ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(
    `ask/tell pairs from a bash loop, a journal study of ${TRIALS} trials (made in ${((performance.now() - t0) / 1000).toFixed(1)} s); ` +
      `${PAIRS} pairs per tool and sampler, alternating; node ${process.version}, ${optunaVersion}; ` +
      `${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  for (const sampler of SAMPLERS) {
    const tl = join(dir, `tunelab-${sampler}.log`);
    const op = join(dir, `optuna-${sampler}.log`);
    copyFileSync(master, tl);
    copyFileSync(master, op);
    const samplerArgs = sampler === "random" ? "--sampler RandomSampler" : "";
    const script = join(dir, `loop-${sampler}.sh`);
    const errLog = join(dir, `stderr-${sampler}.log`);
    writeFileSync(script, loopScript(`journal:${tl}`, op, samplerArgs, errLog));
    const r = spawnSync("bash", [script], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
    if (r.status !== 0 || r.stderr !== "") {
      console.error(r.stderr);
      console.error(readFileSync(errLog, "utf8").split("\n").slice(-20).join("\n"));
      throw new Error(`the loop for ${sampler} failed (exit ${r.status})`);
    }
    const rows = r.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(" "));
    const of = (tool: string, k: 2 | 3): number[] =>
      rows.filter((x) => x[0] === tool).map((x) => Number(x[k]));
    const tw = summarize(of("tunelab", 2));
    const tc = summarize(of("tunelab", 3));
    const ow = summarize(of("optuna", 2));
    const oc = summarize(of("optuna", 3));
    console.log(
      `\n${sampler === "random" ? "RandomSampler (--sampler RandomSampler)" : "default sampler (TPE)"}, ms per ask/tell pair:`,
    );
    console.log(`  tunelab   wall ${fmt(tw)}; CPU ${fmt(tc)}`);
    console.log(`  optuna    wall ${fmt(ow)}; CPU ${fmt(oc)}`);
    console.log(
      `  tunelab is ${(ow.median / tw.median).toFixed(1)}x faster (median wall), ${(oc.median / tc.median).toFixed(1)}x (median CPU)`,
    );
  }
  stages(join(dir, "tunelab-tpe.log"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Where one fresh tunelab process spends its time: each stage's CPU ms, median over runs. */
function stages(journal: string): void {
  const child = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = { "node start-up (before the first line)": cpu() };
let last = out["node start-up (before the first line)"];
const mark = (k) => { const c = cpu(); out[k] = c - last; last = c; };
await import(${JSON.stringify(join(ROOT, "packages/cli/dist/program.js"))}); mark("import the CLI program (commander, every command's registration)");
const { openJournalFileStorage } = await import("@tunelab/storage/journal"); const S = await import("@tunelab/study"); mark("import @tunelab/study and the journal storage");
const { TpeSampler } = await import("@tunelab/samplers/tpe"); mark("import TpeSampler (@tunelab/math, @stdlib)");
const storage = await openJournalFileStorage(${JSON.stringify(journal)}); mark("open and replay the journal (${TRIALS}+ trials)");
const study = await S.loadStudy({ storage, studyName: "bench", sampler: new TpeSampler() }); mark("loadStudy (the study's view of the trials)");
const t = await study.ask({ x: S.floatDistribution(-5, 5), y: S.floatDistribution(-5, 5) }); await t.flush(); mark("ask: TPE on ${TRIALS}+ trials, one append");
await study.tell(t.number, 1); mark("tell: one append");
await storage.close();
const { RandomSampler } = await import("@tunelab/samplers/random"); mark("import RandomSampler after TpeSampler");
console.log(JSON.stringify(out));`;
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < STAGE_RUNS; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", child], {
      encoding: "utf8",
      cwd: ROOT,
      env: { ...process.env, TUNELAB_LOG_LEVEL: "warn" },
    });
    if (r.status !== 0) throw new Error(`stage run failed: ${r.stderr}`);
    runs.push(JSON.parse(r.stdout) as Record<string, number>);
  }
  console.log(
    `\nOne fresh tunelab process, CPU ms per stage (median of ${STAGE_RUNS} runs, built packages):`,
  );
  for (const key of Object.keys(runs[0]!)) {
    const s = summarize(runs.map((r) => r[key]!));
    console.log(
      `  ${s.median.toFixed(0).padStart(5)}  ${key} (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`,
    );
  }
}
