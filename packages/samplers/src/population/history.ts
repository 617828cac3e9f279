/**
 * What a generational sampler (NSGA-II, NSGA-III) reads from a study's trials: the generation
 * of every trial and the parent population of every generation, both kept in trial system
 * attributes so that every worker, in any process, breeds from the same population (as
 * Optuna's BaseGASampler does, which keeps the parents in study system attributes instead).
 *
 * System attributes written by the sampler, under its own {@link GenerationKeys} (e.g.
 * `nsga2:generation` and `nsga2:parents`, so that two samplers never read each other's):
 * - the generation key on every trial it starts: g = the highest generation among COMPLETE
 *   trials, or g + 1 once that generation has `populationSize` COMPLETE trials (Optuna's rule;
 *   FAIL and PRUNED trials never fill a generation);
 * - the parents key on the first trial of generation g ≥ 1 that a worker starts without
 *   knowing g's parents: {@link ParentsRecord}, the trial numbers of the elite selected from
 *   generation g − 1 and its parents (and what the survival step carries to the next
 *   generation, if anything). When two workers store one for the same generation, the record
 *   on the lower trial number wins, for everyone from then on.
 *
 * Read incrementally: a finished trial is examined once, running trials (at most the
 * concurrency) at every call, since another worker may have stored parents on one.
 */
import { type FrozenTrial, type JsonValue, type StudyView, trialLowerBound } from "@tunelab/study";

/** The system attribute keys of one generational sampler. */
export interface GenerationKeys {
  /** Generation of a trial (a number). */
  readonly generation: string;
  /** The parent population of a generation ({@link ParentsRecord}). */
  readonly parents: string;
}

/** The JSON stored under the parents key (version 1). */
export interface ParentsRecord {
  /** Format version. */
  readonly version: 1;
  /** The generation these trials are the parents of. */
  readonly generation: number;
  /** Trial numbers of the parents (COMPLETE trials of earlier generations). */
  readonly trials: readonly number[];
  /**
   * What the survival step carries to the next generation's selection (NSGA-III: the ideal
   * and worst points and the extremes of its normalization); absent when it carries nothing.
   */
  readonly state?: JsonValue;
}

/** A parents record and the trial holding it. */
export interface Held {
  readonly record: ParentsRecord;
  readonly holder: number;
}

function parentsRecordOf(t: FrozenTrial, keys: GenerationKeys): ParentsRecord | null {
  const v = t.systemAttrs[keys.parents] as JsonValue | undefined;
  if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v)) return null;
  const r = v as { readonly [key: string]: JsonValue };
  if (r.version !== 1 || typeof r.generation !== "number" || !Array.isArray(r.trials)) return null;
  if (!r.trials.every((x) => typeof x === "number")) return null;
  return r as unknown as ParentsRecord;
}

/** The generation stored on a trial under `keys.generation`, or null. */
export function generationOf(t: FrozenTrial, keys: GenerationKeys): number | null {
  const g = t.systemAttrs[keys.generation];
  return typeof g === "number" && Number.isSafeInteger(g) && g >= 0 ? g : null;
}

/** The sampler's incremental view of one study object's trials. */
export class GenerationHistory {
  /** @param keys - the sampler's system attribute keys. */
  constructor(private readonly keys: GenerationKeys) {}

  /** Every trial with number < cursor is finished and examined. */
  private cursor = 0;
  private readonly ahead = new Set<number>();
  /** COMPLETE trials by number. */
  readonly complete: Map<number, FrozenTrial> = new Map();
  /** COMPLETE trials by generation, in the order they were examined. */
  private readonly members = new Map<number, FrozenTrial[]>();
  /** The highest generation with a COMPLETE trial (0 when none). */
  maxGeneration = 0;
  /** The preferred parents record of each generation. */
  private readonly parents = new Map<number, Held>();
  /** Last parents value seen on each running trial. */
  private readonly seenOnRunning = new Map<number, JsonValue>();

  /** Examines the trials that changed since the last call. */
  update(study: StudyView): void {
    const trials = study.getTrials();
    for (let i = trialLowerBound(trials, this.cursor); i < trials.length; i++) {
      const t = trials[i]!;
      const finished = t.state === "COMPLETE" || t.state === "PRUNED" || t.state === "FAIL";
      if (!finished) {
        const p = t.systemAttrs[this.keys.parents];
        if (p !== undefined && this.seenOnRunning.get(t.number) !== p) {
          this.seenOnRunning.set(t.number, p);
          this.noteParents(t);
        }
        continue;
      }
      if (this.ahead.has(t.number)) continue;
      this.ahead.add(t.number);
      this.seenOnRunning.delete(t.number);
      this.noteParents(t);
      if (t.state !== "COMPLETE" || t.values === null) continue;
      this.complete.set(t.number, t);
      const g = generationOf(t, this.keys);
      if (g === null) continue;
      let list = this.members.get(g);
      if (list === undefined) {
        list = [];
        this.members.set(g, list);
      }
      list.push(t);
      if (g > this.maxGeneration) this.maxGeneration = g;
    }
    while (this.ahead.has(this.cursor)) {
      this.ahead.delete(this.cursor);
      this.cursor++;
    }
  }

  private noteParents(t: FrozenTrial): void {
    const record = parentsRecordOf(t, this.keys);
    if (record !== null) this.setParents({ record, holder: t.number });
  }

  /** Records a parents record (kept when it is the first for its generation or has a lower holder). */
  setParents(held: Held): void {
    const cur = this.parents.get(held.record.generation);
    if (cur === undefined || held.holder < cur.holder) this.parents.set(held.record.generation, held);
  }

  /** The preferred parents record of generation g and its holder, or undefined. */
  parentsOf(g: number): Held | undefined {
    return this.parents.get(g);
  }

  /** The COMPLETE trials of generation g. */
  membersOf(g: number): readonly FrozenTrial[] {
    return this.members.get(g) ?? [];
  }

  /** The generation a trial starting now belongs to (Optuna's rule, see the file header). */
  nextGeneration(populationSize: number): number {
    const g = this.maxGeneration;
    return this.membersOf(g).length >= populationSize ? g + 1 : g;
  }
}
