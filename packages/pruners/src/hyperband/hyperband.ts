/**
 * HyperbandPruner: several asynchronous successive-halving brackets that differ in how early
 * they start stopping trials, with each trial assigned to one bracket.
 *
 * Li, Jamieson, DeSalvo, Rostamizadeh, Talwalkar (2018), "Hyperband: A Novel Bandit-Based
 * Approach to Hyperparameter Optimization", JMLR 18(185), Algorithm 1, run asynchronously
 * as in Optuna 3.1's `HyperbandPruner` (`optuna/pruners/_hyperband.py`). Notation:
 * r = `minResource`, R = `maxResource`, η = `reductionFactor`.
 * - s_max + 1 = ⌊log_η(R / r)⌋ + 1 brackets; bracket i is a {@link SuccessiveHalvingPruner}
 *   with minEarlyStoppingRate i (its first rung at r·η^i), so bracket 0 prunes the earliest.
 * - Bracket i receives a share ⌈(s_max+1)·η^(s_max-i) / (s_max-i+1)⌉ of the trials (the n_i
 *   of Algorithm 1); trial number t of study "name" goes to the bracket where
 *   crc32("name_t") mod (Σ shares) falls, as in Optuna, so the assignment is the same in
 *   every process.
 * - A bracket's pruner only sees the trials of its own bracket.
 * - With `maxResource: "auto"`, R (and so the brackets) is estimated per study view, not per
 *   pruner as in Optuna, so one pruner can serve several studies, and in reproducible mode (a
 *   view per trial) each trial estimates R from its own fixed history.
 */
import { FilteredStudyView, type FrozenTrial, type Pruner, type StudyView } from "@tunelab/study";
import { checkInteger } from "../intermediate/check.js";
import { lastStep } from "../intermediate/values.js";
import { SuccessiveHalvingPruner } from "../successive-halving/successive-halving.js";

/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of a string's UTF-8 bytes, as Python's
 * `binascii.crc32` (which Optuna uses to assign brackets). Written here rather than taken from
 * `node:zlib`, whose `crc32` needs Node ≥ 20.15 while the packages support Node ≥ 20.0.
 * @example crc32("123456789") // 0xcbf43926
 */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Options of {@link HyperbandPruner}. */
export interface HyperbandPrunerOptions {
  /** r: the resource (steps) of the first rung of bracket 0. @defaultValue 1 */
  readonly minResource?: number;
  /**
   * R: the largest resource a trial uses, or "auto": the largest last step of the COMPLETE
   * trials plus one, once the first trial completes (no pruning before). @defaultValue "auto"
   */
  readonly maxResource?: number | "auto";
  /** η ≥ 2. @defaultValue 3 */
  readonly reductionFactor?: number;
  /** As in {@link SuccessiveHalvingPruner}, for every bracket. @defaultValue 0 */
  readonly bootstrapCount?: number;
}

/**
 * Hyperband: successive halving run in several brackets at once, hedging between pruning
 * early and aggressively and pruning late.
 * @example
 * ```ts
 * const pruner = new HyperbandPruner({ minResource: 1, maxResource: 81, reductionFactor: 3 });
 * const study = await createStudy({ sampler, pruner });
 * ```
 */
export class HyperbandPruner implements Pruner {
  readonly minResource: number;
  readonly reductionFactor: number;
  readonly bootstrapCount: number;
  /** The brackets when R is given as a number; null for "auto". */
  private readonly fixed: Brackets | null;
  /** "auto": the brackets of each study view. */
  private readonly estimated = new WeakMap<StudyView, Brackets>();
  /** "auto": the brackets made last, for the getters. */
  private latest: Brackets | null = null;

  /**
   * @throws RangeError if `minResource` is not an integer ≥ 1, `maxResource` neither "auto"
   * nor an integer ≥ `minResource`, `reductionFactor` not an integer ≥ 2, or
   * `bootstrapCount` not an integer ≥ 0.
   */
  constructor(options: HyperbandPrunerOptions = {}) {
    const where = new.target.name;
    this.minResource = checkInteger(where, "minResource", options.minResource ?? 1, 1);
    this.reductionFactor = checkInteger(where, "reductionFactor", options.reductionFactor ?? 3, 2);
    this.bootstrapCount = checkInteger(where, "bootstrapCount", options.bootstrapCount ?? 0, 0);
    const maxResource = options.maxResource ?? "auto";
    if (maxResource !== "auto") checkInteger(where, "maxResource", maxResource, this.minResource);
    this.fixed = maxResource === "auto" ? null : this.makeBrackets(maxResource);
  }

