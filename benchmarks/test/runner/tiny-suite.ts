import type { SuiteDefinition } from "../../src/suites/suites.js";

/** 2 functions × 2 samplers × 2 seeds × 20 trials: the size every runner test uses. */
export const TINY: SuiteDefinition = {
  name: "tiny",
  description: "test suite",
  functions: ["branin", "zdt1-4"],
  trials: 20,
  seeds: 2,
};
