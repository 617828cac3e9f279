/**
 * One tunelab worker of the journal throughput benchmark (journal-throughput.ts starts it
 * through the shared harness): opens the journal file, joins the study, prints "ready", waits
 * for a line on stdin, runs `nTrials` trials of x² with RandomSampler, and prints one JSON
 * line: the seconds its optimize took, the COMPLETE trials it reads afterwards, and the CPU
 * seconds (user + system) it used during its trials.
 *
 *   node --conditions=@tunelab/source --import tsx journal-worker.ts <journal> <study> <nTrials> <seed> [options JSON]
 */
import { createInterface } from "node:readline";
import { RandomSampler } from "@tunelab/samplers/random";
import { type JournalFileStorageOptions, openJournalFileStorage } from "@tunelab/storage/journal";
import { createStudy, setLogLevel } from "@tunelab/study";

setLogLevel("warn");
const [path, studyName, nTrialsText, seedText, optionsText] = process.argv.slice(2);
if (path === undefined || studyName === undefined) {
  throw new Error("usage: journal-worker.ts <journal> <study> <nTrials> <seed> [options JSON]");
}
const options = (optionsText === undefined ? {} : JSON.parse(optionsText)) as JournalFileStorageOptions;
const storage = await openJournalFileStorage(path, options);
const study = await createStudy({
  storage,
  studyName,
  loadIfExists: true,
  sampler: new RandomSampler({ seed: Number(seedText) }),
});
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once("line", () => resolve()));
lines.close();

const t0 = performance.now();
const cpu0 = process.cpuUsage();
await study.optimize(
  (trial) => {
    const x = trial.suggestFloat("x", -10, 10);
    return x * x;
  },
  { nTrials: Number(nTrialsText) },
);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const complete = (await storage.getTrials(study.studyId, { states: ["COMPLETE"] })).trials.length;
await storage.close();
process.stdout.write(`${JSON.stringify({ seconds, complete, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`);
