"""The from-scratch classifier: gradients, training on the real digits, diagnostics."""

from __future__ import annotations

import warnings

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
    assert history.validation_accuracy[-1] >= 0.95
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
        loss=[1, 0.5, 0.3], train_accuracy=[0.1, 0.8, 0.95], validation_accuracy=[0.1, 0.85, 0.92]
    )
    assert hist.epochs_to(0.85) == 1 and hist.epochs_to(0.99) is None


def test_history_records_the_validation_rows(digits):
    """validation_loss and validation_accuracy are scored on the rows given as validation."""
    X_train, X_test, y_train, y_test, _ = digits
    model = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    hist = h.train(
        model, X_train, y_train, X_test[:100], y_test[:100], epochs=2, rng=np.random.default_rng(1)
    )
    z = model.logits(X_test[:100])
    assert hist.validation_loss[-1] == pytest.approx(
        log_loss(y_test[:100], special.softmax(z, axis=1), labels=np.arange(10)), rel=1e-9
    )
    assert hist.validation_accuracy[-1] == np.mean(z.argmax(axis=1) == y_test[:100])
    assert hist.loss[-1] == pytest.approx(model.loss(X_train, y_train), rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, r"loss must be one of \['cross_entropy', 'mse'\], got 'hinge'"),
        ({"lr": 0}, r"lr must be a positive number, got 0"),
        ({"epochs": -1}, r"epochs must be a whole number >= 0"),
        ({"batch_size": 0}, r"batch_size must be a whole number >= 1"),
        ({"weight_decay": -1.0}, r"weight_decay must be"),
        ({"label_smoothing": 1.5}, r"label_smoothing must be in \[0, 1\]"),
        ({"loss": "mse", "label_smoothing": 0.1}, r"goes with the cross_entropy loss"),
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
    runs = h.compare_losses({"cross_entropy": 1.0, "mse": 3.0}, init_scale=1.0, epochs=15)
    assert set(runs) == {"cross_entropy", "mse"}
    # same start: identical scores before the first step, on the validation rows
    assert runs["cross_entropy"].validation_accuracy[0] == runs["mse"].validation_accuracy[0]
    data = h.split_digits()
    init, _ = np.random.default_rng(0).spawn(2)
    start = h.SoftmaxRegression(64, 10, init, init_scale=1.0)
    assert runs["mse"].validation_accuracy[0] == h.accuracy(
        start, data.X_validation, data.y_validation
    )
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


def test_choose_learning_rate_scores_validation_cross_entropy_over_seeds():
    data = h.split_digits()
    best, scores = h.choose_learning_rate(
        "cross_entropy", 0.01, [1.0, 0.1], data, epochs=3, seeds=[0, 1]
    )
    assert set(scores) == {0.1, 1.0} and best == min(scores, key=lambda lr: (scores[lr], lr))
    losses = []
    for seed in (0, 1):  # each seed's run, as train makes it, scored on the validation rows
        init, shuffle = np.random.default_rng(seed).spawn(2)
        history = h.train(
            h.SoftmaxRegression(64, 10, init, init_scale=0.01), data.X_fit, data.y_fit,
            data.X_validation, data.y_validation, epochs=3, lr=0.1, rng=shuffle,
        )  # fmt: skip
        losses.append(history.validation_loss[-1])
    assert scores[0.1] == pytest.approx(np.mean(losses), rel=1e-12)


def test_choose_learning_rate_breaks_a_tie_towards_the_smaller_rate():
    """Two rates that train identically (epochs=0: no step at all) tie; the smaller one wins."""
    best, scores = h.choose_learning_rate("cross_entropy", 0.01, [3.0, 0.3], h.split_digits(), 0)
    assert scores[0.3] == scores[3.0] and best == 0.3


# --- train_many: many seeds x settings in one stacked loop ---------------------------


