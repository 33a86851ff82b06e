"""Regenerate every data file shipped in helpers/data/ from its named source.

    python tools/make_data.py            # all data sets
    python tools/make_data.py text       # one of: text, letters, names, digits

Sources (see helpers/data/README.md for licences):
- text:    Debian package `bible-kjv` (`apt-get install bible-kjv`), command `bible`
- letters: PyPI `wordfreq==3.1.1` (word frequencies, data inside the wheel)
- names:   PyPI `names==0.3.0` (US Census 1990 first-name lists inside the package)
- digits:  PyPI `scikit-learn` (`sklearn.datasets.load_digits`, the UCI 8x8 digits)
Install the Python ones with `pip install -r tools/requirements-data.txt`.
"""

from __future__ import annotations

import gzip
import io
import re
import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "helpers" / "data"
LANGUAGES = ("en", "de", "fr", "es", "it", "pl", "fi")
TOP_WORDS = 30_000


def make_text() -> None:
    """Genesis and Exodus, King James Version, one verse per line, references removed."""
    raw = subprocess.run(
        ["bible", "-f", "Genesis 1:1-Exodus 40:38"], capture_output=True, text=True, check=True
    ).stdout
    verses = [re.sub(r"^\S+\d+:\d+\s+", "", line).strip() for line in raw.splitlines()]
    text = "\n".join(v for v in verses if v) + "\n"
    buf = io.BytesIO()
    with gzip.GzipFile(
        fileobj=buf, mode="wb", mtime=0, filename=""
    ) as fh:  # mtime=0: same bytes every run
        fh.write(text.encode("utf-8"))
    (DATA / "kjv_genesis_exodus.txt.gz").write_bytes(buf.getvalue())


def _fold(word: str) -> str:
    """Map a word to a-z: accents dropped (é -> e), ß -> ss, other letters removed."""
    word = word.lower().replace("ß", "ss").replace("ł", "l")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if ch in string.ascii_lowercase)


def make_letters() -> None:
    """Letter frequencies a-z per language: letters of the top words weighted by word frequency."""
    import wordfreq

    rows = {}
    for lang in LANGUAGES:
        counts = dict.fromkeys(string.ascii_lowercase, 0.0)
        for word in wordfreq.top_n_list(lang, TOP_WORDS):
            weight = wordfreq.word_frequency(word, lang)
            for ch in _fold(word):
                counts[ch] += weight
        total = sum(counts.values())
        rows[lang] = {ch: c / total for ch, c in counts.items()}
    lines = ["letter," + ",".join(LANGUAGES)]
    for ch in string.ascii_lowercase:
        lines.append(ch + "," + ",".join(f"{rows[lang][ch]:.10f}" for lang in LANGUAGES))
    (DATA / "letter_frequencies.csv").write_text("\n".join(lines) + "\n")


def make_names() -> None:
    """Unique first names (lower case), union of the census male and female lists."""
    import names

    folder = Path(names.__file__).parent
    found = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (folder / fname).read_text().splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    (DATA / "names_us_census_1990.txt").write_text("\n".join(sorted(found)) + "\n")


def make_digits() -> None:
    """The 1,797 UCI 8x8 digits as uint8 (pixel values 0..16) with their labels."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = digits.images.astype(np.uint8)
    assert np.array_equal(images, digits.images), "pixel values are integers 0..16"
    np.savez_compressed(
        DATA / "digits_8x8.npz", images=images, labels=digits.target.astype(np.uint8)
    )


MAKERS = {"text": make_text, "letters": make_letters, "names": make_names, "digits": make_digits}


def main(which: list[str]) -> int:
    for name in which or list(MAKERS):
        MAKERS[name]()
        print(f"made {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
