"""Optuna's per-trial overhead for the same workload as random-sampler.ts.

RandomSampler, n_trials in-memory trials of a dim-dimensional sphere, median of repeats.
Run: /usr/bin/python3 benchmarks/overhead/optuna_random.py [n_trials] [dim] [repeats]
Prints one JSON line: {"optuna": version, "ms_per_trial": median, "runs": [...]}.
"""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
n_trials = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
dim = int(sys.argv[2]) if len(sys.argv) > 2 else 10
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
names = [f"x{i}" for i in range(dim)]


def objective(trial):
    return sum(trial.suggest_float(n, -5, 5) ** 2 for n in names)


runs = []
for r in range(repeats):
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=r))
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=n_trials)
    runs.append((time.perf_counter() - t0) * 1000 / n_trials)
runs.sort()
print(json.dumps({"optuna": optuna.__version__, "ms_per_trial": runs[len(runs) // 2], "runs": runs}))
