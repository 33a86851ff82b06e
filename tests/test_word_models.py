"""helpers.word_models (per-word scores, mixtures), against counting by hand
(collections.Counter: never the code under test). The adaptive codes: tests/test_adaptive_codes.py."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

import helpers as h

WORDS = ["anna", "bob", "carla", "dave", "eve", "frank", "gina"]


def _word_probs_by_hand(train, held_out, k, alpha):
    """Each held-out word's predictions under the order-k model of ``train``, by a Counter:
    ``'.' * k + word + '.'``, every letter and the end, (N(context, x) + alpha) / (N(context) + 27 alpha)."""
    grams = Counter(
        p[i : i + k + 1] for w in train for p in ["." * k + w + "."] for i in range(len(w) + 1)
    )
    context = Counter()
    for g, c in grams.items():
        context[g[:-1]] += c
    out = []
    for w in held_out:
        p = "." * k + w + "."
        out.append(
            [
                (grams[p[i : i + k + 1]] + alpha) / (context[p[i : i + k]] + 27 * alpha)
                for i in range(len(w) + 1)
            ]
        )
    return out


def test_word_probs_by_hand_on_a_case_counted_on_paper():
    # order 1 on ["ab"]: ".a", "ab", "b." once each; "a" after "." at alpha 0: 1
    assert _word_probs_by_hand(["ab"], ["ab"], 1, 0.0) == [[1.0, 1.0, 1.0]]
    # order 0, alpha 1: a, b, . seen once each among 3; 'a' (1 + 1) / (3 + 27)
    assert _word_probs_by_hand(["ab"], ["a"], 0, 1.0) == [[2 / 30, 2 / 30]]


@pytest.mark.parametrize("order", [0, 1, 2, 3])
def test_word_surprisals_and_log_loss_match_counting_by_hand(order):
    model = h.NgramModel(order, WORDS[:5], alpha=0.3, alphabet=h.NAME_ALPHABET, boundary=".")
    held_out = WORDS[5:]
    hand = _word_probs_by_hand(WORDS[:5], held_out, order, 0.3)
    expected = [-sum(math.log2(q) for q in word) for word in hand]
    np.testing.assert_allclose(h.word_surprisals(model, held_out), expected, rtol=1e-12)
    n = sum(len(w) + 1 for w in held_out)
    assert model.log_loss(held_out, base=2) == pytest.approx(sum(expected) / n, rel=1e-12)


def test_word_surprisals_other_alphas_without_refitting():
    model = h.NgramModel(1, WORDS, alpha=0.5, alphabet=h.NAME_ALPHABET, boundary=".")
    table = h.word_surprisals(model, WORDS, base=math.e, alpha=[0.1, 0.5])
    assert table.shape == (2, len(WORDS))
    for row, alpha in zip(table, [0.1, 0.5], strict=True):
        hand = _word_probs_by_hand(WORDS, WORDS, 1, alpha)
        np.testing.assert_allclose(row, [-sum(map(math.log, w)) for w in hand], rtol=1e-12)


def test_word_surprisals_order_one_is_the_bigram_table():
    """The n-gram model of order 1 and notebook 04's bigram table are the same model."""
    model = h.NgramModel(1, WORDS, alpha=0.2, alphabet=h.NAME_ALPHABET, boundary=".")
    table = h.fit_bigram(h.bigram_counts(WORDS), 0.2)
    per_word = np.array([h.average_nll([w], table) * (len(w) + 1) for w in ["zed", "ann"]])
    assert np.allclose(h.word_surprisals(model, ["zed", "ann"], base=math.e), per_word)


def test_word_surprisals_unseen_with_alpha_zero_is_infinite():
    model = h.NgramModel(1, ["ab"], alpha=0.0, alphabet=h.NAME_ALPHABET, boundary=".")
    assert np.isinf(h.word_surprisals(model, ["ba"])[0])


def test_word_surprisals_refuses_bad_input():
    model = h.NgramModel(1, ["ab"], alphabet=h.NAME_ALPHABET, boundary=".")
    with pytest.raises(ValueError, match="alpha"):
        h.word_surprisals(model, ["ab"], alpha=-1.0)
    with pytest.raises(ValueError, match="words"):
        h.word_surprisals(model, [])
    with pytest.raises(ValueError, match="boundary"):
        h.word_surprisals(h.NgramModel(1, ["ab"]), ["ab"])


def _models(words, alpha=0.3, orders=(0, 1, 2)):
    return [
        h.NgramModel(k, words, alpha=alpha, alphabet=h.NAME_ALPHABET, boundary=".") for k in orders
    ]


def _by_hand(words, k, tail, alpha):
    """P(. | tail) of the order-k model, from a Counter of the padded words' n-grams."""
    grams = Counter(
        (p[i : i + k], p[i + k])
        for w in words
        for p in ["." * k + w + "."]
        for i in range(len(w) + 1)
    )
    row = [grams[tail, x] for x in h.NAME_ALPHABET]
    return (np.array(row) + alpha) / (sum(row) + 27 * alpha)


def test_by_hand_helper_on_a_case_counted_on_paper():
    # "..anna.", "..bob.", ...: after "an" comes "n" once, nothing else
    assert _by_hand(WORDS[:5], 2, "an", 0.0)[h.NAME_ALPHABET.index("n")] == 1.0
    # order 0: 24 symbols predicted (19 letters + 5 ends), "a" 5 times
    assert _by_hand(WORDS[:5], 0, "", 0.0)[1] == pytest.approx(5 / 24)


