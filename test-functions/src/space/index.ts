/**
 * Checks on declared spaces and parameter records (well-formedness, conditional activity,
 * membership), shared by the contract test and by runners that turn a space into suggestions.
 * @packageDocumentation
 */
export { inSpace, isActive, paramsProblems, spaceProblems } from "./space.js";
