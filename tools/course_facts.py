"""Facts about the course, read from the notebooks themselves, for the instructor guide.

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
BEGIN, END = "<!-- BEGIN GENERATED: {} -->", "<!-- END GENERATED: {} -->"

# Planning choices of the guide (not facts about a notebook): fixed slots in minutes, estimates.
WELCOME_MIN, WRAP_UP_MIN = 5, 5
WELCOME_90_MIN = 3  # the 90-minute version: a shorter welcome, the same wrap-up
BREAKS_3H = {"02_entropy": 5, "04_likelihood": 5}  # a break after these notebooks
# Activities after a notebook in the 3-hour version: (slot, what, minutes).
ACTIVITIES_3H = {
    "02_entropy": ("Shannon's game", "in pairs: one types, one says why (section 9 of 02)", 5)
}
SHORT_MIN = {  # the 90-minute version: minutes per notebook when demoing instead of running everything
    "00_start": 3,
    "01_surprise": 8,
    "02_entropy": 12,
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
        for m in re.finditer(r"^\| (\d\d_\w+)\.ipynb \| ([\d.]+) \|$", RESULTS.read_text(), re.M)
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
    if "--write" in argv:
        GUIDE.write_text(fresh)
        print(f"wrote {GUIDE.relative_to(ROOT)}")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
