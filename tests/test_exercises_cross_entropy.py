"""Notebook 03's checkers: every plausible wrong answer is rejected with a hint naming the
mistake, and correct answers written differently are accepted."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest
import scipy as sp_
import scipy.special
import scipy.special as sc
import scipy.stats

import helpers as h

A = h.ALPHABET


def _ok(fb):
    return fb.passed and fb.message.startswith("✓")


def _rejected(fb, hint):
    return (not fb.passed) and hint in fb.message


# --- exercise 1: cross-entropy ----------------------------------------------------


def _masked(p, q):
    keep = p > 0
    with np.errstate(divide="ignore"):
        return -np.sum(p[keep] * np.log(q[keep]))


@pytest.mark.parametrize(
    "right",
    [
        _masked,
        lambda p, q: -np.sum(scipy.special.xlogy(p, q)),
        lambda p, q: sum(-a * np.log(b) for a, b in zip(p, q, strict=True) if a > 0),
        lambda p, q: scipy.stats.entropy(p) + scipy.stats.entropy(p, q),
        lambda p, q: -np.nansum(p * np.log(q)),
        lambda p, q: round(float(-np.sum(scipy.special.xlogy(p, q))), 4),
    ],
    ids=["mask", "xlogy", "loop", "scipy H + KL", "nansum", "rounded"],
)
def test_cross_entropy_accepts(right):
    assert _ok(h.check_cross_entropy(right))


CE_WRONG = [
    (lambda p, q: -np.sum(scipy.special.xlogy(q, p)), "swapped p and q"),
    (lambda p, q: -np.sum(scipy.special.xlogy(p, q)) / np.log(2), "in bits"),
    (lambda p, q: -np.sum(scipy.special.xlogy(p, q)) / np.log(10), "base 10"),
    (lambda p, q: np.sum(scipy.special.xlogy(p, q)), "wrong sign"),
    (lambda p, q: -np.sum(scipy.special.xlogy(q, q)), "H(q)"),
    (lambda p, q: -np.sum(scipy.special.xlogy(p, p)), "H(p), the entropy of the truth"),
    (lambda p, q: -np.sum(p * np.log(q) + (1 - p) * np.log(1 - q)), "binary cross-entropy"),
    (lambda p, q: scipy.stats.entropy(p, q), "KL(p || q)"),
    (lambda p, q: -np.mean(scipy.special.xlogy(p, q)), "np.mean"),
    (lambda p, q: -np.sum(p * np.log(q + 1e-12)), "epsilon"),
    (lambda p, q: -np.sum(p * np.log(q + 1e-15)), "epsilon"),  # any size of epsilon
    (lambda p, q: -np.sum(p * np.log(np.clip(q, 1e-7, 1 - 1e-7))), "Keras"),
    (lambda p, q: -np.sum(p * np.log(q)), "nan"),
    (
        lambda p, q: -np.sum(np.where(q > 0, scipy.special.xlogy(p, np.where(q > 0, q, 1)), 0)),
        "q = 0",
    ),
    (lambda p, q: "1.6094", "returned the string"),  # a string where a number is asked
    (lambda p, q: str(-np.sum(scipy.special.xlogy(p, q))), "string"),
    (  # right everywhere but the inf case, where a separate path forgot the minus sign
        lambda p, q: -np.inf if np.any((p > 0) & (q == 0)) else -np.sum(scipy.special.xlogy(p, q)),
        "-inf is the right size with the wrong sign",
    ),
    (lambda p, q: {"H": -np.sum(scipy.special.xlogy(p, q))}, "returned a dict"),
    (lambda p, q: -np.mean(p[p > 0] * np.log(q[p > 0])), "averaged the kept terms"),
    (lambda p, q: -np.sum(np.log(q[p > 0])), "without weighting them"),
    (lambda p, q: -np.sum(scipy.special.xlogy(p, np.where(p > 0, 1 + q, 1))), "np.log1p(q)"),
    (lambda p, q: -np.sum(np.where(p > 0, p * np.log1p(q), 0)), "np.log1p(q)"),
    (lambda p, q: h.cross_entropy(p, q), "write yourself"),  # the helper the exercise asks for
    (lambda p, q: h.entropy(p) + h.kl_divergence(p, q), "write yourself"),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), CE_WRONG, ids=[f"wrong{i}" for i in range(len(CE_WRONG))]
)
def test_cross_entropy_rejects_with_hint(wrong, hint):
    with np.errstate(all="ignore"):
        assert _rejected(h.check_cross_entropy(wrong), hint)


def test_cross_entropy_stub_and_non_function():
    def stub(p, q):
        raise NotImplementedError

    assert h.check_cross_entropy(stub).status == "not done"
    assert "needs your function itself" in h.check_cross_entropy(1.6).message


# --- exercise 2: which letters carry KL --------------------------------------------


def _top(scores, k):
    return [A[i] for i in np.argsort(scores)[::-1][:k]]


@pytest.mark.parametrize(
    "right",
    [
        lambda p, q, k=3: _top(p * np.log(p / q), k),
        lambda p, q, k=3: [A[i] for i in np.argsort(-scipy.special.rel_entr(p, q))[:k]],
        lambda p, q, k=3: sorted(
            A, key=lambda a: -p[A.index(a)] * np.log2(p[A.index(a)] / q[A.index(a)])
        )[:k],
        lambda p, q, k=3: tuple(_top(p * np.log10(p / q), k)),  # a tuple of letters, base 10
        lambda p, q, k=3: [  # a loop over the letters, largest term kept first
            a
            for _, a in sorted(
                ((p[i] * np.log(p[i] / q[i]), a) for i, a in enumerate(A)), reverse=True
            )
        ][:k],
    ],
    ids=["argsort", "rel_entr", "sorted-log2", "tuple-log10", "loop"],
)
def test_top_kl_letters_accepts(right):
    assert _ok(h.check_top_kl_letters(right))


TOP_WRONG = [
    (lambda p, q, k=3: _top(q * np.log(q / p), k), "KL(q || p)"),
    (lambda p, q, k=3: _top(np.abs(p * np.log(p / q)), k), "by size (abs)"),
    (lambda p, q, k=3: _top(np.log(p / q), k), "log(p/q) (or p/q) alone"),
    (lambda p, q, k=3: _top(p / q, k), "p/q) alone"),
    (lambda p, q, k=3: _top(np.abs(p - q), k), "|p - q|"),
    (lambda p, q, k=3: _top(p - q, k), "p - q"),
    (lambda p, q, k=3: _top(-p * np.log(q), k), "cross-entropy terms"),
    (lambda p, q, k=3: [A[i] for i in np.argsort(p * np.log(p / q))[:k]], "SMALLEST"),
    (lambda p, q, k=3: sorted(_top(p * np.log(p / q), k)), "wrong order"),
    (lambda p, q, k=3: list(np.argsort(p * np.log(p / q))[::-1][:k]), "letter indices"),
    (lambda p, q, k=3: _top(p * np.log(p / q), 3), "exactly k letters"),  # ignores k
    (lambda p, q, k=3: [A[i] for i in np.argsort(p * np.log(p / q))[-k:]], "smallest first"),
    (lambda p, q, k=3: _top(q * np.log(p / q), k), "weighted log(p/q) by q"),
    (lambda p, q, k=3: _top(p * np.log(p / q), k + 1), "return exactly k letters (k = 3"),
    (lambda p, q, k=3: [a.upper() for a in _top(p * np.log(p / q), k)], "as capitals"),
    (lambda p, q, k=3: set(_top(p * np.log(p / q), k)), "a set has no order"),
    (lambda p, q, k=3: "".join(_top(p * np.log(p / q), k)), "you returned one string"),
    (lambda p, q, k=3: " ".join(_top(p * np.log(p / q), k)), "you returned one string"),
    (
        lambda p, q, k=3: {a: p[A.index(a)] for a in _top(p * np.log(p / q), k)},
        "you returned a dict",
    ),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), TOP_WRONG, ids=[f"wrong{i}" for i in range(len(TOP_WRONG))]
)
def test_top_kl_letters_rejects_with_hint(wrong, hint):
    assert _rejected(h.check_top_kl_letters(wrong), hint)


@pytest.mark.parametrize("shift", [1, 2])
def test_top_kl_letters_names_any_wrong_order(shift):
    """The right letters in any order but the right one get the order hint. The order is made
    here by rotating the right answer, so the test does not depend on what np.argpartition
    happens to return on the checker's inputs."""

    def rotated(p, q, k=3):
        top = _top(p * np.log(p / q), k)
        return top[shift:] + top[:shift]

    fb = h.check_top_kl_letters(rotated)
    assert _rejected(fb, "right letters, wrong order")


