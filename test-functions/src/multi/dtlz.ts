/**
 * The DTLZ problems, Deb, Thiele, Laumanns, Zitzler (2002), "Scalable Multi-Objective
 * Optimization Test Problems", CEC 2002 (and the 2005 book chapter "Scalable Test Problems for
 * Evolutionary Multiobjective Optimization"): M objectives, n = M + k - 1 variables in [0, 1],
 * x = (x_1..x_{M-1}, x_M) with x_M the last k "distance" variables.
 *
 * Usual k: DTLZ1 k = 5, DTLZ2-4 k = 10, DTLZ7 k = 20. Reference points as in Yang, Emmerich,
 * Deutz, Bäck (2019) and BoTorch: DTLZ1 400·1, DTLZ2 and DTLZ4 1.1·1, DTLZ3 10000·1, DTLZ7 15·1.
 */
import { filled, type MultiBoxFunction } from "../box/box-function.js";
import {
  type Interval,
  productGrid,
  recordIntervals,
  simplexPoints,
  spreadOnIntervals,
} from "./front-tools.js";
import { makeMultiBoxFunction } from "./multi-box.js";

const SOURCE =
  "Deb, Thiele, Laumanns, Zitzler (2002), Scalable Multi-Objective Optimization Test Problems, CEC 2002; reference point from Yang et al. (2019)";

/** Options of the DTLZ factories. */
export interface DtlzOptions {
  /** Number of objectives M ≥ 2. @defaultValue 3 */
  readonly nObjectives?: number;
  /** Number of distance variables k ≥ 1. @defaultValue 5 (DTLZ1), 10 (DTLZ2-4), 20 (DTLZ7) */
  readonly k?: number;
}

function sizes(fn: string, options: DtlzOptions, defaultK: number): { m: number; k: number; n: number } {
  const m = options.nObjectives ?? 3;
  const k = options.k ?? defaultK;
  if (!Number.isInteger(m) || m < 2 || m > 100)
    throw new RangeError(`${fn}: nObjectives must be an integer in [2, 100], got ${m}`);
  if (!Number.isInteger(k) || k < 1 || k > 10000)
    throw new RangeError(`${fn}: k must be an integer in [1, 10000], got ${k}`);
  return { m, k, n: m + k - 1 };
}

/** g of DTLZ1 and DTLZ3: 100 [k + Σ_{x_M} ((x - ½)² - cos(20π(x - ½)))]. */
function gRastrigin(x: Float64Array, m: number, k: number): number {
  let s = 0;
  for (let i = m - 1; i < x.length; i++) {
    const t = x[i]! - 0.5;
    s += t * t - Math.cos(20 * Math.PI * t);
  }
  return 100 * (k + s);
}

/** g of DTLZ2 and DTLZ4: Σ_{x_M} (x - ½)². */
function gSphere(x: Float64Array, m: number): number {
  let s = 0;
  for (let i = m - 1; i < x.length; i++) s += (x[i]! - 0.5) * (x[i]! - 0.5);
  return s;
}

/** f_i = (1 + g) Π_{j<M-i} cos(y_j π/2) · sin(y_{M-i} π/2) (i = 1..M; y = x^α). */
function sphereObjectives(x: Float64Array, m: number, g: number, alpha: number, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let f = 1 + g;
    const upto = m - 1 - i;
    for (let j = 0; j < upto; j++) f *= Math.cos((x[j]! ** alpha * Math.PI) / 2);
    if (i > 0) f *= Math.sin((x[upto]! ** alpha * Math.PI) / 2);
    out[i] = f;
  }
}

/** A Pareto-set point: position variables t (length M - 1), distance variables at `distance`. */
function setPoint(t: readonly number[], m: number, n: number, distance: number): Float64Array {
  const x = new Float64Array(n).fill(distance);
  for (let i = 0; i < m - 1; i++) x[i] = t[i]!;
  return x;
}

/**
 * The position variables whose DTLZ1 objectives are w/2 for a simplex point w: from
 * f_M = ½(1 - x_1), f_{M-1} = ½ x_1 (1 - x_2), ... (peeled from the last objective).
 */
