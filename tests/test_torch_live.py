"""Every "same as PyTorch" claim in a docstring, checked against PyTorch itself.

Skipped locally when torch is not installed (it is not a course dependency; `make peers`
installs benchmarks/requirements-peers.txt). CI installs it (.ci/run) and, under CI=true,
tests/conftest.py turns a torch skip into a failure, so this file always runs there.
Tolerance: 1e-12 relative in float64, 1e-5 in float32 (two correct implementations
round differently).
"""

from __future__ import annotations

import numpy as np
import pytest

import helpers as h

torch = pytest.importorskip("torch")
F = torch.nn.functional

RNG = np.random.default_rng(7)
Z = RNG.normal(scale=4.0, size=(9, 5))
Y = RNG.integers(0, 5, size=9)
T = RNG.dirichlet(np.ones(5), size=9)
TOL = {np.float64: dict(rtol=1e-12, atol=1e-13), np.float32: dict(rtol=1e-5, atol=1e-6)}


def t(x):
    return torch.from_numpy(np.ascontiguousarray(x))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.1, 0.5])
@pytest.mark.parametrize("target", ["labels", "probabilities"])
def test_cross_entropy_from_logits_is_torch_cross_entropy(dtype, reduction, smoothing, target):
    z = Z.astype(dtype)
    ours_target, torch_target = (
        (Y, t(Y)) if target == "labels" else (T.astype(dtype), t(T.astype(dtype)))
    )
    ours = h.cross_entropy_from_logits(
        z, ours_target, reduction=reduction, label_smoothing=smoothing
    )
    theirs = F.cross_entropy(t(z), torch_target, reduction=reduction, label_smoothing=smoothing)
    np.testing.assert_allclose(ours, theirs.numpy(), **TOL[dtype])


def test_one_example_without_a_batch_dimension_is_torch_too():
    ours = h.cross_entropy_from_logits(Z[0], Y[0])
    theirs = F.cross_entropy(t(Z[0]), torch.tensor(int(Y[0])))
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_softmax_log_softmax_logsumexp_sigmoid_are_torch(dtype):
    z = (Z * 50).astype(dtype)  # large logits: the stable paths matter
    np.testing.assert_allclose(h.softmax(z), torch.softmax(t(z), -1).numpy(), **TOL[dtype])
    np.testing.assert_allclose(h.log_softmax(z), torch.log_softmax(t(z), -1).numpy(), **TOL[dtype])
    np.testing.assert_allclose(h.logsumexp(z), torch.logsumexp(t(z), -1).numpy(), **TOL[dtype])
    np.testing.assert_allclose(h.sigmoid(z), torch.sigmoid(t(z)).numpy(), **TOL[dtype])


def _one_hot(y):
    return F.one_hot(t(y), Z.shape[1]).double()


@pytest.mark.parametrize(
    "ours, loss, target, torch_target",
    [
        (h.cross_entropy_grad, F.cross_entropy, Y, lambda: t(Y)),  # class indices
        (h.cross_entropy_grad, F.cross_entropy, T, lambda: t(T)),  # probabilities
        # mse_from_logits sums over classes: PyTorch's mse_loss averages, so times C
        (h.mse_grad, "mse", Y, lambda: _one_hot(Y)),
        (h.mse_grad, "mse", T, lambda: t(T)),
    ],
    ids=["ce-labels", "ce-probabilities", "mse-labels", "mse-probabilities"],
)
def test_the_gradients_are_autograd(ours, loss, target, torch_target):
    if loss == "mse":

        def loss(zz, tt):
            return Z.shape[1] * F.mse_loss(torch.softmax(zz, -1), tt)

    zz = t(Z.copy()).requires_grad_()
    loss(zz, torch_target()).backward()
    np.testing.assert_allclose(ours(Z, target), zz.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_mse_from_logits_is_torch_mse_loss_times_the_classes():
    """The docstring: PyTorch's mse_loss averages over classes too, i.e. this divided by C."""
    theirs = F.mse_loss(torch.softmax(t(Z), -1), F.one_hot(t(Y), 5).double())
    np.testing.assert_allclose(h.mse_from_logits(Z, Y), 5 * theirs.numpy(), rtol=1e-12)


def test_binary_cross_entropy_is_torch():
    y = RNG.integers(0, 2, size=20).astype(float)
    q = RNG.uniform(0.01, 0.99, size=20)
    theirs = F.binary_cross_entropy(t(q), t(y), reduction="none")  # elementwise, as documented
    np.testing.assert_allclose(h.binary_cross_entropy(y, q), theirs.numpy(), rtol=1e-12)


def test_label_smoothing_spreads_eps_over_all_classes_as_torch_does():
    """The smoothed target (1 - eps) one_hot + eps / C: the cross-entropy with it is torch's."""
    eps, c = 0.2, Z.shape[1]
    smoothed = (1 - eps) * h.one_hot(Y, c) + eps / c
    ours = h.cross_entropy_from_logits(Z, smoothed)
    theirs = F.cross_entropy(t(Z), t(Y), label_smoothing=eps)
    np.testing.assert_allclose(ours, theirs.numpy(), rtol=1e-12)