def test_top_kl_letters_argpartition_is_right_or_named():
    """np.argpartition's first k are the k largest in no promised order: accepted only when they
    come out right, and otherwise given the order hint, never a generic one."""

    def partitioned(p, q, k=3):
        terms = -(p * np.log(p / q))
        return [A[i] for i in np.argpartition(terms, k)[:k]]

    fb = h.check_top_kl_letters(partitioned)
    assert _ok(fb) or _rejected(fb, "right letters, wrong order")


def test_top_kl_letters_cases_are_not_the_notebooks_example():
    """The check's pairs differ from section 2's English/Finnish, whose letters are printed."""
    msg = h.check_top_kl_letters(lambda p, q, k=3: ["c", "w", "f"][:k]).message
    assert (
        "Polish, German" in msg
        and not h.check_top_kl_letters(lambda p, q, k=3: ["c", "w", "f"]).passed
    )


# --- exercise 3: logsumexp -----------------------------------------------------------

_lse = scipy.special.logsumexp


def _MODULE_ALIAS(z):  # noqa: N802 (import scipy.special as sc; sc.logsumexp)
    return sc.logsumexp(z)


def _PACKAGE_ALIAS(z):  # noqa: N802 (import scipy as sp_; sp_.special.logsumexp)
    return sp_.special.logsumexp(z)


