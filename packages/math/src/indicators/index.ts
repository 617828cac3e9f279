/**
 * Quality indicators of an approximation set against a reference front (all objectives
 * minimized): GD, GD⁺, IGD, IGD⁺ (power means of nearest distances), Deb's spread Δ and the
 * generalized spread, and Schott's spacing. Sets are row-major Float64Arrays of shape N×m.
 * Hypervolume lives in `@tunelab/math/pareto`.
 * @packageDocumentation
 */
export { type DistanceIndicatorOptions, gd, gdPlus, igd, igdPlus } from "./distance-indicators.js";
export { spacing } from "./spacing.js";
export { generalizedSpread, spread } from "./spread.js";
