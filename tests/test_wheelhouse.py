"""The wheel folder's bookkeeping: which platform each wheel is for, and the sizes.

Building the folder and installing the course from it (the guide's plan B, run) are in
tests/test_set_up_commands.py, beside the README's install, so their pip runs overlap.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import wheelhouse


@pytest.mark.parametrize(
    ("name", "platform"),
    [
        ("numpy-2.4.6-cp311-cp311-win_amd64.whl", "Windows x86-64"),
        ("numpy-2.4.6-cp313-cp313-macosx_14_0_arm64.whl", "macOS arm64"),
        ("argon2_cffi_bindings-25.1.0-cp39-abi3-macosx_10_9_universal2.whl", "macOS arm64"),
        (
            "numpy-2.4.6-cp312-cp312-manylinux_2_27_x86_64.manylinux_2_28_x86_64.whl",
            "Linux x86-64",
        ),
        ("jupyterlab-4.6.6-py3-none-any.whl", None),
    ],
)
def test_each_wheel_counts_for_its_platform(name, platform):
    assert wheelhouse.platform_of(Path(name)) == platform


@pytest.mark.parametrize(
    "tag",
    [
        "win32",  # 32-bit Windows
        "win_arm64",
        "macosx_10_13_x86_64",  # an Intel Mac
        "manylinux_2_17_aarch64",
        "manylinux2014_i686",
        "musllinux_1_2_x86_64",  # Alpine, not the glibc Linux the course names
    ],
)
def test_a_wheel_for_another_platform_is_refused(tag):
    with pytest.raises(ValueError, match="none of the course's platforms"):
        wheelhouse.platform_of(Path(f"numpy-2.4.6-cp311-cp311-{tag}.whl"))


def test_pure_wheels_count_for_every_platform(tmp_path):
    for name, size in [
        ("a-1-py3-none-any.whl", 10),
        ("b-1-cp311-cp311-win_amd64.whl", 100),
        ("b-1-cp311-cp311-macosx_11_0_arm64.whl", 200),
    ]:
        (tmp_path / name).write_bytes(b"x" * size)
    sizes = wheelhouse.sizes(tmp_path)
    assert sizes["Windows x86-64"] == 110
    assert sizes["macOS arm64"] == 210
    assert sizes["Linux x86-64"] == 10
    assert sizes[wheelhouse.ALL] == 310
    assert sizes[wheelhouse.PURE] == 10
