/**
 * The ZDT problems, Zitzler, Deb, Thiele (2000), "Comparison of Multiobjective Evolutionary
 * Algorithms: Empirical Results", Evolutionary Computation 8(2): 173-195: two objectives,
 * f1 = x1 (ZDT6: 1 - exp(-4x1) sin⁶(6πx1)), f2 = g·h(f1, g), minimized.
 *
 * Pareto set: x1 free, x2..xn = 0 (g = 1). Reference point (11, 11), as in Yang, Emmerich,
 * Deutz, Bäck (2019), "Multi-objective Bayesian global optimization using expected
 * hypervolume improvement gradient", Swarm Evol. Comput. 44, and BoTorch's ZDT problems.
 */
import { filled, type MultiBoxFunction } from "../box/box-function.js";
import { type Interval, recordIntervals, spreadOnIntervals } from "./front-tools.js";
import { makeMultiBoxFunction } from "./multi-box.js";

const SOURCE =
  "Zitzler, Deb, Thiele (2000), Evolutionary Computation 8(2):173-195; reference point (11, 11) from Yang et al. (2019)";
const REF: readonly number[] = [11, 11];

function checkN(fn: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min || n > 10000) {
    throw new RangeError(`${fn}: number of variables must be an integer in [${min}, 10000], got ${n}`);
  }
}

