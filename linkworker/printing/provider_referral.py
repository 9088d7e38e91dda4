"""A referral to a provider: who the person is, how to reach them, why, and what helps.

Only what the person agreed to share reaches this page: the snapshot builder
refuses to make a :class:`ReferralSnapshot` without consent, and leaves out
their NHS number, date of birth, notes and anything about risk.

    pdf = render_referral(snapshot, PrintOptions())
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from linkworker.domain.dates import long_date
from linkworker.printing.document import PrintedDocument, sentences
from linkworker.printing.fonts import safe_text
from linkworker.printing.snapshots import PrintOptions, ReferralSnapshot


class ReferralDocument(PrintedDocument):
    """Lays out a :class:`ReferralSnapshot` for the service that will welcome the person."""

    BODY_PT = 11.0
    TITLE = "Referral"
    FOOTER_LABEL = "Confidential"

    def render(self, referral: ReferralSnapshot) -> bytes:
        name = referral.preferred_name or referral.person_name
        story: list[Flowable] = [
            self.text("Referral", "title"),
            self.text(f"to {safe_text(referral.asset_name)}", "subtitle"),
        ]
        if referral.organisation:
            story.append(self.user(referral.organisation, "note", line_breaks=False))
        story += [self.spacer(0.3), self.rule(heavy=True), self.spacer(0.5)]
        story.append(
            self.text(
                f"I would like to introduce {safe_text(name)}, who would like to come along. "
                "Please get in touch with them to welcome them, or let me know if you cannot "
                "take this referral."
            )
        )
        story += self.section("About them", self._about(referral))
        story += self.section("Why they would like to come, in their words", self._reason(referral))
        story += self.section("What helps them take part", self._practical(referral))
        story += self.section("From their link worker", self._from(referral))
        story += self.section("Consent", [self.user(referral.consent, "body")])
        story.append(
            self.text(
                "This page holds personal details. Keep it safe, share it only with the people "
                "who run this service, and destroy it when it is no longer needed.",
                "note",
            )
        )
        return self.build(story, referral.printed_on)

    def _about(self, referral: ReferralSnapshot) -> list[Flowable]:
        facts = self.facts(
            [
                ("Name", referral.person_name),
                ("Likes to be called", referral.preferred_name),
                ("Age", str(referral.age) if referral.age is not None else ""),
                ("How to contact", referral.contact),
                ("Address", referral.address),
            ]
        )
        return [facts] if facts is not None else []

    def _reason(self, referral: ReferralSnapshot) -> list[Flowable]:
        if not referral.reason.strip():
            return []
        if self.options.easy_read:
            return [self.user(f"\u201c{s}\u201d", "tight") for s in sentences(referral.reason)]
        return [self.user(f"\u201c{referral.reason.strip()}\u201d")]

    def _practical(self, referral: ReferralSnapshot) -> list[Flowable]:
        return self.bullets(referral.practical)

    def _from(self, referral: ReferralSnapshot) -> list[Flowable]:
        w = referral.worker
        facts = self.facts(
            [
                ("Link worker", w.name),
                ("Team", w.team),
                ("Phone", w.phone),
                ("Email", w.email),
                ("Date", long_date(referral.printed_on)),
            ]
        )
        return [facts] if facts is not None else []


def render_referral(snapshot: ReferralSnapshot, options: PrintOptions | None = None) -> bytes:
    """A referral to a provider as PDF bytes."""
    return ReferralDocument(options or PrintOptions()).render(snapshot)
