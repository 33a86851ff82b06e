"""Huffman coding: prefix-free, lossless, and within one bit of the entropy."""

from __future__ import annotations

import math

import pytest
from hypothesis import given

import helpers as h
from tests.strategies import distributions


def is_prefix_free(code):
    words = sorted(code.values())
    return all(not b.startswith(a) for a, b in zip(words, words[1:], strict=False))


def test_known_dyadic_code_is_exactly_the_entropy():
    p = {"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125}
    code = h.huffman_code(p)
    assert {s: len(c) for s, c in code.items()} == {"a": 1, "b": 2, "c": 3, "d": 3}
    assert h.average_code_length(code, p) == pytest.approx(h.entropy(list(p.values()), base=2))


def test_two_symbols_get_one_bit_each_and_one_symbol_still_needs_a_bit():
    assert sorted(h.huffman_code({"x": 0.9, "y": 0.1}).values()) == ["0", "1"]
    assert h.huffman_code({"x": 1.0}) == {"x": "0"}


def test_ties_are_broken_the_same_way_every_time():
    p = dict.fromkeys("abcdefgh", 1.0)
    assert h.huffman_code(p) == h.huffman_code(dict(reversed(list(p.items()))))
    assert {len(c) for c in h.huffman_code(p).values()} == {3}


def test_zero_weight_symbols_get_no_codeword_and_cost_infinity():
    code = h.huffman_code({"a": 0.5, "b": 0.5, "z": 0.0})
    assert "z" not in code
    assert h.average_code_length(code, {"a": 0.4, "b": 0.4, "z": 0.2}) == math.inf
    with pytest.raises(ValueError, match=r"symbol 'z' has no codeword"):
        h.encode("abz", code)


@given(distributions(min_size=1, max_size=30))
def test_source_coding_bound(p):
    freq = dict(enumerate(p))
    code = h.huffman_code(freq)
    assert is_prefix_free(code)
    L = h.average_code_length(code, freq)
    H = h.entropy(p, base=2)
    if len(code) > 1:
        assert H - 1e-9 <= L
        # L < H + 1; for p = (1 - eps, eps) both sides are 1 up to rounding
        assert L < H + 1 or math.isclose(L, H + 1, abs_tol=1e-9)
    # Kraft's inequality, which every prefix code obeys
    assert sum(2.0 ** -len(w) for w in code.values()) <= 1 + 1e-12


@given(distributions(min_size=2, max_size=12, zeros=False))
def test_huffman_beats_the_fixed_length_code(p):
    code = h.huffman_code(dict(enumerate(p)))
    assert h.average_code_length(code, dict(enumerate(p))) <= math.ceil(math.log2(len(p))) + 1e-12


@pytest.fixture(scope="module")
def english():
    letters = h.letters_only(h.load_text())
    p = h.letter_frequencies(letters)
    return letters, dict(zip(h.ALPHABET, p, strict=True)), p


def test_round_trip_and_bound_on_the_real_text(english):
    letters, freq, p = english
    code = h.huffman_code(freq)
    assert is_prefix_free(code)
    bits = h.encode(letters, code)
    assert h.decode(bits, code) == letters
    H = h.entropy(p, base=2)
    measured = len(bits) / len(letters)
    assert measured == pytest.approx(h.average_code_length(code, freq), rel=1e-12)
    assert H <= measured < H + 1
    assert measured < 5  # beats the 5-bit fixed-length code


@pytest.mark.parametrize("language", sorted(h.LANGUAGES))
def test_bound_on_every_shipped_language(language):
    p = h.load_letter_frequencies(language)
    freq = dict(zip(h.ALPHABET, p, strict=True))
    L = h.average_code_length(h.huffman_code(freq), freq)
    assert h.entropy(p, base=2) <= L < h.entropy(p, base=2) + 1


def test_decode_refuses_bad_bits():
    code = {"a": "0", "b": "10", "c": "11"}
    with pytest.raises(ValueError, match=r"only '0' and '1', found '2'"):
        h.decode("012", code)
    with pytest.raises(ValueError, match=r"middle of a codeword \('1' left over\)"):
        h.decode("01", code)


def test_decode_returns_a_list_for_non_character_symbols():
    code = h.huffman_code({"the": 2, "cat": 1, "sat": 1})
    assert h.decode(h.encode(["the", "cat"], code), code) == ["the", "cat"]


@pytest.mark.parametrize(
    ("freq", "message"),
    [
        ({}, r"frequencies must be a non-empty mapping"),
        ({"a": -1.0}, r"frequencies\['a'\] is -1\.0; weights must be finite and >= 0"),
        ({"a": 0.0, "b": 0.0}, r"frequencies are all zero"),
        ([0.5, 0.5], r"frequencies must be a non-empty mapping"),
    ],
)
def test_bad_frequencies_are_refused(freq, message):
    with pytest.raises(ValueError, match=message):
        h.huffman_code(freq)


def test_average_length_refuses_unnormalised_p():
    with pytest.raises(ValueError, match=r"p must sum to 1, but sums to 2"):
        h.average_code_length({"a": "0", "b": "1"}, {"a": 1.0, "b": 1.0})


@given(distributions(min_size=1, max_size=30, zeros=False))
def test_shannon_lengths_satisfy_kraft_and_stay_below_h_plus_one(p):
    probs = {i: float(v) for i, v in enumerate(p)}
    lengths = h.shannon_code_lengths(probs)
    assert h.kraft_sum(lengths) <= 1 + 1e-12
    average = sum(probs[s] * lengths[s] for s in probs)
    H = float(h.entropy(p, base=2))
    assert H - 1e-9 <= average < H + 1
    if len(probs) >= 2:  # one symbol: Shannon's length is 0 bits, Huffman still writes "0"
        huffman = h.average_code_length(h.huffman_code(probs), probs)
        assert huffman <= average + 1e-12  # Huffman is optimal: never longer than Shannon's


def test_kraft_sum_of_a_real_prefix_code_and_bad_lengths():
    code = h.huffman_code({"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125})
    assert h.kraft_sum({s: len(c) for s, c in code.items()}) == 1.0
    assert h.kraft_sum([1, 1, 1]) == 1.5  # three 1-bit codewords cannot all be distinct
    with pytest.raises(
        ValueError,
        match=r"lengths \(bits per codeword\)\[\d\] must be a whole number >= 0, got 2.5",
    ):
        h.kraft_sum([1, 2.5])
