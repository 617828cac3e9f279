"""Optuna 3.1's TPE on the cases of tpe-speed.ts, timed the same way (called by it).

Usage: /usr/bin/python3 benchmarks/compare/tpe_speed_optuna.py CASE... (sphere10-tpe,
sphere10-tpe_multivariate, zdt1_10-tpe, ...; `<problem>-<sampler>-<trials>`). Prints one JSON
line per case: total wall seconds of `study.optimize` and the wall time of each trial
(milliseconds between consecutive trial completions, from a callback).
"""
import json
import sys
import time
import warnings

import optuna

warnings.filterwarnings("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)


def sphere10(trial):
    return sum(trial.suggest_float(f"x{i}", -5, 5) ** 2 for i in range(10))


def zdt1_10(trial):
    x = [trial.suggest_float(f"x{i}", 0, 1) for i in range(10)]
    g = 1 + 9 * sum(x[1:]) / 9
    return x[0], g * (1 - (x[0] / g) ** 0.5)


PROBLEMS = {"sphere10": (sphere10, ["minimize"]), "zdt1_10": (zdt1_10, ["minimize", "minimize"])}


def run(case):
    problem, sampler_name, trials = case.rsplit("-", 2)
    objective, directions = PROBLEMS[problem]
    multivariate = sampler_name == "tpe_multivariate"
    sampler = optuna.samplers.TPESampler(seed=1, multivariate=multivariate)
    study = optuna.create_study(directions=directions, sampler=sampler)
    stamps = []
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=int(trials), callbacks=[lambda s, t: stamps.append(time.perf_counter())])
    total = time.perf_counter() - t0
    per_trial = [(b - a) * 1000 for a, b in zip([t0] + stamps[:-1], stamps)]
    return {"case": case, "total": total, "perTrialMs": per_trial, "optuna": optuna.__version__}


if __name__ == "__main__":
    for case in sys.argv[1:]:
        print(json.dumps(run(case)), flush=True)
