import {
  createStudy,
  InMemoryStorage,
  type LogHandler,
  SearchSpaceExhaustedError,
  type Study,
  type StudyDirection,
  setLogHandler,
  type Trial,
  TrialPruned,
} from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { afterEach, describe, expect, it } from "vitest";
import { BRUTE_FORCE_ORDER_KEY, BruteForceSampler } from "../../src/brute-force/brute-force.js";

async function run(
  objective: (t: Trial) => number | number[] | Promise<number | number[]>,
  options: { seed?: number; concurrency?: number; nTrials?: number; directions?: StudyDirection[] } = {},
): Promise<Study> {
  const study = await createStudy({
    storage: new InMemoryStorage(),
    sampler: new BruteForceSampler({ seed: options.seed ?? 0 }),
    directions: options.directions ?? ["minimize"],
  });
  await study.optimize(objective, {
    concurrency: options.concurrency ?? 1,
    ...(options.nTrials === undefined ? {} : { nTrials: options.nTrials }),
  });
  return study;
}

const keyOf = (params: object) => JSON.stringify(Object.entries(params).sort());

function expectAllDistinct(study: Study): void {
  const keys = study.trials.map((t) => keyOf(t.params));
  expect(new Set(keys).size).toBe(keys.length);
}

/** Optuna's documentation example: 5 + (3 + 2 + 1) = 11 combinations. */
function optunaExample(trial: Trial): number {
  const c = trial.suggestCategorical("c", ["float", "int"]);
  if (c === "float") return trial.suggestFloat("x", 1, 3, { step: 0.5 });
  const a = trial.suggestInt("a", 1, 3);
  const b = trial.suggestInt("b", a, 3);
  return a + b;
}

let restore: LogHandler | null = null;
afterEach(() => {
  setLogHandler(restore);
  restore = null;
});

samplerContract("BruteForceSampler", (seed) => new BruteForceSampler({ seed }), {
  space: "discrete",
  exhaustive: true,
});

describe("BruteForceSampler on conditional and concurrent studies", () => {
  it("enumerates a conditional space (Optuna's example: ranges that depend on earlier values)", async () => {
    const study = await run(optunaExample);
    expect(study.trials).toHaveLength(11);
    expectAllDistinct(study);
    for (const t of study.trials) {
      const keys = Object.keys(t.params).sort();
      expect(keys).toEqual(t.params.c === "float" ? ["c", "x"] : ["a", "b", "c"]);
    }
  });

  it("tries each combination once with concurrency 8 and an async objective (running trials count as taken)", async () => {
    const study = await run(
      async (t) => {
        const x = t.suggestInt("x", 0, 4);
        const y = t.suggestCategorical("y", ["a", "b", "c"]);
        await new Promise((r) => setTimeout(r, (t.number * 7) % 3));
        return x + (y === "a" ? 0 : 1);
      },
      { concurrency: 8 },
    );
    expect(study.trials).toHaveLength(15);
    expect(study.trials.every((t) => t.state === "COMPLETE")).toBe(true);
    expectAllDistinct(study);
  });

  it("counts pruned and failed trials as tried, and keeps going", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 1 }),
    });
    await study.optimize(
      (t) => {
        const x = t.suggestInt("x", 0, 9);
        if (x % 3 === 1) throw new TrialPruned();
        if (x % 3 === 2) throw new Error("boom");
        return x;
      },
      { catch: [Error] },
    );
    expect(study.trials).toHaveLength(10);
    expectAllDistinct(study);
    expect(study.getTrials({ states: ["PRUNED"] })).toHaveLength(3);
    expect(study.getTrials({ states: ["FAIL"] })).toHaveLength(3);
  });
});

