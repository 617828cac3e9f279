/** The real-problem suite's problems: scikit-learn models evaluated by cross-validation in Python. */
export {
  SklearnEvaluator,
  sharedSklearnEvaluator,
  sklearnPython,
  sklearnScriptPath,
  sklearnUnavailable,
} from "./evaluator.js";
export { sklearnProblem } from "./problem.js";
export { SKLEARN_PROBLEM_NAMES, SKLEARN_PROBLEMS, type SklearnProblemSpec } from "./spaces.js";
