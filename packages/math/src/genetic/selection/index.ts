/**
 * Selection: binary tournaments (with NSGA-II's crowded comparison) and NSGA-II's elitist
 * survival with constrained domination.
 * @packageDocumentation
 */

export { constrainedRanks, nsgaIISurvival, type SurvivalOptions, type Survivors } from "./survival.js";
export { type Better, binaryTournament, crowdedComparison, selectDistinct } from "./tournament.js";
