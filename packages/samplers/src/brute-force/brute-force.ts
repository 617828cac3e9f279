/**
 * BruteForceSampler: tries every combination of a finite define-by-run search space once,
 * then ends the study, as Optuna's BruteForceSampler (optuna/samplers/_brute_force.py).
 *
 * The space is not declared: the sampler learns it as trials reveal it, as a tree
 * (tree.ts) whose internal nodes are the parameters the objective asks and whose branches
 * are their values, so conditional spaces (a categorical choosing which parameters follow,
 * ranges depending on earlier values) are enumerated too. Each parameter a trial asks for
 * gets a value whose branch still holds an untried combination (choose.ts); the branches
 * of RUNNING trials count as taken. A combination that a finished trial (COMPLETE, PRUNED or
 * FAIL, as Optuna and GridSampler count them) tried is never proposed again while anything
 * else is open, and `isExhausted` ends the study once the tree is explored.
 *
 * The objective must ask for its parameters in a deterministic order given the values so
 * far (the define-by-run tree). Each trial records that order in its system attribute
 * `brute_force:order` (parameter names can be any string, and the order of a record's keys
 * is not the order of the asks for names such as "10"); trials without it (added, or from
 * another sampler) are read in the order of their `distributions` keys.
 *
 * Determinism: trial n draws from `Rng.fromSeed(seed).fork(n)` in the order it asks for
 * parameters, and decides on the study as the trial sees it, so a seed fixes the study at
 * concurrency 1.
 */
import { Rng } from "@tunelab/math/random";
import {
  type Distribution,
  describeDistribution,
  type FrozenTrial,
  isFinished,
  type JsonValue,
  log,
  type Sampler,
  type SearchSpace,
  type StudyView,
  type TrialState,
} from "@tunelab/study";
import { resolveSeed } from "../seed/index.js";
import { candidateCount, candidateIndex, candidateValue } from "./candidates.js";
import { type ChildCounts, chooseChild } from "./choose.js";
import {
  childTowards,
  expandNode,
  markLeaf,
  type PathConflict,
  type PathStep,
  SearchNode,
  walkPath,
} from "./tree.js";

/** System attribute holding the names of a trial's parameters in the order it asked for them. */
export const BRUTE_FORCE_ORDER_KEY = "brute_force:order";

/** Options of {@link BruteForceSampler}. */
export interface BruteForceSamplerOptions {
  /** Seed of the visiting order. @defaultValue a random seed from the OS (see `sampler.seed`) */
  readonly seed?: number;
  /**
   * Count the branches of RUNNING trials as still open when deciding that the study is
   * exhausted: the study then ends only once finished trials cover the whole tree, so no
   * combination is missed when a running trial turns out to ask more parameters than it had
   * when the decision was made (or fails before asking them), at the cost of trials that
   * repeat what a running trial is doing. Without it, running trials count as taken (except
   * a branch held after a parameter that the objective is known to follow with another), and
   * `optimize` may stop while they still reveal untried branches, e.g. when an objective
   * awaits between two suggestions and every branch is held before any trial gets past the
   * await (call `optimize` again to try the rest). Optuna's `avoid_premature_stop` (Optuna
   * issue #5780).
   * @defaultValue false
   */
  readonly avoidPrematureStop?: boolean;
}

/** What the sampler keeps of one study (object). */
interface StudyState {
  readonly root: SearchNode;
  /** Trials before this position of the snapshot are in the tree. */
  scanFrom: number;
  /** Trials at or after `scanFrom` already in the tree. */
  readonly counted: Set<number>;
  /** Ask order of this process's running trials, by number (also in their system attribute). */
  readonly orders: Map<number, string[]>;
  /** Generator of each running trial, by number, with the seed epoch it was made in. */
  readonly rngs: Map<number, { readonly epoch: number; readonly rng: Rng }>;
  /** Parameters after which some trial asked for another one (their branches go on). */
  readonly continues: Set<string>;
  /** Whether the "trial does not fit the tree" warning was given. */
  warned: boolean;
}

/** Keep at most this many per-trial generators and orders (trials that never reach afterTrial). */
const MAX_LIVE = 1024;

/** Largest number of values of one parameter (the range of `Rng.int`). */
const MAX_VALUES = Number.MAX_SAFE_INTEGER;

/** Where a RUNNING trial is in the tree. */
interface RunningPositions {
  /** Unexpanded nodes where running trials stand (they hold that branch). */
  readonly held: Set<SearchNode>;
  /** Internal nodes where running trials stand before asking their next parameter. */
  readonly pending: SearchNode[];
}

