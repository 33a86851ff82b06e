"""Text as symbols: alphabets named by their role, text as integer codes and n-grams, cleaners, counts.

Three alphabets, each with one job:

- :data:`ALPHABET` — ``a``-``z``: letter frequencies, codes for letters.
- :data:`TEXT_ALPHABET` — space, then ``a``-``z``: running text, as in Shannon's
  27-symbol experiments (clean with :func:`letters_and_spaces`).
- :data:`NAME_ALPHABET` — ``"."``, then ``a``-``z``: single words (names), where
  :data:`BOUNDARY` (``"."``) marks a word's start and its end.

:func:`symbol_index` is the index table (symbol -> position) for any of them;
:func:`symbol_codes` turns a whole text into those positions with it (refusing other
symbols, with the cleaner to use) and :func:`ngram_codes` into its n-grams. The rule:
this module turns strings into symbols and counts single symbols and words (the
frequency tables :func:`letter_counts` and :func:`word_counts`, which clean as they count:
case folded, other characters skipped); :mod:`helpers.ngram` counts n-grams of symbol
codes, for models. :func:`helpers.arithmetic_coding.ngram_coding_model` still indexes
contexts itself with :func:`symbol_index`.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable

import numpy as np

from helpers._validation import check_alphabet, check_count, check_symbol, check_text, check_words

__all__ = [
    "ALPHABET",
    "TEXT_ALPHABET",
    "NAME_ALPHABET",
    "BOUNDARY",
    "symbol_index",
    "symbol_codes",
    "ngram_codes",
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
    """Each symbol's position in ``alphabet``: the index table (:func:`symbol_codes` applies it).

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


def _describe(alphabet: str) -> str:
    if alphabet == TEXT_ALPHABET:
        return "a-z and space"
    if alphabet == ALPHABET:
        return "a-z"
    if alphabet.endswith(ALPHABET) and len(alphabet) == len(ALPHABET) + 1:
        return f"{alphabet[0]!r} and a-z"
    return repr(alphabet)


def symbol_codes(text: str, alphabet: str) -> np.ndarray:
    """The position in ``alphabet`` of each symbol of ``text``: the text as codes.

    Parameters
    ----------
    text : str
        Every character must be a symbol of ``alphabet``.
    alphabet : str
        Distinct characters.

    Returns
    -------
    numpy.ndarray of int64, shape (len(text),)

    Raises
    ------
    ValueError
        If ``text`` holds a character outside ``alphabet`` (the message names the cleaner
        that fits: :func:`letters_and_spaces` for TEXT_ALPHABET, :func:`letters_only` for
        ALPHABET and, one name at a time, for NAME_ALPHABET).

    Examples
    --------
    >>> symbol_codes("baa.", ".ab")
    array([2, 1, 1, 0])
    """
    alphabet = check_alphabet(alphabet)
    check_text(text)
    unknown = set(text) - set(alphabet)
    if unknown:
        cleaners = {
            TEXT_ALPHABET: "pass letters_and_spaces(text)",
            ALPHABET: "pass letters_only(text)",
            NAME_ALPHABET: "clean each name with letters_only(name) ('.' marks only its ends)",
        }
        clean = cleaners.get(alphabet, f"keep only the symbols {alphabet!r}")
        raise ValueError(
            f"text contains symbols outside the {len(alphabet)} "
            f"({_describe(alphabet)}): {sorted(unknown)[:5]}; {clean}"
        )
    index = symbol_index(alphabet)  # the one table, as an array indexed by code point
    lookup = np.zeros(max(map(ord, index)) + 1, dtype=np.int64)
    lookup[[ord(ch) for ch in index]] = list(index.values())
    return lookup[np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)]


