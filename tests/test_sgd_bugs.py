"""The buggy-SGD simulator (helpers/sgd_bugs.py): each bug does what its description says."""

import numpy as np
import pytest

import helpers as h


@pytest.fixture(scope="module")
def digits():
    d = h.split_digits()
    return d.X_fit, d.y_fit


def test_step_with_bug_is_the_described_step(digits):
    X, y = digits[0][:32], digits[1][:32]
    W = np.random.default_rng(0).normal(size=(64, 10))
    right = W - 0.1 * X.T @ ((h.softmax(X @ W) - np.eye(10)[y]) / len(X))  # from the formula
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1), right)
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1, "sign flipped") - W, W - right)
    np.testing.assert_allclose(h.step_with_bug(W, X, y, 0.1, "1/N missing") - W, 32 * (right - W))


def test_curves_with_bugs_differ_by_the_bug_alone(digits):
    curves = h.curves_with_bugs(*digits, epochs=5)
    assert set(curves) == {"correct", *h.STEP_BUGS}
    assert len({c[0] for c in curves.values()}) == 1  # one start
    # the correct loop is h.train's loop without a bias: its loss falls every epoch
    assert np.all(np.diff(curves["correct"]) < 0)
    assert np.all(np.diff(curves["sign flipped"]) > 0)


def test_curves_with_bugs_refuses_an_unknown_bug(digits):
    with pytest.raises(ValueError, match="bug must be None or one of"):
        h.curves_with_bugs(*digits, bugs=("typo",))
    with pytest.raises(ValueError, match="bug must be None or one of"):
        h.step_with_bug(np.zeros((64, 10)), digits[0][:2], digits[1][:2], 0.1, "typo")


def _behaviours(curve, correct):
    """Which of h.LOSS_BEHAVIOURS a training-loss curve shows, each measured."""
    c, ref = np.asarray(curve), np.asarray(correct)
    shows = {
        "rises from the first epoch": c[1] > c[0],
        "falls, then climbs for good": c[1] < c[0] and c[-1] > 1.5 * c.min(),
        "ends below the correct run": c[-1] < ref[-1],
        "falls more slowly than the correct run": c[-1] < c[0] and np.all(c[1:] > ref[1:]),
        "stays flat": np.max(np.abs(c - c[0])) < 0.05 * c[0],
    }
    return {name for name, yes in shows.items() if yes}


def test_each_curve_shows_exactly_the_behaviour_the_check_says():
    """At the exercise's settings (lr 0.1, batches of 32, 20 epochs, the fit rows) each
    curve shows one behaviour, the check's; and a missing 1/N (the step at lr 3.2) ends
    below the correct run without climbing back, so the check reads that off the curve."""
    from helpers.exercises import diagnosis

    d = h.split_digits(validation_fraction=0.2, test_fraction=0.25, seed=0)
    curves = h.buggy_training_curves(d.X_fit, d.y_fit, epochs=20, lr=0.1, batch_size=32)
    assert set(diagnosis._SHOWS) == {"A", "B", "C"}
    for k, shows in diagnosis._SHOWS.items():
        measured = _behaviours(curves[k], curves["correct"])
        assert measured == {shows}, (k, measured)
        assert shows in diagnosis._FOLLOWS[diagnosis._CURVE_BUG[k]]
    assert _behaviours(curves["correct"], curves["correct"]) == set()


def test_the_training_loss_ends_lower_the_larger_the_rate():
    """What the 1/N-missing hint cites: in notebook 05's sweep (5 seeds, 30 epochs, rates 0.01
    to 100) the TRAINING loss after 30 epochs is lower the larger the rate, up to 100."""
    d = h.split_digits(validation_fraction=0.2, test_fraction=0.25, seed=0)
    rates = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0]
    runs = h.train_many(
        d.X_fit, d.y_fit, d.X_validation, d.y_validation, seeds=range(5), lr=rates, epochs=30
    )
    assert np.all(np.diff(runs.train_loss[:, :, -1].mean(axis=0)) < 0)
