/**
 * The test-function contract (STYLE.md §11): every registered function passes it.
 *
 * - the declared space is well-formed (bounds, unique names, conditions on earlier categoricals);
 * - the optimizers lie in the space and evaluate to the optimum (relative 1e-9);
 * - no point of the space evaluates below the optimum (fast-check, seeded: uniform points and
 *   points near each optimizer at three scales);
 * - multi-objective: the Pareto-front sample is mutually non-dominated and dominates nothing
 *   beyond the reference point, Pareto-set points evaluate onto the analytic front, and no
 *   sampled point dominates a front point.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bbob } from "../src/bbob/index.js";
import type { MultiBoxFunction } from "../src/box/index.js";
import { vectorToParams } from "../src/box/index.js";
import { noisy } from "../src/noise/index.js";
import { registeredFunctions } from "../src/registry/index.js";
import { inSpace, isActive, paramsProblems, spaceProblems } from "../src/space/index.js";
import type {
  MultiObjectiveFunction,
  ParamSpec,
  Params,
  ParamValue,
  SingleObjectiveFunction,
} from "../src/types.js";

/** Maps uniforms u ∈ [0, 1) to a parameter record, one per declared parameter in order. */
function pointFromUniforms(space: readonly ParamSpec[], u: readonly number[]): Params {
  const out: Record<string, ParamValue> = {};
  space.forEach((spec, i) => {
    if (!isActive(spec, out)) return;
    const v = u[i]!;
    if (spec.kind === "categorical")
      out[spec.name] = spec.choices[Math.min(spec.choices.length - 1, Math.floor(v * spec.choices.length))]!;
    else if (spec.kind === "int") {
      const x =
        spec.log === true
          ? Math.exp(Math.log(spec.low) + v * (Math.log(spec.high + 1) - Math.log(spec.low)))
          : spec.low + v * (spec.high - spec.low + 1);
      out[spec.name] = Math.min(spec.high, Math.max(spec.low, Math.floor(x)));
    } else {
      const x =
        spec.log === true
          ? Math.exp(Math.log(spec.low) + v * (Math.log(spec.high) - Math.log(spec.low)))
          : spec.low + v * (spec.high - spec.low);
      out[spec.name] = Math.min(spec.high, Math.max(spec.low, x));
    }
  });
  return out;
}

/** Moves the float and int parameters of `opt` by `scale`·(2v - 1) of their range, clamped. */
function nearPoint(space: readonly ParamSpec[], opt: Params, scale: number, v: readonly number[]): Params {
  const out: Record<string, ParamValue> = { ...opt };
  space.forEach((spec, i) => {
    if (!(spec.name in opt) || spec.kind === "categorical") return;
    const x0 = opt[spec.name] as number;
    const x = x0 + scale * (spec.high - spec.low) * (2 * v[i]! - 1);
    const c = Math.min(spec.high, Math.max(spec.low, x));
    out[spec.name] = spec.kind === "int" ? Math.round(c) : c;
  });
  return out;
}

const tol = (opt: number): number => 1e-9 * Math.max(1, Math.abs(opt));

const dominates = (a: readonly number[], b: readonly number[]): boolean =>
  a.every((v, i) => v <= b[i]!) && a.some((v, i) => v < b[i]!);

/** a dominates b by more than rounding: no worse than b + 1e-12 anywhere, better by 1e-9 somewhere. */
const clearlyDominates = (a: readonly number[], b: readonly number[]): boolean =>
  a.every((v, i) => v <= b[i]! + 1e-12) && a.some((v, i) => v < b[i]! - 1e-9);

/** The analytic front's defining equation, written out independently of src/: zero on the front. */
function frontResidual(name: string, y: readonly number[]): number {
  const family = name.split("-")[0];
  const m = y.length;
  switch (family) {
    case "zdt1":
    case "zdt4":
      return y[1]! - (1 - Math.sqrt(y[0]!));
    case "zdt2":
    case "zdt6":
      return y[1]! - (1 - y[0]! * y[0]!);
    case "zdt3":
      return y[1]! - (1 - Math.sqrt(y[0]!) - y[0]! * Math.sin(10 * Math.PI * y[0]!));
    case "dtlz1":
      return y.reduce((s, v) => s + v, 0) - 0.5;
    case "dtlz2":
    case "dtlz3":
    case "dtlz4":
      return y.reduce((s, v) => s + v * v, 0) - 1;
    case "dtlz7":
      return (
        y[m - 1]! - (2 * m - y.slice(0, -1).reduce((s, v) => s + v * (1 + Math.sin(3 * Math.PI * v)), 0))
      );
    default:
      throw new Error(`no front equation for ${name}`);
  }
}

const all = registeredFunctions();
const single = all.filter((f): f is SingleObjectiveFunction => f.kind === "single");
const multi = all.filter((f): f is MultiObjectiveFunction => f.kind === "multi");

