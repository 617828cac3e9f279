import * as fs from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parsePythonJson,
  pythonFloatRepr,
  pythonNumber,
  stringifyPythonJson,
} from "../../src/journal/python-json.js";

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

describe("pythonFloatRepr", () => {
  it("equals Python's repr(float) on 919 reference values (fixtures/float_repr.py)", () => {
    const pairs = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, "fixtures", "float-repr.json"), "utf8"),
    ) as Array<[number, string]>;
    expect(pairs.length).toBe(919);
    for (const [x, repr] of pairs) expect(pythonFloatRepr(x)).toBe(repr);
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
