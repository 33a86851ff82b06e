"""The stacked SGD kernels behind :func:`helpers.train` and :func:`helpers.train_many` (private).

Checked arrays in, no validation: the public functions validate once, then loop over these.
Shapes: S seeds, K settings, N rows, D features, C classes.
"""

from __future__ import annotations

import numpy as np

from helpers._validation import as_float_array, check_labels, check_nonnegative

#: The losses the kernels know (helpers.training.LOSSES maps them to their functions).
LOSS_NAMES = ("cross_entropy", "mse")


# --- the training settings' checks (the public functions call them once) -------------


def check_loss(loss: str) -> None:
    if loss not in LOSS_NAMES:
        raise ValueError(f"loss must be one of {sorted(LOSS_NAMES)}, got {loss!r}")


def check_smoothing(label_smoothing, loss: str) -> float:
    eps = check_nonnegative(label_smoothing, "label_smoothing")
    if eps > 1 or (eps and loss != "cross_entropy"):
        raise ValueError(
            f"label_smoothing must be in [0, 1] and goes with the cross_entropy loss, got "
            f"{label_smoothing!r} with {loss!r}"
        )
    return eps


def check_rows(X, y, name_X: str, name_y: str, n_features: int | None = None):
    X = as_float_array(X, name_X)
    if X.ndim != 2 or (n_features is not None and X.shape[1] != n_features):
        want = f"(N, {n_features})" if n_features is not None else "(N, D)"
        raise ValueError(f"{name_X} must have shape {want}, got {X.shape}")
    y = np.asarray(y)
    return X, y


def check_training_data(
    X_train, y_train, X_validation, y_validation, n_features=None, n_classes=None
):
    """The training and validation rows, checked once: float arrays (N, D), labels 0..C-1.

    ``n_features`` and ``n_classes`` default to what the data shows (D of ``X_train``; one
    more than the largest label). Returns the four arrays and C.
    """
    X_train, y_train = check_rows(X_train, y_train, "X_train", "y_train", n_features)
    D = X_train.shape[1]
    X_validation, y_validation = check_rows(
        X_validation, y_validation, "X_validation", "y_validation", D
    )
    if n_classes is None:
        n_classes = int(max(np.max(y_train), np.max(y_validation))) + 1
    y_train = check_labels(y_train, n_classes, len(X_train), "y_train")
    y_validation = check_labels(y_validation, n_classes, len(X_validation), "y_validation")
    return X_train, y_train, X_validation, y_validation, n_classes


# --- the kernels ---------------------------------------------------------------------


def softmax_last(z: np.ndarray) -> np.ndarray:
    """Softmax along the last axis, in place on ``z`` (shifted by the row maximum first)."""
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


def cross_entropy_rows(z: np.ndarray, y: np.ndarray, eps=0.0) -> np.ndarray:
    """Cross-entropy (nats) under logits ``z`` (..., C) of labels ``y`` smoothed by ``eps``, per row.

    ``y`` holds one label per row of ``z`` and broadcasts against ``z.shape[:-1]`` once given
    a trailing axis (shape (N,) for ``z`` (N, C); (N, 1) for ``z`` (S, N, K, C)); ``eps``
    broadcasts against the result, ``z.shape[:-1]``.

    The target ``(1 - eps) onehot(y) + eps / C`` sums to 1, so the loss is
    ``logsumexp(z) - (1 - eps) z_y - eps * mean(z)``.
    """
    # Both reductions run over the short class axis (C = 10) of a large stack, where NumPy's
    # reduce loops row by row: the maximum as C - 1 elementwise maxima (exact, the same numbers)
    # and the sum as one product with ones (a sum in another order: a few 1e-16 relative, 2.8e-14
    # nats at logits of 100) take a quarter to a third less CPU (a review's measurement on a
    # (5, 1078, 8, 10) stack). The product with float64 ones returns float64, whatever ``z`` is.
    m = z[..., 0].copy()
    for c in range(1, z.shape[-1]):
        np.maximum(m, z[..., c], out=m)
    log_norm = m + np.log(np.exp(z - m[..., None]) @ np.ones(z.shape[-1]))
    z_y = np.take_along_axis(z, np.broadcast_to(y[:, None], z.shape[:-1] + (1,)), axis=-1)[..., 0]
    out = log_norm - z_y
    if np.any(eps):
        out += eps * (z_y - z.mean(axis=-1))
    return out


