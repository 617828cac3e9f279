/**
 * Reference directions on the unit simplex for decomposition-based many-objective methods
 * (NSGA-III, MOEA/D): Das–Dennis lattices, NSGA-III's two-layer lattices, and Riesz s-energy
 * directions for any count.
 * @packageDocumentation
 */
export { dasDennis, dasDennisCount } from "./das-dennis.js";
export { type RieszEnergyOptions, rieszEnergy, rieszEnergyDirections } from "./riesz-energy.js";
export { type TwoLayerOptions, twoLayerDirections } from "./two-layer.js";
