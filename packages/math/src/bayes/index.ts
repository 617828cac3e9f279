/**
 * The conjugate-prior toolkit: Bayes' rule P(X | D) = P(D | X) P(X) / P(D) in closed form for
 * Beta–Bernoulli/Binomial, Gamma–Poisson, Normal with known variance, Normal–Inverse-Gamma
 * and Dirichlet–Multinomial: priors, posteriors from data or sufficient statistics, the log
 * evidence ln P(D), posterior predictives, and the summaries of every distribution.
 * @packageDocumentation
 */
export { bernoulliStats, betaPrior, binomialStats } from "./beta-binomial.js";
export {
  type ConjugateData,
  combineStats,
  logEvidence,
  type PredictiveOptions,
  posteriorPredictive,
  update,
} from "./conjugate.js";
export { inverseGammaDistribution, normalDistribution, studentTDistribution } from "./continuous.js";
export { categoricalStats, dirichletPrior, multinomialStats } from "./dirichlet-multinomial.js";
export { betaBinomialDistribution, negativeBinomialDistribution } from "./discrete.js";
export { gammaPrior, poissonStats } from "./gamma-poisson.js";
export { dirichletMultinomialDistribution } from "./multivariate.js";
export { type NormalInverseGammaParameters, normalInverseGammaPrior } from "./normal-inverse-gamma.js";
export { type NormalKnownVarianceParameters, normalKnownVariancePrior } from "./normal-known-variance.js";
export { normalStats } from "./normal-stats.js";
export {
  credibleInterval,
  logDensity,
  marginal,
  meanOf,
  modeOf,
  quantileOf,
  varianceOf,
} from "./summaries.js";
export type {
  BayesDistribution,
  BetaBinomialDistribution,
  BetaDistribution,
  BinomialStats,
  ConjugatePrior,
  ContinuousDistribution,
  CredibleInterval,
  DirichletDistribution,
  DirichletMultinomialDistribution,
  DiscreteDistribution,
  GammaDistribution,
  InverseGammaDistribution,
  MultinomialStats,
  MultivariateDistribution,
  NegativeBinomialDistribution,
  NormalDistribution,
  NormalInverseGammaDistribution,
  NormalKnownVariancePrior,
  NormalStats,
  PoissonStats,
  StudentTDistribution,
  SufficientStats,
  UnivariateDistribution,
} from "./types.js";
