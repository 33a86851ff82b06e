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
from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

from helpers._validation import check_weights, check_whole_numbers, sum_tolerance

__all__ = [
    "huffman_code",
    "encode",
    "decode",
    "average_code_length",
    "shannon_code_lengths",
    "shannon_code",
    "prefix_code_from_lengths",
    "kraft_sum",
    "code_redundancy",
    "two_readings",
    "block_code_table",
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
        With a single possible symbol the codeword is empty: a certain symbol
        carries no information (``H = 0``), so the code spends ``L = 0`` bits;
        the decoder is told how many symbols there are (``decode(..., length=)``).

    Examples
    --------
    >>> huffman_code({"a": 0.5, "b": 0.25, "c": 0.25})
    {'a': '0', 'b': '10', 'c': '11'}
    >>> huffman_code({"a": 1.0})  # certain: no bits needed
    {'a': ''}
    """
    weights = {s: w for s, w in _check_weights(frequencies).items() if w > 0}
    symbols = sorted(weights, key=repr)
    if len(symbols) == 1:
        return {symbols[0]: ""}
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


def decode(bits: str, code: Mapping[Hashable, str], length: int | None = None):
    """Invert :func:`encode`: read bits until they spell a codeword, emit its symbol.

    Returns a ``str`` when every symbol is a one-character string, else a list.
    ``length`` (how many symbols) is needed only for the one-symbol code, whose
    codeword is empty.

    >>> decode("010110", {"a": "0", "b": "10", "c": "11"})
    'abca'
    >>> decode("", {"a": ""}, length=3)
    'aaa'
    """
    lookup = {c: s for s, c in code.items()}
    if len(lookup) != len(code):
        raise ValueError("code has two symbols with the same codeword; it cannot be decoded")
    if "" in lookup:
        if len(code) > 1:
            raise ValueError("code has an empty codeword beside others; it cannot be decoded")
        if length is None:
            raise ValueError(
                "this one-symbol code spends no bits, so decode needs length= (how many symbols)"
            )
        if bits:
            raise ValueError(f"a one-symbol code writes no bits, but got {bits[:20]!r}")
        (symbol,) = code
        out = [symbol] * length
        return "".join(out) if isinstance(symbol, str) and len(symbol) == 1 else out
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
    # The tiny tolerance keeps exact powers of 1/2 (surprise 3.0000000000000004) at 3 bits,
    # and a certain symbol (p = 1) at 0 bits: it needs none.
    return {s: max(0, math.ceil(-math.log2(w) - 1e-12)) for s, w in weights.items() if w > 0}


def prefix_code_from_lengths(lengths: Mapping[Hashable, int]) -> dict[Hashable, str]:
    """Codewords with the given lengths, if Kraft's sum allows them (a canonical prefix code).

    Shorter lengths first, each codeword the next free binary number of its
    length: the constructive half of Kraft's inequality.

    >>> prefix_code_from_lengths({"a": 1, "b": 2, "c": 3})
    {'a': '0', 'b': '10', 'c': '110'}
    """
    if not isinstance(lengths, Mapping) or not lengths:
        raise ValueError(f"lengths must be a non-empty mapping symbol -> bits, got {lengths!r}")
    total = kraft_sum(lengths)
    if total > 1 + 1e-12:
        raise ValueError(
            f"these lengths have Kraft sum {total:.6g} > 1: no prefix code has them (Kraft's inequality)"
        )
    code, value, previous = {}, 0, 0
    for symbol in sorted(lengths, key=lambda s: (lengths[s], repr(s))):
        value <<= lengths[symbol] - previous
        previous = lengths[symbol]
        code[symbol] = format(value, f"0{previous}b") if previous else ""
        value += 1
    return code


def shannon_code(p: Mapping[Hashable, float]) -> dict[Hashable, str]:
    """A prefix code with Shannon's lengths ``ceil(-log2 p)``: :func:`shannon_code_lengths` made into codewords.

    >>> shannon_code({"a": 0.5, "b": 0.3, "c": 0.2})
    {'a': '0', 'b': '10', 'c': '110'}
    """
    return prefix_code_from_lengths(shannon_code_lengths(p))


def code_redundancy(
    p: Mapping[Hashable, float], lengths: Mapping[Hashable, int]
) -> tuple[float, float]:
    r"""The two parts of a code's excess length ``L - H``, in bits per symbol.

    With ``Z = sum 2**-l`` (the Kraft sum) and ``q = 2**-l / Z`` the distribution the
    code is built for,

    .. math:: L - H = \mathrm{KL}(p \,\|\, q) + \log_2 \frac{1}{Z}

    Both parts are >= 0 (Gibbs' inequality, and Kraft's ``Z <= 1``), which proves
    ``L >= H`` for every prefix (and, by McMillan, every uniquely decodable) code.

    Returns
    -------
    (kl_bits, kraft_slack_bits) : tuple of float

    Examples
    --------
    >>> code_redundancy({"a": 0.5, "b": 0.25, "c": 0.25}, {"a": 1, "b": 2, "c": 2})
    (0.0, 0.0)
    >>> code_redundancy({"a": 0.5, "b": 0.5}, {"a": 2, "b": 2})  # half the budget unused: 1 bit
    (0.0, 1.0)
    """
    weights = _check_weights(p)
    total = sum(weights.values())
    if abs(total - 1) > 1e-8:
        raise ValueError(f"p must sum to 1, but sums to {total:.6g}; normalise the weights first")
    missing = [s for s, w in weights.items() if w > 0 and s not in lengths]
    if missing:
        raise ValueError(
            f"lengths has no entry for {missing[:3]}: every symbol with p > 0 needs a codeword"
        )
    z = kraft_sum(lengths)
    kl = math.fsum(
        w * (math.log2(w) + lengths[s] + math.log2(z)) for s, w in weights.items() if w > 0
    )
    return max(kl, 0.0) if kl > -1e-12 else kl, -math.log2(z) + 0.0


def two_readings(code: Mapping[Hashable, str], max_bits: int = 24):
    """A bit string with two different readings under ``code``, or ``None`` if none is found.

    ``None`` means uniquely decodable up to ``max_bits`` bits (a prefix code always is).
    Returns ``(bits, first_reading, second_reading)``, readings as lists of symbols.

    >>> two_readings({"a": "0", "b": "01", "c": "10"})
    ('010', ['b', 'a'], ['a', 'c'])
    >>> two_readings({"a": "0", "b": "10", "c": "11"}) is None
    True
    """
    words = {w: s for s, w in code.items()}
    if len(words) != len(code):
        (w, _), *_ = [(w, s) for s, w in code.items() if list(code.values()).count(w) > 1]
        same = [s for s, x in code.items() if x == w]
        return w, [same[0]], [same[1]]
    # Breadth-first over "dangling suffixes" (Sardinas-Patterson): a string that one
    # reading has finished and the other has not, with both readings so far.

    queue = deque()
    for w1, s1 in words.items():
        for w2, s2 in words.items():
            if w1 != w2 and w2.startswith(w1):
                queue.append((w2[len(w1) :], [s1], [s2], w2))
    seen = set()
    while queue:
        rest, short, long_, bits = queue.popleft()
        if rest in seen or len(bits) > max_bits:
            continue  # Sardinas-Patterson: a suffix seen before brings nothing new
        seen.add(rest)
        for w, s in words.items():
            if w == rest:
                return bits, short + [s], long_
            if w.startswith(rest):  # the short reading overtakes
                queue.append((w[len(rest) :], long_, short + [s], bits + w[len(rest) :]))
            elif rest.startswith(w):
                queue.append((rest[len(w) :], short + [s], long_, bits))
    return None


def block_code_table(letters: str, p: Mapping[str, float], sizes=(1, 2, 3)) -> list[dict]:
    """Huffman codes on blocks of ``n`` letters, under the independence model and from real blocks.

    For each ``n`` in ``sizes``: ``independent_expected`` is the expected ``L_n / n`` of
    Huffman's code for the product distribution ``p(a) p(b) ...``; ``independent_counted``
    that code's bits per letter on ``letters`` (cut into blocks); ``real_entropy`` the
    entropy per letter of the real blocks of ``letters``, ``H(X_1 .. X_n) / n``; and
    ``real_counted`` the bits per letter of Huffman's code built from those same blocks,
    on them (in-sample). All in bits per letter.
    """
    rows = []
    for n in sizes:
        blocks = ["".join(t) for t in itertools.product(sorted(p), repeat=n)]
        product = {b: math.prod(p[c] for c in b) for b in blocks}
        product = {b: q for b, q in product.items() if q > 0}  # a block that cannot occur
        independent = huffman_code(product)
        expected = math.fsum(q * len(independent[b]) for b, q in product.items()) / n
        real_blocks = [letters[i : i + n] for i in range(0, len(letters) // n * n, n)]
        counts = Counter(real_blocks)
        total = len(real_blocks)
        real_p = {b: c / total for b, c in counts.items()}
        real_code = huffman_code(real_p)
        rows.append(
            {
                "n": n,
                "independent_expected": expected,
                "independent_counted": sum(len(independent[b]) * c for b, c in counts.items())
                / (total * n),
                "real_entropy": -math.fsum(q * math.log2(q) for q in real_p.values()) / n,
                "real_counted": sum(len(real_code[b]) * c for b, c in counts.items()) / (total * n),
            }
        )
    return rows


def kraft_sum(lengths) -> float:
    """``sum(2 ** -l)`` over codeword lengths: at most 1 for every prefix code (Kraft's inequality).

    >>> kraft_sum([1, 2, 3, 3])  # the code 0, 10, 110, 111 uses the whole budget
    1.0
    """
    values = list(lengths.values()) if isinstance(lengths, Mapping) else list(lengths)
    values = check_whole_numbers(values, "lengths (bits per codeword)")
    return math.fsum(2.0**-v for v in values)
