"""helpers.ngram: the one n-gram model, checked against direct counting
(collections.Counter) and against the views built on it."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers as h
from helpers.ngram import NgramModel
from helpers.text import ALPHABET, NAME_ALPHABET, TEXT_ALPHABET, ngram_codes

words = st.lists(st.text(alphabet="abcde", min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="ab ", max_size=40), st.integers(0, 3))
def test_counts_of_every_order_match_a_counter(text, order):
    segments = [text, "abab"]  # never empty overall, for orders up to 3
    m = NgramModel(order, segments, alpha=0, alphabet=" ab")
    expected = Counter(s[i : i + order + 1] for s in segments for i in range(len(s) - order))
    got = {"".join(" ab"[i] for i in idx): int(c) for idx, c in np.ndenumerate(m.counts) if c}
    assert got == dict(expected)


@settings(max_examples=30, deadline=None)
@given(words, st.floats(0.1, 3))
def test_order_1_with_a_boundary_is_the_bigram_table_counted_by_hand(ws, alpha):
    pairs = Counter(p for w in ws for p in zip("." + w, w + ".", strict=True))
    rows = Counter(a for a, _ in pairs.elements())
    m = NgramModel(1, ws, alpha=alpha, alphabet=NAME_ALPHABET, boundary=".")
    counts, table = h.bigram_counts(ws), h.fit_bigram(h.bigram_counts(ws), alpha)
    for i, a in enumerate(NAME_ALPHABET):
        hand = [(pairs[a, b] + alpha) / (rows[a] + 27 * alpha) for b in NAME_ALPHABET]
        assert counts[i].tolist() == [pairs[a, b] for b in NAME_ALPHABET]
        np.testing.assert_allclose(table[i], hand, rtol=1e-12)
        np.testing.assert_allclose(m.next_distribution(a), hand, rtol=1e-12)
    nll = -sum(
        math.log((pairs[a, b] + alpha) / (rows[a] + 27 * alpha))
        for w in ws
        for a, b in zip("." + w, w + ".", strict=True)
    ) / sum(len(w) + 1 for w in ws)
    assert m.log_loss(ws) == pytest.approx(nll, rel=1e-12)
    assert m.log_loss(ws, base=2) == pytest.approx(nll / math.log(2), rel=1e-12)
    assert h.average_nll(ws, table) == pytest.approx(nll, rel=1e-12)


def test_the_boundary_inside_a_segment_is_refused():
    """'a.b' would silently count as the two words 'a' and 'b'."""
    with pytest.raises(ValueError, match=r"segments must not contain the boundary '\.'"):
        NgramModel(1, ["a.b"], alphabet=NAME_ALPHABET, boundary=".")
    with pytest.raises(ValueError, match=r"segments must not contain the boundary"):
        ngram_codes(["ab", "b.a"], 2, ".ab", boundary=".")


def test_from_counts_refuses_an_empty_table_at_alpha_0_and_is_uniform_above():
    with pytest.raises(ValueError, match=r"counts are all zero and alpha = 0"):
        NgramModel.from_counts(np.zeros((2, 2)), alpha=0, alphabet="ab")
    uniform = NgramModel.from_counts(np.zeros((2, 2)), alpha=1, alphabet="ab")
    np.testing.assert_array_equal(uniform.probabilities(), np.full((2, 2), 0.5))


def test_order_0_is_letter_frequencies():
    text = h.letters_and_spaces(h.load_text()[:2000])
    m = NgramModel(0, [text], alpha=0)
    counts = Counter(text)
    freq = [counts[ch] / len(text) for ch in TEXT_ALPHABET]
    np.testing.assert_allclose(m.next_distribution(""), freq, rtol=1e-13)
    assert not hasattr(NgramModel, "predict")  # a distribution, not a label: one name


def test_only_the_last_order_symbols_of_the_context_matter():
    m = NgramModel(2, ["abcabcabd"], alpha=0.5, alphabet="abcd")
    np.testing.assert_array_equal(m.next_distribution("cab"), m.next_distribution("ab"))
    q = m.next_distribution("ab")  # "ab" -> c twice, d once: (2.5, 1.5) over 3 + 4 * 0.5
    np.testing.assert_allclose(q, [0.5 / 5, 0.5 / 5, 2.5 / 5, 1.5 / 5])


def test_log_loss_is_infinite_for_an_unseen_symbol_without_smoothing():
    m = NgramModel(1, ["abab"], alpha=0, alphabet="abc")
    assert m.log_loss(["ab"]) == 0.0
    assert m.log_loss(["ac"]) == math.inf


def test_sampling_is_seeded_stops_at_the_boundary_and_follows_the_model():
    m = NgramModel(1, ["ab"] * 5, alpha=0, alphabet=NAME_ALPHABET, boundary=".")
    assert m.sample(np.random.default_rng(0)) == "ab"
    m2 = NgramModel(0, ["aab"] * 100, alpha=0, alphabet="ab")
    s = m2.sample(np.random.default_rng(1), length=3000)
    assert len(s) == 3000
    assert s.count("a") / 3000 == pytest.approx(2 / 3, abs=0.03)
    a = m2.sample(np.random.default_rng(2), length=50)
    assert a == m2.sample(np.random.default_rng(2), length=50)


def test_repr_names_the_alphabet_only_when_it_is_not_the_default():
    assert repr(NgramModel(1, ["ab a"], alpha=1)) == "NgramModel(order=1, alpha=1.0, n_grams=3)"
    m = NgramModel(1, ["ab"], alpha=1, alphabet=NAME_ALPHABET, boundary=".")
    assert "boundary='.'" in repr(m)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: NgramModel(-1, ["ab"]), "order"),
        (lambda: NgramModel(1, ["ab"], alpha=-1), "alpha"),
        (lambda: NgramModel(1, ["aB"]), "outside the 27 .a-z and space."),
        (lambda: NgramModel(1, ["a-b"], alphabet=NAME_ALPHABET), "outside the 27 .'.' and"),
        (lambda: NgramModel(1, ["ab"], alphabet="aa"), "alphabet"),
        (lambda: NgramModel(1, ["ab"], alphabet="ab", boundary="."), "boundary"),
        (lambda: NgramModel(3, ["ab"], alphabet="ab"), "no n-gram"),
        (lambda: NgramModel(1, [3], alphabet="ab"), "segments must be strings"),
        (lambda: NgramModel(2, ["abab"], alphabet="ab").next_distribution("a"), "shorter"),
        (
            lambda: NgramModel(1, ["aa"], alpha=0, alphabet="ab").next_distribution("b"),
            "never seen",
        ),
        (lambda: NgramModel(1, ["ab"], alphabet="ab").log_loss(["ab"], base=1), "base"),
        (lambda: NgramModel(1, ["ab"], alphabet="ab").log_loss(["a"]), "no symbol"),
        (lambda: NgramModel(1, ["ab"], alphabet="ab").sample(0), "rng"),
    ],
)
def test_bad_arguments_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def _counter_pairs(segments, boundary=None):
    pad = (lambda s: boundary + s + boundary) if boundary else (lambda s: s)
    return Counter((a, b) for s in segments for a, b in zip(pad(s), pad(s)[1:], strict=False))


def test_ngram_codes_are_the_ngrams_of_each_segment():
    grams, owner = ngram_codes(["abc", "b", ""], 2, ".abc", boundary=".")
    as_text = ["".join(".abc"[i] for i in col) for col in grams.T]
    assert as_text == ["..a", ".ab", "abc", "bc.", "..b", ".b.", "..."]
    assert owner.tolist() == [0, 0, 0, 0, 1, 1, 2]
    grams, owner = ngram_codes(["abc", "a"], 1, "abc")  # no boundary: inside each segment only
    assert grams.tolist() == [[0, 1], [1, 2]] and owner.tolist() == [0, 0]


def test_shipped_letter_pairs_match_a_counter():
    letters = h.letters_only(h.load_text())
    got = h.letter_pair_counts(letters)
    expected = _counter_pairs([letters])
    assert got.dtype == np.int64 and got.sum() == len(letters) - 1
    for (a, b), c in expected.items():
        assert got[ALPHABET.index(a), ALPHABET.index(b)] == c
    assert np.count_nonzero(got) == len(expected)


def test_shipped_name_pairs_match_a_counter():
    names = h.load_names()
    got = h.bigram_counts(names)
    expected = _counter_pairs([n.lower() for n in names], boundary=".")
    assert got.dtype == np.int64 and got.sum() == sum(len(n) + 1 for n in names)
    for (a, b), c in expected.items():
        assert got[NAME_ALPHABET.index(a), NAME_ALPHABET.index(b)] == c
    assert np.count_nonzero(got) == len(expected)


def test_shipped_name_tables_match_counts_by_hand():
    """fit_bigram, fit_unigram and average_nll on the shipped names, against plain arithmetic."""
    names = h.load_names()
    pairs = _counter_pairs([n.lower() for n in names], boundary=".")
    k, alpha = len(NAME_ALPHABET), 0.5
    row = Counter()
    for (a, _), c in pairs.items():
        row[a] += c
    p = h.fit_bigram(h.bigram_counts(names), alpha)
    for a, b in [(".", "a"), ("q", "u"), ("n", "."), ("x", "q")]:
        expected = (pairs[(a, b)] + alpha) / (row[a] + k * alpha)
        assert p[NAME_ALPHABET.index(a), NAME_ALPHABET.index(b)] == pytest.approx(
            expected, rel=1e-14
        )
    column = Counter()
    for (_, b), c in pairs.items():
        column[b] += c
    u = h.fit_unigram(h.bigram_counts(names), alpha)
    assert u[5, 1] == pytest.approx((column["a"] + alpha) / (sum(column.values()) + k * alpha))
    held_out = names[:50]
    nll = -sum(
        c * math.log((pairs[(a, b)] + alpha) / (row[a] + k * alpha))
        for (a, b), c in _counter_pairs([n.lower() for n in held_out], boundary=".").items()
    ) / sum(len(n) + 1 for n in held_out)
    assert h.average_nll(held_out, p) == pytest.approx(nll, rel=1e-12)


def test_from_counts_is_the_model_of_those_counts():
    m = NgramModel(2, ["abcab", "ca"], alpha=0.3, alphabet="abc")
    same = NgramModel.from_counts(m.counts, 0.3, alphabet="abc")
    assert same.order == 2
    # "ab" is followed by "c" once (in "abcab"), by nothing else: (1 + 0.3) / (1 + 3 * 0.3)
    assert same.next_distribution("ab")[2] == pytest.approx(1.3 / 1.9, rel=1e-14)
    np.testing.assert_array_equal(same.probabilities(), m.probabilities())
    assert same.log_loss(["abca"]) == m.log_loss(["abca"])
    with pytest.raises(ValueError, match="counts must have 3 entries along every axis"):
        NgramModel.from_counts(np.ones((3, 2)), alphabet="abc")


def test_gram_probabilities_match_counting_by_hand():
    train, alpha = ["abcab", "cab"], 0.5
    m = NgramModel(2, train, alpha=alpha, alphabet=".abc", boundary=".")
    padded = ["..abcab.", "..cab."]
    trigrams = Counter(p[i : i + 3] for p in padded for i in range(len(p) - 2))
    contexts = Counter(p[i : i + 2] for p in padded for i in range(len(p) - 2))
    grams, _ = m.ngrams(["cabb"])
    text = "..cabb."
    hand = [
        (trigrams[text[t : t + 3]] + alpha) / (contexts[text[t : t + 2]] + 4 * alpha)
        for t in range(len(text) - 2)
    ]
    assert hand[1] == (1 + 0.5) / (1 + 2)  # ".c" -> "a": seen once, after ".c" once
    np.testing.assert_allclose(m.gram_probabilities(grams), hand, rtol=1e-14)
    np.testing.assert_allclose(m.gram_probabilities(grams, alpha=[alpha])[0], hand, rtol=1e-14)
