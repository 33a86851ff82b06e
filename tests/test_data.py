"""The shipped data sets: present, the right size and shape, with provenance."""

from __future__ import annotations

import string
from importlib import resources

import numpy as np
import pytest

import helpers as h

DATA = resources.files("helpers") / "data"


def test_text_is_long_enough_and_english():
    text = h.load_text()
    letters = h.letters_only(text)
    assert len(letters) >= 200_000
    assert text.startswith("In the beginning God created the heaven and the earth.")
    assert h.ALPHABET[np.argmax(h.letter_frequencies(text))] == "e"


def test_letter_counts_match_python_counting():
    text = "The quick brown fox, jumps over the lazy dog!"
    counts = h.letter_counts(text)
    assert counts.tolist() == [text.lower().count(c) for c in string.ascii_lowercase]
    assert h.letter_frequencies(text).sum() == pytest.approx(1.0)


def test_letter_frequencies_refuse_text_without_letters():
    with pytest.raises(ValueError, match=r"text contains none of the letters"):
        h.letter_frequencies("123 !?")


def test_bad_alphabet_is_refused():
    with pytest.raises(
        ValueError, match=r"alphabet must be a non-empty string of distinct characters"
    ):
        h.letter_counts("abc", alphabet="aab")


@pytest.mark.parametrize("language", sorted(h.LANGUAGES))
def test_language_letter_frequencies_are_distributions(language):
    p = h.load_letter_frequencies(language)
    assert p.shape == (26,)
    assert p.sum() == pytest.approx(1.0, abs=1e-12)
    assert np.all(p > 0)
    assert 3.5 < h.entropy(p, base=2) < np.log2(26)


def test_languages_really_differ():
    en, fi = h.load_letter_frequencies("en"), h.load_letter_frequencies("fi")
    assert h.kl_divergence(en, fi, base=2) > 0.1


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match=r"language must be one of .*got 'xx'"):
        h.load_letter_frequencies("xx")


def test_names():
    names = h.load_names()
    assert len(names) > 5000
    assert names == sorted(set(names))
    assert all(n.isalpha() and n.islower() for n in names)
    assert {"mary", "james", "linda"} <= set(names)


def test_digits():
    images, labels = h.load_digits()
    assert images.shape == (1797, 8, 8) and images.dtype == np.uint8
    assert images.max() == 16 and images.min() == 0
    assert sorted(np.unique(labels).tolist()) == list(range(10))


def test_digits_match_scikit_learns_copy():
    from sklearn.datasets import load_digits

    images, labels = h.load_digits()
    ref = load_digits()
    np.testing.assert_array_equal(images, ref.images)
    np.testing.assert_array_equal(labels, ref.target)


def test_every_data_file_is_documented_and_the_total_is_small():
    readme = (DATA / "README.md").read_text()
    files = [f for f in DATA.iterdir() if f.name != "README.md" and not f.name.startswith(".")]
    assert files
    for f in files:
        assert f.name in readme, f"{f.name} is not described in helpers/data/README.md"
    assert sum(len(f.read_bytes()) for f in files) < 5 * 2**20


def test_letter_pair_counts_count_every_adjacent_pair():
    letters = h.letters_only(h.load_text())
    counts = h.letter_pair_counts(letters)
    assert counts.shape == (26, 26) and counts.sum() == len(letters) - 1
    np.testing.assert_array_equal(
        counts.sum(axis=1)[:], np.bincount([ord(c) - 97 for c in letters[:-1]], minlength=26)
    )
    q, u = h.ALPHABET.index("q"), h.ALPHABET.index("u")
    assert counts[q, u] == counts[q].sum() == letters[:-1].count("q")


def test_letter_pair_counts_refuse_other_characters():
    with pytest.raises(
        ValueError, match=r"outside the 26 \(a-z\): \[' '\]; pass letters_only\(text\)"
    ):
        h.letter_pair_counts("a b")


def test_the_two_books_split_the_text_at_the_first_verse_of_exodus():
    genesis, exodus = h.load_book("Genesis"), h.load_book("Exodus")
    assert genesis + exodus == h.load_text()
    assert genesis.count("\n") == 1533 and exodus.count("\n") == 1213  # verses per book
    assert exodus.startswith("Now these are the names of the children of Israel")
    with pytest.raises(ValueError, match=r"name must be one of"):
        h.load_book("Leviticus")
