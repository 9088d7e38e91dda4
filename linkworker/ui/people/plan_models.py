"""The item models of a person's plan: the goals as cards, and the places chosen together."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from linkworker.domain.plan import (
    AssetReferralDetail,
    GoalDetail,
    GoalStatus,
    ReferralStatus,
    StepOwner,
)
from linkworker.ui.paged_table_model import ID_ROLE, InMemoryTableModel
from linkworker.ui.people.confidence_scale import confidence_trail, quoted
from linkworker.ui.people.suggestion_model import HTML_ROLE, MUTED, chip
from linkworker.ui.style import QUOTE, font_css

Index = QModelIndex | QPersistentModelIndex

OVERDUE = "#8a4b00"
MUTED_COLOUR = QColor("#6b6b6b")


def day_text(day: dt.date, with_year: bool = True) -> str:
    """A date as the plan shows it: "3 Mar 2025" (or "3 Mar")."""
    return f"{day.day} {day:%b %Y}" if with_year else f"{day.day} {day:%b}"


class GoalListModel(QAbstractListModel):
    """A plan's goals, each painted as a card: their words, confidence, steps."""

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._goals: list[GoalDetail] = []

    def set_goals(self, goals: Sequence[GoalDetail]) -> None:
        self.beginResetModel()
        self._goals = list(goals)
        self.endResetModel()

    def goal(self, row: int) -> GoalDetail:
        return self._goals[row]

    def row_of(self, goal_id: uuid.UUID) -> int:
        return next((i for i, g in enumerate(self._goals) if g.id == goal_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal = self._goals[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return quoted(goal.draft.words)
        if role == ID_ROLE:
            return goal.id
        if role == HTML_ROLE:
            return self.html(goal)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.plain(goal)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.ratings_text(goal)
        return None

    def _who(self, who: StepOwner, name: str) -> str:
        if who is StepOwner.SOMEONE_ELSE and name:
            return name
        return self.tr(who.label)

    def confidence_text(self, goal: GoalDetail) -> str:
        latest = goal.latest_confidence
        if latest is None:
            return self.tr("Confidence not asked yet")
        if len(goal.ratings) == 1:
            return self.tr("Confidence {0} of 10").format(latest)
        return self.tr("Confidence {0}").format(confidence_trail(goal))

    def ratings_text(self, goal: GoalDetail) -> str:
        """Every rating with its date (the hover text)."""
        if not goal.ratings:
            return self.tr("No confidence rating yet. Use “Ask confidence again”.")
        lines = [self.tr("How confident they felt (0 to 10):")]
        for rating in goal.ratings:
            line = self.tr("{score} on {day}").format(score=rating.score, day=day_text(rating.on))
            if rating.note:
                line += f": {rating.note}"
            lines.append(line)
        return "\n".join(lines)

    def _step_text(self, step: Any) -> str:
        bits = [self._who(step.who, step.who_name)]
        if step.by is not None:
            bits.append(self.tr("by {0}").format(day_text(step.by, with_year=False)))
        return ", ".join(bits)

    def plain(self, goal: GoalDetail) -> str:
        lines = [quoted(goal.draft.words), self.tr(goal.draft.status.label)]
        lines.append(self.confidence_text(goal))
        for step in goal.draft.steps:
            mark = self.tr("Done") if step.done else self.tr("To do")
            lines.append(f"{mark}: {step.what} ({self._step_text(step)})")
        return "\n".join(lines)

    def html(self, goal: GoalDetail) -> str:
        d = goal.draft
        status = {
            GoalStatus.OPEN: chip(self.tr(d.status.label), "#eef1f5", "#33415c"),
            GoalStatus.ACHIEVED: chip(self.tr(d.status.label), "#e3f1e6", "#1d5b2c"),
            GoalStatus.SET_ASIDE: chip(self.tr(d.status.label), "#f0f0f0", "#555555"),
        }[d.status]
        colour = f"color:{MUTED};" if d.status is GoalStatus.SET_ASIDE else ""
        parts = [
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td style='{font_css(QUOTE)}{colour}'><i>{escape(quoted(d.words))}</i></td>"
            f"<td align='right' valign='top'>&nbsp;{status}</td></tr></table>"
        ]
        latest = goal.latest_confidence
        if latest is None:
            parts.append(f"<div style='color:{MUTED}'>{escape(self.confidence_text(goal))}</div>")
        else:
            # Earlier ratings muted, the latest bold: "Confidence 3 → 5 → 7 of 10".
            earlier = "".join(f"{r.score} → " for r in goal.ratings[:-1])
            parts.append(
                f"<div>{escape(self.tr('Confidence'))} <span style='color:{MUTED}'>{earlier}</span>"
                f"<b>{latest}</b> <span style='color:{MUTED}'>{escape(self.tr('of 10'))}</span>"
                "</div>"
            )
        today = self._today()
        for step in d.steps:
            who = escape(self._step_text(step))
            if step.done:
                parts.append(
                    f"<div style='color:{MUTED}'>☑&nbsp;<s>{escape(step.what)}</s> · {who}</div>"
                )
                continue
            late = step.by is not None and step.by < today
            style = f" style='color:{OVERDUE}'" if late else ""
            parts.append(
                f"<div>☐&nbsp;{escape(step.what)} <span{style}>· {who}"
                + (escape(self.tr(" (date passed)")) if late else "")
                + "</span></div>"
            )
        return "".join(parts)


class ReferralTableModel(InMemoryTableModel[AssetReferralDetail]):
    """The community assets chosen together, with where each has got to; in the plan's
    order until a heading is clicked."""

    COLUMNS = (
        ("Place", "place"),
        ("Where it's got to", "status"),
        ("Since", "since"),
        ("Getting there", "getting_there"),
    )

    def set_referrals(self, referrals: Sequence[AssetReferralDetail]) -> None:
        self.set_rows(referrals)

    def display(self, row: AssetReferralDetail, key: Any) -> str:
        d = row.draft
        if key == "place":
            return row.asset_name + (self.tr(" (no longer listed)") if row.asset_archived else "")
        if key == "status":
            return self.tr(row.current_status.label)
        if key == "since":
            since = row.current_since
            return day_text(since) if since is not None else ""
        if key == "getting_there":
            # How they'll get there, and who goes with them the first time.
            bits = [d.getting_there] if d.getting_there else []
            if d.going_with_someone:
                bits.append(
                    self.tr("with {0}").format(d.going_with)
                    if d.going_with
                    else self.tr("with someone")
                )
            return "; ".join(bits)
        return ""

    def sort_value(self, row: AssetReferralDetail, key: Any) -> Any:
        if key == "status":
            return list(ReferralStatus).index(row.current_status)
        if key == "since":
            return row.current_since or dt.date.min
        return super().sort_value(row, key)

    def history_text(self, referral: AssetReferralDetail) -> str:
        lines = [referral.asset_name]
        for change in referral.history:
            line = f"{day_text(change.on)}: {self.tr(change.status.label)}"
            if change.note:
                line += f" ({change.note})"
            lines.append(line)
        return "\n".join(lines)

    def other_role(self, row: AssetReferralDetail, key: Any, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.history_text(row)
        muted = not row.current_status.is_open or row.asset_archived
        if role == Qt.ItemDataRole.ForegroundRole and muted:
            return QBrush(MUTED_COLOUR)
        return None
