/**
 * A minimal, sequential StudyView for sampler tests whose parameter names are arbitrary
 * strings ("__proto__", "constructor", ...): every record keyed by a user string has a null
 * prototype and is read with `Object.hasOwn`, so a failure points at the sampler, not at the
 * study layer. It follows the protocol of `@tunelab/study`'s Trial: the relative search space
 * and relative sample at the first suggestion, `sampleIndependent` for the rest, single-valued
 * distributions without the sampler, `beforeTrial`/`afterTrial` around each trial, and
 * `isExhausted` before each trial.
 */
import {
  containsInternal,
  type Distribution,
  distributionsEqual,
  type FrozenTrial,
  isSingleValue,
  type JsonValue,
  type ParamValue,
  type Sampler,
  type SearchSpace,
  type StudyDirection,
  type StudyView,
  type TrialFilter,
  type TrialState,
  toExternal,
} from "@tunelab/study";

function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The mutable fields of a trial while it runs. */
interface LiveTrial {
  number: number;
  trialId: number;
  state: TrialState;
  values: number[] | null;
  value: number | null;
  params: Record<string, ParamValue>;
  internalParams: Record<string, number>;
  distributions: Record<string, Distribution>;
  userAttrs: Record<string, JsonValue>;
  systemAttrs: Record<string, JsonValue>;
  intermediateValues: Map<number, number>;
  datetimeStart: Date | null;
  datetimeComplete: Date | null;
  duration: number | null;
}

/** What an objective gets: `suggest` with any distribution. */
export interface MiniTrial {
  readonly number: number;
  suggest(name: string, distribution: Distribution): ParamValue;
}

/** A single-process study kept in memory, run one trial at a time. */
export class MiniStudy implements StudyView {
  readonly studyName = "mini";
  readonly systemAttrs: Record<string, JsonValue> = record();
  private readonly trials: LiveTrial[] = [];
  private stopped = false;

  constructor(
    readonly sampler: Sampler,
    readonly directions: readonly StudyDirection[] = ["minimize"],
  ) {}

  getTrials(filter: TrialFilter = {}): readonly FrozenTrial[] {
    const all = this.trials as unknown as FrozenTrial[];
    return filter.states === undefined ? all : all.filter((t) => filter.states!.includes(t.state));
  }

  setTrialSystemAttr(trialId: number, key: string, value: JsonValue): void {
    const t = this.trials[trialId];
    if (t === undefined || t.state !== "RUNNING") throw new Error(`trial id ${trialId} is not running`);
    t.systemAttrs[key] = value;
  }

  setSystemAttr(key: string, value: JsonValue): void {
    this.systemAttrs[key] = value;
  }

  stop(): void {
    this.stopped = true;
  }

  /** Runs up to `nTrials` trials (fewer if the sampler is exhausted or calls `stop`). */
  run(objective: (t: MiniTrial) => number, nTrials: number): void {
    this.stopped = false;
    for (let i = 0; i < nTrials && !this.stopped; i++) {
      if (this.sampler.isExhausted?.(this)) return;
      this.runOne(objective);
    }
  }

  private runOne(objective: (t: MiniTrial) => number): void {
    const n = this.trials.length;
    const live: LiveTrial = {
      number: n,
      trialId: n,
      state: "RUNNING",
      values: null,
      value: null,
      params: record(),
      internalParams: record(),
      distributions: record(),
      userAttrs: record(),
      systemAttrs: record(),
      intermediateValues: new Map(),
      datetimeStart: new Date(0),
      datetimeComplete: null,
      duration: null,
    };
    this.trials.push(live);
    const frozen = live as unknown as FrozenTrial;
    this.sampler.beforeTrial?.(this, frozen);
    let relative: { space: SearchSpace; params: Record<string, number> } | null = null;
    const trial: MiniTrial = {
      number: n,
      suggest: (name, d) => {
        if (Object.hasOwn(live.distributions, name)) return live.params[name]!;
        let x: number;
        if (isSingleValue(d)) x = d.kind === "categorical" ? 0 : d.low;
        else {
          if (relative === null) {
            const space = this.sampler.inferRelativeSearchSpace(this, frozen);
            const params =
              Object.keys(space).length === 0 ? {} : this.sampler.sampleRelative(this, frozen, space);
            relative = { space, params };
          }
          const r = relative;
          const rel = Object.hasOwn(r.params, name) ? r.params[name] : undefined;
          const relDist = Object.hasOwn(r.space, name) ? r.space[name] : undefined;
          x =
            rel !== undefined && relDist !== undefined && distributionsEqual(relDist, d)
              ? rel
              : this.sampler.sampleIndependent(this, frozen, name, d);
        }
        if (!containsInternal(d, x)) throw new RangeError(`sampler returned ${x} for "${name}"`);
        live.internalParams[name] = x;
        live.distributions[name] = d;
        live.params[name] = toExternal(d, x);
        return live.params[name];
      },
    };
    const value = objective(trial);
    this.sampler.afterTrial?.(this, frozen, "COMPLETE", [value]);
    live.state = "COMPLETE";
    live.values = [value];
    live.value = value;
    live.datetimeComplete = new Date(0);
    live.duration = 0;
  }
}
