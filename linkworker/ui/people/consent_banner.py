"""What a person's referral is still waiting for: their consent to hold, or to share.

A calm band (dark blue on pale blue, over 4.5:1) above the person's tabs, with a
link that opens the referral where the answer is recorded. It hides itself when the
referral on show has all three consents, and for someone with no open referral.
The words come from domain/keeping.py, which also says what waits for consent.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from linkworker.domain.keeping import Missing, missing, missing_words
from linkworker.domain.people import EpisodeDetail

TEXT_COLOUR = "#0b2e59"
BACKGROUND_COLOUR = "#e6f0fb"
BORDER_COLOUR = "#2f6db5"

STYLE = (
    f"QLabel {{ color: {TEXT_COLOUR}; background: {BACKGROUND_COLOUR};"
    f" border: 1px solid {BORDER_COLOUR}; border-left: 6px solid {BORDER_COLOUR};"
    " border-radius: 4px; padding: 6px 8px; }"
)

#: The link in the band; activating it asks for the referral to be opened.
RECORD_LINK = "record-consent"


class LinkBand(QLabel):
    """A calm band of words with a link in them, hidden until there is something to say.

    A subclass names it, says its words with :meth:`_say` and answers its link in
    :meth:`_link`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(self._link)
        self.hide()

    def _say(self, words: str, html: str) -> None:
        """Show ``html``; ``words`` (plain) is what a screen reader says of it."""
        self.setText(html)
        self.setAccessibleDescription(words)
        if self.parentWidget() is not None:
            self.show()

    def _hide(self) -> None:
        self.clear()
        self.setAccessibleDescription("")
        self.hide()

    def _link(self, link: str) -> None:
        raise NotImplementedError


class ConsentBanner(LinkBand):
    """The consents the shown referral still lacks; hidden when none are missing."""

    #: The worker followed the link to record the person's answer.
    record_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Consent still needed"))
        self.gap: Missing | None = None

    def show_episode(self, episode: EpisodeDetail | None) -> None:
        """Show what ``episode`` (an open referral, or None) is missing, or hide."""
        if episode is None or not episode.is_open:
            self._hide()
            return
        d = episode.draft
        gap = missing(d.consent_to_hold, d.consent_share_gp, d.consent_share_providers)
        words = missing_words(gap)
        if not words:
            self._hide()
            return
        self.gap = gap
        link = self.tr("Record their answer")
        html = f'{escape(self.tr(words))} <a href="{RECORD_LINK}">{escape(link)}</a>'
        self._say(self.tr(words), html)

    def _hide(self) -> None:
        self.gap = None
        super()._hide()

    def _link(self, link: str) -> None:
        if link == RECORD_LINK:
            self.record_requested.emit()
