"""scikit-learn's own ``log_loss`` test cases, ported from
``sklearn/metrics/tests/test_classification.py`` (``test_log_loss``,
``test_log_loss_pandas_input``), with the same inputs and expected values, and
``log_loss`` called live where its behaviour and ours coincide.

``log_loss(y, P)`` is our mean ``cross_entropy(one_hot(y), P)`` (nats), with class
labels mapped to column indices in sorted order, as scikit-learn maps them.

Deliberate differences (each one a test below):

=========================================  ==========================  ====================================
input                                      scikit-learn                helpers, and why
=========================================  ==========================  ====================================
rows of ``y_pred`` that do not sum to 1    renormalises (older          ValueError naming the row sums and
(``[[0.2, 0.7], [0.6, 0.5], ...]``)        versions silently, newer    how to normalise: a silent fix hides
                                           with a warning)             the learner's mistake
a probability of 0 for the true class      clips to ``eps``, returns   ``inf``: the true surprise of an
                                           a large finite number       event the model called impossible
=========================================  ==========================  ====================================
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import log_loss

import helpers as h


def mean_log_loss(labels, y_pred, classes=None) -> float:
    """``log_loss`` in helpers' terms: labels -> sorted class indices -> one-hot rows."""
    classes = np.unique(labels) if classes is None else np.asarray(classes)
    index = np.searchsorted(classes, labels)
    return float(np.mean(h.cross_entropy(h.one_hot(index, len(classes)), np.asarray(y_pred))))


BINARY_TRUE = ["no", "no", "no", "yes", "yes", "yes"]
BINARY_PRED = np.array(
    [[0.5, 0.5], [0.1, 0.9], [0.01, 0.99], [0.9, 0.1], [0.75, 0.25], [0.001, 0.999]]
)
MULTI_TRUE = [1, 0, 2]
MULTI_PRED = [[0.2, 0.7, 0.1], [0.6, 0.2, 0.2], [0.6, 0.1, 0.3]]
HAM_SPAM_TRUE = ["ham", "spam", "spam", "ham"]
HAM_SPAM_PRED = np.array([[0.2, 0.7], [0.6, 0.5], [0.4, 0.1], [0.7, 0.2]])


def test_binary_case_with_symbolic_labels():
    assert mean_log_loss(BINARY_TRUE, BINARY_PRED) == pytest.approx(1.8817971, abs=5e-8)
    assert mean_log_loss(BINARY_TRUE, BINARY_PRED) == pytest.approx(
        log_loss(BINARY_TRUE, BINARY_PRED), rel=1e-14
    )


def test_multiclass_case():
    assert mean_log_loss(MULTI_TRUE, MULTI_PRED) == pytest.approx(0.6904911, abs=5e-8)


def test_doubled_inputs_sum_is_six_times_the_mean():
    labels, pred = MULTI_TRUE * 2, MULTI_PRED * 2
    index = np.searchsorted(np.unique(labels), labels)
    total = np.sum(h.cross_entropy(h.one_hot(index, 3), np.asarray(pred)))
    assert total == pytest.approx(0.6904911 * 6, abs=1e-6)
    assert total == pytest.approx(log_loss(labels, pred, normalize=False), rel=1e-14)


@pytest.mark.filterwarnings("ignore:The y_prob values do not sum to one")
def test_zero_probability_for_the_true_class_is_infinite():
    """Deliberate: scikit-learn clips probabilities into [eps, 1 - eps]."""
    labels = MULTI_TRUE * 2
    pred = (np.asarray(MULTI_PRED * 2) > 0.5).astype(float)  # rows [0,1,0], [1,0,0], [1,0,0]
    assert mean_log_loss(labels, pred) == np.inf
    assert np.isfinite(log_loss(labels, np.clip(pred, 0.1, 0.9)))


def test_number_of_classes_must_match():
    with pytest.raises(ValueError, match=r"p has 3 outcomes .* but q has 2"):
        mean_log_loss([1, 0, 2], [[0.2, 0.8], [0.6, 0.4], [0.4, 0.6]])


def test_unnormalised_predictions_are_refused():
    """Deliberate: scikit-learn renormalises ham/spam's rows (0.9, 1.1, 0.5, 0.9)."""
    with pytest.raises(ValueError, match=r"q must sum to 1 .* normalise first"):
        mean_log_loss(HAM_SPAM_TRUE, HAM_SPAM_PRED)


def test_string_labels_after_normalising():
    pred = HAM_SPAM_PRED / HAM_SPAM_PRED.sum(axis=1, keepdims=True)
    assert mean_log_loss(HAM_SPAM_TRUE, pred) == pytest.approx(1.0383217, abs=5e-7)


def test_labels_argument_when_y_true_has_one_label():
    y_score = np.array([[0.1, 0.9], [0.1, 0.9]])
    expected = -np.mean(np.log(y_score[:, 1]))
    assert mean_log_loss([2, 2], y_score, classes=[1, 2]) == pytest.approx(expected, rel=1e-15)
    assert mean_log_loss([2, 2], y_score, classes=[1, 2]) == pytest.approx(
        log_loss([2, 2], y_score, labels=[1, 2]), rel=1e-14
    )


def test_labels_argument_with_more_classes_than_seen():
    y_score2 = np.array([[0.2, 0.7, 0.3], [0.6, 0.5, 0.3], [0.3, 0.9, 0.1]])
    with pytest.raises(ValueError, match=r"q must sum to 1"):
        mean_log_loss([1, 2, 2], y_score2, classes=[1, 2, 3])
    normalised = y_score2 / y_score2.sum(axis=1, keepdims=True)
    assert mean_log_loss([1, 2, 2], normalised, classes=[1, 2, 3]) == pytest.approx(
        1.0630345, abs=5e-7
    )


@pytest.mark.parametrize(
    ("labels", "pred"),
    [([0, 1, 0], [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]]), ([0, 1, 2], np.eye(3))],
)
def test_perfect_predictions_cost_nothing(labels, pred):
    assert mean_log_loss(labels, pred) == 0.0


@pytest.mark.parametrize(
    ("pred", "message"),
    [
        ([[1.2, 0.0], [0.5, 0.5]], r"values greater than 1: 1.2"),
        ([[-0.1, 1.1], [0.5, 0.5]], r"negative values: -0.1"),
    ],
)
def test_values_outside_zero_one_are_refused(pred, message):
    with pytest.raises(ValueError, match=message):
        mean_log_loss([0, 1], pred)


def test_binary_cross_entropy_is_log_loss_of_the_positive_class():
    y = np.array([0, 0, 0, 1, 1, 1])
    p1 = BINARY_PRED[:, 1]
    assert np.mean(h.binary_cross_entropy(y, p1)) == pytest.approx(log_loss(y, p1), rel=1e-14)


def test_loss_from_logits_is_log_loss_of_the_softmax():
    rng = np.random.default_rng(5715)
    z = rng.normal(scale=4, size=(50, 6))
    y = rng.integers(0, 6, size=50)
    expected = log_loss(y, h.softmax(z), labels=np.arange(6))
    assert h.cross_entropy_from_logits(z, y) == pytest.approx(expected, rel=1e-13)
