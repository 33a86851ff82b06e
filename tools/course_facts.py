"""Facts about the course, read from the notebooks themselves, for the instructor guide,
and the README's speed summary, read from benchmarks/RESULTS.md.

    python tools/course_facts.py --write   # refresh the generated tables of docs/instructor-guide.md

Only tables are generated (between ``<!-- BEGIN GENERATED: name -->`` markers); the guide's
prose is markdown, edited by hand. ``tests/test_docs.py`` fails when a table is stale.

Times: each notebook's "Time:" line (minutes for self-study and for a workshop) plus its
measured execution time from benchmarks/RESULTS.md (written by `make bench`).
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GUIDE = ROOT / "docs" / "instructor-guide.md"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
README = ROOT / "README.md"
BEGIN, END = "<!-- BEGIN GENERATED: {} -->", "<!-- END GENERATED: {} -->"

# Planning choices of the guide (not facts about a notebook): fixed slots in minutes, estimates.
WELCOME_MIN, WRAP_UP_MIN = 5, 5
WELCOME_90_MIN = 3  # the 90-minute version: a shorter welcome, the same wrap-up
BREAKS_3H = {"02b_english": 5, "04_likelihood": 5}  # a break after these notebooks
# Activities after a notebook in the 3-hour version: (slot, what, minutes).
# (02b's own workshop minutes include its 5 minutes of Shannon's game in pairs.)
ACTIVITIES_3H: dict[str, tuple[str, str, int]] = {}
SHORT_MIN = {  # the 90-minute version: minutes per notebook when demoing instead of running everything
    "00_start": 3,
    "01_surprise": 8,
    "02_entropy": 8,
    "02b_english": 6,
    "03_cross_entropy": 16,
    "04_likelihood": 12,
    "05_training": 20,  # the 40-minute workshop less the guide's late cut for 05 (20 minutes)
}
BREAKS_90 = {"03_cross_entropy": 5}


def _markdown(nb: dict) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def notebook_facts(path: Path) -> dict:
    nb = json.loads(path.read_text())
    md = _markdown(nb)
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    time_match = re.search(
        r"\*\*Time:\*\* about (\d+) minutes on your own; (\d+) minutes in a workshop", md
    )
    learn = re.search(r"\*\*You will learn\*\*\n((?:- .*\n?)+)", md)
    misconceptions_part = (
        md.split("## Common misconceptions", 1)[1] if "## Common misconceptions" in md else ""
    )
    misconceptions_part = misconceptions_part.split("## Key points", 1)[0]
    return {
        "stem": path.stem,
        "name": path.name,
        "title": re.search(r"^# (.+)$", md, re.M).group(1),
        "self_min": int(time_match.group(1)) if time_match else None,
        "workshop_min": int(time_match.group(2)) if time_match else None,
        "objectives": [line[2:].strip() for line in learn.group(1).splitlines()] if learn else [],
        "exercises": re.findall(r"^### (Exercise \d.*)$", md, re.M),
        "misconceptions": re.findall(r'^\*\*"(.+?)"\*\*', misconceptions_part, re.M),
        "widgets": sorted(set(re.findall(r"h\.(\w+_explorer)\(", code))),
    }


def all_facts() -> list[dict]:
    return [notebook_facts(p) for p in sorted(NOTEBOOKS.glob("*.ipynb"))]


def measured_seconds() -> dict[str, float]:
    """Execution time of each notebook in a fresh kernel, from benchmarks/RESULTS.md."""
    if not RESULTS.exists():
        return {}
    return {
        m.group(1): float(m.group(2))
        for m in re.finditer(
            r"^\| (\d\d[a-z]?_\w+)\.ipynb \| ([\d.]+) \|$", RESULTS.read_text(), re.M
        )
    }


def _minutes(seconds: float) -> float:
    return math.ceil(seconds / 6) / 10  # round up to a tenth of a minute


def schedule(facts: list[dict], short: bool) -> tuple[list[tuple[str, str, float]], float]:
    """Rows (slot, what, minutes) and the total, in reading order."""
    secs = measured_seconds()
    rows = []
    if short:
        rows.append(
            (
                "welcome",
                "the link on the first slide; who you are, what the 90 minutes hold",
                WELCOME_90_MIN,
            )
        )
    else:
        rows.append(("welcome", "Binder link, `00_start` set-up check", WELCOME_MIN))
    breaks = BREAKS_90 if short else BREAKS_3H
    for f in facts:
        run = _minutes(secs.get(f["stem"], 0.0))
        # The 90-minute version demos each notebook for a planned time; the 3-hour one
        # takes the notebook's own workshop time (the start notebook is the welcome slot).
        planned = SHORT_MIN[f["stem"]] if short else f["workshop_min"]
        if planned is None:
            continue
        how = (
            f"demo + {planned} min planned (estimate)"
            if short
            else f"{planned} min stated in the notebook (estimate)"
        )
        rows.append((f["name"], f"{how}, Run All {run} min (measured)", planned + run))
        if not short and f["stem"] in ACTIVITIES_3H:
            rows.append(ACTIVITIES_3H[f["stem"]])
        if f["stem"] in breaks:
            rows.append(("break", "", breaks[f["stem"]]))
    rows.append(("wrap-up", "key points of 05, questions", WRAP_UP_MIN))
    return rows, round(sum(r[2] for r in rows), 1)


def _schedule_markdown(facts: list[dict], short: bool) -> str:
    rows, total = schedule(facts, short)
    clock, out = 0.0, ["| starts at (min) | slot | what | minutes |", "|---|---|---|---|"]
    for slot, what, minutes in rows:
        out.append(f"| {clock:.1f} | {slot} | {what} | {minutes:.1f} |")
        clock += minutes
    out.append(f"| | **total** | | **{total:.1f}** |")
    return "\n".join(out)


def generated_sections(facts: list[dict]) -> dict[str, str]:
    secs = measured_seconds()
    timing = [
        "| notebook | self-study (min) | workshop (min) | Run All, measured (s) |",
        "|---|---|---|---|",
    ]
    for f in facts:
        measured = f"{secs[f['stem']]:.1f}" if f["stem"] in secs else "not measured"
        timing.append(
            f"| {f['name']} | {f['self_min'] or '–'} | {f['workshop_min'] or '–'} | {measured} |"
        )
    timing.append(
        f"| **all** | **{sum(f['self_min'] or 0 for f in facts)}** | **{sum(f['workshop_min'] or 0 for f in facts)}** | **{sum(secs.values()):.1f}** |"
    )
    contents = [
        "| notebook | exercises | misconceptions it corrects (each computed) | widgets |",
        "|---|---|---|---|",
    ]
    for f in facts:
        cells = (
            "<br>".join(f["exercises"]) or "–",
            "<br>".join(f"“{m}”" for m in f["misconceptions"]) or "–",
            ", ".join(f"`h.{w}`" for w in f["widgets"]) or "–",
        )
        contents.append(f"| {f['name']} | " + " | ".join(cells) + " |")
    return {
        "timings": "\n".join(timing),
        "schedule-3h": _schedule_markdown(facts, short=False),
        "schedule-90min": _schedule_markdown(facts, short=True),
        "contents": "\n".join(contents),
    }


def _tables(text: str) -> list[list[dict[str, str]]]:
    """Every markdown table of ``text``, as rows keyed by the header's cells."""
    tables, lines = [], text.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.startswith("|") and lines[i + 1].startswith("|---"):
            header = [c.strip() for c in line.strip("|").split("|")]
            rows = []
            for row in lines[i + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(
                    dict(zip(header, (c.strip() for c in row.strip("|").split("|")), strict=True))
                )
            tables.append(rows)
    return tables


def _median(cell: str) -> str:
    return cell.split()[0]


def _span(values: list[str], unit: str = "") -> str:
    low, high = min(values, key=float), max(values, key=float)
    return f"{low}{unit}" if low == high else f"{low}–{high}{unit}"


def readme_speed(results: str) -> str:
    """The README's speed summary, every number read from benchmarks/RESULTS.md."""
    machine = re.search(r"Machine: ([^,]+), SIMD level (\S+) .*?, (\d+) cores", results)
    kernel, accuracy, memory, coder, training, notebooks, widgets = _tables(results)[:7]
    few = [r for r in kernel if r["shape, dtype"].split("×")[1].split(",")[0] == "10"]
    many = [r for r in kernel if r not in few]
    ratio = "helpers / torch 1-thread"
    err = {
        dtype: max((r["relative error"] for r in accuracy if dtype in r["shape, dtype"]), key=float)
        for dtype in ("float32", "float64")
    }
    classes = " and ".join(
        f"{int(c):,}".replace(",", " ")
        for c in sorted({r["shape, dtype"].split("×")[1].split(",")[0] for r in many}, key=int)
    )
    steps = {r["step"]: _median(r["seconds"]) for r in coder}
    letters = re.search(r"^([\d,]+) letters", results, re.M)[1].replace(",", " ")
    by = {r["trainer"].split()[0]: _median(r["time to 95% test accuracy (s)"]) for r in training}
    sklearn = by["scikit-learn"]
    seconds = {r["notebook"].strip("*"): r["seconds"].strip("*") for r in notebooks}
    total = seconds.pop("all notebooks")
    longest = max(seconds, key=lambda k: float(seconds[k]))
    moved = {(r["widget"], r["control moved"]): _median(r["update (ms)"]) for r in widgets}
    redraws = [
        v
        for (w, c), v in moved.items()
        if (w, c) not in {("likelihood_explorer", "heads"), ("training_explorer", "lr_mse")}
    ]
    return "\n".join(
        [
            f"From [`benchmarks/RESULTS.md`](benchmarks/RESULTS.md) ({machine[3]} cores, {machine[1]} with {machine[2]}; medians of interleaved",
            "runs — the ratios depend on the CPU's SIMD level, which the file names):",
            "",
            f"- The loss, `helpers.cross_entropy_from_logits`, takes {_span([r[ratio].rstrip('×') for r in many], '×')} the time of PyTorch's CPU `cross_entropy` on",
            f"  one thread for {classes} classes, and {_span([r[ratio].rstrip('×') for r in few], '×')} for 10 classes; it stays within {_span([r['helpers / exp pass'].rstrip('×') for r in kernel], '×')} of a single",
            f"  `np.exp` pass, and its error against an extended-precision reference is at most {err['float32']} (float32) and",
            f"  {err['float64']} (float64), with under 1 MiB of extra memory."
            if max(float(r["peak extra (MiB)"]) for r in memory) < 1
            else f"  {err['float64']} (float64).",
            f"- The arithmetic coder codes the {letters} letters of the shipped text in {steps['encode']} s and decodes them in {steps['decode']} s.",
            f"- Training softmax regression on the digits to 95% test accuracy: {by['course']} s with the course's trainer, {by['PyTorch']} s with",
            f"  the same model in PyTorch, {sklearn} s{' (under 5 ms)' if float(sklearn) < 0.005 else ''} with scikit-learn's `LogisticRegression`.",
            f"- All six notebooks run in {total} s together ({longest.removesuffix('.ipynb')}, the longest, in {seconds[longest]} s). Moving a widget's control",
            f"  redraws it in {_span(redraws, ' ms')}; changing the coin's counts in the likelihood widget draws new curves",
            f"  ({moved['likelihood_explorer', 'heads']} ms), and the training widget retrains two models ({moved['training_explorer', 'lr_mse']} ms).",
        ]
    )


def render(text: str, sections: dict[str, str]) -> str:
    for key, body in sections.items():
        pattern = re.compile(
            re.escape(BEGIN.format(key)) + r".*?" + re.escape(END.format(key)), re.S
        )
        if not pattern.search(text):
            raise SystemExit(f"{GUIDE} has no markers for the generated section {key!r}")
        text = pattern.sub(
            lambda _m, k=key, b=body: f"{BEGIN.format(k)}\n{b}\n{END.format(k)}", text
        )
    return text


def main(argv: list[str]) -> int:
    current = GUIDE.read_text()
    fresh = render(current, generated_sections(all_facts()))
    readme = render(README.read_text(), {"speed": readme_speed(RESULTS.read_text())})
    if "--write" in argv:
        GUIDE.write_text(fresh)
        README.write_text(readme)
        print(f"wrote {GUIDE.relative_to(ROOT)} and {README.relative_to(ROOT)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
