"""The shipped font, and the gate user text passes before it reaches a page."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import subprocess
import sys
import threading
import unicodedata
from typing import Any

import pytest
from pypdf import PdfReader

from linkworker.printing.fonts import (
    BOLD,
    FONT_FILES,
    MISSING_LETTER,
    REGULAR,
    coverage,
    printable,
    register_fonts,
    safe_text,
)
from linkworker.printing.my_plan import render_plan
from linkworker.printing.snapshots import PlanGoal, PlanSnapshot, PrintOptions, WorkerContact

NAMES = ("Łucja Wiśniewska", "Gülşen Öztürk", "Αλέξανδρος", "Наталья")


def _plan(name: str, *, goals: tuple[str, ...] = ("Walk to the shop",)) -> bytes:
    snapshot = PlanSnapshot(
        name=name,
        printed_on=dt.date(2026, 11, 22),
        worker=WorkerContact("Sam Patel"),
        goals=tuple(PlanGoal(words=g) for g in goals),
    )
    return render_plan(snapshot, PrintOptions())


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_fonts_and_their_licence_ship_in_resources() -> None:
    folder = importlib.resources.files("linkworker.resources").joinpath("fonts")
    for filename in FONT_FILES.values():
        assert folder.joinpath(filename).read_bytes()[:4] == b"\x00\x01\x00\x00"
    licence = folder.joinpath("DejaVu-LICENSE.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence and "Permission is hereby granted" in licence


def test_registration_is_idempotent_and_safe_from_many_threads() -> None:
    from reportlab.pdfbase import pdfmetrics

    errors: list[BaseException] = []

    def register() -> None:
        try:
            register_fonts()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=register) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    register_fonts()
    assert errors == []
    for name in FONT_FILES:
        assert pdfmetrics.getFont(name).fontName == name
    assert pdfmetrics.getRegisteredFontNames().count(REGULAR) == 1


def test_the_font_covers_the_scripts_people_write_their_names_in() -> None:
    covered = coverage()
    for name in (*NAMES, "İstanbul ığüşöç", "Žofie Dvořáková", "François Müller", "Ñuñez"):
        missing = [ch for ch in name if ord(ch) not in covered]
        assert missing == [], name


def test_markup_in_user_text_is_escaped() -> None:
    assert safe_text("<b>hi</b> & <font>") == "&lt;b&gt;hi&lt;/b&gt; &amp; &lt;font&gt;"
    assert safe_text("&amp;") == "&amp;amp;"


def test_characters_the_font_lacks_are_replaced_not_boxed() -> None:
    covered = coverage()
    text = "Zoë 🌻🫶 中文 ＡＢ\x00\x07 ok"
    out = printable(text)
    assert all(ord(ch) in covered or ch == "\n" for ch in out)
    # Emoji left out; letters the font lacks become a visible mark; full-width letters fold.
    assert out == f"Zoë  {MISSING_LETTER * 2} AB ok"


def test_decomposed_accents_are_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Wiśniewska")
    assert decomposed != "Wiśniewska"
    assert printable(decomposed) == "Wiśniewska"


def test_line_breaks_are_kept_only_when_asked() -> None:
    assert safe_text("one\r\ntwo\nthree", line_breaks=True) == "one<br/>two<br/>three"
    assert safe_text("one\r\ntwo") == "one two"


def test_phone_numbers_and_postcodes_do_not_break_across_lines() -> None:
    assert safe_text("Ring 0151 496 0123, CH65 4AB") == "Ring 0151\xa0496\xa00123, CH65\xa04AB"


def test_names_in_many_scripts_print_and_read_back_exactly() -> None:
    for name in NAMES:
        assert name in _text(_plan(name)), name


def test_right_to_left_and_emoji_names_print_without_crashing() -> None:
    pdf = _plan("שרה כהן 😀 سارة 🫶", goals=("אני רוצה ללכת", "أريد أن أمشي"))
    text = _text(pdf)
    # ReportLab does not reorder right-to-left text; the letters are all there.
    for letter in "שרהכןאנירוצללכת":
        assert letter in text
    assert "🫶" not in text


def test_documents_embed_dejavu_subsets_and_no_standard_font() -> None:
    reader = PdfReader(io.BytesIO(_plan("Łucja Wiśniewska")))
    base_fonts: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            base_fonts.add(str(font["/BaseFont"]))
            assert font["/Subtype"] == "/TrueType"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert base_fonts, "no fonts found"
    for base in base_fonts:
        prefix, _, name = base.lstrip("/").partition("+")
        assert len(prefix) == 6 and prefix.isupper(), base  # a subset tag, as in AAAAAA+
        assert name in (REGULAR, BOLD), base
    assert not any("Helvetica" in b or "Times" in b or "Courier" in b for b in base_fonts)


def test_importing_the_printing_package_and_snapshots_loads_no_reportlab() -> None:
    code = (
        "import sys, linkworker.printing, linkworker.printing.snapshots,"
        " linkworker.printing.snapshot_builders;"
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\t", "\x00", "\ud800", "🫶"])
def test_odd_text_gives_a_string_never_an_error(text: str) -> None:
    assert isinstance(safe_text(text, line_breaks=True), str)
