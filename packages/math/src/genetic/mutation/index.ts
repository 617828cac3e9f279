/**
 * Mutation operators: Deb's bounded polynomial mutation and uniform resetting, and
 * {@link mutate}, which applies one gene by gene.
 * @packageDocumentation
 */
export { type MutateOptions, mutate } from "./apply.js";
export { type PolynomialMutationOptions, polynomialMutation } from "./polynomial.js";
export { uniformMutation } from "./uniform.js";
