/**
 * Issue 18: the per-trial work of TPE outside the Parzen estimator as n grows: the split of
 * the study (`splitTrials`, with `selectBelow`) and the reading of the above set's 10 columns
 * with their sorted orders (`ColumnReader.gather`, as TPE's multivariate Scott step reads
 * them), on a 10-D random study of n COMPLETE trials. CPU time per call and per finished
 * trial; each size twice in one process (the second pass after V8 has compiled everything),
 * so ratios between sizes of one pass are the figure, not the absolute times.
 *
 *   npm run ts -- benchmarks/overhead/split-scale.ts [N...]   (default 5000 10000 20000)
 */
import { RandomSampler } from "@tunelab/samplers/random";
import { createStudy, InMemoryStorage, setLogLevel, type Trial } from "@tunelab/study";
import { type ColumnField, ColumnReader, TrialColumns } from "../../packages/samplers/src/columns/index.js";
import { LIAR, splitTrials } from "../../packages/samplers/src/tpe/study-split.js";

setLogLevel("error");
const sizes = process.argv
  .slice(2)
  .filter((a) => /^\d+$/.test(a))
  .map(Number);
if (sizes.length === 0) sizes.push(5000, 10000, 20000);
const names = Array.from({ length: 10 }, (_, i) => `x${i}`);
const fields: ColumnField[] = names.map((name) => ({
  name,
  low: -5,
  high: 5,
  logScale: false,
  categorical: false,
}));
const sphere = (t: Trial): number => {
  let s = 0;
  for (const name of names) s += t.suggestFloat(name, -5, 5) ** 2;
  return s;
};
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

const tables = new Map<number, TrialColumns>();
for (const n of sizes) {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new RandomSampler({ seed: 1 }),
  });
  await study.optimize(sphere, { nTrials: n });
  const table = new TrialColumns(study.directions);
  table.update(study.getTrials());
  tables.set(n, table);
}
let sink = 0;
for (const pass of [1, 2]) {
  for (const n of sizes) {
    const table = tables.get(n)!;
    const reps = Math.max(20, Math.round(2_000_000 / n));
    const unfinished = new Map();
    let t0 = cpuMs();
    let split = splitTrials(table, unfinished, n, 25, { constantLiar: true, constraints: true });
    for (let r = 1; r < reps; r++)
      split = splitTrials(table, unfinished, n, 25, { constantLiar: true, constraints: true });
    const splitMs = (cpuMs() - t0) / reps;
    const reader = new ColumnReader();
    const pending = { tags: split.role, tag: LIAR, trials: split.running };
    t0 = cpuMs();
    for (let r = 0; r < reps; r++)
      sink += reader.gather(table, fields, split.above, pending, true).rows.length;
    const gatherMs = (cpuMs() - t0) / reps;
    const per = (ms: number): string => `${((ms / n) * 1e6).toFixed(0)} ns/trial`;
    console.log(
      `pass ${pass}, n=${n}: splitTrials ${splitMs.toFixed(3)} ms (${per(splitMs)}), gather above with order ${gatherMs.toFixed(3)} ms (${per(gatherMs)})`,
    );
  }
}
if (sink === 0.5) console.log("(sink)");