function linspace(n: number, lo: number, hi: number): number[] {
  if (n <= 0) return [];
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function setPoint(n: number, x1: number): Float64Array {
  const x = new Float64Array(n);
  x[0] = x1;
  return x;
}

/** g = 1 + 9 Σ_{i≥2} x_i / (n - 1) (ZDT1-3). */
function gLinear(x: Float64Array): number {
  let s = 0;
  for (let i = 1; i < x.length; i++) s += x[i]!;
  return 1 + (9 * s) / (x.length - 1);
}

/**
 * ZDT1 on [0, 1]^n (default n = 30): h = 1 - √(f1/g); convex front f2 = 1 - √f1, f1 ∈ [0, 1].
 * @example zdt1().evaluate({ ...zeros, x0: 0.25 }) // [0.25, 0.5]
 */
export function zdt1(n = 30): MultiBoxFunction {
  checkN("zdt1", n, 2);
  return makeMultiBoxFunction({
    name: `zdt1-${n}`,
    description: `ZDT1 with ${n} variables (convex front).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: 2,
    tags: ["multi-objective"],
    referencePoint: REF,
    source: SOURCE,
    evaluateVector(x, out) {
      const g = gLinear(x);
      out[0] = x[0]!;
      out[1] = g * (1 - Math.sqrt(x[0]! / g));
    },
    paretoFront: (k) => linspace(k, 0, 1).map((f) => [f, 1 - Math.sqrt(f)]),
    paretoSetPoint: (t) => setPoint(n, t[0]!),
  });
}

/** ZDT2 on [0, 1]^n (default n = 30): h = 1 - (f1/g)²; concave front f2 = 1 - f1². */
export function zdt2(n = 30): MultiBoxFunction {
  checkN("zdt2", n, 2);
  return makeMultiBoxFunction({
    name: `zdt2-${n}`,
    description: `ZDT2 with ${n} variables (concave front).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: 2,
    tags: ["multi-objective"],
    referencePoint: REF,
    source: SOURCE,
    evaluateVector(x, out) {
      const g = gLinear(x);
      const r = x[0]! / g;
      out[0] = x[0]!;
      out[1] = g * (1 - r * r);
    },
    paretoFront: (k) => linspace(k, 0, 1).map((f) => [f, 1 - f * f]),
    paretoSetPoint: (t) => setPoint(n, t[0]!),
  });
}

const zdt3Curve = (f: number): number => 1 - Math.sqrt(f) - f * Math.sin(10 * Math.PI * f);
const zdt3Slope = (f: number): number =>
  -0.5 / Math.sqrt(f) - Math.sin(10 * Math.PI * f) - 10 * Math.PI * f * Math.cos(10 * Math.PI * f);

/**
 * The five f1-intervals of the disconnected ZDT3 front, computed as the record set of
 * f2(f1) = 1 - √f1 - f1 sin(10πf1) (published: [0, 0.0830015349], [0.1822287280, 0.2577623634],
 * [0.4093136748, 0.4538821041], [0.6183967944, 0.6525117038], [0.8233317983, 0.8518328654]).
 */
export const ZDT3_INTERVALS: readonly Interval[] = recordIntervals(zdt3Curve, zdt3Slope, 0, 1);

/**
 * ZDT3 on [0, 1]^n (default n = 30): h = 1 - √(f1/g) - (f1/g) sin(10πf1); the front is the
 * non-dominated part of f2 = 1 - √f1 - f1 sin(10πf1): five disconnected pieces ({@link ZDT3_INTERVALS}).
 * The Pareto set is x1 in those intervals, x2..xn = 0.
 */
export function zdt3(n = 30): MultiBoxFunction {
  checkN("zdt3", n, 2);
  return makeMultiBoxFunction({
    name: `zdt3-${n}`,
    description: `ZDT3 with ${n} variables (five disconnected front pieces).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: 2,
    tags: ["multi-objective", "multimodal"],
    referencePoint: REF,
    source: SOURCE,
    evaluateVector(x, out) {
      const g = gLinear(x);
      const r = x[0]! / g;
      out[0] = x[0]!;
      out[1] = g * (1 - Math.sqrt(r) - r * Math.sin(10 * Math.PI * x[0]!));
    },
    paretoFront: (k) => spreadOnIntervals(ZDT3_INTERVALS, k).map((f) => [f, zdt3Curve(f)]),
    paretoSetPoint: (t) =>
      setPoint(n, spreadOnIntervals(ZDT3_INTERVALS, 100001)[Math.round(t[0]! * 100000)]!),
  });
}

/**
 * ZDT4 with x1 ∈ [0, 1], x2..xn ∈ [-5, 5] (default n = 10): g = 1 + 10(n - 1) + Σ (x_i² - 10 cos 4πx_i),
 * h = 1 - √(f1/g); 21⁹ local fronts, global front f2 = 1 - √f1 (g = 1 at x2..xn = 0).
 */
export function zdt4(n = 10): MultiBoxFunction {
  checkN("zdt4", n, 2);
  const lower = filled(n, -5);
  const upper = filled(n, 5);
  lower[0] = 0;
  upper[0] = 1;
  return makeMultiBoxFunction({
    name: `zdt4-${n}`,
    description: `ZDT4 with ${n} variables (many local fronts).`,
    lower,
    upper,
    nObjectives: 2,
    tags: ["multi-objective", "multimodal"],
    referencePoint: REF,
    source: SOURCE,
    evaluateVector(x, out) {
      let g = 1 + 10 * (n - 1);
      for (let i = 1; i < n; i++) g += x[i]! * x[i]! - 10 * Math.cos(4 * Math.PI * x[i]!);
      out[0] = x[0]!;
      out[1] = g * (1 - Math.sqrt(x[0]! / g));
    },
    paretoFront: (k) => linspace(k, 0, 1).map((f) => [f, 1 - Math.sqrt(f)]),
    paretoSetPoint: (t) => setPoint(n, t[0]!),
  });
}

const zdt6F1 = (x1: number): number => 1 - Math.exp(-4 * x1) * Math.sin(6 * Math.PI * x1) ** 6;

/** The smallest f1 of ZDT6, 1 - max_x e^(-4x) sin⁶(6πx) ≈ 0.2807753191, by golden-section search near x = 0.0821. */
export const ZDT6_F1_MIN: number = (() => {
  let a = 0.05;
  let b = 0.12;
  const r = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const c = b - r * (b - a);
    const d = a + r * (b - a);
    if (zdt6F1(c) < zdt6F1(d)) b = d;
    else a = c;
  }
  return zdt6F1(0.5 * (a + b));
})();

/**
 * ZDT6 on [0, 1]^n (default n = 10): f1 = 1 - exp(-4x1) sin⁶(6πx1), g = 1 + 9 (Σ_{i≥2} x_i/(n - 1))^0.25,
 * h = 1 - (f1/g)²; non-uniform concave front f2 = 1 - f1², f1 ∈ [0.2807753191, 1].
 */
export function zdt6(n = 10): MultiBoxFunction {
  checkN("zdt6", n, 2);
  // Pareto set: x1 with f1(x1) = target on the branch x1 ∈ [0, 0.0821] (f1 decreasing there), or x1 = 0.
  const x1For = (f1: number): number => {
    let lo = 0;
    let hi = 0.0821;
    for (let i = 0; i < 200; i++) {
      const mid = 0.5 * (lo + hi);
      if (zdt6F1(mid) > f1) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  return makeMultiBoxFunction({
    name: `zdt6-${n}`,
    description: `ZDT6 with ${n} variables (non-uniform, concave front).`,
    lower: filled(n, 0),
    upper: filled(n, 1),
    nObjectives: 2,
    tags: ["multi-objective", "multimodal"],
    referencePoint: REF,
    source: SOURCE,
    evaluateVector(x, out) {
      let s = 0;
      for (let i = 1; i < n; i++) s += x[i]!;
      const g = 1 + 9 * (s / (n - 1)) ** 0.25;
      const f1 = zdt6F1(x[0]!);
      const r = f1 / g;
      out[0] = f1;
      out[1] = g * (1 - r * r);
    },
    paretoFront: (k) => linspace(k, ZDT6_F1_MIN, 1).map((f) => [f, 1 - f * f]),
    paretoSetPoint: (t) => setPoint(n, t[0]! >= 1 ? 0 : x1For(ZDT6_F1_MIN + (1 - ZDT6_F1_MIN) * t[0]!)),
  });
}
