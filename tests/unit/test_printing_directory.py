"""Directory sheets: one asset on a page, and a booklet with a contents list."""

from __future__ import annotations

import datetime as dt
import io
import re
import uuid

import pytest
from pypdf import PdfReader

from linkworker.domain.directory import (
    AssetDetail,
    AssetDraft,
    AssetStatus,
    Contact,
    Cost,
    Day,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.printing.directory_sheets import render_asset_sheet, render_booklet
from linkworker.printing.snapshot_builders import asset_sheet, booklet
from linkworker.printing.snapshots import AssetSheet, Booklet, PrintOptions

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime(2026, 11, 1, 10, 0)


def _asset(name: str, *, archived: bool = False, **kw: object) -> AssetDetail:
    asset_id = uuid.uuid5(uuid.NAMESPACE_DNS, name)
    draft = AssetDraft(name=name, id=asset_id, **kw)  # type: ignore[arg-type]
    return AssetDetail(
        id=asset_id, version=1, draft=draft, created_at=NOW, updated_at=NOW, archived=archived
    )


KNIT = _asset(
    "Knit and Natter at the Library",
    organisation="Cheshire West Libraries",
    description="Bring your knitting or learn from scratch. Tea and biscuits.",
    categories=("Arts and crafts",),
    cost=Cost.LOW_COST,
    cost_note="£1 a session",
    join_mode=JoinMode.SELF_REFERRAL,
    age_min=18,
    accessibility=("step_free", "hearing_loop"),
    languages=("English", "Polish"),
    waiting_list=True,
    locations=(
        Location(name="Library", address="Civic Way", town="Ellesmere Port", postcode="CH65 0BG"),
    ),
    opening_times=(OpeningTime(day=Day.WEDNESDAY, starts=dt.time(14), ends=dt.time(16, 30)),),
    contacts=(Contact(name="Ola Nowak", role="organiser", phone="0151 496 0456"),),
    website="example.org/knit",
    last_verified_on=dt.date(2026, 10, 3),
    notes="Internal: the organiser is leaving in March",
)


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_an_asset_sheet_is_one_page_with_everything_a_visitor_needs() -> None:
    pages = _pages(render_asset_sheet(asset_sheet(KNIT, TODAY)))
    assert len(pages) == 1
    for words in (
        "Knit and Natter at the Library",
        "Run by Cheshire West Libraries",
        "Bring your knitting or learn from scratch.",
        "Wednesday, 2pm to 4:30pm",
        "Library, Civic Way, Ellesmere Port, CH65 0BG",
        "Low cost: £1 a session",
        "Get in touch with them to join",
        "For people aged 18 and over",
        "Step-free access",
        "Hearing loop",
        "English, Polish",
        "There is a waiting list",
        "Ola Nowak (organiser), 0151 496 0456",
        "Website: example.org/knit",
        "Last checked it was still running: 3 October 2026",
        "Page 1 of 1",
    ):
        assert words in pages[0], words
    assert "leaving in March" not in pages[0]


def test_an_asset_with_no_address_or_anything_else_still_prints() -> None:
    bare = _asset("Phone Befriending")
    pages = _pages(render_asset_sheet(asset_sheet(bare, TODAY), PrintOptions(large_print=True)))
    assert len(pages) == 1
    assert "Phone Befriending" in pages[0]
    assert "Where" not in pages[0] and "When" not in pages[0]
    assert "We have not checked this is still running" in pages[0]


def test_a_paused_asset_says_so() -> None:
    paused = _asset("Tea Dance", status=AssetStatus.PAUSED)
    text = _pages(render_asset_sheet(asset_sheet(paused, TODAY)))[0]
    assert "Paused at the moment: check before you go" in text


@pytest.mark.parametrize(
    "options",
    [PrintOptions(), PrintOptions(large_print=True), PrintOptions(True, True, True)],
)
def test_a_booklet_lists_its_assets_with_the_right_page_numbers(options: PrintOptions) -> None:
    assets = [
        _asset(
            f"Group {i:02d}",
            description="A friendly group. " * 12,
            locations=(Location(address=f"{i} High Street"),),
        )
        for i in range(30)
    ]
    assets += [_asset("Closed Club", status=AssetStatus.CLOSED), _asset("Gone", archived=True)]
    made = booklet("Things to do in Neston", reversed(assets), TODAY)
    assert [s.name for s in made.sheets] == [f"Group {i:02d}" for i in range(30)]

    pages = _pages(render_booklet(made, options))
    assert len(pages) > 3
    assert "Things to do in Neston" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    contents = " ".join(pages[:3])
    for i in range(30):
        name = f"Group {i:02d}"
        listed = re.search(rf"{name} (\d+)", contents)
        assert listed is not None, name
        page = int(listed.group(1))
        # The entry itself starts on that page (after the contents list).
        assert f"{name} A friendly group." in pages[page - 1], (name, page)
    everything = " ".join(pages)
    assert "Closed Club" not in everything and "Gone" not in everything


def test_an_empty_booklet_still_prints() -> None:
    pages = _pages(render_booklet(Booklet(title="Nothing yet", printed_on=TODAY)))
    assert len(pages) == 1
    assert "There is nothing listed here at the moment." in pages[0]


def test_odd_text_in_a_sheet_prints_literally_or_is_left_out() -> None:
    sheet = AssetSheet(
        name="Café <b>Polska</b> & Ελληνικά 🌻",
        printed_on=TODAY,
        description="שלום مرحبا " + "long " * 2000,
        contacts=("Наталья <i>",),
    )
    pages = _pages(render_asset_sheet(sheet, PrintOptions(easy_read=True)))
    assert len(pages) > 1
    assert "Café <b>Polska</b> & Ελληνικά" in pages[0]
    assert "Наталья <i>" in " ".join(pages)
    assert "🌻" not in " ".join(pages)
