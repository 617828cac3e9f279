/**
 * `@tunelab/math/testing`: the contract suite shared by every standalone ask/tell optimizer
 * of `@tunelab/math` (vitest must be installed by the package that runs it).
 * @packageDocumentation
 */
export {
  type AskTellOptimizer,
  type AskTellSolution,
  type ContractProblem,
  type OptimizerContractOptions,
  optimizerContract,
} from "./optimizer-contract.js";
