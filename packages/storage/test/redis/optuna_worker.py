"""Optuna's side of the Redis journal interop test (redis/optuna-interop.test.ts).

Runs under Debian's python3-optuna (3.1, /usr/bin/python3, with python3-redis) and Optuna 5.0
(a venv), so it takes the Redis backend under both names: JournalRedisStorage in
optuna/storages/_journal/redis.py at v3.1.0, JournalRedisBackend in
optuna/storages/journal/_redis.py at v5.0.0-rc1. Subcommands (URL is redis://host:port/db,
PREFIX the journal's key prefix):

  write URL PREFIX    the reference study below, written by Optuna under a new prefix; with a
                      "bulk" study whose trials take the trial ids past 100, so that Optuna
                      also saves its <PREFIX>:snapshot (a pickle of its replay state)
  dump URL PREFIX     every study of the journal as Optuna reads it, as JSON on stdout, in the
                      shape of ../journal/optuna-view.ts (Python's json.dumps: NaN and Infinity
                      are bare tokens)
  worker URL PREFIX STUDY N SEED [pingpong]
                      N trials of the objective of ../postgres/worker.ts (x, n, kind) with
                      RandomSampler(seed) on STUDY (created if missing), each with the user
                      attribute worker="python"; with pingpong, trial j starts only once the
                      trials with worker="tunelab-pingpong" number j + 1 (strict alternation).
                      Prints {"seen": the number of trials it saw at its end}
"""

import json
import sys
import time
import warnings

import optuna

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)

try:  # Optuna >= 4.0
    from optuna.storages.journal import JournalRedisBackend as RedisBackend
except ImportError:  # Optuna 3.1
    from optuna.storages import JournalRedisStorage as RedisBackend


def storage(url, prefix):
    return optuna.storages.JournalStorage(RedisBackend(url, prefix=prefix))


def write(url, prefix):
    st = storage(url, prefix)
    sampler = optuna.samplers.RandomSampler(seed=7)
    s = optuna.create_study(storage=st, study_name="reference", sampler=sampler)
    s.set_user_attr("owner", {"team": "hpo", "tags": ["a", "é"], "n": 3})
    s.set_user_attr("__proto__", 1.5)
    s._storage.set_study_system_attr(s._study_id, "note", "system")

    def objective(t):
        x = t.suggest_float("x", -5, 5)
        lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
        q = t.suggest_float("q", 0, 1, step=0.25)
        n = t.suggest_int("n", 1, 64, log=True)
        k = t.suggest_int("k", 0, 10, step=2)
        c = t.suggest_categorical("c", ["adam", None, True, 1.5, 2])
        t.set_user_attr("constructor", {"nested": [1, None, "x"]})
        t.report(float("nan"), 0)
        t.report(x * x, 1)
        if t.number == 2:
            raise optuna.TrialPruned()
        if t.number == 3:
            raise ValueError("boom")
        return x * x + lr + q + n + k

    s.optimize(objective, n_trials=5, catch=(ValueError,))
    s.enqueue_trial({"x": 0.5, "c": "adam"}, user_attrs={"queued": True})
    s.add_trial(
        optuna.trial.create_trial(
            params={"x": 0.0},
            distributions={"x": optuna.distributions.FloatDistribution(-5, 5)},
            value=float("inf"),
            intermediate_values={0: float("-inf"), 3: -0.0},
        )
    )
    gone = optuna.create_study(storage=st, study_name="deleted")
    gone.optimize(lambda t: t.suggest_float("y", 0, 1), n_trials=2)
    optuna.delete_study(study_name="deleted", storage=st)
    m = optuna.create_study(
        storage=st, study_name="multi", directions=["minimize", "maximize"], sampler=sampler
    )
    m.optimize(lambda t: (t.suggest_float("a", 0, 1), t.suggest_int("b", 0, 3)), n_trials=3)
    # Trial ids are counted across studies; Optuna saves its snapshot when it creates trial 100.
    bulk = optuna.create_study(storage=st, study_name="bulk", sampler=sampler)
    bulk.optimize(lambda t: t.suggest_float("z", 0, 1), n_trials=100)


def dump(url, prefix):
    st = storage(url, prefix)
    out = []
    for summary in st.get_all_studies():
        s = optuna.load_study(study_name=summary.study_name, storage=st)
        trials = []
        for t in s.get_trials(deepcopy=False):
            trials.append(
                {
                    "number": t.number,
                    "trial_id": t._trial_id,
                    "state": t.state.name,
                    "values": t.values,
                    "params": t.params,
                    "distributions": {
                        k: optuna.distributions.distribution_to_json(d)
                        for k, d in t.distributions.items()
                    },
                    "user_attrs": t.user_attrs,
                    "system_attrs": t.system_attrs,
                    "intermediate_values": {str(k): v for k, v in t.intermediate_values.items()},
                    "datetime_start": None if t.datetime_start is None else t.datetime_start.isoformat(),
                    "datetime_complete": None
                    if t.datetime_complete is None
                    else t.datetime_complete.isoformat(),
                }
            )
        out.append(
            {
                "study_id": s._study_id,
                "study_name": s.study_name,
                "directions": [d.name.lower() for d in s.directions],
                "user_attrs": s.user_attrs,
                "system_attrs": st.get_study_system_attrs(s._study_id),
                "trials": trials,
            }
        )
    print(json.dumps({"optuna": optuna.__version__, "studies": out}))


def started_by(study, worker):
    return sum(1 for t in study.get_trials(deepcopy=False) if t.user_attrs.get("worker") == worker)


def worker(url, prefix, study_name, n, seed, pingpong):
    s = optuna.create_study(
        storage=storage(url, prefix),
        study_name=study_name,
        load_if_exists=True,
        sampler=optuna.samplers.RandomSampler(seed=seed),
    )
    mine = [0]

    def objective(t):
        if pingpong:
            # Python's trial j starts once the tunelab ping-pong worker has started j + 1.
            deadline = time.monotonic() + 60
            while started_by(s, "tunelab-pingpong") < mine[0] + 1:
                if time.monotonic() > deadline:
                    raise RuntimeError("the tunelab ping-pong worker stopped")
                time.sleep(0.002)
        mine[0] += 1
        t.set_user_attr("worker", "python")
        x = t.suggest_float("x", -10, 10)
        n = t.suggest_int("n", 1, 8)
        kind = t.suggest_categorical("kind", ["a", "b", "c"])
        return x * x + n + (0 if kind == "a" else 1)

    s.optimize(objective, n_trials=n)
    print(json.dumps({"seen": len(s.trials)}))


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "write":
        write(sys.argv[2], sys.argv[3])
    elif cmd == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif cmd == "worker":
        worker(
            sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), "pingpong" in sys.argv[7:]
        )
    else:
        sys.exit("usage: optuna_worker.py write|dump URL PREFIX, or worker URL PREFIX STUDY N SEED [pingpong]")
