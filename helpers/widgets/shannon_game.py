"""Play Shannon's guessing game in a notebook: type guesses, watch your own bounds on English."""

from __future__ import annotations

import html

import numpy as np

from helpers.shannon_game import Bounds
from helpers.text import TEXT_ALPHABET

__all__ = ["ShannonGame"]

CONTEXT_SHOWN = 40  # symbols of text shown before each passage
MEANINGFUL = 100  # below this many symbols, the player's own row is greyed: not yet meaningful
BLOCK = 10  # symbols resampled together: successive guesses depend on each other (notebook 02b)
RESAMPLES = 500  # bootstrap resamples per update: enough for a 95% interval to 2 decimals, fast


class ShannonGame:
    """Guess the next symbol of hidden passages, with the keyboard alone.

    Type letters or spaces in the box: each keystroke is one guess. A wrong guess
    is listed, a right one reveals the symbol and records how many tries it took.
    *Reveal* gives up on the current symbol and counts it as ``n_symbols`` (27)
    tries; *Restart* starts again. After each solved symbol your bounds
    (:meth:`helpers.Bounds.of`: ``n``, each bound and its 95% interval) are
    shown beside the ``reference`` rows, greyed until you have played
    ``MEANINGFUL`` symbols, and a histogram of your guess numbers below.

    The kernel never writes into the box while you type (it only reads what was
    added since the last change), so fast typing neither drops nor doubles a guess.

    Parameters
    ----------
    text : str
        The whole text, ``letters_and_spaces``.
    passages : sequence of (start, length)
        The hidden passages, in the order they are played.
    reference : dict name -> Bounds or (lower, upper)
        Rows shown beside yours, in bits per symbol.
    rng : numpy.random.Generator, optional
        For your bootstrap intervals (a fixed seed if not given).
    """

    def __init__(self, text: str, passages, reference: dict | None = None, rng=None):
        import ipywidgets as widgets

        self.text, self.passages = text, [(int(s), int(n)) for s, n in passages]
        if not self.passages:
            raise ValueError("passages is empty: give at least one (start, length)")
        for start, length in self.passages:
            if start < 0 or length < 1 or start + length > len(text):
                raise ValueError(f"passage ({start}, {length}) does not lie inside the text")
        self.reference = dict(reference or {})
        self.rng = rng if rng is not None else np.random.default_rng(0)
        self.shown = widgets.HTML()
        self.box = widgets.Text(
            placeholder="type here: each letter or space is one guess", description="your guesses"
        )
        self.reveal_button = widgets.Button(description="reveal (counts 27)")
        self.restart_button = widgets.Button(description="restart")
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.histogram = widgets.HTML()
        self.box.observe(self._typed, names="value")
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.restart_button.on_click(lambda _button: self.restart())
        self.widget = widgets.VBox(
            [
                self.shown,
                widgets.HBox([self.box, self.reveal_button, self.restart_button]),
                self.status,
                self.table,
                self.histogram,
            ]
        )
        self._start()

    def _start(self) -> None:
        self.passage, self.position = 0, 0
        self.wrong: list[str] = []
        self.guesses: list[int] = []
        self.keystrokes = 0  # every guess typed, right or wrong: what the tests count
        self._consumed = self.box.value
        self._refresh("Type your first guess.")

    def restart(self) -> None:
        """Forget every guess and start again at the first passage."""
        self._start()

    @property
    def done(self) -> bool:
        """Whether every passage has been played."""
        return self.passage >= len(self.passages)

    def _truth(self) -> str:
        start, _ = self.passages[self.passage]
        return self.text[start + self.position]

    def _typed(self, change) -> None:
        new = change["new"]
        if new.startswith(self._consumed):
            added = new[len(self._consumed) :]
        else:  # the learner edited or cleared the box: nothing new to guess
            added = ""
        self._consumed = new
        for ch in added.lower():
            self.guess(ch)

    def guess(self, ch: str) -> None:
        """One guess at the current symbol."""
        self.keystrokes += 1
        if self.done:
            return self._refresh("All passages are played: your bounds are final.")
        if ch not in TEXT_ALPHABET:
            return self._refresh(f"{ch!r} is not one of the 27 symbols: type a-z or a space.")
        if ch in self.wrong:
            return self._refresh(f"{_show(ch)} was already wrong for this symbol: try another.")
        if ch != self._truth():
            self.wrong.append(ch)
            return self._refresh(f"{_show(ch)} is not it.")
        self._solved(len(self.wrong) + 1)

    def reveal(self) -> None:
        """Give up on the current symbol: it counts as 27 tries."""
        if not self.done:
            self._solved(len(TEXT_ALPHABET), revealed=True)

    def _solved(self, tries: int, revealed: bool = False) -> None:
        symbol = self._truth()
        self.guesses.append(tries)
        self.wrong = []
        self.position += 1
        if self.position == self.passages[self.passage][1]:
            self.passage, self.position = self.passage + 1, 0
        how = (
            "revealed (27 tries)"
            if revealed
            else f"right after {tries} {'try' if tries == 1 else 'tries'}"
        )
        self._refresh(f"{_show(symbol)}: {how}.")

    def bounds(self) -> Bounds | None:
        """Your bounds so far with their intervals, or ``None`` before the first symbol."""
        if not self.guesses:
            return None
        played = [length for _, length in self.passages[: self.passage]]
        if self.position:  # the passage being played, so far
            played.append(self.position)
        played = played if sum(played) == len(self.guesses) else None  # (a restart mid-way)
        return Bounds.of(
            self.guesses,
            self.rng,
            n_resamples=RESAMPLES,
            block=min(BLOCK, len(self.guesses)),
            segments=played,  # no run crosses from one passage to the next
            bias_corrected=True,
            n_symbols=len(TEXT_ALPHABET),
        )

    def _refresh(self, message: str) -> None:
        if self.done:
            self.shown.value = "<i>All passages played.</i>"
        else:
            start, length = self.passages[self.passage]
            before = html.escape(self.text[max(0, start - CONTEXT_SHOWN) : start])
            solved = html.escape(self.text[start : start + self.position])
            self.shown.value = (
                f"<tt style='white-space: pre-wrap'><span style='color: grey'>…{before}</span>"
                f"<b>{solved}</b>▮</tt> &nbsp; (passage {self.passage + 1} of {len(self.passages)}, "
                f"symbol {self.position + 1} of {length})"
            )
        tried = ", ".join(_show(ch) for ch in self.wrong) or "none yet"
        mean = np.mean(self.guesses) if self.guesses else float("nan")
        self.status.value = (
            f"{html.escape(message)} &nbsp; Wrong so far for this symbol: {tried}. &nbsp; "
            f"Solved: {len(self.guesses)} symbols, {sum(self.guesses)} tries "
            f"(mean {mean:.2f} per symbol); guesses typed: {self.keystrokes}."
        )
        rows = ""
        yours = self.bounds()
        if yours is not None:
            early = yours.n < MEANINGFUL
            style = " style='color: #999999'" if early else ""
            note = f" (not yet meaningful: fewer than {MEANINGFUL} symbols)" if early else ""
            rows += _row(f"you{note}", yours, style)
        for name, value in self.reference.items():
            rows += _row(name, value, "")
        self.table.value = (
            "<table><tr><th>player</th><th>n</th><th>lower bound [95%]</th>"
            f"<th>upper bound [95%]</th></tr>{rows}</table>"
            "<small>bits per symbol (27 symbols: a-z and space); intervals: bias-corrected bootstrap over runs of 10 symbols within each passage</small>"
        )
        self.histogram.value = _histogram(self.guesses)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _row(name: str, value, style: str) -> str:
    if isinstance(value, Bounds):
        n = str(value.n)
        lo = f"{value.lower:.2f} [{value.lower_interval[0]:.2f}, {value.lower_interval[1]:.2f}]"
        hi = f"{value.upper:.2f} [{value.upper_interval[0]:.2f}, {value.upper_interval[1]:.2f}]"
    else:
        n, (lo, hi) = "", (f"{value[0]:.2f}", f"{value[1]:.2f}")
    return f"<tr{style}><td>{html.escape(name)}</td><td>{n}</td><td>{lo}</td><td>{hi}</td></tr>"


def _histogram(guesses: list[int]) -> str:
    """Your guess numbers as horizontal bars: what the bounds are computed from."""
    if not guesses:
        return "<small>Your guess numbers will appear here as a histogram.</small>"
    counts = np.bincount(np.minimum(guesses, 11), minlength=12)[1:]
    top = counts.max()
    bars = "".join(
        f"<tr><td>{label}</td><td><div style='background: #0072B2; height: 0.8em; "
        f"width: {120 * c / top:.0f}px'></div></td><td>{c}</td></tr>"
        for label, c in zip([str(i) for i in range(1, 11)] + ["11+"], counts, strict=True)
    )
    return f"<table><tr><th>guess number</th><th colspan='2'>symbols</th></tr>{bars}</table>"


def _show(ch: str) -> str:
    return "space" if ch == " " else repr(ch)
