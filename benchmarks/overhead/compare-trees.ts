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
import { pathToFileURL } from "node:url";

const other = resolve(process.argv[2] ?? "/tmp/base");
const nTrials = Number(process.argv[3] ?? 20_000);
const rounds = Number(process.argv[4] ?? 7);
const dim = 10;
const names = Array.from({ length: dim }, (_, i) => `x${i}`);

/** The slice of a study under test that this script drives (typed loosely: two trees' types differ). */
interface LooseStudy {
  optimize(
    objective: (trial: { suggestFloat(n: string, a: number, b: number): number }) => number,
    options: { nTrials: number },
  ): Promise<void>;
}

interface Tree {
  readonly label: string;
  readonly study: {
    createStudy: (options: { storage: unknown; sampler: unknown }) => Promise<LooseStudy>;
    InMemoryStorage: new () => unknown;
    setLogLevel?: (l: string) => void;
  };
  readonly random: { RandomSampler: new (o: { seed: number }) => unknown };
}

async function load(label: string, root: string): Promise<Tree> {
  const url = (p: string) => pathToFileURL(resolve(root, p)).href;
  const study = await import(url("packages/study/src/index.ts"));
  const random = await import(url("packages/samplers/src/random/index.ts"));
  study.setLogLevel?.("warn");
  return { label, study, random };
}

async function once(tree: Tree, seed: number): Promise<number> {
  const study = await tree.study.createStudy({
    storage: new tree.study.InMemoryStorage(),
    sampler: new tree.random.RandomSampler({ seed }),
  });
  const t0 = process.cpuUsage();
  await study.optimize(
    (trial) => {
      let s = 0;
      for (const n of names) {
        const x = trial.suggestFloat(n, -5, 5);
        s += x * x;
      }
      return s;
    },
    { nTrials },
  );
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / 1000 / nTrials;
}

const here = await load("this tree", resolve(import.meta.dirname, "../.."));
const there = await load(other, other);
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