def _pairwise_logaddexp(z):
    acc = -np.inf
    for v in z:
        acc = np.logaddexp(acc, v)
    return acc


def _SCIPY_ALIAS(z):  # noqa: N802 (a learner's alias of SciPy's function)
    return float(_lse(z))


@pytest.mark.parametrize(
    "right",
    [
        lambda z: np.max(z) + np.log(np.sum(np.exp(z - np.max(z)))),
        lambda z: max(z) + np.log(sum(np.exp(v - max(z)) for v in z)),  # a loop
        lambda z: (  # the largest term is exactly 1: log1p of the others
            np.max(z) + np.log1p(np.sum(np.exp(np.delete(z, np.argmax(z)) - np.max(z))))
        ),
        lambda z: round(float(np.max(z) + np.log(np.sum(np.exp(z - np.max(z))))), 4),
    ],
    ids=["max-shift", "loop", "log1p", "rounded"],
)
def test_logsumexp_accepts(right):
    assert _ok(h.check_logsumexp(right))


LSE_WRONG = [
    (lambda z: np.log(np.sum(np.exp(z))), "overflows"),
    (lambda z: np.log(np.sum(np.exp(z.astype(np.float64)))), "overflow"),
    (lambda z: np.log(np.sum(np.exp(z - np.max(z)))), "did not add it back"),
    (lambda z: np.max(z), "only the maximum"),
    (lambda z: z[0] + np.log(np.sum(np.exp(z - z[0]))), "first entry z[0]"),
    (lambda z: np.mean(z) + np.log(np.sum(np.exp(z - np.mean(z)))), "the mean"),
    (lambda z: np.min(z) + np.log(np.sum(np.exp(z - np.min(z)))), "the minimum"),
    (lambda z: np.median(z) + np.log(np.sum(np.exp(z - np.median(z)))), "overflowed"),
    (lambda z: z[-1] + np.log(np.sum(np.exp(z - z[-1]))), "overflowed"),
    (lambda z: np.max(np.abs(z)) + np.log(np.sum(np.exp(z - np.max(np.abs(z))))), "underflowed"),
    (lambda z: str(scipy.special.logsumexp(z)), "a library's logsumexp"),  # named before the string
    (lambda z: str(np.max(z) + np.log(np.sum(np.exp(z - np.max(z))))), "string"),
    (lambda z: np.max(z) - np.log(np.sum(np.exp(z - np.max(z)))), "ADDS it back"),
    (lambda z: np.max(z) + np.log(len(z)), "m + log n"),
    (lambda z: np.log(np.sum(np.exp(z.astype(np.longdouble)))), "np.longdouble"),
    (lambda z: h.logsumexp(z), "yourself"),
    (lambda z: z[0] - h.log_softmax(z)[0], "yourself"),
    (lambda z: scipy.special.logsumexp(z), "a library's logsumexp"),
    (lambda z: np.logaddexp.reduce(z), "a library's logsumexp"),
    (_SCIPY_ALIAS, "a library's logsumexp"),
    (  # shifted after the exp: inf / inf = nan
        lambda z: np.max(z) + np.log(np.sum(np.exp(z) / np.exp(np.max(z)))),
        "an exp overflowed to inf",
    ),
    (lambda z: {"lse": np.max(z)}, "returned a dict"),
    (_pairwise_logaddexp, "calls np.logaddexp"),
    (_MODULE_ALIAS, "a library's logsumexp"),
    (_PACKAGE_ALIAS, "a library's logsumexp"),
    (lambda z: np.max(z) + np.log2(np.sum(np.exp(z - np.max(z)))), "log2 of the sum"),
    (lambda z: np.max(z) + np.log(np.mean(np.exp(z - np.max(z)))), "MEAN of the exponentials"),
]


