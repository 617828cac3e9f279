/**
 * Crossover operators: uniform, BLX-α, SBX (bounded), vSBX, SPX, UNDX; their tagged specs;
 * and {@link crossover}, which crosses parents inside a box.
 * @packageDocumentation
 */
export { type CrossOptions, checkRepair, clipInto, crossover, reflectInto } from "./apply.js";
export { type BlxAlphaCrossoverOptions, blxAlphaCrossover } from "./blx-alpha.js";
export { type SbxCrossoverOptions, sbxCrossover } from "./sbx.js";
export { CROSSOVER_KINDS, type CrossoverSpec, crossoverFromSpec } from "./spec.js";
export { type SpxCrossoverOptions, spxCrossover } from "./spx.js";
export { type UndxCrossoverOptions, undxCrossover } from "./undx.js";
export { type UniformCrossoverOptions, uniformCrossover } from "./uniform.js";
export { type VsbxCrossoverOptions, vsbxCrossover } from "./vsbx.js";
