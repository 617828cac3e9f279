/**
 * Classic single-objective test functions (VLSE definitions and domains): sphere, ellipsoid,
 * Rosenbrock, Rastrigin, Ackley, Griewank, Levy, Styblinski-Tang, Branin, Hartmann-3/-6.
 * @packageDocumentation
 */
export { ackley } from "./ackley.js";
export { BRANIN_MIN, branin } from "./branin.js";
export { type EllipsoidOptions, ellipsoid } from "./ellipsoid.js";
export { griewank } from "./griewank.js";
export { hartmann3, hartmann6 } from "./hartmann.js";
export { levy } from "./levy.js";
export { rastrigin } from "./rastrigin.js";
export { rosenbrock } from "./rosenbrock.js";
export { sphere } from "./sphere.js";
export { STYBLINSKI_TANG_MIN_PER_DIM, STYBLINSKI_TANG_X, styblinskiTang } from "./styblinski-tang.js";
