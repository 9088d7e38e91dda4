"""Cleaning feed text: HTML, literal \\n and mis-encoding go; everything else stays as written."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from linkworker.interchange.text_clean import (
    DECODED_ENTITIES,
    LITERAL_BREAKS,
    MOJIBAKE_LEADS,
    NOT_TEXT,
    REMOVED_HTML,
    REPAIRED_ENCODING,
    CleanText,
    clean_text,
    one_line,
    quick_line,
    quick_text,
)

# Values that are not strings ----------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, ""), (12, "12"), (12.0, "12"), (51.25, "51.25"), (Decimal("3.50"), "3.50"), ("", "")],
)
def test_missing_values_and_numbers_become_text(raw: object, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.changes == ()


def test_a_list_or_object_is_not_text() -> None:
    assert clean_text({"name": "x"}).text == ""
    assert clean_text(["a"]).changes == (NOT_TEXT,)


# Left alone -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fish & chips on Fridays",
        "We <3 our volunteers",
        "5 < 6 and 7 > 2",
        "Tom &notably missing semicolon, AT&T, R&D",
        "Café for Zoë, Siân and José",
        "Croeso i bawb: dŵr, tŷ, Llanfair Caereinion",
        "Zażółć gęślą jaźń, Łódź",
        "Walk and talk 🚶‍♀️ every Tuesday 😀",
        "Please bring £2 — tea and cake",
        "Ask for a <name> badge at reception",
        "Dates: 1/2/2024 – 3/4/2024; costs £5",
        "Straße, São Paulo, Ñandú, Ørsted",
    ],
)
def test_plain_text_comes_back_unchanged(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == text
    assert cleaned.changes == ()


def test_only_ends_and_line_endings_are_tidied() -> None:
    cleaned = clean_text("  Line one   \r\nLine two\t\n\n\n\n\nLine three  \n")
    assert cleaned.text == "Line one\nLine two\n\nLine three"
    assert cleaned.changes == ()


def test_leading_indentation_inside_the_text_is_kept() -> None:
    assert clean_text("Bring:\n  - boots\n  - water").text == "Bring:\n  - boots\n  - water"


# Literal line breaks -------------------------------------------------------------


def test_literal_backslash_n_becomes_a_line_break() -> None:
    cleaned = clean_text("First line\\nSecond line\\r\\nThird line")
    assert cleaned.text == "First line\nSecond line\nThird line"
    assert cleaned.changes == (LITERAL_BREAKS,)


def test_many_literal_breaks_collapse_to_one_blank_line() -> None:
    assert clean_text("Top\\n\\n\\n\\n\\nBottom").text == "Top\n\nBottom"


# HTML --------------------------------------------------------------------------


def test_paragraphs_and_breaks_become_line_breaks() -> None:
    cleaned = clean_text("<p>Welcome to the group.</p><p>Tea at 10<br/>Walk at 11</p>")
    assert cleaned.text == "Welcome to the group.\n\nTea at 10\nWalk at 11"
    assert cleaned.changes == (REMOVED_HTML,)


def test_list_items_get_a_dash() -> None:
    text = clean_text("<p>Bring:</p><ul><li>Boots</li><li>Water</li></ul>").text
    assert text == "Bring:\n\n- Boots\n- Water"


def test_entities_in_html_are_decoded() -> None:
    text = clean_text("<p>Tea &amp; cake &pound;2 &ndash; don&#8217;t miss it &#x2764;</p>").text
    assert text == "Tea & cake £2 – don’t miss it ❤"


def test_script_and_style_content_is_dropped() -> None:
    raw = "<style>p {color: red}</style><p>Hello</p><script>alert('x' < 1)</script>"
    assert clean_text(raw).text == "Hello"


def test_html_source_spacing_is_collapsed() -> None:
    raw = "<div>\n   Knit and\n   natter\n</div>\n<div>Every   Monday</div>"
    assert clean_text(raw).text == "Knit and natter\nEvery Monday"


def test_a_link_keeps_its_address_when_the_text_does_not_show_it() -> None:
    raw = 'See <a href="https://example.org/walks">our walks page</a>.'
    assert clean_text(raw).text == "See our walks page (https://example.org/walks)."
    shown = '<a href="https://example.org">https://example.org</a>'
    assert clean_text(shown).text == "https://example.org"


def test_less_than_and_ampersands_inside_html_stay() -> None:
    cleaned = clean_text("<p>Ages 5 < 11 & families <3 &notably</p>")
    assert cleaned.text == "Ages 5 < 11 & families <3 &notably"


def test_entities_without_tags_are_decoded() -> None:
    cleaned = clean_text("Fish &amp; chips, &pound;3 &#8211; Friday")
    assert cleaned.text == "Fish & chips, £3 – Friday"
    assert cleaned.changes == (DECODED_ENTITIES,)


def test_double_escaped_html_is_removed() -> None:
    cleaned = clean_text("&lt;p&gt;Coffee morning&lt;/p&gt;")
    assert cleaned.text == "Coffee morning"
    assert set(cleaned.changes) == {DECODED_ENTITIES, REMOVED_HTML}


def test_html_with_literal_breaks_inside() -> None:
    cleaned = clean_text("<p>Line one\\nLine two</p>")
    assert cleaned.text == "Line one\nLine two"
    assert set(cleaned.changes) == {REMOVED_HTML, LITERAL_BREAKS}


# Mis-encoded characters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CafÃ© on the corner", "Café on the corner"),
        ("donâ€™t forget", "don’t forget"),
        ("Costs Â£5 a session", "Costs £5 a session"),
        ("â€œQuotedâ€\x9d", "“Quoted”"),
        ("ZaÅ¼Ã³Å‚Ä‡ gÄ™Å›lÄ…", "Zażółć gęślą"),
        ("Ysgol DdÅµr", "Ysgol Ddŵr"),
        ("Ã¢â‚¬â„¢", "’"),  # mis-encoded twice
    ],
)
def test_mis_encoded_characters_are_repaired(raw: str, expected: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.text == expected
    assert cleaned.changes == (REPAIRED_ENCODING,)


def test_repair_leaves_correct_accents_beside_it_alone() -> None:
    assert clean_text("Café and CafÃ©").text == "Café and Café"


def test_a_messy_description_with_everything() -> None:
    raw = "<p>CafÃ© &amp; chat</p>\\n<ul><li>Tea Â£1</li><li>donâ€™t be shy</li></ul>"
    cleaned = clean_text(raw)
    assert cleaned.text == "Café & chat\n\n- Tea £1\n- don’t be shy"
    assert set(cleaned.changes) == {REMOVED_HTML, LITERAL_BREAKS, REPAIRED_ENCODING}


def test_one_line_joins_lines() -> None:
    assert one_line("Knit\n and  natter ") == "Knit and natter"


# Properties ---------------------------------------------------------------------------

_MARKERS = set("<&\\\r") | MOJIBAKE_LEADS
plain_text = st.text().filter(lambda t: not _MARKERS.intersection(t))


@given(st.one_of(st.text(), st.none(), st.integers(), st.floats(allow_nan=True)))
@example("<p>a<br/>b &amp; &lt;p&gt; \\n CafÃ©</p>")
@example("&amp;amp;lt;b&amp;amp;gt;")
@example("<a href='https://x.org'><a href='https://y.org'>z</a></a>")
def test_never_raises_and_is_idempotent(raw: object) -> None:
    once = clean_text(raw)
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert twice.changes == ()


@given(st.text(alphabet=st.sampled_from(list("<>p/br&amp;lt;#0123 \\nÃ©â€™Â£\n\t"))))
def test_idempotent_on_html_like_noise(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once.text).text == once.text


@given(plain_text)
@example("Fish & chips".replace("&", "and"))
@example("  a  \n\n\n\n  b  ")
def test_text_without_markers_only_loses_spacing(raw: str) -> None:
    cleaned = clean_text(raw)
    assert cleaned.changes == ()
    assert re.sub(r"\s", "", cleaned.text) == re.sub(r"\s", "", raw)
    # Inside a line nothing moves: each cleaned line is a source line without its trailing spaces.
    source_lines = {line.rstrip() for line in raw.split("\n")}
    for line in cleaned.text.split("\n"):
        assert line in source_lines or line in {s.strip() for s in source_lines}


# The quick paths -------------------------------------------------------------------------

_anything = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("<>p/b&amp;#1 \\nr\r\n\tÃ©â€™Â£é\u2028\x85"))),
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.decimals(allow_nan=False),
)


@given(_anything)
@example("Café au lait")  # not ASCII, but nothing to clean
@example("a\u2028b  c\x85")
@example("tab\there\n\n\n\nthere ")
@example(-0.0)
@example(1e300)
@example(float("inf"))
def test_the_quick_paths_give_what_clean_text_gives(raw: object) -> None:
    cleaned = clean_text(raw)
    quick, line = quick_text(raw), quick_line(raw)
    if quick is not None:
        assert cleaned == CleanText(quick)
    if line is not None:
        assert cleaned.changes == () and line == one_line(cleaned.text)
    if raw is None or (isinstance(raw, str) and not _MARKERS.intersection(raw)):
        assert quick is not None and line is not None  # plain text never takes the long way


def test_the_quick_paths_leave_marked_text_to_clean_text() -> None:
    for raw in ("Fish &amp; chips", "<p>Hi</p>", "a\\nb", "a\r\nb", "CafÃ©", True, Decimal(1)):
        assert quick_text(raw) is None and quick_line(raw) is None
