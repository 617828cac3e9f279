/**
 * The optimizer contract: one vitest suite that every standalone ask/tell optimizer of
 * `@tunelab/math` runs (the CMA-ES variants now; GP, NSGA, DE/PSO/ACO and a standalone TPE
 * later), as `samplerContract` of `@tunelab/study/testing` is for samplers.
 *
 * ```ts
 * optimizerContract("CmaEs", (seed, p) => new CmaEs({ mean: p.start, sigma: 2, bounds: p.bounds, seed }), CmaEs.fromJSON);
 * ```
 *
 * What it checks, on the shifted sphere f(x) = Σᵢ (xᵢ − cᵢ)² over the box [−5, 5]ⁿ:
 * - `ask()` returns n finite coordinates and `populationSize` is a positive integer;
 * - seed determinism: the same seed gives the same asks, two seeds give different ones;
 * - JSON round trip: `fromJSON(JSON.parse(JSON.stringify(o.toJSON())))` in the middle of a
 *   run, at a generation boundary and between two asks of one generation, continues with
 *   exactly the asks of a run that was never serialized, and `toJSON()` is plain JSON;
 * - the points it evaluates stay inside the bounds it is given, also when the optimum lies
 *   outside them;
 * - progress: the best value within the budget is below 1/100 of the median value of the
 *   first evaluations (a random search of the same budget fails this about 96% of the time);
 * - `tell` refuses malformed input (NaN value, wrong length, non-finite coordinate, a missing
 *   solution, not an array, a batch of the wrong size) with a RangeError or TypeError and
 *   leaves the optimizer's state unchanged.
 *
 * Shape of an optimizer (the one of `@tunelab/math/cmaes`): `ask()` proposes one point;
 * `tell(solutions)` takes `populationSize` evaluated points `{ x, value }` (minimized), x as
 * returned by `ask()`; the point to evaluate is `encode(x)` when the optimizer has `encode`
 * (e.g. CMA-ES with margin maps integer coordinates to their grid), else x; `toJSON()`
 * returns the whole state as JSON and a static `fromJSON` restores it.
 */
import { describe, expect, it } from "vitest";

/** One evaluated point: x as returned by `ask()`, and its objective value (minimized). */
export interface AskTellSolution {
  /** The point as returned by `ask()`. */
  readonly x: ArrayLike<number>;
  /** Objective value to minimize. */
  readonly value: number;
}

/** The shape of a standalone ask/tell optimizer over ℝⁿ (minimization). */
export interface AskTellOptimizer<State = unknown> {
  /**
   * Number of solutions the next `tell` takes (a generation; 1 for a sequential optimizer).
   * It may change after a `tell` (e.g. at a restart).
   */
  readonly populationSize: number;
  /** One candidate point (a new array of length n). */
  ask(): Float64Array;
  /** The point to evaluate for a candidate, when that is not the candidate itself. */
  encode?(x: Float64Array): Float64Array;
  /** Updates the optimizer from `populationSize` evaluated candidates. */
  tell(solutions: readonly AskTellSolution[]): void;
  /** The whole state as plain JSON, restorable by the optimizer's `fromJSON`. */
  toJSON(): State;
}

/** The problem the contract hands to the factory. */
export interface ContractProblem {
  /** Dimension n. */
  readonly dim: number;
  /** The box [−5, 5]ⁿ: pass it as the optimizer's bounds. */
  readonly bounds: { readonly lower: Float64Array; readonly upper: Float64Array };
  /** A start point inside the box (its centre, the origin), for optimizers that need one. */
  readonly start: Float64Array;
}

/** Options of {@link optimizerContract}. */
export interface OptimizerContractOptions {
  /** Dimension n of the test problems. @defaultValue 4 */
  readonly dim?: number;
  /** Evaluations per run (progress test; the other tests run as many). @defaultValue 400 */
  readonly evaluations?: number;
  /** The optimizer keeps the points it evaluates inside the bounds it is given. @defaultValue true */
  readonly bounded?: boolean;
  /** `tell` refuses a batch of other than `populationSize` solutions. @defaultValue true */
  readonly exactBatch?: boolean;
}

type Objective = (x: Float64Array) => number;

/** The shifted sphere Σᵢ (xᵢ − c)². */
function shiftedSphere(c: number): Objective {
  return (x) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += (x[i]! - c) ** 2;
    return s;
  };
}

