"""The Optuna side of tunelab's benchmark peer bridge.

Re-implements the benchmark's test functions from the same definitions as
@tunelab/test-functions (sources cited there: Surjanovic & Bingham's Virtual Library of
Simulation Experiments; Zitzler, Deb & Thiele 2000; Deb, Thiele, Laumanns & Zitzler 2002; the
package's own mixed and conditional problems) and runs Optuna 3.1's samplers on them.

Usage (run by benchmarks/src/peers/optuna.ts with Debian's /usr/bin/python3):
  optuna_peer.py version    print Optuna's version (fails when optuna is missing)
  optuna_peer.py serve      read JSON lines {"key", "cell", "space"}, write one JSON record per line
  optuna_peer.py evaluate   read [{"function", "points": [params...]}] on stdin, write values
A function this script does not implement gives {"skipped": reason}.
"""
import json
import math
import os
import re
import subprocess
import sys
import time

# ---------------------------------------------------------------- test functions
# Each takes the parameter record (names x0..x{d-1} for box functions) and returns a float or a
# list of floats (multi-objective). Definitions follow test-functions/src/{classic,multi,mixed}.


def _vec(p, n):
    return [float(p["x%d" % i]) for i in range(n)]


def sphere(x):
    return sum(v * v for v in x)


def ellipsoid(x, condition=1e6):
    d = len(x)
    return sum((1.0 if d == 1 else condition ** (i / (d - 1))) * v * v for i, v in enumerate(x))


def rosenbrock(x):
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (x[i] - 1) ** 2 for i in range(len(x) - 1))


def rastrigin(x):
    return 10 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def ackley(x):
    d = len(x)
    sq = sum(v * v for v in x)
    cs = sum(math.cos(2 * math.pi * v) for v in x)
    return -20 * math.exp(-0.2 * math.sqrt(sq / d)) - math.exp(cs / d) + 20 + math.e


def griewank(x):
    s = sum(v * v for v in x) / 4000
    p = 1.0
    for i, v in enumerate(x):
        p *= math.cos(v / math.sqrt(i + 1))
    return s - p + 1


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2
    for i in range(len(x) - 1):
        s += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    s += (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)
    return s


def styblinski_tang(x):
    return 0.5 * sum(v ** 4 - 16 * v * v + 5 * v for v in x)


def branin(x):
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x[1] - b * x[0] ** 2 + c * x[0] - 6) ** 2 + 10 * (1 - t) * math.cos(x[0]) + 10


_ALPHA = [1.0, 1.2, 3.0, 3.2]
_A3 = [[3, 10, 30], [0.1, 10, 35], [3, 10, 30], [0.1, 10, 35]]
_P3 = [[3689, 1170, 2673], [4699, 4387, 7470], [1091, 8732, 5547], [381, 5743, 8828]]
_A6 = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
_P6 = [
    [1312, 1696, 5569, 124, 8283, 5886],
    [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650],
    [4047, 8828, 8732, 5743, 1091, 381],
]


def _hartmann(x, a, p):
    s = 0.0
    for i in range(4):
        inner = sum(a[i][j] * (x[j] - p[i][j] * 1e-4) ** 2 for j in range(len(x)))
        s += _ALPHA[i] * math.exp(-inner)
    return -s


def _g_linear(x):
    return 1 + 9 * sum(x[1:]) / (len(x) - 1)


def zdt1(x):
    g = _g_linear(x)
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt2(x):
    g = _g_linear(x)
    return [x[0], g * (1 - (x[0] / g) ** 2)]


def zdt3(x):
    g = _g_linear(x)
    r = x[0] / g
    return [x[0], g * (1 - math.sqrt(r) - r * math.sin(10 * math.pi * x[0]))]


def zdt4(x):
    n = len(x)
    g = 1 + 10 * (n - 1) + sum(v * v - 10 * math.cos(4 * math.pi * v) for v in x[1:])
    return [x[0], g * (1 - math.sqrt(x[0] / g))]


def zdt6(x):
    n = len(x)
    g = 1 + 9 * (sum(x[1:]) / (n - 1)) ** 0.25
    f1 = 1 - math.exp(-4 * x[0]) * math.sin(6 * math.pi * x[0]) ** 6
    return [f1, g * (1 - (f1 / g) ** 2)]


def _g_rastrigin(x, m, k):
    return 100 * (k + sum((v - 0.5) ** 2 - math.cos(20 * math.pi * (v - 0.5)) for v in x[m - 1:]))


def _g_sphere(x, m):
    return sum((v - 0.5) ** 2 for v in x[m - 1:])


