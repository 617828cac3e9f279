/**
 * Reading the study in a callback after every trial: `study.bestValue`, `study.trials.length`
 * and `study.bestTrials.length`, as progress printers and early-stopping callbacks do. Before
 * best-trial tracking these reads cost O(trials) each (10k trials took 1.5 s, 20k 16 s, 40k
 * over 120 s); now they are constant time. A 2-D RandomSampler study with a synchronous
 * objective; prints the total and the cost per trial over the last 1000 trials.
 *
 *   npm run ts -- benchmarks/overhead/callbacks.ts [trials...]   (default: 20000 100000)
 */
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, setLogLevel } from "@tunelab/study";

setLogLevel("warn");
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(20_000, 100_000);

for (const nTrials of sizes) {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new RandomSampler({ seed: 1 }),
  });
  const stamps: number[] = [];
  let sink = 0;
  const t0 = performance.now();
  await study.optimize((t) => (t.suggestFloat("x", -5, 5) - 1) ** 2 + t.suggestFloat("y", -5, 5) ** 2, {
    nTrials,
    callbacks: [
      (s) => {
        sink += s.bestValue + s.trials.length + s.bestTrials.length;
        stamps.push(performance.now());
      },
    ],
  });
  const total = (performance.now() - t0) / 1000;
  const k = Math.min(1000, nTrials - 1);
  const last = (stamps[stamps.length - 1]! - stamps[stamps.length - 1 - k]!) / k;
  console.log(
    `${nTrials} trials with a callback reading bestValue, trials and bestTrials: total ${total.toFixed(2)} s, last ${k} trials ${(last * 1000).toFixed(1)} µs/trial (heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)${sink === 42 ? "" : ""}`,
  );
}