def ngram_codes(
    segments: Iterable[str], order: int, alphabet: str, boundary: str | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Every n-gram of ``segments`` (``order + 1`` symbols), as symbol indices.

    N-grams are taken inside each segment, never across the joins. With a ``boundary``
    each segment is first padded with ``order`` boundary symbols before and one after,
    so its first symbols and its end are predicted too (``len(segment) + 1`` n-grams).

    Parameters
    ----------
    segments : iterable of str
    order : int
        Symbols of context before the predicted one (0, 1, 2, ...).
    alphabet : str
        Every character of every segment must be one of these.
    boundary : str or None
        A symbol of ``alphabet`` marking a segment's start and end (never inside one), or None.

    Returns
    -------
    grams : numpy.ndarray of int64, shape (order + 1, T)
        Column ``t`` is the ``t``-th n-gram: context first, predicted symbol last.
    owner : numpy.ndarray of int64, shape (T,)
        The index of the segment each n-gram belongs to.

    Examples
    --------
    >>> grams, owner = ngram_codes(["ab"], 1, ".ab", boundary=".")  # ".a", "ab", "b."
    >>> grams.tolist(), owner.tolist()
    ([[0, 1, 2], [1, 2, 0]], [0, 0, 0])
    """
    order = check_count(order, "order")
    alphabet = check_alphabet(alphabet)
    if boundary is not None:
        check_symbol(boundary, alphabet, "boundary")
    padded = [
        segment if boundary is None else boundary * order + segment + boundary
        for segment in check_words(segments, "segments", boundary=boundary, empty_ok=True)
    ]
    # All segments encoded at once (a per-segment loop costs 10x on thousands of names).
    codes = symbol_codes("".join(padded), alphabet)
    lengths = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    n = np.maximum(lengths - order, 0)  # n-grams per segment
    owner = np.repeat(np.arange(len(padded), dtype=np.int64), n)
    first = np.cumsum(n) - n  # where each segment's n-grams start among all n-grams
    start = (np.cumsum(lengths) - lengths)[owner] + np.arange(owner.size) - first[owner]
    return np.stack([codes[start + j] for j in range(order + 1)]), owner


def _lower_case(alphabet: str) -> str:
    """``alphabet``, refused if it has capitals: the text is lower-cased before it is read."""
    if check_alphabet(alphabet) != alphabet.lower():  # "A" would never be kept or counted
        raise ValueError(
            f"alphabet must be lower-case, got {alphabet!r}: the text is lower-cased first; "
            "pass alphabet.lower()"
        )
    return alphabet


def letters_only(text: str, alphabet: str = ALPHABET) -> str:
    """Lower-case ``text`` and keep only the characters in ``alphabet`` (lower-case).

    >>> letters_only("In the beginning, God!")
    'inthebeginninggod'
    """
    keep = symbol_index(_lower_case(alphabet))
    text = check_text(text)
    return "".join(ch for ch in text.lower() if ch in keep)


def letters_and_spaces(text: str) -> str:
    """Lower-case ``text`` and keep letters, with every run of anything else as one space.

    >>> letters_and_spaces("In the beginning, God...")
    'in the beginning god '
    """
    return re.sub(r"[^a-z]+", " ", text.lower())


def letter_counts(text: str, alphabet: str = ALPHABET) -> np.ndarray:
    """How often each character of ``alphabet`` occurs in ``text`` (lower-cased).

    Counts what :func:`letters_only` keeps (one pass of ``np.bincount``, not a Python loop:
    notebooks count whole books). ``alphabet`` must be lower-case: the text is.

    >>> letter_counts("Abba", alphabet="ab")
    array([2, 2])
    """
    alphabet = _lower_case(alphabet)
    codes = np.frombuffer(check_text(text).lower().encode("utf-32-le"), dtype=np.uint32)
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
    """How often each word occurs, in order of first appearance.

    The words are those of :func:`letters_and_spaces`: runs of a-z after lower-casing
    ("Café" is the word "caf").

    >>> word_counts("The cat; the hat.")
    {'the': 2, 'cat': 1, 'hat': 1}
    """
    return dict(Counter(letters_and_spaces(check_text(text)).split()))
