/**
 * `@tunelab/pruners/patient`: early stopping with patience, alone or in front of another
 * pruner (Optuna semantics).
 * @packageDocumentation
 */
export { PatientPruner, type PatientPrunerOptions } from "./patient.js";
