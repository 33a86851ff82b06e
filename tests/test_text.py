"""helpers.text: alphabets by role, their one index table, cleaners and counts."""

from __future__ import annotations

import string
from collections import Counter

import pytest

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


def test_symbol_codes_are_the_positions_by_hand():
    assert h.symbol_codes("", "ab").tolist() == []
    assert h.symbol_codes("cab", "abc").tolist() == [2, 0, 1]
    assert h.symbol_codes("a b.", ". ab").tolist() == [2, 1, 3, 0]
    text = "in the beginning"
    assert h.symbol_codes(text, h.TEXT_ALPHABET).tolist() == [
        " abcdefghijklmnopqrstuvwxyz".index(ch) for ch in text
    ]


def test_symbol_codes_refuse_other_symbols_naming_the_cleaner():
    with pytest.raises(ValueError, match=r"outside the 26 \(a-z\).*letters_only\(text\)"):
        h.symbol_codes("ab c", h.ALPHABET)
    with pytest.raises(ValueError, match=r"outside the 27 \(a-z and space\).*letters_and_spaces"):
        h.symbol_codes("Ab", h.TEXT_ALPHABET)
    with pytest.raises(ValueError, match=r"outside the 27 \('\.' and a-z\).*letters_only\(name\)"):
        h.symbol_codes("a b", h.NAME_ALPHABET)
    with pytest.raises(ValueError, match=r"keep only the symbols 'ab'"):
        h.symbol_codes("abc", "ab")
    with pytest.raises(ValueError, match="text must be a string"):
        h.symbol_codes(["a"], "ab")
    with pytest.raises(ValueError, match="alphabet must be a non-empty string"):
        h.symbol_codes("a", "aa")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: h.letter_counts(5), "text must be a string, got 5"),
        (lambda: h.letter_counts(b"ab"), "text must be a string, got b'ab'"),
        (lambda: h.word_counts(None), "text must be a string, got None"),
        (lambda: h.letter_frequencies(["a"]), r"text must be a string, got \['a'\]"),
        (lambda: h.letter_counts("Ab", alphabet="Ab"), "alphabet must be lower-case, got 'Ab'"),
    ],
)
def test_counting_refuses_what_is_not_text(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_word_counts_are_the_words_of_letters_and_spaces():
    text = "Café au lait, CAFÉ! l'été 2026 -- the end."
    assert h.word_counts(text) == {"caf": 2, "au": 1, "lait": 1, "l": 1, "t": 1, "the": 1, "end": 1}
    assert list(h.word_counts(text)) == ["caf", "au", "lait", "l", "t", "the", "end"]


def test_letter_counts_count_what_letters_only_keeps():
    """One cleaning rule: letter_counts (a bincount, fast on a whole book) counts exactly the
    letters letters_only keeps."""
    text = "In the Beginning, God -- Æsir & Ölfus; naïve café 123 ZZ"
    for alphabet in (h.ALPHABET, "aeiou", " abc"):
        kept = h.letters_only(text, alphabet)
        expected = [kept.count(ch) for ch in alphabet]
        assert h.letter_counts(text, alphabet).tolist() == expected


def test_letters_only_and_letter_counts_refuse_what_they_would_miscount():
    for call in (lambda: h.letters_only("Abba", "Ab"), lambda: h.letter_counts("Abba", "Ab")):
        with pytest.raises(ValueError, match="alphabet must be lower-case, got 'Ab'"):
            call()
    with pytest.raises(ValueError, match="text must be a string, got 5"):
        h.letters_only(5)
    assert h.letter_counts("Abba ab!", "ab").tolist() == [3, 3]  # counted by hand
    assert h.letters_only("Abba ab!", "ab") == "abbaab"
