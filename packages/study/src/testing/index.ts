/**
 * `@tunelab/study/testing`: the contract suites shared by every implementation of the
 * study's interfaces (vitest must be installed by the package that runs them).
 * @packageDocumentation
 */

export { type HeartbeatContractOptions, heartbeatContract } from "./heartbeat-contract.js";
export { type PrunerContractOptions, prunerContract } from "./pruner-contract.js";
export {
  DISCRETE_CONTRACT_MAX_TRIALS,
  type SamplerContractGrid,
  type SamplerContractOptions,
  samplerContract,
} from "./sampler-contract.js";
export { type StorageContractOptions, storageContract } from "./storage-contract.js";
