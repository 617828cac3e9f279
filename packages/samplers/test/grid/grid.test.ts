import { createStudy, InMemoryStorage, SearchSpaceExhaustedError, type Trial } from "@tunelab/study";
import { samplerContract } from "@tunelab/study/testing";
import { describe, expect, it } from "vitest";
import { GRID_ID_KEY, GridSampler } from "../../src/grid/grid.js";

samplerContract("GridSampler", (seed, grid) => new GridSampler(grid, { seed }), {
  space: "discrete",
  exhaustive: true,
});

const space = { x: [-1, 0, 1], opt: ["adam", "sgd"], flag: [true, false] };

describe("GridSampler", () => {
  it("visits every point exactly once with concurrency 8, then stops", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GridSampler(space, { seed: 3 }),
    });
    await study.optimize(
      async (t) => {
        const x = t.suggestInt("x", -1, 1);
        const opt = t.suggestCategorical("opt", ["adam", "sgd"]);
        const flag = t.suggestCategorical("flag", [true, false]);
        await new Promise((r) => setTimeout(r, t.number % 3));
        return x + (opt === "adam" ? 0 : 1) + (flag ? 0 : 2);
      },
      { nTrials: 100, concurrency: 8 },
    );
    expect(study.trials.length).toBe(12);
    const keys = study.trials.map((t) => JSON.stringify([t.params.x, t.params.opt, t.params.flag]));
    expect(new Set(keys).size).toBe(12);
    expect(new Set(study.trials.map((t) => t.systemAttrs[GRID_ID_KEY])).size).toBe(12);
    await expect(study.ask()).rejects.toBeInstanceOf(SearchSpaceExhaustedError);
  });

  it("gives every study that shares one instance the whole grid", async () => {
    const sampler = new GridSampler(space, { seed: 3 });
    const objective = (t: Trial) =>
      t.suggestInt("x", -1, 1) + (t.suggestCategorical("opt", ["adam", "sgd"]) === "adam" ? 0 : 1);
    const run = async () => {
      const study = await createStudy({ storage: new InMemoryStorage(), sampler });
      await study.optimize((t) => objective(t) + (t.suggestCategorical("flag", [true, false]) ? 0 : 2), {
        concurrency: 3,
      });
      return study.trials.map((t) => t.systemAttrs[GRID_ID_KEY]);
    };
    const [a, b] = await Promise.all([run(), run()]);
    const c = await run();
    for (const ids of [a, b, c]) expect(new Set(ids).size).toBe(12);
    expect(c).toHaveLength(12);
  });

  it("stops without nTrials when the grid is exhausted", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GridSampler({ a: [1, 2, 3] }, { seed: 0 }),
    });
    await study.optimize((t) => t.suggestInt("a", 1, 3));
    expect(study.trials.map((t) => t.params.a).sort()).toEqual([1, 2, 3]);
  });

  it("orders points by seed", async () => {
    const run = async (seed: number) => {
      const study = await createStudy({
        storage: new InMemoryStorage(),
        sampler: new GridSampler({ a: [1, 2, 3, 4, 5, 6] }, { seed }),
      });
      await study.optimize((t) => t.suggestInt("a", 1, 6));
      return study.trials.map((t) => t.params.a);
    };
    expect(await run(1)).toEqual(await run(1));
    expect(await run(1)).not.toEqual(await run(2));
  });

  it("counts an enqueued grid point as visited", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GridSampler({ a: [1, 2, 3] }, { seed: 0 }),
    });
    await study.enqueueTrial({ a: 2 });
    await study.optimize((t) => t.suggestInt("a", 1, 3));
    expect(study.trials[0]!.params.a).toBe(2);
    expect(study.trials.map((t) => t.params.a).sort()).toEqual([1, 2, 3]);
  });

  it("explains a parameter missing from the grid or a value outside the suggested range", async () => {
    const study = await createStudy({
      storage: new InMemoryStorage(),
      sampler: new GridSampler({ a: [1, 5] }, { seed: 0 }),
    });
    const t = await study.ask();
    expect(() => t.suggestFloat("b", 0, 1)).toThrow(/"b" is not in the grid \(a\)/);
    const t2 = await study.ask();
    expect(() => t2.suggestInt("a", 0, 3)).toThrow(
      /grid value .* of "a" is not in the suggested int\[0, 3\]/,
    );
  });

  it("validates the grid", () => {
    expect(() => new GridSampler({})).toThrow(/at least one parameter/);
    expect(() => new GridSampler({ a: [] })).toThrow(/searchSpace\["a"\] must be a non-empty array/);
    expect(() => new GridSampler({ a: [1, 1] })).toThrow(/repeats the value 1/);
  });

  it("maps ids to points and back whatever the parameter names", () => {
    const g = new GridSampler(
      JSON.parse('{"__proto__": [1, 2], "constructor": ["a", "b"], "toString": [true]}'),
      {
        seed: 0,
      },
    );
    expect(g.size).toBe(4);
    for (let id = 0; id < g.size; id++) {
      const p = g.point(id);
      expect(Object.keys(p).sort()).toEqual(["__proto__", "constructor", "toString"]);
      expect(g.idOf(p)).toBe(id);
    }
    // Inherited members are not values: a record lacking the names is no point.
    expect(g.idOf({})).toBe(-1);
    expect(() => new GridSampler(null as never)).toThrow(/searchSpace must be a record of value lists/);
  });

  it("maps ids to points and back", () => {
    const g = new GridSampler(space, { seed: 0 });
    expect(g.size).toBe(12);
    for (let id = 0; id < g.size; id++) expect(g.idOf(g.point(id))).toBe(id);
    expect(g.idOf({ x: 7, opt: "adam", flag: true })).toBe(-1);
  });
});
