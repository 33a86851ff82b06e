"""helpers.text: alphabets by role, their one index table, cleaners and counts."""

from __future__ import annotations

import string
from collections import Counter

import helpers as h
from helpers.text import BOUNDARY, symbol_index


def test_alphabets_by_role():
    assert h.ALPHABET == string.ascii_lowercase
    assert h.TEXT_ALPHABET == " " + string.ascii_lowercase
    assert h.NAME_ALPHABET == BOUNDARY + string.ascii_lowercase == "." + string.ascii_lowercase
    for gone in ("LETTERS", "SYMBOLS", "LETTERS_AND_SPACE", "LETTERS_AND_BOUNDARY"):
        assert not hasattr(h, gone), f"h.{gone}: one name per alphabet"


def test_symbol_index_is_each_symbols_position():
    for alphabet in (h.ALPHABET, h.TEXT_ALPHABET, h.NAME_ALPHABET, "xyz"):
        index = symbol_index(alphabet)
        assert [alphabet[i] for i in index.values()] == list(index) == list(alphabet)


def test_word_counts_match_a_counter():
    text = "The cat; the HAT. the-end"
    assert h.word_counts(text) == Counter(["the", "cat", "the", "hat", "the", "end"])