/** What a run saw: every asked point and the value of its evaluated point, in order. */
interface Trace {
  readonly asked: Float64Array[];
  readonly evaluated: Float64Array[];
  readonly values: number[];
}

function evaluatedPoint(o: AskTellOptimizer, x: Float64Array): Float64Array {
  return o.encode === undefined ? x : o.encode(x);
}

/**
 * Runs whole generations until at least `evaluations` points are told, appending to `trace`.
 * `pending` are points already asked in the current generation (told with the rest).
 */
function run(
  o: AskTellOptimizer,
  f: Objective,
  evaluations: number,
  trace: Trace,
  pending: readonly Float64Array[] = [],
): void {
  let told = 0;
  let first = [...pending];
  while (told < evaluations) {
    const batch = first;
    first = [];
    const k = o.populationSize;
    while (batch.length < k) {
      const x = o.ask();
      trace.asked.push(x);
      batch.push(x);
    }
    const values = batch.map((x) => {
      const e = evaluatedPoint(o, x);
      trace.evaluated.push(e);
      const v = f(e);
      trace.values.push(v);
      return v;
    });
    o.tell(batch.map((x, i) => ({ x, value: values[i]! })));
    told += batch.length;
  }
}

function emptyTrace(): Trace {
  return { asked: [], evaluated: [], values: [] };
}

function roundTrip<State>(o: AskTellOptimizer<State>, fromJSON: (state: State) => AskTellOptimizer<State>) {
  return fromJSON(JSON.parse(JSON.stringify(o.toJSON())) as State);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length;
  return k % 2 === 1 ? s[(k - 1) / 2]! : (s[k / 2 - 1]! + s[k / 2]!) / 2;
}

/**
 * Registers the optimizer contract tests for one optimizer (one configuration).
 * @param name - shown in the test names.
 * @param create - a new optimizer for the problem, drawing from `seed` (the same seed must
 *   give the same optimizer); it should honour `problem.bounds` unless `bounded` is false.
 * @param fromJSON - restores an optimizer from the parsed JSON of its `toJSON()`.
 * @param options - problem size, budget and which optional guarantees apply.
 * @example
 * ```ts
 * optimizerContract("SepCmaEs", (seed, p) => new SepCmaEs({ mean: p.start, sigma: 2, bounds: p.bounds, seed }), SepCmaEs.fromJSON);
 * ```
 */
