/**
 * `@tunelab/samplers/grid`: exhaustive search over an explicit grid.
 * @packageDocumentation
 */
export { GRID_ID_KEY, GridSampler, type GridSamplerOptions, type GridSearchSpace } from "./grid.js";
