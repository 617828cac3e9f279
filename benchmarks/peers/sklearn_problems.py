"""Real tuning problems for tunelab's benchmark: scikit-learn models scored by cross-validation.

Each problem is a model family on a data set bundled with scikit-learn (no downloads), with the
search space declared on the TypeScript side (benchmarks/src/problems/sklearn/spaces.ts; the
same names, bounds and conditions). The objective is a cross-validated loss, minimized:
1 - accuracy, log loss or RMSE. Everything is deterministic: fixed data subsample, fixed CV
splits (a seeded KFold / StratifiedKFold), fixed model random_state, one thread
(OMP/BLAS threads are set to 1 before numpy loads, so results do not depend on the machine's
load and runs stay cheap on a shared machine).

Cost: each problem is cut down (subsampled data, 3 folds, capped n_estimators / max_iter) to
keep one evaluation near or below 0.3 s of CPU on the benchmark machine; the sizes are
written beside each problem. The losses are therefore those of small models on small data,
which is what a 20-100 trial benchmark of samplers needs, not state-of-the-art scores.

Results are cached on disk by (problem, params) in a JSONL file shared by every process that
evaluates (the tunelab side's worker threads and the Optuna peer), so reruns and both sides of
a comparison pay each evaluation once.

Usage:
  sklearn_problems.py version          print scikit-learn's version (fails when it is missing)
  sklearn_problems.py serve [CACHE]    read JSON lines {"problem", "params"}, write {"value"} or
                                       {"error"} per line; CACHE is the JSONL cache file ("none":
                                       no cache; default $TUNELAB_SKLEARN_CACHE, else
                                       bench-results/sklearn-cache.jsonl under the working directory)
  sklearn_problems.py evaluate PROBLEM JSON_PARAMS   one evaluation, printed (no cache)
  sklearn_problems.py problems         the problem names, one per line
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

# Subsample and split seeds: part of each problem's definition.
DATA_SEED = 0
CV_SEED = 0
MODEL_SEED = 0

_data_cache = {}


def _data(name, n=None):
    """(X, y) of a bundled data set, optionally a fixed random subsample of n rows."""
    key = (name, n)
    if key in _data_cache:
        return _data_cache[key]
    import numpy as np
    from sklearn import datasets

    loader = {
        "digits": datasets.load_digits,
        "breast_cancer": datasets.load_breast_cancer,
        "wine": datasets.load_wine,
        "iris": datasets.load_iris,
        "diabetes": datasets.load_diabetes,
    }[name]
    X, y = loader(return_X_y=True)
    X = X.astype(np.float64)
    if n is not None and n < len(y):
        idx = np.random.RandomState(DATA_SEED).permutation(len(y))[:n]
        X, y = X[idx], y[idx]
    _data_cache[key] = (X, y)
    return X, y


def _cv(classification, folds):
    from sklearn.model_selection import KFold, StratifiedKFold

    if classification:
        return StratifiedKFold(n_splits=folds, shuffle=True, random_state=CV_SEED)
    return KFold(n_splits=folds, shuffle=True, random_state=CV_SEED)


def _score(model, X, y, loss, folds=3):
    """The mean cross-validated loss ("error" = 1 - accuracy, "logloss", "rmse")."""
    from sklearn.model_selection import cross_val_score

    scoring = {"error": "accuracy", "logloss": "neg_log_loss", "rmse": "neg_root_mean_squared_error"}[loss]
    s = cross_val_score(model, X, y, cv=_cv(loss != "rmse", folds), scoring=scoring, error_score="raise")
    m = float(s.mean())
    return 1.0 - m if loss == "error" else -m


def _scaled(model):
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), model)


# ---------------------------------------------------------------- problems
# p: the parameter record (conditional parameters present only when active).


def svc_digits(p):
    """SVC on digits (1,797 x 64, pixel values scaled to [0, 1]), 1 - accuracy, 3-fold."""
    from sklearn.svm import SVC

    X, y = _data("digits", 900)
    kernel = p["kernel"]
    model = SVC(C=p["C"], gamma=p["gamma"], kernel=kernel, degree=p.get("degree", 3), max_iter=20000)
    return _score(model, X / 16.0, y, "error")


def rf_breast_cancer(p):
    """Random forest on breast_cancer (569 x 30), log loss, 3-fold; at most 40 trees."""
    from sklearn.ensemble import RandomForestClassifier

    X, y = _data("breast_cancer")
    model = RandomForestClassifier(
        n_estimators=p["n_estimators"],
        max_depth=p["max_depth"],
        max_features=p["max_features"],
        min_samples_leaf=p["min_samples_leaf"],
        criterion=p["criterion"],
        random_state=MODEL_SEED,
        n_jobs=1,
    )
    return _score(model, X, y, "logloss")


def hgb_breast_cancer(p):
    """HistGradientBoosting on breast_cancer, log loss, 3-fold; 40 boosting iterations."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    X, y = _data("breast_cancer")
    model = HistGradientBoostingClassifier(
        learning_rate=p["learning_rate"],
        max_depth=p["max_depth"],
        max_leaf_nodes=p["max_leaf_nodes"],
        min_samples_leaf=p["min_samples_leaf"],
        l2_regularization=p["l2_regularization"],
        max_iter=40,
        early_stopping=False,
        random_state=MODEL_SEED,
    )
    return _score(model, X, y, "logloss")


