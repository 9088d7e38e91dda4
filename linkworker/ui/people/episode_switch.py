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
        #: The episode last chosen; kept while the page reads the person again.
        self._wanted: uuid.UUID | None = None
        self.combo.currentIndexChanged.connect(self._changed)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 8, 0)
        label = QLabel(self.tr("Open referrals:"))
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        self.hide()

    def _changed(self, _index: int) -> None:
        self._wanted = self.chosen()
        self.switched.emit(self._wanted)

    def set_episodes(self, open_now: Sequence[EpisodeDetail]) -> None:
        """Offer these open episodes (current first); keep the one chosen if still offered."""
        chosen = self._wanted
        self.combo.blockSignals(True)
        self.combo.clear()
        for episode in open_now if len(open_now) > 1 else ():
            e = episode.draft
            reasons = ", ".join(e.reasons) or self.tr("no reasons recorded")
            self.combo.addItem(
                self.tr("Referred {0}: {1}").format(f"{e.referral_date:%d %b %Y}", reasons),
                episode.id,
            )
        index = self._index_of(chosen)
        self.combo.setCurrentIndex(max(index, 0) if self.combo.count() else -1)
        self.combo.blockSignals(False)
        if open_now:  # reading nobody (between two reads of the same person) forgets nothing
            self._wanted = self.chosen()
        self.setVisible(self.combo.count() > 1)

    def _index_of(self, episode_id: uuid.UUID | None) -> int:
        # By value: the ids read afresh are equal, not the same objects (findData
        # compares Python objects by identity).
        for index in range(self.combo.count()):
            if episode_id is not None and self.combo.itemData(index) == episode_id:
                return index
        return -1

    def chosen(self) -> uuid.UUID | None:
        """The episode chosen; None when there is no choice to make."""
        value: Any = self.combo.currentData()
        return value if isinstance(value, uuid.UUID) else None

    def choose(self, episode_id: uuid.UUID) -> bool:
        """Choose an episode offered; False when it is not one of them."""
        index = self._index_of(episode_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        return index >= 0
