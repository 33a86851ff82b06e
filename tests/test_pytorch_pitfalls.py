"""Notebook 05's PyTorch pitfalls, run in PyTorch itself: every message it quotes and every number
it says PyTorch returns. Skipped, with one line saying so, where PyTorch is not installed (it is
not a course dependency; ``make bench PEERS=1`` or ``pip install torch==2.13.0`` installs it).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import helpers as h

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed: notebook 05's pitfalls are checked only where it is"
)
F = torch.nn.functional


def said(pitfall: str, call) -> None:
    """PyTorch raises exactly the exception notebook 05 quotes for ``pitfall``."""
    kind, message = h.PYTORCH_SAYS[pitfall].split(": ", 1)
    with pytest.raises(Exception) as info:
        call()
    assert type(info.value).__name__ == kind
    assert str(info.value).splitlines()[0] == message


@pytest.fixture(scope="module")
def five():
    """Logits and labels like the notebook's five validation images (a trained model's)."""
    d = h.split_digits()
    runs = h.train_many(d.X_fit, d.y_fit, d.X_validation, d.y_validation, seeds=[0], lr=0.3)
    z = runs.logits(d.X_validation[:5])[0, 0]
    return z, d.y_validation[:5], torch.from_numpy(z), torch.from_numpy(d.y_validation[:5])


def test_the_messages_were_recorded_from_this_version():
    if not torch.__version__.startswith(h.PYTORCH_VERSION):
        pytest.skip(f"messages recorded from {h.PYTORCH_VERSION}, this is {torch.__version__}")


def test_1_cross_entropy_of_probabilities_is_silent_and_floored(five):
    z, y, zt, yt = five
    assert F.cross_entropy(zt, yt).item() == pytest.approx(h.cross_entropy_from_logits(z, y))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "no warning": any warning fails the test
        twice = F.cross_entropy(F.softmax(zt, dim=-1), yt).item()  # no error, no warning
    assert twice == pytest.approx(h.cross_entropy_from_logits(h.softmax(z), y))
    assert twice >= np.log(1 + 9 / np.e) - 1e-12  # the floor with "logits" in [0, 1]
    perfect = torch.eye(10, dtype=torch.float64)[:3]  # one-hot "probabilities" as logits
    floor = F.cross_entropy(perfect, torch.arange(3)).item()
    assert floor == pytest.approx(np.log(1 + 9 / np.e))


def test_2_nll_loss_of_probabilities_is_negative(five):
    z, y, zt, yt = five
    log_q = h.log_softmax(z)
    assert F.nll_loss(F.log_softmax(zt, dim=-1), yt).item() == pytest.approx(
        -np.mean(log_q[np.arange(5), y])
    )
    assert F.nll_loss(F.softmax(zt, dim=-1), yt).item() == pytest.approx(
        -np.mean(np.exp(log_q)[np.arange(5), y])
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # silently: no warning either
        assert F.nll_loss(F.softmax(zt, dim=-1), yt).item() < 0


def test_3_binary_cross_entropy_refuses_some_logits_and_misreads_others():
    said(
        "binary_cross_entropy of a logit outside [0, 1]",
        lambda: F.binary_cross_entropy(torch.tensor([-4.0]), torch.tensor([0.0])),
    )
    said(
        "binary_cross_entropy of a logit outside [0, 1]",
        lambda: torch.nn.BCELoss()(torch.tensor([-4.0, 0.5]), torch.tensor([0.0, 1.0])),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # silently read: no warning
        inside = F.binary_cross_entropy(torch.tensor([0.3]), torch.tensor([1.0])).item()
    assert inside == pytest.approx(-np.log(0.3), rel=1e-6)  # silently read as a probability
    as_logit = F.binary_cross_entropy_with_logits(torch.tensor([0.3]), torch.tensor([1.0])).item()
    assert as_logit == pytest.approx(np.log1p(np.exp(-0.3)), rel=1e-6)
    s, t = torch.tensor([-4.0, 0.5, 40.0]), torch.tensor([0.0, 1.0, 0.0])
    assert torch.sigmoid(s)[2].item() == 1.0  # float32 rounds sigmoid(40) to exactly 1
    clamped = F.binary_cross_entropy(torch.sigmoid(s), t, reduction="none")
    assert clamped[2].item() == 100.0  # the log clamped at -100: finite and wrong
    fused = F.binary_cross_entropy_with_logits(s, t, reduction="none")
    assert fused[2].item() == pytest.approx(40.0)
    np.testing.assert_allclose(clamped[:2].numpy(), fused[:2].numpy(), rtol=1e-5)


def test_4_float32_exp_overflows_above_88_7():
    assert torch.isfinite(torch.exp(torch.tensor(88.7))).item()
    assert torch.isinf(torch.exp(torch.tensor(88.8))).item()
    assert torch.isfinite(torch.exp(torch.tensor(709.7, dtype=torch.float64))).item()
    assert torch.isinf(torch.exp(torch.tensor(709.8, dtype=torch.float64))).item()
    naive = torch.log(
        torch.exp(torch.tensor([100.0, 0.0])) / torch.exp(torch.tensor([100.0, 0.0])).sum()
    )
    assert torch.isnan(naive[0]).item()
    assert F.log_softmax(torch.tensor([100.0, 0.0]), dim=-1)[1].item() == pytest.approx(-100.0)


def test_5_class_weights_divide_by_their_sum_only_for_index_targets(five):
    z, y, zt, yt = five
    weight = np.ones(10)
    weight[y[0]] = 4.0
    per_image = h.cross_entropy_from_logits(z, y, reduction="none")
    w_y = weight[y]
    wt = torch.from_numpy(weight)
    by_index = F.cross_entropy(zt, yt, weight=wt).item()
    assert by_index == pytest.approx(np.sum(w_y * per_image) / np.sum(w_y))
    one_hot = F.one_hot(yt, 10).double()
    by_probability = F.cross_entropy(zt, one_hot, weight=wt).item()
    assert by_probability == pytest.approx(np.sum(w_y * per_image) / len(y))
    assert by_probability != pytest.approx(by_index)


def test_6_class_targets_must_be_int64(five):
    _, _, zt, yt = five
    said("cross_entropy with float class targets", lambda: F.cross_entropy(zt, yt.float()))
    said("cross_entropy with int32 class targets", lambda: F.cross_entropy(zt, yt.int()))


def test_7_float64_features_into_nn_linear():
    layer = torch.nn.Linear(64, 10)
    said("float64 features into nn.Linear", lambda: layer(torch.from_numpy(np.zeros((2, 64)))))
    assert layer(torch.from_numpy(np.zeros((2, 64))).float()).shape == (2, 10)
    # the notebook's mapping table: weight stored transposed, uniform start on +-1/sqrt(64)
    assert tuple(layer.weight.shape) == (10, 64)
    assert layer.weight.abs().max().item() <= 1 / 8 and layer.bias.abs().max().item() <= 1 / 8


def test_8_sequences_put_the_classes_second():
    torch.manual_seed(0)
    logits, target = torch.randn(2, 5, 3), torch.randint(0, 3, (2, 5))  # (N, L, C): wrong
    said(
        "sequence logits (N, L, C) for targets (N, L)",
        lambda: F.cross_entropy(logits, target),
    )
    assert F.cross_entropy(logits.transpose(1, 2), target).shape == ()
    # L == C: no error, and the wrong number (the notebook's course computation, in torch)
    rng = np.random.default_rng(8)
    seq, seq_targets = rng.normal(size=(2, 4, 4)), rng.integers(0, 4, size=(2, 4))
    st, tt = torch.from_numpy(seq), torch.from_numpy(seq_targets)
    right = h.cross_entropy_from_logits(seq.reshape(-1, 4), seq_targets.reshape(-1))
    wrong = h.cross_entropy_from_logits(
        seq.transpose(0, 2, 1).reshape(-1, 4), seq_targets.reshape(-1)
    )
    assert F.cross_entropy(st.transpose(1, 2), tt).item() == pytest.approx(right)
    assert F.cross_entropy(st, tt).item() == pytest.approx(wrong)


def test_9_ignore_index_skips_minus_100_and_divides_by_the_others(five):
    z, y, zt, yt = five
    kept = y != y[1]
    padded = yt.clone()
    padded[torch.from_numpy(~kept)] = -100
    per_image = h.cross_entropy_from_logits(z, y, reduction="none")
    assert F.cross_entropy(zt, padded).item() == pytest.approx(per_image[kept].mean())
    minus_one = yt.clone()
    minus_one[1] = -1
    said("a negative label other than ignore_index", lambda: F.cross_entropy(zt, minus_one))


def test_the_mapping_table_gradcheck_returns_true_or_raises():
    x = torch.randn(3, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda v: (v**2).sum(), (x,)) is True

    class WrongSquare(torch.autograd.Function):
        @staticmethod
        def forward(ctx, v):
            ctx.save_for_backward(v)
            return v**2

        @staticmethod
        def backward(ctx, grad):
            (v,) = ctx.saved_tensors
            return grad * v  # should be 2 v

    from torch.autograd.gradcheck import GradcheckError

    with pytest.raises(GradcheckError):
        torch.autograd.gradcheck(WrongSquare.apply, (x,))


def test_the_mapping_table_kl_div_sum_adds_the_rows():
    p = np.array([[0.2, 0.8], [0.5, 0.5]])
    q = np.array([[0.5, 0.5], [0.9, 0.1]])
    rows = h.kl_divergence(p, q)
    pt, qt = torch.from_numpy(p), torch.from_numpy(q)
    np.testing.assert_allclose(F.kl_div(qt.log(), pt, reduction="none").sum(-1).numpy(), rows)
    assert F.kl_div(qt.log(), pt, reduction="sum").item() == pytest.approx(rows.sum())


def test_the_mapping_table_sgd_weight_decay_decays_the_bias_too():
    layer = torch.nn.Linear(2, 1)
    with torch.no_grad():
        layer.weight.fill_(1.0)
        layer.bias.fill_(1.0)
    opt = torch.optim.SGD(layer.parameters(), lr=0.1, weight_decay=0.5)
    opt.zero_grad()
    (layer(torch.zeros(1, 2)) * 0).sum().backward()  # a zero loss: only the decay moves things
    opt.step()
    assert layer.bias.item() == pytest.approx(1 - 0.1 * 0.5)
    assert layer.weight[0, 0].item() == pytest.approx(1 - 0.1 * 0.5)
