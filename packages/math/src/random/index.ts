/**
 * Seeded random streams and the draws built on them. Nothing in tunelab's math or samplers
 * calls `Math.random`: every draw comes from an {@link Rng} passed in by the caller.
 * @packageDocumentation
 */
export { categorical, categoricalLog, sampleIndices, shuffle } from "./choice.js";
export { beta, gamma } from "./gamma.js";
export { Rng, type RngState } from "./rng.js";
export { truncatedNormal } from "./truncated-normal.js";
