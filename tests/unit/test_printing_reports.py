"""Reports on paper: what is on the face, every figure, table, chart and story, and the file."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

from pypdf import PdfReader
from report_samples import PASSAGES, TEAM, activity, empty, reach_with_long_table, stories

from linkworker.domain.reports import Chart, ChartKind, Period, Report, ReportKind, Table
from linkworker.printing.report_pdf import render_report, write_report_pdf


def _pages(pdf: bytes) -> list[str]:
    return [
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def _text(pdf: bytes) -> str:
    return " ".join(_pages(pdf))


def test_the_face_carries_the_team_the_period_and_the_date_made() -> None:
    text = _text(render_report(activity()))
    assert "Activity" in text
    assert "November 2026" in text
    assert TEAM in text
    assert "1 November 2026 to 30 November 2026" in text
    assert "7 December 2026 by Sam Okafor" in text
    assert "Printed 7 December 2026" in text
    assert "Page 1 of" in text


def test_every_headline_figure_table_row_and_small_number_is_printed() -> None:
    report = activity()
    text = _text(render_report(report))
    for figure in report.headline:
        assert figure.label in text
        assert figure.value in text
    for table in report.tables:
        assert table.title in text
        for row in table.rows:
            assert str(row[0]) in text
    assert "Follow-up 61 58 19 24 162" in text
    assert "Moved away fewer than 5 fewer than 5" in text
    assert "871731000000106 Referral to social prescribing service 41" in text


def test_charts_are_drawn_with_their_titles_and_numbers() -> None:
    text = _text(render_report(activity()))
    for chart in activity().charts:
        assert chart.title in text
    assert "Face to face 93 contacts (39%)" in text  # the pie's legend
    assert "shown as \u201cfewer than 5\u201d" in text  # under a chart with hidden values


def test_what_could_not_be_counted_is_printed_when_there_is_any() -> None:
    text = _text(render_report(activity()))
    assert "Some things could not be counted" in text
    assert "What could not be counted" in text
    assert "3 contacts have no date and are not counted." in text
    assert "could not be counted" not in _text(render_report(stories()))


def test_a_long_table_runs_over_several_pages_with_its_headings_on_each() -> None:
    pages = _pages(render_report(reach_with_long_table()))
    assert len(pages) >= 3
    holding = [n for n, page in enumerate(pages) if "CH6" in page]
    assert len(holding) >= 2
    for n in holding:
        assert "Sector People" in pages[n]
    assert "CH71 9 fewer than 5" in " ".join(pages)


def test_the_stories_are_printed_whole() -> None:
    text = _text(render_report(stories()))
    for passage in PASSAGES:
        assert " ".join(passage.split()) in text
    assert "anonymised" in text


def test_an_empty_report_says_there_is_nothing_to_report() -> None:
    pdf = render_report(empty())
    assert len(_pages(pdf)) == 1
    assert "There is nothing to report for this period" in _text(pdf)


def test_a_report_of_one_day_and_names_in_any_script_print() -> None:
    day = Period(dt.date(2026, 11, 3), dt.date(2026, 11, 3))
    report = Report(
        ReportKind.REACH,
        day,
        "Zespół Łączników <Wschód> & co",
        dt.date(2026, 11, 4),
        tables=(Table("By language", ("Language", "People"), (("Polski", 6), ("Ελληνικά", None))),),
        charts=(
            Chart("Nothing hidden", ChartKind.PIE, ("A", "B"), (("People", (None, None)),)),
            Chart("A gap", ChartKind.LINE, ("Sep", "Oct", "Nov"), (("People", (7, None, 9)),)),
            Chart("No categories", ChartKind.BAR, (), ()),
        ),
    )
    text = _text(render_report(report))
    assert "3 November 2026" in text
    assert "Zespół Łączników <Wschód> & co" in text
    assert "Ελληνικά" in text


def test_the_saved_file_is_for_the_user_alone(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    path = folder / "activity.pdf"
    write_report_pdf(activity(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _text(path.read_bytes()).count(TEAM) >= 1
    assert list(folder.iterdir()) == [path]  # no part-written file left beside it


def test_a_chart_of_changes_below_nought_has_room_for_them() -> None:
    from linkworker.domain.reports import Chart, ChartKind
    from linkworker.printing.report_charts import _bottom

    change = Chart("Mean change", ChartKind.BAR, ("Happiness", "Anxiety"), (("", (0.8, -0.9)),))
    assert -1.5 <= _bottom(change) <= -0.9
    counts = Chart("People", ChartKind.BAR, ("A", "B"), (("", (3, None)),))
    assert _bottom(counts) == 0


def _counted(kind: ChartKind, hidden: tuple[str, ...] = ()) -> Chart:
    return Chart(
        "Where places had got to",
        kind,
        ("Attended", "Still going", "Stopped"),
        (("Places", (12.0, None, None)),),
        "places",
        hidden=hidden,
    )


def test_a_hidden_bar_has_no_height_and_its_name_says_why() -> None:
    chart = _counted(ChartKind.BAR, ("", "fewer than 5", "not shown"))
    assert chart.category_labels == (
        "Attended",
        "Still going (fewer than 5)",
        "Stopped (not shown)",
    )
    # With no reasons given, a category with no value at all is fewer than 5.
    assert _counted(ChartKind.BAR).category_labels[1] == "Still going (fewer than 5)"
    stacked = Chart(
        "Answers", ChartKind.STACKED_BAR, ("Informed",), (("Yes", (7.0,)), ("No", (None,)))
    )
    assert stacked.category_labels == ("Informed (part not shown)",)
    line = Chart("By month", ChartKind.LINE, ("Jan", "Feb"), (("Referrals", (6.0, None)),))
    assert line.category_labels == ("Jan", "Feb")  # a break in the line, names as they are
    report = Report(ReportKind.CONNECTIONS, Period.month(2026, 11), TEAM, dt.date(2026, 12, 7),
                    charts=(chart, _counted(ChartKind.PIE, chart.hidden)))  # fmt: skip
    text = _text(render_report(report))
    assert "Still going (fewer than 5)" in text and "Stopped (not shown)" in text
    assert text.count("Still going (fewer than 5)") == 2  # the bars' names and the pie's legend
