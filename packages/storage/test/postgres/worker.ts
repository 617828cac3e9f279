/**
 * A worker process of the multi-process tests and benchmarks: opens a storage, joins a study
 * (`createStudy({ loadIfExists: true })`) and runs `nTrials` trials of a small objective.
 *
 *   node --conditions=@tunelab/source --import tsx worker.ts '<json WorkerSpec>'
 *
 * With `hangAtTrial`, the trial of that number writes its parameters, prints "hanging <trial
 * id>" and never ends (the test SIGKILLs the process there).
 */
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, type Sampler, type Storage } from "@tunelab/study";

/** What a worker is told on its command line. */
export interface WorkerSpec {
  /** Which opener to use: a module under packages/storage/test exporting `openStorage(spec)`. */
  readonly opener: string;
  readonly url: string;
  /** Backend-specific place of the study (a PostgreSQL schema, a Redis key prefix). */
  readonly namespace: string;
  readonly studyName: string;
  readonly sampler: "random" | "tpe";
  readonly seed: number;
  readonly nTrials: number;
  readonly hangAtTrial?: number;
}

const spec = JSON.parse(process.argv[2] ?? "{}") as WorkerSpec;
const { openStorage } = (await import(spec.opener)) as {
  openStorage(spec: WorkerSpec): Promise<Storage>;
};
const storage = await openStorage(spec);
const sampler: Sampler =
  spec.sampler === "tpe" ? new TpeSampler({ seed: spec.seed }) : new RandomSampler({ seed: spec.seed });
const study = await createStudy({ storage, sampler, studyName: spec.studyName, loadIfExists: true });
const start = Date.now();
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat("x", -10, 10);
    const n = trial.suggestInt("n", 1, 8);
    const kind = trial.suggestCategorical("kind", ["a", "b", "c"]);
    if (trial.number === spec.hangAtTrial) {
      await trial.report(x * x, 0); // writes the parameters too
      process.stdout.write(`hanging ${trial.number}\n`);
      await new Promise(() => {});
    }
    return x * x + n + (kind === "a" ? 0 : 1);
  },
  { nTrials: spec.nTrials },
);
process.stdout.write(`done ${spec.nTrials} ${Date.now() - start}\n`);
await storage.close();
