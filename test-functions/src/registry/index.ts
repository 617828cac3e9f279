/**
 * Named instances: the standard benchmark set, lookup by name, and the list the contract test checks.
 * @packageDocumentation
 */
export { registeredFunctions, STANDARD_NAMES, standardFunctions, testFunction } from "./registry.js";
