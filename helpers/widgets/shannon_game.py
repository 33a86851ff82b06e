"""Play Shannon's guessing game in a notebook: type guesses, watch your own bounds on English."""

from __future__ import annotations

import html

import numpy as np

from helpers.shannon_game import shannon_bounds
from helpers.text import SYMBOLS

__all__ = ["ShannonGame"]

CONTEXT_SHOWN = 40  # symbols of text shown before each passage


class ShannonGame:
    """Guess the next symbol of hidden passages, with the keyboard alone.

    Type a letter or a space in the box: a wrong guess is listed, a right one reveals
    the symbol and records how many tries it took. *Reveal* gives up on the current
    symbol and counts it as ``n_symbols`` (27) tries. After each solved symbol your
    bounds (:func:`helpers.shannon_bounds`) are shown beside the ``reference`` rows
    (the models' bounds, Shannon's range).

    Parameters
    ----------
    text : str
        The whole text, ``letters_and_spaces``.
    passages : sequence of (start, length)
        The hidden passages, in the order they are played.
    reference : dict name -> (lower, upper)
        Rows shown beside yours, in bits per symbol.
    """

    def __init__(self, text: str, passages, reference: dict | None = None):
        import ipywidgets as widgets

        self.text, self.passages = text, [(int(s), int(n)) for s, n in passages]
        if not self.passages:
            raise ValueError("passages is empty: give at least one (start, length)")
        for start, length in self.passages:
            if start < 0 or length < 1 or start + length > len(text):
                raise ValueError(f"passage ({start}, {length}) does not lie inside the text")
        self.reference = dict(reference or {})
        self.passage, self.position = 0, 0
        self.wrong: list[str] = []
        self.guesses: list[int] = []
        self.shown = widgets.HTML()
        self.box = widgets.Text(placeholder="type a letter or a space", description="your guess")
        self.reveal_button = widgets.Button(description="reveal (counts 27)")
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.box.observe(self._typed, names="value")
        self.reveal_button.on_click(lambda _button: self.reveal())
        self.widget = widgets.VBox(
            [self.shown, widgets.HBox([self.box, self.reveal_button]), self.status, self.table]
        )
        self._refresh("Type your first guess.")

    @property
    def done(self) -> bool:
        """Whether every passage has been played."""
        return self.passage >= len(self.passages)

    def _truth(self) -> str:
        start, _ = self.passages[self.passage]
        return self.text[start + self.position]

    def _typed(self, change) -> None:
        typed = change["new"]
        if not typed:
            return
        self.box.value = ""  # one keystroke, one guess; the box is ready for the next
        for ch in typed.lower():
            self.guess(ch)

    def guess(self, ch: str) -> None:
        """One guess at the current symbol."""
        if self.done:
            return self._refresh("All passages are played: your bounds are final.")
        if ch not in SYMBOLS:
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
            self._solved(len(SYMBOLS), revealed=True)

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

    def bounds(self) -> tuple[float, float] | None:
        """Your (lower, upper) bounds in bits per symbol so far, or ``None`` before the first."""
        return shannon_bounds(self.guesses, len(SYMBOLS)) if self.guesses else None

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
            f"(mean {mean:.2f} per symbol)."
        )
        rows = dict(self.reference)
        yours = self.bounds()
        rows = {"you": yours, **rows} if yours else rows
        cells = "".join(
            f"<tr><td>{html.escape(name)}</td><td>{lo:.2f}</td><td>{hi:.2f}</td></tr>"
            for name, (lo, hi) in rows.items()
        )
        self.table.value = (
            "<table><tr><th>player</th><th>lower bound</th><th>upper bound</th></tr>"
            f"{cells}</table><small>bits per symbol (27 symbols: a-z and space)</small>"
        )

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def _show(ch: str) -> str:
    return "space" if ch == " " else repr(ch)
