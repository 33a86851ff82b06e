"""helpers.text: alphabets by role, cleaners and counts, and the one n-gram model,
checked against direct counting (collections.Counter) and the bigram tables."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers as h
from helpers.text import (
    LETTERS,
    LETTERS_AND_BOUNDARY,
    LETTERS_AND_SPACE,
    NgramModel,
)

words = st.lists(st.text(alphabet="abcde", min_size=1, max_size=6), min_size=1, max_size=12)


def test_alphabets_by_role_and_the_old_names():
    assert LETTERS == "abcdefghijklmnopqrstuvwxyz"
    assert LETTERS_AND_SPACE == " " + LETTERS
    assert LETTERS_AND_BOUNDARY == "." + LETTERS
    assert (h.ALPHABET, h.SYMBOLS, h.NAME_ALPHABET) == (
        LETTERS,
        LETTERS_AND_SPACE,
        LETTERS_AND_BOUNDARY,
    )


def test_word_counts_match_a_counter():
    text = "The cat; the HAT. the-end"
    assert h.word_counts(text) == Counter(["the", "cat", "the", "hat", "the", "end"])


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
def test_order_1_with_a_boundary_is_the_bigram_table(ws, alpha):
    m = NgramModel(1, ws, alpha=alpha, alphabet=LETTERS_AND_BOUNDARY, boundary=".")
    counts = h.bigram_counts(ws)
    assert np.array_equal(m.counts, counts)
    table = h.fit_bigram(counts, alpha)
    for i, ch in enumerate(LETTERS_AND_BOUNDARY):
        np.testing.assert_allclose(m.next_distribution(ch), table[i], rtol=1e-13)
    assert m.log_loss(ws) == pytest.approx(h.average_nll(ws, table), rel=1e-12)
    assert m.log_loss(ws, base=2) == pytest.approx(h.average_nll(ws, table) / math.log(2))


def test_order_1_on_letters_is_the_letter_pair_table():
    letters = h.letters_only(h.load_text()[:3000])
    m = NgramModel(1, [letters], alpha=0, alphabet=LETTERS)
    assert np.array_equal(m.counts, h.letter_pair_counts(letters))


def test_order_0_is_letter_frequencies_and_predict_is_next_distribution():
    text = h.letters_and_spaces(h.load_text()[:2000])
    m = NgramModel(0, [text], alpha=0)
    freq = h.letter_frequencies(text, alphabet=LETTERS_AND_SPACE)
    np.testing.assert_allclose(m.next_distribution(""), freq, rtol=1e-13)
    assert NgramModel.predict is NgramModel.next_distribution


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
    m = NgramModel(1, ["ab"] * 5, alpha=0, alphabet=LETTERS_AND_BOUNDARY, boundary=".")
    assert m.sample(np.random.default_rng(0)) == "ab"
    m2 = NgramModel(0, ["aab"] * 100, alpha=0, alphabet="ab")
    s = m2.sample(np.random.default_rng(1), length=3000)
    assert len(s) == 3000
    assert s.count("a") / 3000 == pytest.approx(2 / 3, abs=0.03)
    a = m2.sample(np.random.default_rng(2), length=50)
    assert a == m2.sample(np.random.default_rng(2), length=50)


def test_repr_names_the_alphabet_only_when_it_is_not_the_default():
    assert repr(NgramModel(1, ["ab a"], alpha=1)) == "NgramModel(order=1, alpha=1.0, n_grams=3)"
    m = NgramModel(1, ["ab"], alpha=1, alphabet=LETTERS_AND_BOUNDARY, boundary=".")
    assert "boundary='.'" in repr(m)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: NgramModel(-1, ["ab"]), "order"),
        (lambda: NgramModel(1, ["ab"], alpha=-1), "alpha"),
        (lambda: NgramModel(1, ["aB"]), "outside the 27 .a-z and space."),
        (lambda: NgramModel(1, ["a-b"], alphabet=LETTERS_AND_BOUNDARY), "outside the 27 .'.' and"),
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