def test_an_unseen_context_at_alpha_0_raises_in_every_scorer():
    """log_loss and word_surprisals agree: an undefined probability is an error, not inf."""
    model = h.NgramModel(2, WORDS[:5], alpha=0, alphabet=h.NAME_ALPHABET, boundary=".")
    for score in (lambda: model.log_loss(["zed"]), lambda: h.word_surprisals(model, ["zed"])):
        with pytest.raises(ValueError, match=r"never seen in training and alpha = 0"):
            score()
    smooth = h.NgramModel(0, WORDS[:5], alpha=0.5, alphabet=h.NAME_ALPHABET, boundary=".")
    mixture = h.NgramMixture([smooth, model], [0.5, 0.5])  # one part smooths: still undefined
    for score in (lambda: mixture.log_loss(["zed"]), lambda: h.word_surprisals(mixture, ["zed"])):
        with pytest.raises(ValueError, match=r"word 'zed' has a context that was never seen"):
            score()


def test_symbol_probabilities_line_up_across_orders():
    probs = [h.symbol_probabilities(m, WORDS[5:])[0] for m in _models(WORDS[:5])]
    assert len({p.shape for p in probs}) == 1 and probs[0].size == sum(
        len(w) + 1 for w in WORDS[5:]
    )


def test_mixture_is_the_weighted_average_of_its_models():
    models = _models(WORDS[:5])
    mixture = h.NgramMixture(models, [0.2, 0.3, 0.5])
    context, tails = ".an", {0: "", 1: "n", 2: "an"}  # what each order reads, written out
    expected = sum(
        w * _by_hand(WORDS[:5], k, tails[k], 0.3)
        for w, k in zip([0.2, 0.3, 0.5], (0, 1, 2), strict=True)
    )
    assert np.allclose(mixture.next_distribution(context), expected, rtol=1e-12)
    assert mixture.next_distribution(context).sum() == pytest.approx(1.0)
    hand = [_word_probs_by_hand(WORDS[:5], WORDS[5:], k, 0.3) for k in (0, 1, 2)]
    mixed = [  # per word, per prediction: the weighted average of the three orders' by hand
        0.2 * a + 0.3 * b + 0.5 * c
        for word in zip(*hand, strict=True)
        for a, b, c in zip(*word, strict=True)
    ]
    np.testing.assert_allclose(h.symbol_probabilities(mixture, WORDS[5:])[0], mixed, rtol=1e-12)


def test_mixture_log_loss_matches_counting_by_hand():
    mixture = h.NgramMixture(_models(WORDS[:5]), [0.5, 0.25, 0.25])
    hand = [_word_probs_by_hand(WORDS[:5], WORDS[5:], k, 0.3) for k in (0, 1, 2)]
    total = sum(
        -math.log(0.5 * a + 0.25 * b + 0.25 * c)
        for word in zip(*hand, strict=True)
        for a, b, c in zip(*word, strict=True)
    )
    n = sum(len(w) + 1 for w in WORDS[5:])
    assert mixture.log_loss(WORDS[5:]) == pytest.approx(total / n, rel=1e-12)


def test_mixture_of_one_model_is_that_model():
    (model,) = _models(WORDS, orders=(2,))
    hand = _word_probs_by_hand(WORDS, WORDS[:3], 2, 0.3)
    expected = -sum(math.log2(q) for w in hand for q in w) / sum(len(w) + 1 for w in WORDS[:3])
    assert h.NgramMixture([model], [1.0]).log_loss(WORDS[:3], base=2) == pytest.approx(
        expected, rel=1e-12
    )


def test_mixture_refuses_bad_weights_and_mixed_alphabets():
    models = _models(WORDS[:5])
    with pytest.raises(ValueError, match="weights"):
        h.NgramMixture(models, [0.5, 0.5, 0.5])
    with pytest.raises(ValueError, match="weights"):
        h.NgramMixture(models, [1.2, -0.2, 0.0])
    with pytest.raises(ValueError, match="alphabet"):
        h.NgramMixture([models[0], h.NgramModel(1, ["ab"])], [0.5, 0.5])
    with pytest.raises(ValueError, match="alpha"):
        h.symbol_probabilities(h.NgramMixture(models, [0.2, 0.3, 0.5]), WORDS, alpha=0.1)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: h.adaptive_code_bits(["a"], [0, 1], 1.0, ".a", weights=[1.0]),
            r"one number >= 0 per order \(2\)",
        ),
        (
            lambda: h.adaptive_code_bits(["a"], [0, 1], 1.0, ".a", weights=[0.6, 0.6]),
            r"weights must sum to 1",
        ),
        (lambda: h.adaptive_code_bits([""], 0, 1.0, ".a"), r"words must be non-empty strings"),
        (
            lambda: h.NgramMixture([h.NgramModel(0, ["a"], alphabet=".a")], [-1.0]),
            r"per model \(1\)",
        ),
        (
            lambda: h.word_surprisals(h.NgramModel(0, ["a"], alphabet=".a", boundary="."), []),
            r"words is empty",
        ),
        (lambda: h.count_table_bits([1, -1]), r"counts must be >= 0"),
        (lambda: h.count_table_bits([0.5]), r"whole numbers"),
    ],
)
def test_bad_arguments_name_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
