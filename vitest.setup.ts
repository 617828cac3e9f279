import fc from "fast-check";
import { propertySeed } from "./vitest.seed.js";

// Property tests are seeded: the same seed in every run (CI included) unless FC_SEED is set.
// A failing property prints its seed and counterexample path (fast-check's own report); the
// global setup prints the seed once at the start of the run.
fc.configureGlobal({ seed: propertySeed(), numRuns: 100 });
