"""Exercise check for choosing a setting on validation (notebook 05): the weight decay.

The check hands the learner's function a split that notices when its test rows are read.
"""

from __future__ import annotations

import numpy as np

from helpers.datasets import split_digits
from helpers.exercises._engine import Feedback
from helpers.logits import cross_entropy_from_logits
from helpers.stacked_training import train_many

__all__ = ["check_weight_decay_choice"]


class _WatchedSplit:
    """A digits split that remembers whether its test rows were read (for the choice checks)."""

    def __init__(self, X_fit, y_fit, X_validation, y_validation, X_test, y_test):
        self.X_fit, self.y_fit = X_fit, y_fit
        self.X_validation, self.y_validation = X_validation, y_validation
        self._test = (X_test, y_test)
        self.test_read = False

    @property
    def X_test(self):
        self.test_read = True
        return self._test[0]

    @property
    def y_test(self):
        self.test_read = True
        return self._test[1]

    def __repr__(self) -> str:
        return (
            f"<digits split: {len(self.X_fit)} fit, {len(self.X_validation)} validation, "
            f"{len(self._test[0])} test rows>"
        )


_DECAY_SETTINGS = {"seeds": range(3), "lr": 1.0, "epochs": 15}
# Not notebook 05's own grid, so that a function that ignores its `decays` argument shows.
_DECAYS = (0.0, 2e-4, 6e-4, 2e-3, 6e-3, 2e-2)
# Three small digits problems (split seed, fit rows kept) on which every wrong way of choosing
# gives a different triple of decays, and the right decay wins by more than 5e-4 nats
# (searched once; the tests re-check both).
_DECAY_PROBLEMS = ((0, 500), (2, 500), (8, 700))


def _decay_problems() -> list[tuple]:
    """The check's problems: (X_fit, y_fit, X_validation, y_validation, X_test, y_test) each."""
    problems = []
    for split_seed, n_fit in _DECAY_PROBLEMS:
        d = split_digits(validation_fraction=0.2, test_fraction=0.25, seed=split_seed)
        problems.append(
            (d.X_fit[:n_fit], d.y_fit[:n_fit], d.X_validation, d.y_validation, d.X_test, d.y_test)
        )
    return problems


def _decay_answers(problems) -> dict[str, tuple]:
    """The right decay for each problem, and each mistake's decay for each."""
    decays = np.array(_DECAYS)
    answers = {}
    settings = {**_DECAY_SETTINGS, "epochs": 2 * _DECAY_SETTINGS["epochs"]}  # one run, read twice
    e = _DECAY_SETTINGS["epochs"]
    for arrays in problems:
        runs = train_many(*arrays[:4], weight_decay=decays, **settings)
        X_test, y_test = arrays[4:]
        last = runs.validation_loss[:, :, e]  # epoch 15 of the same runs = the last of 15 epochs
        test = [
            [float(cross_entropy_from_logits(z, y_test)) for z in seed]
            for seed in runs.logits(X_test, epoch=e)
        ]
        chosen = {
            "right": decays[np.argmin(last.mean(axis=0))],
            "test": decays[np.argmin(np.mean(test, axis=0))],
            "training": decays[np.argmin(runs.train_loss[:, :, e].mean(axis=0))],
            "accuracy": decays[np.argmax(runs.validation_accuracy[:, :, e].mean(axis=0))],
            "highest": decays[np.argmax(last.mean(axis=0))],
            "best epoch": decays[
                np.argmin(runs.validation_loss[:, :, : e + 1].min(axis=-1).mean(axis=0))
            ],
            "one seed": decays[np.argmin(last[0])],
            "more epochs": decays[np.argmin(runs.validation_loss[:, :, -1].mean(axis=0))],
            "epoch before last": decays[np.argmin(runs.validation_loss[:, :, e - 1].mean(axis=0))],
            "the loss": np.min(last.mean(axis=0)),
        }
        for name, value in chosen.items():
            answers[name] = answers.get(name, ()) + (float(value),)
    return answers


