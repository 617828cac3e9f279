/**
 * A worker process for processes.test.ts: runs `nTrials` trials of a 3-objective DTLZ2 with 4
 * variables with NsgaIIISampler (uniform crossover, no mutation) on the study "shared" of a
 * journal file, tagging each trial with its worker id; the two workers start optimizing together
 * (a barrier of ready files beside the journal). Argument: JSON { file, worker, seed, nTrials,
 * populationSize }.
 */
import * as fs from "node:fs";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { NsgaIIISampler } from "../../src/nsga3/index.js";

setLogLevel("warn");
const spec = JSON.parse(process.argv[2]!) as {
  file: string;
  worker: number;
  seed: number;
  nTrials: number;
  populationSize: number;
};
const storage = await openJournalFileStorage(spec.file);
const study = await createStudy({
  storage,
  studyName: "shared",
  loadIfExists: true,
  directions: ["minimize", "minimize", "minimize"],
  sampler: new NsgaIIISampler({
    seed: spec.seed,
    populationSize: spec.populationSize,
    mutationProb: 0,
    crossoverProb: 1,
  }),
});
fs.writeFileSync(`${spec.file}.ready${spec.worker}`, "");
while (!(fs.existsSync(`${spec.file}.ready0`) && fs.existsSync(`${spec.file}.ready1`))) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await study.optimize(
  async (t) => {
    t.setUserAttr("worker", spec.worker);
    const x = Array.from({ length: 4 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
    // A little real time per trial, so that the two workers interleave.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const g = (x[2]! - 0.5) ** 2 + (x[3]! - 0.5) ** 2;
    const [a, b] = [(x[0]! * Math.PI) / 2, (x[1]! * Math.PI) / 2];
    return [(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)];
  },
  { nTrials: spec.nTrials },
);
await storage.close();
console.log("done");
