/**
 * Issue 18: tunelab against Optuna 5.0 (and 3.1) on the 10-D sphere on [-5, 5]^10, whole
 * `optimize`, each case in a fresh process, same machine, same run. Per case it reports
 * process start to the last trial (wall, measured by the parent from spawn; CPU of the whole
 * child process since it started: interpreter start-up, module loading and the study), the
 * study work alone (in-process timer around optimize, wall and CPU), and with `warm` a second
 * optimize of 1,000 trials in the same process.
 *
 * Both sides are measured alike. tunelab's child (optuna5-child.ts, transpiled once to
 * `benchmarks/overhead/dist/optuna5-child.mjs`) runs under plain `node` and imports the
 * packages' compiled `dist/`, as a user's process does (`--tsx`: through tsx and the source
 * condition instead, the first pass's way). Optuna's child (optuna5.py) reads
 * `time.process_time()`, which also counts from process start (interpreter start-up and
 * `import optuna` included), as `process.cpuUsage()` does for Node; both count every thread.
 *
 *   npm run ts -- benchmarks/overhead/optuna5.ts [--quick] [--only KIND] [--repeats R] [--tsx]
 *   npm run ts -- benchmarks/overhead/optuna5.ts --scale [N...]       TPE study CPU per trial
 *   npm run ts -- benchmarks/overhead/optuna5.ts --memory [--memory-tpe N]  peak RSS of 100,000
 *       Random trials (and of N TPE trials)
 *   npm run ts -- benchmarks/overhead/optuna5.ts --callback [N...]     Random with/without a
 *       callback reading bestValue and trials after every trial
 *   npm run ts -- benchmarks/overhead/optuna5.ts --trees BASE [--only KIND] [--repeats R] [--trials N]
 *       this checkout against another one (BASE: a checkout with its packages built, e.g. a
 *       git worktree of the previous commit with `node_modules/@tunelab/*` linking its own
 *       packages), tunelab only, alternating, median of R (default 5)
 *
 * Run `npx tsc -b packages/samplers` first: the compiled packages are what is measured.
 * Peers: /tmp/optuna5/bin/python (Optuna 5.0), /usr/bin/python3 (Optuna 3.1), via optuna5.py.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

type Kind = "tpe" | "tpe_univariate" | "random" | "cmaes" | "nsga2";
/** One case's figures, seconds (and bytes for rss, peakRss). */
interface Result {
  readonly studyWall: number;
  readonly studyCpu: number;
  readonly processCpu: number;
  readonly processWall: number;
  readonly warmWall?: number;
  readonly warmCpu?: number;
  readonly rss: number;
  readonly peakRss: number;
}

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(name);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
/** Numbers given after a flag (`--scale 1000 3000`). */
const numbersAfter = (name: string): number[] => {
  const out: number[] = [];
  for (let i = argv.indexOf(name) + 1; i < argv.length && /^\d+$/.test(argv[i]!); i++)
    out.push(Number(argv[i]));
  return out;
};

const childSource = fileURLToPath(new URL("./optuna5-child.ts", import.meta.url));
const childCompiled = fileURLToPath(new URL("./dist/optuna5-child.mjs", import.meta.url));
const py = fileURLToPath(new URL("./optuna5.py", import.meta.url));
const useTsx = flag("--tsx");

