/**
 * Named instances: the standard set the benchmarks use (compared against Optuna 3.1 in the
 * project's baselines) and a lookup by name for every family.
 */
import { bbob } from "../bbob/bbob.js";
import type { BoxFunction } from "../box/box-function.js";
import { ackley } from "../classic/ackley.js";
import { branin } from "../classic/branin.js";
import { ellipsoid } from "../classic/ellipsoid.js";
import { griewank } from "../classic/griewank.js";
import { hartmann3, hartmann6 } from "../classic/hartmann.js";
import { levy } from "../classic/levy.js";
import { rastrigin } from "../classic/rastrigin.js";
import { rosenbrock } from "../classic/rosenbrock.js";
import { sphere } from "../classic/sphere.js";
import { styblinskiTang } from "../classic/styblinski-tang.js";
import { conditionalProblem } from "../mixed/conditional.js";
import { mixedProblem } from "../mixed/mixed.js";
import { dtlz1, dtlz2, dtlz3, dtlz4, dtlz7 } from "../multi/dtlz.js";
import { zdt1, zdt2, zdt3, zdt4, zdt6 } from "../multi/zdt.js";
import type { TestFunction } from "../types.js";

/** Names of the eight standard single-objective instances of the benchmarks. */
export const STANDARD_NAMES: readonly string[] = [
  "branin",
  "hartmann6",
  "rosenbrock-10",
  "rastrigin-10",
  "ackley-10",
  "styblinski-tang-10",
  "levy-10",
  "griewank-10",
];

/**
 * The eight standard instances (Branin, Hartmann-6, and Rosenbrock, Rastrigin, Ackley,
 * Styblinski-Tang, Levy, Griewank in 10 dimensions) with the VLSE domains, the same as the
 * Optuna 3.1 baselines (checked by test/fixtures/optuna_qmc_domains.py). Rastrigin, Ackley and
 * Griewank have their optimum at the centre of the box.
 */
export function standardFunctions(): BoxFunction[] {
  return [
    branin(),
    hartmann6(),
    rosenbrock(10),
    rastrigin(10),
    ackley(10),
    styblinskiTang(10),
    levy(10),
    griewank(10),
  ];
}

const FAMILIES: Readonly<Record<string, (d: number) => BoxFunction>> = {
  sphere,
  ellipsoid: (d) => ellipsoid(d),
  rosenbrock,
  rastrigin,
  ackley,
  griewank,
  levy,
  "styblinski-tang": styblinskiTang,
};

/**
 * The test function named `name`: "branin", "hartmann3", "hartmann6", "mixed-categorical-shift",
 * "conditional-model-choice", "<family>-<d>" for sphere, ellipsoid, rosenbrock, rastrigin,
 * ackley, griewank, levy, styblinski-tang, "bbob-f<f>-d<d>-i<i>", "zdt<1|2|3|4|6>[-<n>]",
 * "dtlz<1|2|3|4|7>-m<M>[-k<k>]".
 * @throws RangeError if the name matches no family (or its numbers are out of range).
 * @example testFunction("bbob-f15-d10-i1").optimum // COCO's f_opt of that instance
 */
export function testFunction(name: string): TestFunction {
  if (name === "branin") return branin();
  if (name === "hartmann3") return hartmann3();
  if (name === "hartmann6") return hartmann6();
  if (name === "mixed-categorical-shift") return mixedProblem();
  if (name === "conditional-model-choice") return conditionalProblem();
  let m = /^bbob-f(\d+)-d(\d+)-i(\d+)$/.exec(name);
  if (m !== null) return bbob(Number(m[1]), Number(m[2]), { instance: Number(m[3]) });
  m = /^zdt([12346])(?:-(\d+))?$/.exec(name);
  if (m !== null) {
    const n = m[2] === undefined ? undefined : Number(m[2]);
    const make = { "1": zdt1, "2": zdt2, "3": zdt3, "4": zdt4, "6": zdt6 }[
      m[1] as "1" | "2" | "3" | "4" | "6"
    ];
    return n === undefined ? make() : make(n);
  }
  m = /^dtlz([12347])-m(\d+)(?:-k(\d+))?$/.exec(name);
  if (m !== null) {
    const make = { "1": dtlz1, "2": dtlz2, "3": dtlz3, "4": dtlz4, "7": dtlz7 }[
      m[1] as "1" | "2" | "3" | "4" | "7"
    ];
    return make({ nObjectives: Number(m[2]), ...(m[3] === undefined ? {} : { k: Number(m[3]) }) });
  }
  m = /^([a-z-]+?)-(\d+)$/.exec(name);
  if (m !== null && m[1]! in FAMILIES) return FAMILIES[m[1]!]!(Number(m[2]));
  throw new RangeError(`testFunction: unknown test function name "${name}"`);
}

/**
 * One instance of every registered family, as the contract test checks them: the standard
 * set, the classic functions in 2 and 5 dimensions, Hartmann-3, the 24 BBOB functions in 2 and
 * 10 dimensions (instance 1) and in 5 dimensions (instance 7), the mixed and conditional
 * problems, ZDT1-4, ZDT6 and DTLZ1-4, DTLZ7 with 2 and 3 objectives.
 */
export function registeredFunctions(): TestFunction[] {
  const out: TestFunction[] = [...standardFunctions(), hartmann3()];
  for (const d of [2, 5]) for (const make of Object.values(FAMILIES)) out.push(make(d));
  for (let f = 1; f <= 24; f++) {
    out.push(bbob(f, 2), bbob(f, 10), bbob(f, 5, { instance: 7 }));
  }
  out.push(mixedProblem(), conditionalProblem());
  out.push(zdt1(), zdt2(), zdt3(), zdt4(), zdt6());
  for (const m of [2, 3]) {
    const o = { nObjectives: m };
    out.push(dtlz1(o), dtlz2(o), dtlz3(o), dtlz4(o), dtlz7(o));
  }
  return out;
}
