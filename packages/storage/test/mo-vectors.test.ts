/**
 * Multi-objective intermediate vectors (`trial.report([loss, cost], step)`, stored as the
 * system attributes `intermediate_vector:<step>`) and the multi-objective pruners on the
 * persistent storages (issue 14): the same seeded study run on a journal file and on SQLite
 * (in process, temporary files) makes the same pruning decisions as on InMemoryStorage, and
 * after the storage is closed and opened again the vectors (NaN and ±Infinity entries
 * included), the rung records of multi-objective successive halving, states and values read
 * back as the in-memory study holds them.
 */
import * as path from "node:path";
import { DominancePruner } from "@tunelab/pruners/dominance";
import { MoHyperbandPruner } from "@tunelab/pruners/mo-hyperband";
import { MoSuccessiveHalvingPruner } from "@tunelab/pruners/mo-successive-halving";
import { TpeSampler } from "@tunelab/samplers/tpe";
import {
  createStudy,
  type FrozenTrial,
  InMemoryStorage,
  intermediateVectors,
  loadStudy,
  type Pruner,
  type Storage,
  type Study,
  TrialPruned,
} from "@tunelab/study";
import { describe, expect, it } from "vitest";
import { openJournalFileStorage } from "../src/journal/index.js";
import { SqliteStorage } from "../src/sqlite/index.js";
import { tempDir } from "./journal/tmp.js";
import { sqliteAddon } from "./sqlite/addon.js";
import { freshDbPath } from "./sqlite/tmp.js";

const STEPS = 9;
const NAME = "mo-vectors";

/**
 * The vector a trial with parameters (x, c) reports at step t: a loss that falls with t and
 * is lowest at x = 0.3, and a cost that grows with c. Runs with x > 0.9 diverge (NaN loss
 * from step 4), and with `infinite`, runs with c < 0.1 report an infinite cost, so the
 * storages must keep non-finite entries.
 */
function vectorAt(x: number, c: number, t: number, infinite: boolean): [number, number] {
  const loss =
    x > 0.9 && t >= 4 ? Number.NaN : (x - 0.3) ** 2 + 1 / (t + 1) + 0.01 * Math.sin(7 * x * (t + 1));
  const cost = infinite && c < 0.1 ? Number.POSITIVE_INFINITY : 1 + 4 * c * c;
  return [loss, cost];
}

/** The pruned step of each trial (null when it ran to the end), in trial order. */
type Decisions = (number | null)[];

async function run(
  storage: Storage,
  pruner: Pruner,
  nTrials: number,
  infinite: boolean,
): Promise<{ study: Study; decisions: Decisions }> {
  const study = await createStudy({
    storage,
    studyName: NAME,
    directions: ["minimize", "minimize"],
    sampler: new TpeSampler({ seed: 7, nStartupTrials: 5 }),
    pruner,
  });
  const decisions = new Map<number, number | null>();
  await study.optimize(
    async (trial) => {
      const x = trial.suggestFloat("x", 0, 1);
      const c = trial.suggestFloat("c", 0, 1);
      decisions.set(trial.number, null);
      let last: [number, number] = [0, 0];
      for (let t = 0; t < STEPS; t++) {
        last = vectorAt(x, c, t, infinite);
        await trial.report(last, t);
        if (t < STEPS - 1 && trial.shouldPrune()) {
          decisions.set(trial.number, t);
          throw new TrialPruned();
        }
      }
      return Number.isNaN(last[0]) ? [10, last[1]] : last;
    },
    { nTrials },
  );
  return { study, decisions: [...decisions.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d) };
}

/** What must survive a reload: state, values, every vector, the rung records. */
function summary(trials: readonly FrozenTrial[]): unknown[] {
  return trials.map((t) => ({
    number: t.number,
    state: t.state,
    values: t.values,
    params: t.params,
    vectors: [...intermediateVectors(t).entries()],
    rungs: Object.entries(t.systemAttrs)
      .filter(([k]) => k.startsWith("mo_completed_rung_") || k.startsWith("intermediate_vector:"))
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  }));
}

/**
 * The pruners run. `infinite`: whether the costs include +Infinity. Not for the successive
 * halving pruners: their crowding distance throws when a vector recorded at the rung outside
 * the trial's own front holds ±Infinity (`isMoPromotable` passes every point to
 * `crowdingDistance`, which checks them all), a pruner bug left to the pruners' owners.
 */
const PRUNERS: readonly { name: string; create: () => Pruner; infinite: boolean }[] = [
  { name: "DominancePruner", create: () => new DominancePruner({ nStartupTrials: 3 }), infinite: true },
  {
    name: "MoSuccessiveHalvingPruner",
    create: () => new MoSuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 }),
    infinite: false,
  },
  {
    name: "MoHyperbandPruner",
    create: () => new MoHyperbandPruner({ minResource: 1, maxResource: STEPS, reductionFactor: 3 }),
    infinite: false,
  },
];

const BACKENDS: readonly {
  name: string;
  available: () => boolean;
  open: () => { reopen: () => Promise<Storage> };
}[] = [
  {
    name: "journal file",
    available: () => true,
    open: () => {
      const file = path.join(tempDir("tunelab-mo-vectors-"), "study.log");
      return { reopen: () => openJournalFileStorage(file) };
    },
  },
  {
    name: "SQLite",
    available: sqliteAddon,
    open: () => {
      const file = freshDbPath();
      return { reopen: () => SqliteStorage.open(file) };
    },
  },
];

for (const backend of BACKENDS) {
  if (!backend.available()) continue;
  describe(`multi-objective vectors and pruners on the ${backend.name}`, () => {
    for (const p of PRUNERS) {
      it(`${p.name}: the same decisions as in memory; vectors and rungs survive a reload`, async () => {
        const memory = await run(new InMemoryStorage(), p.create(), 30, p.infinite);
        // the run prunes some trials and lets others finish, and holds NaN (and Infinity) entries
        expect(memory.decisions.some((d) => d !== null)).toBe(true);
        expect(memory.decisions.some((d) => d === null)).toBe(true);
        const all = memory.study.trials.flatMap((t) => [...intermediateVectors(t).values()].flat());
        expect(all.some(Number.isNaN)).toBe(true);
        expect(all.includes(Number.POSITIVE_INFINITY)).toBe(p.infinite);
        const rungs = memory.study.trials.filter((t) => "mo_completed_rung_0" in t.systemAttrs).length;
        expect(rungs > 0).toBe(p.name !== "DominancePruner");

        const { reopen } = backend.open();
        const storage = await reopen();
        const persisted = await run(storage, p.create(), 30, p.infinite);
        expect(persisted.decisions).toEqual(memory.decisions);
        expect(summary(persisted.study.trials)).toEqual(summary(memory.study.trials));
        await storage.close();

        const again = await reopen();
        try {
          const loaded = await loadStudy({
            storage: again,
            studyName: NAME,
            sampler: new TpeSampler({ seed: 7 }),
          });
          expect(summary(loaded.trials)).toEqual(summary(memory.study.trials));
          // a stateless rule replayed on the reloaded trials decides as on the in-memory ones
          const rule = new DominancePruner({ nStartupTrials: 3 });
          expect(loaded.trials.map((t) => rule.prune(loaded, t))).toEqual(
            memory.study.trials.map((t) => rule.prune(memory.study, t)),
          );
        } finally {
          await again.close();
        }
      });
    }
  });
}
