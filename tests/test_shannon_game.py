"""Shannon's guessing game: the bounds from the mathematics, a model's guess numbers as
ranks, and the widget played by typing, as a learner would."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import helpers as h
from helpers.ngram import NgramModel
from helpers.shannon_game import guess_numbers
from helpers.text import TEXT_ALPHABET, letters_and_spaces
from helpers.widgets import shannon_game as shannon_game_widget
from helpers.widgets.shannon_game import ShannonGame


def test_all_first_guesses_give_zero_and_uniform_guesses_give_log2_27():
    assert h.shannon_bounds([1] * 50) == (0.0, 0.0)
    lower, upper = h.shannon_bounds(list(range(1, 28)) * 3)
    assert lower == pytest.approx(math.log2(27), rel=1e-12)
    assert upper == pytest.approx(math.log2(27), rel=1e-12)


def test_bounds_follow_the_formulas_with_frequencies_sorted_first():
    # tries 1 once, 2 twice: q = (1/3, 2/3), sorted (2/3, 1/3)
    lower, upper = h.shannon_bounds([1, 2, 2])
    assert upper == pytest.approx(-(2 / 3) * math.log2(2 / 3) - (1 / 3) * math.log2(1 / 3))
    assert lower == pytest.approx(1 * (2 / 3 - 1 / 3) * 0 + 2 * (1 / 3 - 0) * 1)


@given(st.lists(st.integers(1, 27), min_size=1, max_size=200))
def test_lower_never_exceeds_upper_and_both_stay_in_range(guesses):
    lower, upper = h.shannon_bounds(guesses)
    assert 0 <= lower <= upper + 1e-12 <= math.log2(27) + 1e-12


@pytest.mark.parametrize(
    ("guesses", "match"),
    [
        ([], r"empty"),
        ([0, 1], r"must lie in 1\.\.27.*got 0"),
        ([28], r"got 28"),
        ([1.5], r"whole numbers of tries"),
    ],
)
def test_bad_guess_numbers_are_refused(guesses, match):
    with pytest.raises(ValueError, match=match):
        h.shannon_bounds(np.array(guesses) if guesses else guesses)


def test_a_model_guesses_in_order_of_probability():
    model = NgramModel(0, ["aab"], alpha=0.0)  # a: 2/3, b: 1/3, the other 25 symbols: 0
    guesses, bits = guess_numbers(model, "ab ", 0, 3)
    # space ties with 24 letters at probability 0, and comes first in TEXT_ALPHABET: after a and b
    assert guesses.tolist() == [1, 2, 3]
    with np.errstate(divide="ignore"):
        assert bits == math.inf  # a symbol of probability 0 happened: infinite surprise
    order1 = NgramModel(1, ["abab"], alpha=0.0)  # a -> b twice, b -> a once
    guesses, bits = guess_numbers(order1, "abab", 1, 3)
    assert guesses.tolist() == [1, 1, 1] and bits == pytest.approx(0.0)


def test_model_guess_numbers_are_ranks_and_cross_entropy_its_surprise():
    text = letters_and_spaces(h.load_text())
    model = NgramModel(2, [text[:50_000]], alpha=0.5)
    start, length = 60_000, 80
    guesses, bits = guess_numbers(model, text, start, length)
    expected_bits = 0.0
    for t in range(length):
        q = model.next_distribution(text[start + t - 2 : start + t])
        order = sorted(range(27), key=lambda i: (-q[i], i))
        assert guesses[t] == order.index(TEXT_ALPHABET.index(text[start + t])) + 1
        expected_bits -= math.log2(q[TEXT_ALPHABET.index(text[start + t])])
    assert bits == pytest.approx(expected_bits / length, rel=1e-12)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: NgramModel(-1, ["ab"]), r"order must be a whole number >= 0"),
        (lambda: NgramModel(1, ["ab"], alpha=-1), r"alpha must be a finite number >= 0"),
        (lambda: NgramModel(1, ["a,b"]), r"outside the 27"),
        (lambda: NgramModel(3, ["ab"]), r"no n-gram of this order"),
        (
            lambda: guess_numbers(NgramModel(2, ["abcab"]), "abcab", 1, 2),
            r"start must be a whole number >= 2",
        ),
        (lambda: guess_numbers(NgramModel(0, ["ab"]), "ab", 1, 5), r"runs past the text"),
        (
            lambda: NgramModel(2, ["abcab"]).next_distribution("a"),
            r"shorter than the model's order",
        ),
    ],
)
def test_bad_model_arguments_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()


TEXT = "in the beginning god created the heaven and the earth "


def type_into(game: ShannonGame, keys: str) -> None:
    for key in keys:
        game.box.value += key  # what a keystroke in the box does: the browser appends it


def test_the_game_counts_tries_per_symbol_and_updates_the_bounds():
    game = ShannonGame(TEXT, [(3, 3)], reference={"order 0": (3.0, 4.0)})
    assert "Type your first guess" in game.status.value and game.bounds() is None
    type_into(game, "xat")  # x and a wrong, t right: 3 tries
    assert game.guesses == [3]
    type_into(game, "h")  # right at once
    type_into(game, "xx")  # the second x is not counted twice
    assert "already wrong" in game.status.value and game.wrong == ["x"]
    type_into(game, "7")
    assert "not one of the 27 symbols" in game.status.value and game.wrong == ["x"]
    game.reveal()  # gives up on "e": 27 tries
    assert game.guesses == [3, 1, 27] and game.done
    bounds = game.bounds()
    assert (bounds.lower, bounds.upper) == h.shannon_bounds([3, 1, 27]) and bounds.n == 3
    # fewer than 100 symbols: the learner's row is greyed and says why
    assert "not yet meaningful" in game.table.value and "color: #999999" in game.table.value
    assert "<td>order 0</td>" in game.table.value
    assert "guess number" in game.histogram.value
    type_into(game, "e")
    assert "All passages are played" in game.status.value and game.guesses == [3, 1, 27]
    game.restart()
    assert game.guesses == [] and not game.done and game.bounds() is None


def test_fast_typing_neither_drops_nor_doubles_a_guess():
    """The browser may send several keystrokes in one update, or an update the kernel has not
    answered yet; the game only reads what was added, and never writes into the box."""
    game = ShannonGame(TEXT, [(3, 6)])  # "the be"
    game.box.value = "xat"  # three keystrokes arrive in one message: 3 tries for "t"
    game.box.value = "xath"  # then one more: "h" right at once
    game.box.value = "xathqe"  # q wrong, e right
    assert game.guesses == [3, 1, 2] and game.keystrokes == 6
    game.box.value = ""  # the learner clears the box: no guess
    game.box.value = " "  # space right at once
    assert game.guesses == [3, 1, 2, 1] and game.keystrokes == 7


def test_bounds_of_cover_the_bounds_and_shrink_with_more_symbols():
    rng = np.random.default_rng(0)
    guesses = rng.geometric(0.4, size=2000).clip(1, 27)
    small = h.Bounds.of(guesses[:50], rng)
    large = h.Bounds.of(guesses, rng)
    blocked = h.Bounds.of(guesses, rng, block=10)  # independent guesses: blocks change little
    assert blocked.upper_interval == pytest.approx(large.upper_interval, abs=0.03)
    for b in (small, large):
        assert (b.lower, b.upper) == h.shannon_bounds(guesses[: b.n])
        assert b.lower_interval[0] <= b.lower <= b.lower_interval[1]
        assert b.upper_interval[0] <= b.upper <= b.upper_interval[1]
    width = lambda i: i[1] - i[0]  # noqa: E731
    assert width(large.upper_interval) < width(small.upper_interval) / 3  # ~ 1/sqrt(40)
    # the percentile interval, recomputed by resampling symbols one by one
    rng2 = np.random.default_rng(1)
    uppers = [h.shannon_bounds(rng2.choice(guesses, guesses.size))[1] for _ in range(300)]
    lo, hi = np.quantile(uppers, [0.025, 0.975])
    assert abs(lo - large.upper_interval[0]) < 0.02 and abs(hi - large.upper_interval[1]) < 0.02


def test_bounds_on_few_symbols_are_biased_low():
    """What notebook 02b shows: the plug-in bounds from 20 guesses average below those from many."""
    rng = np.random.default_rng(2)
    guesses = rng.geometric(0.35, size=20_000).clip(1, 27)
    many = h.shannon_bounds(guesses)
    few = np.mean([h.shannon_bounds(guesses[i : i + 20]) for i in range(0, 20_000, 20)], axis=0)
    assert few[1] < many[1] - 0.2 and few[0] < many[0]


def test_a_fixed_strategy_played_by_typing_matches_the_order_0_model(monkeypatch):
    """Typing symbols in order of their frequency is exactly what the order-0 model does.

    (The display's bootstrap intervals, redrawn after each of some 700 keystrokes, are not
    what this test checks: 20 resamples instead of 500 took it from 67 s to 3.4 s here, under load.)"""
    monkeypatch.setattr(shannon_game_widget, "RESAMPLES", 20)
    text = letters_and_spaces(h.load_text())
    model = NgramModel(0, [text[:100_000]], alpha=0.5)
    by_frequency = "".join(
        TEXT_ALPHABET[i] for i in sorted(range(27), key=lambda i: (-model.counts[i], i))
    )
    passages = [(150_000, 60), (250_000, 60)]
    game = ShannonGame(text, passages)
    while not game.done:
        before = len(game.guesses)
        for key in by_frequency:
            type_into(game, key)
            if len(game.guesses) > before:
                break
    expected = np.concatenate([guess_numbers(model, text, s, n)[0] for s, n in passages])
    assert game.guesses == expected.tolist()
    assert game.bounds()[1:3] == h.shannon_bounds(expected)


def test_the_game_refuses_passages_outside_the_text():
    with pytest.raises(ValueError, match=r"does not lie inside the text"):
        ShannonGame(TEXT, [(50, 20)])
    with pytest.raises(ValueError, match=r"passages is empty"):
        ShannonGame(TEXT, [])


def test_paired_difference_of_the_same_player_is_zero_and_of_a_better_one_positive():
    rng = np.random.default_rng(3)
    a = rng.geometric(0.3, size=400).clip(1, 27)
    (d_low, low_i), (d_up, up_i) = h.paired_bound_difference(a, a, rng)
    assert d_low == d_up == 0.0 and low_i == (0.0, 0.0) and up_i == (0.0, 0.0)
    better = np.where(rng.random(400) < 0.3, 1, a)  # the same symbols, found sooner
    (d_low, low_i), (d_up, up_i) = h.paired_bound_difference(a, better, rng)
    assert d_up == pytest.approx(h.shannon_bounds(a)[1] - h.shannon_bounds(better)[1])
    assert 0 < up_i[0] <= d_up <= up_i[1]
    with pytest.raises(ValueError, match=r"same length"):
        h.paired_bound_difference(a, a[:10], rng)


def test_bounds_coverage_is_near_the_level_on_many_symbols_and_low_on_few():
    """Guess numbers 1-4 with p = 0.4, 0.3, 0.2, 0.1: the true bounds are those of p. The plug-in
    upper bound is biased low on 10 symbols, so its percentile interval misses often there; and
    for a uniform p (the entropy's maximum) every sample's plug-in is below the truth."""
    p = [0.4, 0.3, 0.2, 0.1]
    many = h.bounds_coverage(p, 400, np.random.default_rng(0), n_sets=100, n_resamples=100)
    few = h.bounds_coverage(p, 10, np.random.default_rng(0), n_sets=100, n_resamples=100)
    assert 0.8 <= many["percentile"][1] <= 1.0
    assert few["percentile"][1] < 0.7
    assert few["bias-corrected"][1] > few["percentile"][1]
    uniform = h.bounds_coverage([0.25] * 4, 50, np.random.default_rng(0), n_sets=50, n_resamples=50)
    assert uniform["percentile"] == (0.0, 0.0)
    with pytest.raises(ValueError, match="p"):
        h.bounds_coverage([0.5, 0.6], 10, np.random.default_rng(0))


def test_bounds_of_passes_segments_and_the_bias_correction_on():
    g = np.array([1, 2, 1, 3, 1, 1, 2, 5, 1, 1] * 5)
    plain = h.Bounds.of(g, np.random.default_rng(0), n_resamples=200, block=5)
    corrected = h.Bounds.of(
        g, np.random.default_rng(0), n_resamples=200, block=5, bias_corrected=True
    )
    assert corrected.upper == plain.upper  # the point stays the plug-in bound
    assert corrected.upper_interval[0] > plain.upper_interval[0]  # moved up: biased low
    inside = h.Bounds.of(g, np.random.default_rng(0), n_resamples=200, block=5, segments=[25, 25])
    assert inside.n == 50
