"""One Optuna worker of the SQLite throughput benchmark (sqlite-throughput.ts starts it).

The same protocol as sqlite-worker.ts: joins the study on RDBStorage ("sqlite:///<path>",
SQLAlchemy's default settings, as a user writes it), prints "ready", waits for a line on
stdin, runs n_trials trials of x**2 with RandomSampler, prints one JSON line with the seconds
its optimize took, the study's COMPLETE trials it then sees, and the error that ended it if
one did (e.g. "database is locked").

Run: python sqlite-optuna-worker.py <db path> <study name> <n_trials> <seed>
"""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
path, study_name, n_trials, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
study = optuna.create_study(
    storage=f"sqlite:///{path}",
    study_name=study_name,
    load_if_exists=True,
    sampler=optuna.samplers.RandomSampler(seed=seed),
)
print("ready", flush=True)
sys.stdin.readline()


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    return x * x


t0 = time.perf_counter()
result = {}
try:
    study.optimize(objective, n_trials=n_trials)
except Exception as e:  # the storage's errors end optimize; report them
    result["error"] = f"{type(e).__name__}: {e}"[:300]
result["seconds"] = time.perf_counter() - t0
try:
    complete = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
    result["complete"] = len(complete)
except Exception as e:  # a locked database again: the other workers' counts stand
    result.setdefault("error", f"{type(e).__name__}: {e}"[:300])
print(json.dumps(result), flush=True)