def mlp_digits(p):
    """MLP on digits (500 rows, standardized), 1 - accuracy, 3-fold; at most 30 epochs of Adam."""
    from sklearn.neural_network import MLPClassifier

    X, y = _data("digits", 500)
    hidden = (p["width"],) * p["layers"]
    model = MLPClassifier(
        hidden_layer_sizes=hidden,
        alpha=p["alpha"],
        learning_rate_init=p["learning_rate_init"],
        batch_size=p["batch_size"],
        max_iter=30,
        random_state=MODEL_SEED,
    )
    return _score(_scaled(model), X, y, "error")


def logreg_breast_cancer(p):
    """Logistic regression on breast_cancer (standardized), log loss, 3-fold; saga, 300 epochs."""
    from sklearn.linear_model import LogisticRegression

    X, y = _data("breast_cancer")
    penalty = p["penalty"]
    model = LogisticRegression(
        C=p["C"],
        penalty=penalty,
        l1_ratio=p.get("l1_ratio"),
        solver="saga",
        max_iter=300,
        tol=1e-3,
        random_state=MODEL_SEED,
    )
    return _score(_scaled(model), X, y, "logloss")


def knn_wine(p):
    """k-NN on wine (178 x 13), 1 - accuracy, 3-fold; scaling is a choice."""
    from sklearn.neighbors import KNeighborsClassifier

    X, y = _data("wine")
    model = KNeighborsClassifier(n_neighbors=p["n_neighbors"], weights=p["weights"], p=p["p"])
    scaler = p["scaler"]
    if scaler == "standard":
        model = _scaled(model)
    elif scaler == "minmax":
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MinMaxScaler

        model = make_pipeline(MinMaxScaler(), model)
    return _score(model, X, y, "error")


def elasticnet_diabetes(p):
    """Elastic net on diabetes (442 x 10) with degree-2 polynomial features, RMSE, 3-fold."""
    from sklearn.linear_model import ElasticNet
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import PolynomialFeatures, StandardScaler

    X, y = _data("diabetes")
    model = make_pipeline(
        PolynomialFeatures(2, include_bias=False),
        StandardScaler(),
        ElasticNet(alpha=p["alpha"], l1_ratio=p["l1_ratio"], max_iter=2000, tol=1e-3, random_state=MODEL_SEED),
    )
    return _score(model, X, y, "rmse")


def model_choice_diabetes(p):
    """Conditional: ridge, SVR or random forest on diabetes, each with its own parameters; RMSE, 3-fold."""
    from sklearn.ensemble import RandomForestRegressor
    from sklearn.linear_model import Ridge
    from sklearn.svm import SVR

    X, y = _data("diabetes")
    m = p["model"]
    if m == "ridge":
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import PolynomialFeatures, StandardScaler

        model = make_pipeline(
            PolynomialFeatures(p["ridge_degree"], include_bias=False), StandardScaler(), Ridge(alpha=p["ridge_alpha"])
        )
    elif m == "svr":
        model = _scaled(SVR(C=p["svr_C"], gamma=p["svr_gamma"], epsilon=p["svr_epsilon"]))
    else:
        model = RandomForestRegressor(
            n_estimators=p["rf_n_estimators"],
            max_depth=p["rf_max_depth"],
            min_samples_leaf=p["rf_min_samples_leaf"],
            max_features=p["rf_max_features"],
            random_state=MODEL_SEED,
            n_jobs=1,
        )
    return _score(model, X, y, "rmse")


