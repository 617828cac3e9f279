/**
 * The pruners the CLI builds by name (`--pruner`), their options (`--pruner-kwargs`), and
 * where a study keeps its choice.
 *
 * `tunelab should-prune` is a fresh process at each call, so the pruner is rebuilt each
 * time. The choice made at `tunelab study create --pruner NAME --pruner-kwargs JSON` is
 * stored in the study system attribute {@link PRUNER_ATTR}; every `should-prune` (and any
 * other process that reads it) rebuilds that pruner, so the script that trains does not
 * repeat the pruner's options at each step. `should-prune --pruner` overrides it for one
 * call. A study without a stored choice is pruned by `MedianPruner` with its defaults, the
 * pruner Optuna's `create_study` gives a study when none is named. The pruners decide from
 * the intermediate values in the storage alone, so rebuilding one per call loses nothing.
 */
import type { JsonValue, Pruner } from "@tunelab/study";
import { UsageError } from "../exit-codes.js";
import { type KwargSpec, parseKwargs } from "./kwargs.js";
import type { ClassChoice } from "./stored-choice.js";

/** The study system attribute that holds the pruner chosen at `study create`. */
export const PRUNER_ATTR = "tunelab:cli:pruner";

/** The pruner of a study without a stored choice: Optuna's default, `MedianPruner()`. */
export const DEFAULT_PRUNER: ClassChoice = { name: "MedianPruner", kwargs: {} };

interface PrunerEntry {
  readonly name: string;
  readonly spec: KwargSpec;
  readonly build: (kwargs: Record<string, unknown>) => Promise<Pruner>;
}

const PERCENTILE_OPTIONS: KwargSpec = {
  nStartupTrials: "integer",
  nWarmupSteps: "integer",
  intervalSteps: "integer",
  nMinTrials: "integer",
};

const ENTRIES: readonly PrunerEntry[] = [
  {
    name: "MedianPruner",
    spec: PERCENTILE_OPTIONS,
    build: async (k) => new (await import("@tunelab/pruners/median")).MedianPruner(k),
  },
  {
    name: "PercentilePruner",
    spec: { percentile: "number", ...PERCENTILE_OPTIONS },
    build: async (k) => {
      const { percentile, ...options } = k;
      if (percentile === undefined) {
        throw new RangeError('PercentilePruner needs percentile, e.g. {"percentile": 25}');
      }
      return new (await import("@tunelab/pruners/percentile")).PercentilePruner(
        percentile as number,
        options,
      );
    },
  },
  {
    name: "SuccessiveHalvingPruner",
    spec: {
      minResource: "json",
      reductionFactor: "integer",
      minEarlyStoppingRate: "integer",
      bootstrapCount: "integer",
    },
    build: async (k) => new (await import("@tunelab/pruners/successive-halving")).SuccessiveHalvingPruner(k),
  },
  {
    name: "HyperbandPruner",
    spec: {
      minResource: "integer",
      maxResource: "json",
      reductionFactor: "integer",
      bootstrapCount: "integer",
    },
    build: async (k) => new (await import("@tunelab/pruners/hyperband")).HyperbandPruner(k),
  },
  {
    name: "ThresholdPruner",
    spec: { lower: "number", upper: "number", nWarmupSteps: "integer", intervalSteps: "integer" },
    build: async (k) => new (await import("@tunelab/pruners/threshold")).ThresholdPruner(k),
  },
  {
    name: "PatientPruner",
    spec: { wrapped: "json", patience: "integer", minDelta: "number" },
    build: async (k) => {
      const { wrapped, ...options } = k;
      let inner: Pruner | null = null;
      if (wrapped !== undefined && wrapped !== null) {
        const w = wrapped as { name?: unknown; kwargs?: unknown };
        if (typeof w !== "object" || typeof w.name !== "string") {
          throw new RangeError(
            'PatientPruner option wrapped must be null or {"name": PRUNER, "kwargs": {...}}, e.g. {"name": "MedianPruner"}',
          );
        }
        const choice = prunerChoice(w.name, w.kwargs === undefined ? undefined : JSON.stringify(w.kwargs));
        inner = choice === null ? null : await buildPruner(choice, "--pruner-kwargs (wrapped)");
      }
      if (options.patience === undefined) {
        throw new RangeError(
          'PatientPruner needs patience, e.g. {"patience": 3, "wrapped": {"name": "MedianPruner"}}',
        );
      }
      return new (await import("@tunelab/pruners/patient")).PatientPruner(inner, {
        ...options,
        patience: options.patience as number,
      });
    },
  },
  {
    name: "WilcoxonPruner",
    spec: { pThreshold: "number", nStartupSteps: "integer" },
    build: async (k) => new (await import("@tunelab/pruners/wilcoxon")).WilcoxonPruner(k),
  },
  {
    name: "NopPruner",
    spec: {},
    build: async () => new (await import("@tunelab/study/pruner")).NopPruner(),
  },
];

/** The pruner names `--pruner` accepts. */
export const PRUNER_NAMES: readonly string[] = ENTRIES.map((e) => e.name);

function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_\s]/g, "")
    .replace(/pruner$/, "");
}

function entryOf(name: string, flag: string): PrunerEntry {
  const key = normalize(name);
  const entry = ENTRIES.find((e) => normalize(e.name) === key);
  if (entry === undefined) {
    throw new UsageError(
      `${flag}: unknown pruner ${JSON.stringify(name)}; allowed: ${PRUNER_NAMES.join(", ")} (short forms such as median work too)`,
    );
  }
  return entry;
}

/**
 * Reads `--pruner NAME` and `--pruner-kwargs JSON` into a choice (not built yet), or null
 * when `--pruner` is not given.
 * @throws UsageError naming the flag: an unknown name, kwargs that are not a JSON object of
 *   the pruner's options, kwargs without a name.
 */
export function prunerChoice(name: string | undefined, kwargs: string | undefined): ClassChoice | null {
  if (name === undefined) {
    if (kwargs !== undefined) {
      throw new UsageError("--pruner-kwargs: give --pruner NAME too (the options belong to a named pruner)");
    }
    return null;
  }
  const entry = entryOf(name, "--pruner");
  const options = kwargs === undefined ? {} : parseKwargs(kwargs, "--pruner-kwargs", entry.name, entry.spec);
  return { name: entry.name, kwargs: options as Record<string, JsonValue> };
}

/**
 * Builds the pruner of a choice.
 * @throws UsageError naming `--pruner-kwargs` when the constructor refuses the options.
 */
export async function buildPruner(choice: ClassChoice, flag = "--pruner"): Promise<Pruner> {
  const entry = entryOf(choice.name, flag);
  try {
    return await entry.build({ ...choice.kwargs });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}-kwargs: ${e instanceof Error ? e.message : String(e)}`);
  }
}
