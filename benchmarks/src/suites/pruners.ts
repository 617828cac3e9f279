/**
 * The pruners a suite can pair with samplers on problems that have a learning curve. "none"
 * means no pruning. Settings are fixed here so that runs are comparable across samplers.
 */
import { HyperbandPruner } from "@tunelab/pruners/hyperband";
import { MedianPruner } from "@tunelab/pruners/median";
import { PercentilePruner } from "@tunelab/pruners/percentile";
import { SuccessiveHalvingPruner } from "@tunelab/pruners/successive-halving";
import { NopPruner, type Pruner } from "@tunelab/study";

/** A registered pruner: its name, what it is, and a factory (a fresh pruner per run). */
export interface PrunerEntry {
  readonly name: string;
  readonly description: string;
  readonly create: () => Pruner;
}

/** Every pruner the benchmark knows. */
export const PRUNERS: readonly PrunerEntry[] = [
  { name: "none", description: "no pruning", create: () => new NopPruner() },
  {
    name: "median",
    description: "MedianPruner(nStartupTrials 5, nWarmupSteps 5)",
    create: () => new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 5 }),
  },
  {
    name: "percentile25",
    description: "PercentilePruner(25, nStartupTrials 5, nWarmupSteps 5)",
    create: () => new PercentilePruner(25, { nStartupTrials: 5, nWarmupSteps: 5 }),
  },
  {
    name: "sha",
    description: "SuccessiveHalvingPruner(minResource 2, reductionFactor 3)",
    create: () => new SuccessiveHalvingPruner({ minResource: 2, reductionFactor: 3 }),
  },
  {
    name: "hyperband",
    description: "HyperbandPruner(minResource 2, maxResource 50, reductionFactor 3)",
    create: () => new HyperbandPruner({ minResource: 2, maxResource: 50, reductionFactor: 3 }),
  },
];

/**
 * The entry of a pruner.
 * @throws RangeError naming the known pruners.
 */
export function prunerEntry(name: string): PrunerEntry {
  const e = PRUNERS.find((p) => p.name === name);
  if (e === undefined) {
    throw new RangeError(
      `prunerEntry: unknown pruner "${name}"; known: ${PRUNERS.map((p) => p.name).join(", ")}`,
    );
  }
  return e;
}
