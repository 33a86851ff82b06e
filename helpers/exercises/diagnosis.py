"""Exercise check for notebook 05's "which bug drew which curve?": a diagnosis with its reasons.

The curves come from :func:`helpers.curves_with_bugs` (the simulator, outside the exercises);
this module labels them A, B, C and checks a learner's diagnosis without giving the labels away.
"""

from __future__ import annotations

from helpers.exercises._engine import Feedback
from helpers.sgd_bugs import STEP_BUGS, curves_with_bugs

__all__ = ["LOSS_BEHAVIOURS", "buggy_training_curves", "check_bug_diagnosis"]

#: Which curve of :func:`buggy_training_curves` each bug drew (the exercise's answer).
_CURVE_BUG = {"A": "softmax twice", "B": "sign flipped", "C": "1/N missing"}

#: What a loss curve can do: the reasons a diagnosis gives, one per curve.
LOSS_BEHAVIOURS = (
    "rises from the first epoch",
    "falls, then climbs for good",
    "ends below the correct run",
    "falls more slowly than the correct run",
    "stays flat",
)
#: What each curve's training loss does at the exercise's rate (lr 0.1, batches of 32, 20
#: epochs; tests/test_sgd_bugs.py measures every behaviour on every curve): the one behaviour
#: of LOSS_BEHAVIOURS each curve shows.
_SHOWS = {
    "A": "falls, then climbs for good",
    "B": "rises from the first epoch",
    "C": "ends below the correct run",
}
#: What each bug makes the loss do at the exercise's rate (a reason that follows from the bug).
#: A missing 1/N is the correct step at 32 times the rate, 3.2 here. On this easy problem a
#: larger rate fits the fit rows harder: in section 3's sweep the TRAINING loss after 30 epochs
#: is lower the larger the rate, up to 100 (printed there), so at 3.2 it ends below the correct
#: run; curve C, that run, does (brief rises on the way, no climb for good: tests/test_sgd_bugs.py).
_FOLLOWS = {
    "sign flipped": ("rises from the first epoch",),
    "1/N missing": ("ends below the correct run",),
    "softmax twice": ("falls, then climbs for good",),
}


def buggy_training_curves(
    X, y, epochs: int = 20, lr: float = 0.1, batch_size: int = 32, validation=None
) -> dict:
    """Training loss (nats) at the start and after each epoch of mini-batch SGD for the correct step
    (key ``"correct"``) and three buggy steps, keys ``"A"``, ``"B"``, ``"C"`` (which
    bug is which is the exercise of :func:`check_bug_diagnosis`). Seeded: every run
    gives the same curves. With ``validation=(X_validation, y_validation)`` the curves are
    the loss on those rows instead (the runs are the same). The loops are
    :func:`helpers.curves_with_bugs`.
    """
    bugs = [_CURVE_BUG[k] for k in sorted(_CURVE_BUG)]
    curves = curves_with_bugs(X, y, bugs, epochs, lr, batch_size, validation)
    return {"correct": curves["correct"], **{k: curves[_CURVE_BUG[k]] for k in sorted(_CURVE_BUG)}}


# Why each bug draws what it can: the feedback on a diagnosis whose reason does not follow from its bug.
_WHY = {
    "sign flipped": "every step goes UPHILL, so the loss cannot fall, not even in the first epoch",
    "1/N missing": "every step is as many times too long as the batch has rows: the correct "
    "step at learning rate 0.1 x 32 = 3.2 for full batches (2.2 for the last, shorter one). On an "
    "easy problem a larger rate fits the fit rows harder: in section 3's sweep the TRAINING loss "
    "after 30 epochs is lower the larger the rate, up to 100. So the training loss is pushed down "
    "harder than the correct run's: not more slowly, not flat, and not a climb for good",
    "softmax twice": "softmax of probabilities in [0, 1] is nearly uniform, so q - y never "
    "shrinks as the model gets the images right: the push on the weights never stops, and weights "
    "pushed the same way every step end up too large, whatever the first epoch did",
}


