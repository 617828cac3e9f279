/**
 * The README's example: minimize a 2-D function with a categorical choice.
 * Run: npm run example
 */
import { createStudy, MedianPruner, TpeSampler, TrialPruned } from "../index.js";

const study = await createStudy({ sampler: new TpeSampler({ seed: 42 }), pruner: new MedianPruner() });
await study.optimize(
  async (trial) => {
    const x = trial.suggestFloat("x", -10, 10);
    const lr = trial.suggestFloat("lr", 1e-5, 1e-1, { log: true });
    const act = trial.suggestCategorical("activation", ["relu", "tanh"]);
    const loss = (x - 2) ** 2 + Math.abs(Math.log10(lr) + 3) + (act === "relu" ? 0 : 0.5);
    await trial.report(loss, 0);
    if (trial.shouldPrune()) throw new TrialPruned();
    return loss;
  },
  { nTrials: 200, concurrency: 4, reproducible: true },
);
console.log(`best value ${study.bestValue.toFixed(4)} with`, study.bestParams);