function linearPosition(w: readonly number[]): number[] {
  const m = w.length;
  const x: number[] = [];
  let prod = 1; // Π x_j so far
  for (let i = 0; i < m - 1; i++) {
    const fi = w[m - 1 - i]!; // objective M - i, = prod (1 - x_i)
    const xi = prod <= 0 ? 0 : 1 - fi / prod;
    x.push(Math.min(1, Math.max(0, xi)));
    prod *= x[i]!;
  }
  return x;
}

/**
 * The angles (as x ∈ [0, 1]) of a unit vector v ≥ 0 on the sphere, for DTLZ2-4 with α = 1:
 * θ_i = atan2(v_{M-i}, ‖(v_1..v_{M-i-1})‖) (atan2 rather than asin keeps full precision near π/2).
 */
function sphericalPosition(v: readonly number[]): number[] {
  const m = v.length;
  const x: number[] = [];
  for (let i = 0; i < m - 1; i++) {
    let rest = 0;
    for (let j = 0; j < m - 1 - i; j++) rest += v[j]! * v[j]!;
    x.push((2 * Math.atan2(v[m - 1 - i]!, Math.sqrt(rest))) / Math.PI);
  }
  return x;
}

function unitSphereFront(m: number, n: number): number[][] {
  return simplexPoints(m, n).map((w) => {
    const norm = Math.sqrt(w.reduce((s, v) => s + v * v, 0));
    return w.map((v) => v / norm);
  });
}

/**
 * DTLZ1: f_1 = ½ x_1⋯x_{M-1}(1 + g), ..., f_M = ½(1 - x_1)(1 + g), g Rastrigin-like (11^k - 1 local
 * fronts); the front is the simplex Σ f_i = ½ (x_M = ½).
 * @example dtlz1({ nObjectives: 2 }).paretoFront(3) // [[0, 0.5], [0.25, 0.25], [0.5, 0]]
 */
export function dtlz1(options: DtlzOptions = {}): MultiBoxFunction {
  const { m, k, n } = sizes("dtlz1", options, 5);
  return makeMultiBoxFunction({
    name: `dtlz1-m${m}-k${k}`,
    description: `DTLZ1 with ${m} objectives and ${n} variables (linear front, many local fronts).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: m,
    tags: ["multi-objective", "multimodal"],
    referencePoint: new Array<number>(m).fill(400),
    source: SOURCE,
    evaluateVector(x, out) {
      const g = gRastrigin(x, m, k);
      for (let i = 0; i < m; i++) {
        let f = 0.5 * (1 + g);
        const upto = m - 1 - i;
        for (let j = 0; j < upto; j++) f *= x[j]!;
        if (i > 0) f *= 1 - x[upto]!;
        out[i] = f;
      }
    },
    paretoFront: (count) => simplexPoints(m, count).map((w) => w.map((v) => v / 2)),
    paretoSetPoint: (t) => setPoint(t, m, n, 0.5),
  });
}

function sphereProblem(
  fn: string,
  options: DtlzOptions,
  g: "sphere" | "rastrigin",
  alpha: number,
  ref: number,
  describe: string,
): MultiBoxFunction {
  const { m, k, n } = sizes(fn, options, 10);
  return makeMultiBoxFunction({
    name: `${fn}-m${m}-k${k}`,
    description: `${fn.toUpperCase()} with ${m} objectives and ${n} variables (${describe}).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: m,
    tags: g === "rastrigin" ? ["multi-objective", "multimodal"] : ["multi-objective"],
    referencePoint: new Array<number>(m).fill(ref),
    source: SOURCE,
    evaluateVector(x, out) {
      const gv = g === "sphere" ? gSphere(x, m) : gRastrigin(x, m, k);
      sphereObjectives(x, m, gv, alpha, out);
    },
    paretoFront: (count) => unitSphereFront(m, count),
    paretoSetPoint: (t) => setPoint(t, m, n, 0.5),
  });
}

