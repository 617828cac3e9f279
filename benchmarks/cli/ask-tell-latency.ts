/**
 * Latency of an ask/tell pair from a shell loop, `tunelab` against Optuna 5.0's CLI, in the
 * same run: every call is a fresh process, as in a training script that shells out once per
 * trial, so what is measured is mostly start-up (the runtime, the modules, reading the study).
 *
 * Setup: a journal study holding 1,000 COMPLETE trials of a 2-D problem (x, y in [-5, 5]),
 * written through the API (RandomSampler, seed 1), then copied: one copy per tool. Optuna
 * 5.0's CLI opens a journal file when `--storage` names an existing file (`optuna/cli.py`,
 * `_get_storage`), which is also its fastest storage here (no SQLAlchemy import), so both
 * read the same journal format.
 *
 * Tools, each a pair of fresh processes:
 * - `tunelab`: the executable `packages/cli/bin/tunelab.cjs` as a user runs it; for ask and
 *   tell it runs the fast path (the bundle of src/fast/ compiled with its V8 code cache).
 * - `tunelab-plain`: the same executable with `TUNELAB_FAST=0`: the ES module entry
 *   `dist/bin.js`, each module loaded from its file (what every call cost before the fast
 *   path, with the lazy command loading).
 * - `tunelab-server`: the executable a user's PATH has, `packages/cli/bin/tunelab` (a bash
 *   script), with a `tunelab server` running (started before the loop with `tunelab server
 *   start --no-watch`, so that other engineers' builds on a shared machine do not stop it): each call is a bash process that sends its command line to the server, which
 *   keeps the journal open and replayed. The server's own CPU time (read from /proc before
 *   and after the loop) is added to the pair's, spread evenly over the pairs; its wall time
 *   is in the pair's wall time, since the client waits for its answer.
 * - `optuna`: `optuna ask` / `optuna tell` of Optuna 5.0.
 * - `node -e 0`: two bare Node.js start-ups, the floor under any pair of Node processes.
 *
 * The loop is one bash script (`$EPOCHREALTIME` for wall time, the `times` builtin for the
 * children's CPU time, no extra process per measurement): pair i runs each tool once, in an
 * order that rotates every pair, so all see the same machine load. Variants: the default
 * sampler (tunelab: AutoSampler, which is its GP below 250 trials and TPE from there; Optuna:
 * TPESampler) and `--sampler RandomSampler` on both.
 * Two warm-up rounds are not counted.
 *
 * Then, for tunelab only, where the CPU time of one fresh process goes (median over runs):
 * the fast path's stages, and the plain path's.
 *
 * Run (it measures the built package; build:fast makes the bundle and its code cache, which
 * the executable also builds by itself, in the background, at its first call):
 *   npx tsc -b packages/cli && npm run build:fast -w @tunelab/cli
 *   npm run ts -- benchmarks/cli/ask-tell-latency.ts [--pairs 20] [--trials 1000]
 *     [--samplers tpe,random] [--optuna /tmp/optuna5/bin/optuna] [--stage-runs 7]
 * (`--pairs 0` times the stages only, `--stage-runs 0` the loop only; the stages are TPE's.)
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { AutoSampler } from "@tunelab/samplers/auto";
import { RandomSampler } from "@tunelab/samplers/random";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { floatDistribution } from "@tunelab/study/distributions";
import { buildFastPath } from "../../packages/cli/src/fast/build.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "packages/cli/bin/tunelab.cjs");
const CLIENT = join(ROOT, "packages/cli/bin/tunelab");
const FAST_DIR = join(ROOT, "packages/cli/dist/fast");
const PAIRS = Number(option("pairs", "20"));
const TRIALS = Number(option("trials", "1000"));
const SAMPLERS = option("samplers", "tpe,random").split(",");
const OPTUNA = option("optuna", "/tmp/optuna5/bin/optuna");
const STAGE_RUNS = Number(option("stage-runs", "7"));
if (!Number.isSafeInteger(STAGE_RUNS) || STAGE_RUNS < 0) {
  console.error(`--stage-runs must be an integer >= 0, got ${option("stage-runs", "7")}`);
  process.exit(2);
}
/**
 * What tunelab's default (AutoSampler) runs on these studies: its GP below `gpBudget` COMPLETE
 * trials, its TPE from there. Each tool's study grows by one trial per pair.
 */
const GP_BUDGET = new AutoSampler({ seed: 0 }).gpBudget;
const DEFAULT_REGIME =
  TRIALS >= GP_BUDGET
    ? `AutoSampler, past its GP budget of ${GP_BUDGET} trials, so TPE`
    : TRIALS + PAIRS + 2 <= GP_BUDGET
      ? `AutoSampler, below its GP budget of ${GP_BUDGET} trials, so its GP`
      : `AutoSampler, its GP until ${GP_BUDGET} trials, then TPE`;
