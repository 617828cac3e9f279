import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/exit-codes.js";
import { parseSearchSpace } from "../src/search-space.js";
import { workspace } from "./commands/harness.js";

const ws = workspace();
afterAll(() => ws.cleanup());

const FLAG = "--search-space";

function errorOf(text: string): string {
  try {
    parseSearchSpace(text, FLAG);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    const message = (e as Error).message;
    expect(message).not.toContain("\n");
    expect(message.startsWith(`${FLAG}: `)).toBe(true);
    return message;
  }
  throw new Error(`no error for ${text}`);
}

describe("parseSearchSpace", () => {
  it("reads Optuna's CLI JSON of every distribution kind", () => {
    const space = parseSearchSpace(
      JSON.stringify({
        x: { name: "FloatDistribution", attributes: { low: 0.0, high: 1.0, log: false, step: null } },
        lr: { name: "FloatDistribution", attributes: { low: 1e-5, high: 0.1, log: true } },
        q: { name: "FloatDistribution", attributes: { low: 0, high: 1, step: 0.25 } },
        n: { name: "IntDistribution", attributes: { low: 1, high: 9, step: 2, log: false } },
        opt: { name: "CategoricalDistribution", attributes: { choices: ["adam", "sgd", null, 1, true] } },
      }),
      FLAG,
    );
    expect(space.x).toEqual({ kind: "float", low: 0, high: 1, log: false, step: null });
    expect(space.lr).toEqual({ kind: "float", low: 1e-5, high: 0.1, log: true, step: null });
    expect(space.q).toEqual({ kind: "float", low: 0, high: 1, log: false, step: 0.25 });
    expect(space.n).toEqual({ kind: "int", low: 1, high: 9, log: false, step: 2 });
    expect(space.opt).toEqual({ kind: "categorical", choices: ["adam", "sgd", null, 1, true] });
  });

  it("reads Optuna's legacy names (UniformDistribution, IntUniformDistribution, ...)", () => {
    const space = parseSearchSpace(
      JSON.stringify({
        u: { name: "UniformDistribution", attributes: { low: -1, high: 1 } },
        l: { name: "LogUniformDistribution", attributes: { low: 0.01, high: 1 } },
        i: { name: "IntUniformDistribution", attributes: { low: 0, high: 3 } },
      }),
      FLAG,
    );
    expect(space.u?.kind).toBe("float");
    expect(space.l).toMatchObject({ kind: "float", log: true });
    expect(space.i).toMatchObject({ kind: "int", low: 0, high: 3 });
  });

  it("reads an empty object as an empty space", () => {
    expect(parseSearchSpace("{}", FLAG)).toEqual({});
  });

  it("reads @file as the file's JSON", () => {
    const path = join(ws.dir, "space.json");
    writeFileSync(path, JSON.stringify({ y: { name: "IntDistribution", attributes: { low: 0, high: 5 } } }));
    expect(parseSearchSpace(`@${path}`, FLAG).y).toMatchObject({ kind: "int", low: 0, high: 5 });
  });

  it("keeps any string as a parameter name, __proto__ and constructor included", () => {
    const int = { name: "IntDistribution", attributes: { low: 0, high: 1 } };
    const space = parseSearchSpace(
      `{"__proto__": ${JSON.stringify(int)}, "constructor": ${JSON.stringify(int)}}`,
      FLAG,
    );
    expect(Object.keys(space).sort()).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(space)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(space, "__proto__")?.value).toMatchObject({ kind: "int" });
  });

  it("refuses text that is not JSON, naming the flag", () => {
    expect(errorOf("{x: 1}")).toMatch(/not JSON/);
    expect(errorOf("")).toMatch(/not JSON/);
  });

  it("refuses JSON that is not an object of parameters", () => {
    expect(errorOf("[1, 2]")).toMatch(/expected a JSON object .* got an array/);
    expect(errorOf("3")).toMatch(/got number 3/);
    expect(errorOf("null")).toMatch(/got null/);
  });

  it("names the parameter whose record is malformed", () => {
    expect(errorOf('{"x": 3}')).toMatch(/parameter "x": expected \{"name"/);
    expect(errorOf('{"x": {"attributes": {}}}')).toMatch(/parameter "x": "name" must be one of/);
    expect(errorOf('{"x": {"name": "FloatDistribution"}}')).toMatch(
      /parameter "x": "attributes" must be an object/,
    );
    expect(errorOf('{"x": {"name": "FloatDistribution", "attributes": null}}')).toMatch(
      /"attributes" must be an object/,
    );
  });

  it("names an unknown distribution and lists the known ones", () => {
    const m = errorOf('{"lr": {"name": "NormalDistribution", "attributes": {}}}');
    expect(m).toMatch(/parameter "lr": unknown distribution name "NormalDistribution"/);
    expect(m).toContain("FloatDistribution, IntDistribution, CategoricalDistribution");
  });

  it("names the parameter whose bounds are wrong", () => {
    expect(errorOf('{"x": {"name": "FloatDistribution", "attributes": {"low": 2, "high": 1}}}')).toMatch(
      /parameter "x": low must be <= high, got low=2, high=1/,
    );
    expect(
      errorOf('{"x": {"name": "FloatDistribution", "attributes": {"low": 0, "high": 1, "log": true}}}'),
    ).toMatch(/parameter "x": low must be > 0 when log is true/);
    expect(errorOf('{"n": {"name": "IntDistribution", "attributes": {"low": 0.5, "high": 3}}}')).toMatch(
      /parameter "n": low must be an integer/,
    );
    expect(errorOf('{"x": {"name": "FloatDistribution", "attributes": {"low": 0}}}')).toMatch(
      /parameter "x": .*high must be a number/,
    );
    expect(errorOf('{"x": {"name": "FloatDistribution", "attributes": {"low": "0", "high": 1}}}')).toMatch(
      /parameter "x": .*low must be a number/,
    );
  });

  it("names the parameter whose choices are wrong", () => {
    const cat = (choices: string): string =>
      `{"c": {"name": "CategoricalDistribution", "attributes": {"choices": ${choices}}}}`;
    expect(errorOf(cat("[]"))).toMatch(/parameter "c": choices must be a non-empty array/);
    expect(errorOf(cat('["a", "a"]'))).toMatch(/parameter "c": choices must be unique/);
    expect(errorOf(cat("[{}]"))).toMatch(
      /parameter "c": choices\[0\] must be a string, number, boolean or null/,
    );
  });

  it("names the file it cannot read", () => {
    expect(errorOf(`@${join(ws.dir, "missing.json")}`)).toMatch(
      /cannot read the file .*missing\.json.*ENOENT/,
    );
  });
});