def _my_helper(z):  # the learner's own helper function, wrapping the library
    return scipy.special.logsumexp(z)


def _BEHIND_A_HELPER(z):  # noqa: N802
    return _my_helper(z)


_OPS = {"lse": scipy.special.logsumexp, "add": np.logaddexp, "reduce": np.logaddexp.reduce}


class _Ops:
    add = np.logaddexp  # a ufunc as a class attribute
    lse = staticmethod(scipy.special.logsumexp)


def _dict_reduce(z):
    return _OPS["reduce"](z)


def _dict_pairwise(z):
    acc = -np.inf
    for v in z:
        acc = _OPS["add"](acc, v)
    return float(acc)


def _class_pairwise(z):
    return float(functools.reduce(_Ops.add, z))


def _imported_inside(z):
    from scipy.special import logsumexp as lse

    return lse(z)


def _log_softmax_route(z):
    return float(z[0] - scipy.special.log_softmax(z)[0])


def _closing_over(f):
    return lambda z: functools.reduce(f, z)


def _default_argument(z, f=np.logaddexp):
    return functools.reduce(f, z)


class _Holder:
    def __init__(self):
        self.f = np.logaddexp


_HOLDER = _Holder()


LIBRARY_ROUTES = [
    _BEHIND_A_HELPER,
    _closing_over(np.logaddexp),  # a closure
    _default_argument,
    lambda z: functools.reduce(_HOLDER.f, z),  # an instance attribute
    functools.partial(functools.reduce, np.logaddexp),  # the learner's function is a partial
    lambda z: float(h.cross_entropy_from_logits(z[None, :].astype(float), np.array([0])) + z[0]),
    lambda z: float(z[0] - h.log_softmax(z)[0]),
    lambda z: _OPS["lse"](z),
    _dict_reduce,
    _dict_pairwise,
    lambda z: _Ops.lse(z),
    _class_pairwise,
    lambda z: functools.reduce(np.logaddexp, z),
    _imported_inside,
    _log_softmax_route,
    lambda z: np.logaddexp.accumulate(z)[-1],
]


@pytest.mark.parametrize(
    "wrong", LIBRARY_ROUTES, ids=[f"route{i}" for i in range(len(LIBRARY_ROUTES))]
)
def test_logsumexp_finds_the_library_by_any_route_as_it_is_called(wrong):
    """Found at call time, not by the names in the code: behind a helper, a dict entry, a class attribute."""
    fb = h.check_logsumexp(wrong)
    assert _rejected(fb, "a library's"), fb.message
    assert np.logaddexp is _OPS["add"] is _Ops.add  # every stand-in is taken out again
    assert isinstance(np.logaddexp, np.ufunc)


def test_logsumexp_finds_torch_as_it_is_called():
    torch = pytest.importorskip("torch")
    fb = h.check_logsumexp(
        lambda z: float(torch.logsumexp(torch.from_numpy(np.asarray(z, float)), 0))
    )
    assert _rejected(fb, "calls torch.logsumexp"), fb.message


