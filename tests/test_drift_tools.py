"""The pure parts of `make wheelhouse` and `make test-latest` (the runs themselves are slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import test_latest, wheelhouse


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


def test_a_wheel_for_another_platform_is_refused():
    with pytest.raises(ValueError, match="none of the course's platforms"):
        wheelhouse.platform_of(Path("numpy-2.4.6-cp311-cp311-musllinux_1_2_aarch64.whl"))


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
    assert sizes["whole folder"] == 310


def cell(*outputs):
    return {"cell_type": "code", "outputs": list(outputs)}


def test_drift_compares_text_not_addresses_or_images():
    stored = cell(
        {"output_type": "stream", "name": "stdout", "text": ["<obj at 0x7f01>\n"]},
        {"output_type": "display_data", "data": {"image/png": "AAA", "text/plain": ["<Figure>"]}},
    )
    rerun = cell(
        {"output_type": "stream", "name": "stdout", "text": "<obj at 0x55aa>\n"},
        {"output_type": "display_data", "data": {"image/png": "BBB", "text/plain": "<Figure>"}},
    )
    assert test_latest.shown(stored) == test_latest.shown(rerun)
    changed = cell({"output_type": "stream", "name": "stdout", "text": "<obj at 0x55aa> 0.25\n"})
    assert test_latest.shown(changed) != test_latest.shown(rerun)
    warned = cell({"output_type": "stream", "name": "stderr", "text": "DeprecationWarning"})
    assert test_latest.shown(warned).startswith("stderr: ")


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            found[name.lower().replace("_", "-")] = version
    return found


def test_the_doc_tools_are_locked_beside_the_course():
    """requirements-docs.txt's pins, and what they pull in, sit in constraints-docs.txt until
    `make lock` folds both into constraints.txt; no package is pinned twice at two versions."""
    root = Path(__file__).resolve().parents[1]
    course = pins(root / "constraints.txt")
    docs = pins(root / "constraints-docs.txt")
    assert not {
        n: (course[n], docs[n]) for n in course.keys() & docs.keys() if course[n] != docs[n]
    }
    locked = course | docs
    for name, version in pins(root / "requirements-docs.txt").items():
        assert locked.get(name) == version, f"{name}: requirements-docs.txt says {version}"
