"""The from-scratch classifier: gradients, training on the real digits, diagnostics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special
from sklearn.metrics import confusion_matrix as sk_confusion_matrix
from sklearn.metrics import log_loss

import helpers as h


@pytest.fixture(scope="module")
def digits():
    return h.prepare_digits()


@pytest.fixture(scope="module")
def trained(digits):
    X_train, X_test, y_train, y_test, _ = digits
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    history = h.train(
        model, X_train, y_train, X_test, y_test, epochs=30, lr=0.1, rng=np.random.default_rng(1)
    )
    return model, history


@settings(max_examples=30, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 6),
    st.integers(2, 5),
    st.integers(0, 2**32 - 1),
    st.sampled_from(["cross_entropy", "mse"]),
)
def test_parameter_gradients_match_numerical(n, d, c, seed, loss):
    rng = np.random.default_rng(seed)
    model = h.SoftmaxRegression(d, c, rng, init_scale=1.0)
    model.b = rng.normal(size=c)
    X, y = rng.normal(size=(n, d)), rng.integers(0, c, size=n)
    dW, db = model.gradients(X, y, loss)
    LOSS = h.LOSSES[loss][0]
    numeric_W = h.numerical_gradient(lambda W: float(LOSS(X @ W + model.b, y)), model.W)
    numeric_b = h.numerical_gradient(lambda b: float(LOSS(X @ model.W + b, y)), model.b)
    np.testing.assert_allclose(dW, numeric_W, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(db, numeric_b, rtol=1e-6, atol=1e-8)


def test_training_reaches_95_percent_on_the_real_digits(trained):
    model, history = trained
    assert history.test_accuracy[-1] >= 0.95
    assert history.loss[-1] < history.loss[0]
    assert len(history.loss) == 31  # epoch 0 plus 30


def test_training_is_reproducible(digits):
    X_train, X_test, y_train, y_test, _ = digits
    runs = []
    for _ in range(2):
        model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
        runs.append(
            h.train(
                model, X_train, y_train, X_test, y_test, epochs=3, rng=np.random.default_rng(1)
            ).loss
        )
    assert runs[0] == runs[1]


def test_fast_training_loop_steps_like_the_public_gradients(digits):
    X_train, X_test, y_train, y_test, _ = digits
    a = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    h.train(
        a,
        X_train[:32],
        y_train[:32],
        X_test,
        y_test,
        epochs=1,
        lr=0.1,
        batch_size=32,
        loss="mse",
        rng=np.random.default_rng(1),
    )
    b = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    order = np.random.default_rng(1).permutation(32)
    b.step(b.gradients(X_train[:32][order], y_train[:32][order], "mse"), 0.1)
    np.testing.assert_allclose(a.W, b.W, rtol=1e-12)


def test_probabilities_sum_to_one(trained, digits):
    model, _ = trained
    p = model.predict_proba(digits[1])
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    np.testing.assert_array_equal(p.argmax(axis=1), model.predict(digits[1]))


def test_loss_matches_sklearn_log_loss_on_the_models_predictions(trained, digits):
    model, _ = trained
    X_test, y_test = digits[1], digits[3]
    z = model.logits(X_test)
    expected = log_loss(y_test, special.softmax(z, axis=1), labels=np.arange(10))
    assert h.cross_entropy_from_logits(z, y_test) == pytest.approx(expected, rel=1e-9)


def test_confusion_matrix_matches_sklearn(trained, digits):
    model, _ = trained
    y_test, pred = digits[3], model.predict(digits[1])
    np.testing.assert_array_equal(
        h.confusion_matrix(y_test, pred, 10), sk_confusion_matrix(y_test, pred, labels=range(10))
    )


def test_reliability_curve_of_a_perfectly_calibrated_toy():
    # two bins' worth: confidence 0.95 with 95% right, and 0.65 with 65% right
    proba = np.array([[0.95, 0.05]] * 20 + [[0.65, 0.35]] * 20)
    y = np.array([0] * 19 + [1] + [0] * 13 + [1] * 7)
    conf, acc, counts, ece = h.reliability_curve(proba, y, n_bins=10)
    assert counts.sum() == 40
    assert ece == pytest.approx(0.0, abs=1e-12)
    assert acc[9] == pytest.approx(0.95) and conf[6] == pytest.approx(0.65)


def test_prepare_digits_standardises_with_the_training_set(digits):
    X_train, X_test, y_train, y_test, images_test = digits
    assert X_train.shape == (1348, 64) and X_test.shape == (449, 64)
    informative = X_train.std(axis=0) > 0
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(X_train.std(axis=0)[informative], 1, rtol=1e-12)
    assert images_test.shape == (449, 8, 8)


def test_history_epochs_to():
    hist = h.History(
        loss=[1, 0.5, 0.3], train_accuracy=[0.1, 0.8, 0.95], test_accuracy=[0.1, 0.85, 0.92]
    )
    assert hist.epochs_to(0.85) == 1 and hist.epochs_to(0.99) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, r"loss must be one of \['cross_entropy', 'mse'\], got 'hinge'"),
        ({"lr": 0}, r"lr must be a positive number, got 0"),
        ({"epochs": -1}, r"epochs must be a whole number >= 0"),
        ({"batch_size": 0}, r"batch_size must be a whole number >= 1"),
    ],
)
def test_train_refuses_bad_settings(digits, kwargs, message):
    X_train, X_test, y_train, y_test, _ = digits
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    with pytest.raises(ValueError, match=message):
        h.train(model, X_train, y_train, X_test, y_test, rng=np.random.default_rng(1), **kwargs)


def test_model_refuses_wrong_feature_count():
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 64\), got \(3, 5\)"):
        model.logits(np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"rng must be a numpy.random.Generator"):
        h.SoftmaxRegression(64, 10, rng=0)


def test_compare_losses_is_a_controlled_experiment():
    # each loss at the rate notebook 05 chooses for it on validation from the wrong start
    runs = h.compare_losses({"cross_entropy": 1.0, "mse": 1.0}, init_scale=1.0, epochs=15)
    assert set(runs) == {"cross_entropy", "mse"}
    # same start: identical accuracy before the first step
    assert runs["cross_entropy"].test_accuracy[0] == runs["mse"].test_accuracy[0]
    # the notebook's claim, measured: from a confidently wrong start cross-entropy gets to 90% first
    ce, mse = runs["cross_entropy"].epochs_to(0.9), runs["mse"].epochs_to(0.9)
    assert ce is not None and (mse is None or ce < mse)


def test_compare_losses_wants_one_rate_per_loss():
    with pytest.raises(ValueError, match="one learning rate per loss"):
        h.compare_losses(0.1)
    with pytest.raises(ValueError, match="one learning rate per loss"):
        h.compare_losses({"cross_entropy": 0.1})


def test_label_smoothed_training_gradient_matches_finite_differences():
    data = h.split_digits()
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(2), init_scale=0.3)
    X, y = data.X_fit[:15], data.y_fit[:15]
    dW, _ = model.gradients(X, y, label_smoothing=0.1)
    numeric = h.numerical_gradient(
        lambda W: float(h.cross_entropy_from_logits(X @ W + model.b, y, label_smoothing=0.1)),
        model.W,
    )
    assert h.max_relative_error(dW, numeric) < 1e-6
    assert model.loss(X, y, label_smoothing=0.1) == pytest.approx(
        float(h.cross_entropy_from_logits(model.logits(X), y, label_smoothing=0.1))
    )
    with pytest.raises(ValueError, match=r"goes with the cross_entropy loss"):
        model.gradients(X, y, loss="mse", label_smoothing=0.1)


def test_split_digits_keeps_prepare_digits_test_rows_and_standardises_on_fit_rows():
    data = h.split_digits(validation_fraction=0.2)
    _, X_test, _, y_test, _ = h.prepare_digits()
    np.testing.assert_array_equal(data.y_test, y_test)
    assert len(data.X_fit) + len(data.X_validation) + len(data.X_test) == 1797
    varying = data.X_fit.std(axis=0) > 0
    np.testing.assert_allclose(data.X_fit.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(data.X_fit.std(axis=0)[varying], 1, rtol=1e-12)
    with pytest.raises(ValueError, match=r"validation_fraction must lie strictly between 0 and 1"):
        h.split_digits(validation_fraction=1.0)


def test_choose_learning_rate_scores_on_validation_and_breaks_ties_low():
    data = h.split_digits()
    best, scores = h.choose_learning_rate("cross_entropy", 0.01, [0.1, 1.0], data, epochs=3)
    assert set(scores) == {0.1, 1.0} and best == max(scores, key=lambda lr: (scores[lr], -lr))
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(0), init_scale=0.01)
    history = h.train(
        model, data.X_fit, data.y_fit, data.X_validation, data.y_validation, epochs=3, lr=0.1,
        rng=np.random.default_rng(1),
    )  # fmt: skip
    assert scores[0.1] == history.test_accuracy[-1]  # the validation rows, not the test rows