describe("BruteForceSampler", () => {
  it("refuses a float without step, naming the parameter", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 0 }),
    });
    const t = await study.ask();
    expect(() => t.suggestFloat("lr", 1e-5, 1e-1, { log: true })).toThrow(
      /BruteForceSampler: parameter "lr" is a float without step \(float\[0.00001, 0.1, log\]\)/,
    );
    expect(() => t.suggestFloat("x", 0, 1)).toThrow(/parameter "x" is a float without step/);
    // A single-valued float is finite.
    expect(t.suggestFloat("one", 2, 2)).toBe(2);
  });

  it("enumerates a huge int range without building it", async () => {
    const study = await run((t) => t.suggestInt("k", 0, 2 ** 40), { nTrials: 50 });
    expect(study.trials).toHaveLength(50);
    expectAllDistinct(study);
  });

  it("does not repeat an enqueued combination", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 0 }),
    });
    await study.enqueueTrial({ x: 2 });
    await study.optimize((t) => t.suggestInt("x", 0, 3));
    expect(study.trials.map((t) => t.params.x)[0]).toBe(2);
    expect(study.trials.map((t) => t.params.x).sort()).toEqual([0, 1, 2, 3]);
  });

  it("follows the order of the asks, whatever the names (numeric names sort first in a record)", async () => {
    const study = await run((t) => {
      const b = t.suggestCategorical("b", ["u", "v"]);
      if (b === "u") return t.suggestInt("10", 0, 2);
      return t.suggestInt("9", 0, 1) + t.suggestInt("1", 0, 1);
    });
    expect(study.trials).toHaveLength(3 + 4);
    expectAllDistinct(study);
    const withTen = study.trials.find((t) => t.params.b === "u")!;
    expect(Object.keys(withTen.params)).toEqual(["10", "b"]); // not the order of the asks
    expect(withTen.systemAttrs[BRUTE_FORCE_ORDER_KEY]).toEqual(["b", "10"]);
    const withNine = study.trials.find((t) => t.params.b === "v")!;
    expect(withNine.systemAttrs[BRUTE_FORCE_ORDER_KEY]).toEqual(["b", "9", "1"]);
  });

  it("ends a study whose objective asks for nothing after one trial", async () => {
    const study = await run(() => 1);
    expect(study.trials).toHaveLength(1);
  });

  it("warns once and goes on when trials do not fit the tree (the space changed)", async () => {
    const messages: string[] = [];
    setLogHandler((level, message) => {
      if (level === "warn") messages.push(message);
    });
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 0 }),
    });
    await study.optimize((t) => t.suggestInt("x", 0, 1), { nTrials: 1 });
    await study.optimize((t) => t.suggestInt("y", 0, 1) + t.suggestInt("x", 0, 1), { nTrials: 3 });
    expect(study.trials).toHaveLength(4);
    expect(messages.filter((m) => m.includes("does not fit the search tree"))).toHaveLength(1);
  });

  it("validates its options", () => {
    expect(() => new BruteForceSampler({ seed: 0.5 })).toThrow(/seed must be a safe integer, got 0.5/);
    expect(() => new BruteForceSampler({ avoidPrematureStop: "yes" as unknown as boolean })).toThrow(
      /avoidPrematureStop must be a boolean, got yes/,
    );
    expect(Number.isSafeInteger(new BruteForceSampler().seed)).toBe(true);
  });
});

describe("BruteForceSampler avoidPrematureStop (Optuna issue #5780)", () => {
  /** x, then an await, then y: running trials hold x-branches whose y they have not asked yet. */
  const awaitBetween = async (t: Trial) => {
    const x = t.suggestInt("x", 0, 4);
    await new Promise((r) => setTimeout(r, (t.number * 7) % 3));
    return x + t.suggestInt("y", 0, 2);
  };
  const concurrently = async (avoidPrematureStop: boolean) => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 0, avoidPrematureStop }),
    });
    await study.optimize(awaitBetween, { concurrency: 8 });
    return study;
  };

  it("without it, stops once running trials hold every branch, even those that reveal more later", async () => {
    const study = await concurrently(false);
    // The first five trials hold x = 0..4 before any asks for y: the study ends with them.
    expect(study.trials.length).toBeLessThan(15);
    expectAllDistinct(study);
    // A later optimize call goes on with what is left, and then covers everything.
    await study.optimize(awaitBetween, { concurrency: 8 });
    const keys = study.trials.map((t) => keyOf(t.params));
    expect(new Set(keys).size).toBe(15);
  });

  it("with it, covers every combination in one optimize call", async () => {
    const study = await concurrently(true);
    const keys = study.trials.map((t) => keyOf(t.params));
    expect(new Set(keys).size).toBe(15);
  });

  /**
   * x, y ∈ {0, 1}. Trial 0 tries (0, 0); trial 1 takes x = 1 (enqueued) and has not asked
   * for y yet when trial 2 tries the last combination with x = 0 (Optuna's reproduction).
   */
  async function scenario(avoidPrematureStop: boolean) {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new BruteForceSampler({ seed: 0, avoidPrematureStop }),
    });
    await study.enqueueTrial({ x: 0, y: 0 });
    const t0 = await study.ask();
    await study.tell(t0, t0.suggestInt("x", 0, 1) + t0.suggestInt("y", 0, 1));
    await study.enqueueTrial({ x: 1 });
    const t1 = await study.ask();
    expect(t1.suggestInt("x", 0, 1)).toBe(1);
    const t2 = await study.ask();
    expect([t2.suggestInt("x", 0, 1), t2.suggestInt("y", 0, 1)]).toEqual([0, 1]);
    await study.tell(t2, 1);
    return { study, t1 };
  }

  for (const avoid of [false, true]) {
    it(`${avoid ? "with" : "without"} it, covers the tree when the held branch is known to go on`, async () => {
      // Without the option, x = 1 held by trial 1 stays open because trials asked y after x.
      const { study, t1 } = await scenario(avoid);
      const t3 = await study.ask();
      expect(t3.suggestInt("x", 0, 1)).toBe(1); // the running trial's branch, the only one left
      const y3 = t3.suggestInt("y", 0, 1);
      const y1 = t1.suggestInt("y", 0, 1); // sees t3's y and takes the other
      expect(y1).toBe(1 - y3);
      await study.tell(t3, 1);
      await study.tell(t1, 1);
      await expect(study.ask()).rejects.toBeInstanceOf(SearchSpaceExhaustedError);
      const combos = study.trials.map((t) => keyOf(t.params));
      expect(new Set(combos).size).toBe(4);
    });
  }
});
