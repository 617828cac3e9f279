"""Optuna's side of optuna5.ts (issue 18): one case in this fresh process, 10-D sphere on [-5, 5]^10.

Usage: python optuna5.py KIND N_TRIALS WARM  (KIND: tpe | tpe_univariate | random | cmaes | nsga2;
WARM 1: a second optimize of 1,000 trials in the same process). Prints one JSON line with
studyWall, studyCpu (around optimize), processCpu (time.process_time(): CPU of every thread since
the process started, interpreter start-up and `import optuna` included, as Node's
process.cpuUsage() on the tunelab side), endEpochMs (time of the last trial), warmWall/warmCpu,
rss and peakRss (bytes, peak: Python has no cheap current RSS).
"tpe" is TPESampler(multivariate=True) (tunelab's default form), "tpe_univariate" Optuna's default.
"""
import json
import resource
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore")
kind, n_trials, warm = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
names = [f"x{i}" for i in range(10)]


def sphere(trial):
    return sum(trial.suggest_float(n, -5, 5) ** 2 for n in names)


def make(seed):
    s = optuna.samplers
    if kind == "tpe":
        return s.TPESampler(seed=seed, multivariate=True)
    if kind == "tpe_univariate":
        return s.TPESampler(seed=seed)
    if kind == "random":
        return s.RandomSampler(seed=seed)
    if kind == "cmaes":
        return s.CmaEsSampler(seed=seed)
    return s.NSGAIISampler(seed=seed)


def run(seed, n):
    study = optuna.create_study(sampler=make(seed))
    c0, t0 = time.process_time(), time.perf_counter()
    study.optimize(sphere, n_trials=n)
    return time.perf_counter() - t0, time.process_time() - c0


wall, cpu = run(0, n_trials)
out = {"studyWall": wall, "studyCpu": cpu, "processCpu": time.process_time(), "endEpochMs": time.time() * 1000}
if warm:
    out["warmWall"], out["warmCpu"] = run(1, 1000)
out["rss"] = out["peakRss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps(out))
