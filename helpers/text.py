"""Text as symbols: alphabets named by their role, cleaners, letter and word counts.

Three alphabets, each with one job:

- :data:`ALPHABET` — ``a``-``z``: letter frequencies, codes for letters.
- :data:`TEXT_ALPHABET` — space, then ``a``-``z``: running text, as in Shannon's
  27-symbol experiments (clean with :func:`letters_and_spaces`).
- :data:`NAME_ALPHABET` — ``"."``, then ``a``-``z``: single words (names), where
  :data:`BOUNDARY` (``"."``) marks a word's start and its end.

:func:`symbol_index` is the one index table (symbol -> position) for any of them.
Models of text built from these counts live in :mod:`helpers.ngram`.
"""

from __future__ import annotations

import re
import string

import numpy as np

from helpers._validation import check_alphabet

__all__ = [
    "ALPHABET",
    "TEXT_ALPHABET",
    "NAME_ALPHABET",
    "BOUNDARY",
    "symbol_index",
    "letters_only",
    "letters_and_spaces",
    "letter_counts",
    "letter_frequencies",
    "word_counts",
]

#: The 26 letters ``a``-``z``.
ALPHABET = string.ascii_lowercase
#: The 27 symbols of running text: space first, then a-z.
TEXT_ALPHABET = " " + ALPHABET
#: Marks a word's start and end in :data:`NAME_ALPHABET`.
BOUNDARY = "."
#: The 27 symbols of single words (names): ``"."`` (start / end) first, then a-z.
NAME_ALPHABET = BOUNDARY + ALPHABET


def symbol_index(alphabet: str) -> dict[str, int]:
    """Each symbol's position in ``alphabet``: the index table every model of text uses.

    Parameters
    ----------
    alphabet : str
        Distinct characters.

    Returns
    -------
    dict of str to int

    Examples
    --------
    >>> symbol_index(".ab")
    {'.': 0, 'a': 1, 'b': 2}
    """
    return {ch: i for i, ch in enumerate(check_alphabet(alphabet))}


def letters_only(text: str, alphabet: str = ALPHABET) -> str:
    """Lower-case ``text`` and keep only the characters in ``alphabet``.

    >>> letters_only("In the beginning, God!")
    'inthebeginninggod'
    """
    keep = symbol_index(alphabet)
    return "".join(ch for ch in text.lower() if ch in keep)


def letters_and_spaces(text: str) -> str:
    """Lower-case ``text`` and keep letters, with every run of anything else as one space.

    >>> letters_and_spaces("In the beginning, God...")
    'in the beginning god '
    """
    return re.sub(r"[^a-z]+", " ", text.lower())


def letter_counts(text: str, alphabet: str = ALPHABET) -> np.ndarray:
    """How often each character of ``alphabet`` occurs in ``text`` (case-folded).

    >>> letter_counts("Abba", alphabet="ab")
    array([2, 2])
    """
    alphabet = check_alphabet(alphabet)
    codes = np.frombuffer(text.lower().encode("utf-32-le"), dtype=np.uint32)
    counts = np.bincount(codes, minlength=max(map(ord, alphabet)) + 1)
    return counts[[ord(ch) for ch in alphabet]]


def letter_frequencies(text: str, alphabet: str = ALPHABET) -> np.ndarray:
    """Relative frequency of each letter of ``alphabet`` in ``text``: a distribution.

    Characters outside ``alphabet`` (spaces, punctuation) are ignored.

    >>> letter_frequencies("abba", alphabet="ab")
    array([0.5, 0.5])
    """
    counts = letter_counts(text, alphabet)
    if counts.sum() == 0:
        raise ValueError(
            f"text contains none of the letters {alphabet!r}, so it has no letter distribution; "
            "pass a longer text or another alphabet"
        )
    return counts / counts.sum()


def word_counts(text: str) -> dict[str, int]:
    """How often each word occurs, words being runs of letters a-z after lower-casing.

    >>> word_counts("The cat; the hat.")
    {'the': 2, 'cat': 1, 'hat': 1}
    """
    counts: dict[str, int] = {}
    for word in re.findall(r"[a-z]+", text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts
