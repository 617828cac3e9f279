import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrialCache } from "../../src/study/cache.js";
import { paretoFront } from "../../src/study/pareto.js";
import { createFrozenTrial, type FrozenTrial, isFeasible, trialConstraints } from "../../src/trial/frozen.js";
import type { StudyDirection, TrialState } from "../../src/trial/state.js";

const STATES: TrialState[] = ["RUNNING", "COMPLETE", "PRUNED", "FAIL", "WAITING"];

function trial(
  number: number,
  state: TrialState,
  values: number[] | null,
  constraint: number | null,
): FrozenTrial {
  const t = createFrozenTrial({
    state,
    values: state === "COMPLETE" ? values : null,
    systemAttrs: constraint === null ? {} : { constraints: { c: constraint } },
  });
  return { ...t, number, trialId: number };
}

/** The best trial by a full scan, as the study computed it before it tracked it. */
function bruteBest(trials: readonly FrozenTrial[], max: boolean): FrozenTrial | null {
  const complete = trials.filter((t) => t.state === "COMPLETE");
  const constrained = complete.some((t) => trialConstraints(t) !== null);
  const pool = constrained ? complete.filter(isFeasible) : complete;
  let best: FrozenTrial | null = null;
  for (const t of pool) {
    if (best === null) best = t;
    else if (max ? t.values![0]! > best.values![0]! : t.values![0]! < best.values![0]!) best = t;
  }
  return best;
}

/** A history: trials created in number order, each updated to a final state at some later point. */
const history = (m: number) =>
  fc
    .array(
      fc.record({
        state: fc.constantFrom<TrialState>("COMPLETE", "COMPLETE", "PRUNED", "FAIL", "RUNNING"),
        values: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: m, maxLength: m }),
        constraint: fc.option(fc.integer({ min: -2, max: 2 }), { nil: null }),
        delay: fc.nat({ max: 6 }),
      }),
      { maxLength: 40 },
    )
    .map((specs) => {
      // Events: create every trial RUNNING in order; finish each `delay` creations later.
      const events: FrozenTrial[] = [];
      const pending: { at: number; t: FrozenTrial }[] = [];
      specs.forEach((s, n) => {
        events.push(trial(n, "RUNNING", null, null));
        pending.push({ at: n + s.delay, t: trial(n, s.state, s.values, s.constraint) });
        for (const p of pending.filter((p) => p.at <= n)) events.push(p.t);
        pending.splice(0, pending.length, ...pending.filter((p) => p.at > n));
      });
      for (const p of pending) events.push(p.t);
      return events;
    });

describe("TrialCache", () => {
  it("tracks the best trial like a full scan, ties to the lowest number, constraints respected (property)", () => {
    fc.assert(
      fc.property(
        history(1),
        fc.constantFrom<StudyDirection>("minimize", "maximize"),
        (events, direction) => {
          const cache = new TrialCache([direction]);
          for (const e of events) {
            cache.put(e);
            const expected = bruteBest(cache.list(), direction === "maximize");
            expect(cache.bestTrial()?.number ?? null).toBe(expected?.number ?? null);
          }
        },
      ),
    );
  });

  it("tracks the Pareto front like the non-dominated sort (property)", () => {
    fc.assert(
      fc.property(history(2), (events) => {
        const directions: StudyDirection[] = ["minimize", "maximize"];
        const cache = new TrialCache(directions);
        for (const e of events) cache.put(e);
        const complete = cache.list(["COMPLETE"]);
        const constrained = complete.some((t) => trialConstraints(t) !== null);
        const pool = constrained ? complete.filter(isFeasible) : complete;
        expect(cache.paretoFront().map((t) => t.number)).toEqual(
          paretoFront(pool, directions).map((t) => t.number),
        );
      }),
    );
  });

  it("keeps the list of all trials and each state's list equal to a filter of the latest versions (property)", () => {
    fc.assert(
      fc.property(history(1), fc.subarray(STATES, { minLength: 1 }), (events, states) => {
        const cache = new TrialCache(["minimize"]);
        const latest = new Map<number, FrozenTrial>();
        for (const e of events) {
          cache.put(e);
          const old = latest.get(e.number);
          const finished = (s: TrialState) => s === "COMPLETE" || s === "PRUNED" || s === "FAIL";
          if (old === undefined || !finished(old.state)) latest.set(e.number, e);
          const all = [...latest.values()].sort((a, b) => a.number - b.number);
          expect(cache.list()).toEqual(all);
          expect(cache.list(states)).toEqual(all.filter((t) => states.includes(t.state)));
        }
      }),
    );
  });

  it("hands out live views: the list of all trials grows in place", () => {
    const cache = new TrialCache(["minimize"]);
    const view = cache.list();
    const running = cache.list(["RUNNING"]);
    cache.put(trial(0, "RUNNING", null, null));
    cache.put(trial(1, "RUNNING", null, null));
    expect(view.map((t) => t.number)).toEqual([0, 1]);
    cache.put(trial(0, "COMPLETE", [1], null));
    expect(view[0]!.state).toBe("COMPLETE");
    expect(running.map((t) => t.number)).toEqual([1]);
  });

  it("fills a gap left by a read racing with creation", () => {
    const cache = new TrialCache(["minimize"]);
    cache.put(trial(2, "COMPLETE", [1], null));
    expect(cache.list().map((t) => t.number)).toEqual([2]);
    expect(cache.size).toBe(1);
    cache.put(trial(0, "COMPLETE", [3], null));
    cache.put(trial(1, "FAIL", null, null));
    expect(cache.list().map((t) => t.number)).toEqual([0, 1, 2]);
    expect(cache.bestTrial()?.number).toBe(2);
  });
});
