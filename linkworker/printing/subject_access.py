"""The subject access report: everything held about a person, for them to read.

Laid out with the house page, type and footer ("Page x of y" on every page).
Every section is printed, even an empty one, with a line saying there is
nothing of that kind: the person should see what we do *not* hold too. Their
own words are printed as written, line breaks kept.

    pdf = render_subject_access(report)
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether

from linkworker.domain.dates import long_date
from linkworker.domain.subject_access import ReportItem, ReportSection, SubjectAccessReport
from linkworker.printing.document import PrintedDocument
from linkworker.printing.snapshots import PrintOptions

INTRO = (
    "You asked for a copy of everything we hold about you. This is all of it: "
    "your details, your referrals, what you told us, our notes, your plan, the "
    "documents we printed for you and who has looked at your record. A copy for "
    "computers (JSON) comes with it. If anything here is wrong, tell your link "
    "worker and we will put it right."
)


class SubjectAccessDocument(PrintedDocument):
    """Lays out a :class:`SubjectAccessReport`."""

    TITLE = "What we hold about you"
    FOOTER_LABEL = "What we hold about you"

    def render(self, report: SubjectAccessReport) -> bytes:
        story: list[Flowable] = self._header(report)
        for section in report.sections:
            story += self._section(section)
        return self.build(story, report.prepared_at.date())

    def _header(self, report: SubjectAccessReport) -> list[Flowable]:
        prepared = f"Prepared on {long_date(report.prepared_at.date())}"
        if report.prepared_by:
            prepared += f" by {report.prepared_by}"
        return [
            self.text("What we hold about you", "title"),
            self.user(report.name, "subtitle", line_breaks=False),
            self.user(prepared, "note"),
            self.spacer(0.3),
            self.rule(heavy=True),
            self.spacer(0.5),
            self.text(INTRO),
        ]

    def _section(self, section: ReportSection) -> list[Flowable]:
        head = [self.text(section.title, "h2"), self.user(section.intro, "note")]
        if not section.items:
            return [KeepTogether([*head, self.user(section.empty)])]
        # An item starts on a new page only when little room is left, then flows on;
        # its heading (and the section's, for the first) stays with its first lines.
        out: list[Flowable] = []
        room = CondPageBreak(self.body_pt * self.leading * 8)
        for n, item in enumerate(section.items):
            body = self._item(item)
            out += [room, KeepTogether([*(head if n == 0 else []), body[0]]), *body[1:]]
        return out

    def _item(self, item: ReportItem) -> list[Flowable]:
        parts: list[Flowable] = [self.user(item.heading, "h3", line_breaks=False)]
        facts = self.facts((label, value.splitlines()) for label, value in item.facts)
        if facts is not None:
            parts += [facts, self.spacer(0.4)]
        for label, words in item.words:
            parts.append(KeepTogether([self.text(label, "label"), self.user(words)]))
        return parts


def render_subject_access(
    report: SubjectAccessReport, options: PrintOptions | None = None
) -> bytes:
    """The report as PDF bytes."""
    return SubjectAccessDocument(options or PrintOptions()).render(report)