def dtlz1(x, m, k):
    g = _g_rastrigin(x, m, k)
    out = []
    for i in range(m):
        f = 0.5 * (1 + g)
        upto = m - 1 - i
        for j in range(upto):
            f *= x[j]
        if i > 0:
            f *= 1 - x[upto]
        out.append(f)
    return out


def _sphere_objectives(x, m, g, alpha):
    out = []
    for i in range(m):
        f = 1 + g
        upto = m - 1 - i
        for j in range(upto):
            f *= math.cos(x[j] ** alpha * math.pi / 2)
        if i > 0:
            f *= math.sin(x[upto] ** alpha * math.pi / 2)
        out.append(f)
    return out


def dtlz7(x, m, k):
    g = 1 + 9 / k * sum(x[m - 1:])
    h = m - sum(x[i] / (1 + g) * (1 + math.sin(3 * math.pi * x[i])) for i in range(m - 1))
    return list(x[: m - 1]) + [(1 + g) * h]


_MIXED = {
    "a": (0.5, (2, -1), -3, 4),
    "b": (0.0, (-1.5, 3), -2, 12),
    "c": (0.25, (0.5, 0.5), -4, 17),
}


def mixed(p):
    o, mu, log_lr, n = _MIXED[p["c"]]
    return (
        o
        + (p["x0"] - mu[0]) ** 2
        + (p["x1"] - mu[1]) ** 2
        + (math.log10(p["lr"]) - log_lr) ** 2
        + ((p["n"] - n) / 4) ** 2
    )


def conditional(p):
    model = p["model"]
    if model == "linear":
        a = math.log10(p["alpha"]) + 3
        return 0.3 + 0.1 * a * a
    if model == "tree":
        d = (p["depth"] - 7) / 4
        m = math.log2(p["minLeaf"]) - 2
        return 0.1 + d * d + 0.05 * m * m
    act = p["activation"]
    if act == "leaky_relu":
        s = math.log10(p["slope"]) + 1
        base = 0.2 * s * s
    else:
        base = 0.05 if act == "relu" else 0.15
    l = p["layers"] - 3
    w = math.log2(p["width"]) - 8
    return base + 0.05 * l * l + 0.02 * w * w


_FAMILIES = {
    "sphere": sphere,
    "ellipsoid": ellipsoid,
    "rosenbrock": rosenbrock,
    "rastrigin": rastrigin,
    "ackley": ackley,
    "griewank": griewank,
    "levy": levy,
    "styblinski-tang": styblinski_tang,
}


def resolve(name):
    """The function named like @tunelab/test-functions' registry, or None."""
    if name == "branin":
        return lambda p: branin(_vec(p, 2))
    if name == "hartmann3":
        return lambda p: _hartmann(_vec(p, 3), _A3, _P3)
    if name == "hartmann6":
        return lambda p: _hartmann(_vec(p, 6), _A6, _P6)
    if name == "mixed-categorical-shift":
        return mixed
    if name == "conditional-model-choice":
        return conditional
    m = re.fullmatch(r"zdt([12346])(?:-(\d+))?", name)
    if m:
        f = {"1": zdt1, "2": zdt2, "3": zdt3, "4": zdt4, "6": zdt6}[m.group(1)]
        n = int(m.group(2)) if m.group(2) else (30 if m.group(1) in "123" else 10)
        return lambda p: f(_vec(p, n))
    m = re.fullmatch(r"dtlz([12347])-m(\d+)(?:-k(\d+))?", name)
    if m:
        which, nobj = m.group(1), int(m.group(2))
        k = int(m.group(3)) if m.group(3) else {"1": 5, "7": 20}.get(which, 10)
        n = nobj + k - 1
        if which == "1":
            return lambda p: dtlz1(_vec(p, n), nobj, k)
        if which == "7":
            return lambda p: dtlz7(_vec(p, n), nobj, k)
        alpha = 100 if which == "4" else 1
        if which == "3":
            return lambda p: _sphere_objectives(_vec(p, n), nobj, _g_rastrigin(_vec(p, n), nobj, k), alpha)
        return lambda p: _sphere_objectives(_vec(p, n), nobj, _g_sphere(_vec(p, n), nobj), alpha)
    m = re.fullmatch(r"([a-z-]+?)-(\d+)", name)
    if m and m.group(1) in _FAMILIES:
        f = _FAMILIES[m.group(1)]
        d = int(m.group(2))
        return lambda p: f(_vec(p, d))
    return None


