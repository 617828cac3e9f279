#!/usr/bin/env python3
"""Tune a linear classifier on scikit-learn's bundled digits data through `tunelab worker`.

An SGDClassifier is trained epoch by epoch with `partial_fit`; after each epoch the script
reports the validation error, so that the study's pruner can stop a poor trial early. The
parameters (see space.json): `alpha` (L2 penalty), `eta0` (the constant learning rate) and
`loss`. The value of a trial is the validation error after the last epoch (minimize).

    tunelab worker --storage journal:./digits.log --study digits \
        --search-space @examples/sklearn-digits/space.json --n-trials 30 \
        --pruner MedianPruner --pruner-kwargs '{"n_startup_trials": 5, "n_warmup_steps": 2}' \
        -- /usr/bin/python3 examples/sklearn-digits/train.py

Add --persistent to load scikit-learn and the data once per worker instead of once per
trial. Run by hand, `TUNELAB_PARAMS='{"alpha": 1e-4, "eta0": 0.01, "loss": "hinge"}'
/usr/bin/python3 examples/sklearn-digits/train.py` trains one model and prints its error.

Needs Debian's python3-sklearn (`apt-get install -y python3-sklearn`). EPOCHS (default 20)
sets the number of epochs. The result is a function of the parameters alone (every random
choice is seeded), so a trial that is run again gives the same value.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.linear_model import SGDClassifier  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

import tunelab_worker  # noqa: E402

EPOCHS = int(os.environ.get("EPOCHS", "20"))

# Paid once per process: with --persistent, once per worker.
X, y = load_digits(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
scaler = StandardScaler().fit(X_train)
X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)
classes = np.unique(y)

for trial in tunelab_worker.trials():
    p = trial.params
    clf = SGDClassifier(
        loss=p.get("loss", "hinge"),
        alpha=p.get("alpha", 1e-4),
        learning_rate="constant",
        eta0=p.get("eta0", 0.01),
        random_state=0,
    )
    error = 1.0
    for epoch in range(EPOCHS):
        order = np.random.RandomState(epoch).permutation(len(X_train))
        clf.partial_fit(X_train[order], y_train[order], classes=classes)
        error = 1.0 - clf.score(X_val, y_val)
        trial.report(error, epoch)
        if trial.should_prune():
            print("trial %s: pruned at epoch %d, validation error %.4f" % (trial.number, epoch, error))
            trial.prune()
            break
    else:
        print("trial %s: validation error %.4f after %d epochs" % (trial.number, error, EPOCHS))
        trial.tell(error)
