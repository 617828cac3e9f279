/**
 * Issue 18: a fingerprint of seeded studies run by `optimize`, to show that a change to the
 * study loop (packages/study) leaves the studies as they were: run it in the tree before and
 * after the change (e.g. a `git worktree` of the parent commit) and compare the lines. Each
 * hash (FNV-1a over a canonical text of every trial: number, state, parameters, values,
 * intermediate values, user and system attributes; not the datetimes) covers one case at
 * concurrency 1 unless named otherwise: seeded Random, TPE and NSGA-II (one and two
 * objectives) with synchronous objectives; trials that are pruned, fail (a thrown error
 * caught by `catch`, a NaN, a wrong count), report from a synchronous objective, set
 * attributes and constraints; asynchronous objectives; callbacks (the order and the trials
 * they see go into the hash) and `study.stop()` from a callback; concurrency 3 in
 * reproducible mode.
 *
 *   npm run ts -- benchmarks/overhead/study-hash.ts [trials]   (default 300)
 */
import { NsgaIISampler } from "@tunelab/samplers/nsga2";
import { RandomSampler } from "@tunelab/samplers/random";
import { TpeSampler } from "@tunelab/samplers/tpe";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  type OptimizeOptions,
  type Sampler,
  type Study,
  setLogLevel,
  type Trial,
  TrialPruned,
} from "@tunelab/study";

setLogLevel("silent");
const nTrials = Number(process.argv[2] ?? 300);

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Object keys sorted, numbers written exactly (NaN and ±Infinity as text). */
function canonical(x: unknown): string {
  if (typeof x === "number") return Object.is(x, -0) ? "-0" : String(x);
  if (x === null || typeof x !== "object") return JSON.stringify(x) ?? "undefined";
  if (x instanceof Map) return canonical(Object.fromEntries([...x.entries()].sort((a, b) => a[0] - b[0])));
  if (Array.isArray(x)) return `[${x.map(canonical).join(",")}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}

function trialText(t: FrozenTrial): string {
  return canonical({
    number: t.number,
    state: t.state,
    params: t.params,
    values: t.values,
    intermediate: t.intermediateValues,
    user: t.userAttrs,
    system: t.systemAttrs,
  });
}

class Flaky extends Error {}

const sphere = (t: Trial): number => {
  let s = 0;
  for (let i = 0; i < 10; i++) {
    const x = t.suggestFloat(`x${i}`, -5, 5);
    s += x * x;
  }
  return s;
};

/** Pruned, failed (caught, NaN, wrong count), reports from a synchronous objective, attributes. */
const eventful = (t: Trial): number => {
  const v = sphere(t);
  const k = t.suggestInt("k", 1, 8);
  t.setUserAttr("k2", k * k);
  if (t.number % 7 === 3) throw new TrialPruned();
  void t.report(v + 1, 0);
  if (t.number % 11 === 5) throw new TrialPruned();
  if (t.number % 13 === 4) throw new Flaky(`flaky ${t.number}`);
  if (t.number % 17 === 6) return Number.NaN;
  if (t.number % 19 === 7) return [v, v] as unknown as number;
  t.setConstraint("c", k - 5);
  return v;
};

const asyncEventful = async (t: Trial): Promise<number> => {
  const x = t.suggestFloat("x", -5, 5);
  for (let step = 0; step < 3; step++) {
    await t.report(x * x + 3 - step, step);
    if (t.number % 5 === 2 && step === 1) throw new TrialPruned();
  }
  if (t.number % 9 === 4) throw new Flaky("async flaky");
  return x * x;
};

interface Case {
  readonly name: string;
  readonly sampler: () => Sampler;
  readonly directions?: ("minimize" | "maximize")[];
  readonly objective: (t: Trial) => number | number[] | Promise<number>;
  readonly options?: (log: string[]) => OptimizeOptions;
  readonly trials?: number;
}

const cases: Case[] = [
  { name: "random, sphere", sampler: () => new RandomSampler({ seed: 0 }), objective: sphere },
  {
    name: "random, pruned/failed/reports, catch",
    sampler: () => new RandomSampler({ seed: 1 }),
    objective: eventful,
    options: () => ({ catch: [Flaky] }),
  },
  {
    name: "random, async objective, catch: true",
    sampler: () => new RandomSampler({ seed: 2 }),
    objective: asyncEventful,
    options: () => ({ catch: true }),
  },
  {
    name: "random, callbacks, stop() from a callback",
    sampler: () => new RandomSampler({ seed: 3 }),
    objective: sphere,
    options: (log) => ({
      callbacks: [
        (s: Study, t: FrozenTrial) => {
          log.push(`a${t.number}:${s.trials.length}:${s.bestTrial.number}`);
        },
        {
          onTrialFinished: async (s: Study, t: FrozenTrial) => {
            log.push(`b${t.number}`);
            if (t.number === Math.floor(nTrials / 2)) s.stop();
          },
        },
      ],
    }),
  },
  {
    // Reproducible mode: without it, which trial starts first at concurrency 3 depends on when
    // `optimize` yields to the event loop (every 10 ms of wall time), so the hash would too.
    name: "random, concurrency 3, async, reproducible",
    sampler: () => new RandomSampler({ seed: 4 }),
    objective: asyncEventful,
    options: () => ({ concurrency: 3, catch: true, reproducible: true }),
  },
  {
    name: "tpe, sphere",
    sampler: () => new TpeSampler({ seed: 5 }),
    objective: sphere,
    trials: Math.min(nTrials, 200),
  },
  {
    name: "tpe, pruned/failed/reports",
    sampler: () => new TpeSampler({ seed: 6 }),
    objective: eventful,
    options: () => ({ catch: [Flaky] }),
    trials: Math.min(nTrials, 200),
  },
  { name: "nsga2, sphere", sampler: () => new NsgaIISampler({ seed: 7 }), objective: sphere },
  {
    name: "nsga2, two objectives, constraints",
    sampler: () => new NsgaIISampler({ seed: 8 }),
    directions: ["minimize", "maximize"],
    objective: (t) => {
      const x = t.suggestFloat("x", 0, 1);
      const y = t.suggestFloat("y", 0, 1);
      t.setConstraint("c", x - 0.9);
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
  const log: string[] = [];
  let outcome = "ok";
  try {
    await study.optimize(c.objective, { nTrials: c.trials ?? nTrials, ...c.options?.(log) });
  } catch (e) {
    outcome = `threw ${(e as Error).name}: ${(e as Error).message}`;
  }
  let h = fnv(2166136261, outcome);
  for (const t of study.trials) h = fnv(h, trialText(t));
  h = fnv(h, log.join(" "));
  console.log(`${c.name}, ${c.trials ?? nTrials} trials: ${h.toString(16).padStart(8, "0")}`);
}
