/**
 * A child process for storage-urls.test.ts: opens a study by URL through the facade, runs a
 * few trials and ends WITHOUT closing the storage, to show that an idle storage does not keep
 * Node running. Prints the number of trials another loadStudy sees.
 */
import { createStudy, loadStudy, RandomSampler } from "tunelab";

const [url, name] = process.argv.slice(2) as [string, string];
const study = await createStudy({
  storage: url,
  studyName: name,
  loadIfExists: true,
  sampler: new RandomSampler({ seed: 3 }),
});
await study.optimize((t) => t.suggestFloat("x", -1, 1) ** 2, { nTrials: 5 });
const again = await loadStudy({ storage: url, studyName: name });
console.log(`trials=${again.trials.length}`);