@pytest.fixture(scope="module")
def splits():
    return h.split_digits()


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_train_many_makes_the_runs_train_makes(splits, loss):
    """Every (seed, setting) of train_many is train's run with default_rng(seed).spawn(2)."""
    d = splits
    settings = [(0.1, 0.01, 0.0, 0.0), (0.3, 1.0, 1e-3, 0.0), (1.0, 0.5, 0.0, 0.1)]
    if loss == "mse":
        settings = [(lr, scale, wd, 0.0) for lr, scale, wd, _ in settings]
    lrs, scales, decays, eps = (list(v) for v in zip(*settings, strict=True))
    runs = h.train_many(
        d.X_fit, d.y_fit, d.X_validation, d.y_validation, seeds=[3, 7], lr=lrs,
        init_scale=scales, weight_decay=decays, label_smoothing=eps, epochs=3, loss=loss,
    )  # fmt: skip
    assert runs.validation_loss.shape == (2, 3, 4) and runs.weights.shape == (2, 3, 4, 64, 10)
    for s, seed in enumerate([3, 7]):
        for k, (lr, scale, wd, e) in enumerate(settings):
            init, shuffle = np.random.default_rng(seed).spawn(2)
            model = h.SoftmaxRegression(64, 10, init, init_scale=scale)
            hist = h.train(
                model, d.X_fit, d.y_fit, d.X_validation, d.y_validation, epochs=3, lr=lr,
                rng=shuffle, loss=loss, weight_decay=wd, label_smoothing=e,
            )  # fmt: skip
            np.testing.assert_allclose(runs.weights[s, k, -1], model.W, rtol=0, atol=1e-12)
            np.testing.assert_allclose(runs.biases[s, k, -1], model.b, rtol=0, atol=1e-12)
            np.testing.assert_allclose(runs.train_loss[s, k], hist.loss, rtol=1e-12)
            np.testing.assert_allclose(runs.validation_loss[s, k], hist.validation_loss, rtol=1e-12)
            np.testing.assert_array_equal(runs.validation_accuracy[s, k], hist.validation_accuracy)
            np.testing.assert_array_equal(runs.train_accuracy[s, k], hist.train_accuracy)
            np.testing.assert_allclose(
                runs.logits(d.X_test)[s, k], model.logits(d.X_test), rtol=0, atol=1e-10
            )


def test_train_steps_like_the_public_gradients_with_weight_decay(splits):
    """train's private kernel takes the step model.gradients + model.step describe."""
    d = splits
    a = h.SoftmaxRegression(64, 10, np.random.default_rng(0))
    h.train(
        a, d.X_fit, d.y_fit, d.X_validation, d.y_validation, epochs=2, lr=0.3,
        rng=np.random.default_rng(1), weight_decay=1e-3, label_smoothing=0.1,
    )  # fmt: skip
    b, rng = h.SoftmaxRegression(64, 10, np.random.default_rng(0)), np.random.default_rng(1)
    for _ in range(2):
        order = rng.permutation(len(d.X_fit))
        for start in range(0, len(order), 32):
            batch = order[start : start + 32]
            grads = b.gradients(
                d.X_fit[batch], d.y_fit[batch], label_smoothing=0.1, weight_decay=1e-3
            )
            b.step(grads, 0.3)
    np.testing.assert_allclose(a.W, b.W, rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.b, b.b, rtol=0, atol=1e-12)


