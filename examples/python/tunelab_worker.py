"""tunelab_worker: the Python side of `tunelab worker`'s line protocol (standard library only).

A training script written with it runs unchanged in both of the worker's modes:

    import tunelab_worker

    for trial in tunelab_worker.trials():
        model = build(lr=trial.params["lr"])
        for epoch in range(20):
            loss = train_one_epoch(model)
            trial.report(loss, epoch)          # Optuna's order: value, then step
            if trial.should_prune():
                trial.prune()
                break
        else:
            trial.tell(loss)

- `tunelab worker -- python3 train.py` starts the script once per trial: `trials()` yields
  that one trial. Reports are not answered in this mode: when the pruner stops the trial,
  the worker ends the script with SIGTERM (which this module turns into SystemExit, so
  `finally` blocks and `with` statements run), and `should_prune()` stays False.
- `tunelab worker --persistent -- python3 train.py` starts it once: `trials()` yields every
  trial the worker hands over on stdin, so what the script does before the loop (imports,
  loading the model and the data) is paid once per worker, not once per trial. Each report
  waits for the worker's answer, which `should_prune()` returns.
- Run by hand (no worker), `trials()` yields one trial whose params come from the
  environment variable TUNELAB_PARAMS (a JSON object) or are empty, so
  `TUNELAB_PARAMS='{"lr": 0.01}' python3 train.py` tries one point; nothing is pruned.

The protocol (packages/cli/README.md, section "Workers"): the script prints
`tunelab:report <step> <value>` (in persistent mode it then reads the worker's answer,
`tunelab:continue` or `tunelab:prune`, from stdin); it ends a trial with
`tunelab:result <value(s)>`, `tunelab:pruned` or `tunelab:fail <reason>`. Everything else the script prints is passed
through. In persistent mode an exception that escapes the loop ends the process: the worker
fails that trial (with the end of stderr as the reason) and starts the script again for the
next one; catch it and call `trial.fail(str(e))` to keep the loaded model.
"""

import json
import math
import os
import signal
import sys

__all__ = ["Trial", "trials", "PROTOCOL_VERSION"]

PROTOCOL_VERSION = 1

_PRUNE = "tunelab:prune"
_CONTINUE = "tunelab:continue"


def _send(line):
    """Print one protocol line on stdout and flush it (stdout is block-buffered in a pipe)."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _number(value):
    """A value as text the worker reads: repr of a float (nan, inf and -inf included)."""
    if isinstance(value, bool):
        raise TypeError("a value must be a number, got a bool")
    v = float(value)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)


class Trial:
    """One trial: its number and params, and the calls that talk to the worker."""

    def __init__(self, number, params, mode):
        #: The trial's number in the study (None when run by hand without TUNELAB_TRIAL_NUMBER).
        self.number = number
        #: The trial's parameters, by name (JSON values: numbers, strings, booleans, None).
        self.params = params
        #: "trial", "persistent", or "standalone" (run by hand).
        self.mode = mode
        self._prune = False
        self._ended = False

    def report(self, value, step):
        """Report an intermediate value at `step` (an integer >= 0), as Optuna's
        `trial.report(value, step)`. In persistent mode, waits for the worker's answer, which
        `should_prune()` then returns."""
        if self._ended:
            raise RuntimeError("report: trial %s has ended" % self.number)
        if isinstance(step, bool) or int(step) != step or step < 0:
            raise ValueError("report: step must be an integer >= 0, got %r" % (step,))
        _send("tunelab:report %d %s" % (int(step), _number(value)))
        if self.mode != "persistent":
            return
        answer = sys.stdin.readline()
        if answer == "":
            raise EOFError("report: the worker closed stdin (it stopped)")
        self._prune = answer.strip() == _PRUNE

    def should_prune(self):
        """True when the study's pruner said, at the last report, to stop this trial."""
        return self._prune

    def tell(self, value):
        """End the trial with its value (a number) or values (a sequence, one per objective)."""
        if isinstance(value, (list, tuple)):
            text = " ".join(_number(v) for v in value)
        else:
            text = _number(value)
        self._end("tunelab:result " + text)

    def prune(self):
        """End the trial as pruned (call it when `should_prune()` is true)."""
        self._end("tunelab:pruned")

    def fail(self, reason="failed"):
        """End the trial as failed, with a one-line reason."""
        self._end("tunelab:fail " + " ".join(str(reason).split()))

    def _end(self, line):
        if self._ended:
            raise RuntimeError("trial %s has ended already" % self.number)
        self._ended = True
        _send(line)


def _mode():
    if os.environ.get("TUNELAB_PROTOCOL") is None:
        return "standalone"
    version = int(os.environ["TUNELAB_PROTOCOL"])
    if version != PROTOCOL_VERSION:
        raise RuntimeError(
            "tunelab_worker speaks protocol %d, the worker speaks %d" % (PROTOCOL_VERSION, version)
        )
    return os.environ.get("TUNELAB_MODE", "trial")


def _exit_on_sigterm(signum, frame):
    """SIGTERM (a pruned trial, --trial-timeout, the worker stopping) as SystemExit(143)."""
    raise SystemExit(128 + signum)


def trials():
    """The trials this process runs: one, or (persistent mode) every trial the worker sends."""
    mode = _mode()
    if mode != "standalone" and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
    if mode == "persistent":
        while True:
            line = sys.stdin.readline()
            if line == "":
                return  # end of file: the worker has no more trials
            line = line.strip()
            if not line.startswith("{"):
                continue  # an answer left over from a trial that stopped reporting early
            message = json.loads(line)
            trial = Trial(message["number"], message["params"], mode)
            yield trial
            if not trial._ended:
                trial.fail("the script's loop body ended without trial.tell(), prune() or fail()")
        return
    if mode == "trial":
        # The only line of stdin is the trial, as `tunelab ask` prints it.
        line = sys.stdin.readline()
        message = json.loads(line) if line.strip() else {}
        params = message.get("params", json.loads(os.environ.get("TUNELAB_PARAMS") or "{}"))
        number = message.get("number", os.environ.get("TUNELAB_TRIAL_NUMBER"))
    else:
        params = json.loads(os.environ.get("TUNELAB_PARAMS") or "{}")
        number = os.environ.get("TUNELAB_TRIAL_NUMBER")
    yield Trial(None if number is None else int(number), params, mode)
