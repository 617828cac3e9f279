/**
 * Overhead of NsgaIIISampler through the study API, against Optuna 5.0's NSGAIIISampler in the
 * same run (the issue asks for the sampler's speed; Optuna 3.1 has no NSGAIIISampler). The
 * workload: `nTrials` in-memory trials of DTLZ2 with 3 objectives and 10 variables (k = 8),
 * every sampler with its defaults (population 50, uniform crossover; NSGA-III with the 10
 * Das–Dennis points of 3 divisions) and seeds 0, 1, 2, …; NsgaIISampler and RandomSampler on
 * both sides give the NSGA-II figure and the study machinery's own cost in the same run. Each
 * implementation runs in a fresh process: the first `optimize` (cold: module loading excluded,
 * JIT warm-up included) and the median (and the best) of `repeats` further runs (warm), whole
 * `optimize` calls. The machine is shared and noisy, so CPU times (user + system of the
 * process around each call) are the figures to quote; wall times are printed beside them.
 *
 * Run: npm run ts -- benchmarks/compare/nsga3-overhead.ts [nTrials=1000] [repeats=15] [optunaRepeats=5]
 * (Optuna 5.0 from /tmp/optuna5/bin/python, skipped when missing.)
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { NsgaIIISampler } from "@tunelab/samplers/nsga3";
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, type Sampler, setLogLevel, type Trial } from "@tunelab/study";

type Kind = "nsga3" | "nsga2" | "random";
/** Seconds: wall clock and CPU (user + system of the process) of whole optimize calls. */
interface Timing {
  readonly cold: number;
  readonly warm: number;
  readonly runs: number[];
  readonly coldCpu: number;
  readonly warmCpu: number;
  readonly cpuRuns: number[];
}

const M = 3;
const N = 10;
const names = Array.from({ length: N }, (_, i) => `x${i}`);

/** DTLZ2 (Deb, Thiele, Laumanns and Zitzler 2002), as nsga3-overhead.py writes it. */
function dtlz2(t: Trial): number[] {
  const x = names.map((n) => t.suggestFloat(n, 0, 1));
  let g = 0;
  for (let i = M - 1; i < N; i++) g += (x[i]! - 0.5) ** 2;
  const f: number[] = [];
  for (let i = 0; i < M; i++) {
    let v = 1 + g;
    for (let j = 0; j < M - 1 - i; j++) v *= Math.cos((x[j]! * Math.PI) / 2);
    if (i > 0) v *= Math.sin((x[M - 1 - i]! * Math.PI) / 2);
    f.push(v);
  }
  return f;
}

async function once(sampler: Sampler, nTrials: number): Promise<[wall: number, cpu: number]> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler,
    directions: Array(M).fill("minimize"),
  });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await study.optimize(dtlz2, { nTrials });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return [wall, (c.user + c.system) / 1e6];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const MAKE: Record<Kind, (seed: number) => Sampler> = {
  nsga3: (seed) => new NsgaIIISampler({ seed }),
  nsga2: (seed) => new NsgaIISampler({ seed }),
  random: (seed) => new RandomSampler({ seed }),
};

/** One fresh process's measurement (the child side). */
async function child(kind: Kind, nTrials: number, repeats: number): Promise<Timing> {
  setLogLevel("warn");
  const [cold, coldCpu] = await once(MAKE[kind](0), nTrials);
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const [wall, cpu] = await once(MAKE[kind](r + 1), nTrials);
    runs.push(wall);
    cpuRuns.push(cpu);
  }
  return { cold, warm: median(runs), runs, coldCpu, warmCpu: median(cpuRuns), cpuRuns };
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === "--child") {
  const [, , , kind, n, rep] = process.argv;
  console.log(JSON.stringify(await child(kind as Kind, Number(n), Number(rep))));
} else {
  const nTrials = Number(process.argv[2] ?? 1000);
  const repeats = Number(process.argv[3] ?? 15);
  const optunaRepeats = Number(process.argv[4] ?? 5);
  const fresh = (kind: Kind): Timing => {
    const args = ["--conditions=@tunelab/source", "--import", "tsx", self, "--child", kind];
    const out = execFileSync(process.execPath, [...args, String(nTrials), String(repeats)], {
      encoding: "utf8",
    });
    return JSON.parse(out.trim().split("\n").pop()!) as Timing;
  };
  const fmt = (t: Timing): string =>
    `warm ${t.warm.toFixed(3)} s wall / ${t.warmCpu.toFixed(3)} s CPU (best ${Math.min(...t.cpuRuns).toFixed(3)} s CPU); cold ${t.cold.toFixed(3)} s wall / ${t.coldCpu.toFixed(3)} s CPU`;
  console.log(
    `DTLZ2, 3 objectives, 10 variables; ${nTrials} in-memory trials; each implementation in a fresh process: cold first optimize, warm = median of ${repeats} more (Optuna: ${optunaRepeats})`,
  );
  const ours: Record<Kind, Timing> = {
    nsga3: fresh("nsga3"),
    nsga2: fresh("nsga2"),
    random: fresh("random"),
  };
  console.log(`  tunelab NsgaIIISampler: ${fmt(ours.nsga3)}`);
  console.log(`  tunelab NsgaIISampler: ${fmt(ours.nsga2)}`);
  console.log(`  tunelab RandomSampler (the study's own cost): ${fmt(ours.random)}`);
  const exe = "/tmp/optuna5/bin/python";
  if (!existsSync(exe)) {
    console.log(`  Optuna 5.0: skipped (${exe} is missing)`);
  } else {
    const script = fileURLToPath(new URL("./nsga3-overhead.py", import.meta.url));
    const out = execFileSync(exe, [script, String(nTrials), String(optunaRepeats)], { encoding: "utf8" });
    const o = JSON.parse(out.trim().split("\n").pop()!) as {
      optuna: string;
      nsga3: Timing | null;
      nsga2: Timing;
      random: Timing;
    };
    for (const [kind, label] of [
      ["nsga3", "NSGAIIISampler"],
      ["nsga2", "NSGAIISampler"],
      ["random", "RandomSampler"],
    ] as const) {
      const t = o[kind];
      if (t === null) {
        console.log(`  Optuna ${o.optuna} ${label}: not in this version`);
        continue;
      }
      console.log(`  Optuna ${o.optuna} ${label}: ${fmt(t)}`);
      console.log(
        `    ratio Optuna / tunelab: warm ${(t.warmCpu / ours[kind].warmCpu).toFixed(1)}x CPU (${(t.warm / ours[kind].warm).toFixed(1)}x wall), best ${(Math.min(...t.cpuRuns) / Math.min(...ours[kind].cpuRuns)).toFixed(1)}x CPU; cold ${(t.coldCpu / ours[kind].coldCpu).toFixed(1)}x CPU`,
      );
    }
  }
}
