/**
 * A worker process for processes.test.ts: runs `nTrials` trials of a 4-parameter quadratic with
 * QmcSampler (scrambled Sobol, the given seed) on the study "shared" of a journal file; the two
 * workers start together (a barrier of ready files beside the journal). Argument: JSON
 * { file, worker, seed, nTrials }.
 */
import * as fs from "node:fs";
import { openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";
import { QmcSampler } from "../../src/qmc/index.js";

setLogLevel("error");
const spec = JSON.parse(process.argv[2]!) as { file: string; worker: number; seed: number; nTrials: number };
const storage = await openJournalFileStorage(spec.file);
const study = await createStudy({
  storage,
  studyName: "shared",
  loadIfExists: true,
  sampler: new QmcSampler({ scramble: true, seed: spec.seed }),
});
fs.writeFileSync(`${spec.file}.ready${spec.worker}`, "");
while (!(fs.existsSync(`${spec.file}.ready0`) && fs.existsSync(`${spec.file}.ready1`))) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
await study.optimize(
  async (t) => {
    t.setUserAttr("worker", spec.worker);
    const x = Array.from({ length: 4 }, (_, i) => t.suggestFloat(`x${i}`, 0, 1));
    await new Promise((resolve) => setTimeout(resolve, 5)); // so that the workers interleave
    return x.reduce((s, v) => s + (v - 0.3) ** 2, 0);
  },
  { nTrials: spec.nTrials },
);
await storage.close();
console.log("done");
