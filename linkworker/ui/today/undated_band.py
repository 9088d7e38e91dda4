"""A line on Today naming the people whose referral came in from a spreadsheet with no date.

Each name is a link to the person's page, where the referral form (filled in from the
spreadsheet) takes the date. Hidden when nobody is waiting for a date.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from linkworker.services.people import UndatedPerson
from linkworker.ui.people.consent_banner import LinkBand

#: The most names shown; the rest are counted.
MOST_NAMES = 8


class UndatedPeopleBand(LinkBand):
    """Who has a referral with no date; a name's link asks for their page."""

    #: A name was followed: the person's id.
    person_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Referrals with no date"))
        self.people: tuple[UndatedPerson, ...] = ()

    def show_people(self, people: Sequence[UndatedPerson]) -> None:
        self.people = tuple(people)
        if not self.people:
            self._hide()
            return
        count = len(self.people)
        words = (
            self.tr("A referral from a spreadsheet has no date: add it on their page.")
            if count == 1
            else self.tr("{0} people have a referral from a spreadsheet with no date: add it on "
                         "their page.").format(count)
        )  # fmt: skip
        links = ", ".join(
            f'<a href="{p.person_id}">{escape(p.name)}</a>' for p in self.people[:MOST_NAMES]
        )
        more = self.tr(" and {0} more").format(count - MOST_NAMES) if count > MOST_NAMES else ""
        self._say(words, f"{escape(words)} {links}{escape(more)}")

    def _link(self, link: str) -> None:
        try:
            self.person_requested.emit(uuid.UUID(link))
        except ValueError:
            return
