"""Directory sheets: one page about a community asset, or a booklet of them for a hub.

The booklet opens with its title and a contents list with page numbers; the
pages are laid out twice (once to learn where each asset falls, once to print
the numbers), which is cheap next to the time a person spends reading it.

    pdf = render_asset_sheet(sheet, PrintOptions())
    pdf = render_booklet(booklet, PrintOptions(large_print=True))
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Table

from linkworker.domain.dates import long_date
from linkworker.printing.document import PrintedDocument, right_aligned, sentences
from linkworker.printing.fonts import safe_text
from linkworker.printing.snapshots import AssetSheet, Booklet, PrintOptions


class DirectoryDocument(PrintedDocument):
    """Lays out :class:`AssetSheet` and :class:`Booklet` snapshots."""

    TITLE = "Community directory"
    FOOTER_LABEL = "Community directory"

    # --- one asset ------------------------------------------------------------------------

    def asset_parts(self, sheet: AssetSheet, *, heading: str = "title") -> list[Flowable]:
        """An asset's name, who runs it, what happens and the facts, top to bottom."""
        parts: list[Flowable] = [self.user(sheet.name, heading, line_breaks=False)]
        if sheet.organisation:
            parts.append(self.text(f"Run by {safe_text(sheet.organisation)}", "bold"))
        if sheet.categories:
            parts.append(self.user("  \u00b7  ".join(sheet.categories), "note"))
        if sheet.status:
            parts.append(self.panel([self.user(sheet.status, "bold")]))
            parts.append(self.spacer(0.3))
        if sheet.description:
            if self.options.easy_read:
                parts += [self.user(s, "tight") for s in sentences(sheet.description)]
                parts.append(self.spacer(0.4))
            else:
                parts.append(self.user(sheet.description))
        rows: list[tuple[str, str | tuple[str, ...]]] = [
            ("When", sheet.when),
            ("Where", sheet.where),
            ("Cost", sheet.cost),
            ("How to join", sheet.how_to_join),
            ("Who it's for", sheet.who_for),
            ("Getting in", sheet.access),
            ("Languages", ", ".join(sheet.languages)),
            ("Waiting list", sheet.waiting),
            ("Contact", self._contact(sheet)),
        ]
        if self.options.easy_read:
            parts += self.easy_lines(rows)
        else:
            facts = self.facts(rows)
            if facts is not None:
                parts.append(facts)
        parts.append(self.spacer(0.3))
        parts.append(self.text(self._checked(sheet), "note"))
        return parts

    @staticmethod
    def _contact(sheet: AssetSheet) -> tuple[str, ...]:
        lines = list(sheet.contacts)
        if sheet.phone:
            lines.append(f"Phone: {sheet.phone}")
        if sheet.email:
            lines.append(f"Email: {sheet.email}")
        if sheet.website:
            lines.append(f"Website: {sheet.website}")
        return tuple(lines)

    @staticmethod
    def _checked(sheet: AssetSheet) -> str:
        if sheet.last_checked is None:
            return "We have not checked this is still running: please ring before you go."
        return f"Last checked it was still running: {long_date(sheet.last_checked)}."

    def render_sheet(self, sheet: AssetSheet) -> bytes:
        parts = self.asset_parts(sheet)
        story: list[Flowable] = [*parts[:1], self.spacer(0.2), self.rule(heavy=True), *parts[1:]]
        if self.options.easy_read:
            story = [self.with_symbol("pin", story)]
        return self.build(story, sheet.printed_on, title=f"{self.TITLE}: one page")

    # --- a booklet ------------------------------------------------------------------------

    def render_booklet(self, booklet: Booklet) -> bytes:
        pages: dict[int, int] = {}
        self.build(self._booklet_story(booklet, pages, {}), booklet.printed_on)
        first = dict(pages)
        return self.build(self._booklet_story(booklet, pages, first), booklet.printed_on)

    def _booklet_story(
        self, booklet: Booklet, found: dict[int, int], numbers: dict[int, int]
    ) -> list[Flowable]:
        story: list[Flowable] = [self.user(booklet.title or "Things to do near you", "title")]
        story.append(self.text(f"Printed {long_date(booklet.printed_on)}", "note"))
        story += [self.rule(heavy=True), self.spacer(0.5)]
        if booklet.introduction:
            story.append(self.user(booklet.introduction))
        if not booklet.sheets:
            story.append(self.text("There is nothing listed here at the moment."))
            return story
        story.append(
            self.text("Ring before you go if you can: times and places sometimes change.", "body")
        )
        story += self.section("In this booklet", [self._contents(booklet, numbers)])
        for index, sheet in enumerate(booklet.sheets):
            parts = self.asset_parts(sheet, heading="h2")
            parts.insert(1, _PageMark(index, found))  # after the heading: see _PageMark
            if self.options.easy_read:
                parts = [self.with_symbol("pin", parts)]
            # The rule under an entry stays with it: a page never starts with a rule.
            story.append(KeepTogether([*parts, self.spacer(0.3), self.rule()]))
        return story

    def _contents(self, booklet: Booklet, numbers: dict[int, int]) -> Table:
        number_style = right_aligned(self.style("tight"))
        data = [
            [
                self.user(sheet.name, "tight", line_breaks=False),
                self.text(str(numbers.get(i, "")), number_style),
            ]
            for i, sheet in enumerate(booklet.sheets)
        ]
        page_col = self.body_pt * 3.5
        table = Table(data, colWidths=[self.width - page_col, page_col], hAlign="LEFT")
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), self.body_pt * 0.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.body_pt * 0.3),
            ("LINEBELOW", (0, 0), (-1, -1), self.palette.rule_width * 0.6, self.palette.rule),
        ]
        table.setStyle(self.table_style(commands))
        return table


class _PageMark(Flowable):  # type: ignore[misc]
    """Notes the page an asset starts on, for the contents list.

    It has no height, so it goes after the asset's heading: first in a
    KeepTogether it would make ReportLab leave the heading's space above out of
    its sums, and the last line of an entry would spill onto the next page.
    """

    def __init__(self, index: int, found: dict[int, int]) -> None:
        super().__init__()
        self.index = index
        self.found = found

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.found[self.index] = self.canv.getPageNumber()


def render_asset_sheet(sheet: AssetSheet, options: PrintOptions | None = None) -> bytes:
    """One asset as a one-page PDF (longer only if its text is very long)."""
    return DirectoryDocument(options or PrintOptions()).render_sheet(sheet)


def render_booklet(booklet: Booklet, options: PrintOptions | None = None) -> bytes:
    """A booklet of assets with a contents list, as PDF bytes."""
    return DirectoryDocument(options or PrintOptions()).render_booklet(booklet)
