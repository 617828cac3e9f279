/**
 * Issue 18: tpe-scale.ts's measurement for two trees in one process, paired: this tree's
 * `@tunelab/study` and `TpeSampler` against those of another checkout (e.g. a `git worktree`
 * of the parent commit, with a node_modules whose `@tunelab/*` links point into it). Both
 * studies are filled the same way (the sampler's random start-up, seed 1) and then run their
 * TPE trials in alternating blocks (the order swapped each block), so that the machine's load,
 * which moves CPU time by 2x between runs here, falls on both alike. Prints each tree's CPU
 * per TPE trial and the ratio this/other. Both share one heap: the collector's work caused by
 * one may land in the other's blocks, which narrows the difference rather than widening it.
 *
 *   npm run ts -- benchmarks/overhead/tpe-scale-ab.ts --against DIR [--k 200] [N...]
 *     (default N: 10000 20000 30000)
 */
import { resolve } from "node:path";
import { TpeSampler } from "@tunelab/samplers/tpe";
import * as here from "@tunelab/study";
import { sphere10 } from "./study-trees.js";

here.setLogLevel("error");
const argv = process.argv.slice(2);
const at = (flag: string): number => argv.indexOf(flag);
const kAt = at("--k");
const dirAt = at("--against");
const k = kAt < 0 ? 200 : Number(argv[kAt + 1]);
if (!(Number.isSafeInteger(k) && k >= 8))
  throw new RangeError(`tpe-scale-ab: --k must be an integer >= 8, got ${argv[kAt + 1]}`);
if (dirAt < 0 || argv[dirAt + 1] === undefined)
  throw new RangeError("tpe-scale-ab: --against DIR (another checkout of the repository) is required");
const dir = resolve(argv[dirAt + 1]!);
const sizes = argv.filter((a, i) => /^\d+$/.test(a) && i !== kAt + 1).map(Number);
if (sizes.length === 0) sizes.push(10000, 20000, 30000);

type Study = Awaited<ReturnType<typeof here.createStudy>>;
interface Stack {
  readonly make: (n: number) => Promise<Study>;
}
const other = {
  study: (await import(`${dir}/packages/study/src/index.ts`)) as typeof here,
  tpe: (await import(`${dir}/packages/samplers/src/tpe/index.ts`)) as { TpeSampler: typeof TpeSampler },
};
other.study.setLogLevel("error");
const stacks: Stack[] = [
  {
    make: (n) =>
      here.createStudy({
        storage: new here.InMemoryStorage(),
        sampler: new TpeSampler({ seed: 1, nStartupTrials: n }),
      }),
  },
  {
    make: async (n) =>
      (await other.study.createStudy({
        storage: new other.study.InMemoryStorage(),
        sampler: new other.tpe.TpeSampler({ seed: 1, nStartupTrials: n }),
      })) as unknown as Study,
  },
];

const sphere = sphere10;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};

for (const n of sizes) {
  const studies: Study[] = [];
  for (const s of stacks) {
    const study = await s.make(n);
    await study.optimize(sphere, { nTrials: n });
    studies.push(study);
  }
  const cpu = [0, 0];
  const blocks = 8;
  for (let b = 0; b < blocks; b++) {
    const kb = Math.floor((k * (b + 1)) / blocks) - Math.floor((k * b) / blocks);
    for (const i of b % 2 === 0 ? [0, 1] : [1, 0]) {
      const t0 = cpuMs();
      await studies[i]!.optimize(sphere, { nTrials: kb });
      cpu[i]! += cpuMs() - t0;
    }
  }
  const [a, o] = cpu.map((c) => c / k) as [number, number];
  const same = studies[0]!.bestValue === studies[1]!.bestValue ? "same best value" : "BEST VALUES DIFFER";
  console.log(
    `n=${n}: TPE trials ${n}..${n + k - 1}, ms/trial CPU: this ${a.toFixed(2)} (${((a / n) * 1e6).toFixed(0)} ns per finished trial), other ${o.toFixed(2)} (${((o / n) * 1e6).toFixed(0)} ns); this/other ${(a / o).toFixed(2)}; ${same}`,
  );
}