def test_weight_decay_gradient_is_the_penalty_differentiated():
    rng = np.random.default_rng(4)
    model = h.SoftmaxRegression(5, 3, rng, init_scale=1.0)
    X, y = rng.normal(size=(7, 5)), rng.integers(0, 3, size=7)
    dW, db = model.gradients(X, y, weight_decay=0.3)

    def penalised(W):
        return float(h.cross_entropy_from_logits(X @ W + model.b, y)) + 0.15 * np.sum(W**2)

    np.testing.assert_allclose(dW, h.numerical_gradient(penalised, model.W), rtol=1e-6, atol=1e-9)
    assert h.max_relative_error(db, model.gradients(X, y)[1]) == 0.0  # the bias is not decayed


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"seeds": []}, r"seeds must hold at least one seed"),
        ({"lr": [0.1, 0.0]}, r"lr must be a positive number, got 0"),
        (
            {"lr": [0.1, 0.3], "weight_decay": [0, 1e-3, 1e-2]},
            r"got lengths \{'lr': 2, 'weight_decay': 3\}",
        ),
        ({"label_smoothing": 0.1, "loss": "mse"}, r"goes with the cross_entropy loss"),
        ({"init_scale": -1.0}, r"init_scale must be"),
        ({"loss": "hinge"}, r"loss must be one of"),
    ],
)
def test_train_many_refuses_bad_settings(splits, kwargs, message):
    d = splits
    args = {"seeds": [0], "lr": 0.1, "epochs": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        h.train_many(d.X_fit, d.y_fit, d.X_validation, d.y_validation, **args)


def test_a_diverging_rate_is_a_result_not_an_error(splits):
    d = splits
    runs = h.train_many(
        d.X_fit, d.y_fit, d.X_validation, d.y_validation, seeds=[0], lr=[0.3, 100.0], epochs=3
    )
    assert np.all(np.isfinite(runs.validation_loss))
    assert (
        runs.validation_loss[0, 1, -1]
        > runs.validation_loss[0, 1, 0]
        > runs.validation_loss[0, 0, -1]
    )


# --- diagnostics: equal-count calibration bins, Brier, the baselines -----------------


def test_quantile_bins_hold_equal_counts_and_match_sklearn(trained, digits):
    from sklearn.calibration import calibration_curve

    model, _ = trained
    proba, y = model.predict_proba(digits[1]), digits[3]
    conf, acc, counts, ece = h.reliability_curve(proba, y, n_bins=5, strategy="quantile")
    assert counts.max() - counts.min() <= 1 and counts.sum() == len(y)
    # scikit-learn's binary calibration curve of "is the top class right?" against its confidence
    right = (proba.argmax(axis=1) == y).astype(int)
    sk_acc, sk_conf = calibration_curve(right, proba.max(axis=1), n_bins=5, strategy="quantile")
    np.testing.assert_allclose(acc, sk_acc, atol=0.02)
    np.testing.assert_allclose(conf, sk_conf, atol=0.02)
    assert ece == pytest.approx(np.sum(counts * np.abs(acc - conf)) / len(y))
    with pytest.raises(ValueError, match=r"strategy must be one of \['uniform', 'quantile'\]"):
        h.reliability_curve(proba, y, strategy="equal")


def test_ece_reaches_one_minus_accuracy_when_every_confidence_is_one():
    proba = np.array([[1.0, 0.0]] * 8 + [[0.0, 1.0]] * 2)
    y = np.array([0] * 7 + [1] + [1, 0])  # 8 of 10 right
    for strategy in ("uniform", "quantile"):
        assert h.reliability_curve(proba, y, 4, strategy)[3] == pytest.approx(0.2)


def test_brier_score_is_the_mean_squared_distance_to_the_one_hot_label(trained, digits):
    model, _ = trained
    proba, y = model.predict_proba(digits[1]), digits[3]
    expected = np.mean(np.sum((proba - np.eye(10)[y]) ** 2, axis=1))
    assert h.brier_score(proba, y) == pytest.approx(expected, rel=1e-12)
    assert h.brier_score(proba, y) == pytest.approx(
        float(h.mse_from_logits(model.logits(digits[1]), y)), rel=1e-9
    )
    assert h.brier_score([[0.0, 1.0]], [0]) == 2.0  # the worst


def test_baselines_match_scikit_learn(digits):
    from sklearn.dummy import DummyClassifier
    from sklearn.neighbors import NearestCentroid

    X_train, X_test, y_train, y_test, _ = digits
    acc, ce = h.majority_baseline(y_train, y_test, 10)
    dummy = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)
    assert acc == pytest.approx(dummy.score(X_test, y_test))
    counts = np.bincount(y_train, minlength=10) + 1.0
    assert ce == pytest.approx(log_loss(y_test, np.tile(counts / counts.sum(), (len(y_test), 1))))
    with warnings.catch_warnings():  # constant pixels: a zero spread it warns about, harmless here
        warnings.simplefilter("ignore", UserWarning)
        nearest = NearestCentroid().fit(X_train, y_train)
    assert h.nearest_mean_baseline(X_train, y_train, X_test, y_test, 10) == pytest.approx(
        nearest.score(X_test, y_test)
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: h.majority_baseline([0, 1], [2], 2), r"y contains"),
        (lambda: h.majority_baseline([0, 1], [1], 1), r"n_classes must be a whole number >= 2"),
        (
            lambda: h.nearest_mean_baseline([[0.0], [1.0]], [0, 0], [[0.0]], [0], 2),
            r"y_train has no example of class 1",
        ),
        (lambda: h.brier_score([[0.5, 0.6]], [0]), r"proba must sum to 1"),
    ],
)
def test_baselines_and_brier_refuse_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_runs_history_is_what_compare_losses_records():
    """Notebook 05 draws the widget's static picture from train_many's runs: the same numbers."""
    d = h.split_digits()
    widget = h.compare_losses({"cross_entropy": 1.0, "mse": 3.0}, init_scale=1.0, epochs=4)
    for loss, lr in (("cross_entropy", 1.0), ("mse", 3.0)):
        runs = h.train_many(
            d.X_fit, d.y_fit, d.X_validation, d.y_validation,
            seeds=[0, 1], lr=lr, init_scale=1.0, epochs=6, loss=loss,
        )  # fmt: skip
        got = runs.history(0, 0, epochs=4)
        for field in ("loss", "train_accuracy", "validation_accuracy", "validation_loss"):
            np.testing.assert_allclose(
                getattr(got, field), getattr(widget[loss], field), rtol=1e-12
            )
        assert got.loss_name == loss and len(runs.history(1, 0).loss) == 7