  /** R: the number given, or with "auto" the estimate made last (each study has its own), null while none has been made. */
  get maxResource(): number | null {
    return (this.fixed ?? this.latest)?.maxResource ?? null;
  }

  /** The number of brackets for {@link HyperbandPruner.maxResource} (0 until R is known). */
  get nBrackets(): number {
    return (this.fixed ?? this.latest)?.pruners.length ?? 0;
  }

  /**
   * The bracket of trial number `trialNumber` in study `studyName`, for
   * {@link HyperbandPruner.maxResource} (0 until R is known).
   */
  bracketId(studyName: string, trialNumber: number): number {
    const b = this.fixed ?? this.latest;
    return b === null ? 0 : bracketOf(b, studyName, trialNumber);
  }

  /** Delegates to the successive-halving pruner of the trial's bracket. */
  prune(study: StudyView, trial: FrozenTrial): boolean {
    this.checkStudy(study);
    const brackets = this.bracketsFor(study);
    if (brackets === null) return false;
    const name = study.studyName;
    const id = bracketOf(brackets, name, trial.number);
    const view = new FilteredStudyView(study, (t) => bracketOf(brackets, name, t.number) === id);
    return brackets.pruners[id]!.prune(view, trial);
  }

  /** The brackets for `study`: the fixed ones, or those of its "auto" R (null until a trial is COMPLETE). */
  private bracketsFor(study: StudyView): Brackets | null {
    if (this.fixed !== null) return this.fixed;
    let b = this.estimated.get(study);
    if (b === undefined) {
      let last = -1;
      for (const t of study.getTrials({ states: ["COMPLETE"] })) {
        const s = this.lastReportedStep(t);
        if (s !== null && s > last) last = s;
      }
      if (last < 0) return null;
      b = this.makeBrackets(Math.max(last + 1, this.minResource));
      this.estimated.set(study, b);
      this.latest = b;
    }
    return b;
  }

  /**
   * Bracket i's pruner: successive halving with minEarlyStoppingRate i (a subclass for several
   * objectives returns its own). Called from the constructor: it may read only the fields set
   * here.
   */
  protected makeBracketPruner(minEarlyStoppingRate: number): Pruner {
    return new SuccessiveHalvingPruner({
      minResource: this.minResource,
      reductionFactor: this.reductionFactor,
      minEarlyStoppingRate,
      bootstrapCount: this.bootstrapCount,
    });
  }

  /** The largest step a trial reported, for the "auto" R (null when none). */
  protected lastReportedStep(trial: FrozenTrial): number | null {
    return lastStep(trial);
  }

  /** @throws Error in a multi-objective study (the single-objective form). */
  protected checkStudy(study: StudyView): void {
    if (study.directions.length !== 1) {
      throw new Error("HyperbandPruner.prune: pruning is not supported in multi-objective studies");
    }
  }

  private makeBrackets(maxResource: number): Brackets {
    // Li et al. (2018), Algorithm 1: s_max = ⌊log_η(R/r)⌋. The small epsilon keeps exact
    // powers (R/r = η^k) from rounding down.
    const sMax = Math.floor(
      Math.log(maxResource / this.minResource) / Math.log(this.reductionFactor) + 1e-12,
    );
    const nBrackets = sMax + 1;
    const pruners: Pruner[] = [];
    const budgets: number[] = [];
    for (let i = 0; i < nBrackets; i++) {
      const s = nBrackets - 1 - i;
      budgets.push(Math.ceil((nBrackets * this.reductionFactor ** s) / (s + 1)));
      pruners.push(this.makeBracketPruner(i));
    }
    return { maxResource, pruners, budgets, totalBudget: budgets.reduce((a, b) => a + b, 0) };
  }
}

/** The successive-halving brackets for one R. */
interface Brackets {
  readonly maxResource: number;
  /** Bracket i's pruner (minEarlyStoppingRate i). */
  readonly pruners: readonly Pruner[];
  /** Bracket i's share of the trials. */
  readonly budgets: readonly number[];
  readonly totalBudget: number;
}

/** The bracket of trial `trialNumber` of study `studyName`: where crc32("name_number") mod Σ shares falls. */
function bracketOf(b: Brackets, studyName: string, trialNumber: number): number {
  let n = crc32(`${studyName}_${trialNumber}`) % b.totalBudget;
  for (let i = 0; i < b.budgets.length; i++) {
    n -= b.budgets[i]!;
    if (n < 0) return i;
  }
  return b.budgets.length - 1;
}