def test_logsumexp_own_helper_functions_are_fine():
    """A helper of the learner's own that builds it from np.max, np.exp, np.log is no library."""

    def shift(z):
        return np.max(z)

    assert _ok(h.check_logsumexp(lambda z: shift(z) + np.log(np.sum(np.exp(z - shift(z))))))


@pytest.mark.parametrize(
    ("wrong", "hint"), LSE_WRONG, ids=[f"wrong{i}" for i in range(len(LSE_WRONG))]
)
def test_logsumexp_rejects_with_hint(wrong, hint):
    with np.errstate(all="ignore"):
        assert _rejected(h.check_logsumexp(wrong), hint)


def test_logsumexp_success_message_claims_nothing_about_the_learners_shift():
    msg = h.check_logsumexp(lambda z: np.max(z) + np.log(np.sum(np.exp(z - np.max(z))))).message
    assert "exact for every m" in msg


# --- exercise 4: label smoothing ------------------------------------------------------


def _smoothed(z, y, eps):
    c = z.shape[1]
    t = (1 - eps) * h.one_hot(y, c) + eps / c
    return np.mean(-np.sum(t * h.log_softmax(z), axis=1))


@pytest.mark.parametrize(
    "right",
    [
        _smoothed,
        lambda z, y, eps: np.mean(
            -(1 - eps) * h.log_softmax(z)[np.arange(len(y)), y]
            - eps * h.log_softmax(z).mean(axis=1)
        ),
        lambda z, y, eps: np.mean(  # log-softmax written out with SciPy's logsumexp, classes from z
            -np.sum(
                ((1 - eps) * np.eye(z.shape[1])[y] + eps / z.shape[1])
                * (z - scipy.special.logsumexp(z, axis=1, keepdims=True)),
                axis=1,
            )
        ),
        lambda z, y, eps: round(float(_smoothed(z, y, eps)), 4),
    ],
    ids=["target", "split-terms", "scipy-logsumexp", "rounded"],
)
def test_label_smoothing_accepts(right):
    assert _ok(h.check_label_smoothed_cross_entropy(right))


def _loss(target, reduce=np.mean, scale=1.0, log=h.log_softmax):
    def f(z, y, eps):
        t = target(h.one_hot(y, z.shape[1]), eps, z.shape[1])
        with np.errstate(divide="ignore", invalid="ignore"):
            return reduce(-np.sum(t * log(z), axis=1)) * scale

    return f


LS_WRONG = [
    (lambda z, y, eps: np.mean(-h.log_softmax(z)[np.arange(len(y)), y]), "plain cross-entropy"),
    (_loss(lambda o, eps, c: (1 - eps) * o + eps / 3), "divided eps by 3"),
    (_loss(lambda o, eps, c: o * (1 - eps) + (1 - o) * eps / (c - 1)), "C - 1 wrong classes"),
    (_loss(lambda o, eps, c: (1 - eps) * o), "no longer sums to 1"),
    (_loss(lambda o, eps, c: (1 - eps) * o + eps / (c - 1)), "eps / (C - 1)"),
    (_loss(lambda o, eps, c: (1 - eps) * o + (1 - o) * eps), "every wrong class eps"),
    (
        lambda z, y, eps: np.mean(
            -np.log(((1 - eps) * h.softmax(z) + eps / z.shape[1])[np.arange(len(y)), y])
        ),
        "smoothed the PREDICTION",
    ),
    (
        lambda z, y, eps: (
            _smoothed(z, y, eps)
            - np.mean(h.entropy((1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]))
        ),
        "KL(t || softmax(z))",
    ),
    (_loss(lambda o, eps, c: o + eps / c), "sums to 1 + eps"),
    (_loss(lambda o, eps, c: (1 - eps) * o + eps / c, reduce=np.sum), "sum over rows"),
    (_loss(lambda o, eps, c: (1 - eps) * o + eps / c, scale=1 / np.log(2)), "in bits"),
    (
        lambda z, y, eps: np.mean(
            -((1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]) * h.log_softmax(z)
        ),
        "mean over every entry",
    ),
    (lambda z, y, eps: h.cross_entropy_from_logits(z, y, label_smoothing=eps), "write yourself"),
    (
        _loss(lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: np.log(h.softmax(z))),
        "log of a softmax",
    ),
    (  # the naive log of a softmax: e^1000 = inf, inf / inf = nan
        _loss(
            lambda o, eps, c: (1 - eps) * o + eps / c,
            log=lambda z: np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)),
        ),
        "e^1000 overflows to inf",
    ),
    (  # log_softmax written with an unshifted log-sum-exp: e^800 = inf, z - inf = -inf
        _loss(
            lambda o, eps, c: (1 - eps) * o + eps / c,
            log=lambda z: z - np.log(np.sum(np.exp(z), axis=1, keepdims=True)),
        ),
        "z - log(sum(exp(z))) without shifting",
    ),
    (  # the same, written with a loop over the rows
        lambda z, y, eps: np.mean(
            [
                -np.sum(
                    ((1 - eps) * (np.arange(len(r)) == k) + eps / len(r))
                    * (r - np.log(np.exp(r).sum()))
                )
                for r, k in zip(z, y, strict=True)
            ]
        ),
        "z - log(sum(exp(z))) without shifting",
    ),
    (  # a log-softmax normalised down the columns
        _loss(
            lambda o, eps, c: (1 - eps) * o + eps / c,
            log=lambda z: z - scipy.special.logsumexp(z, axis=0, keepdims=True),
        ),
        "runs down the COLUMNS",
    ),
    (
        _loss(lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: h.log_softmax(z.T).T),
        "runs down the COLUMNS",
    ),
    (
        lambda z, y, eps: np.mean(
            -np.sum(
                ((1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]) * h.log_softmax(z),
                axis=0,
            )
        ),
        "summed over the examples",
    ),
]


