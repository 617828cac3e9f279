/**
 * Issue 18: the warm per-trial cost of the study itself (`optimize`, trials, the in-memory
 * storage, trackers) with the two cheapest samplers, Random and NSGA-II, on the 10-D sphere
 * with a synchronous objective, in this tree and optionally in another checkout, measured
 * alternately in one process so that both see the same machine load. Each run is a new
 * study of N trials (default 2,000) after W warm-up studies per tree (default 3), so the
 * figure is what a trial costs once V8 has optimized the study code. Cost is this process's
 * CPU time (user + system, every thread, so garbage collection counts) per trial; medians
 * of R rounds (default 7) and their ratio.
 *
 *   npm run ts -- benchmarks/overhead/study-loop.ts [--against DIR] [--trials N] [--rounds R]
 *       [--warmup W] [--only random|nsga2]
 *
 * DIR: a checkout whose `node_modules/@tunelab/*` link to its own packages, e.g.
 *   git worktree add --detach /tmp/loop-base <commit>; then in it a node_modules folder that
 *   links every entry of this checkout's node_modules but @tunelab, and a copy of
 *   node_modules/@tunelab (relative links, so they point at the worktree's packages).
 */
import { resolve } from "node:path";
import { loadStudyTree, type StudyTree, studyCpuPerTrial } from "./study-trees.js";

const argv = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const against = value("--against");
const nTrials = Number(value("--trials") ?? 2000);
const rounds = Number(value("--rounds") ?? 7);
const warmup = Number(value("--warmup") ?? 3);
const only = value("--only");
for (const [k, v] of [
  ["--trials", nTrials],
  ["--rounds", rounds],
  ["--warmup", warmup],
] as const) {
  if (!Number.isSafeInteger(v) || v < (k === "--warmup" ? 0 : 1))
    throw new RangeError(`study-loop: ${k} must be an integer >= ${k === "--warmup" ? 0 : 1}, got ${v}`);
}
if (only !== undefined && only !== "random" && only !== "nsga2")
  throw new RangeError(`study-loop: --only must be random or nsga2, got ${only}`);

/** CPU µs per trial of one new study of nTrials. */
const once = (tree: StudyTree, kind: "random" | "nsga2", seed: number): Promise<number> =>
  studyCpuPerTrial(tree, kind, seed, nTrials);

const med = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const trees = [await loadStudyTree("this tree", resolve(import.meta.dirname, "../.."))];
if (against !== undefined) trees.push(await loadStudyTree(resolve(against), resolve(against)));
const kinds = (["random", "nsga2"] as const).filter((k) => only === undefined || k === only);
console.log(
  `${nTrials} trials per study, 10-D sphere, sync objective, in-memory; CPU µs/trial, median of ${rounds} (after ${warmup} warm-up studies per tree${trees.length > 1 ? ", trees alternating" : ""}):`,
);
for (const kind of kinds) {
  for (const tree of trees) for (let w = 0; w < warmup; w++) await once(tree, kind, 1000 + w);
  const per: number[][] = trees.map(() => []);
  for (let r = 0; r < rounds; r++) {
    // Alternate which tree goes first, so neither always runs right after the other's garbage.
    const order = r % 2 === 0 ? trees.map((_, i) => i) : trees.map((_, i) => trees.length - 1 - i);
    for (const i of order) per[i]!.push(await once(trees[i]!, kind, r));
  }
  const m = per.map(med);
  let line = `  ${kind}: ${trees.map((t, i) => `${t.label} ${m[i]!.toFixed(1)} (range ${Math.min(...per[i]!).toFixed(1)}-${Math.max(...per[i]!).toFixed(1)})`).join(", ")}`;
  if (m.length > 1) line += `; this/other ${(m[0]! / m[1]!).toFixed(3)}`;
  console.log(line);
}
