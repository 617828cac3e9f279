/**
 * `@tunelab/samplers/auto`: `AutoSampler`, a portfolio choosing `GpSampler` or `TpeSampler`
 * for each trial from the study's history (static single-objective spaces at small budgets:
 * the GP; conditional spaces, several objectives and larger budgets: TPE).
 * @packageDocumentation
 */
export { AUTO_SAMPLER_ATTR, type AutoChoice, AutoSampler, type AutoSamplerOptions } from "./auto.js";
