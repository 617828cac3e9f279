"""One Optuna worker of the journal throughput benchmark (journal-throughput.ts starts it
through the shared harness, postgres-redis-harness.ts).

The same protocol as journal-worker.ts: joins the study on JournalStorage with the file
backend and its defaults (JournalFileSymlinkLock, fsync after each append), as a user writes
it; prints "ready", waits for a line on stdin, runs n_trials trials of x**2 with RandomSampler,
prints one JSON line: the seconds its optimize took, the COMPLETE trials it reads afterwards,
the CPU seconds it used during its trials, and the error that ended it if one did.

    python journal-optuna-worker.py <journal> <study name> <n_trials> <seed>
"""
import json
import sys
import time
import warnings

import optuna

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.WARNING)
try:  # Optuna >= 4.0
    from optuna.storages.journal import JournalFileBackend as FileBackend
except ImportError:  # Optuna 3.1
    from optuna.storages import JournalFileStorage as FileBackend

path, study_name, n_trials, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
study = optuna.create_study(
    storage=optuna.storages.JournalStorage(FileBackend(path)),
    study_name=study_name,
    load_if_exists=True,
    sampler=optuna.samplers.RandomSampler(seed=seed),
)
print("ready", flush=True)
sys.stdin.readline()

t0 = time.perf_counter()
cpu0 = time.process_time()
result = {}
try:
    study.optimize(lambda t: t.suggest_float("x", -10, 10) ** 2, n_trials=n_trials)
except Exception as e:  # the storage's errors end optimize; report them
    result["error"] = f"{type(e).__name__}: {e}"[:300]
result["seconds"] = time.perf_counter() - t0
result["cpuSeconds"] = time.process_time() - cpu0
result["complete"] = len(study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,)))
print(json.dumps(result), flush=True)
