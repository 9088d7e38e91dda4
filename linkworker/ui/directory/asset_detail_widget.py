"""The pane beside the directory table: one asset in full, with its actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkworker.domain.directory import ACCESSIBILITY_FEATURES, AssetDetail, AssetStatus
from linkworker.ui.style import hint_css


def _row(label: str, value: str) -> str:
    if not value:
        return ""
    return (
        f"<tr><th align='left' valign='top' style='padding:3px 12px 3px 0;"
        f"color:#555;font-weight:600'>{escape(label)}</th>"
        f"<td style='padding:3px 0'>{value}</td></tr>"
    )


def _lines(items: list[str]) -> str:
    return "<br>".join(escape(i) for i in items if i)


def _link(url: str, text: str | None = None) -> str:
    return f"<a href='{escape(url, quote=True)}'>{escape(text or url)}</a>"


def asset_html(detail: AssetDetail, today: dt.date, stale_months: int) -> str:
    """The asset as escaped HTML for a QTextBrowser (user text never becomes markup)."""
    d = detail.draft
    parts = [f"<h2 style='margin:0 0 2px 0'>{escape(d.name)}</h2>"]
    sub = " · ".join(x for x in (d.organisation, ", ".join(d.categories)) if x)
    if sub:
        parts.append(f"<p style='color:#555;margin:0 0 8px 0'>{escape(sub)}</p>")
    notices: list[str] = []
    if detail.archived:
        notices.append("Archived: hidden from searches and suggestions.")
    if d.status is not AssetStatus.ACTIVE:
        notices.append(f"{d.status.label}: not running at the moment.")
    if d.waiting_list:
        notices.append("Waiting list.")
    if d.last_verified_on is None:
        notices.append("Nobody has recorded checking that this is still running.")
    elif (today - d.last_verified_on).days > stale_months * 30:
        months = (today - d.last_verified_on).days // 30
        notices.append(f"Not checked for {months} months: confirm it is still running.")
    for notice in notices:
        parts.append(
            f"<p style='background:#fff4e5;color:#7a3300;padding:4px;margin:2px 0'>"
            f"{escape(notice)}</p>"
        )
    if d.description:
        parts.append(f"<p>{escape(d.description)}</p>")
    ages = ""
    if d.age_min is not None and d.age_max is not None:
        ages = f"Ages {d.age_min} to {d.age_max}"
    elif d.age_min is not None:
        ages = f"Ages {d.age_min} and over"
    elif d.age_max is not None:
        ages = f"Up to age {d.age_max}"
    cost = d.cost.label + (f" ({d.cost_note})" if d.cost_note else "")
    rows = [
        _row("When", _lines([t.describe() for t in d.opening_times])),
        _row("Where", _lines([loc.one_line() for loc in d.locations])),
        _row("Cost", escape(cost)),
        _row("How to join", escape(d.join_mode.label)),
        _row("Who it is for", _lines([ages, d.eligibility])),
        _row("Access", _lines([ACCESSIBILITY_FEATURES.get(a, a) for a in d.accessibility])),
        _row("Languages", escape(", ".join(d.languages))),
        _row("Capacity", escape(d.capacity_note)),
        _row("Phone", escape(d.phone)),
        _row("Email", _link(f"mailto:{d.email}", d.email) if d.email else ""),
        _row("Website", _link(d.website) if d.website else ""),
    ]
    for c in d.contacts:
        who = " – ".join(x for x in (c.name, c.role) if x)
        rows.append(_row("Contact", _lines([who, c.phone, c.email])))
    rows.append(_row("Tags", escape(", ".join(d.tags))))
    checked = "Never"
    if d.last_verified_on is not None:
        checked = d.last_verified_on.strftime("%d %B %Y")
        if d.verified_by:
            checked += f" by {d.verified_by}"
    rows.append(_row("Last checked", escape(checked)))
    rows.append(_row("Notes", escape(d.notes)))
    parts.append("<table cellspacing='0'>" + "".join(rows) + "</table>")
    return "".join(parts)


class AssetDetailWidget(QWidget):
    """Shows one asset; asks the page to edit, verify or archive it."""

    edit_requested = Signal()
    verify_requested = Signal()
    archive_requested = Signal(bool)

    def __init__(
        self,
        stale_months: Callable[[], int],
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stale_months = stale_months
        self._today = today
        self._detail: AssetDetail | None = None

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(self.tr("Asset details"))
        self.placeholder = QLabel(self.tr("Choose an asset to see its details."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(hint_css())

        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setAccessibleName(self.tr("Edit this asset"))
        self.verify_button = QPushButton(self.tr("Mark &verified today"))
        self.verify_button.setAccessibleName(self.tr("Mark verified today"))
        self.verify_button.setToolTip(
            self.tr("Record that you checked today that this is still running as described")
        )
        self.archive_button = QPushButton(self.tr("A&rchive"))
        self.archive_button.setAccessibleName(self.tr("Archive or restore this asset"))
        self.edit_button.clicked.connect(self.edit_requested)
        self.verify_button.clicked.connect(self.verify_requested)
        self.archive_button.clicked.connect(self._archive_clicked)

        buttons = QHBoxLayout()
        for button in (self.edit_button, self.verify_button, self.archive_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.show_detail(None)

    def set_empty_directory(self, empty: bool) -> None:
        """Say what to do first when there is nothing in the directory to choose."""
        self.placeholder.setText(
            self.tr(
                "The directory is empty. Add an asset (Ctrl+N), or bring in an Open Referral "
                "UK feed or file, or a spreadsheet, from Import or export."
            )
            if empty
            else self.tr("Choose an asset to see its details.")
        )

    @property
    def detail(self) -> AssetDetail | None:
        return self._detail

    def show_detail(self, detail: AssetDetail | None) -> None:
        self._detail = detail
        has = detail is not None
        self.placeholder.setVisible(not has)
        self.browser.setVisible(has)
        for button in (self.edit_button, self.verify_button, self.archive_button):
            button.setEnabled(has)
        if detail is None:
            self.browser.clear()
            return
        self.browser.setHtml(asset_html(detail, self._today(), self._stale_months()))
        self.archive_button.setText(self.tr("&Restore") if detail.archived else self.tr("A&rchive"))

    def _archive_clicked(self) -> None:
        if self._detail is not None:
            self.archive_requested.emit(not self._detail.archived)