# ---------------------------------------------------------------- real problems
# "sklearn-*" problems (benchmarks/peers/sklearn_problems.py) are evaluated by a child
# `sklearn_problems.py serve` process under a Python with scikit-learn ($TUNELAB_SKLEARN_PYTHON,
# else Debian's /usr/bin/python3: the Optuna 5.0 venv has no scikit-learn), with the same
# on-disk cache as the tunelab side, so both sides share evaluations.

_sklearn = {}


def _sklearn_evaluator():
    child = _sklearn.get("proc")
    if child is None or child.poll() is not None:
        python = os.environ.get("TUNELAB_SKLEARN_PYTHON", "/usr/bin/python3")
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_problems.py")
        ok = subprocess.run([python, script, "version"], capture_output=True, text=True)
        if ok.returncode != 0:
            why = (ok.stderr or ok.stdout).strip().split("\n")[-1]
            raise RuntimeError("real problems skipped: %s cannot import scikit-learn (%s)" % (python, why))
        child = subprocess.Popen([python, script, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        _sklearn["proc"] = child
    return child


def sklearn_objective(name):
    """The loss of the real problem `name` as a function of the parameter record."""
    child = _sklearn_evaluator()

    def f(params):
        child.stdin.write(json.dumps({"problem": name, "params": params}) + "\n")
        child.stdin.flush()
        out = child.stdout.readline()
        if not out:
            raise RuntimeError("the scikit-learn evaluator ended")
        msg = json.loads(out)
        if "error" in msg:
            raise RuntimeError(msg["error"])
        return float("inf") if msg["value"] is None else msg["value"]

    return f


# ---------------------------------------------------------------- samplers


def make_sampler(name, seed):
    import optuna

    s = optuna.samplers
    if name == "random":
        return s.RandomSampler(seed=seed)
    if name == "tpe":
        return s.TPESampler(seed=seed)
    if name == "tpe_multivariate":
        return s.TPESampler(seed=seed, multivariate=True)
    if name == "cmaes":
        return s.CmaEsSampler(seed=seed)
    if name == "qmc":
        return s.QMCSampler(seed=seed, scramble=False)
    if name == "qmc_scrambled":
        return s.QMCSampler(seed=seed, scramble=True)
    if name == "nsga2":
        return s.NSGAIISampler(seed=seed)
    if name == "nsga2_pop20":
        return s.NSGAIISampler(seed=seed, population_size=20)
    if name == "nsga3" and hasattr(s, "NSGAIIISampler"):  # Optuna >= 3.2
        return s.NSGAIIISampler(seed=seed)
    return None


def timed(sampler):
    """A sampler that delegates to `sampler` and accumulates the time of its methods per trial."""
    import optuna

    ms = {}

    def add(number, t0):
        ms[number] = ms.get(number, 0.0) + (time.perf_counter() - t0) * 1000

    class Timed(optuna.samplers.BaseSampler):
        def infer_relative_search_space(self, study, trial):
            t0 = time.perf_counter()
            try:
                return sampler.infer_relative_search_space(study, trial)
            finally:
                add(trial.number, t0)

        def sample_relative(self, study, trial, search_space):
            t0 = time.perf_counter()
            try:
                return sampler.sample_relative(study, trial, search_space)
            finally:
                add(trial.number, t0)

        def sample_independent(self, study, trial, param_name, param_distribution):
            t0 = time.perf_counter()
            try:
                return sampler.sample_independent(study, trial, param_name, param_distribution)
            finally:
                add(trial.number, t0)

        def before_trial(self, study, trial):
            t0 = time.perf_counter()
            try:
                sampler.before_trial(study, trial)
            finally:
                add(trial.number, t0)

        def after_trial(self, study, trial, state, values):
            t0 = time.perf_counter()
            try:
                sampler.after_trial(study, trial, state, values)
            finally:
                add(trial.number, t0)

        def reseed_rng(self):
            sampler.reseed_rng()

    return Timed(), ms


def is_active(spec, params):
    c = spec.get("condition")
    if c is None:
        return True
    return c["parent"] in params and params[c["parent"]] in c["values"]


def suggest(trial, spec):
    kind = spec["kind"]
    if kind == "float":
        return trial.suggest_float(spec["name"], spec["low"], spec["high"], log=bool(spec.get("log")), step=spec.get("step"))
    if kind == "int":
        return trial.suggest_int(spec["name"], spec["low"], spec["high"], log=bool(spec.get("log")), step=spec.get("step") or 1)
    return trial.suggest_categorical(spec["name"], spec["choices"])


def run_cell(cell, space):
    import optuna

    real = cell["function"].startswith("sklearn-")
    if real:
        try:
            fn = sklearn_objective(cell["function"])
        except RuntimeError as e:
            return {"skipped": str(e)}
    else:
        fn = resolve(cell["function"])
    if fn is None:
        return {"skipped": "the Optuna peer does not implement %s" % cell["function"]}
    if cell["pruner"] != "none":
        return {"skipped": "the Optuna peer runs no pruner (%s)" % cell["pruner"]}
    sampler = make_sampler(cell["sampler"], cell["seed"])
    if sampler is None:
        return {"skipped": "unknown Optuna sampler %s" % cell["sampler"]}
    wrapped, ms = timed(sampler)

    def objective(trial):
        params = {}
        for spec in space:
            if is_active(spec, params):
                params[spec["name"]] = suggest(trial, spec)
        return fn(params)

    # The number of objectives, from one evaluation of a valid point of the space.
    first = 0.0 if real else fn(_center(space))  # real problems are single-objective
    directions = ["minimize"] * (len(first) if isinstance(first, list) else 1)
    study = optuna.create_study(sampler=wrapped, directions=directions)
    t0 = time.perf_counter()
    study.optimize(objective, n_trials=cell["trials"], n_jobs=1, catch=(Exception,))
    wall = (time.perf_counter() - t0) * 1000
    values, states, steps, feasible, sampler_ms = [], [], [], [], []
    for t in study.get_trials(deepcopy=False):
        done = t.state == optuna.trial.TrialState.COMPLETE
        values.append(list(t.values) if done else None)
        states.append("C" if done else "P" if t.state == optuna.trial.TrialState.PRUNED else "F")
        steps.append(1)
        feasible.append(True)
        sampler_ms.append(ms.get(t.number, 0.0))
    return {
        "values": values,
        "states": states,
        "steps": steps,
        "feasible": feasible,
        "samplerMs": sampler_ms,
        "wallMs": wall,
    }


# Another Optuna in the same benchmark run: a sampler named "<name>@<version>" (for example
# "nsga2@3.1") runs as "<name>" in a child `optuna_peer.py serve` process under the Python
# that holds that version (OTHER_PYTHONS; $TUNELAB_PYTHON_<version with _> overrides), so one
# run compares tunelab with two Optuna versions. The child starts at the first such cell.
OTHER_PYTHONS = {"3.1": "/usr/bin/python3", "5.0": "/tmp/optuna5/bin/python"}
_children = {}


def forward_versioned(msg):
    """The record of a "<name>@<version>" cell, run by a child peer; None for other cells."""
    name = msg["cell"]["sampler"]
    if "@" not in name:
        return None
    base, version = name.split("@", 1)
    python = os.environ.get("TUNELAB_PYTHON_" + version.replace(".", "_"), OTHER_PYTHONS.get(version))
    if python is None:
        return {"skipped": "no Python known for Optuna %s (set TUNELAB_PYTHON_%s)" % (version, version.replace(".", "_"))}
    child = _children.get(version)
    if child is None:
        child = subprocess.Popen(
            [python, os.path.abspath(__file__), "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        _children[version] = child
    cell = dict(msg["cell"], sampler=base)
    child.stdin.write(json.dumps(dict(msg, cell=cell)) + "\n")
    child.stdin.flush()
    out = child.stdout.readline()
    if not out:
        return {"error": "the Optuna %s peer (%s) ended" % (version, python)}
    return json.loads(out)


def _center(space):
    """A valid parameter record (first choice / lower bound / middle), for the objective count."""
    p = {}
    for spec in space:
        if not is_active(spec, p):
            continue
        if spec["kind"] == "categorical":
            p[spec["name"]] = spec["choices"][0]
        elif spec["kind"] == "int":
            p[spec["name"]] = spec["low"]
        elif spec.get("log"):
            p[spec["name"]] = math.sqrt(spec["low"] * spec["high"])
        else:
            p[spec["name"]] = 0.5 * (spec["low"] + spec["high"])
    return p


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "serve"
    if mode == "version":
        import optuna

        print(optuna.__version__)
        return
    if mode == "evaluate":
        out = []
        for req in json.load(sys.stdin):
            fn = resolve(req["function"])
            if fn is None:
                out.append({"function": req["function"], "values": [], "error": "not implemented"})
                continue
            out.append({"function": req["function"], "values": [fn(p) for p in req["points"]]})
        json.dump(out, sys.stdout)
        return
    import optuna

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    import warnings

    warnings.filterwarnings("ignore")
    for line in sys.stdin:
        if not line.strip():
            continue
        msg = json.loads(line)
        try:
            forwarded = forward_versioned(msg)
            res = forwarded if forwarded is not None else run_cell(msg["cell"], msg["space"])
        except Exception as e:  # reported to the runner, which records the run as failed
            res = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