/**
 * Enumerates every combination of a discrete define-by-run space (categorical, int, float
 * with step), conditional parameters included, once each, then ends the study.
 * @example
 * ```ts
 * const study = await createStudy({ sampler: new BruteForceSampler({ seed: 0 }) });
 * await study.optimize((t) => {
 *   const kind = t.suggestCategorical("kind", ["linear", "tree"]);
 *   if (kind === "linear") return t.suggestFloat("c", 0, 1, { step: 0.25 });
 *   return t.suggestInt("depth", 1, 3);
 * }); // exactly 8 trials (5 + 3), then stops
 * ```
 */
export class BruteForceSampler implements Sampler {
  private currentSeed: number;
  private base: Rng;
  /** Incremented by `reseed`: generators made before belong to the old seed. */
  private epoch = 0;
  private readonly avoidPrematureStop: boolean;
  private readonly studies = new WeakMap<StudyView, StudyState>();

  /** @throws RangeError if `seed` is not a safe integer; TypeError if `avoidPrematureStop` is not a boolean. */
  constructor(options: BruteForceSamplerOptions = {}) {
    if (options === null || typeof options !== "object") {
      throw new TypeError("BruteForceSampler: options must be an object");
    }
    this.currentSeed = resolveSeed("BruteForceSampler", options.seed);
    this.base = Rng.fromSeed(this.currentSeed);
    const avoid = options.avoidPrematureStop ?? false;
    if (typeof avoid !== "boolean") {
      throw new TypeError(`BruteForceSampler: avoidPrematureStop must be a boolean, got ${String(avoid)}`);
    }
    this.avoidPrematureStop = avoid;
  }

  /** The seed in use (drawn from the OS when none was given; changed by {@link reseed}). */
  get seed(): number {
    return this.currentSeed;
  }

  /**
   * Starts drawing from a new seed: afterwards the sampler proposes what a new
   * `BruteForceSampler({ seed, avoidPrematureStop })` would for the same study. Resets the
   * per-trial generators (a running trial's next parameters come from the new seed's stream
   * for its number); keeps the explored tree, which depends only on the study's trials.
   * @param seed - @defaultValue a fresh seed from the OS
   * @throws RangeError if `seed` is not a safe integer.
   */
  reseed(seed?: number): void {
    this.currentSeed = resolveSeed("BruteForceSampler.reseed", seed);
    this.base = Rng.fromSeed(this.currentSeed);
    this.epoch++;
  }

  inferRelativeSearchSpace(_study: StudyView, _trial: FrozenTrial): SearchSpace {
    return {};
  }

  sampleRelative(_study: StudyView, _trial: FrozenTrial, _searchSpace: SearchSpace): Record<string, number> {
    return {};
  }

  /**
   * A value of `paramName` whose branch still holds an untried combination.
   * @throws RangeError for a float without step (its values are not finite) or a parameter
   * with more than 2^53 − 1 values; the message names the parameter.
   */
  sampleIndependent(
    study: StudyView,
    trial: FrozenTrial,
    paramName: string,
    distribution: Distribution,
  ): number {
    const size = candidateCount(distribution);
    if (size === Number.POSITIVE_INFINITY) {
      throw new RangeError(
        `BruteForceSampler: parameter "${paramName}" is a float without step (${describeDistribution(distribution)}), which has infinitely many values; give it a step (suggestFloat("${paramName}", low, high, { step })) or use another sampler`,
      );
    }
    if (!(size <= MAX_VALUES)) {
      throw new RangeError(
        `BruteForceSampler: parameter "${paramName}" has ${size} values (${describeDistribution(distribution)}), more than 2^53 - 1`,
      );
    }
    const st = this.state(study);
    const running = this.scan(st, study);
    const order = this.recordOrder(st, study, trial, paramName);
    const rng = this.rngOf(st, trial.number);
    const prefix = pathOf(trial, order.slice(0, -1));
    const node = prefix === null ? null : walk(st, prefix, true);
    if (node === null || !(node instanceof SearchNode) || !expandNode(node, paramName, distribution, size)) {
      this.warnConflict(st, study, trial, paramName);
      return candidateValue(distribution, rng.int(0, size - 1));
    }
    const { held } = this.positions(st, running, trial.number);
    const choice = chooseChild(size, childCounts(node, held), rng);
    return candidateValue(distribution, choice.key);
  }

