"""The questions asked before an open episode changes under the worker.

:class:`ReferralChoiceDialog`: a referral arrives for someone whose referral is still
open; add its reasons to the current one (the usual case), close the current one and
start a new one, or keep both open. :class:`PlacesDialog`: an episode is closing with
places still open in its plan; what happens to each. Nothing is chosen for the worker.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.episodes import PlaceOutcome
from linkworker.domain.journey import ReferralChoice
from linkworker.domain.people import ClosingReason, EpisodeDetail
from linkworker.domain.plan import AssetReferralDetail
from linkworker.services.episodes import Closing
from linkworker.ui.form_fields import combo, hint, plain_text
from linkworker.ui.record_dialog import BANNER_STYLE


class PlacesChoiceBox(QGroupBox):
    """For each place still open in a plan, what happens to it as the episode closes."""

    def __init__(
        self, places: Sequence[AssetReferralDetail], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Places still open in the plan"), parent)
        self._places = tuple(places)
        form = QFormLayout(self)
        form.addRow(
            hint(
                self.tr(
                    "Say what happens to each. The plan keeps the day, so the story "
                    "of each place stays true."
                )
            )
        )
        self.combos: dict[uuid.UUID, QComboBox] = {}
        for place in self._places:
            name = self.tr("{0} ({1})").format(place.asset_name, self.tr(place.draft.status.label))
            box = combo(
                self.tr("{0}: what happens now").format(name),
                [(self.tr("Choose…"), None)] + [(self.tr(o.label), o.value) for o in PlaceOutcome],
            )
            self.combos[place.id] = box
            label = QLabel(name)
            label.setWordWrap(True)
            label.setBuddy(box)
            form.addRow(label, box)

    def missing(self) -> list[str]:
        """Names of the places nobody has answered for yet."""
        return [p.asset_name for p in self._places if self.combos[p.id].currentData() is None]

    def answers(self) -> tuple[tuple[uuid.UUID, PlaceOutcome], ...]:
        """The answers given (places not answered are left out)."""
        return tuple(
            (place_id, PlaceOutcome(box.currentData()))
            for place_id, box in self.combos.items()
            if box.currentData() is not None
        )


class _AskingDialog(QDialog):
    """A question with Continue and Cancel, and a banner for what is still unanswered."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(600)
        self.banner = QLabel()
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Problems"))
        self.banner.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)

    def _finish_layout(self, go_text: str) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go_button = buttons.addButton(go_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button.setDefault(True)
        buttons.accepted.connect(self._try_accept)
        buttons.rejected.connect(self.reject)
        self.layout_.addStretch(1)
        self.layout_.addWidget(buttons)

    def _unanswered(self) -> list[str]:
        return []

    def _try_accept(self) -> None:
        missing = self._unanswered()
        if missing:
            self.banner.setText(self.tr("Say what happens to: {0}.").format(", ".join(missing)))
            self.banner.show()
            return
        self.accept()


class PlacesDialog(_AskingDialog):
    """Closing an episode with places still open: what happens to each."""

    def __init__(
        self, places: Sequence[AssetReferralDetail], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Before the referral closes"), parent)
        self.places_box = PlacesChoiceBox(places)
        self.layout_.addWidget(self.places_box)
        self._finish_layout(self.tr("Close the referral"))

    def _unanswered(self) -> list[str]:
        return self.places_box.missing()

    def answers(self) -> tuple[tuple[uuid.UUID, PlaceOutcome], ...]:
        return self.places_box.answers()


class ReferralChoiceDialog(_AskingDialog):
    """A referral for someone with one open: add to it, close it and start anew, or keep both."""

    def __init__(
        self,
        name: str,
        current: EpisodeDetail,
        places: Sequence[AssetReferralDetail],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("A referral is still open"), parent)
        e = current.draft
        reasons = ", ".join(e.reasons) or self.tr("no reasons recorded")
        intro = QLabel(
            self.tr(
                "{name} already has a referral open since {date} ({reasons}). "
                "What should happen with this new referral?"
            ).format(name=name, date=f"{e.referral_date:%d %B %Y}", reasons=reasons)
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.group = QButtonGroup(self)
        self.radios: dict[ReferralChoice, QRadioButton] = {}
        for choice in ReferralChoice:
            radio = QRadioButton(self.tr(choice.label))
            radio.setAccessibleName(self.tr(choice.label))
            self.group.addButton(radio)
            self.radios[choice] = radio
            self.layout_.addWidget(radio)
        self.radios[ReferralChoice.ADD_TO_CURRENT].setChecked(True)
        self.radios[ReferralChoice.ADD_TO_CURRENT].setFocus()

        self.closing_box = QGroupBox(self.tr("Closing the current referral"))
        form = QFormLayout(self.closing_box)
        self.reason_combo = combo(
            self.tr("Reason for closing the current referral"),
            [(self.tr(r.label), r.value) for r in ClosingReason],
        )
        self.reason_combo.setCurrentIndex(
            self.reason_combo.findData(ClosingReason.REFERRED_ON.value)
        )
        form.addRow(self.tr("&Reason for closing"), self.reason_combo)
        self.note_edit = plain_text(self.tr("Closing note for the current referral"), 2)
        form.addRow(self.tr("Closing n&ote"), self.note_edit)
        self.layout_.addWidget(self.closing_box)
        self.places_box = PlacesChoiceBox(places) if places else None
        if self.places_box is not None:
            self.layout_.addWidget(self.places_box)
        self.group.buttonToggled.connect(lambda *_: self._show_closing())
        self._finish_layout(self.tr("Continue"))
        self._show_closing()

    def _show_closing(self) -> None:
        closing = self.choice() is ReferralChoice.CLOSE_AND_START
        self.closing_box.setVisible(closing)
        if self.places_box is not None:
            self.places_box.setVisible(closing)
        self.banner.hide()
        self.adjustSize()

    def choice(self) -> ReferralChoice:
        return next(c for c, radio in self.radios.items() if radio.isChecked())

    def choose(self, choice: ReferralChoice) -> None:
        self.radios[choice].setChecked(True)

    def _unanswered(self) -> list[str]:
        if self.choice() is not ReferralChoice.CLOSE_AND_START or self.places_box is None:
            return []
        return self.places_box.missing()

    def closing(self, on: dt.date, recorded_by: str) -> Closing | None:
        """How the current referral closes (None unless closing was chosen)."""
        if self.choice() is not ReferralChoice.CLOSE_AND_START:
            return None
        return Closing(
            on=on,
            reason=ClosingReason(self.reason_combo.currentData()),
            note=self.note_edit.toPlainText().strip(),
            places=self.places_box.answers() if self.places_box is not None else (),
            recorded_by=recorded_by,
        )