/** DTLZ2: spherical front Σ f_i² = 1 (x_M = ½), g = Σ (x_i - ½)². */
export function dtlz2(options: DtlzOptions = {}): MultiBoxFunction {
  return sphereProblem("dtlz2", options, "sphere", 1, 1.1, "spherical front");
}

/** DTLZ3: DTLZ2's front with DTLZ1's multimodal g (3^k - 1 local fronts). */
export function dtlz3(options: DtlzOptions = {}): MultiBoxFunction {
  return sphereProblem("dtlz3", options, "rastrigin", 1, 10000, "spherical front, many local fronts");
}

/** DTLZ4: DTLZ2 with x_i ↦ x_i^100 in the position variables (biased density), same front. */
export function dtlz4(options: DtlzOptions = {}): MultiBoxFunction {
  return sphereProblem("dtlz4", options, "sphere", 100, 1.1, "spherical front, biased density");
}

const u7 = (f: number): number => f * (1 + Math.sin(3 * Math.PI * f));
const du7 = (f: number): number =>
  1 + Math.sin(3 * Math.PI * f) + 3 * Math.PI * f * Math.cos(3 * Math.PI * f);

/**
 * The non-dominated f_i-intervals of DTLZ7 (the record set of -f(1 + sin 3πf) on [0, 1];
 * published: [0, 0.2514118360] ∪ [0.6316265307, 0.8594008566]). The front is the product of
 * these intervals in f_1..f_{M-1}: 2^(M-1) disconnected regions.
 */
export const DTLZ7_INTERVALS: readonly Interval[] = recordIntervals(
  (f) => -u7(f),
  (f) => -du7(f),
  0,
  1,
);

/**
 * DTLZ7: f_i = x_i (i < M), f_M = (1 + g) h with g = 1 + 9/k Σ x_M and
 * h = M - Σ_{i<M} f_i/(1 + g) (1 + sin 3πf_i); front at x_M = 0 (g = 1): f_M = 2M - Σ f_i(1 + sin 3πf_i)
 * with each f_i in {@link DTLZ7_INTERVALS}.
 */
export function dtlz7(options: DtlzOptions = {}): MultiBoxFunction {
  const { m, k, n } = sizes("dtlz7", options, 20);
  const front = (pos: readonly number[]): number[] => {
    let h = m;
    for (const f of pos) h -= u7(f) / 2;
    return [...pos, 2 * h];
  };
  return makeMultiBoxFunction({
    name: `dtlz7-m${m}-k${k}`,
    description: `DTLZ7 with ${m} objectives and ${n} variables (${2 ** (m - 1)} disconnected front regions).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: m,
    tags: ["multi-objective", "multimodal"],
    referencePoint: new Array<number>(m).fill(15),
    source: SOURCE,
    evaluateVector(x, out) {
      let s = 0;
      for (let i = m - 1; i < n; i++) s += x[i]!;
      const g = 1 + (9 / k) * s;
      let h = m;
      for (let i = 0; i < m - 1; i++) {
        out[i] = x[i]!;
        h -= (x[i]! / (1 + g)) * (1 + Math.sin(3 * Math.PI * x[i]!));
      }
      out[m - 1] = (1 + g) * h;
    },
    paretoFront: (count) => productGrid(DTLZ7_INTERVALS, m - 1, count).map(front),
    paretoSetPoint: (t) => {
      const grid = spreadOnIntervals(DTLZ7_INTERVALS, 100001);
      return setPoint(
        t.map((v) => grid[Math.round(v * 100000)]!),
        m,
        n,
        0,
      );
    },
  });
}

/** Position variables of the Pareto-set point whose DTLZ1 image is (w/2) for simplex weights w. */
export function dtlz1Position(w: readonly number[]): number[] {
  return linearPosition(w);
}

/** Position variables of the DTLZ2/DTLZ3 Pareto-set point whose image is the unit vector v ≥ 0. */
export function dtlz2Position(v: readonly number[]): number[] {
  return sphericalPosition(v);
}
