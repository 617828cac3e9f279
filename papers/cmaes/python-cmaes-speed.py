"""Time per ask and per tell of CyberAgentAILab's `cmaes` (Debian python3-cmaes 0.9.1).

The peer figure for benchmarks/micro/cmaes-ask-tell.ts, which runs this script in the same
session and prints both. Protocol (identical to the TypeScript script): 10-D sphere from
x0 = 3, sigma0 = 2; a fresh optimizer every 300 generations; `generations` generations in
total; time.perf_counter around the lambda asks and around the tell of each generation
(function evaluations are not timed).

Run: /usr/bin/python3 papers/cmaes/python-cmaes-speed.py [generations=3000] [dim=10]
Prints one JSON line: {"askUs": ..., "tellUs": ..., "perSolutionUs": ..., "lambda": ...}.
"""

import json
import sys
import time

import cmaes
import numpy as np


def main():
    generations = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    dim = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    ask_s = 0.0
    tell_s = 0.0
    asks = 0
    opt = None
    for g in range(generations):
        if g % 300 == 0:
            opt = cmaes.CMA(mean=np.full(dim, 3.0), sigma=2.0, seed=g)
        lam = opt.population_size
        t0 = time.perf_counter()
        xs = [opt.ask() for _ in range(lam)]
        t1 = time.perf_counter()
        sols = [(x, float(np.sum(x * x))) for x in xs]
        t2 = time.perf_counter()
        opt.tell(sols)
        t3 = time.perf_counter()
        ask_s += t1 - t0
        tell_s += t3 - t2
        asks += lam
    ask_us = ask_s / asks * 1e6
    tell_us = tell_s / generations * 1e6
    print(
        json.dumps(
            {
                "library": f"cmaes {cmaes.__version__}",
                "dim": dim,
                "lambda": lam,
                "askUs": ask_us,
                "tellUs": tell_us,
                "perSolutionUs": (ask_s + tell_s) / asks * 1e6,
            }
        )
    )


if __name__ == "__main__":
    main()
