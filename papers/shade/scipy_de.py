"""SciPy's differential_evolution on BBOB functions evaluated by the Node parent process.

Run by papers/shade/reproduce.ts (never alone): the objective of each run is evaluated in
Node (tunelab's `@tunelab/test-functions/bbob`, the same instances as SHADE's runs). Protocol,
one JSON object per line: this script writes {"fid", "x": [[...], ...]} (one generation,
vectorized) and reads back a list of values; after each run it writes
{"done": true, "fid", "run", "fun", "nfev"}.

Settings: SciPy's defaults (strategy "best1bin", popsize 15, mutation (0.5, 1) dithered,
recombination 0.7, Latin hypercube init), with tol = atol = 0 (no early stop), polish=False (no
L-BFGS-B at the end: the budget is the DE's) and updating="deferred" (needed by vectorized);
maxiter = budget // (popsize * d) - 1 generations, so nfev <= budget.

argv: JSON {"fids": [...], "runs": n, "dim": d, "budget": b}
"""

import json
import sys

import numpy as np
import scipy
from scipy.optimize import differential_evolution


def main() -> None:
    spec = json.loads(sys.argv[1])
    d = spec["dim"]
    popsize = 15
    maxiter = spec["budget"] // (popsize * d) - 1
    for fid in spec["fids"]:
        for run in range(1, spec["runs"] + 1):

            def f(x: np.ndarray, fid: int = fid) -> np.ndarray:
                points = np.atleast_2d(x.T).tolist()
                sys.stdout.write(json.dumps({"fid": fid, "x": points}) + "\n")
                sys.stdout.flush()
                return np.asarray(json.loads(sys.stdin.readline()), dtype=float)

            res = differential_evolution(
                f,
                bounds=[(-5.0, 5.0)] * d,
                maxiter=maxiter,
                popsize=popsize,
                tol=0,
                atol=0,
                polish=False,
                updating="deferred",
                vectorized=True,
                seed=run,
            )
            sys.stdout.write(
                json.dumps({"done": True, "fid": fid, "run": run, "fun": float(res.fun), "nfev": int(res.nfev), "scipy": scipy.__version__})
                + "\n"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
