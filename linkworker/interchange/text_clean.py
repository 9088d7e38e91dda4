"""Tidy the text a directory feed sends: literal ``\\n``, HTML, mis-encoded characters.

:func:`clean_text` turns any value into plain text and says what it changed, in
plain words an import report can show. It only touches what is clearly wrong:

* literal ``\\n`` and ``\\r\\n`` (a backslash and a letter) become line breaks;
* HTML becomes plain text, but only when the text holds a real HTML tag
  (``<p>``, ``<br/>``, ``<a href=...>``) or a complete character code
  (``&amp;``, ``&#8217;``); "5 < 6", "<3" and "Fish & chips" are left alone;
* UTF-8 read as Windows-1252 ("CafÃ©", "donâ€™t") is repaired, one sequence at
  a time, only where the bytes decode cleanly;
* spaces at the ends of lines go, three or more line breaks become one blank
  line, and the ends are trimmed (these are not reported).

Everything else (accents, Welsh, Polish, emoji, ampersands) comes back as it was.
Cleaning cleaned text changes nothing.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from decimal import Decimal
from html.entities import html5
from html.parser import HTMLParser

#: What :attr:`CleanText.changes` may hold.
REMOVED_HTML = "removed HTML"
DECODED_ENTITIES = "turned HTML codes like &amp; into characters"
REPAIRED_ENCODING = "repaired mis-encoded characters"
LITERAL_BREAKS = "turned literal \\n into line breaks"
NOT_TEXT = "ignored a value that was not text"


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text and what was done to it (empty when nothing worth saying)."""

    text: str
    changes: tuple[str, ...] = ()


# HTML ------------------------------------------------------------------------

_TAG_NAMES = (
    "a|abbr|address|article|aside|b|big|blockquote|body|br|caption|center|cite|code|col|"
    "colgroup|dd|del|details|dfn|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|"
    "header|hr|html|i|iframe|img|ins|kbd|label|li|link|main|mark|meta|nav|noscript|o:p|ol|"
    "p|pre|q|s|samp|section|small|span|strike|strong|style|sub|summary|sup|table|tbody|td|"
    "tfoot|th|thead|title|tr|tt|u|ul|var|wbr|script"
)
#: A real tag of a known HTML element, or an HTML comment.
_HTML_TAG = re.compile(
    rf"<(?:/?(?:{_TAG_NAMES})(?:\s[^<>]*)?/?|!--.*?--)>", re.IGNORECASE | re.DOTALL
)
#: A complete character code; named ones are checked against the HTML5 list.
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

_LINE_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "header", "hr", "main", "nav", "ol", "pre",
    "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
}  # fmt: skip
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
_CELL_TAGS = {"td", "th"}
_HIDDEN_TAGS = {"script", "style", "head", "title", "noscript"}


