/**
 * The tunelab side of optuna5.ts (issue 18): one case in this fresh process, 10-D sphere on
 * [-5, 5]^10. optuna5.ts transpiles this file to `benchmarks/overhead/dist/optuna5-child.mjs`
 * (types stripped, nothing bundled) and runs it with plain `node`, so the packages load as a
 * user's process loads them: the compiled `dist/` of each package (the `default` export
 * condition, as `packages/cli/bin/tunelab.cjs` loads `dist/bin.js`). With `--tsx` the parent
 * runs this source through tsx instead (the first pass's way, transpiling at start-up).
 *
 * Usage: node optuna5-child.mjs ROOT KIND N WARM [CALLBACK]
 *   ROOT      the checkout whose packages/{study,samplers}/dist are measured ("" = the
 *             packages this file resolves, i.e. this checkout's), so two trees can be
 *             measured alternately in one run (before/after a change)
 *   KIND      tpe | tpe_univariate | random | cmaes | nsga2
 *   WARM      1: a second optimize of 1,000 trials (seed 1) in the same process
 *   CALLBACK  1: a callback reads `study.bestValue` and `study.trials` after every trial
 * Prints one JSON line: studyWall, studyCpu (around optimize), processCpu (process.cpuUsage
 * since process start: Node start-up, module loading and the study), endEpochMs (time of the
 * last trial), warmWall/warmCpu, rss (bytes, at the end), peakRss (bytes, maxRSS).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

type Kind = "tpe" | "tpe_univariate" | "random" | "cmaes" | "nsga2";

/** The slice of the study API this script drives (typed loosely: two trees' types may differ). */
interface LooseTrial {
  suggestFloat(name: string, low: number, high: number): number;
}
interface LooseStudy {
  optimize(
    objective: (trial: LooseTrial) => number,
    options: { nTrials: number; callbacks?: ((study: LooseStudy) => void)[] },
  ): Promise<void>;
  readonly bestValue: number;
  readonly trials: readonly unknown[];
}
interface StudyModule {
  createStudy(options: { storage: unknown; sampler: unknown }): Promise<LooseStudy>;
  InMemoryStorage: new () => unknown;
  setLogLevel(level: string): void;
}
type SamplerClass = new (options: Record<string, unknown>) => unknown;

const [root = "", kindArg = "tpe", nArg = "300", warmArg = "0", callbackArg = "0"] = process.argv.slice(2);
const kind = kindArg as Kind;

/** A package subpath: from ROOT's compiled dist when given, else resolved as a user would. */
async function load<T>(pkg: string, sub: string): Promise<T> {
  if (root === "") return (await import(sub === "" ? `@tunelab/${pkg}` : `@tunelab/${pkg}/${sub}`)) as T;
  const file = resolve(root, "packages", pkg, "dist", sub === "" ? "index.js" : `${sub}/index.js`);
  return (await import(pathToFileURL(file).href)) as T;
}

const studyModule = await load<StudyModule>("study", "");
const samplerModule =
  kind === "tpe" || kind === "tpe_univariate"
    ? await load<{ TpeSampler: SamplerClass }>("samplers", "tpe")
    : kind === "random"
      ? await load<{ RandomSampler: SamplerClass }>("samplers", "random")
      : kind === "cmaes"
        ? await load<{ CmaEsSampler: SamplerClass }>("samplers", "cmaes")
        : await load<{ NsgaIISampler: SamplerClass }>("samplers", "nsga2");

function make(seed: number): unknown {
  const m = samplerModule as Record<string, SamplerClass>;
  switch (kind) {
    case "tpe":
      return new m.TpeSampler!({ seed });
    case "tpe_univariate":
      return new m.TpeSampler!({ seed, multivariate: false });
    case "random":
      return new m.RandomSampler!({ seed });
    case "cmaes":
      return new m.CmaEsSampler!({ seed });
    case "nsga2":
      return new m.NsgaIISampler!({ seed });
  }
}

const names = Array.from({ length: 10 }, (_, i) => `x${i}`);
const sphere = (t: LooseTrial): number => {
  let s = 0;
  for (const n of names) {
    const x = t.suggestFloat(n, -5, 5);
    s += x * x;
  }
  return s;
};

let sink = 0;
const reader = (study: LooseStudy): void => {
  sink += study.bestValue + study.trials.length;
};

async function run(seed: number, n: number): Promise<[number, number]> {
  const study = await studyModule.createStudy({
    storage: new studyModule.InMemoryStorage(),
    sampler: make(seed),
  });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await study.optimize(sphere, callbackArg === "1" ? { nTrials: n, callbacks: [reader] } : { nTrials: n });
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
}

studyModule.setLogLevel("warn");
const [studyWall, studyCpu] = await run(0, Number(nArg));
const endEpochMs = performance.timeOrigin + performance.now();
const pc = process.cpuUsage();
const out: Record<string, number> = {
  studyWall,
  studyCpu,
  processCpu: (pc.user + pc.system) / 1e6,
  endEpochMs,
};
if (warmArg === "1") [out.warmWall, out.warmCpu] = await run(1, 1000);
out.rss = process.memoryUsage().rss;
out.peakRss = process.resourceUsage().maxRSS * 1024;
out.sink = Number.isFinite(sink) ? 0 : 1;
console.log(JSON.stringify(out));
