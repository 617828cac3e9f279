import { uniformPrior } from "../../src/priors/uniform.js";
import { optimizerContract } from "../../src/testing/index.js";
import { TpeOptimizer } from "../../src/tpe/optimizer.js";

optimizerContract(
  "TpeOptimizer",
  (seed, p) =>
    new TpeOptimizer({
      space: Array.from(p.start, (_, i) => uniformPrior(p.bounds.lower[i]!, p.bounds.upper[i]!)),
      seed,
    }),
  (state) => TpeOptimizer.fromJSON(state),
  { exactBatch: false },
);