_DECAY_HINTS = {
    "test": "that decay has the lowest TEST loss: you chose on the test rows. Score the validation "
    "rows; the test rows are for the one final report.",
    "training": "that decay has the lowest TRAINING loss: the penalty pulls the weights away from "
    "what fits the fit rows best, so the fit rows prefer the smallest decay. Score the validation rows.",
    "accuracy": "you chose by validation ACCURACY: on a few hundred images it moves in steps of one "
    "image and ties. Choose by the validation cross-entropy, runs.validation_loss.",
    "highest": "that decay has the HIGHEST validation loss: take the lowest (np.argmin).",
    "best epoch": "you took each run's lowest validation loss over all epochs; the exercise scores "
    "the loss after the LAST epoch, runs.validation_loss[:, :, -1].",
    "one seed": "that is the choice of the first seed alone: average over the three seeds (axis 0) "
    "before choosing.",
    "the loss": "that is the lowest validation loss itself; return the decay that achieves it.",
    "more epochs": "that is the choice after 30 epochs; the exercise trains for 15 (epochs=15).",
    "epoch before last": "that is the validation loss one epoch before the end; after the last epoch "
    "is index -1 of the epoch axis.",
}


def _show(values) -> str:
    return ", ".join(f"{v:g}" for v in values)


def check_weight_decay_choice(choose_weight_decay) -> Feedback:
    """Check ``choose_weight_decay(data, decays)``: the decay whose mean validation cross-entropy
    after the last epoch (:func:`helpers.train_many`, seeds 0-2, lr 1.0, 15 epochs, on the fit
    rows) is lowest, ties to the smaller decay, chosen without reading the test rows.

    Three problems: a wrong way of choosing may agree with the right one on some of them, never on
    all. Reading ``data.X_test`` or ``data.y_test`` fails the check whatever is returned.
    """
    name = "choose_weight_decay"
    if not callable(choose_weight_decay):
        return Feedback(
            False,
            f"✗ check_weight_decay_choice needs your function itself, got {choose_weight_decay!r}. "
            f"Pass the name without brackets: check_weight_decay_choice({name}).",
            "error",
        )
    problems = _decay_problems()
    got, read_test = [], False
    for arrays in problems:
        watched = _WatchedSplit(*arrays)
        try:
            value = choose_weight_decay(watched, np.array(_DECAYS))
        except NotImplementedError:
            return Feedback(
                False,
                f"⏳ {name} is not done yet: replace the `raise NotImplementedError` line with your "
                "code, run that cell, then run this check again.",
                "not done",
            )
        except Exception as exc:  # a learner's bug is feedback, not a crash
            return Feedback(
                False,
                f"✗ {name}(data, decays) raised {type(exc).__name__}: {exc}\n"
                "Hint: run your function on `data` and `h.split_digits()` in a new cell to see where it fails.",
                "error",
            )
        read_test = read_test or watched.test_read
        if isinstance(value, np.ndarray) and value.size == 1:
            value = value.reshape(-1)[0]  # np.array(0.001) or [0.001] as an array: one number
        if isinstance(value, (bool, str)) or not isinstance(value, (int, float, np.number)):
            return Feedback(
                False,
                f"✗ {name}(data, decays) returned {value!r}: return one of the decays, a number "
                f"such as {_DECAYS[2]:g}.",
            )
        got.append(float(value))
    if read_test:
        return Feedback(
            False,
            "✗ Your function read data.X_test or data.y_test. Choosing must not look at the test "
            "rows at all, whatever it returns: remove every use of them.",
        )
    answers = _decay_answers(problems)
    right = answers["right"]
    if np.allclose(got, right, rtol=1e-9, atol=0):
        return Feedback(
            True,
            f"✓ {name}: right on all {len(right)} problems (decays {_show(right)}), chosen on "
            "validation with the test rows unread, so their one final score is still a fair report.",
        )
    hint = next(
        (_DECAY_HINTS[m] for m, v in answers.items() if m != "right" and np.allclose(got, v)),
        "compare your steps with the exercise: train_many on the fit rows, validation_loss after "
        "the last epoch, mean over the seeds, np.argmin.",
    )
    return Feedback(
        False,
        f"✗ {name}(data, decays) returned {_show(got)} on the {len(right)} problems, expected "
        f"{_show(right)}.\nHint: {hint}",
    )