  afterTrial(
    study: StudyView,
    trial: FrozenTrial,
    _state: TrialState,
    _values: readonly number[] | null,
  ): void {
    const st = this.studies.get(study);
    if (st === undefined) return;
    // Parameters asked after the last call (fixed by enqueueTrial, single-valued) end the order.
    const order = orderOf(st, trial);
    const stored = ownValue(trial.systemAttrs, BRUTE_FORCE_ORDER_KEY);
    if (order.length > 0 && !sameNames(stored, order)) {
      study.setTrialSystemAttr(trial.trialId, BRUTE_FORCE_ORDER_KEY, order.slice());
    }
    st.orders.delete(trial.number);
    st.rngs.delete(trial.number);
  }

  /**
   * True once every combination is tried by a finished trial, or held by a RUNNING one
   * (unless `avoidPrematureStop`). A running trial that has not reached an untried branch yet
   * holds one of those below it; a branch held after a parameter that some trial followed
   * with another one counts as open (the running trial has more to ask). False while no
   * trial has asked for a parameter.
   */
  isExhausted(study: StudyView): boolean {
    const st = this.state(study);
    const running = this.scan(st, study);
    const root = st.root;
    if (root.state === "unexpanded") return false;
    if (this.avoidPrematureStop) return root.free <= 0;
    const { held, pending } = this.positions(st, running, -1);
    // Slots taken below each node: the held ones, then one per pending trial that still has
    // an open slot below it, deepest first (they are nested, so greedy is exact). A branch
    // held where the objective is known to ask for more (its parameter was followed by
    // another one in some trial) is an incomplete path, and stays open.
    const taken = new Map<SearchNode, number>();
    const take = (from: SearchNode) => {
      for (let n: SearchNode | null = from; n !== null; n = n.parent) taken.set(n, (taken.get(n) ?? 0) + 1);
    };
    for (const n of held) if (!st.continues.has(n.parent!.name!)) take(n);
    pending.sort((a, b) => b.depth - a.depth);
    for (const n of pending) if (n.free - (taken.get(n) ?? 0) > 0) take(n);
    return root.free - (taken.get(root) ?? 0) <= 0;
  }

  private state(study: StudyView): StudyState {
    let st = this.studies.get(study);
    if (st === undefined) {
      st = {
        root: new SearchNode(null, -1),
        scanFrom: 0,
        counted: new Set(),
        orders: new Map(),
        rngs: new Map(),
        continues: new Set(),
        warned: false,
      };
      this.studies.set(study, st);
    }
    return st;
  }

  /**
   * Adds the trials that finished since the last call to the tree.
   * @returns the RUNNING trials of the snapshot.
   */
  private scan(st: StudyState, study: StudyView): FrozenTrial[] {
    const trials = study.getTrials();
    const running: FrozenTrial[] = [];
    for (let i = st.scanFrom; i < trials.length; i++) {
      const t = trials[i]!;
      if (st.counted.has(t.number)) continue;
      if (isFinished(t.state)) {
        this.addFinished(st, study, t);
        st.counted.add(t.number);
      } else if (t.state === "RUNNING") {
        running.push(t);
      }
    }
    while (st.scanFrom < trials.length && st.counted.has(trials[st.scanFrom]!.number)) {
      st.counted.delete(trials[st.scanFrom]!.number);
      st.scanFrom++;
    }
    return running;
  }

  /** Marks the combination a finished trial tried (and what it revealed of the tree). */
  private addFinished(st: StudyState, study: StudyView, t: FrozenTrial): void {
    const order = orderOf(st, t);
    // A trial that failed before asking anything tried nothing.
    if (order.length === 0 && t.state === "FAIL") return;
    const path = pathOf(t, order);
    const end = path === null ? null : walk(st, path, false);
    if (end === null || !(end instanceof SearchNode)) {
      this.warnConflict(st, study, t, null);
      return;
    }
    markLeaf(end);
  }

  /**
   * Where the RUNNING trials other than `self` stand: the unexpanded node each one holds, or
   * the internal node where it will ask its next parameter. Their paths also grow the tree.
   */
  private positions(st: StudyState, running: readonly FrozenTrial[], self: number): RunningPositions {
    const held = new Set<SearchNode>();
    const pending: SearchNode[] = [];
    for (const t of running) {
      if (t.number === self) continue;
      const path = pathOf(t, orderOf(st, t));
      const end = path === null ? null : walk(st, path, false);
      if (end === null || !(end instanceof SearchNode)) continue;
      if (end.state === "unexpanded") held.add(end);
      else if (end.state === "internal") pending.push(end);
    }
    return { held, pending };
  }

