/**
 * `@tunelab/samplers/aco`: ant colony optimization (ACO_R with ACO_MV's ordinal and
 * categorical handling) as a relative sampler for one objective, over
 * `@tunelab/math/population/aco`, its archive shared by every worker through trial system
 * attributes.
 * @packageDocumentation
 */
export { ACO_KEYS, AntColonySampler, type AntColonySamplerOptions } from "./ant-colony.js";
