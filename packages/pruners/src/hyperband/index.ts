/**
 * `@tunelab/pruners/hyperband`: Hyperband as brackets of asynchronous successive halving.
 * @packageDocumentation
 */
export { crc32, HyperbandPruner, type HyperbandPrunerOptions } from "./hyperband.js";
