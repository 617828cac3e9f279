/**
 * The Optuna peer re-implements the test functions in Python (benchmarks/peers/optuna_peer.py):
 * both sides must agree on shared points. Skipped, saying so, when /usr/bin/python3 (or
 * $TUNELAB_PYTHON) or its optuna is missing: the tests never need Python.
 */
import { Rng } from "@tunelab/math/random";
import type { ParamSpec, Params, ParamValue } from "@tunelab/test-functions";
import { isActive } from "@tunelab/test-functions/space";
import { describe, expect, it } from "vitest";
import { checkOptunaPeer, evaluateInPython } from "../../src/peers/optuna.js";
import { resolveProblem } from "../../src/problems/registry.js";
import { SUITES } from "../../src/suites/suites.js";

const status = checkOptunaPeer();
if (!status.available) console.warn(`optuna peer agreement test: SKIPPED (${status.message})`);

/** A random point of a declared space (conditions respected). */
function randomPoint(space: readonly ParamSpec[], rng: Rng): Params {
  const p: Record<string, ParamValue> = {};
  for (const s of space) {
    if (!isActive(s, p)) continue;
    if (s.kind === "categorical") p[s.name] = s.choices[rng.int(0, s.choices.length - 1)]!;
    else if (s.kind === "int") p[s.name] = rng.int(s.low, s.high);
    else
      p[s.name] =
        s.log === true
          ? Math.exp(rng.uniform(Math.log(s.low), Math.log(s.high)))
          : rng.uniform(s.low, s.high);
  }
  return p;
}

/** Every function of the standard, quick and multi-objective suites, plus more families. */
const FUNCTIONS = [
  ...new Set([
    ...SUITES.standard!.functions,
    ...SUITES.quick!.functions,
    ...SUITES["multi-objective"]!.functions,
    "sphere-5",
    "ellipsoid-5",
    "rastrigin-3",
    "hartmann3",
    "zdt1-5",
    "zdt4-6",
    "dtlz2-m2",
    "dtlz3-m3",
    "dtlz4-m3",
    "dtlz1-m3-k3",
  ]),
];

describe.skipIf(!status.available)("the Optuna peer's functions agree with @tunelab/test-functions", () => {
  it(`on 25 random points and the known optimizers of ${FUNCTIONS.length} functions`, () => {
    const rng = Rng.fromSeed(2026);
    const requests = FUNCTIONS.map((name) => {
      const fn = resolveProblem(name).fn;
      const points: Params[] = Array.from({ length: 25 }, () => randomPoint(fn.space, rng));
      if (fn.kind === "single") points.push(...fn.optimizers);
      return { function: name, points };
    });
    const answers = evaluateInPython(requests);
    requests.forEach((req, i) => {
      const a = answers[i]!;
      expect(a.error, `${req.function}: ${a.error}`).toBeUndefined();
      const fn = resolveProblem(req.function).fn;
      req.points.forEach((p, j) => {
        const ts = fn.evaluate(p);
        const py = a.values[j];
        const tsv = Array.isArray(ts) ? ts : [ts];
        const pyv = Array.isArray(py) ? py : [py];
        expect(pyv.length, req.function).toBe(tsv.length);
        tsv.forEach((v, k) => {
          const w = pyv[k] as number;
          expect(
            Math.abs(v - w),
            `${req.function} at ${JSON.stringify(p)}: ${v} vs ${w}`,
          ).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
        });
      });
    });
  });
});