// Type stripping only (module syntax kept), so the child pays nothing for TypeScript.
mkdirSync(fileURLToPath(new URL("./dist/", import.meta.url)), { recursive: true });
writeFileSync(
  childCompiled,
  ts.transpileModule(readFileSync(childSource, "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText,
);

function spawn(exe: string, args: string[]): Result | string {
  if (!existsSync(exe)) return `${exe} is missing`;
  const t0 = Date.now();
  try {
    const out = execFileSync(exe, args, { encoding: "utf8", maxBuffer: 1 << 26 });
    const r = JSON.parse(out.trim().split("\n").pop()!) as Result & { endEpochMs: number };
    return { ...r, processWall: (r.endEpochMs - t0) / 1000 };
  } catch (error) {
    return (error as Error).message.split("\n")[0]!;
  }
}

/** tunelab in a fresh process; `root` "" is this checkout. */
function ours(kind: Kind, n: number, warm: boolean, root = "", callback = false): Result | string {
  const tail = [root, kind, String(n), warm ? "1" : "0", callback ? "1" : "0"];
  return useTsx
    ? spawn(process.execPath, ["--conditions=@tunelab/source", "--import", "tsx", childSource, ...tail])
    : spawn(process.execPath, [childCompiled, ...tail]);
}
const peer = (exe: string, kind: Kind, n: number, warm: boolean): Result | string =>
  spawn(exe, [py, kind, String(n), warm ? "1" : "0"]);

const f = (x: number | undefined): string => (x === undefined ? "-" : x.toFixed(3));
const mib = (b: number): string => (b / 2 ** 20).toFixed(0);
const line = (label: string, r: Result | string): string =>
  typeof r === "string"
    ? `  ${label}: skipped (${r})`
    : `  ${label}: process start→last trial ${f(r.processWall)} s wall / ${f(r.processCpu)} s CPU; study ${f(r.studyWall)} s wall / ${f(r.studyCpu)} s CPU; warm 1,000 ${f(r.warmWall)} s wall / ${f(r.warmCpu)} s CPU; peak RSS ${mib(r.peakRss)} MiB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
/** Field-wise medians of successful runs (a string if none succeeded). */
function medianOf(rs: (Result | string)[]): Result | string {
  const ok = rs.filter((r): r is Result => typeof r !== "string");
  if (ok.length === 0) return rs[0] as string;
  const pick = (k: keyof Result): number | undefined =>
    ok[0]![k] === undefined ? undefined : median(ok.map((r) => r[k] as number));
  return {
    studyWall: pick("studyWall")!,
    studyCpu: pick("studyCpu")!,
    processCpu: pick("processCpu")!,
    processWall: pick("processWall")!,
    ...(ok[0]!.warmCpu === undefined ? {} : { warmWall: pick("warmWall")!, warmCpu: pick("warmCpu")! }),
    rss: pick("rss")!,
    peakRss: pick("peakRss")!,
  };
}

const cases: [Kind, number, number][] = [
  // kind, trials, fresh-ratio target (0: none)
  ["tpe", 300, 20],
  ["tpe_univariate", 300, 20],
  ["tpe", 1000, 0],
  ["tpe_univariate", 1000, 0],
  ["random", 2000, 10],
  ["cmaes", 1000, 10],
  ["nsga2", 1000, 10],
];
const only = value("--only");
const chosen = flag("--quick") ? cases.slice(0, 1) : cases.filter(([k]) => only === undefined || k === only);
const repeats = Number(value("--repeats") ?? (flag("--trees") ? 5 : 1));
const warmOf = (kind: Kind, n: number): boolean => n === 1000 || kind === "random";

if (flag("--trees")) {
  // Before/after: tunelab only, the two trees alternately (order flipped every repeat).
  const base = value("--trees")!;
  // Both trees by absolute path (the same import route: an A/A run of this checkout by "" and
  // by its path differed by 1.3x in warm CPU, median of 5).
  const here = fileURLToPath(new URL("../../", import.meta.url));
  console.log(`this checkout vs ${base}: median of ${repeats}, alternating`);
  const trials = value("--trials");
  for (const [kind, n0] of chosen) {
    const n = trials === undefined ? n0 : Number(trials);
    const warm = trials === undefined && warmOf(kind, n);
    const a: (Result | string)[] = [];
    const b: (Result | string)[] = [];
    for (let r = 0; r < repeats; r++) {
      if (r % 2 === 0) {
        b.push(ours(kind, n, warm, base));
        a.push(ours(kind, n, warm, here));
      } else {
        a.push(ours(kind, n, warm, here));
        b.push(ours(kind, n, warm, base));
      }
    }
    const ma = medianOf(a);
    const mb = medianOf(b);
    console.log(`${kind}, ${n} trials:`);
    console.log(line("base", mb));
    console.log(line("this", ma));
    if (typeof ma !== "string" && typeof mb !== "string") {
      let s = `  base / this CPU: process ${(mb.processCpu / ma.processCpu).toFixed(2)}x, study ${(mb.studyCpu / ma.studyCpu).toFixed(2)}x`;
      if (ma.warmCpu !== undefined && mb.warmCpu !== undefined)
        s += `, warm ${(mb.warmCpu / ma.warmCpu).toFixed(2)}x`;
      console.log(s);
    }
  }
} else if (flag("--scale")) {
  const sizes = numbersAfter("--scale");
  console.log("TPE scale (one fresh process each, study CPU / trials = the average over the run):");
  let previous: [number, number] | undefined;
  for (const n of sizes.length > 0 ? sizes : [1000, 3000, 10000]) {
    const t = ours("tpe", n, false);
    if (typeof t === "string") {
      console.log(`  ${n}: ${t}`);
      continue;
    }
    let s = `  ${n} trials: study ${f(t.studyCpu)} s CPU, ${((t.studyCpu / n) * 1000).toFixed(2)} ms CPU/trial, peak RSS ${mib(t.peakRss)} MiB`;
    if (previous !== undefined) {
      // Local exponent of total study CPU against trials: 1 = constant per trial, 2 = linear growth.
      const k = Math.log(t.studyCpu / previous[1]) / Math.log(n / previous[0]);
      s += `, total CPU ~ n^${k.toFixed(2)} since ${previous[0]}`;
    }
    console.log(s);
    previous = [n, t.studyCpu];
  }
} else if (flag("--memory")) {
  // TPE at 100,000 trials takes hours (its cost per trial grows with the trials): give
  // --memory-tpe N to run it at N trials; --scale's peak RSS shows its growth.
  const runs: [Kind, number][] = [["random", Number(value("--memory-trials") ?? 100000)]];
  const tpeTrials = value("--memory-tpe");
  if (tpeTrials !== undefined) runs.push(["tpe", Number(tpeTrials)]);
  for (const [kind, n] of runs) {
    const r = ours(kind, n, false);
    console.log(
      typeof r === "string"
        ? `  ${kind} ${n}: ${r}`
        : `${kind}, ${n} trials: study ${f(r.studyCpu)} s CPU, peak RSS ${mib(r.peakRss)} MiB, RSS at the end ${mib(r.rss)} MiB (target ≤ 1 GB)`,
    );
  }
} else if (flag("--callback")) {
  const sizes = numbersAfter("--callback");
  console.log("Random, with and without a callback reading bestValue and trials after every trial:");
  for (const n of sizes.length > 0 ? sizes : [10000, 100000]) {
    const without = ours("random", n, false, "", false);
    const withCb = ours("random", n, false, "", true);
    if (typeof without === "string" || typeof withCb === "string") {
      console.log(`  ${n}: ${typeof without === "string" ? without : withCb}`);
      continue;
    }
    console.log(
      `  ${n} trials: study CPU without ${f(without.studyCpu)} s (${((without.studyCpu / n) * 1e6).toFixed(1)} µs/trial), with ${f(withCb.studyCpu)} s (${((withCb.studyCpu / n) * 1e6).toFixed(1)} µs/trial), ratio ${(withCb.studyCpu / without.studyCpu).toFixed(2)}x`,
    );
  }
} else {
  console.log(`tunelab children: ${useTsx ? "tsx (source)" : "node, compiled dist"}; median of ${repeats}`);
  for (const [kind, n, target] of chosen) {
    const warm = warmOf(kind, n);
    console.log(`${kind}, ${n} trials (fresh process each):`);
    const ts5: (Result | string)[] = [];
    const o5s: (Result | string)[] = [];
    for (let r = 0; r < repeats; r++) {
      ts5.push(ours(kind, n, warm));
      o5s.push(peer("/tmp/optuna5/bin/python", kind, n, warm));
    }
    const t = medianOf(ts5);
    const o5 = medianOf(o5s);
    console.log(line("tunelab", t));
    console.log(line("Optuna 5.0", o5));
    // Optuna 3.1 only where cheap (TPE at 1,000 trials takes ~90 s there).
    const o3 =
      n <= 300 || kind === "random" || kind === "nsga2" || kind === "cmaes"
        ? peer("/usr/bin/python3", kind, n, false)
        : "not run (slow)";
    console.log(line("Optuna 3.1", o3));
    if (typeof t !== "string" && typeof o5 !== "string") {
      const r = o5.processCpu / t.processCpu;
      const rs = o5.studyCpu / t.studyCpu;
      let s = `  ratio Optuna 5.0 / tunelab: process CPU ${r.toFixed(1)}x, process wall ${(o5.processWall / t.processWall).toFixed(1)}x, study CPU ${rs.toFixed(1)}x`;
      if (target) s += ` (target ≥ ${target}x fresh: ${r >= target ? "met" : "NOT met"})`;
      if (t.warmCpu !== undefined && o5.warmCpu !== undefined) {
        const w = o5.warmCpu / t.warmCpu;
        s += `; warm 1,000 CPU ${w.toFixed(1)}x (target ≥ 30x: ${w >= 30 ? "met" : "NOT met"})`;
      }
      console.log(s);
    } else if (typeof t !== "string" && typeof o3 !== "string") {
      // Optuna 5.0's CmaEsSampler needs a newer cmaes than Debian's 0.9.1: compare with 3.1.
      const r = o3.processCpu / t.processCpu;
      console.log(
        `  ratio Optuna 3.1 / tunelab (5.0 unavailable): process CPU ${r.toFixed(1)}x, study CPU ${(o3.studyCpu / t.studyCpu).toFixed(1)}x`,
      );
    }
  }
}
