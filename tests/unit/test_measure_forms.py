"""Blank paper forms of the outcome measures: the published words, a Declined box for every
question, lines for name, date and timepoint, one page a measure, and large print."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from linkworker.domain.outcomes import ITEMS, ONS4_INTRODUCTION, Measure
from linkworker.printing.measure_forms import PUBLISHED, render_measure_forms
from linkworker.printing.snapshots import PrintOptions

TODAY = dt.date(2026, 12, 7)
QUESTIONS = {
    Measure.ONS4: [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "Overall, how anxious did you feel yesterday?",
    ],
    Measure.UCLA3: [
        "How often do you feel that you lack companionship?",
        "How often do you feel left out?",
        "How often do you feel isolated from others?",
    ],
    Measure.LONELY: ["How often do you feel lonely?"],
    Measure.CONNECTION: [
        "Does what we did leave you better informed?",
        "Does what we did leave you more confident of your own capacity?",
        "Does what we did leave you better connected to the people around you?",
    ],
}
ANSWERS = {
    Measure.UCLA3: ["Hardly ever or never", "Some of the time", "Often"],
    Measure.LONELY: ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"],
    Measure.CONNECTION: ["Yes", "Partly", "No", "Not sure"],
}


def _pages(pdf: bytes) -> list[str]:
    """Each page's text with its line breaks made spaces (a question may wrap)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _sizes(pdf: bytes, words: str) -> set[float]:
    """The font sizes the page text containing ``words`` is set in."""
    found: set[float] = set()

    def visit(text: str, _cm: Any, tm: Any, _font: Any, size: float) -> None:
        if words in text:
            found.add(round(size * tm[0], 1))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def standard() -> bytes:
    return render_measure_forms(PUBLISHED, PrintOptions(), TODAY)


def test_each_measure_has_a_page_of_its_own_in_its_published_words(standard: bytes) -> None:
    pages = _pages(standard)
    assert len(pages) == len(PUBLISHED)
    for page, measure in zip(pages, PUBLISHED, strict=True):
        for question in QUESTIONS[measure]:
            assert question in page
        for answer in ANSWERS.get(measure, []):
            assert f"☐ {answer}" in page
        # One Declined box a question, and lines for who, when and which timepoint.
        assert page.count("☐ Declined") == len(QUESTIONS[measure])
        assert "Name" in page and "Date" in page
        assert "☐ Baseline" in page and "☐ Review" in page and "☐ Closing" in page
        assert "What they said about it" in page
    # The forms print the domain's wording: the two are one text.
    assert [i.question for i in ITEMS[Measure.ONS4]] == QUESTIONS[Measure.ONS4]


def test_ons4_has_its_introduction_and_numbers_to_circle(standard: bytes) -> None:
    ons4 = _pages(standard)[0]
    assert " ".join(ONS4_INTRODUCTION.split()) in ons4
    assert "0 1 2 3 4 5 6 7 8 9 10" in ons4
    assert ons4.count("0 = not at all") == 4 and ons4.count("10 = completely") == 4


def test_large_print_sets_the_questions_bigger_and_at_least_16_point(standard: bytes) -> None:
    large = render_measure_forms(PUBLISHED, PrintOptions(large_print=True), TODAY)
    question = "How often do you feel left out?"
    normal_sizes, large_sizes = _sizes(standard, question), _sizes(large, question)
    assert normal_sizes and large_sizes
    assert min(large_sizes) >= 16 > max(normal_sizes)
    assert min(_sizes(large, "Declined")) >= 16
    whole = " ".join(_pages(large))
    for measure in PUBLISHED:
        for question in QUESTIONS[measure]:
            assert question in whole


def test_only_the_measures_asked_for_are_printed_and_the_other_measure_has_lines() -> None:
    pages = _pages(render_measure_forms([Measure.LONELY, Measure.OTHER], PrintOptions(), TODAY))
    assert len(pages) == 2
    assert "How often do you feel lonely?" in pages[0]
    assert "Overall, how" not in " ".join(pages)
    assert "Other measure" in pages[1] and "Measure" in pages[1] and "Score" in pages[1]