#: OpenBLAS runs a product on one thread when M * N * K <= 4 * 65536 (its GEMM_MULTITHREAD_THRESHOLD
#: times SMP_THRESHOLD_MIN). Above that it starts its threads, which spin while they wait: on a
#: shared two-core machine the scoring of notebook 05's learning-rate sweep took 5.0 s of CPU
#: that way and 1.4 s on one thread (measured on this branch, load 7). The steps' products are
#: one batch each and stay under it; the scores over every row are cut into blocks that do too.
_ONE_THREAD_MNK = 4 * 65536


def rows_times(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """``X @ W`` for X (N, D) and W (..., D, M), in blocks of rows small enough for one thread."""
    D, M = W.shape[-2:]
    out = np.empty(W.shape[:-2] + (len(X), M))
    block = max(1, _ONE_THREAD_MNK // max(D * M, 1))
    for begin in range(0, len(X), block):
        np.matmul(X[begin : begin + block], W, out=out[..., begin : begin + block, :])
    return out


def epoch_scores(W, b, X_train, y_train, targets, smoothing, X_validation, y_validation, loss):
    """The per-epoch record of S seeds x K settings: four arrays (S, K), means over the rows.

    The training loss (the one trained on: cross-entropy against the targets smoothed by
    ``smoothing`` (K,), nats, or the MSE of the probabilities), the training accuracy, the
    validation cross-entropy (nats, plain labels) and the validation accuracy. W (S, D, K * C),
    b (S, K * C), targets (N, K, C).
    """
    S, K, C = W.shape[0], targets.shape[1], targets.shape[2]

    def logits_of(X):  # one product per seed for every setting: (S, N, K * C) -> (S, N, K, C)
        return (rows_times(X, W) + b[:, None, :]).reshape(S, len(X), K, C)

    z = logits_of(X_train)
    if loss == "cross_entropy":
        rows = cross_entropy_rows(z, y_train[:, None], smoothing)  # (S, N, K)
    else:
        rows = np.sum((softmax_last(z.copy()) - targets) ** 2, axis=-1)
    zv = logits_of(X_validation)
    return (
        rows.mean(axis=1),
        np.mean(z.argmax(axis=-1) == y_train[:, None], axis=1),
        cross_entropy_rows(zv, y_validation[:, None]).mean(axis=1),
        np.mean(zv.argmax(axis=-1) == y_validation[:, None], axis=1),
    )


def logit_grad(z: np.ndarray, t: np.ndarray, loss: str) -> np.ndarray:
    """d(mean loss over the B rows)/dz for logits ``z`` (S, B, K, C) and targets ``t`` (S, B, K, C).

    Overwrites ``z``. Cross-entropy: ``(q - t) / B``; MSE: the chain rule through softmax,
    ``q * (g - sum(g q))`` with ``g = 2 (q - t) / B`` (as :func:`helpers.mse_grad`).
    """
    n = z.shape[1]
    q = softmax_last(z)
    if loss == "cross_entropy":
        q -= t
        q *= 1 / n
        return q
    g = (2 / n) * (q - t)
    return q * (g - np.sum(g * q, axis=-1, keepdims=True))


def sgd_epoch(W, b, X, targets, order, lr, weight_decay, loss, batch_size):
    """One epoch of mini-batch SGD, in place, for S seeds x K settings side by side.

    W (S, D, K * C), b (S, K * C); X (N, D); targets (N, K, C), each setting's target
    rows; order (S, N), each seed's shuffle; lr, weight_decay (K,). The K settings of
    one seed share its batches; the S seeds' batches go through one stacked product
    (``np.matmul`` over the seed axis), so the loop runs once per batch, not once per
    batch and seed.
    """
    S, D, KC = W.shape
    N, K, C = targets.shape
    step = np.repeat(lr, C)  # the learning rate of every column
    shrink = 1 - np.repeat(lr * weight_decay, C)  # W -= lr * wd * W, column by column
    decay = bool(np.any(weight_decay))
    Xs, Ts = X[order], targets[order]  # (S, N, D), (S, N, K, C): each seed's rows in its order
    XsT = np.ascontiguousarray(Xs.transpose(0, 2, 1))  # (S, D, N)
    for begin in range(0, N, batch_size):
        end = min(begin + batch_size, N)
        z = np.matmul(Xs[:, begin:end], W)  # (S, B, K * C)
        z += b[:, None, :]
        dz = logit_grad(z.reshape(S, end - begin, K, C), Ts[:, begin:end], loss)
        dz = dz.reshape(S, end - begin, KC)
        dz *= step
        if decay:
            W *= shrink
        W -= np.matmul(XsT[:, :, begin:end], dz)
        b -= dz.sum(axis=1)