const SPACE = JSON.stringify({
  x: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
  y: { name: "FloatDistribution", attributes: { low: -5, high: 5 } },
});

if (!existsSync(join(ROOT, "packages/cli/dist/bin.js")) || !existsSync(join(FAST_DIR, "manifest.json"))) {
  console.error(
    'the built CLI or its fast path is missing: run "npx tsc -b packages/cli && npm run build:fast -w @tunelab/cli" first',
  );
  process.exit(2);
}
const fastCheck = spawnSync(process.execPath, [BIN, "study", "--help"], {
  encoding: "utf8",
  env: { ...process.env, TUNELAB_FAST_DEBUG: "1" },
});
if (!/fast path .*\(code cache accepted\)/.test(fastCheck.stderr)) {
  console.error(
    `the fast path is stale or has no code cache (${fastCheck.stderr.trim()}): run "npm run build:fast -w @tunelab/cli"`,
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

/** The tools of the loop, in the order of the first pair. */
const TOOLS = ["tunelab", "tunelab-plain", "tunelab-server", "optuna", "node"] as const;

/** The bash loop: prints `<tool> <pair> <wall ms> <cpu ms>` per counted pair. */
function loopScript(
  logs: Record<(typeof TOOLS)[number], string>,
  samplerArgs: string,
  errLog: string,
  serverDir: string,
): string {
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
tunelab_pair() {  # journal, pair index; $TUNELAB_CMD runs tunelab
  local out n
  out=$($TUNELAB_CMD ask --storage "journal:$1" --study bench --search-space "$SPACE" ${samplerArgs} 2>>${errLog}) || { echo "tunelab ask failed" >&2; exit 1; }
  [[ $out =~ \\"number\\":\\ ([0-9]+) ]] || { echo "tunelab ask printed: $out" >&2; exit 1; }
  n=\${BASH_REMATCH[1]}
  $TUNELAB_CMD tell --storage "journal:$1" --study bench --trial "$n" --values "$(( $2 + 2 ))" 2>>${errLog} || { echo "tunelab tell failed" >&2; exit 1; }
}
pair() {  # tool, pair index
  local tool=$1 i=$2 out n c0 c1 t0 t1
  child_cpu_ms; c0=$CPU_MS; t0=$EPOCHREALTIME
  case $tool in
    tunelab) TUNELAB_CMD="node ${BIN}" tunelab_pair ${logs.tunelab} "$i" ;;
    tunelab-plain) TUNELAB_FAST=0 TUNELAB_CMD="node ${BIN}" tunelab_pair ${logs["tunelab-plain"]} "$i" ;;
    tunelab-server) TUNELAB_SERVER_DIR=${serverDir} TUNELAB_CMD=${CLIENT} tunelab_pair ${logs["tunelab-server"]} "$i" ;;
    optuna)
      out=$(${OPTUNA} ask --storage ${logs.optuna} --study-name bench --search-space "$SPACE" ${samplerArgs} 2>>${errLog}) || { echo "optuna ask failed" >&2; exit 1; }
      [[ $out =~ \\"number\\":\\ ([0-9]+) ]] || { echo "optuna ask printed: $out" >&2; exit 1; }
      n=\${BASH_REMATCH[1]}
      ${OPTUNA} tell --storage ${logs.optuna} --study-name bench --trial-number "$n" --values "$(( i + 2 ))" 2>>${errLog} || { echo "optuna tell failed" >&2; exit 1; }
      ;;
    node) node -e 0; node -e 0 ;;
  esac
  t1=$EPOCHREALTIME; child_cpu_ms; c1=$CPU_MS
  if (( i > 0 )); then
    awk -v tool="$tool" -v i="$i" -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" 'BEGIN { printf "%s %d %.1f %.1f\\n", tool, i, (t1 - t0) * 1000, c1 - c0 }'
  fi
}
TOOLS=(${TOOLS.join(" ")})
for (( i = -1; i <= ${PAIRS}; i++ )); do
  for (( k = 0; k < \${#TOOLS[@]}; k++ )); do
    pair "\${TOOLS[(k + i + 1) % \${#TOOLS[@]}]}" "$i"
  done
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
  for (const sampler of PAIRS > 0 ? SAMPLERS : []) {
    const logs = {} as Record<(typeof TOOLS)[number], string>;
    for (const tool of TOOLS) {
      logs[tool] = join(dir, `${tool}-${sampler}.log`);
      if (tool !== "node") copyFileSync(master, logs[tool]);
    }
    const samplerArgs = sampler === "random" ? "--sampler RandomSampler" : "";
    const script = join(dir, `loop-${sampler}.sh`);
    const errLog = join(dir, `stderr-${sampler}.log`);
    const serverDir = join(dir, `server-${sampler}`);
    const started = spawnSync(
      process.execPath,
      [
        join(ROOT, "packages/cli/dist/bin.js"),
        "server",
        "start",
        "--dir",
        serverDir,
        "--idle-timeout",
        "3600",
        "--no-watch",
      ],
      { encoding: "utf8" },
    );
    if (started.status !== 0) throw new Error(`tunelab server start failed: ${started.stderr}`);
    const serverPid = (JSON.parse(started.stdout) as { pid: number }).pid;
    writeFileSync(script, loopScript(logs, samplerArgs, errLog, serverDir));
    const serverCpu0 = procCpuMs(serverPid);
    const r = spawnSync("bash", [script], { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 26 });
    if (!existsSync(`/proc/${serverPid}`)) {
      // It stops itself when the program's files change (another build ran meanwhile): the
      // calls after that ran on the Node.js launcher, so this loop measured nothing useful.
      throw new Error(
        `the tunelab server stopped during the loop: ${readFileSync(join(serverDir, "server.log"), "utf8")}`,
      );
    }
    const serverCpuPerPair = (procCpuMs(serverPid) - serverCpu0) / (PAIRS + 2);
    spawnSync(process.execPath, [
      join(ROOT, "packages/cli/dist/bin.js"),
      "server",
      "stop",
      "--dir",
      serverDir,
    ]);
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
      rows
        .filter((x) => x[0] === tool)
        .map((x) => Number(x[k]) + (tool === "tunelab-server" && k === 3 ? serverCpuPerPair : 0));
    const wall = (tool: string): Summary => summarize(of(tool, 2));
    const cpu = (tool: string): Summary => summarize(of(tool, 3));
    console.log(
      `\n${sampler === "random" ? "RandomSampler (--sampler RandomSampler)" : `default sampler (tunelab: ${DEFAULT_REGIME}; Optuna: TPESampler)`}, ms per ask/tell pair:`,
    );
    for (const tool of TOOLS) {
      const name = tool === "node" ? "node -e 0 (x2)" : tool;
      console.log(`  ${name.padEnd(15)} wall ${fmt(wall(tool))}; CPU ${fmt(cpu(tool))}`);
    }
    const ratio = (tool: string): string =>
      `${(wall("optuna").median / wall(tool).median).toFixed(1)}x (median wall), ${(cpu("optuna").median / cpu(tool).median).toFixed(1)}x (median CPU)`;
    console.log(`  tunelab is ${ratio("tunelab")} faster than optuna`);
    console.log(`  tunelab-plain is ${ratio("tunelab-plain")} faster than optuna`);
    console.log(
      `  tunelab-server is ${ratio("tunelab-server")} faster than optuna (server CPU ${serverCpuPerPair.toFixed(1)} ms per pair, included)`,
    );
    console.log(
      `  two bare node start-ups are ${ratio("node")} faster than optuna: the ceiling for any pair of Node.js processes`,
    );
  }
  if (STAGE_RUNS > 0) {
    copyFileSync(master, join(dir, "stages.log"));
    await stages(join(dir, "stages.log"));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** A process's user + system CPU time in ms, from /proc (Linux). */
function procCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Each stage's CPU ms, median over `STAGE_RUNS` runs of a child that prints them as JSON on stderr. */
function timeStages(title: string, args: readonly string[]): void {
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < STAGE_RUNS; i++) {
    const r = spawnSync(process.execPath, [...args], {
      encoding: "utf8",
      cwd: ROOT,
      env: { ...process.env, TUNELAB_LOG_LEVEL: "warn" },
    });
    const line = r.stderr.split("\n").find((l) => l.startsWith("STAGES "));
    if (r.status !== 0 || line === undefined) throw new Error(`stage run failed: ${r.stderr}`);
    runs.push(JSON.parse(line.slice("STAGES ".length)) as Record<string, number>);
  }
  console.log(`\n${title}, CPU ms per stage (median of ${STAGE_RUNS} runs):`);
  for (const key of Object.keys(runs[0]!)) {
    const s = summarize(runs.map((r) => r[key]!));
    console.log(
      `  ${s.median.toFixed(0).padStart(5)}  ${key} (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`,
    );
  }
}

/** The child's clock: `mark(stage)` after each stage, `done()` prints them on stderr. */
function cpuPrelude(): string {
  return `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const out = { "node start-up (before the first line)": cpu() };
let last = out["node start-up (before the first line)"];
const mark = (k) => { const c = cpu(); out[k] = c - last; last = c; };
const done = () => process.stderr.write("STAGES " + JSON.stringify(out) + "\\n");`;
}

/** Where one fresh tunelab process spends its time, on the fast path and on the plain one. */
async function stages(journal: string): Promise<void> {
  const bundle = join(
    FAST_DIR,
    (JSON.parse(readFileSync(join(FAST_DIR, "manifest.json"), "utf8")) as { bundle: string }).bundle,
  );
  const target = `"--storage", ${JSON.stringify(`journal:${journal}`)}, "--study", "bench"`;
  const space = JSON.stringify(SPACE);
  const fast = `${cpuPrelude()}
const fs = require("node:fs"), vm = require("node:vm"), Module = require("node:module"), path = require("node:path");
const file = ${JSON.stringify(bundle)};
const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData: fs.readFileSync(file + "." + process.version + "-" + process.arch + ".cache") });
if (script.cachedDataRejected) throw new Error("the code cache was rejected");
const m = { exports: {} };
script.runInThisContext()(m.exports, Module.createRequire(file), m, file, path.dirname(file));
mark("read and compile the bundle with its code cache, run its top level (the launcher's work)");
(async () => {
  let printed = "";
  const write = process.stdout.write;
  process.stdout.write = (s) => { printed += s; return true; };
  await m.exports.main(["ask", ${target}, "--search-space", ${space}]);
  process.stdout.write = write;
  mark("ask: commander, the modules it uses, open and replay the journal (${TRIALS}+ trials), loadStudy, TPE, one append");
  await m.exports.main(["tell", ${target}, "--trial", JSON.parse(printed).number.toString(), "--values", "1"]);
  mark("tell, in the same process: open and replay the journal again, loadStudy, one append");
  done();
})();`;
  timeStages("One fresh tunelab process on the fast path (bin/tunelab.cjs running the bundle in dist/fast)", [
    "-e",
    fast,
  ]);
  // The same work split into stages, bundled by the fast path's build from fast-stages.ts.
  const stagesDir = join(dirname(journal), "fast-stages");
  await buildFastPath({
    entry: join(ROOT, "benchmarks/cli/fast-stages.ts"),
    outDir: stagesDir,
    conditions: ["@tunelab/source"],
  });
  const split = `${cpuPrelude()}
const fs = require("node:fs"), vm = require("node:vm"), Module = require("node:module"), path = require("node:path");
const file = ${JSON.stringify(join(stagesDir, (JSON.parse(readFileSync(join(stagesDir, "manifest.json"), "utf8")) as { bundle: string }).bundle))};
const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file });
const m = { exports: {} };
script.runInThisContext()(m.exports, Module.createRequire(file), m, file, path.dirname(file));
mark("read and compile the bundle (no code cache), run its top level");
m.exports.stages(${JSON.stringify(journal)}, "bench").then((s) => { Object.assign(out, s); done(); });`;
  timeStages("The same, in stages (benchmarks/cli/fast-stages.ts bundled by the fast path's build)", [
    "-e",
    split,
  ]);
  const plain = `${cpuPrelude()}
const { run } = await import(${JSON.stringify(join(ROOT, "packages/cli/dist/program.js"))}); mark("import the CLI program (commander)");
const { openJournalFileStorage } = await import("@tunelab/storage/journal"); const S = await import("@tunelab/study"); mark("import @tunelab/study and the journal storage");
const { TpeSampler } = await import("@tunelab/samplers/tpe"); mark("import TpeSampler (@tunelab/math, @stdlib)");
const storage = await openJournalFileStorage(${JSON.stringify(journal)}); mark("open and replay the journal (${TRIALS}+ trials)");
const study = await S.loadStudy({ storage, studyName: "bench", sampler: new TpeSampler() }); mark("loadStudy (the study's view of the trials)");
const t = await study.ask({ x: S.floatDistribution(-5, 5), y: S.floatDistribution(-5, 5) }); await t.flush(); mark("ask: TPE on ${TRIALS}+ trials, one append");
await study.tell(t.number, 1); mark("tell: one append");
await storage.close();
const { RandomSampler } = await import("@tunelab/samplers/random"); mark("import RandomSampler after TpeSampler");
void run; done();`;
  timeStages("One fresh tunelab process on the plain path (dist/bin.js's modules, built packages)", [
    "--input-type=module",
    "-e",
    plain,
  ]);
}
