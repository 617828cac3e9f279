"""Times Optuna 5.0's hypervolume and non-dominated sort on the cases written by
pareto-large.ts (raw float64 files), in the same run, and prints one JSON line.

Run by benchmarks/micro/pareto-large.ts with /tmp/optuna5/bin/python (Optuna 5.0).
argv: the case list as JSON: [{"name", "file", "n", "m", "kind": "hv"|"sort", "ref"?}], repeats.
"""
import json
import statistics
import sys
import time

import numpy as np
import optuna
from optuna._hypervolume import compute_hypervolume
from optuna.study._multi_objective import _fast_non_domination_rank


def timed(f, repeats):
    """Median CPU time (process_time, so other load on the shared machine counts less) in ms;
    a first run above 2 s is taken as the figure (no repeats)."""
    t0 = time.process_time()
    out = f()  # warm-up
    first = time.process_time() - t0
    if first > 2.0:
        return first * 1000.0, out
    ts = []
    for _ in range(repeats):
        t0 = time.process_time()
        out = f()
        ts.append(time.process_time() - t0)
    return statistics.median(ts) * 1000.0, out


def main():
    cases = json.loads(sys.argv[1])
    repeats = int(sys.argv[2])
    out = {"optuna": optuna.__version__, "numpy": np.__version__, "results": {}}
    for case in cases:
        pts = np.fromfile(case["file"], dtype=np.float64).reshape(case["n"], case["m"])
        if case["kind"] == "hv":
            ref = np.asarray(case["ref"], dtype=np.float64)
            ms, value = timed(lambda: compute_hypervolume(pts, ref), repeats)
            out["results"][case["name"]] = {"ms": ms, "value": float(value)}
        else:
            ms, ranks = timed(lambda: _fast_non_domination_rank(pts), repeats)
            out["results"][case["name"]] = {"ms": ms, "ranks": [int(r) for r in ranks[:50]]}
    print(json.dumps(out))


main()
