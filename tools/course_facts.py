"""Facts about the course, read from the notebooks themselves, for the instructor guide.

    python tools/course_facts.py --write   # refresh the generated parts of docs/instructor-guide.md
    python tools/course_facts.py --check   # exit 1 if they are out of date (the tests do this)

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

# Planning choices of the guide (not facts about a notebook): fixed slots in minutes.
WELCOME_MIN, WRAP_UP_MIN = 5, 5
BREAKS_3H = {"02_entropy": 10, "04_likelihood": 5}  # a break after these notebooks
SHORT_MIN = {  # the 90-minute version: minutes per notebook when demoing instead of running everything
    "00_start": 3,
    "01_surprise": 10,
    "02_entropy": 15,
    "03_cross_entropy": 20,
    "04_likelihood": 15,
    "05_training": 20,
}
BREAKS_90 = {"03_cross_entropy": 5}

# The live demo and the question to the room, per notebook (the guide's own words).
DEMOS = {
    "00_start": (
        "Run the set-up check together; everyone should see only ✓ lines.",
        "How many yes/no questions does it take to find a one-in-a-million event? (Then run the first-taste cell.)",
        "Skip the 'how to use a notebook' section; point to it.",
    ),
    "01_surprise": (
        "The surprise widget: halve p from 0.5 to 0.25 to 0.12 and let the room notice that each halving adds one bit, while 1/p doubles.",
        "Is surprise proportional to 1/p? What is the surprise of an impossible event?",
        "Skip exercises 2 and 3 and the `qu` section; keep exercise 1.",
    ),
    "02_entropy": (
        "Run the Huffman cell live: the measured bits per letter land between H and H + 1. Then the entropy ladder plot.",
        "Does a distribution over more outcomes always have more entropy? (Vote before the misconception cell.)",
        "Demo the widget instead of running section 2; skip exercises 2 and 3.",
    ),
    "03_cross_entropy": (
        "The wrong-code table (section 1), then the cross-entropy widget: move the prediction towards the label and watch KL reach 0; switch to the soft target and watch H(p, q) stop at H(p).",
        "Is cross-entropy the entropy of the prediction? Is it symmetric?",
        "Show the CE-vs-MSE plot without the derivation; skip section 6 and exercise 3.",
    ),
    "04_likelihood": (
        "Section 3: the product of 2000 probabilities prints 0.0, the sum of logs does not. Then the held-out table where the unsmoothed bigram model scores inf.",
        "If a model has a higher likelihood on the training data, is it the better model?",
        "Skip section 1's integral and exercises 2 and 3; show the smoothing plot only.",
    ),
    "05_training": (
        "The training explorer: switch to the confidently wrong start and compare the two learning curves.",
        "From a bad start, which loss reaches 90% first? (Exercise 3: vote, then run the check.)",
        "Skip the live-training cell and section 6 (calibration); keep the gradient check and section 4.",
    ),
}


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
    if not short:
        rows.append(("welcome", "Binder link, `00_start` set-up check", WELCOME_MIN))
    for f in facts:
        run = _minutes(secs.get(f["stem"], 0.0))
        if short:
            minutes = SHORT_MIN[f["stem"]] + run
            rows.append(
                (
                    f["name"],
                    f"demo + {SHORT_MIN[f['stem']]} min planned, Run All {run} min",
                    minutes,
                )
            )
            if f["stem"] in BREAKS_90:
                rows.append(("break", "", BREAKS_90[f["stem"]]))
        else:
            if f["workshop_min"] is None:
                continue  # the start notebook is the welcome slot
            minutes = f["workshop_min"] + run
            rows.append(
                (
                    f["name"],
                    f"{f['workshop_min']} min stated in the notebook, Run All {run} min",
                    minutes,
                )
            )
            if f["stem"] in BREAKS_3H:
                rows.append(("break", "", BREAKS_3H[f["stem"]]))
    if not short:
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
    per_nb = []
    for f in facts:
        demo, question, late = DEMOS[f["stem"]]
        part = [f"### {f['name']} — {f['title']}", ""]
        if f["objectives"]:
            part += ["**Objectives:**", *[f"- {o}" for o in f["objectives"]], ""]
        part += [f"**Demo live:** {demo}", "", f"**Ask the room:** {question}", ""]
        if f["misconceptions"]:
            part += [
                "**Misconceptions it corrects** (each with a computed example in the notebook):",
                *[f"- “{m}”" for m in f["misconceptions"]],
                "",
            ]
        if f["exercises"]:
            part += [
                "**Exercises** (tested solutions are folded under *Solution* below each one; "
                "`tests/test_exercises.py` runs them):",
                *[f"- {e}" for e in f["exercises"]],
                "",
            ]
        if f["widgets"]:
            part += [f"**Widgets:** {', '.join(f'`h.{w}`' for w in f['widgets'])}", ""]
        part += [f"**If you are running late:** {late}", ""]
        per_nb.append("\n".join(part))
    return {
        "timings": "\n".join(timing),
        "schedule-3h": _schedule_markdown(facts, short=False),
        "schedule-90min": _schedule_markdown(facts, short=True),
        "notebooks": "\n".join(per_nb).rstrip(),
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
    if "--check" in argv:
        if fresh != current:
            print("docs/instructor-guide.md is out of date: run `make docs`")
            return 1
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