@pytest.mark.parametrize(
    ("wrong", "hint"), LS_WRONG, ids=[f"wrong{i}" for i in range(len(LS_WRONG))]
)
def test_label_smoothing_rejects_with_hint(wrong, hint):
    assert _rejected(h.check_label_smoothed_cross_entropy(wrong), hint)


def test_label_smoothing_check_prints_no_numpy_warnings():
    """The log of a softmax hits log 0 on the +-1000 case: the check explains it, NumPy stays quiet."""

    def log_of_softmax(z, y, eps):
        t = (1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]
        return np.mean(-np.sum(t * np.log(h.softmax(z)), axis=1))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _rejected(h.check_label_smoothed_cross_entropy(log_of_softmax), "log of a softmax")


# --- a library fact the notebook states --------------------------------------------------


def test_bce_loss_clamps_the_log_at_minus_100():
    """Notebook 03: PyTorch's BCELoss turns an infinite loss into 100 nats."""
    torch = pytest.importorskip("torch")
    loss = torch.nn.functional.binary_cross_entropy(torch.tensor([0.0]), torch.tensor([1.0]))
    assert float(loss) == pytest.approx(100.0)


def test_mse_loss_is_the_brier_score_divided_by_the_classes():
    """Notebook 03: PyTorch's MSELoss averages over the C entries, the course's sum does not."""
    torch = pytest.importorskip("torch")
    q, y = np.array([[0.6, 0.2, 0.2]]), np.array([[0.0, 0.0, 1.0]])
    loss = torch.nn.functional.mse_loss(torch.tensor(q), torch.tensor(y))
    assert float(loss) == pytest.approx(np.sum((q - y) ** 2) / 3)


def test_helpers_called_reads_the_code_not_the_result():
    """h.name, helpers.name and `from helpers import name`, in nested functions too; SciPy's are not helpers."""
    from helpers.exercises._engine import helpers_called

    def imports(z):
        from helpers import average_nll, logsumexp

        return logsumexp(z) + average_nll

    def nested(z):
        def inner(y):
            return h.log_softmax(y)

        return inner(z)

    assert helpers_called(imports) == {"average_nll", "logsumexp"}
    assert helpers_called(nested) == {"log_softmax"}
    assert helpers_called(lambda z: scipy.special.logsumexp(z)) == set()
    assert helpers_called(h.logsumexp) == {"logsumexp"}


_ALIAS = h.average_nll
_CFL = h.cross_entropy_from_logits


def _submodule_import(w, m):
    import helpers.name_tables as name_tables

    return name_tables.average_nll(w, m)


