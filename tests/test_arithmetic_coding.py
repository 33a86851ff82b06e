"""The arithmetic coder: exact round trips, length = total surprise + at most 2 bits, and
a wrong model costs the cross-entropy, not the entropy."""

from __future__ import annotations

import collections
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers as h
from tests.strategies import distributions

SYMBOLS = "abcdefghijkl"


@st.composite
def model_and_message(draw, min_probability=0.0):
    p = draw(distributions(min_size=1, max_size=len(SYMBOLS), zeros=False))
    p = np.maximum(p, min_probability)
    p /= p.sum()
    model = dict(zip(SYMBOLS, p.tolist(), strict=False))
    support = sorted(model)
    message = draw(st.lists(st.sampled_from(support), max_size=300))
    return model, message


def surprise_bits(message, model) -> float:
    return math.fsum(-math.log2(model[s]) for s in message)


@given(model_and_message())
def test_decoding_gives_the_message_back(case):
    model, message = case
    bits = h.arithmetic_encode(message, model)
    assert h.arithmetic_decode(bits, model, len(message)) == message


@given(model_and_message())
def test_length_is_the_quantised_surprise_plus_at_most_two_bits(case):
    model, message = case
    bits = h.arithmetic_encode(message, model)
    assert len(bits) <= h.quantised_cost_bits(message, model) + 2


@given(model_and_message(min_probability=1e-4))
def test_quantisation_costs_under_a_thousandth_for_probabilities_above_1e_4(case):
    model, message = case
    exact = surprise_bits(message, model)
    assert h.quantised_cost_bits(message, model) <= exact * 1.001 + 1e-9


@given(model_and_message(min_probability=1e-3), st.integers(0, 2**32 - 1))
def test_a_wrong_model_costs_the_cross_entropy(case, seed):
    """Coded with q, a message from p costs sum(-log2 q(x)) bits: the cross-entropy, not H(p)."""
    p, message = case
    rng = np.random.default_rng(seed)
    q = dict(zip(p, rng.dirichlet(np.ones(len(p))).clip(1e-3).tolist(), strict=True))
    total = sum(q.values())
    q = {s: v / total for s, v in q.items()}
    bits = h.arithmetic_encode(message, q)
    assert h.arithmetic_decode(bits, q, len(message)) == message
    assert surprise_bits(message, q) - 1e-6 <= len(bits) <= surprise_bits(message, q) * 1.001 + 2


def test_the_text_is_coded_at_its_entropy():
    letters = list(h.letters_only(h.load_text()))
    counts = collections.Counter(letters)
    p = {c: k / len(letters) for c, k in sorted(counts.items())}
    bits = h.arithmetic_encode(letters, p)
    per_letter = len(bits) / len(letters)
    entropy_bits = float(h.entropy(np.array(list(p.values())), base=2))
    assert entropy_bits <= per_letter <= entropy_bits + 0.001
    assert h.arithmetic_decode(bits, p, len(letters)) == letters


def test_a_context_model_is_called_with_the_previous_symbol():
    seen = []

    def model(previous):
        seen.append(previous)
        return {"a": 0.9, "b": 0.1} if previous == "a" else {"a": 0.5, "b": 0.5}

    message = list("aaab" * 20)
    bits = h.arithmetic_encode(message, model)
    assert h.arithmetic_decode(bits, model, len(message)) == message
    assert set(seen) == {None, "a", "b"}
    cost = -math.log2(0.5) + sum(
        -math.log2((0.9 if s == "a" else 0.1) if prev == "a" else 0.5)
        for prev, s in zip(message, message[1:], strict=False)
    )
    assert len(bits) <= cost * 1.001 + 2


def test_an_empty_message_costs_two_bits():
    assert len(h.arithmetic_encode([], {"a": 1.0})) == 2
    assert h.arithmetic_decode("01", {"a": 1.0}, 0) == []


@pytest.mark.parametrize(
    ("message", "model", "match"),
    [
        ("ab", {"a": 1.0, "b": 0.0}, r"message\[1\] = 'b' has probability 0"),
        ("ac", {"a": 0.5, "b": 0.5}, r"message\[1\] = 'c' has probability 0 .* not in it"),
        ("a", {"a": 0.5, "b": 0.4}, r"must sum to 1, but sum to 0.9"),
        ("a", {"a": 1.5, "b": -0.5}, r"must lie in \[0, 1\], got 1.5"),
        ("a", {}, r"non-empty mapping"),
        ("a", [0.5, 0.5], r"mapping symbol -> probability or a callable"),
    ],
)
def test_bad_input_is_refused(message, model, match):
    with pytest.raises(ValueError, match=match):
        h.arithmetic_encode(message, model)


@pytest.mark.parametrize(
    ("bits", "length", "match"),
    [("012", 1, r"bits must be a string of '0' and '1'"), ("01", -1, r"length must be a whole")],
)
def test_bad_decode_arguments_are_refused(bits, length, match):
    with pytest.raises(ValueError, match=match):
        h.arithmetic_decode(bits, {"a": 1.0}, length)


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_context_models_of_any_order_round_trip_at_their_surprise(order):
    text = h.letters_only(h.load_text())
    train, test = text[:20_000], text[20_000:23_000]
    model = h.NgramModel(order, [train], alpha=0.5, alphabet=h.ALPHABET)
    coder = h.ngram_coding_model(model)
    bits = h.arithmetic_encode(test, coder, context=order)
    assert "".join(h.arithmetic_decode(bits, coder, len(test), context=order)) == test
    # the first `order` letters are coded as uniform, the rest with the model: total surprise
    surprise = order * math.log2(26) + model.log_loss([test], base=2) * (len(test) - order)
    cost = h.quantised_cost_bits(test, coder, context=order)
    assert cost == pytest.approx(surprise, rel=1e-3)
    assert len(bits) <= cost + 2


def test_arithmetic_intervals_nest_and_the_codeword_lies_inside():
    p = {"a": 0.5, "b": 0.3, "c": 0.2}
    steps, word = h.arithmetic_intervals("bca", p)
    assert [s.symbol for s in steps] == list("bca")
    widths = [s.high - s.low for s in steps]
    assert widths == pytest.approx([0.3, 0.3 * 0.2, 0.3 * 0.2 * 0.5])
    for outer, inner in zip(steps, steps[1:], strict=False):
        assert outer.low <= inner.low < inner.high <= outer.high
    value = int(word, 2) / 2 ** len(word)
    assert steps[-1].low <= value and value + 2 ** -len(word) <= steps[-1].high
    assert len(word) <= math.log2(1 / widths[-1]) + 2
    with pytest.raises(ValueError, match=r"probability 0"):
        h.arithmetic_intervals("d", p)
