"""Times Optuna's importance evaluators on trials written by importance.ts (the same trials).

Usage: python importance-optuna.py TRIALS.json EVALUATOR [EVALUATOR ...]
EVALUATOR: fanova | mdi (Optuna 3.1: Debian's /usr/bin/python3, has scikit-learn) or
ped-anova (Optuna 5.0: /tmp/optuna5/bin/python). Prints one JSON line per evaluator:
{"evaluator", "cpu_s", "importances"}; CPU time (time.process_time) of get_param_importances
only, the study built beforehand.
"""
import json
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)

with open(sys.argv[1]) as f:
    rec = json.load(f)
dists = {k: optuna.distributions.json_to_distribution(json.dumps(v)) for k, v in rec["distributions"].items()}
study = optuna.create_study(direction="minimize")
study.add_trials(
    [optuna.trial.create_trial(params=t["params"], distributions=dists, value=t["value"]) for t in rec["trials"]]
)
for name in sys.argv[2:]:
    from optuna import importance as imp

    if name == "fanova":
        ev = imp.FanovaImportanceEvaluator(seed=0)
    elif name == "mdi":
        ev = imp.MeanDecreaseImpurityImportanceEvaluator(seed=0)
    else:
        ev = imp.PedAnovaImportanceEvaluator()
    t0 = time.process_time()
    r = imp.get_param_importances(study, evaluator=ev)
    dt = time.process_time() - t0
    print(json.dumps({"evaluator": name, "optuna": optuna.__version__, "cpu_s": dt, "importances": r}), flush=True)
