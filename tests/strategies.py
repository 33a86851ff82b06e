"""Hypothesis strategies that build valid inputs (shared by the property tests)."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

weights = st.floats(min_value=0.0, max_value=1.0, allow_subnormal=False)


@st.composite
def distributions(
    draw, min_size: int = 1, max_size: int = 12, size: int | None = None, zeros: bool = True
):
    """A probability vector: non-negative weights normalised to sum to 1."""
    n = size if size is not None else draw(st.integers(min_size, max_size))
    elements = weights if zeros else st.floats(1e-3, 1.0)
    w = np.array(draw(st.lists(elements, min_size=n, max_size=n)))
    if w.sum() < 1e-3:
        w = w + 1.0
    return w / w.sum()


@st.composite
def distribution_pairs(draw, zeros: bool = True):
    """Two distributions over the same outcomes."""
    n = draw(st.integers(1, 12))
    return draw(distributions(size=n, zeros=zeros)), draw(distributions(size=n, zeros=zeros))


logit_rows = st.lists(
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_subnormal=False),
    min_size=1,
    max_size=12,
).map(np.array)
