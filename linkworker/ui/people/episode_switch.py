"""The choice of plan for someone with more than one referral open (two teams involved).

Hidden for everyone else: one open referral, or none, has nothing to choose between.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from linkworker.domain.people import EpisodeDetail


class EpisodeSwitch(QWidget):
    """ "Open referrals: [Referred 13 Sep 2026: Loneliness ▾]", the current one first."""

    #: Another open referral was chosen (its id).
    switched = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(self.tr("Which referral's plan to show"))
        self.combo.setToolTip(
            self.tr("They have more than one referral open: choose whose plan to show")
        )
        self.combo.currentIndexChanged.connect(lambda _i: self.switched.emit(self.chosen()))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        label = QLabel(self.tr("Open referrals:"))
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        self.hide()

    def set_episodes(self, open_now: Sequence[EpisodeDetail]) -> None:
        """Offer these open episodes (current first); keep the one chosen if still offered."""
        chosen = self.chosen()
        self.combo.blockSignals(True)
        self.combo.clear()
        for episode in open_now if len(open_now) > 1 else ():
            e = episode.draft
            reasons = ", ".join(e.reasons) or self.tr("no reasons recorded")
            self.combo.addItem(
                self.tr("Referred {0}: {1}").format(f"{e.referral_date:%d %b %Y}", reasons),
                episode.id,
            )
        index = self.combo.findData(chosen) if chosen is not None else -1
        self.combo.setCurrentIndex(max(index, 0) if self.combo.count() else -1)
        self.combo.blockSignals(False)
        self.setVisible(self.combo.count() > 1)

    def chosen(self) -> uuid.UUID | None:
        """The episode chosen; None when there is no choice to make."""
        value: Any = self.combo.currentData()
        return value if isinstance(value, uuid.UUID) else None

    def choose(self, episode_id: uuid.UUID) -> bool:
        """Choose an episode offered; False when it is not one of them."""
        index = self.combo.findData(episode_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0