def check_bug_diagnosis(diagnosis) -> Feedback:
    """Check ``diagnosis``, a dict from curve ``"A"``, ``"B"``, ``"C"`` of
    :func:`buggy_training_curves` to a pair ``(bug, behaviour)``: the bug (from
    :data:`helpers.STEP_BUGS`) that drew the curve and what that curve does (from
    :data:`LOSS_BEHAVIOURS`), the reason.

    The feedback never says which bug a curve is, nor which curves are wrong: a reason that
    does not follow from its bug gets that bug's mechanism; otherwise only how many curves do
    not do what the diagnosis says.
    """
    if diagnosis is None or diagnosis is Ellipsis:
        return Feedback(False, "⏳ Set diagnosis first, then run this check.", "not done")
    expected = (
        '{"A": (bug, behaviour), "B": ..., "C": ...} with bugs from h.STEP_BUGS and behaviours '
        "from h.LOSS_BEHAVIOURS"
    )
    if not isinstance(diagnosis, dict) or set(diagnosis) != set(_CURVE_BUG):
        return Feedback(False, f"✗ diagnosis must be a dict {expected}, got {diagnosis!r}.")
    pairs = {}
    for k, v in diagnosis.items():
        if isinstance(v, str):
            return Feedback(
                False,
                f"✗ diagnosis[{k!r}] is {v!r}: give a pair (bug, behaviour), the bug and the reason "
                f"you read off curve {k}: {expected}.",
            )
        if (
            not isinstance(v, (tuple, list))
            or len(v) != 2
            or not all(isinstance(x, str) for x in v)
        ):
            return Feedback(
                False, f"✗ diagnosis[{k!r}] must be a pair (bug, behaviour), got {v!r}."
            )
        pairs[k] = tuple(x.strip() for x in v)  # a stray space is not a mistake
    for bug, behaviour in pairs.values():
        if bug not in STEP_BUGS:
            return Feedback(False, f"✗ {bug!r} is not one of the bugs {list(STEP_BUGS)}.")
        if behaviour not in LOSS_BEHAVIOURS:
            return Feedback(
                False, f"✗ {behaviour!r} is not one of the behaviours {list(LOSS_BEHAVIOURS)}."
            )
    bugs = [bug for bug, _ in pairs.values()]
    if len(set(bugs)) < len(bugs):
        return Feedback(False, "✗ Each bug drew one curve: use each of h.STEP_BUGS once.")
    unreasoned = [k for k, (bug, b) in sorted(pairs.items()) if b not in _FOLLOWS[bug]]
    if unreasoned:  # reasoning, about a bug: says nothing about which curve it drew
        bug = pairs[unreasoned[0]][0]
        return Feedback(
            False,
            f"✗ One link from a bug to a behaviour does not hold. Think '{bug}' through: "
            f"{_WHY[bug]}. Which of the behaviours does that give?",
        )
    right = sum(pairs[k][1] == _SHOWS[k] for k in pairs)
    if right < len(pairs):  # how many, never which
        return Feedback(
            False,
            f"✗ Your reasons follow from your bugs, but {len(pairs) - right} of the {len(pairs)} curves "
            f"{'does' if len(pairs) - right == 1 else 'do'} not do what you say. Look at each curve again, epoch by epoch, beside the correct (black) "
            "one, and describe what it does before you name a bug.",
        )
    if any(pairs[k][0] != bug for k, bug in _CURVE_BUG.items()):  # cannot happen: see the test
        return Feedback(False, "✗ Your behaviours are right, but not every bug is on its curve.")
    return Feedback(
        True,
        "✓ All three right, with their reasons. "
        + "; ".join(f"{k}: {bug}, {_WHY[bug]}" for k, bug in sorted(_CURVE_BUG.items()))
        + ".",
    )