def mlp_optimizer_digits(p):
    """Conditional: an MLP on digits (500 rows) whose optimizer (Adam or SGD) has its own parameters; 30 epochs."""
    from sklearn.neural_network import MLPClassifier

    X, y = _data("digits", 500)
    common = dict(hidden_layer_sizes=(p["width"],), alpha=p["alpha"], batch_size=64, max_iter=30, random_state=MODEL_SEED)
    if p["solver"] == "adam":
        model = MLPClassifier(
            solver="adam", learning_rate_init=p["adam_learning_rate"], beta_1=p["adam_beta_1"], **common
        )
    else:
        model = MLPClassifier(
            solver="sgd",
            learning_rate_init=p["sgd_learning_rate"],
            momentum=p["sgd_momentum"],
            nesterovs_momentum=p["sgd_nesterov"],
            **common,
        )
    return _score(_scaled(model), X, y, "error")


PROBLEMS = {
    "sklearn-svc-digits": svc_digits,
    "sklearn-rf-breast-cancer": rf_breast_cancer,
    "sklearn-hgb-breast-cancer": hgb_breast_cancer,
    "sklearn-mlp-digits": mlp_digits,
    "sklearn-logreg-breast-cancer": logreg_breast_cancer,
    "sklearn-knn-wine": knn_wine,
    "sklearn-elasticnet-diabetes": elasticnet_diabetes,
    "sklearn-model-choice-diabetes": model_choice_diabetes,
    "sklearn-mlp-optimizer-digits": mlp_optimizer_digits,
}


def evaluate(problem, params):
    """The loss of `problem` at `params` (a float; inf when the model cannot be fitted)."""
    fn = PROBLEMS.get(problem)
    if fn is None:
        raise KeyError("unknown problem %s; known: %s" % (problem, ", ".join(PROBLEMS)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v = fn(params)
    return v if math.isfinite(v) else float("inf")


def cache_key(problem, params):
    """(problem, params) as one string: names sorted, numbers in one spelling (1 and 1.0 agree)."""

    def canon(v):
        if isinstance(v, bool) or v is None or isinstance(v, str):
            return v
        return format(float(v), ".17g")

    return json.dumps([problem, sorted((k, canon(v)) for k, v in params.items())])


class Cache:
    """A JSONL file of {"key", "value"} lines, read at start and appended after each new evaluation."""

    def __init__(self, path):
        self.path = path
        self.values = {}
        if path is None:
            return
        d = os.path.dirname(path)
        if d:
            os.makedirs(d, exist_ok=True)
        self._load()

    def _load(self):
        if self.path is None or not os.path.exists(self.path):
            return
        with open(self.path, encoding="utf8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # a line cut by an interrupted writer
                v = rec.get("value")
                self.values[rec["key"]] = float("inf") if v is None else float(v)

    def get(self, key):
        if key not in self.values:
            self._load()  # another process may have written it since
        return self.values.get(key)

    def put(self, key, value):
        self.values[key] = value
        if self.path is None:
            return
        line = json.dumps({"key": key, "value": value if math.isfinite(value) else None}) + "\n"
        # One write of one short line in append mode: lines of concurrent writers do not interleave.
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line.encode("utf8"))
        finally:
            os.close(fd)


def default_cache_path():
    """The cache every evaluator shares unless told otherwise."""
    return os.path.abspath(os.environ.get("TUNELAB_SKLEARN_CACHE", os.path.join("bench-results", "sklearn-cache.jsonl")))


def serve(cache_path):
    cache = Cache(cache_path)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            msg = json.loads(line)
            key = cache_key(msg["problem"], msg["params"])
            v = cache.get(key)
            cached = v is not None
            if not cached:
                v = evaluate(msg["problem"], msg["params"])
                cache.put(key, v)
            res = {"value": v if math.isfinite(v) else None, "cached": cached}
        except Exception as e:  # reported to the caller, which fails the trial
            res = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "serve"
    if mode == "version":
        import sklearn

        print(sklearn.__version__)
    elif mode == "problems":
        print("\n".join(PROBLEMS))
    elif mode == "evaluate":
        print(evaluate(sys.argv[2], json.loads(sys.argv[3])))
    elif mode == "serve":
        serve(default_cache_path() if len(sys.argv) < 3 else None if sys.argv[2] == "none" else sys.argv[2])
    else:
        sys.exit("sklearn_problems.py: unknown mode %s (version, problems, evaluate, serve)" % mode)


if __name__ == "__main__":
    main()
