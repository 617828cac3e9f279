import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatDistribution, intDistribution } from "../../src/distributions/distribution.js";
import { InMemoryStorage } from "../../src/storage/in-memory.js";
import { createStudy, loadStudy } from "../../src/study/create.js";
import { createFrozenTrial } from "../../src/trial/frozen.js";
import { PriorSampler } from "./helpers.js";

const newStudy = () => createStudy({ storage: new InMemoryStorage(), sampler: new PriorSampler(1) });

/** Names that are properties of every object, plus arbitrary strings. */
const TRICKY = [
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "prototype",
];
const userName = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ minLength: 1, maxLength: 12 }));

describe("user strings as keys", () => {
  it("parameter names, attribute keys and constraint names that are Object.prototype members are ordinary keys", async () => {
    const study = await newStudy();
    const t = await study.ask();
    expect(t.suggestFloat("constructor", 0, 1)).toBeTypeOf("number");
    expect(t.suggestInt("__proto__", 3, 3)).toBe(3);
    expect(t.suggestCategorical("toString", ["a"])).toBe("a");
    t.setUserAttr("__proto__", { polluted: 1 });
    t.setUserAttr("ok", 1);
    t.setConstraint("constructor", -1);
    const done = await study.tell(t, 0);
    expect(Object.keys(done.params).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.keys(done.userAttrs).sort()).toEqual(["__proto__", "ok"]);
    expect(Object.getPrototypeOf(done.userAttrs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(done.systemAttrs.constraints).toEqual({ constructor: -1 });
  });

  it("any names round-trip through suggest, attributes, enqueue, storage and loadStudy (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(userName, { minLength: 1, maxLength: 5 }),
        fc.uniqueArray(userName, { minLength: 1, maxLength: 3 }),
        async (params, keys) => {
          const storage = new InMemoryStorage();
          const study = await createStudy({ storage, sampler: new PriorSampler(2), studyName: "s" });
          await study.enqueueTrial(Object.fromEntries(params.map((p, i) => [p, i])) as never);
          await study.optimize(
            (t) => {
              params.forEach((p, i) => {
                expect(t.suggestInt(p, 0, 10)).toBe(t.number === 0 ? i : t.params[p]);
              });
              for (const k of keys) t.setUserAttr(k, k.length);
              return 0;
            },
            { nTrials: 2 },
          );
          await study.setUserAttr(keys[0]!, "study");
          const loaded = await loadStudy({ storage, studyName: "s", sampler: new PriorSampler() });
          for (const t of loaded.trials) {
            expect(Object.keys(t.params).sort()).toEqual(params.slice().sort());
            expect(Object.keys(t.userAttrs).sort()).toEqual(keys.slice().sort());
            for (const k of keys) expect(Object.hasOwn(t.userAttrs, k) && t.userAttrs[k]).toBe(k.length);
          }
          expect(Object.hasOwn(loaded.userAttrs, keys[0]!)).toBe(true);
          expect(loaded.trials[0]!.params).toEqual(Object.fromEntries(params.map((p, i) => [p, i])));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("createFrozenTrial and addTrial keep any names", async () => {
    const study = await newStudy();
    const t = createFrozenTrial({
      state: "COMPLETE",
      value: 1,
      params: JSON.parse('{"__proto__": 0.5, "constructor": 2}'),
      distributions: JSON.parse(
        `{"__proto__": ${JSON.stringify(floatDistribution(0, 1))}, "constructor": ${JSON.stringify(intDistribution(0, 3))}}`,
      ),
    });
    const added = await study.addTrial(t);
    expect(Object.keys(added.params).sort()).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(added.params, "__proto__")?.value).toBe(0.5);
  });
});

describe("clear errors for bad input", () => {
  it("tell names the argument at fault and leaves the trial running", async () => {
    const study = await newStudy();
    const t = await study.ask();
    await expect(study.tell(t, { state: "DONE" as never })).rejects.toThrow(
      /tell: state must be "COMPLETE", "PRUNED" or "FAIL", got "DONE"/,
    );
    await expect(study.tell(t, "1" as never)).rejects.toThrow(
      /tell: the second argument must be the objective value\(s\) \(a number or an array of numbers\) or \{ state, values \}, got the string "1"/,
    );
    await expect(study.tell(t, { values: "1" as never })).rejects.toThrow(
      /values must be a number or an array of numbers, got the string "1"/,
    );
    await expect(study.tell(t, null as never)).rejects.toThrow(/second argument/);
    await expect(study.tell({} as never, 1)).rejects.toThrow(
      /trial must be a trial from this study's ask\(\) or a trial number >= 0, got Object/,
    );
    expect(study.trials[0]!.state).toBe("RUNNING");
    expect((await study.tell(t, 1)).state).toBe("COMPLETE");
  });

  it("ask refuses malformed distributions before creating a trial", async () => {
    const study = await newStudy();
    await expect(study.ask({ x: { kind: "bogus" } as never })).rejects.toThrow(
      /ask: distribution "x": kind must be "float", "int" or "categorical", got "bogus"/,
    );
    await expect(study.ask({ x: { kind: "float", low: 1, high: 0 } as never })).rejects.toThrow(
      /ask: distribution "x": low must be <= high/,
    );
    await expect(study.ask({ x: null as never })).rejects.toThrow(
      /ask: distribution "x": must be a distribution record/,
    );
    await expect(study.ask(5 as never)).rejects.toThrow(/fixedDistributions must be an object/);
    expect(study.trials).toHaveLength(0);
    const t = await study.ask({ x: { kind: "float", low: 0, high: 1, log: false, step: null } });
    expect(t.params.x).toBeTypeOf("number");
    expect(() => t.suggest("y", { kind: "int", low: 0, high: 1.5 } as never)).toThrow(
      /suggest\("y"\): high must be an integer/,
    );
  });

  it("setConstraint refuses NaN and non-numbers; setUserAttr refuses values that are not JSON", async () => {
    const study = await newStudy();
    const t = await study.ask();
    expect(() => t.setConstraint("c", Number.NaN)).toThrow(
      /setConstraint: value of "c" must be a number \(feasible when <= 0\), got NaN/,
    );
    expect(() => t.setConstraint("c", "1" as never)).toThrow(/got "1"/);
    expect(() => t.setConstraint("", 1)).toThrow(/name must be a non-empty string/);
    expect(() => t.setUserAttr("u", undefined as never)).toThrow(
      /setUserAttr\("u"\): value must be a JSON value, got undefined/,
    );
    expect(() => t.setUserAttr("u", { a: [1, () => 2] } as never)).toThrow(
      /value\.a\[1\] must be a JSON value, got a function/,
    );
    expect(() => t.setUserAttr("u", new Date() as never)).toThrow(/got a Date/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => t.setUserAttr("u", cyclic as never)).toThrow(/value\.self refers to itself/);
    t.setConstraint("c", Number.POSITIVE_INFINITY);
    expect((await study.tell(t, 1)).systemAttrs.constraints).toEqual({ c: Number.POSITIVE_INFINITY });
  });

  it("createStudy and loadStudy refuse a storage that is not one", async () => {
    const sampler = new PriorSampler();
    await expect(createStudy({ sampler, storage: {} as never })).rejects.toThrow(
      /createStudy: storage must be a Storage object or a URL string \(such as "memory"\); this object lacks createStudy, deleteStudy/,
    );
    await expect(createStudy({ sampler, storage: null as never })).rejects.toThrow(
      /createStudy: storage must be a Storage object or a URL string \(such as "memory"\), got null/,
    );
    await expect(createStudy({ sampler, storage: 5 as never })).rejects.toThrow(/got number/);
    await expect(loadStudy({ sampler, storage: {} as never, studyName: "x" })).rejects.toThrow(
      /loadStudy: storage must be/,
    );
    await expect(loadStudy({ sampler, storage: "memory", studyName: 3 as never })).rejects.toThrow(
      /studyName must be a string/,
    );
  });

  it("getTrials refuses unknown states", async () => {
    const study = await newStudy();
    expect(() => study.getTrials({ states: ["DONE" as never] })).toThrow(/getTrials: states must be/);
  });
});

describe("ranges whose width overflows", () => {
  it("are refused at the suggest call with the parameter's name", async () => {
    const study = await newStudy();
    const t = await study.ask();
    expect(() => t.suggestFloat("f", -1e308, 1e308)).toThrow(
      /suggestFloat\("f"\): the width high - low must be a finite number/,
    );
    expect(() => t.suggestFloat("f", -Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(/suggestFloat\("f"\)/);
    expect(() => t.suggestInt("k", Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toThrow(
      /suggestInt\("k"\): the range must hold at most 2\^53 - 1 values/,
    );
    expect(() => t.suggestInt("k", -(2 ** 52), 2 ** 52 - 1)).toThrow(/suggestInt\("k"\)/);
    expect(() => t.suggestFloat("s", 0, 1, { step: 1e-300 })).toThrow(
      /suggestFloat\("s"\): step=1e-300 is too small for the range \[0, 1\]/,
    );
    expect(t.params).toEqual({});
  });

  it("the widest accepted ranges sample inside their bounds (property)", async () => {
    const study = await newStudy();
    await study.optimize(
      (t) => {
        const f = t.suggestFloat("f", -8e307, 8e307);
        const k = t.suggestInt("k", -(2 ** 52), 2 ** 52 - 2);
        const s = t.suggestFloat("s", 0, 1, { step: 2 ** -52 });
        expect(Number.isFinite(f) && f >= -8e307 && f <= 8e307).toBe(true);
        expect(Number.isSafeInteger(k)).toBe(true);
        expect(s >= 0 && s <= 1).toBe(true);
        return 0;
      },
      { nTrials: 50 },
    );
    const fs = new Set(study.trials.map((t) => t.params.f));
    expect(fs.size).toBe(50);
  });
});
