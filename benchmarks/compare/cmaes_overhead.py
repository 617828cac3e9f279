"""Optuna 3.1's CmaEsSampler on the workload of cmaes-overhead.ts.

n_trials in-memory trials of the dim-dimensional sphere on [-5, 5]^dim, CmaEsSampler(seed=r)
with defaults (and RandomSampler for the study's own cost), median over repeats after one
warm-up run. Prints one JSON line: {"optuna", "cmaes_s", "random_s", "cmaes_runs", "random_runs"}.
Run: /usr/bin/python3 benchmarks/compare/cmaes_overhead.py [n_trials=1000] [dim=10] [repeats=5]
"""
import json
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore")
n_trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
dim = int(sys.argv[2]) if len(sys.argv) > 2 else 10
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
names = [f"x{i}" for i in range(dim)]


def objective(trial):
    return sum(trial.suggest_float(n, -5, 5) ** 2 for n in names)


def once(make, seed):
    study = optuna.create_study(sampler=make(seed))
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=n_trials)
    return time.perf_counter() - t0


def median_of(make):
    once(make, 0)  # warm-up
    runs = sorted(once(make, r + 1) for r in range(repeats))
    return runs[len(runs) // 2], runs


cma, cma_runs = median_of(lambda s: optuna.samplers.CmaEsSampler(seed=s))
rnd, rnd_runs = median_of(lambda s: optuna.samplers.RandomSampler(seed=s))
print(json.dumps({"optuna": optuna.__version__, "cmaes_s": cma, "random_s": rnd, "cmaes_runs": cma_runs, "random_runs": rnd_runs}))