@pytest.mark.parametrize(
    ("check", "answer", "name"),
    [
        (h.check_average_nll, lambda w, m: _ALIAS(w, m), "average_nll"),  # a global alias
        (h.check_average_nll, lambda w, m, g=h.average_nll: g(w, m), "average_nll"),  # a default
        (h.check_average_nll, lambda w, m: getattr(h, "average_" + "nll")(w, m), "average_nll"),
        (h.check_average_nll, _submodule_import, "average_nll"),
        (
            h.check_label_smoothed_cross_entropy,
            lambda z, y, eps: _CFL(z, y, label_smoothing=eps),
            "cross_entropy_from_logits",
        ),
    ],
    ids=["alias", "default-argument", "getattr", "submodule", "alias-logits"],
)
def test_a_forbidden_helper_is_found_however_it_is_reached(check, answer, name):
    fb = check(answer)
    assert not fb.passed and f"calls h.{name}" in fb.message


def test_an_allowed_helper_may_use_a_forbidden_one_inside():
    """h.log_softmax is allowed in the label-smoothing exercise, whatever it calls itself."""

    def right(z, y, eps):
        t = (1 - eps) * h.one_hot(y, z.shape[1]) + eps / z.shape[1]
        return np.mean(-np.sum(t * h.log_softmax(z), axis=1))

    assert _ok(h.check_label_smoothed_cross_entropy(right))


def test_text_inside_a_tuple_is_not_a_number():
    fb = h.check_alpha_choice(lambda f, v, t, a: ("0.3162", "2.3291"))
    assert not fb.passed and "holds text" in fb.message


def test_a_rounded_answer_is_shown_with_enough_digits_to_differ():
    """Rounded to 3 decimals (the exercise asks for 4): refused, and shown so the two differ."""
    fb = h.check_posterior_mean(lambda n, a: np.round((n + a) / (n + a).sum(), 3))
    first = fb.message.splitlines()[0]
    got, expected = first.split(" returned ")[1].split(", expected ")
    assert not fb.passed and got != expected.rstrip(".")


# --- a breaker's round (n23r5): the wrong answers that got only the generic hint -----------

_ONE_HOT_ONLY = lambda p, q: -np.log(q[np.argmax(p)])  # noqa: E731


BREAKER_03 = [
    (h.check_cross_entropy, _ONE_HOT_ONLY, "most likely outcome only"),
    (h.check_cross_entropy, lambda p, q: np.sum((p - q) ** 2), "Brier score"),
    (h.check_cross_entropy, lambda p, q: 0.5 * np.sum((p - q) ** 2), "half the squared error"),
    (
        h.check_top_kl_letters,
        lambda p, q, k=3: [h.ALPHABET[i] for i in np.argsort(p)[::-1][:k]],
        "most frequent letters",
    ),
    (
        h.check_logsumexp,
        lambda z: np.max(z) + np.log1p(np.sum(np.exp(z - np.max(z)))),
        "log1p of the whole sum",
    ),
    (
        h.check_logsumexp,
        lambda z: np.max(z) + np.log(1 + np.sum(np.exp(z - np.max(z)))),
        "log1p of the whole sum",
    ),
    (
        h.check_logsumexp,
        lambda z: np.log(np.sum(np.exp(np.clip(z, -700, 700)))),
        "clipped the logits",
    ),
    (h.check_logsumexp, lambda z: np.log(np.sum(z)), "exponentials are missing"),
    (
        h.check_label_smoothed_cross_entropy,
        _loss(lambda o, eps, c: (1 - eps) * o + eps / c, log=h.softmax),
        "softmax probabilities themselves",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _loss(lambda o, eps, c: (1 - eps) * o + eps / c, log=lambda z: z),
        "raw logits",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, eps: np.mean(
            -(1 - eps + eps / z.shape[1]) * h.log_softmax(z)[np.arange(len(y)), y]
        ),
        "only the true class's term",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _loss(lambda o, eps, c: (1 - eps) * o + (1 - o) * eps / c),
        "wrong classes only and (1 - eps)",
    ),
]


def _cols_target(z, y, eps):
    n, c = z.shape
    t = np.full((n, c), eps / c)
    t[:, y] = 1 - eps + eps / c
    return np.mean(-np.sum(t * h.log_softmax(z), axis=1))


