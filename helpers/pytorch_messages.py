"""What PyTorch itself says when its losses are misused: messages recorded from PyTorch 2.13.0.

The course never imports PyTorch. Notebook 05 quotes these strings beside the course's own
NumPy re-implementation of each pitfall's numbers; ``tests/test_pytorch_pitfalls.py`` runs
every pitfall in PyTorch wherever it is installed and checks each message and number.
"""

from __future__ import annotations

__all__ = ["PYTORCH_VERSION", "PYTORCH_SAYS"]

#: The PyTorch release the messages were recorded from (and the test re-checks when installed).
PYTORCH_VERSION = "2.13.0"

#: pitfall -> the exception PyTorch raises, exactly as it prints it.
PYTORCH_SAYS = {
    "binary_cross_entropy of a logit outside [0, 1]": (
        "RuntimeError: all elements of input should be between 0 and 1"
    ),
    "cross_entropy with float class targets": (
        "RuntimeError: expected target dtype to be Long or Byte, but got Float"
    ),
    "cross_entropy with int32 class targets": (
        "RuntimeError: expected target dtype to be Long or Byte, but got Int"
    ),
    "float64 features into nn.Linear": (
        "RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float"
    ),
    "sequence logits (N, L, C) for targets (N, L)": (
        "RuntimeError: Expected target size [2, 3], got [2, 5]"
    ),
    "a negative label other than ignore_index": "IndexError: Target -1 is out of bounds.",
}
