"""helpers.ngram's adaptive codes (adaptive_code_bits, adaptive_text_bits) against one
reference: the code written out with dicts of counts, never the code under test."""

from __future__ import annotations

import math

import numpy as np
import pytest

import helpers as h


def _adaptive_by_dicts(words, orders, weights, alpha, alphabet, boundary="."):
    """The adaptive code written out with dicts of counts: the reference, not the code under test."""
    counts, top, out = {}, max(orders), []
    for word in words:  # boundary None: no padding, the first `top` symbols are not coded
        text, bits = (boundary * top + word + boundary if boundary else word), 0.0
        for t in range(top, len(text)):
            p = 0.0
            for k, w in zip(orders, weights, strict=True):
                row = counts.setdefault((k, text[t - k : t]), dict.fromkeys(alphabet, 0))
                p += w * (row[text[t]] + alpha) / (sum(row.values()) + len(alphabet) * alpha)
            bits -= math.log2(p)
            for k in orders:
                counts[(k, text[t - k : t])][text[t]] += 1
        out.append(bits)
    return np.array(out)


def test_adaptive_code_bits_by_hand():
    # order 0, alphabet ".ab", alpha 1: 'a' 1/3, 'b' 1/4 (a seen), '.' 1/5 (a, b seen)
    bits = h.adaptive_code_bits(["ab"], order=0, alpha=1.0, alphabet=".ab")
    assert bits[0] == pytest.approx(math.log2(3) + math.log2(4) + math.log2(5))


def test_adaptive_code_bits_learn():
    """The second copy of a word costs less than the first (the model has counted it), by
    exactly what counting by hand says."""
    bits = h.adaptive_code_bits(["anna", "anna"], order=1, alpha=0.5, alphabet=h.NAME_ALPHABET)
    expected = _adaptive_by_dicts(["anna", "anna"], [1], [1.0], 0.5, h.NAME_ALPHABET)
    np.testing.assert_allclose(bits, expected, rtol=1e-12)
    assert bits[1] < bits[0]
    with pytest.raises(ValueError, match="alpha"):
        h.adaptive_code_bits(["a"], order=0, alpha=0.0, alphabet=".a")


def test_adaptive_mixture_by_hand():
    """Orders 0 and 1, weights 1/2 each, alphabet ".a", alpha 1, on the word "a".

    'a': order 0 gives 1/2, order 1 (context '.') 1/2 -> 1/2. Then '.': order 0 has seen one 'a'
    -> 1/3; order 1's context 'a' is new -> 1/2; mixed 5/12.
    """
    bits = h.adaptive_code_bits(["a"], [0, 1], 1.0, ".a", weights=[0.5, 0.5])
    assert bits[0] == pytest.approx(1 + math.log2(12 / 5))
    with pytest.raises(ValueError, match="weights"):
        h.adaptive_code_bits(["a"], [0, 1], 1.0, ".a", weights=[1.0])


@pytest.mark.parametrize(
    ("orders", "weights"), [([1], [1.0]), ([0, 1, 2, 3], [0.1, 0.2, 0.3, 0.4])]
)
def test_adaptive_code_bits_on_shipped_names_match_counting_by_hand(orders, weights):
    names = [n.lower() for n in h.load_names()[:300]]
    expected = _adaptive_by_dicts(names, orders, weights, 0.5, h.NAME_ALPHABET)
    got = h.adaptive_code_bits(names, orders, 0.5, h.NAME_ALPHABET, weights=weights)
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_adaptive_code_bits_without_a_boundary_mix_orders_on_the_same_positions():
    """boundary=None with orders 0 and 2: both predict from each word's third symbol on, and
    order 0 counts only those positions too (as the dict reference does)."""
    words = ["abcab", "ba", "cabbac", "abc"]
    got = h.adaptive_code_bits(words, [0, 2], 0.5, "abc", boundary=None, weights=[0.3, 0.7])
    expected = _adaptive_by_dicts(words, [0, 2], [0.3, 0.7], 0.5, "abc", boundary=None)
    assert expected[1] == 0.0  # "ba": shorter than the longest order, nothing coded
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_adaptive_text_bits_of_a_text_shorter_than_the_order_is_uniform():
    # one symbol of a 2-letter alphabet, coded as uniform: 1 bit, whatever the order
    assert h.adaptive_text_bits("a", 3, 0.5, "ab") == 1.0
    assert h.adaptive_text_bits("ab", 1, 0.5, "ab") == 2.0  # 'a' uniform, then 'b' at 1/2
    # "aab", order 1: 'a' uniform (1 bit), 'a' after 'a' at 0.5/1 (1 bit), 'b' after 'a' at 0.5/2
    assert h.adaptive_text_bits("aab", 1, 0.5, "ab") == pytest.approx(4.0)
    bits = h.adaptive_code_bits(["a", "b"], 2, 0.5, "ab", boundary=None)
    assert bits.dtype == np.float64 and bits.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match=r"text must be a non-empty string, got ''"):
        h.adaptive_text_bits("", 1, 0.5, "ab")


def _adaptive_text_by_dicts(text, order, alpha, alphabet):
    """adaptive_text_bits by hand: the first ``order`` symbols uniform, then the dict reference
    of one segment with no boundary."""
    uniform = min(order, len(text)) * math.log2(len(alphabet))
    return uniform + _adaptive_by_dicts([text], [order], [1.0], alpha, alphabet, boundary=None)[0]


def test_adaptive_text_bits_on_shipped_text_match_counting_by_hand():
    """02b's adaptive code: running text, no boundary, the first ``order`` letters uniform."""
    text, order, alpha, alphabet = h.letters_only(h.load_text())[:5000], 2, 0.5, h.ALPHABET
    expected = _adaptive_text_by_dicts(text, order, alpha, alphabet)
    assert h.adaptive_text_bits(text, order, alpha, alphabet) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("order", [0, 1, 2])
def test_adaptive_text_bits_equals_counting_as_you_go(order):
    text, alphabet, alpha = "abracadabraabracadabra", "abcdr", 0.5
    expected = _adaptive_text_by_dicts(text, order, alpha, alphabet)
    assert h.adaptive_text_bits(text, order, alpha, alphabet) == pytest.approx(expected, rel=1e-12)
    with pytest.raises(
        ValueError, match=r"alpha must be a positive number, got 0.0: a model that learns"
    ):
        h.adaptive_text_bits(text, order, 0.0, alphabet)