describe("test-function contract", () => {
  it("registers unique names", () => {
    const names = all.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(single.length).toBeGreaterThan(80);
    expect(multi.length).toBe(15);
  });

  describe.each(all.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    it("declares a well-formed space with a source and tags", () => {
      expect(spaceProblems(f.space)).toEqual([]);
      expect(f.space.length).toBeGreaterThan(0);
      expect(f.source.length).toBeGreaterThan(10);
      expect(f.tags.length).toBeGreaterThan(0);
    });
  });

  describe.each(single.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    const opt = f.optimum!;
    it("evaluates each optimizer, a point of the space, to the optimum", () => {
      expect(opt).not.toBeNull();
      expect(f.optimizers.length).toBeGreaterThan(0);
      for (const x of f.optimizers) {
        expect(paramsProblems(f.space, x)).toEqual([]);
        expect(Math.abs(f.evaluate(x) - opt)).toBeLessThanOrEqual(tol(opt));
      }
    });

    it("never evaluates below the optimum at points of the space", () => {
      const n = f.space.length;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
            minLength: n,
            maxLength: n,
          }),
          (u) => {
            const x = pointFromUniforms(f.space, u);
            expect(paramsProblems(f.space, x)).toEqual([]);
            expect(f.evaluate(x)).toBeGreaterThanOrEqual(opt - tol(opt));
          },
        ),
        { numRuns: 150 },
      );
    });

    it("never evaluates below the optimum near an optimizer", () => {
      const n = f.space.length;
      fc.assert(
        fc.property(
          fc.constantFrom(1e-7, 1e-4, 1e-2),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
          (scale, v) => {
            const x = nearPoint(f.space, f.optimizers[0]!, scale, v);
            for (const spec of f.space) if (spec.name in x) expect(inSpace(spec, x[spec.name])).toBe(true);
            expect(f.evaluate(x)).toBeGreaterThanOrEqual(opt - tol(opt));
          },
        ),
        { numRuns: 60 },
      );
    });
  });

  describe.each(multi.map((f) => [f.name, f as MultiBoxFunction] as const))("%s", (_name, f) => {
    const front = f.paretoFront(60);

    it("samples a mutually non-dominated front inside the reference point", () => {
      expect(front.length).toBe(60);
      for (const p of front) {
        expect(p.length).toBe(f.nObjectives);
        p.forEach((v, i) => {
          expect(v).toBeLessThan(f.referencePoint[i]!);
        });
      }
      for (const a of front) for (const b of front) expect(dominates(a, b)).toBe(false);
      for (const p of front) expect(Math.abs(frontResidual(f.name, p))).toBeLessThanOrEqual(1e-12);
    });

    it("maps Pareto-set points onto non-dominated points of the front", () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
            minLength: f.nObjectives - 1,
            maxLength: f.nObjectives - 1,
          }),
          (t) => {
            const x = f.paretoSetPoint(t);
            const params = Object.fromEntries(Array.from(x, (v, i) => [`x${i}`, v]));
            expect(paramsProblems(f.space, params)).toEqual([]);
            const y = f.evaluate(params);
            expect(Math.abs(frontResidual(f.name, y))).toBeLessThanOrEqual(1e-9);
            for (const p of front) expect(clearlyDominates(p, y)).toBe(false);
          },
        ),
        { numRuns: 50 },
      );
    });

    it("has no point of the space that dominates a point of the front", () => {
      const n = f.space.length;
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
            minLength: n,
            maxLength: n,
          }),
          (u) => {
            const y = f.evaluate(pointFromUniforms(f.space, u));
            for (const p of front) {
              // Allow rounding: a point may tie the front, never beat it by more than 1e-9.
              const beats = y.every((v, i) => v <= p[i]! - 1e-9);
              expect(beats).toBe(false);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});

describe("seeded instances", () => {
  const points = (d: number, seed: number): Float64Array[] => {
    const out: Float64Array[] = [];
    let s = seed;
    for (let k = 0; k < 5; k++) {
      const x = new Float64Array(d);
      for (let i = 0; i < d; i++) {
        s = (s * 16807) % 2147483647;
        x[i] = -5 + (10 * s) / 2147483647;
      }
      out.push(x);
    }
    return out;
  };

  it.each(Array.from({ length: 24 }, (_, i) => i + 1))(
    "bbob f%i: same instance, same values; another instance, another x_opt",
    (fid) => {
      const a = bbob(fid, 6, { instance: 3 });
      const b = bbob(fid, 6, { instance: 3 });
      const c = bbob(fid, 6, { instance: 4 });
      for (const x of points(6, fid)) expect(a.evaluateVector(x)).toBe(b.evaluateVector(x));
      expect(Array.from(a.optimizerVectors[0]!)).toEqual(Array.from(b.optimizerVectors[0]!));
      expect(Array.from(a.optimizerVectors[0]!)).not.toEqual(Array.from(c.optimizerVectors[0]!));
      expect(a.optimum).not.toBe(c.optimum);
    },
  );

  it("noisy: the same seed gives the same values in any order, another seed other values", () => {
    const make = (seed: number) => noisy(bbob(3, 4), { noise: { kind: "additive", sd: 1 }, seed });
    const xs = points(4, 9).map((x) => vectorToParams(x));
    const f = make(5);
    const forward = xs.map((x) => f.evaluate(x));
    const g = make(5);
    const backward = [...xs]
      .reverse()
      .map((x) => g.evaluate(x))
      .reverse();
    expect(backward).toEqual(forward);
    const other = xs.map((x) => make(6).evaluate(x));
    other.forEach((v, i) => {
      expect(v).not.toBe(forward[i]);
    });
  });
});
