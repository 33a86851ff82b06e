"""The real data sets the course ships, and small tools to count letters.

Everything is read from inside the package with :mod:`importlib.resources`, so
it works from any working directory and offline. Sources, licences and the
script that regenerates each file: ``helpers/data/README.md``.
"""

from __future__ import annotations

import csv
import gzip
import io
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from helpers._validation import check_count, check_open_unit_interval
from helpers.text import ALPHABET

__all__ = [
    "BOOKS",
    "load_book",
    "LANGUAGES",
    "load_text",
    "load_letter_frequencies",
    "load_names",
    "load_digits",
    "prepare_digits",
    "split_digits",
    "DigitSplits",
]

#: Languages of :func:`load_letter_frequencies`, by ISO 639-1 code.
LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pl": "Polish",
    "fi": "Finnish",
}


def _read_bytes(name: str) -> bytes:
    return resources.files("helpers").joinpath("data", name).read_bytes()


@cache
def load_text() -> str:
    """Genesis and Exodus from the King James Bible (public domain), one verse per line.

    Examples
    --------
    >>> text = load_text()
    >>> text[:25]
    'In the beginning God crea'
    >>> from helpers.text import letters_only
    >>> len(text), len(letters_only(text))  # characters, letters a-z
    (366194, 283607)
    """
    return gzip.decompress(_read_bytes("kjv_genesis_exodus.txt.gz")).decode("utf-8")


#: Where each book of the shipped text begins: its first verse.
BOOKS = {
    "Genesis": "In the beginning God created the heaven and the earth.",
    "Exodus": "Now these are the names of the children of Israel",
}


def load_book(name: str) -> str:
    """One book of the shipped text: ``"Genesis"`` (1 533 verses) or ``"Exodus"`` (1 213).

    The two are disjoint and together are :func:`load_text`: train on one, test on the other.

    >>> len(load_book("Genesis")) + len(load_book("Exodus")) == len(load_text())
    True
    """
    if name not in BOOKS:
        raise ValueError(f"name must be one of {list(BOOKS)}, got {name!r}")
    text = load_text()
    cut = text.index(BOOKS["Exodus"])
    return text[:cut] if name == "Genesis" else text[cut:]


@cache
def _letter_table() -> dict[str, np.ndarray]:
    rows = list(csv.reader(io.StringIO(_read_bytes("letter_frequencies.csv").decode())))
    header, body = rows[0], rows[1:]
    assert "".join(r[0] for r in body) == ALPHABET  # the file's own invariant, not user input
    table = np.array([[float(x) for x in r[1:]] for r in body])
    return {lang: table[:, j] / table[:, j].sum() for j, lang in enumerate(header[1:])}


def load_letter_frequencies(language: str) -> np.ndarray:
    """Letter frequencies a-z of a language, from word frequencies (wordfreq, CC BY-SA 4.0).

    Each letter counts once per occurrence in the 30 000 most frequent words,
    weighted by the word's frequency; accents are folded (é -> e, ß -> ss).
    The stored values are rounded to 10 decimals; this loader rescales them
    to sum to 1 exactly.

    Parameters
    ----------
    language : str
        A key of :data:`LANGUAGES`: ``"en"``, ``"de"``, ``"fr"``, ``"es"``, ``"it"``, ``"pl"``, ``"fi"``.

    Returns
    -------
    numpy.ndarray, shape (26,)
        Probabilities of ``a`` … ``z``.
    """
    table = _letter_table()
    if language not in table:
        raise ValueError(
            f"language must be one of {sorted(table)}, got {language!r}; "
            "see helpers.LANGUAGES for their names"
        )
    return table[language].copy()


@cache
def _names() -> tuple[str, ...]:
    return tuple(_read_bytes("names_us_census_1990.txt").decode().split())


def load_names() -> list[str]:
    """5 163 distinct US first names (US Census 1990, public domain), lower case, sorted.

    >>> names = load_names()
    >>> len(names), names[:3]
    (5163, ['aaron', 'abbey', 'abbie'])
    """
    return list(_names())


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """The UCI handwritten digits: 1 797 images of 8x8 pixels with values 0..16 (CC BY 4.0).

    Returns
    -------
    images : numpy.ndarray of uint8, shape (1797, 8, 8)
    labels : numpy.ndarray of int64, shape (1797,)
        The digit 0..9 each image shows.
    """
    with np.load(io.BytesIO(_read_bytes("digits_8x8.npz"))) as npz:
        return npz["images"].copy(), npz["labels"].astype(np.int64)


def _digit_rows(test_fraction: float, seed: int):
    """The digits as 64 features, their labels and images, and a seeded order of the rows."""
    check_open_unit_interval(test_fraction, "test_fraction")
    check_count(seed, "seed")
    images, labels = load_digits()
    X = images.reshape(len(images), -1).astype(np.float64)
    order = np.random.default_rng(seed).permutation(len(X))
    return X, labels, images, order, round(len(X) * test_fraction)


def _standardiser(X_fit: np.ndarray):
    """Standardise with the fitting rows' mean and standard deviation (constant pixels keep scale 1)."""
    mean, std = X_fit.mean(axis=0), X_fit.std(axis=0)
    std[std == 0] = 1.0
    return lambda X: (X - mean) / std


def prepare_digits(test_fraction: float = 0.25, seed: int = 0):
    """The shipped digits as standardised features and a seeded train/test split.

    Pixels become 64 features; each is standardised with the *training* mean and
    standard deviation (pixels that are constant in training keep scale 1).

    Returns
    -------
    X_train, X_test, y_train, y_test, images_test
        ``images_test`` are the raw 8x8 test images, for pictures.
    """
    X, labels, images, order, n_test = _digit_rows(test_fraction, seed)
    test, tr = order[:n_test], order[n_test:]
    scale = _standardiser(X[tr])
    return scale(X[tr]), scale(X[test]), labels[tr], labels[test], images[test]


class DigitSplits(NamedTuple):
    """Fit / validation / test rows of the digits, standardised with the fit rows' statistics."""

    X_fit: np.ndarray
    X_validation: np.ndarray
    X_test: np.ndarray
    y_fit: np.ndarray
    y_validation: np.ndarray
    y_test: np.ndarray
    images_test: np.ndarray
    #: the raw 8x8 validation images, for pictures of the validation rows
    images_validation: np.ndarray | None = None


def split_digits(
    validation_fraction: float = 0.2, test_fraction: float = 0.25, seed: int = 0
) -> DigitSplits:
    """The digits in three parts: fit the model, choose settings on validation, test once.

    The test rows are the same as :func:`prepare_digits`'s with the same ``seed``;
    ``validation_fraction`` of the remaining rows become the validation split.

    >>> d = split_digits()
    >>> len(d.X_fit), len(d.X_validation), len(d.X_test)
    (1078, 270, 449)
    """
    check_open_unit_interval(validation_fraction, "validation_fraction")
    X, labels, images, order, n_test = _digit_rows(test_fraction, seed)
    test, rest = order[:n_test], order[n_test:]
    n_validation = round(len(rest) * validation_fraction)
    validation, fit = rest[:n_validation], rest[n_validation:]
    scale = _standardiser(X[fit])
    return DigitSplits(
        scale(X[fit]),
        scale(X[validation]),
        scale(X[test]),
        labels[fit],
        labels[validation],
        labels[test],
        images[test],
        images[validation],
    )
