/**
 * Quasi-Monte Carlo sequences in [0, 1)^d: Sobol (Joe–Kuo direction numbers, the first
 * 1,024 dimensions; linear matrix scramble with a digital shift) and Halton (the first primes;
 * random digit permutations), seeded, with direct access to point i (fast-forward); and the
 * centered and L2-star discrepancies. See README.md.
 * @packageDocumentation
 */
export { SOBOL_BITS, SOBOL_MAX_DIMENSION, sobolDirectionNumbers } from "./direction-numbers.js";
export { centeredDiscrepancy, l2StarDiscrepancy } from "./discrepancy.js";
export type { QmcEngine, QmcEngineOptions } from "./engine.js";
export { HALTON_MAX_DIMENSION, Halton, type HaltonOptions, radicalInverse } from "./halton.js";
export { firstPrimes } from "./primes.js";
export { Sobol, type SobolOptions } from "./sobol.js";
