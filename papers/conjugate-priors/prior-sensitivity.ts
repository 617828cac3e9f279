/**
 * How much a fixed hyper-hyperparameter moves a posterior on small data: the numbers behind
 * the "choosing the hyper-hyperparameters" section of packages/math/src/bayes/README.md.
 *
 * The claim examined (the material tunelab grew from, on Bayesian methods): "in theory
 * optimal; in practice the choice of distributions is very constrained: conjugate priors,
 * fixed hyper-hyperparameters". With a handful of observations the fixed numbers of the prior
 * are not a detail: they decide a large share of the answer. Three tables, all closed form
 * with @tunelab/math/bayes, nothing random:
 *
 *   1. Beta–Bernoulli, 3 observations (2 successes, 1 failure), prior mean 1/2, prior
 *      strength α + β from 0.2 to 100: posterior mean, 95% interval, P(next = 1), ln P(D).
 *   2. Normal–Inverse-Gamma, 5 observations (mean 1.14, sd 0.50), prior μ₀ = 0 and prior
 *      guess of σ² = β₀/α₀ = 1, for κ₀ × α₀ in {0.01, 1, 10} × {0.5, 2, 10}: posterior mean of
 *      μ and its 95% interval, E[σ | D]'s proxy √(β/α), the predictive 95% interval, ln P(D).
 *   3. Dirichlet–Categorical, 5 draws over 4 categories (3, 1, 1, 0), symmetric prior α from
 *      0.1 to 10: the posterior mean of each category and of the unseen one.
 *
 * Run: npm run ts -- papers/conjugate-priors/prior-sensitivity.ts
 * (prints Markdown tables; no arguments, no randomness, the same output on every machine up
 * to the last printed digit).
 */
import {
  betaPrior,
  credibleInterval,
  dirichletPrior,
  logDensity,
  logEvidence,
  marginal,
  meanOf,
  normalInverseGammaPrior,
  posteriorPredictive,
  quantileOf,
  studentTDistribution,
  update,
} from "@tunelab/math/bayes";

const f = (x: number, digits = 3): string => x.toFixed(digits);
const ci = (c: { lower: number; upper: number }, digits = 2): string =>
  `[${f(c.lower, digits)}, ${f(c.upper, digits)}]`;

// 1. Beta–Bernoulli
const trials = [1, 1, 0];
console.log(`## Beta–Bernoulli: 3 observations (${trials.join(", ")}), prior mean 1/2\n`);
console.log("| prior | strength α+β | posterior | mean | 95% interval | P(next = 1) | ln P(D) |");
console.log("|---|---|---|---|---|---|---|");
for (const [label, a] of [
  ["Beta(0.1, 0.1)", 0.1],
  ["Beta(0.5, 0.5) (Jeffreys)", 0.5],
  ["Beta(1, 1) (uniform)", 1],
  ["Beta(5, 5)", 5],
  ["Beta(50, 50)", 50],
] as const) {
  const prior = betaPrior(a, a);
  const post = update(prior, trials);
  // P(next = 1): the one-trial beta-binomial's mass at 1
  const next = Math.exp(logDensity(posteriorPredictive(post), 1));
  console.log(
    `| ${label} | ${2 * a} | Beta(${post.alpha}, ${post.beta}) | ${f(meanOf(post))} | ${ci(credibleInterval(post))} | ${f(next)} | ${f(logEvidence(prior, trials))} |`,
  );
}
console.log("\nThe maximum-likelihood estimate is 2/3 = 0.667.\n");

// 2. Normal–Inverse-Gamma
const xs = [0.8, 1.3, 0.6, 1.9, 1.1];
const n = xs.length;
const mean = xs.reduce((a, b) => a + b, 0) / n;
const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
console.log(
  `## Normal–Inverse-Gamma: 5 observations (${xs.join(", ")}): mean ${f(mean, 2)}, sd ${f(sd, 2)}\n`,
);
console.log("Prior μ₀ = 0, β₀ = α₀ (prior guess of σ² = β₀/α₀ = 1).\n");
console.log(
  "| κ₀ | α₀ | posterior mean of μ | 95% interval of μ | √(βₙ/αₙ) | predictive 95% interval | ln P(D) |",
);
console.log("|---|---|---|---|---|---|---|");
for (const kappa of [0.01, 1, 10]) {
  for (const alpha of [0.5, 2, 10]) {
    const prior = normalInverseGammaPrior({ mean: 0, kappa, alpha, beta: alpha });
    const post = update(prior, xs);
    console.log(
      `| ${kappa} | ${alpha} | ${f(post.mean)} | ${ci(credibleInterval(marginal(post, 0)))} | ${f(Math.sqrt(post.beta / post.alpha))} | ${ci(credibleInterval(posteriorPredictive(post)))} | ${f(logEvidence(prior, xs))} |`,
    );
  }
}
const t975 = quantileOf(studentTDistribution(n - 1, 0, 1), 0.975);
const half = (t975 * sd) / Math.sqrt(n);
console.log(
  `\nThe sample mean is ${f(mean)}; the classical 95% t interval is ${ci({ lower: mean - half, upper: mean + half })}.\n`,
);

// 3. Dirichlet–Categorical
const draws = [0, 0, 0, 1, 2];
console.log("## Dirichlet–Categorical: 5 draws over 4 categories, counts (3, 1, 1, 0)\n");
console.log("| symmetric α | P(category 0) | P(category 1) | P(category 3, never seen) | ln P(D) |");
console.log("|---|---|---|---|---|");
for (const a of [0.1, 0.5, 1, 10]) {
  const prior = dirichletPrior([a, a, a, a]);
  const m = meanOf(update(prior, draws));
  console.log(`| ${a} | ${f(m[0]!)} | ${f(m[1]!)} | ${f(m[3]!)} | ${f(logEvidence(prior, draws))} |`);
}
