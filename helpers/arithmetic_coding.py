"""Arithmetic coding: the code whose length *is* the surprise.

Huffman gives every symbol a whole number of bits, so its average length sits up
to 1 bit above the entropy. An arithmetic coder gives the *message* one codeword:
it narrows an interval of [0, 1) by each symbol's probability in turn, and a
message of probability P ends in an interval of width P, which about
``-log2 P = sum of the surprises`` bits pick out. So a message costs its total
surprise under the model, plus at most 2 bits for the whole message.

This one works in exact integer arithmetic (a range coder in the style of Witten,
Neal and Cleary, 1987), so decoding always gives the message back.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple

from helpers._validation import check_count, check_weights, sum_tolerance
from helpers.text import symbol_index

__all__ = [
    "arithmetic_encode",
    "arithmetic_decode",
    "quantised_cost_bits",
    "arithmetic_intervals",
    "Interval",
    "ngram_coding_model",
]

#: Probabilities are quantised to integer frequencies summing to about 2**24. The
#: extra cost of a symbol of probability q is then about 0.7 / (q * 2**24) bits:
#: for q >= 1e-4 at most 4.3e-4 bits on its 13.3 bits of surprise (0.003%).
FREQUENCY_TOTAL = 1 << 24
# The coder's interval lives on 2**PRECISION integers. With 48 bits, rounding the
# interval ends to integers costs at most 2**-21 of a symbol's width.
PRECISION = 48
_FULL = (1 << PRECISION) - 1
_HALF = 1 << (PRECISION - 1)
_QUARTER = 1 << (PRECISION - 2)

Model = Mapping[Hashable, float] | Callable[..., Mapping[Hashable, float]]


class _Table:
    """A distribution quantised to integer frequencies, with cumulative bounds."""

    def __init__(self, probabilities: Mapping[Hashable, float]):
        values = _fast_probabilities(probabilities)
        if values is None:  # not plain floats in [0, 1]: check_weights says what is wrong
            values = list(
                check_weights(
                    probabilities,
                    "model",
                    upper=1.0,
                    what="symbol -> probability (or a callable returning one from the previous symbol)",
                ).values()
            )
        total = math.fsum(values)
        if abs(total - 1) > sum_tolerance(float):
            raise ValueError(
                f"model probabilities must sum to 1, but sum to {total:.6g}; "
                "normalise them first: {s: p / total for s, p in model.items()}"
            )
        self.symbols: list[Hashable] = []
        self.bounds = [0]  # cumulative frequency before each symbol, then the total
        for symbol, p in probabilities.items():
            if p > 0:
                self.symbols.append(symbol)
                self.bounds.append(self.bounds[-1] + max(1, round(float(p) * FREQUENCY_TOTAL)))
        self.index = {s: i for i, s in enumerate(self.symbols)}
        self.total = self.bounds[-1]
        # symbol -> (low, high): the coder's inner loop looks a symbol up once, no method call
        self.spans = {s: (self.bounds[i], self.bounds[i + 1]) for i, s in enumerate(self.symbols)}

    def interval(self, symbol, position: int) -> tuple[int, int]:
        i = self.index.get(symbol)
        if i is None:
            raise ValueError(
                f"message[{position}] = {symbol!r} has probability 0 under the model (or is "
                "not in it): an impossible symbol has infinite surprise and no code; give "
                "every symbol that can occur a probability > 0 (e.g. add-alpha smoothing)"
            )
        return self.bounds[i], self.bounds[i + 1]


def _fast_probabilities(probabilities) -> list | None:
    """The values of a mapping of plain floats, all in [0, 1]; ``None`` for anything else.

    The coder builds one table per context (thousands for an order-3 model), so the common
    case, a model's own rows, is checked in one pass; anything unusual (ints, NumPy scalars,
    nan, a negative or an empty mapping) goes through ``check_weights`` for its message.
    """
    if not isinstance(probabilities, dict) or not probabilities:
        return None
    values = list(probabilities.values())
    if all(type(v) is float and 0.0 <= v <= 1.0 for v in values):
        return values
    return None


def _check_context(context) -> int:
    return check_count(context, "context (how many previous symbols the model sees)")


def _tables(model: Model):
    """Context -> _Table, cached: one table for a fixed model, one per context otherwise."""
    if isinstance(model, Mapping):
        table = _Table(model)
        return lambda previous: table
    if not callable(model):
        raise ValueError(
            f"model must be a mapping symbol -> probability or a callable previous -> mapping, "
            f"got {model!r}"
        )
    cache: dict = {}

    def table(previous):
        if previous not in cache:
            cache[previous] = _Table(model(previous))
        return cache[previous]

    table.cache = cache  # the coder's inner loop reads it directly: one dict lookup a symbol
    return table


def _history(message_so_far: list, context: int):
    """What the model is given: the previous symbol (context 1), or a tuple of up to ``context``."""
    if context == 1:
        return message_so_far[-1] if message_so_far else None
    return tuple(message_so_far[len(message_so_far) - context :]) if context else ()


def arithmetic_encode(message: Iterable[Hashable], model: Model, context: int = 1) -> str:
    """Encode ``message`` as a string of ``"0"``/``"1"`` with an arithmetic code.

    Parameters
    ----------
    message : iterable of symbols
    model : mapping symbol -> probability, or callable
        A fixed model ``q(x)``, or a context model: ``model(previous)`` returns the
        distribution of the next symbol given the one before (``None`` before the
        first), e.g. a bigram's row.
    context : int, default 1
        How many previous symbols a callable model is given: with 1, the previous
        symbol; with ``k > 1`` (or 0), a tuple of the last ``k`` symbols (shorter at
        the start of the message).

    Returns
    -------
    str
        Its length is at most ``sum(-log2 q(x_i)) + 2`` bits plus the quantisation
        cost (``quantised_cost_bits(message, model) - sum(-log2 q(x_i))``, under
        0.1% of the surprise when every ``q(x_i) >= 1e-4``): the message's total
        surprise in bits, to within 2 bits for the whole message.

    Raises
    ------
    ValueError
        A symbol the model gives probability 0, or a model whose probabilities do
        not sum to 1.

    Examples
    --------
    Two fair coin flips cost 2 bits of surprise; the code spends at most 2 more:

    >>> bits = arithmetic_encode("HT", {"H": 0.5, "T": 0.5})
    >>> len(bits) <= 2 + 2, arithmetic_decode(bits, {"H": 0.5, "T": 0.5}, 2)
    (True, ['H', 'T'])
    """
    context = _check_context(context)
    table_for = _tables(model)
    fixed = isinstance(model, Mapping)
    low, high, pending = 0, _FULL, 0
    out: list[str] = []
    history: tuple | Hashable = None if context == 1 else ()
    table = table_for(history)
    cache = {} if fixed else table_for.cache
    for position, symbol in enumerate(message):
        if not fixed:
            table = cache.get(history) or table_for(history)
        span = table.spans.get(symbol)
        if span is None:
            table.interval(symbol, position)  # raises, naming the impossible symbol
        lo, hi = span
        width = high - low + 1
        total = table.total
        high = low + width * hi // total - 1
        low = low + width * lo // total
        while True:  # emit the bits the interval has settled; widen it again
            if high < _HALF:
                out.append("0" + "1" * pending)
                pending = 0
            elif low >= _HALF:
                out.append("1" + "0" * pending)
                pending = 0
                low -= _HALF
                high -= _HALF
            elif low >= _QUARTER and high < _HALF + _QUARTER:
                pending += 1  # straddling the middle: the next bit decides, remember it
                low -= _QUARTER
                high -= _QUARTER
            else:
                break
            low, high = 2 * low, 2 * high + 1
        if context == 1:
            history = symbol
        elif context:
            history = (*history, symbol)[-context:]
    # Two more bits name a point that lies inside the final interval.
    pending += 1
    out.append("0" + "1" * pending if low < _QUARTER else "1" + "0" * pending)
    return "".join(out)


def arithmetic_decode(bits: str, model: Model, length: int, context: int = 1) -> list:
    """Decode ``length`` symbols from the bits of :func:`arithmetic_encode` with the same model and ``context``."""
    if not isinstance(bits, str) or set(bits) - {"0", "1"}:
        raise ValueError(f"bits must be a string of '0' and '1', got {str(bits)[:40]!r}")
    length = check_count(length, "length")
    context = _check_context(context)
    table_for = _tables(model)
    stream = iter(bits)
    value = 0
    for _ in range(PRECISION):
        value = 2 * value + (next(stream, "0") == "1")
    low, high = 0, _FULL
    out: list = []
    for _ in range(length):
        table = table_for(_history(out, context))
        width = high - low + 1
        target = ((value - low + 1) * table.total - 1) // width
        i = bisect.bisect_right(table.bounds, target) - 1
        symbol = table.symbols[i]
        high = low + width * table.bounds[i + 1] // table.total - 1
        low = low + width * table.bounds[i] // table.total
        while True:
            if high < _HALF:
                pass
            elif low >= _HALF:
                low, high, value = low - _HALF, high - _HALF, value - _HALF
            elif low >= _QUARTER and high < _HALF + _QUARTER:
                low, high, value = low - _QUARTER, high - _QUARTER, value - _QUARTER
            else:
                break
            low, high = 2 * low, 2 * high + 1
            value = 2 * value + (next(stream, "0") == "1")
        out.append(symbol)
    return out


def quantised_cost_bits(message: Sequence[Hashable], model: Model, context: int = 1) -> float:
    """``sum(-log2 f(x_i) / F)``: the message's surprise under the *quantised* model, in bits.

    The arithmetic code's length is at most this plus 2 bits.
    """
    context = _check_context(context)
    table_for = _tables(model)
    total, seen = 0.0, []
    for position, symbol in enumerate(message):
        table = table_for(_history(seen, context))
        lo, hi = table.interval(symbol, position)
        total += math.log2(table.total / (hi - lo))
        seen.append(symbol)
    return total


def ngram_coding_model(model) -> Callable:
    """An n-gram model (:class:`helpers.NgramModel`) as a context model for the coder.

    Use it with ``context=model.order``: the coder passes the last ``order`` symbols
    and gets the model's next-symbol distribution as a mapping. The first ``order``
    symbols of a message, which have less context, are coded with the uniform
    distribution over the model's alphabet (the decoder does the same).

    Examples
    --------
    >>> from helpers.ngram import NgramModel
    >>> m = NgramModel(1, ["abab"], alpha=0.5, alphabet="ab")
    >>> bits = arithmetic_encode("abab", ngram_coding_model(m), context=1)
    >>> "".join(arithmetic_decode(bits, ngram_coding_model(m), 4, context=1))
    'abab'
    """
    order, alphabet = model.order, model.alphabet
    uniform = {s: 1 / len(alphabet) for s in alphabet}
    index = symbol_index(alphabet)
    table = model.probabilities()  # every context's row, once (nan if unseen, alpha = 0: refused)

    def distribution(history=None):
        context = (
            "" if history is None else history if isinstance(history, str) else "".join(history)
        )
        if len(context) < order:
            return uniform
        row = table[tuple(index[s] for s in context[len(context) - order :])] if order else table
        return dict(zip(alphabet, row.tolist(), strict=True))

    return distribution


class Interval(NamedTuple):
    """One step of arithmetic coding: the interval ``[low, high)`` after ``symbol``."""

    symbol: Hashable
    low: float
    high: float


def arithmetic_intervals(message: Sequence[Hashable], model: Mapping[Hashable, float]):
    """The nested intervals of arithmetic coding, in exact arithmetic, for a picture.

    Each symbol narrows ``[low, high)`` to its piece: pieces are laid out in the
    model's order, each as wide as the symbol's probability times the current
    width. Returns one :class:`Interval` per symbol and the codeword: the shortest
    ``b1 b2 ... bm`` whose dyadic interval ``[0.b1...bm, 0.b1...bm + 2**-m)`` lies inside
    the final interval (at most ``log2(1 / width) + 2`` bits).

    Returns
    -------
    steps : list of Interval
    codeword : str

    Examples
    --------
    >>> steps, word = arithmetic_intervals("ab", {"a": 0.5, "b": 0.5})
    >>> [(s.symbol, s.low, s.high) for s in steps], word
    ([('a', 0.0, 0.5), ('b', 0.25, 0.5)], '01')
    """
    if not isinstance(model, Mapping):
        raise ValueError(f"model must be a mapping symbol -> probability, got {model!r}")
    _Table(model)  # the same checks as the coder
    probabilities = {s: Fraction(float(p)) for s, p in model.items()}
    total = sum(probabilities.values())
    low, width = Fraction(0), Fraction(1)
    steps = []
    for position, symbol in enumerate(message):
        if probabilities.get(symbol, 0) == 0:
            raise ValueError(f"message[{position}] = {symbol!r} has probability 0 under the model")
        before = Fraction(0)
        for s, p in probabilities.items():
            if s == symbol:
                break
            before += p
        low, width = low + width * before / total, width * probabilities[symbol] / total
        steps.append(Interval(symbol, float(low), float(low + width)))
    m = 0
    while True:
        k = math.ceil(low * 2**m)
        if Fraction(k + 1, 2**m) <= low + width:
            return steps, (format(k, f"0{m}b") if m else "")
        m += 1
