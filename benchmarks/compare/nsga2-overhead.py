"""Optuna's NSGAIISampler on the workloads of nsga2-overhead.ts (run by it, one fresh process per workload).

n_trials in-memory trials of the 10-D sphere on [-5, 5]^10 ("sphere10") or ZDT1 with 10
variables ("zdt1-10"), NSGAIISampler(seed=r) with defaults and RandomSampler for the study's own
cost: the first optimize (cold) and the median of `repeats` more (warm). Prints one JSON line:
{"optuna", "nsga2": {"cold", "warm", "runs", "coldCpu", "warmCpu", "cpuRuns"}, "random": {...}}
(seconds; CPU = time.process_time of the process).
Run: /tmp/optuna5/bin/python benchmarks/compare/nsga2-overhead.py sphere10 [n_trials=1000] [repeats=5]
"""
import json
import math
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore")
workload = sys.argv[1] if len(sys.argv) > 1 else "sphere10"
n_trials = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
names = [f"x{i}" for i in range(10)]


def sphere(trial):
    return sum(trial.suggest_float(n, -5, 5) ** 2 for n in names)


def zdt1(trial):
    x = [trial.suggest_float(n, 0, 1) for n in names]
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    return x[0], g * (1 - math.sqrt(x[0] / g))


objective, directions = (sphere, ["minimize"]) if workload == "sphere10" else (zdt1, ["minimize", "minimize"])


def once(make, seed):
    study = optuna.create_study(sampler=make(seed), directions=directions)
    c0 = time.process_time()
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=n_trials)
    return time.perf_counter() - t0, time.process_time() - c0


def measure(make):
    cold, cold_cpu = once(make, 0)
    pairs = [once(make, r + 1) for r in range(repeats)]
    runs = sorted(p[0] for p in pairs)
    cpu_runs = sorted(p[1] for p in pairs)
    mid = len(runs) // 2
    return {"cold": cold, "warm": runs[mid], "runs": runs, "coldCpu": cold_cpu, "warmCpu": cpu_runs[mid], "cpuRuns": cpu_runs}


nsga2 = measure(lambda s: optuna.samplers.NSGAIISampler(seed=s))
rnd = measure(lambda s: optuna.samplers.RandomSampler(seed=s))
print(json.dumps({"optuna": optuna.__version__, "nsga2": nsga2, "random": rnd}))
