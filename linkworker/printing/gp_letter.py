"""The letter back to the GP and referrer: one episode of social prescribing on a page or two.

The practice's address block (left out when none is recorded and the worker chose to
print without it), the date, a "Re:" line with the person's name, date of birth and
NHS number, then short sections in the order a GP reads them: dates, why they were
referred, what mattered to them, what they connected to, their goals, the outcome
measures and their change, the coded events to enter, and how it ended. Signed by the
worker who made it. A section with nothing in it is left out.

    pdf = render_gp_letter(message_back(...))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Table

from linkworker.domain.dates import long_date
from linkworker.domain.message_back import Connection, GoalSummary, MessageBack
from linkworker.domain.outcomes import Measure
from linkworker.printing.document import PrintedDocument, right_aligned
from linkworker.printing.fonts import REGULAR, safe_text
from linkworker.printing.snapshots import PrintOptions

#: The service's name on the letter when Settings keep no team name.
SERVICE = "Social prescribing service"


def _day(day: Any) -> str:
    return long_date(day) if day is not None else ""


class GpLetterDocument(PrintedDocument):
    """Lays out a :class:`MessageBack` as a letter."""

    BODY_PT = 10.5
    MARGIN_TOP = 16 * mm
    TITLE = "Social prescribing: letter to the GP"
    FOOTER_LABEL = "Confidential: social prescribing summary"

    def _make_styles(self) -> dict[str, ParagraphStyle]:
        styles = super()._make_styles()
        b = self.body_pt
        # A letter's headings are quiet: a little above the body, close to what they head.
        styles["h2"] = self._style(
            "letter-h", b * 1.1, bold=True, textColor=self.palette.accent,
            spaceBefore=b * 0.9, spaceAfter=b * 0.25,
        )  # fmt: skip
        styles["body"] = self._style("letter-body", b, spaceAfter=b * 0.4)
        return styles

    def render(self, letter: MessageBack) -> bytes:
        story: list[Flowable] = [*self._heading(letter), *self._opening(letter)]
        story += self.section("Summary", self._summary(letter))
        story += self.section("What mattered to them", self._what_matters(letter))
        story += self.section(
            "What they connected to", self._lines(self._connection(c) for c in letter.connections)
        )
        story += self.section("Their goals", self._lines(self._goal(g) for g in letter.goals))
        story += self.section("Outcome measures", self._outcomes(letter))
        story += self.section("What changed for them", self._lines(letter.what_changed))
        story += self.section("Coded events for the GP record", self._codes(letter))
        story += self._signature(letter)
        return self.build(story, letter.written_on)

    # --- parts ----------------------------------------------------------------------------

    def _heading(self, letter: MessageBack) -> list[Flowable]:
        sender = [letter.team or SERVICE, letter.written_by, letter.phone, letter.email]
        right = self.text(
            "<br/>".join(safe_text(line) for line in sender if line.strip()),
            right_aligned(self.style("tight")),
        )
        address = letter.practice.address_lines
        left: list[Flowable] = []
        if address:
            left = [self.text("<br/>".join(safe_text(line) for line in address), "tight")]
            if letter.practice.ods_code:
                left.append(self.user(f"Practice code {letter.practice.ods_code}", "note"))
        half = self.width / 2
        block = Table([[left, right]], colWidths=[half, half], hAlign="LEFT")
        block.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [block, self.spacer(0.8), self.text(long_date(letter.written_on)), self.spacer(0.3)]

    def _opening(self, letter: MessageBack) -> list[Flowable]:
        re_line = [letter.person_name]
        if letter.date_of_birth is not None:
            re_line.append(f"born {long_date(letter.date_of_birth)}")
        re_line.append(
            f"NHS number {letter.nhs_number}" if letter.nhs_number else "NHS number not known"
        )
        who = letter.referrer_name or letter.referred_by.lower()
        about = "a review of their support so far" if letter.is_open else "how their support ended"
        consent = (
            f" They agreed on {long_date(letter.consent_on)} to this being shared with you."
            if letter.consent_on
            else " They agreed to this being shared with you."
        )
        return [
            self.text("Dear colleague,"),
            self.text(f"<b>Re: {safe_text(', '.join(re_line))}</b>"),
            self.text(
                f"{safe_text(letter.person_name)} was referred to social prescribing on "
                f"{long_date(letter.referral_date)} by {safe_text(who)}. This letter is "
                f"{about}.{consent}"
            ),
        ]

    def _summary(self, letter: MessageBack) -> list[Flowable]:
        reasons = ", ".join(letter.reasons)
        facts = self.facts(
            [
                ("Referred", f"{long_date(letter.referral_date)} ({letter.urgency.lower()})"),
                (
                    "Referred by",
                    ", ".join(x for x in (letter.referrer_name, letter.referred_by) if x),
                ),
                ("Reasons", reasons),
                ("First contact", _day(letter.first_contact_on) or "not yet"),
                ("Outcome", letter.outcome_words),
            ]
        )
        return [facts] if facts is not None else []

    def _what_matters(self, letter: MessageBack) -> list[Flowable]:
        words = letter.what_matters.strip()
        return [self.user(f"\u201c{words}\u201d")] if words else []

    def _lines(self, lines: Iterable[str]) -> list[list[Flowable]]:
        """Bullet lines as one item, kept together with the heading above them."""
        bullets = self.bullets(lines)
        return [bullets] if bullets else []

    @staticmethod
    def _connection(place: Connection) -> str:
        since = f" since {long_date(place.since)}" if place.since else ""
        return f"{place.name}: {place.status.lower()}{since}"

    @staticmethod
    def _goal(goal: GoalSummary) -> str:
        first, latest = goal.first_confidence, goal.latest_confidence
        if first is not None and latest is not None and first != latest:
            sure = f"; confidence {first} → {latest} out of 10"
        elif latest is not None:
            sure = f"; confidence {latest} out of 10"
        else:
            sure = ""
        return f"\u201c{goal.words}\u201d ({goal.status.lower()}{sure})"

    def _outcomes(self, letter: MessageBack) -> list[Flowable | list[Flowable]]:
        out: list[Flowable | list[Flowable]] = []
        for summary in letter.outcomes:
            head = self.text(
                f"<b>{safe_text(summary.name)}</b> ({safe_text(summary.when)})", "tight"
            )
            out.append([head, *self.bullets(summary.lines)])
        if any(a.name == Measure.ONS4.label for a in letter.assessments):
            out.append(
                self.text(
                    "ONS4 items are reported one by one with their ONS band, never added up.",
                    "note",
                )
            )
        return out

    def _codes(self, letter: MessageBack) -> list[Flowable]:
        if not letter.coded_events:
            return []
        rows = [
            [long_date(e.on), e.code, self.user(e.term, "tight", line_breaks=False)]
            for e in letter.coded_events
        ]
        b = self.body_pt
        # Dates and codes never wrap: their columns are as wide as the widest, plus a gap.
        date_width = max(stringWidth(str(r[0]), REGULAR, b) for r in rows) + b
        code_width = max(stringWidth(str(r[1]), REGULAR, b) for r in rows) + b
        widths = [date_width, code_width, self.width - date_width - code_width]
        table = Table(rows, colWidths=widths, hAlign="LEFT")
        table.setStyle(
            self.table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), b * 0.1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.2),
                ]
            )
        )
        return [table, self.text("SNOMED CT codes, to enter in the GP record.", "note")]

    def _signature(self, letter: MessageBack) -> list[Flowable]:
        lines = [letter.written_by, "Social prescribing link worker", letter.team]
        return [
            KeepTogether(
                [
                    self.spacer(0.6),
                    self.text("Yours sincerely,"),
                    self.spacer(1.2),
                    self.text("<br/>".join(safe_text(x) for x in lines if x.strip()), "tight"),
                ]
            )
        ]


def render_gp_letter(letter: MessageBack, options: PrintOptions | None = None) -> bytes:
    """The message back to the GP as PDF bytes."""
    return GpLetterDocument(options or PrintOptions()).render(letter)
