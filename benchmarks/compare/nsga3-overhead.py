"""Optuna's NSGAIIISampler (and NSGAIISampler, RandomSampler) on the workload of nsga3-overhead.ts.

n_trials in-memory trials of DTLZ2 with 3 objectives and 10 variables (k = 8), each sampler with
its defaults and seed r: the first optimize (cold) and the median of `repeats` more (warm).
Prints one JSON line {"optuna", "nsga3", "nsga2", "random"}, each {"cold", "warm", "runs",
"coldCpu", "warmCpu", "cpuRuns"} in seconds (CPU = time.process_time of the process); "nsga3"
is null under an Optuna without NSGAIIISampler (before 3.2).
Run: /tmp/optuna5/bin/python benchmarks/compare/nsga3-overhead.py [n_trials=1000] [repeats=5]
"""
import json
import math
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore")
n_trials = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
M, N = 3, 10
names = [f"x{i}" for i in range(N)]


def dtlz2(trial):
    x = [trial.suggest_float(n, 0, 1) for n in names]
    g = sum((v - 0.5) ** 2 for v in x[M - 1 :])
    f = []
    for i in range(M):
        v = 1 + g
        for j in range(M - 1 - i):
            v *= math.cos(x[j] * math.pi / 2)
        if i > 0:
            v *= math.sin(x[M - 1 - i] * math.pi / 2)
        f.append(v)
    return f


def once(make, seed):
    study = optuna.create_study(sampler=make(seed), directions=["minimize"] * M)
    c0 = time.process_time()
    t0 = time.perf_counter()
    study.optimize(dtlz2, n_trials=n_trials)
    return time.perf_counter() - t0, time.process_time() - c0


def measure(make):
    cold, cold_cpu = once(make, 0)
    pairs = [once(make, r + 1) for r in range(repeats)]
    runs = sorted(p[0] for p in pairs)
    cpu_runs = sorted(p[1] for p in pairs)
    mid = len(runs) // 2
    return {"cold": cold, "warm": runs[mid], "runs": runs, "coldCpu": cold_cpu, "warmCpu": cpu_runs[mid], "cpuRuns": cpu_runs}


s = optuna.samplers
nsga3 = measure(lambda r: s.NSGAIIISampler(seed=r)) if hasattr(s, "NSGAIIISampler") else None
nsga2 = measure(lambda r: s.NSGAIISampler(seed=r))
rnd = measure(lambda r: s.RandomSampler(seed=r))
print(json.dumps({"optuna": optuna.__version__, "nsga3": nsga3, "nsga2": nsga2, "random": rnd}))
