"""One Optuna worker of the PostgreSQL and Redis throughput benchmarks (the same protocol as
postgres-redis-worker.ts): joins the study, prints "ready", waits for a line on stdin, runs
N trials of x^2 with RandomSampler, prints one JSON line.

    python postgres-redis-optuna-worker.py <postgres|redis> <url> <namespace> <study> <n_trials> <seed>

PostgreSQL: RDBStorage (SQLAlchemy with psycopg2) in the database's default schema; the
namespace is not used (each run has its own study name). Redis: JournalStorage on
JournalRedisBackend (Optuna 5.0) or JournalRedisStorage (3.1) with the namespace as prefix.
"""
import json
import sys
import time
import warnings

import optuna

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)
kind, url, namespace, study_name, n_trials, seed = sys.argv[1:7]
if kind == "postgres":
    # SQLAlchemy 2.1 reads postgresql:// as psycopg (3); both Optunas here have psycopg2.
    storage = optuna.storages.RDBStorage(url.replace("postgresql://", "postgresql+psycopg2://", 1))
else:
    try:
        from optuna.storages.journal import JournalRedisBackend as Backend
    except ImportError:
        from optuna.storages import JournalRedisStorage as Backend
    storage = optuna.storages.JournalStorage(Backend(url, prefix=namespace))
study = optuna.create_study(
    study_name=study_name, storage=storage, load_if_exists=True,
    sampler=optuna.samplers.RandomSampler(seed=int(seed)),
)
print("ready", flush=True)
sys.stdin.readline()
t0 = time.perf_counter()
study.optimize(lambda t: t.suggest_float("x", -10, 10) ** 2, n_trials=int(n_trials))
seconds = time.perf_counter() - t0
complete = len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))
print(json.dumps({"seconds": seconds, "complete": complete}), flush=True)
