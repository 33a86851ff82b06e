"""Prefix codes: Huffman's optimal code, encoding, decoding, average length.

A prefix code gives each symbol a bit string such that no codeword starts
another, so a stream of bits decodes without separators. Shannon's
source-coding theorem says the best such code for a distribution ``p`` has an
average length ``L`` with ``H(p) <= L < H(p) + 1`` bits per symbol; Huffman's
algorithm finds it. That is what makes entropy a *measurable* quantity.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

from helpers._validation import check_weights, check_whole_numbers, sum_tolerance

__all__ = [
    "huffman_code",
    "encode",
    "decode",
    "average_code_length",
    "shannon_code_lengths",
    "kraft_sum",
]


def _check_weights(frequencies: Mapping) -> dict:
    weights = check_weights(
        frequencies, "frequencies", hint="; for letters: dict(zip(helpers.ALPHABET, probabilities))"
    )
    if sum(weights.values()) == 0:
        raise ValueError("frequencies are all zero; at least one symbol needs a positive weight")
    return weights


def huffman_code(frequencies: Mapping[Hashable, float]) -> dict[Hashable, str]:
    """Build an optimal prefix code with Huffman's algorithm.

    Repeatedly merge the two least frequent subtrees; the path from the root
    (``0`` = left, ``1`` = right) is each symbol's codeword, so frequent
    symbols get short words. Ties are broken by the order in which subtrees
    were created (symbols first, in sorted order), so the code is the same
    on every run.

    Parameters
    ----------
    frequencies : mapping symbol -> weight
        Counts or probabilities (they need not sum to 1; only ratios matter).
        Symbols with weight 0 get **no** codeword: they are never expected.

    Returns
    -------
    dict symbol -> str of "0"/"1"

    Examples
    --------
    >>> huffman_code({"a": 0.5, "b": 0.25, "c": 0.25})
    {'a': '0', 'b': '10', 'c': '11'}
    """
    weights = {s: w for s, w in _check_weights(frequencies).items() if w > 0}
    symbols = sorted(weights, key=repr)
    if len(symbols) == 1:
        return {symbols[0]: "0"}  # one symbol still needs one bit to be written down
    order = itertools.count()
    # heap entries: (weight, creation order, {symbol: codeword so far})
    heap = [(weights[s], next(order), {s: ""}) for s in symbols]
    heapq.heapify(heap)
    while len(heap) > 1:
        w0, _, left = heapq.heappop(heap)
        w1, _, right = heapq.heappop(heap)
        merged = {s: "0" + c for s, c in left.items()}
        merged.update({s: "1" + c for s, c in right.items()})
        heapq.heappush(heap, (w0 + w1, next(order), merged))
    code = heap[0][2]
    return {s: code[s] for s in symbols}


def encode(message: Iterable[Hashable], code: Mapping[Hashable, str]) -> str:
    """Concatenate the codewords of the symbols of ``message``.

    >>> encode("abca", {"a": "0", "b": "10", "c": "11"})
    '010110'
    """
    try:
        return "".join(code[s] for s in message)
    except KeyError as exc:
        raise ValueError(
            f"symbol {exc.args[0]!r} has no codeword in this code; build the code from "
            "frequencies that give it a positive weight (a code cannot write what it never expects)"
        ) from None


def decode(bits: str, code: Mapping[Hashable, str]):
    """Invert :func:`encode`: read bits until they spell a codeword, emit its symbol.

    Returns a ``str`` when every symbol is a one-character string, else a list.

    >>> decode("010110", {"a": "0", "b": "10", "c": "11"})
    'abca'
    """
    lookup = {c: s for s, c in code.items()}
    if len(lookup) != len(code):
        raise ValueError("code has two symbols with the same codeword; it cannot be decoded")
    out, word = [], ""
    for bit in bits:
        if bit not in "01":
            raise ValueError(f"bits must contain only '0' and '1', found {bit!r}")
        word += bit
        if word in lookup:
            out.append(lookup[word])
            word = ""
    if word:
        raise ValueError(f"bits end in the middle of a codeword ({word!r} left over)")
    if all(isinstance(s, str) and len(s) == 1 for s in code):
        return "".join(out)
    return out


def average_code_length(code: Mapping[Hashable, str], p: Mapping[Hashable, float]) -> float:
    r"""Expected codeword length in bits when symbols occur with probabilities ``p``.

    .. math:: L = \sum_s p(s)\, \ell(s)

    ``inf`` if a symbol with ``p(s) > 0`` has no codeword (it cannot be sent),
    just as cross-entropy is ``inf`` when ``q(s) = 0`` where ``p(s) > 0``.

    >>> average_code_length({"a": "0", "b": "10", "c": "11"}, {"a": 0.5, "b": 0.25, "c": 0.25})
    1.5
    """
    weights = _check_weights(p)
    total = sum(weights.values())
    if abs(total - 1) > sum_tolerance(float):
        raise ValueError(f"p must sum to 1, but sums to {total:.6g}; normalise the weights first")
    length = 0.0
    for s, w in weights.items():
        if w == 0:
            continue
        if s not in code:
            return math.inf
        length += w * len(code[s])
    return float(np.float64(length))


def shannon_code_lengths(p: Mapping[Hashable, float]) -> dict[Hashable, int]:
    """Shannon's codeword lengths: each symbol's surprise rounded *up*, ``ceil(-log2 p)`` bits.

    Their Kraft sum is at most 1, so a prefix code with these lengths exists; and
    each length is below the surprise + 1, so its average is below ``H + 1``: that is
    the proof of the upper half of ``H <= L < H + 1`` (Huffman can only do better).

    >>> shannon_code_lengths({"a": 0.5, "b": 0.3, "c": 0.2})
    {'a': 1, 'b': 2, 'c': 3}
    """
    weights = _check_weights(p)
    total = sum(weights.values())
    if abs(total - 1) > sum_tolerance(float):
        raise ValueError(f"p must sum to 1, but sums to {total:.6g}; normalise the weights first")
    # The tiny tolerance keeps exact powers of 1/2 (surprise 3.0000000000000004) at 3 bits.
    return {s: math.ceil(-math.log2(w) - 1e-12) for s, w in weights.items() if w > 0}


def kraft_sum(lengths) -> float:
    """``sum(2 ** -l)`` over codeword lengths: at most 1 for every prefix code (Kraft's inequality).

    >>> kraft_sum([1, 2, 3, 3])  # the code 0, 10, 110, 111 uses the whole budget
    1.0
    """
    values = list(lengths.values()) if isinstance(lengths, Mapping) else list(lengths)
    values = check_whole_numbers(values, "lengths (bits per codeword)")
    return math.fsum(2.0**-v for v in values)
