import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parsePythonJson,
  pythonFloatRepr,
  pythonFloatReprFromDigits,
  pythonNumber,
  stringifyPythonJson,
} from "../../src/journal/python-json.js";
import { optuna31 } from "../peer.js";

describe("parsePythonJson", () => {
  it("reads standard JSON as JSON.parse does", () => {
    expect(parsePythonJson('{"a": [1, 2.5, "x", null, true]}')).toEqual({ a: [1, 2.5, "x", null, true] });
  });

  it("reads Python's NaN, Infinity and -Infinity tokens and -0.0", () => {
    const v = parsePythonJson('{"v": NaN, "w": [Infinity, -Infinity, -0.0]}') as { v: number; w: number[] };
    expect(v.v).toBeNaN();
    expect(v.w[0]).toBe(Number.POSITIVE_INFINITY);
    expect(v.w[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(v.w[2], -0)).toBe(true);
  });

  it("leaves the words NaN and Infinity inside strings alone", () => {
    expect(parsePythonJson('{"NaN": "Infinity and NaN \\" NaN", "x": NaN}')).toEqual({
      NaN: 'Infinity and NaN " NaN',
      x: Number.NaN,
    });
  });

  it("keeps __proto__ and constructor as ordinary keys", () => {
    const v = parsePythonJson('{"__proto__": NaN, "constructor": 1}') as Record<string, unknown>;
    expect(Object.hasOwn(v, "__proto__")).toBe(true);
    expect(v.constructor).toBe(1);
  });

  it("throws SyntaxError for text that is not JSON in either dialect", () => {
    expect(() => parsePythonJson('{"a": nan}')).toThrow(SyntaxError);
    expect(() => parsePythonJson('{"a": NaN')).toThrow(SyntaxError);
    expect(() => parsePythonJson("")).toThrow(SyntaxError);
  });
});

describe("pythonNumber", () => {
  it("writes what Python's json.dumps writes for the float or int", () => {
    expect(pythonNumber(2, true)).toBe("2.0");
    expect(pythonNumber(2, false)).toBe("2");
    expect(pythonNumber(-0, false)).toBe("-0.0");
    expect(pythonNumber(0.1, true)).toBe("0.1");
    expect(pythonNumber(1e21, true)).toBe("1e+21");
    expect(pythonNumber(1e16, true)).toBe("1e+16");
    expect(pythonNumber(1e-5, false)).toBe("1e-05");
    expect(pythonNumber(1e20, false)).toBe("100000000000000000000");
    expect(pythonNumber(Number.NaN, true)).toBe("NaN");
    expect(pythonNumber(Number.NEGATIVE_INFINITY, false)).toBe("-Infinity");
  });
});

/** Doubles where pythonFloatRepr takes its fast path, [1e-4, 1e16), either sign, whole ones too. */
const fastPathDoubles = fc
  .tuple(
    fc.oneof(
      fc.double({ min: 1e-4, max: 1e16, maxExcluded: true, noNaN: true }),
      fc
        .double({ min: 1e-4, max: 1e16, maxExcluded: true, noNaN: true })
        .map((x) => Math.max(1, Math.trunc(x))),
    ),
    fc.boolean(),
  )
  .map(([x, negative]) => (negative ? -x : x));

describe("pythonFloatRepr", () => {
  const pairs = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, "fixtures", "float-repr.json"), "utf8"),
  ) as Array<[number, string]>;

  it("equals Python's repr(float) on 1,135 reference values (fixtures/float_repr.py), the general path too", () => {
    expect(pairs.length).toBe(1135);
    for (const [x, repr] of pairs) {
      expect(pythonFloatRepr(x)).toBe(repr);
      expect(pythonFloatReprFromDigits(x)).toBe(repr);
    }
  });

  it("at the edges of the fast path [1e-4, 1e16) writes what Python 3.11 writes", () => {
    // /usr/bin/python3 -c 'import math; print(repr(math.nextafter(1e-4, 0)))' and so on.
    const expected: Array<[number, string]> = [
      [1e16, "1e+16"],
      [-1e16, "-1e+16"],
      [9999999999999998, "9999999999999998.0"],
      [-9999999999999998, "-9999999999999998.0"],
      [1e15 + 0.5, "1000000000000000.5"],
      [-(1e15 + 0.5), "-1000000000000000.5"],
      [2 ** 53, "9007199254740992.0"],
      [0.0001, "0.0001"],
      [-0.0001, "-0.0001"],
      [9.999999999999999e-5, "9.999999999999999e-05"],
      [-9.999999999999999e-5, "-9.999999999999999e-05"],
      [0.00010000000000000002, "0.00010000000000000002"],
      [0.1 + 0.2, "0.30000000000000004"],
    ];
    for (const [x, repr] of expected) expect(pythonFloatRepr(x)).toBe(repr);
    // The fixture holds each of them too, from Python itself.
    const fromPython = new Map(pairs.map(([x, repr]) => [x, repr]));
    for (const [x, repr] of expected) expect(fromPython.get(x)).toBe(repr);
  });

  it("fast path equals the general path on every double in [1e-4, 1e16) of either sign (fast-check)", () => {
    fc.assert(
      fc.property(fastPathDoubles, (x) => {
        expect(pythonFloatRepr(x)).toBe(pythonFloatReprFromDigits(x));
      }),
      { numRuns: 20_000 },
    );
  });

  describe("against Python itself", () => {
    const peer = optuna31();
    it.skipIf(peer.python === null)(
      "repr(float) of 5,000 random doubles of the fast path's range equals pythonFloatRepr",
      () => {
        const xs = fc.sample(fastPathDoubles, { numRuns: 5000 });
        const run = spawnSync(
          peer.python!,
          ["-c", "import json, sys; print(json.dumps([repr(float(x)) for x in json.load(sys.stdin)]))"],
          { input: JSON.stringify(xs), encoding: "utf8", timeout: 60_000 },
        );
        expect(run.status, run.stderr).toBe(0);
        const reprs = JSON.parse(run.stdout) as string[];
        expect(reprs.length).toBe(xs.length);
        const wrong = xs.flatMap((x, i) => (pythonFloatRepr(x) === reprs[i] ? [] : [[x, reprs[i]]]));
        expect(wrong).toEqual([]);
      },
    );
  });
});

describe("stringifyPythonJson", () => {
  it("writes compact JSON with Python's non-finite tokens", () => {
    expect(stringifyPythonJson({ v: [1, Number.NaN, -0], s: "é\n" }, false)).toBe(
      '{"v":[1,NaN,-0.0],"s":"é\\n"}',
    );
    expect(stringifyPythonJson({ v: [1, 2.5] }, true)).toBe('{"v":[1.0,2.5]}');
  });

  it("throws TypeError for what is not JSON", () => {
    expect(() => stringifyPythonJson({ f: (() => 1) as never })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stringifyPythonJson(cycle as never)).toThrow(/nesting/);
  });

  it("round-trips every JSON value with doubles (NaN, ±Infinity and -0 included) through parsePythonJson", () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.integer()),
      node: fc.oneof(
        { depthSize: "small" },
        tie("leaf"),
        fc.array(tie("node"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("node"), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, fc.boolean(), (v, float) => {
        expect(parsePythonJson(stringifyPythonJson(v as never, float))).toEqual(v);
      }),
    );
  });
});
