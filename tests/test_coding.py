"""Huffman coding: prefix-free, lossless, and within one bit of the entropy."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st

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


def test_two_symbols_get_one_bit_each_and_a_certain_symbol_needs_none():
    assert sorted(h.huffman_code({"x": 0.9, "y": 0.1}).values()) == ["0", "1"]
    # H = 0 for a certain symbol, so L = 0: the code, the bound and the explorer agree
    assert h.huffman_code({"x": 1.0}) == {"x": ""}
    assert h.shannon_code_lengths({"x": 1.0}) == {"x": 0}
    assert h.average_code_length({"x": ""}, {"x": 1.0}) == 0.0
    assert h.encode("xxx", {"x": ""}) == ""
    assert h.decode("", {"x": ""}, length=3) == "xxx"
    with pytest.raises(ValueError, match=r"decode needs length="):
        h.decode("", {"x": ""})


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
    huffman = h.average_code_length(h.huffman_code(probs), probs)
    assert H - 1e-9 <= huffman <= average + 1e-12  # Huffman is optimal: never longer than Shannon's


@given(distributions(min_size=1, max_size=30, zeros=False))
def test_excess_length_is_kl_plus_kraft_slack_for_every_code(p):
    """L - H = KL(p || 2^-l / Z) + log2(1/Z), both parts >= 0: the proof in notebook 02."""
    probs = {i: float(v) for i, v in enumerate(p)}
    H = float(h.entropy(p, base=2))
    for lengths in (
        h.shannon_code_lengths(probs),
        {s: len(w) for s, w in h.huffman_code(probs).items()},
        dict.fromkeys(probs, 8),  # a fixed-length code for up to 256 symbols
    ):
        kl, slack = h.code_redundancy(probs, lengths)
        L = sum(probs[s] * lengths[s] for s in probs)
        assert kl + slack == pytest.approx(L - H, abs=1e-9)
        # KL computed independently, by SciPy, against the code's implied distribution
        z = sum(2.0 ** -lengths[s] for s in probs)
        q = [2.0 ** -lengths[s] / z for s in probs]
        assert kl == pytest.approx(float(scipy.stats.entropy(p, q, base=2)), abs=1e-9)
        assert slack == pytest.approx(-math.log2(z), abs=1e-12) and slack >= 0


def test_code_redundancy_known_values_and_refusals():
    assert h.code_redundancy({"a": 0.5, "b": 0.5}, {"a": 2, "b": 2}) == (0.0, 1.0)
    kl, slack = h.code_redundancy({"a": 0.9, "b": 0.1}, {"a": 1, "b": 1})
    assert slack == 0.0 and kl == pytest.approx(1 - float(h.entropy([0.9, 0.1], base=2)))
    with pytest.raises(ValueError, match=r"lengths has no entry for \['b'\]"):
        h.code_redundancy({"a": 0.5, "b": 0.5}, {"a": 1})


def test_prefix_code_from_lengths_builds_kraft_codes_and_refuses_impossible_ones():
    code = h.prefix_code_from_lengths({"a": 2, "b": 1, "c": 3, "d": 3})
    assert code == {"b": "0", "a": "10", "c": "110", "d": "111"}
    assert h.two_readings(code) is None
    shannon = h.shannon_code({"a": 0.5, "b": 0.3, "c": 0.2})
    assert {s: len(w) for s, w in shannon.items()} == h.shannon_code_lengths(
        {"a": 0.5, "b": 0.3, "c": 0.2}
    )
    with pytest.raises(ValueError, match=r"Kraft sum 1.5 > 1"):
        h.prefix_code_from_lengths({"a": 1, "b": 1, "c": 1})


@pytest.mark.parametrize(
    ("code", "ambiguous"),
    [
        ({"a": "0", "b": "01", "c": "10"}, "010"),  # b a = a c
        ({"a": "0", "b": "01", "c": "11", "d": "110", "e": "111"}, "110"),  # c a = d
        ({"a": "1", "b": "011", "c": "01110", "d": "1110", "e": "10011"}, "01110011"),
        ({"a": "00", "b": "00"}, "00"),
    ],
)
def test_two_readings_finds_a_string_that_decodes_two_ways(code, ambiguous):
    bits, one, other = h.two_readings(code)
    assert bits == ambiguous and one != other
    assert h.encode(one, code) == h.encode(other, code) == bits


@pytest.mark.parametrize(
    "code",
    [
        {"a": "0", "b": "10", "c": "11"},  # a prefix code
        {"a": "0", "b": "01", "c": "11"},  # suffix-free: decodes from the end
        {"a": "0", "b": "01", "c": "011", "d": "0111"},  # "comma" code: 0 starts each word
    ],
)
def test_uniquely_decodable_codes_have_no_two_readings(code):
    assert h.two_readings(code) is None
    # and indeed every short message decodes one way only: brute force over all of them
    seen = {}
    for n in range(1, 5):
        for message in itertools.product(code, repeat=n):
            bits = h.encode(message, code)
            assert seen.setdefault(bits, message) == message


def test_count_table_bits_is_gamma_plus_log_of_the_number_of_tables():
    # N = 3 in K = 2 cells: 4 tables (3,0), (2,1), (1,2), (0,3): 2 bits; N + 1 = 4 in gamma: 5 bits
    assert h.count_table_bits([2, 1]) == pytest.approx(5 + 2)
    # independent count of tables with total N: C(N + K - 1, K - 1)
    counts = np.array([5, 0, 3, 1])
    expected = 2 * math.floor(math.log2(10)) + 1 + math.log2(math.comb(9 + 3, 3))
    assert h.count_table_bits(counts) == pytest.approx(expected)
    with pytest.raises(ValueError, match=r"whole numbers >= 0"):
        h.count_table_bits([1.5, 2])


def test_block_code_table_stays_between_h_and_h_plus_one_over_n():
    text = h.letters_only(h.load_text())[:20_000]
    p = dict(zip(h.ALPHABET, h.letter_frequencies(text), strict=True))
    H = float(h.entropy(list(p.values()), base=2))
    rows = h.block_code_table(text, p, sizes=(1, 2))
    for row in rows:
        assert H <= row["independent_expected"] < H + 1 / row["n"]
        assert row["real_entropy"] <= row["real_counted"] < row["real_entropy"] + 1 / row["n"]
    assert rows[0]["real_counted"] == pytest.approx(rows[0]["independent_counted"])
    assert rows[1]["real_entropy"] < H  # neighbouring letters are dependent


def test_kraft_sum_of_a_real_prefix_code_and_bad_lengths():
    code = h.huffman_code({"a": 0.5, "b": 0.25, "c": 0.125, "d": 0.125})
    assert h.kraft_sum({s: len(c) for s, c in code.items()}) == 1.0
    assert h.kraft_sum([1, 1, 1]) == 1.5  # three 1-bit codewords cannot all be distinct
    with pytest.raises(
        ValueError,
        match=r"lengths \(bits per codeword\)\[\d\] must be a whole number >= 0, got 2.5",
    ):
        h.kraft_sum([1, 2.5])


@given(
    st.lists(st.text(alphabet="01", min_size=1, max_size=3), min_size=2, max_size=4, unique=True)
)
def test_two_readings_agrees_with_brute_force_on_small_codes(words):
    code = {chr(ord("a") + i): w for i, w in enumerate(words)}
    found = h.two_readings(code)
    parses: dict = {}
    ambiguous = False
    for n in range(1, 6):
        for message in itertools.product(code, repeat=n):
            bits = h.encode(message, code)
            if parses.setdefault(bits, message) != message:
                ambiguous = True
    if found is not None:
        bits, one, other = found
        assert h.encode(one, code) == h.encode(other, code) == bits and one != other
    if ambiguous:  # brute force found two readings within 5 words: so must the search
        assert found is not None


def test_the_number_of_count_tables_is_the_binomial_in_count_table_bits():
    for total, cells in [(3, 2), (4, 3), (5, 4)]:
        tables = [t for t in itertools.product(range(total + 1), repeat=cells) if sum(t) == total]
        gamma = {3: 5, 4: 5, 5: 5}[total]  # Elias gamma of N + 1 = 4, 5, 6: 00100, 00101, 00110
        example = [total] + [0] * (cells - 1)
        assert h.count_table_bits(example) == pytest.approx(gamma + math.log2(len(tables)))