def _rows_target(z, y, eps):
    n, c = z.shape
    t = np.full((n, c), eps / c)
    t[y] = 1 - eps + eps / c
    return np.mean(-np.sum(t * h.log_softmax(z), axis=1))


def _ls(target, log=h.log_softmax):
    return _loss(target, log=log)


_T = lambda o, eps, c: (1 - eps) * o + eps / c  # noqa: E731 (the right target)
BREAKER_03 += [  # a reviewer's round (r8b) on label smoothing
    (
        h.check_label_smoothed_cross_entropy,
        _ls(
            _T,
            log=lambda z: (
                z
                - z.min(axis=1, keepdims=True)
                - np.log(np.exp(z - z.min(axis=1, keepdims=True)).sum(axis=1, keepdims=True))
            ),
        ),
        "shifted each row by its MINIMUM",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(_T, log=lambda z: np.log(h.softmax(z) + 1e-9)),
        "finite but far too small",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, eps: np.mean(
            -np.sum(
                ((1 - eps) * h.one_hot(y, z.shape[1]) + eps / len(y)) * h.log_softmax(z), axis=1
            )
        ),
        "number of ROWS",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, eps: np.mean(
            -np.sum(
                ((1 - eps) * h.one_hot(y, z.shape[1]) + eps / len(np.unique(y))) * h.log_softmax(z),
                axis=1,
            )
        ),
        "distinct labels in this batch",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(lambda o, eps, c: eps * o + (1 - eps) / c),
        "swapped eps",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(lambda o, eps, c: (o + eps / c) / (1 + eps)),
        "renormalised",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(_T, log=lambda z: z - scipy.special.logsumexp(z)),
        "whole matrix",
    ),
    (
        h.check_logsumexp,
        lambda z: np.max(z) - np.log(scipy.special.softmax(z)[np.argmax(z)]),
        "a softmax that shifts by the maximum for you",
    ),
    (
        h.check_logsumexp,
        lambda z: np.max(z) - np.log(h.softmax(z)[np.argmax(z)]),
        "calls h.softmax, a softmax that shifts",
    ),
    (
        h.check_logsumexp,
        lambda z: z[0] - scipy.special.log_softmax(z)[0],
        "a library's log_softmax",
    ),
    (
        h.check_logsumexp,
        lambda z: np.max(z) + np.log10(np.sum(np.exp(z - np.max(z)))),
        "log10 of the sum",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(
            _T,
            log=lambda z: (
                z
                - np.median(z, 1, keepdims=True)
                - np.log(np.exp(z - np.median(z, 1, keepdims=True)).sum(1, keepdims=True))
            ),
        ),
        "other than its own maximum",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(
            _T,
            log=lambda z: (
                z
                - z.mean(1, keepdims=True)
                - np.log(np.exp(z - z.mean(1, keepdims=True)).sum(1, keepdims=True))
            ),
        ),
        "other than its own maximum",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(_T, log=lambda z: z - z[:, :1] - np.log(np.exp(z - z[:, :1]).sum(1, keepdims=True))),
        "other than its own maximum",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(_T, log=lambda z: z - z.max() - np.log(np.exp(z - z.max()).sum(1, keepdims=True))),
        "other than its own maximum",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        _ls(_T, log=lambda z: np.log(np.maximum(h.softmax(z), np.finfo(float).tiny))),
        "finite but far too small",
    ),
    (
        h.check_label_smoothed_cross_entropy,
        lambda z, y, eps: np.mean(
            -np.sum(
                ((1 - eps) * h.one_hot(y, z.shape[1]) + eps / (y.max() + 1)) * h.log_softmax(z),
                axis=1,
            )
        ),
        "largest label + 1",
    ),
    (h.check_label_smoothed_cross_entropy, _cols_target, "sets whole COLUMNS"),
    (h.check_label_smoothed_cross_entropy, _rows_target, "sets whole ROWS"),
]


@pytest.mark.parametrize(
    ("check", "wrong", "hint"), BREAKER_03, ids=[f"b{i}" for i in range(len(BREAKER_03))]
)
def test_breakers_wrong_answers_get_their_own_hint(check, wrong, hint):
    with np.errstate(all="ignore"):
        fb = check(wrong)
    assert _rejected(fb, hint), fb.message
