"""Printing a two-page plan: ``render_plan`` against a bare ReportLab Platypus document.

Both run in this process, interleaved, after one warm-up each (which registers
the fonts and imports ReportLab, as the first print in a session does):

- **app**: ``render_plan`` on a realistic plan snapshot that fills two A4 pages:
  three goals with steps, a place with all its details, people, appointment and
  link worker, with the app's styles, tables, "Page x of y" footer and metadata;
- **floor**: a ``SimpleDocTemplate`` holding only headings and paragraphs of the
  same kind of text, in the same embedded DejaVu Sans (a floor in Helvetica
  would mostly measure TrueType embedding, which any Unicode document needs),
  grown until it also fills two pages. No tables, no footer.

A floor in Helvetica is timed too and printed for information.

It also checks, in a fresh process, that ``import linkworker.app`` imports no
ReportLab (``python -X importtime``): printing must never slow start-up.

    python bench/printing.py
    python bench/printing.py --runs 100

Target: the app's median within 2x of the floor's, and no ReportLab at start-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate  # noqa: E402

from linkworker.printing.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from linkworker.printing.my_plan import render_plan  # noqa: E402
from linkworker.printing.snapshots import (  # noqa: E402
    PlanGoal,
    PlanPlace,
    PlanSnapshot,
    PlanStep,
    PrintOptions,
    SupportPerson,
    WorkerContact,
)

TARGET_RATIO = 2.0
TODAY = dt.date(2026, 11, 22)


def two_page_plan() -> PlanSnapshot:
    """A plan as a link worker prints it after a couple of meetings."""
    places = tuple(
        PlanPlace(
            name=name,
            what_happens="A friendly group that meets every week. Everyone is welcome, and "
            "you can just come and watch the first time. Tea and biscuits afterwards.",
            where=(f"{name} Hall, Station Road, Ellesmere Port, CH65 4AB",),
            getting_there="The 1 bus from Civic Way, then a five minute walk",
            when=("Tuesday, 10am to 12 noon", "Friday, 1:30pm to 3pm"),
            cost="Low cost: £2 a session, tea included",
            what_to_expect=("Step-free access", "Hearing loop", "Seating available"),
            how_to_join="Just turn up",
            contact=("Sue Bell (organiser), 0151 496 0123", "Email: sue@example.org"),
            going_with="Sarah is coming with me the first time",
            progress="I've agreed to give this a try",
        )
        for name in ("Grange Park Walking Group",)
    )
    return PlanSnapshot(
        name="Peggy Oyelaran-Wiśniewska",
        printed_on=TODAY,
        worker=WorkerContact(
            "Sam Patel", "Ellesmere Port Social Prescribing", "0151 496 0999", "sam@example.org"
        ),
        what_matters="Getting out of the house again since Tom died. I used to love dancing "
        "and I miss having people to talk to. I want to feel useful again.",
        strengths=("Good with my hands", "I make people laugh"),
        interests=("Dancing", "Knitting", "Crosswords"),
        goals=(
            PlanGoal(
                "Get out of the house at least twice a week",
                (
                    PlanStep("Try the walking group on Tuesday", "me", TODAY),
                    PlanStep("Find out the bus times", "my link worker", done=True),
                    PlanStep("Come with me the first time", "my daughter Sarah"),
                ),
                confidence=6,
            ),
            PlanGoal("Learn to knit a scarf for my grandson", (PlanStep("Ring the library"),), 8),
            PlanGoal("Sort out my gas bill", (PlanStep("Go to Citizens Advice", done=True),), 9),
        ),
        places=places,
        people=(
            SupportPerson("Sarah", "my daughter", "07700 900456"),
            SupportPerson("Bill", "neighbour"),
        ),
        next_appointment=dt.date(2026, 12, 3),
    )


def floor_story(paragraphs: int) -> list[Paragraph]:
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=12, leading=16.8, spaceAfter=7)
    head = ParagraphStyle("head", fontName=BOLD, fontSize=17, leading=22, spaceBefore=12)
    story: list[Paragraph] = []
    for i in range(paragraphs):
        if i % 4 == 0:
            story.append(Paragraph(f"Grange Park Walking Group {i}", head))
        story.append(
            Paragraph(
                "A friendly group that meets every week at Grange Park Hall, Station Road, "
                "Ellesmere Port. Everyone is welcome: Łucja, Gülşen and Наталья came last week.",
                body,
            )
        )
    return story


def render_floor(paragraphs: int, font: str | None = None) -> bytes:
    story = floor_story(paragraphs)
    if font is not None:
        for p in story:
            p.style = ParagraphStyle(p.style.name, parent=p.style, fontName=font)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")


def time_it(fn: Callable[[], bytes]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def startup_imports_reportlab() -> tuple[bool, str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import linkworker.app"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = [line for line in result.stderr.splitlines() if "reportlab" in line]
    return bool(found), (found[0].strip() if found else "")


def cold_first_render() -> float:
    """A fresh process: import the renderer, register fonts, print once (what the first
    print of a session costs)."""
    code = (
        "import time; t = time.perf_counter();"
        "import bench.printing as b; from linkworker.printing.my_plan import render_plan;"
        "render_plan(b.two_page_plan()); print((time.perf_counter() - t) * 1000)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    return float(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args(argv)

    register_fonts()
    plan = two_page_plan()
    app_pdf = render_plan(plan, PrintOptions())
    app_pages = pages(app_pdf)
    # Grow the floor until it fills as many pages as the plan.
    paragraphs = 4
    while pages(render_floor(paragraphs + 1)) <= app_pages:
        paragraphs += 1
    floor_pages = pages(render_floor(paragraphs))

    def app() -> bytes:
        return render_plan(plan, PrintOptions())

    def floor() -> bytes:
        return render_floor(paragraphs)

    def helvetica() -> bytes:
        return render_floor(paragraphs, "Helvetica")

    for fn in (app, floor, helvetica):
        fn()  # warm-up
    timings: dict[str, list[float]] = {"app": [], "floor": [], "helvetica": []}
    for _ in range(args.runs):
        timings["app"].append(time_it(app))
        timings["floor"].append(time_it(floor))
        timings["helvetica"].append(time_it(helvetica))

    median = {k: statistics.median(v) for k, v in timings.items()}
    ratio = median["app"] / median["floor"]
    print(f"plan: {app_pages} pages; floor: {floor_pages} pages of {paragraphs} paragraphs")
    print(f"runs: {args.runs} each, interleaved, after a warm-up")
    for name in ("app", "floor", "helvetica"):
        values = sorted(timings[name])
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"  {name:<10} median {median[name]:7.1f} ms   95th {p95:7.1f} ms")
    print(
        f"  ratio app/floor {ratio:.2f}x"
        f" (app/Helvetica floor {median['app'] / median['helvetica']:.2f}x)"
    )
    print(
        f"  first print in a fresh process (imports, fonts, render): {cold_first_render():.0f} ms"
    )

    imports, line = startup_imports_reportlab()
    print(f"import linkworker.app loads ReportLab: {'YES: ' + line if imports else 'no'}")

    ok = ratio <= TARGET_RATIO and not imports and app_pages == 2
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict}: median within {TARGET_RATIO}x of the floor and no ReportLab at start-up")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