def test_fit_temperature_matches_scipy_minimize_scalar():
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    rng = np.random.default_rng(3)
    for scale in (0.5, 3.0, 10.0):
        z = rng.normal(scale=scale, size=(300, 10))
        y = np.where(rng.random(300) < 0.7, z.argmax(axis=1), rng.integers(0, 10, 300))
        nll = lambda t, z=z, y=y: -np.mean(log_softmax(z / t, axis=1)[np.arange(300), y])  # noqa: E731
        best = minimize_scalar(nll, bounds=(1e-3, 1e3), method="bounded", options={"xatol": 1e-12})
        assert h.fit_temperature(z, y) == pytest.approx(best.x, rel=1e-6)


def test_fit_temperature_refuses_what_has_no_best_temperature():
    with pytest.raises(ValueError, match="every row is already right"):
        h.fit_temperature(np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([0, 1]))
    with pytest.raises(ValueError, match="no better than chance"):
        h.fit_temperature(np.array([[2.0, 0.0], [0.0, 2.0]]), np.array([1, 0]))
    with pytest.raises(ValueError, match="logits must have shape"):
        h.fit_temperature(np.zeros(3), np.array([0, 1, 2]))


def test_relative_error_is_cs231n_entry_by_entry():
    a, n = np.array([1.0, -2.0, 0.01, 1e-9]), np.array([1.0, -2.0, 0.011, 5e-9])
    # CS231n: |a - n| / max(|a|, |n|) per entry; the 1e-9 entry is below 1e-3 x the largest
    assert h.relative_error(a, n) == pytest.approx(0.001 / 0.011)
    assert h.max_relative_error(a, n) <= h.relative_error(a, n)  # never larger
    assert h.relative_error(a, a) == 0.0 and h.relative_error([0.0], [0.0]) == 0.0
    with pytest.raises(ValueError, match="must match"):
        h.relative_error([1.0], [1.0, 2.0])


def test_digits_run_cut_by_until_is_the_shorter_run():
    """The first 5 epochs of a 12-epoch run are the 5-epoch run (the shuffles are drawn per epoch)."""
    long, short = h.digits_run("mse", 3.0, 1.0, epochs=12), h.digits_run("mse", 3.0, 1.0, epochs=5)
    cut = long.until(5)
    assert cut.loss == short.loss and cut.validation_accuracy == short.validation_accuracy
    assert cut.validation_loss == short.validation_loss and cut.loss_name == "mse"
    assert (
        h.compare_losses({"cross_entropy": 1.0, "mse": 3.0}, 1.0, epochs=5)["mse"].loss
        == short.loss
    )
    with pytest.raises(ValueError, match="epoch"):
        long.until(-1)


def test_rows_times_is_the_product_in_blocks():
    """The blocked product (one thread per block) is X @ W, to rounding, for every block size."""
    from helpers import _sgd

    rng = np.random.default_rng(0)
    X, W = rng.normal(size=(1078, 64)), rng.normal(size=(5, 64, 90))
    np.testing.assert_allclose(_sgd.rows_times(X, W), X @ W, rtol=1e-12, atol=1e-12)
    assert 64 * 90 * (_sgd._ONE_THREAD_MNK // (64 * 90)) <= _sgd._ONE_THREAD_MNK
    np.testing.assert_allclose(_sgd.rows_times(X[:3], W[0]), X[:3] @ W[0], rtol=1e-12)
