"""Two bands above a person's tabs for what came in from a spreadsheet.

:class:`NeedsBand` shows the person's needs as the spreadsheet wrote them beside
what Link Worker read in them (and where the words disagree), with a way to
confirm what was read or correct it. It hides once the worker has confirmed.

:class:`UndatedReferralBand` says a referral came in with no date, with a link
that opens the referral form filled in from the spreadsheet: the referral is
recorded once the worker gives its date, never before.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from linkworker.domain.needs_words import read_as_written
from linkworker.domain.people import NeedsAsWritten, UndatedReferral
from linkworker.ui.people.consent_banner import STYLE as CALM_STYLE
from linkworker.ui.people.consent_banner import LinkBand

#: The link in the undated referral band.
ADD_DATE_LINK = "add-referral-date"


class NeedsBand(QWidget):
    """The person's needs as written beside what was read in them, until confirmed."""

    #: The worker confirmed that what was read is right.
    confirmed = Signal()
    #: The worker wants to correct the person's details (needs, languages, contact).
    correct_details = Signal()
    #: The worker wants to correct when they are free and what they can afford.
    correct_times = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Needs from the spreadsheet, to confirm"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setStyleSheet(CALM_STYLE)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.text.setAccessibleName(self.tr("Needs as written and what was read"))
        self.confirm_button = QPushButton(self.tr("They are right: confirm"))
        self.details_button = QPushButton(self.tr("Correct their details…"))
        self.times_button = QPushButton(self.tr("Correct times and cost…"))
        for button, about in (
            (self.confirm_button, self.tr("Confirm what was read in their needs")),
            (self.details_button, self.tr("Correct their needs, languages and contact")),
            (self.times_button, self.tr("Correct when they are free and what they can afford")),
        ):
            button.setAccessibleName(button.text())
            button.setAccessibleDescription(about)
            button.setToolTip(about)
        self.confirm_button.clicked.connect(lambda: self.confirmed.emit())
        self.details_button.clicked.connect(lambda: self.correct_details.emit())
        self.times_button.clicked.connect(lambda: self.correct_times.emit())
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.confirm_button, self.details_button, self.times_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.conflicts: tuple[str, ...] = ()
        self.hide()

    def show_needs(self, needs: NeedsAsWritten | None) -> None:
        """Show ``needs`` while they wait to be confirmed; hide otherwise."""
        if needs is None or not needs.to_confirm or not needs.recorded:
            self.conflicts = ()
            self.text.clear()
            self.hide()
            return
        fields, self.conflicts = read_as_written(needs)
        rows = []
        for written in fields:
            read = "; ".join(self.tr(r) for r in written.read_as) or self.tr("nothing recognised")
            rows.append(
                f"<tr><td><b>{escape(self.tr(written.label))}</b></td>"
                f"<td>“{escape(written.words)}”</td><td>{escape(read)}</td></tr>"
            )
        heading = escape(
            self.tr("From the spreadsheet, as written, and what Link Worker read: is it right?")
        )
        columns = (
            f"<tr><th align='left'></th><th align='left'>{escape(self.tr('As written'))}</th>"
            f"<th align='left'>{escape(self.tr('Read as'))}</th></tr>"
        )
        disagree = "".join(
            f"<li>{escape(self.tr('These disagree: {0}').format(c))}</li>" for c in self.conflicts
        )
        self.text.setText(
            f"<p>{heading}</p><table cellspacing='6'>{columns}{''.join(rows)}</table>"
            + (f"<ul>{disagree}</ul>" if disagree else "")
        )
        if self.parentWidget() is not None:
            self.show()


class UndatedReferralBand(LinkBand):
    """A referral from the spreadsheet with no date; the link asks to add the date."""

    #: The worker followed the link: date this referral.
    date_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Referral with no date"))
        self.referrals: tuple[UndatedReferral, ...] = ()

    def show_referrals(self, referrals: Sequence[UndatedReferral]) -> None:
        """Show the first of ``referrals`` (none: hide)."""
        self.referrals = tuple(referrals)
        if not self.referrals:
            self._hide()
            return
        first = self.referrals[0]
        words = self.tr("A referral from the spreadsheet has no date")
        if first.reasons:
            words += " (" + ", ".join(self.tr(r) for r in first.reasons) + ")"
        if len(self.referrals) > 1:
            words += self.tr(", and {0} more").format(len(self.referrals) - 1)
        link = self.tr("add the date")
        self._say(words, f'{escape(words)}: <a href="{ADD_DATE_LINK}">{escape(link)}</a>')

    def _link(self, link: str) -> None:
        if link == ADD_DATE_LINK and self.referrals:
            self.date_requested.emit(self.referrals[0])
