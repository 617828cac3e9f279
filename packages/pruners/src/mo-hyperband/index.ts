/**
 * `@tunelab/pruners/mo-hyperband`: Hyperband for several objectives (brackets of
 * multi-objective successive halving).
 * @packageDocumentation
 */
export { MoHyperbandPruner, type MoHyperbandPrunerOptions } from "./mo-hyperband.js";
