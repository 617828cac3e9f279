/**
 * Issue 18: a fingerprint of seeded TPE runs, to show that a speed change leaves TPE's results
 * bit for bit as they were: run it in the tree before and after the change (e.g. a
 * `git worktree` of the parent commit) and compare the lines. Each case is a seeded study at
 * concurrency 1; the hash (FNV-1a over the bytes of every trial's state, parameters and
 * values) covers the paths of the split and the column reader: multivariate and univariate;
 * log-int, stepped and categorical parameters; pruned trials (ranked by their last report);
 * constraints (infeasible trials); two objectives (MOTPE's split and weights).
 *
 *   npm run ts -- benchmarks/overhead/tpe-hash.ts [trials]   (default 300)
 */
import { TpeSampler } from "@tunelab/samplers/tpe";
import { createStudy, InMemoryStorage, setLogLevel, type Trial, TrialPruned } from "@tunelab/study";

setLogLevel("error");
const nTrials = Number(process.argv[2] ?? 300);

const f64 = new Float64Array(1);
const bytes = new Uint8Array(f64.buffer);
function fnv(h: number, x: number): number {
  f64[0] = x;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}

const mixed = (t: Trial): number => {
  const x = t.suggestFloat("x", -5, 5);
  const y = t.suggestFloat("y", 1e-3, 10, { log: true });
  const k = t.suggestInt("k", 1, 64, { log: true });
  const s = t.suggestFloat("s", 0, 1, { step: 0.1 });
  const c = t.suggestCategorical("c", ["a", "b", "c"]);
  return x * x + Math.log(y) ** 2 + Math.abs(k - 8) + s + (c === "b" ? 0 : 1);
};

const cases: {
  name: string;
  sampler: () => TpeSampler;
  directions?: ("minimize" | "maximize")[];
  objective: (t: Trial) => number | number[] | Promise<number>;
}[] = [
  { name: "multivariate, mixed", sampler: () => new TpeSampler({ seed: 0 }), objective: mixed },
  {
    name: "univariate, mixed",
    sampler: () => new TpeSampler({ seed: 1, multivariate: false }),
    objective: mixed,
  },
  {
    name: "multivariate, pruned",
    sampler: () => new TpeSampler({ seed: 2 }),
    objective: async (t) => {
      const v = mixed(t);
      for (let step = 0; step < 3; step++) {
        await t.report(v + 3 - step, step);
        if (t.number % 3 === 1 && step === t.number % 2) throw new TrialPruned();
      }
      return v;
    },
  },
  {
    name: "multivariate, constraints",
    sampler: () => new TpeSampler({ seed: 3 }),
    objective: (t) => {
      const v = mixed(t);
      t.setConstraint("c0", t.params.x as number);
      return v;
    },
  },
  {
    name: "two objectives",
    sampler: () => new TpeSampler({ seed: 4 }),
    directions: ["minimize", "maximize"],
    objective: (t) => {
      const x = t.suggestFloat("x", 0, 1);
      const y = t.suggestFloat("y", 0, 1);
      return [x * x + y, Math.sqrt(1 - x) - y];
    },
  },
];

for (const c of cases) {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: c.sampler(),
    ...(c.directions === undefined ? {} : { directions: c.directions }),
  });
  await study.optimize(c.objective, { nTrials });
  let h = 2166136261;
  for (const t of study.trials) {
    h = fnv(h, ["COMPLETE", "PRUNED", "FAIL", "RUNNING", "WAITING"].indexOf(t.state));
    for (const name of Object.keys(t.params).sort()) {
      const v = t.params[name];
      h = fnv(h, typeof v === "number" ? v : String(v).charCodeAt(0));
    }
    for (const v of t.values ?? []) h = fnv(h, v);
  }
  console.log(`${c.name}, ${nTrials} trials: ${h.toString(16).padStart(8, "0")}`);
}