  /** The trial's ask order with `name` appended, recorded in memory and on the trial. */
  private recordOrder(st: StudyState, study: StudyView, trial: FrozenTrial, name: string): string[] {
    const order = orderOf(st, trial);
    if (!order.includes(name)) order.push(name);
    if (st.orders.size >= MAX_LIVE && !st.orders.has(trial.number)) {
      st.orders.delete(st.orders.keys().next().value!);
    }
    st.orders.set(trial.number, order);
    study.setTrialSystemAttr(trial.trialId, BRUTE_FORCE_ORDER_KEY, order.slice() as JsonValue);
    return order;
  }

  private rngOf(st: StudyState, trialNumber: number): Rng {
    const entry = st.rngs.get(trialNumber);
    if (entry !== undefined && entry.epoch === this.epoch) return entry.rng;
    if (entry === undefined && st.rngs.size >= MAX_LIVE) st.rngs.delete(st.rngs.keys().next().value!);
    const rng = this.base.fork(trialNumber);
    st.rngs.set(trialNumber, { epoch: this.epoch, rng });
    return rng;
  }

  private warnConflict(st: StudyState, study: StudyView, t: FrozenTrial, asking: string | null): void {
    if (st.warned) return;
    st.warned = true;
    const what = asking === null ? "its parameters do" : `asking for "${asking}" there does`;
    log(
      "warn",
      `BruteForceSampler: trial ${t.number} of study "${study.studyName}" does not fit the search tree (${what} not follow the parameters and distributions earlier trials asked for in the same place). The sampler assumes a fixed, deterministic define-by-run space; such trials are not counted and combinations may repeat. (Warned once per study.)`,
    );
  }
}

/**
 * `walkPath`, noting which parameters were followed by another one: all of the path's but
 * the last, and the last too when `followed` (the trial asks for a parameter after it).
 */
function walk(st: StudyState, path: readonly PathStep[], followed: boolean): SearchNode | PathConflict {
  const end = walkPath(st.root, path);
  if (end instanceof SearchNode) {
    const n = followed ? path.length : path.length - 1;
    for (let i = 0; i < n; i++) st.continues.add(path[i]!.name);
  }
  return end;
}

/** An own property of a record (never an inherited one such as "constructor"). */
function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function sameNames(stored: unknown, order: readonly string[]): boolean {
  return (
    Array.isArray(stored) && stored.length === order.length && stored.every((name, i) => name === order[i])
  );
}

/**
 * The names of a trial's parameters in the order it asked for them: the order this process
 * recorded, or the trial's `brute_force:order` attribute, completed with the names of its
 * `distributions` that they lack (asked later, or from a trial without the attribute).
 */
function orderOf(st: StudyState, t: FrozenTrial): string[] {
  const known = st.orders.get(t.number) ?? ownValue(t.systemAttrs, BRUTE_FORCE_ORDER_KEY);
  const out: string[] = [];
  const seen = new Set<string>();
  if (Array.isArray(known)) {
    for (const name of known) {
      if (typeof name === "string" && !seen.has(name) && Object.hasOwn(t.distributions, name)) {
        out.push(name);
        seen.add(name);
      }
    }
  }
  for (const name of Object.keys(t.distributions)) {
    if (!seen.has(name)) {
      out.push(name);
      seen.add(name);
    }
  }
  return out;
}

/** The tree path of a trial's parameters `names`, or null if a value is not a candidate. */
function pathOf(t: FrozenTrial, names: readonly string[]): PathStep[] | null {
  const path: PathStep[] = [];
  for (const name of names) {
    const d = ownValue(t.distributions, name);
    const x = ownValue(t.internalParams, name);
    if (d === undefined || x === undefined) return null;
    const size = candidateCount(d);
    if (!(size <= MAX_VALUES)) return null;
    const key = candidateIndex(d, x);
    if (key < 0) return null;
    path.push({ name, distribution: d, size, key });
  }
  return path;
}

/** The children of an internal node that are not plain open slots, sorted by key, with held counts. */
function childCounts(node: SearchNode, held: ReadonlySet<SearchNode>): ChildCounts[] {
  const heldBelow = new Map<number, number>();
  for (const h of held) {
    const c = childTowards(node, h);
    if (c !== null) heldBelow.set(c.key, (heldBelow.get(c.key) ?? 0) + 1);
  }
  const out: ChildCounts[] = [];
  for (const c of node.children!.values()) {
    const h = heldBelow.get(c.key) ?? 0;
    if (c.state === "unexpanded" && h === 0) continue; // a plain open slot
    out.push({ key: c.key, free: c.free, held: h });
  }
  return out.sort((a, b) => a.key - b.key);
}