def _entity(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith("#") or code + ";" in html5:
        return html.unescape(match.group(0))
    return match.group(0)


def _has_entity(text: str) -> bool:
    return any(_entity(m) != m.group(0) for m in _ENTITY.finditer(text))


class _PlainText(HTMLParser):
    """Collects the visible text of an HTML fragment, with block tags as line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        #: Open links: where their text starts in ``parts``, and where they point.
        self.links: list[tuple[int, str]] = []

    def _text(self, text: str) -> None:
        if not self.hidden:
            self.parts.append(text)

    def _break(self, lines: int) -> None:
        """End the text so far with at least ``lines`` line breaks (blocks do not add up)."""
        tail = ""
        for part in reversed(self.parts):
            tail = part + tail
            if part.strip(" \t\n"):
                break
        tail = tail.rstrip(" \t")
        have = len(tail) - len(tail.rstrip("\n"))
        if have < lines:
            self._text("\n" * (lines - have))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag == "br":
            self._text("\n")
        elif tag == "li":
            self._break(1)
            self._text("- ")
        elif tag in _PARAGRAPH_TAGS:
            self._break(2)
        elif tag in _LINE_TAGS:
            self._break(1)
        elif tag in _CELL_TAGS:
            self._text(" ")
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.links.append((len(self.parts), href))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HIDDEN_TAGS and tag != "a":
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _PARAGRAPH_TAGS:
            self._break(2)
        elif tag in _LINE_TAGS:
            self._break(1)
        elif tag == "a" and self.links:
            # Keep a web address the link text does not show: "our site (https://...)".
            start, href = self.links.pop()
            shown = "".join(self.parts[start:])
            if shown.strip() and href not in shown and re.match(r"https?://\S+$", href):
                self._text(f" ({href})")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def text(self) -> str:
        self.close()
        joined = "".join(self.parts)
        # HTML collapses runs of spaces; the tags made the real line breaks.
        lines = [re.sub(r"[ \t\f]+", " ", line).strip() for line in joined.split("\n")]
        return "\n".join(lines)


def _bare_ampersands(text: str) -> str:
    """Escape each & that does not start a complete character code, so it stays an &."""
    out: list[str] = []
    pos = 0
    for match in re.finditer("&", text):
        code = _ENTITY.match(text, match.start())
        if code is None or _entity(code) == code.group(0):
            out.append(text[pos : match.start()] + "&amp;")
            pos = match.end()
    return "".join(out) + text[pos:]


def _html_to_text(text: str) -> str:
    parser = _PlainText()
    # The source's own line breaks are plain spacing in HTML.
    parser.feed(_bare_ampersands(re.sub(r"[\r\n]", " ", text)))
    return parser.text()


# Mis-encoded characters ------------------------------------------------------


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # the five bytes cp1252 leaves undefined read as Latin-1


_BYTE_OF = {_cp1252_char(b): b for b in range(0x80, 0x100)}
_CONT = "[" + re.escape("".join(_cp1252_char(b) for b in range(0x80, 0xC0))) + "]"
_LEAD2 = "[" + "".join(chr(b) for b in range(0xC2, 0xE0)) + "]"
_LEAD3 = "[" + "".join(chr(b) for b in range(0xE0, 0xF0)) + "]"
_LEAD4 = "[" + "".join(chr(b) for b in range(0xF0, 0xF5)) + "]"
#: A UTF-8 sequence that was read as Windows-1252: "Ã©", "â€™", "Â£".
_MOJIBAKE = re.compile(f"{_LEAD4}{_CONT}{{3}}|{_LEAD3}{_CONT}{{2}}|{_LEAD2}{_CONT}")
#: The characters that start such a sequence (Â to ô).
MOJIBAKE_LEADS = frozenset(chr(b) for b in range(0xC2, 0xF5))


def _repair(match: re.Match[str]) -> str:
    seen = match.group(0)
    try:
        fixed = bytes(_BYTE_OF[c] for c in seen).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return seen
    # A control character is not what anyone meant to write.
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in fixed):
        return seen
    return fixed


# Whitespace and the whole ----------------------------------------------------

_LITERAL_BREAK = re.compile(r"\\r\\n|\\n")
#: A character that may start something to clean: a tag or character code, a literal
#: break, a carriage return, or a mis-encoded sequence (its lead is one of Â to ô).
MARKERS = re.compile(r"[<&\\\r\u00c2-\u00f4]")
_needs_work = MARKERS.search


_BLANK_LINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    if "\n" not in text:
        return text.strip()
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _as_text(raw: object) -> str | None:
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, int | float | Decimal):
        return str(raw)
    return None


def _one_pass(text: str, changes: list[str]) -> str:
    def note(change: str) -> None:
        if change not in changes:
            changes.append(change)

    if _HTML_TAG.search(text):
        plain = _html_to_text(text)
        if _tidy(plain) != _tidy(text):
            text = plain
            note(REMOVED_HTML)
    elif "&" in text and _has_entity(text):
        text = _ENTITY.sub(_entity, text)
        note(DECODED_ENTITIES)
    if "\\" in text and _LITERAL_BREAK.search(text):
        text = _LITERAL_BREAK.sub("\n", text)
        note(LITERAL_BREAKS)
    repaired = _MOJIBAKE.sub(_repair, text)
    if repaired != text:
        text = repaired
        note(REPAIRED_ENCODING)
    return _tidy(text.replace("\r\n", "\n").replace("\r", "\n"))


def quick_text(raw: object) -> str | None:
    """``clean_text(raw).text`` when cleaning has nothing to report, found cheaply; else None.

    The fast path for the values most feeds send: None, plain text (no ``<``,
    ``&``, backslash, carriage return or mis-encoding marker) and plain numbers.
    For anything else it says None, and :func:`clean_text` does the real work.
    """
    if raw is None:
        return ""
    if type(raw) is str:
        if raw.isascii():  # then no mis-encoding marker can be in it
            if "<" in raw or "&" in raw or "\\" in raw or "\r" in raw:
                return None
        elif _needs_work(raw) is not None:
            return None
        return raw.strip() if "\n" not in raw else _tidy(raw)
    if type(raw) is int:
        return str(raw)
    if type(raw) is float:
        return str(int(raw)) if raw.is_integer() else str(raw)
    return None


def quick_line(raw: object) -> str | None:
    """``one_line(clean_text(raw).text)`` when cleaning has nothing to report; else None."""
    if type(raw) is str:
        return None if _needs_work(raw) is not None else " ".join(raw.split())
    text = quick_text(raw)
    return text if text is None else " ".join(text.split())


def clean_text(raw: object) -> CleanText:
    """Plain text from any value a feed gives (None and missing become "")."""
    quick = quick_text(raw)
    if quick is not None:
        return CleanText(quick) if quick else _EMPTY
    if raw == "":
        return _EMPTY
    text = _as_text(raw)
    if text is None:
        return CleanText("", (NOT_TEXT,))
    if not _needs_work(text):
        return CleanText(_tidy(text))
    return _clean_marked(text)


_EMPTY = CleanText("")


@functools.lru_cache(maxsize=2048)
def _clean_marked(text: str) -> CleanText:
    """Text that may hold HTML, literal breaks or mis-encoding (feeds repeat the same texts)."""
    changes: list[str] = []
    # Each pass only shortens the text, so this ends; double-escaped or
    # double-mis-encoded text needs a second pass.
    while True:
        cleaned = _one_pass(text, changes)
        if cleaned == text:
            return CleanText(cleaned, tuple(changes))
        text = cleaned


def one_line(text: str) -> str:
    """Cleaned text on a single line (for names and similar short fields)."""
    return " ".join(text.split())
