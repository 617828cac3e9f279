/**
 * The study code of this checkout or of another one, loaded from source for the scripts that
 * compare two trees in one process (`compare-trees.ts`, `study-loop.ts`), typed loosely since
 * the two trees' types may differ; and the 10-D sphere they drive.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** The trial methods the sphere uses. */
export interface LooseTrial {
  suggestFloat(name: string, low: number, high: number): number;
}

/** The slice of a study the scripts drive. */
export interface LooseStudy {
  optimize(objective: (trial: LooseTrial) => number, options: { nTrials: number }): Promise<void>;
}

/** A checkout's study package and its two cheapest samplers. */
export interface StudyTree {
  readonly label: string;
  readonly study: {
    createStudy: (options: { storage: unknown; sampler: unknown }) => Promise<LooseStudy>;
    InMemoryStorage: new () => unknown;
  };
  /** NSGA-II is missing in checkouts older than it. */
  readonly samplers: Partial<Record<"random" | "nsga2", new (options: { seed: number }) => unknown>>;
}

/**
 * Loads `packages/study` and the Random and NSGA-II samplers (when it has one) of the checkout
 * at `root` from their sources (run under tsx), with the log level at "warn".
 */
export async function loadStudyTree(label: string, root: string): Promise<StudyTree> {
  const url = (p: string): string => pathToFileURL(resolve(root, p)).href;
  const study = await import(url("packages/study/src/index.ts"));
  const random = await import(url("packages/samplers/src/random/index.ts"));
  const nsga2 = await import(url("packages/samplers/src/nsga2/index.ts")).catch(() => null);
  study.setLogLevel?.("warn");
  return { label, study, samplers: { random: random.RandomSampler, nsga2: nsga2?.NsgaIISampler } };
}

const NAMES = Array.from({ length: 10 }, (_, i) => `x${i}`);

/** The 10-D sphere on [-5, 5]^10, a synchronous objective. */
export function sphere10(trial: LooseTrial): number {
  let s = 0;
  for (const n of NAMES) {
    const x = trial.suggestFloat(n, -5, 5);
    s += x * x;
  }
  return s;
}

/** CPU µs (user + system, every thread) per trial of one new in-memory study of `nTrials`. */
export async function studyCpuPerTrial(
  tree: StudyTree,
  kind: "random" | "nsga2",
  seed: number,
  nTrials: number,
): Promise<number> {
  const Sampler = tree.samplers[kind];
  if (Sampler === undefined) throw new Error(`${tree.label} has no ${kind} sampler`);
  const study = await tree.study.createStudy({
    storage: new tree.study.InMemoryStorage(),
    sampler: new Sampler({ seed }),
  });
  const t0 = process.cpuUsage();
  await study.optimize(sphere10, { nTrials });
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / nTrials;
}
