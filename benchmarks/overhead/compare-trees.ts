/**
 * Per-trial cost of `optimize` in this tree against another checkout of the repository (for
 * example the previous commit in a git worktree), measured alternately in one process so
 * that both see the same machine load: a 10-D RandomSampler study with a synchronous
 * objective, 20,000 trials per run. Cost is CPU time of this process (user + system, all
 * threads, so garbage collection counts), which a busy machine disturbs far less than
 * wall time.
 *
 *   git worktree add /tmp/base HEAD~1 && (cd /tmp/base && npm ci)
 *   npm run ts -- benchmarks/overhead/compare-trees.ts /tmp/base [trials] [rounds]
 */
import { resolve } from "node:path";
import { loadStudyTree, type StudyTree, studyCpuPerTrial } from "./study-trees.js";

const other = resolve(process.argv[2] ?? "/tmp/base");
const nTrials = Number(process.argv[3] ?? 20_000);
const rounds = Number(process.argv[4] ?? 7);
/** CPU ms per trial of one new Random study of nTrials. */
const once = async (tree: StudyTree, seed: number): Promise<number> =>
  (await studyCpuPerTrial(tree, "random", seed, nTrials)) / 1000;

const here = await loadStudyTree("this tree", resolve(import.meta.dirname, "../.."));
const there = await loadStudyTree(other, other);
await once(here, 0);
await once(there, 0);
const a: number[] = [];
const b: number[] = [];
for (let r = 0; r < rounds; r++) {
  a.push(await once(here, r + 1));
  b.push(await once(there, r + 1));
}
const med = (xs: number[]) => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(
  `${nTrials} trials, 10-D RandomSampler, sync objective, CPU time, median of ${rounds} alternating runs:`,
);
console.log(`  this tree: ${(med(a) * 1000).toFixed(2)} µs/trial`);
console.log(`  ${other}: ${(med(b) * 1000).toFixed(2)} µs/trial`);
console.log(`  ratio this/other: ${(med(a) / med(b)).toFixed(3)}`);
