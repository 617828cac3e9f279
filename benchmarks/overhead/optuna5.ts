/**
 * Issue 18: tunelab against Optuna 5.0 (and 3.1) on the 10-D sphere on [-5, 5]^10, whole
 * `optimize`, each case in a fresh process, same machine, same run. Per case it reports
 * process start to the last trial (wall, measured by the parent from spawn; CPU of the whole
 * child process, start-up included), the study work alone (in-process timer around optimize,
 * wall and CPU), and with `warm` a second optimize of 1,000 trials in the same process.
 * Children run through tsx (`--import tsx`, source condition), so tunelab's start-up here
 * includes transpiling TypeScript: an upper bound on the compiled package's start-up.
 *
 * Run: npm run ts -- benchmarks/overhead/optuna5.ts [--quick]
 * Peers: /tmp/optuna5/bin/python (Optuna 5.0), /usr/bin/python3 (Optuna 3.1), via optuna5.py.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel, type Trial } from "@tunelab/study";

type Kind = "tpe" | "tpe_univariate" | "random" | "cmaes" | "nsga2";
/** One case's figures, seconds (and bytes for rss). */
interface Result {
  readonly studyWall: number;
  readonly studyCpu: number;
  readonly processCpu: number;
  readonly endEpochMs: number;
  readonly warmWall?: number;
  readonly warmCpu?: number;
  readonly rss: number;
}

const names = Array.from({ length: 10 }, (_, i) => `x${i}`);
const sphere = (t: Trial): number => {
  let s = 0;
  for (const n of names) {
    const x = t.suggestFloat(n, -5, 5);
    s += x * x;
  }
  return s;
};

function make(kind: Kind, seed: number): Sampler {
  switch (kind) {
    case "tpe":
      return new TpeSampler({ seed });
    case "tpe_univariate":
      return new TpeSampler({ seed, multivariate: false });
    case "random":
      return new RandomSampler({ seed });
    case "cmaes":
      return new CmaEsSampler({ seed });
    case "nsga2":
      return new NsgaIISampler({ seed });
  }
}

async function run(kind: Kind, seed: number, n: number): Promise<[number, number]> {
  const study = await createStudy({ storage: new InMemoryStorage(), sampler: make(kind, seed) });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await study.optimize(sphere, { nTrials: n });
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
}

async function child(kind: Kind, n: number, warm: boolean): Promise<Result> {
  setLogLevel("warn");
  const [studyWall, studyCpu] = await run(kind, 0, n);
  const endEpochMs = performance.timeOrigin + performance.now();
  const pc = process.cpuUsage();
  const out: Result = {
    studyWall,
    studyCpu,
    processCpu: (pc.user + pc.system) / 1e6,
    endEpochMs,
    rss: process.memoryUsage().rss,
  };
  if (!warm) return out;
  const [warmWall, warmCpu] = await run(kind, 1, 1000);
  return { ...out, warmWall, warmCpu, rss: process.memoryUsage().rss };
}

const self = fileURLToPath(import.meta.url);
const py = fileURLToPath(new URL("./optuna5.py", import.meta.url));

if (process.argv[2] === "--child") {
  const [, , , kind, n, warm] = process.argv;
  console.log(JSON.stringify(await child(kind as Kind, Number(n), warm === "1")));
} else {
  const quick = process.argv.includes("--quick");
  // --only KIND: just that sampler's cases (no scale points).
  const only = process.argv[process.argv.indexOf("--only") + 1];
  const spawn = (exe: string, args: string[]): (Result & { processWall: number }) | string => {
    if (!existsSync(exe)) return `${exe} is missing`;
    const t0 = Date.now();
    try {
      const out = execFileSync(exe, args, { encoding: "utf8", maxBuffer: 1 << 26 });
      const r = JSON.parse(out.trim().split("\n").pop()!) as Result;
      return { ...r, processWall: (r.endEpochMs - t0) / 1000 };
    } catch (error) {
      return (error as Error).message.split("\n")[0]!;
    }
  };
  const ours = (kind: Kind, n: number, warm: boolean) =>
    spawn(process.execPath, [
      "--conditions=@tunelab/source",
      "--import",
      "tsx",
      self,
      "--child",
      kind,
      String(n),
      warm ? "1" : "0",
    ]);
  const peer = (exe: string, kind: Kind, n: number, warm: boolean) =>
    spawn(exe, [py, kind, String(n), warm ? "1" : "0"]);
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
  const f = (x: number | undefined): string => (x === undefined ? "-" : x.toFixed(3));
  const line = (label: string, r: ReturnType<typeof ours>): string =>
    typeof r === "string"
      ? `  ${label}: skipped (${r})`
      : `  ${label}: process start→last trial ${f(r.processWall)} s wall / ${f(r.processCpu)} s CPU; study ${f(r.studyWall)} s wall / ${f(r.studyCpu)} s CPU; warm 1,000 ${f(r.warmWall)} s wall / ${f(r.warmCpu)} s CPU; RSS ${(r.rss / 2 ** 20).toFixed(0)} MiB`;
  for (const [kind, n, target] of quick
    ? cases.slice(0, 1)
    : cases.filter(([k]) => !process.argv.includes("--only") || k === only)) {
    const warm = n === 1000 || kind === "random";
    console.log(`${kind}, ${n} trials (fresh process each):`);
    const t = ours(kind, n, warm);
    console.log(line("tunelab", t));
    const o5 = peer("/tmp/optuna5/bin/python", kind, n, warm);
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
  if (!quick && !process.argv.includes("--only")) {
    console.log("TPE scale (one fresh process each, study CPU / trials):");
    for (const n of [1000, 3000, 10000]) {
      const t = ours("tpe", n, false);
      console.log(
        typeof t === "string"
          ? `  ${n}: ${t}`
          : `  ${n} trials: ${((t.studyCpu / n) * 1000).toFixed(2)} ms CPU/trial (target ≤ 5 ms at 10,000), RSS ${(t.rss / 2 ** 20).toFixed(0)} MiB`,
      );
    }
    const r = ours("random", 100000, false);
    console.log(
      typeof r === "string"
        ? `  random 100,000: ${r}`
        : `Random, 100,000 trials: study ${f(r.studyCpu)} s CPU, RSS ${(r.rss / 2 ** 20).toFixed(0)} MiB (target ≤ 1 GB)`,
    );
  }
}
