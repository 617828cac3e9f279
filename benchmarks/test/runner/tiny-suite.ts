import type { SuiteDefinition } from "../../src/suites/suites.js";

/** 2 functions × 2 samplers × 2 seeds × 20 trials: the size every runner test uses. */
export const TINY: SuiteDefinition = {
  name: "tiny",
  description: "test suite",
  functions: ["branin", "zdt1-4"],
  trials: 20,
  seeds: 2,
};

/**
 * The samplers the runner tests use: fixed, so registering a new sampler does not change
 * what these tests expect.
 */
export const TINY_SAMPLERS: readonly string[] = ["random", "grid"];
