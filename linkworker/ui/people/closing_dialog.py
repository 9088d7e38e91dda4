"""Close a referral well: the day, the reason, what happens to each place still open,
the person's story in their own words with their answer about sharing it, the ways they
now support others, and whether closing measures come next.

Problems are said beside their fields (a closing dated before the referral or in the
future, a story with no answer about sharing, a helper role with no place, a place not
answered for) and nothing typed is lost. After closing, :attr:`ClosingDialog.saved`
holds the closed referral, and :meth:`ClosingDialog.measures_next` says whether the
worker ticked "Take closing measures next", for the caller to open the measures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from linkworker.domain.closing import Story, StoryConsent
from linkworker.domain.episodes import closing_problems, unanswered_places
from linkworker.domain.people import ClosingReason, EpisodeDetail
from linkworker.domain.plan import AssetReferralDetail
from linkworker.domain.validation import FieldError
from linkworker.services.episodes import Closing
from linkworker.ui.form_fields import (
    Field,
    combo,
    date_edit,
    hint,
    plain_text,
    py_date,
    qdate,
    stacked,
)
from linkworker.ui.people.giving_back_rows import FindPlaces, GivingBackBox
from linkworker.ui.people.referral_choice_dialog import PlacesChoiceBox
from linkworker.ui.record_dialog import RecordDialog


class ClosingDialog(RecordDialog):
    """Close one open referral. ``close`` is normally ``EpisodeService.close`` for it."""

    discard_question = "You have started closing this referral. Close the form without saving?"

    closed = RecordDialog.record_saved

    def __init__(
        self,
        close: Callable[[Closing], EpisodeDetail],
        episode: EpisodeDetail,
        name: str,
        user_name: str,
        places: Sequence[AssetReferralDetail] = (),
        find_places: FindPlaces = lambda _text: (),
        reason: ClosingReason | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = close
        self._episode = episode
        self._user_name = user_name
        self._places = tuple(places)
        self._find_places = find_places
        referred = episode.draft.referral_date
        self.setWindowTitle(self.tr("Close the referral"))
        self.setMinimumSize(660, 480)
        self.resize(780, 680)

        intro = QLabel(
            self.tr("Closing the referral of {date} for {name}.").format(
                date=f"{referred:%d %B %Y}", name=name
            )
        )
        intro.setWordWrap(True)
        parts: list[QWidget] = [intro, self._build_closing(reason)]
        self.places_box = PlacesChoiceBox(self._places) if self._places else None
        if self.places_box is not None:
            first = next(iter(self.places_box.combos.values()))
            error = self._field("places", first, self.tr("places still open"))
            parts.append(stacked(self.places_box, error))
        parts += [self._build_story(), self._build_giving_back()]
        self.measures_check = QCheckBox(self.tr("Take closing &measures next"))
        self.measures_check.setAccessibleName(self.tr("Take closing measures next"))
        self.measures_check.setToolTip(
            self.tr("After closing, go on to record how things are now (wellbeing, loneliness)")
        )
        self._lay_out(
            self.tr("Close the referral"),
            self._scrolling(*parts),
            beside_buttons=self.measures_check,
        )
        self.save_button.setText(self.tr("Close the referral"))
        # An answer given clears the message that asked for it.
        for name, box in (
            ("closing_reason", self.reason_combo),
            ("story_consent", self.consent_combo),
            *(("places", b) for b in (self.places_box.combos.values() if self.places_box else ())),
        ):
            box.currentIndexChanged.connect(lambda _i, n=name: self._answered(n))
        self._ready(self.closed_on_edit)
        QTimer.singleShot(0, self.reason_combo.setFocus)

    # Building ------------------------------------------------------------

    def _build_closing(self, reason: ClosingReason | None) -> QGroupBox:
        group = QGroupBox(self.tr("Closing"))
        form = self._form()
        group.setLayout(form)
        self.closed_on_edit = date_edit(self.tr("Date closed"))
        self.closed_on_edit.setDate(qdate(dt.date.today()))
        error = self._field("closed_on", self.closed_on_edit, self.tr("date closed"))
        self._row(
            form, self.tr("Date c&losed"), self.closed_on_edit, stacked(self.closed_on_edit, error)
        )
        self.reason_combo = combo(
            self.tr("Reason for closing"),
            [(self.tr("Choose a reason"), None)]
            + [(self.tr(r.label), r.value) for r in ClosingReason],
        )
        if reason is not None:
            self.reason_combo.setCurrentIndex(self.reason_combo.findData(reason.value))
        error = self._field("closing_reason", self.reason_combo, self.tr("reason for closing"))
        self._row(form, self.tr("&Reason"), self.reason_combo, stacked(self.reason_combo, error))
        self.note_edit = plain_text(
            self.tr("Closing note"), 3, placeholder=self.tr("How things are now")
        )
        self._row(form, self.tr("No&te"), self.note_edit)
        return group

    def _build_story(self) -> QGroupBox:
        group = QGroupBox(self.tr("Their story"))
        form = self._form()
        group.setLayout(form)
        self.story_edit = plain_text(
            self.tr("Their story, in their own words"),
            5,
            placeholder=self.tr("What changed for them, in their own words, as they said it"),
        )
        self._row(form, self.tr("In their &words"), self.story_edit)
        self.consent_combo = combo(
            self.tr("May their story be shared?"),
            [(self.tr("Not asked yet"), None)]
            + [(self.tr(c.label), c.value) for c in StoryConsent],
        )
        error = self._field("story_consent", self.consent_combo, self.tr("sharing their story"))
        self._row(
            form, self.tr("&Sharing it"), self.consent_combo, stacked(self.consent_combo, error)
        )
        self.consent_on_edit = date_edit(self.tr("Day they answered"))
        self.consent_on_edit.setDate(qdate(dt.date.today()))
        self._row(form, self.tr("They answered &on"), self.consent_on_edit)
        self.recorded_by_label = QLabel(self._user_name or self.tr("(no name in Settings)"))
        self.recorded_by_label.setAccessibleName(self.tr("Answer recorded by"))
        form.addRow(self.tr("Recorded by"), self.recorded_by_label)
        form.addRow(
            hint(
                self.tr(
                    "Stories help show what the work does. Share one only as the person "
                    "agrees: without their name, or named with their permission."
                )
            )
        )
        self.consent_combo.currentIndexChanged.connect(lambda _i: self._show_consent_day())
        self._show_consent_day()
        return group

    def _answered(self, name: str) -> None:
        field = self._fields.get(name)
        if field is not None and (name != "places" or not self._unanswered_places()):
            field.show("")

    def _unanswered_places(self) -> tuple[object, ...]:
        given = dict(self.places_box.answers()) if self.places_box is not None else {}
        return unanswered_places((p.id for p in self._places), given)

    def _show_consent_day(self) -> None:
        asked = self.consent_combo.currentData() is not None
        self.consent_on_edit.setEnabled(asked)

    def _build_giving_back(self) -> QGroupBox:
        group = QGroupBox(self.tr("Giving back"))
        column = QVBoxLayout(group)
        self.giving_back = GivingBackBox(
            self._find_places, lambda: py_date(self.closed_on_edit.date())
        )
        column.addWidget(self.giving_back)
        self.closed_on_edit.dateChanged.connect(lambda d: self.giving_back.offer_day(py_date(d)))
        return group

    # Reading -------------------------------------------------------------

    def current_draft(self) -> Closing:
        """The closing as the form shows it."""
        reason = self.reason_combo.currentData()
        consent = self.consent_combo.currentData()
        answered = StoryConsent(consent) if consent else None
        return Closing(
            on=py_date(self.closed_on_edit.date()),
            reason=ClosingReason(reason) if reason else None,
            note=self.note_edit.toPlainText().strip(),
            places=self.places_box.answers() if self.places_box is not None else (),
            recorded_by=self._user_name,
            story=Story(
                words=self.story_edit.toPlainText().strip(),
                consent=answered,
                consent_on=py_date(self.consent_on_edit.date()) if answered else None,
                recorded_by=self._user_name if answered else "",
            ),
            helpers=self.giving_back.drafts(),
        )

    def _problems(self, draft: Closing) -> list[FieldError]:
        problems = closing_problems(
            self._episode.draft.referral_date,
            draft.on,
            draft.reason,
            draft.story,
            draft.helpers,
            dt.date.today(),
        )
        missing = set(self._unanswered_places())
        if missing:
            names = ", ".join(p.asset_name for p in self._places if p.id in missing)
            problems.append(
                FieldError("places", self.tr("Say what happens to: {0}.").format(names))
            )
        return problems

    # Problems beside the helper rows ----------------------------------------

    def _field_for(self, name: str, as_sent: bool = False) -> Field | None:
        if name.startswith("helpers[") and name.endswith("]"):
            index = int(name[len("helpers[") : -1])
            rows = self.giving_back.rows
            return rows[index].field if 0 <= index < len(rows) else None
        return self._fields.get(name)

    def _all_fields(self) -> list[Field]:
        return list(self._fields.values()) + [row.field for row in self.giving_back.rows]

    # Saving ----------------------------------------------------------------

    def measures_next(self) -> bool:
        """True when the referral was closed with "Take closing measures next" ticked."""
        return self.saved is not None and self.measures_check.isChecked()
