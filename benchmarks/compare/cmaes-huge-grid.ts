/**
 * CmaEsSampler on parameters with huge ranges (issue 9, defects 3 and 6): time and peak
 * resident memory of a short study per case, each case in its own Node process so that its
 * peak RSS is its own. The parent watches each child's RSS (/proc/<pid>/status) and stops it
 * past `--max-rss` MB or `--max-seconds` (what the margin correction did before it became
 * closed-form: it built every grid value of an integer parameter), and checks every sampled
 * value against its distribution (integer, in range, on the step grid).
 *
 * Cases (one parameter each, objective |value − (low + 0.3·(high − low))| computed so that it
 * stays finite; the first trial is the independent sampler's, as in any CmaEsSampler study,
 * except where the case enqueues it): int 0..10 (baseline), int 0..1e8, int 0..2^31−1, int 0..2^52, float [0, 1]
 * with step 1e-12, int MIN_SAFE_INTEGER..MAX_SAFE_INTEGER, float [−1e308, 1e308].
 *
 * Run: npm run ts -- benchmarks/compare/cmaes-huge-grid.ts [--trials 30] [--max-rss 4096] [--max-seconds 60]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CmaEsSampler } from "@tunelab/samplers/cmaes";
import { createStudy, InMemoryStorage, type Trial } from "@tunelab/study";
import { arg } from "./args.js";

interface Case {
  readonly name: string;
  readonly suggest: (t: Trial) => number;
  readonly low: number;
  readonly high: number;
  /** Grid step, or null for a continuous float. */
  readonly step: number | null;
  readonly trials?: number;
  /** Parameters of an enqueued first trial (instead of the independent sampler's draw). */
  readonly first?: Record<string, number>;
}

const cases: Case[] = [
  { name: "int 0..10", suggest: (t) => t.suggestInt("k", 0, 10), low: 0, high: 10, step: 1 },
  {
    name: "int 0..1e8 (12 trials)",
    suggest: (t) => t.suggestInt("k", 0, 1e8),
    low: 0,
    high: 1e8,
    step: 1,
    trials: 12,
  },
  {
    name: "int 0..2^31-1",
    suggest: (t) => t.suggestInt("k", 0, 2 ** 31 - 1),
    low: 0,
    high: 2 ** 31 - 1,
    step: 1,
  },
  { name: "int 0..2^52", suggest: (t) => t.suggestInt("k", 0, 2 ** 52), low: 0, high: 2 ** 52, step: 1 },
  {
    name: "float [0, 1] step 1e-12",
    suggest: (t) => t.suggestFloat("f", 0, 1, { step: 1e-12 }),
    low: 0,
    high: 1,
    step: 1e-12,
  },
  {
    name: "int MIN_SAFE..MAX_SAFE",
    suggest: (t) => t.suggestInt("k", Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    low: Number.MIN_SAFE_INTEGER,
    high: Number.MAX_SAFE_INTEGER,
    step: 1,
    // RandomSampler, which samples the first trial, cannot draw from 2^54 values (rng.int needs
    // safe integers; not CMA-ES's part): the first trial is enqueued, the others are CMA-ES's.
    first: { k: 0 },
  },
  {
    name: "float [-1e308, 1e308]",
    suggest: (t) => t.suggestFloat("f", -1e308, 1e308),
    low: -1e308,
    high: 1e308,
    step: null,
    // RandomSampler draws 1e308 for this range (its own part of defect 6, not CMA-ES's).
    first: { f: 0 },
  },
];

/** True when v is one of the case's values (a relative 1e-9 of a step off the grid at most). */
function valid(c: Case, v: number): boolean {
  if (!(typeof v === "number" && v >= c.low && v <= c.high)) return false;
  if (c.step === null) return true;
  if (c.step === 1) return Number.isSafeInteger(v);
  const k = (v - c.low) / c.step;
  return Math.abs(k - Math.round(k)) <= 1e-9 * Math.max(1, Math.abs(k));
}

async function child(c: Case, trials: number): Promise<void> {
  const target = c.low / 2 + 0.3 * (c.high / 2 - c.low / 2) * 2; // finite even for ±1e308
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new CmaEsSampler({ seed: 1 }),
  });
  if (c.first !== undefined) await study.enqueueTrial(c.first);
  const values: number[] = [];
  const t0 = performance.now();
  let error: string | null = null;
  try {
    await study.optimize(
      (t) => {
        const v = c.suggest(t);
        values.push(v);
        return Math.abs(v / 2 - target / 2);
      },
      { nTrials: trials, catch: [] },
    );
  } catch (e) {
    error = (e as Error).message;
  }
  const seconds = (performance.now() - t0) / 1000;
  const failed = study.trials.filter((t) => t.state === "FAIL").length;
  const bad = values.filter((v) => !valid(c, v));
  const distinct = new Set(values).size;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const result =
    error !== null
      ? `error: ${error}`
      : `${values.length} values, ${bad.length} invalid, ${distinct} distinct, min ${lo.toPrecision(4)}, max ${hi.toPrecision(4)}${failed > 0 ? `, ${failed} FAIL` : ""}`;
  process.stdout.write(`${JSON.stringify({ seconds, rssMb, result })}\n`);
}

/** VmRSS of a process in MB (0 once it is gone). */
function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m === null ? 0 : Number(m[1]) / 1024;
  } catch {
    return 0;
  }
}

async function parent(): Promise<void> {
  const trials = Number(arg("trials", "30"));
  const maxRss = Number(arg("max-rss", "4096"));
  const maxSeconds = Number(arg("max-seconds", "60"));
  const self = fileURLToPath(import.meta.url);
  console.log(
    `CmaEsSampler (seed 1, defaults: margin on), one parameter, ${trials} trials unless said; each case in its own process, stopped past ${maxRss} MB RSS or ${maxSeconds} s\n`,
  );
  console.log("| case | time (s) | peak RSS (MB) | result |\n|---|---|---|---|");
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    const n = c.trials ?? trials;
    const proc = spawn(
      process.execPath,
      [...process.execArgv, self, "--child", String(i), "--trials", String(n)],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    proc.stdout.on("data", (d) => {
      out += d;
    });
    proc.stderr.on("data", (d) => {
      err += d;
    });
    const t0 = performance.now();
    let peak = 0;
    let killed: string | null = null;
    const timer = setInterval(() => {
      const rss = rssOf(proc.pid!);
      peak = Math.max(peak, rss);
      const s = (performance.now() - t0) / 1000;
      if (killed === null && (rss > maxRss || s > maxSeconds)) {
        killed = rss > maxRss ? `stopped at ${rss.toFixed(0)} MB RSS` : `stopped after ${maxSeconds} s`;
        proc.kill("SIGKILL");
      }
    }, 50);
    await new Promise<void>((resolve) => proc.on("exit", () => resolve()));
    clearInterval(timer);
    const wall = (performance.now() - t0) / 1000;
    const line = out.trim().split("\n").pop() ?? "";
    if (killed !== null || !line.startsWith("{")) {
      const why = killed ?? `exited without a result: ${err.trim().split("\n").slice(-3).join(" / ")}`;
      console.log(`| ${c.name} | > ${wall.toFixed(1)} | ≥ ${peak.toFixed(0)} | ${why} |`);
      continue;
    }
    const r = JSON.parse(line) as { seconds: number; rssMb: number; result: string };
    console.log(`| ${c.name} | ${r.seconds.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${r.result} |`);
  }
}

const ci = process.argv.indexOf("--child");
if (ci >= 0) await child(cases[Number(process.argv[ci + 1])]!, Number(arg("trials", "30")));
else await parent();