export function optimizerContract<State>(
  name: string,
  create: (seed: number, problem: ContractProblem) => AskTellOptimizer<State>,
  fromJSON: (state: State) => AskTellOptimizer<State>,
  options: OptimizerContractOptions = {},
): void {
  const n = options.dim ?? 4;
  const budget = options.evaluations ?? 400;
  const problem = (): ContractProblem => ({
    dim: n,
    bounds: { lower: new Float64Array(n).fill(-5), upper: new Float64Array(n).fill(5) },
    start: new Float64Array(n),
  });
  const sphere = shiftedSphere(2);
  const traceOf = (seed: number, evaluations = budget): Trace => {
    const t = emptyTrace();
    run(create(seed, problem()), sphere, evaluations, t);
    return t;
  };

  describe(`optimizer contract: ${name}`, () => {
    it("asks points of length n with finite coordinates, populationSize a positive integer", () => {
      const o = create(1, problem());
      expect(Number.isSafeInteger(o.populationSize) && o.populationSize >= 1).toBe(true);
      const t = emptyTrace();
      run(o, sphere, Math.min(budget, 50), t);
      for (const x of [...t.asked, ...t.evaluated]) {
        expect(x).toBeInstanceOf(Float64Array);
        expect(x.length).toBe(n);
        expect(x.every(Number.isFinite)).toBe(true);
      }
    });

    it("gives the same asks for the same seed, and different asks for another seed", () => {
      const a = traceOf(7);
      const b = traceOf(7);
      expect(b.asked).toEqual(a.asked);
      expect(b.values).toEqual(a.values);
      const c = traceOf(8, 1);
      expect(c.asked[0]).not.toEqual(a.asked[0]);
    });

    it("returns its state as plain JSON (unchanged by JSON.stringify / JSON.parse)", () => {
      const o = create(3, problem());
      run(o, sphere, budget / 4, emptyTrace());
      const state = o.toJSON();
      expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
      expect(roundTrip(o, fromJSON).toJSON()).toStrictEqual(state);
    });

    it("continues identically after a JSON round trip at a generation boundary", () => {
      const reference = traceOf(5);
      const o = create(5, problem());
      const before = emptyTrace();
      run(o, sphere, Math.floor(budget / 2), before);
      const restored = roundTrip(o, fromJSON);
      const after = emptyTrace();
      run(restored, sphere, budget - before.values.length, after);
      expect([...before.asked, ...after.asked]).toEqual(
        reference.asked.slice(0, before.asked.length + after.asked.length),
      );
      // The serialized original continues the same way as its restored copy.
      const rest = emptyTrace();
      run(o, sphere, budget - before.values.length, rest);
      expect(rest.asked).toEqual(after.asked);
      expect(restored.toJSON()).toStrictEqual(o.toJSON());
    });

    it("continues identically after a JSON round trip between two asks of one generation", () => {
      const reference = traceOf(6);
      const o = create(6, problem());
      const before = emptyTrace();
      run(o, sphere, Math.floor(budget / 2), before);
      const half = Math.floor(o.populationSize / 2);
      const pending = Array.from({ length: half }, () => o.ask());
      const restored = roundTrip(o, fromJSON);
      const after = emptyTrace();
      run(restored, sphere, budget - before.values.length, after, pending);
      const asked = [...before.asked, ...pending, ...after.asked];
      expect(asked).toEqual(reference.asked.slice(0, asked.length));
      const rest = emptyTrace();
      run(o, sphere, budget - before.values.length, rest, pending);
      expect(rest.asked).toEqual(after.asked);
      expect(restored.toJSON()).toStrictEqual(o.toJSON());
    });

    if (options.bounded ?? true) {
      it("keeps the points it evaluates inside the bounds, also when the optimum lies outside", () => {
        for (const [seed, f] of [
          [9, sphere],
          [10, shiftedSphere(7)],
        ] as const) {
          const p = problem();
          const t = emptyTrace();
          run(create(seed, p), f, budget, t);
          for (const x of t.evaluated) {
            for (let i = 0; i < n; i++) {
              expect(x[i]).toBeGreaterThanOrEqual(p.bounds.lower[i]!);
              expect(x[i]).toBeLessThanOrEqual(p.bounds.upper[i]!);
            }
          }
        }
      });
    }

    it("makes progress on a shifted sphere (best value < 1/100 of the first evaluations' median)", () => {
      const t = traceOf(11);
      const window = Math.max(10, Math.floor(t.values.length / 10));
      const start = median(t.values.slice(0, window));
      const best = Math.min(...t.values);
      expect(best, `best ${best} after ${t.values.length} evaluations; first median ${start}`).toBeLessThan(
        start / 100,
      );
    });

    it("refuses malformed tell input with a RangeError or TypeError and keeps its state", () => {
      const o = create(12, problem());
      run(o, sphere, Math.min(budget, 2 * o.populationSize), emptyTrace());
      const k = o.populationSize;
      const xs = Array.from({ length: k }, () => o.ask());
      const good = xs.map((x) => ({ x, value: sphere(evaluatedPoint(o, x)) }));
      const withFirst = (s: unknown): unknown[] => [s, ...good.slice(1)];
      const bad: [string, unknown][] = [
        ["a NaN value", withFirst({ x: xs[0], value: Number.NaN })],
        ["a value that is not a number", withFirst({ x: xs[0], value: "1" })],
        ["an x of length n + 1", withFirst({ x: Float64Array.from([...xs[0]!, 0]), value: 1 })],
        ["an x of length n − 1", withFirst({ x: xs[0]!.slice(1), value: 1 })],
        [
          "an x with a NaN coordinate",
          withFirst({ x: xs[0]!.map((v, i) => (i === 0 ? Number.NaN : v)), value: 1 }),
        ],
        ["a missing x", withFirst({ value: 1 })],
        ["a null solution", withFirst(null)],
        ["not an array", { x: xs[0], value: 1 }],
      ];
      if (options.exactBatch ?? true) {
        bad.push(["one solution too many", [...good, good[0]]]);
        if (k > 1) bad.push(["one solution too few", good.slice(1)]);
      }
      const state = JSON.stringify(o.toJSON());
      for (const [what, input] of bad) {
        let error: unknown = null;
        try {
          o.tell(input as readonly AskTellSolution[]);
        } catch (e) {
          error = e;
        }
        expect(error instanceof RangeError || error instanceof TypeError, `tell with ${what}`).toBe(true);
        expect(JSON.stringify(o.toJSON()), `state after a tell with ${what}`).toBe(state);
      }
      o.tell(good);
    });
  });
}
