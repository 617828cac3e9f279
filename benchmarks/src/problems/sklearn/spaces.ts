/**
 * The search spaces of the real-problem suite: scikit-learn models on data sets bundled with
 * scikit-learn, evaluated by cross-validation in Python (benchmarks/peers/sklearn_problems.py,
 * which defines the data, the model built from each parameter record and the loss; the names
 * here must match its `PROBLEMS`). Spaces follow the ranges people search in practice: rates and
 * regularization log-scaled, sizes as integers (log-scaled where they span decades), model
 * options categorical, and two problems whose parameters depend on a choice (a model among
 * three; an optimizer among two).
 */
import type { ParamSpec } from "@tunelab/test-functions";

/** One real problem: its name, what it is, its loss and its declared space. */
export interface SklearnProblemSpec {
  /** Registry name, "sklearn-<model>-<data>". */
  readonly name: string;
  readonly description: string;
  /** The minimized cross-validated loss. */
  readonly loss: "1 - accuracy" | "log loss" | "RMSE";
  readonly space: readonly ParamSpec[];
}

const when = (parent: string, ...values: string[]): { condition: { parent: string; values: string[] } } => ({
  condition: { parent, values },
});

/** The problems of the suite, in suite order. */
export const SKLEARN_PROBLEMS: readonly SklearnProblemSpec[] = [
  {
    name: "sklearn-svc-digits",
    description: "SVC on digits (900 rows), kernel choice with degree only for poly; 3-fold CV",
    loss: "1 - accuracy",
    space: [
      { kind: "float", name: "C", low: 1e-3, high: 1e3, log: true },
      { kind: "float", name: "gamma", low: 1e-5, high: 1, log: true },
      { kind: "categorical", name: "kernel", choices: ["rbf", "poly", "sigmoid"] },
      { kind: "int", name: "degree", low: 2, high: 5, ...when("kernel", "poly") },
    ],
  },
  {
    name: "sklearn-rf-breast-cancer",
    description: "Random forest on breast_cancer (at most 40 trees); 3-fold CV",
    loss: "log loss",
    space: [
      { kind: "int", name: "n_estimators", low: 5, high: 40 },
      { kind: "int", name: "max_depth", low: 2, high: 16 },
      { kind: "float", name: "max_features", low: 0.05, high: 1 },
      { kind: "int", name: "min_samples_leaf", low: 1, high: 32, log: true },
      { kind: "categorical", name: "criterion", choices: ["gini", "entropy"] },
    ],
  },
  {
    name: "sklearn-hgb-breast-cancer",
    description: "HistGradientBoosting on breast_cancer (40 iterations); 3-fold CV",
    loss: "log loss",
    space: [
      { kind: "float", name: "learning_rate", low: 1e-3, high: 1, log: true },
      { kind: "int", name: "max_depth", low: 2, high: 10 },
      { kind: "int", name: "max_leaf_nodes", low: 4, high: 64, log: true },
      { kind: "int", name: "min_samples_leaf", low: 2, high: 64, log: true },
      { kind: "float", name: "l2_regularization", low: 1e-6, high: 10, log: true },
    ],
  },
  {
    name: "sklearn-mlp-digits",
    description: "MLP on digits (500 rows, standardized, 30 epochs of Adam); 3-fold CV",
    loss: "1 - accuracy",
    space: [
      { kind: "int", name: "layers", low: 1, high: 2 },
      { kind: "int", name: "width", low: 16, high: 128, log: true },
      { kind: "float", name: "alpha", low: 1e-6, high: 1e-1, log: true },
      { kind: "float", name: "learning_rate_init", low: 1e-4, high: 1e-1, log: true },
      { kind: "categorical", name: "batch_size", choices: [32, 64, 128] },
    ],
  },
  {
    name: "sklearn-logreg-breast-cancer",
    description:
      "Logistic regression (saga) on breast_cancer, standardized; l1_ratio only for elasticnet; 3-fold CV",
    loss: "log loss",
    space: [
      { kind: "float", name: "C", low: 1e-4, high: 1e4, log: true },
      { kind: "categorical", name: "penalty", choices: ["l2", "l1", "elasticnet"] },
      { kind: "float", name: "l1_ratio", low: 0, high: 1, ...when("penalty", "elasticnet") },
    ],
  },
  {
    name: "sklearn-knn-wine",
    description: "k-NN on wine, with the scaler a choice; 3-fold CV",
    loss: "1 - accuracy",
    space: [
      { kind: "int", name: "n_neighbors", low: 1, high: 50, log: true },
      { kind: "categorical", name: "weights", choices: ["uniform", "distance"] },
      { kind: "int", name: "p", low: 1, high: 3 },
      { kind: "categorical", name: "scaler", choices: ["none", "standard", "minmax"] },
    ],
  },
  {
    name: "sklearn-elasticnet-diabetes",
    description: "Elastic net on diabetes with degree-2 polynomial features, standardized; 3-fold CV",
    loss: "RMSE",
    space: [
      { kind: "float", name: "alpha", low: 1e-5, high: 10, log: true },
      { kind: "float", name: "l1_ratio", low: 0, high: 1 },
    ],
  },
  {
    name: "sklearn-model-choice-diabetes",
    description:
      "Conditional: ridge (polynomial degree, alpha), SVR (C, gamma, epsilon) or random forest (4 parameters) on diabetes; 3-fold CV",
    loss: "RMSE",
    space: [
      { kind: "categorical", name: "model", choices: ["ridge", "svr", "rf"] },
      { kind: "float", name: "ridge_alpha", low: 1e-4, high: 1e4, log: true, ...when("model", "ridge") },
      { kind: "int", name: "ridge_degree", low: 1, high: 3, ...when("model", "ridge") },
      { kind: "float", name: "svr_C", low: 1e-2, high: 1e4, log: true, ...when("model", "svr") },
      { kind: "float", name: "svr_gamma", low: 1e-4, high: 1, log: true, ...when("model", "svr") },
      { kind: "float", name: "svr_epsilon", low: 1e-2, high: 50, log: true, ...when("model", "svr") },
      { kind: "int", name: "rf_n_estimators", low: 5, high: 40, ...when("model", "rf") },
      { kind: "int", name: "rf_max_depth", low: 2, high: 16, ...when("model", "rf") },
      { kind: "int", name: "rf_min_samples_leaf", low: 1, high: 32, log: true, ...when("model", "rf") },
      { kind: "float", name: "rf_max_features", low: 0.1, high: 1, ...when("model", "rf") },
    ],
  },
  {
    name: "sklearn-mlp-optimizer-digits",
    description:
      "Conditional: an MLP on digits (500 rows, 30 epochs) whose optimizer (Adam or SGD) has its own parameters; 3-fold CV",
    loss: "1 - accuracy",
    space: [
      { kind: "int", name: "width", low: 16, high: 128, log: true },
      { kind: "float", name: "alpha", low: 1e-6, high: 1e-1, log: true },
      { kind: "categorical", name: "solver", choices: ["adam", "sgd"] },
      {
        kind: "float",
        name: "adam_learning_rate",
        low: 1e-4,
        high: 1e-1,
        log: true,
        ...when("solver", "adam"),
      },
      { kind: "float", name: "adam_beta_1", low: 0.5, high: 0.99, ...when("solver", "adam") },
      { kind: "float", name: "sgd_learning_rate", low: 1e-4, high: 1, log: true, ...when("solver", "sgd") },
      { kind: "float", name: "sgd_momentum", low: 0, high: 0.99, ...when("solver", "sgd") },
      { kind: "categorical", name: "sgd_nesterov", choices: [true, false], ...when("solver", "sgd") },
    ],
  },
];

/** Names of the real problems, in suite order. */
export const SKLEARN_PROBLEM_NAMES: readonly string[] = SKLEARN_PROBLEMS.map((p) => p.name);
