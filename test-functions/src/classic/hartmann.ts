/**
 * The Hartmann functions on the unit cube: f(x) = -Σ_{i=1}^{4} α_i exp(-Σ_j A_ij (x_j - P_ij)²).
 * Constants from the VLSE (Surjanovic & Bingham), after Dixon & Szegő (1978).
 */
import { type BoxFunction, filled, makeBoxFunction } from "../box/box-function.js";

const ALPHA = Float64Array.of(1.0, 1.2, 3.0, 3.2);

// Row-major 4 × 3 and 4 × 6 matrices.
const A3 = Float64Array.of(3, 10, 30, 0.1, 10, 35, 3, 10, 30, 0.1, 10, 35);
const P3 = Float64Array.of(3689, 1170, 2673, 4699, 4387, 7470, 1091, 8732, 5547, 381, 5743, 8828).map(
  (v) => v * 1e-4,
);
const A6 = Float64Array.of(
  10,
  3,
  17,
  3.5,
  1.7,
  8,
  0.05,
  10,
  17,
  0.1,
  8,
  14,
  3,
  3.5,
  1.7,
  10,
  17,
  8,
  17,
  8,
  0.05,
  10,
  0.1,
  14,
);
const P6 = Float64Array.of(
  1312,
  1696,
  5569,
  124,
  8283,
  5886,
  2329,
  4135,
  8307,
  3736,
  1004,
  9991,
  2348,
  1451,
  3522,
  2883,
  3047,
  6650,
  4047,
  8828,
  8732,
  5743,
  1091,
  381,
).map((v) => v * 1e-4);

function hartmannCore(a: Float64Array, p: Float64Array, d: number): (x: Float64Array) => number {
  return (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < 4; i++) {
      let inner = 0;
      for (let j = 0; j < d; j++) {
        const t = x[j]! - p[i * d + j]!;
        inner += a[i * d + j]! * t * t;
      }
      s += ALPHA[i]! * Math.exp(-inner);
    }
    return -s;
  };
}

/**
 * The minimizers refined with SciPy (L-BFGS-B, analytic gradient, gradient norm < 2e-7) by
 * test/fixtures/reference_values.py; the VLSE gives them to 6 digits.
 */
const H3_OPT = Float64Array.of(0.11458887665876832, 0.5556488946157208, 0.8525469846869564);
const H6_OPT = Float64Array.of(
  0.2016895107982506,
  0.15001069259021726,
  0.4768739733540853,
  0.27533242844104244,
  0.31165161624498294,
  0.6573005353823257,
);

/**
 * The Hartmann-6 function on [0, 1]^6, global minimum -3.32236801141551 (VLSE: -3.32237) at
 * (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
 * @example hartmann6().optimum // -3.322368011415515
 */
export function hartmann6(): BoxFunction {
  const core = hartmannCore(A6, P6, 6);
  return makeBoxFunction({
    name: "hartmann6",
    description: "Hartmann 6-dimensional function (6 local minima).",
    lower: filled(6, 0),
    upper: filled(6, 1),
    tags: ["multimodal", "non-separable"],
    optimum: core(H6_OPT),
    optimizerVectors: [H6_OPT],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/hart6.html",
    evaluateVector: core,
  });
}

/**
 * The Hartmann-3 function on [0, 1]^3, global minimum -3.86278 at (0.114614, 0.555649, 0.852547).
 * @example hartmann3().optimum // -3.862779787332663
 */
export function hartmann3(): BoxFunction {
  const core = hartmannCore(A3, P3, 3);
  return makeBoxFunction({
    name: "hartmann3",
    description: "Hartmann 3-dimensional function (4 local minima).",
    lower: filled(3, 0),
    upper: filled(3, 1),
    tags: ["multimodal", "non-separable"],
    optimum: core(H3_OPT),
    optimizerVectors: [H3_OPT],
    source:
      "Surjanovic & Bingham, Virtual Library of Simulation Experiments, https://www.sfu.ca/~ssurjano/hart3.html",
    evaluateVector: core,
  });
}
