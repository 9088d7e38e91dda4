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


class _Reading(float):
    """A float of another type, as some spreadsheet readers give."""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, "yes"), (False, "no"), (_Reading(3.0), "3"), (_Reading(2.5), "2.5")],
)
def test_yes_no_and_other_number_types_become_text(raw: object, expected: str) -> None:
    assert clean_text(raw) == CleanText(expected)


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


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "<table><tr><td>Mon</td><td>10am</td></tr><tr><th>Tue</th><td>2pm</td></tr></table>",
            "Mon 10am\nTue 2pm",
        ),
        (
            "Opening hours<div>Monday to Friday</div>Closed at weekends",
            "Opening hours\nMonday to Friday\nClosed at weekends",
        ),
        ("Welcome<h2>What we do</h2>Walks and talks", "Welcome\n\nWhat we do\n\nWalks and talks"),
        ("Bring:<ul><li>Boots</li></ul>and water", "Bring:\n- Boots\nand water"),
        ("<section>One</section><section>Two</section>", "One\nTwo"),
    ],
)
def test_cells_and_blocks_do_not_run_together(raw: str, expected: str) -> None:
    assert clean_text(raw).text == expected


def test_line_breaks_in_the_html_source_are_spaces() -> None:
    assert (
        clean_text("<p>Knit and\nnatter,\r\nevery\rMonday</p>").text
        == "Knit and natter, every Monday"
    )


def test_hidden_parts_nest_and_a_stray_end_hides_nothing() -> None:
    nested = "<noscript><style>p {}</style>Please turn on scripts</noscript><p>Open daily</p>"
    assert clean_text(nested).text == "Open daily"
    assert clean_text("<p>Open</style> daily</p>").text == "Open daily"
    assert clean_text('<script src="menu.js"/><p>Open daily</p>').text == "Open daily"


def test_only_a_web_address_the_text_does_not_show_is_kept() -> None:
    mail = clean_text('<a href="mailto:hello@example.org">Email us</a> or <a href="/join">join</a>')
    assert mail.text == "Email us or join"
    raw = 'Visit https://example.org or <a href="https://example.org">book here</a>'
    assert clean_text(raw).text == "Visit https://example.org or book here (https://example.org)"
    bold = '<a href="https://example.org"><b>Our</b> walks</a> start soon'
    assert clean_text(bold).text == "Our walks (https://example.org) start soon"


def test_a_code_that_is_not_in_the_html_list_stays_as_typed() -> None:
    """ "&notice;" starts like the old code "&not" but is not one: it is not turned into "¬ice;"."""
    assert clean_text("Read the &notice; board") == CleanText("Read the &notice; board")
    cleaned = clean_text("Tea &amp; cake by the &notice; board")
    assert cleaned == CleanText("Tea & cake by the &notice; board", (DECODED_ENTITIES,))
    assert clean_text("<p>Read the &notice; board</p>").text == "Read the &notice; board"


def test_a_backslash_that_is_not_a_line_break_stays() -> None:
    assert clean_text("Either\\or, C:\\Users") == CleanText("Either\\or, C:\\Users")


def test_a_carriage_return_alone_is_a_line_break() -> None:
    assert clean_text("Line one\rLine two").text == "Line one\nLine two"


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


def test_a_mis_encoded_no_break_space_is_repaired() -> None:
    cleaned = clean_text("CostsÂ\u00a0Â£5")
    assert cleaned == CleanText("Costs\u00a0£5", (REPAIRED_ENCODING,))


@pytest.mark.parametrize("raw", ["SOMEÂ… TEXT", "ÂŸ", "Rendez-vous à€€"])
def test_what_would_decode_to_a_control_character_or_not_at_all_stays(raw: str) -> None:
    assert clean_text(raw) == CleanText(raw)


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


@pytest.mark.parametrize(("raw", "expected"), [(12, "12"), (12.0, "12"), (2.5, "2.5"), (None, "")])
def test_plain_numbers_take_the_quick_path(raw: object, expected: str) -> None:
    assert quick_text(raw) == expected
    assert quick_line(raw) == expected


def test_the_quick_paths_leave_marked_text_to_clean_text() -> None:
    for raw in ("Fish &amp; chips", "<p>Hi</p>", "a\\nb", "a\r\nb", "CafÃ©", True, Decimal(1)):
        assert quick_text(raw) is None and quick_line(raw) is None
