"""An earlier episode read back whole and read-only: the referral, how it was answered,
its plan (goals and places with their history), its conversations and how it ended."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from linkworker.domain.journey import ContactDetail
from linkworker.domain.people import EpisodeDetail, EpisodeStatus
from linkworker.domain.plan import AssetReferralDetail, GoalDetail
from linkworker.services.episodes import EpisodeRecord
from linkworker.ui.people.person_summary import conversation_item, story_html, waited_words

_MUTED = "color:#555"


def _section(title: str, body: str) -> str:
    return f"<h3 style='margin:12px 0 4px 0'>{escape(title)}</h3>{body}"


def _none(text: str) -> str:
    return f"<p style='{_MUTED}'>{escape(text)}</p>"


def _referral(episode: EpisodeDetail) -> str:
    e = episode.draft
    who = e.referred_by.label + (f" ({e.referrer_name})" if e.referrer_name else "")
    lines = [
        f"Referred {e.referral_date:%d %B %Y} by {who}",
        f"Reasons: {', '.join(e.reasons)}" if e.reasons else "",
        f"Link worker: {e.link_worker}" if e.link_worker else "",
        waited_words(episode),
    ]
    if e.response is not None:
        on = f" on {e.responded_on:%d %B %Y}" if e.responded_on else ""
        lines.append(f"Answer: {e.response.label}{on}")
    if e.declined_reason:
        lines.append(f"In their words: “{e.declined_reason}”")
    body = "<br>".join(escape(line) for line in lines if line)
    if e.reason_notes:
        body += f"<p style='white-space:pre-wrap'>{escape(e.reason_notes)}</p>"
    return f"<p>{body}</p>"


def _goal(goal: GoalDetail) -> str:
    g = goal.draft
    bits = [escape(g.status.label)]
    if goal.ratings:
        first, last = goal.ratings[0].score, goal.ratings[-1].score
        bits.append(f"confidence {last}/10" if first == last else f"confidence {first} → {last}/10")
    steps = "".join(f"<li>{'✓ ' if s.done else ''}{escape(s.what)}</li>" for s in g.steps if s.what)
    return (
        f"<p style='margin:4px 0'><b>{escape(g.words)}</b> "
        f"<span style='{_MUTED}'>· {' · '.join(bits)}</span></p>"
        + (f"<ul style='margin:0'>{steps}</ul>" if steps else "")
    )


def _place(place: AssetReferralDetail) -> str:
    history = " → ".join(f"{c.status.label} {c.on:%d %b %Y}" for c in place.history)
    return (
        f"<p style='margin:4px 0'><b>{escape(place.asset_name)}</b>: "
        f"{escape(place.draft.status.label)}<br>"
        f"<span style='{_MUTED}'>{escape(history)}</span></p>"
    )


def _contact(contact: ContactDetail) -> str:
    c = contact.draft
    note = f" · {escape(c.outcome_note)}" if c.outcome_note else ""
    return (
        f"<p style='margin:2px 0'>{c.starts_at:%d %b %Y %H:%M} · {escape(contact.where)} · "
        f"{c.minutes} min · <b>{escape(c.outcome.label)}</b>{note}</p>"
    )


def _outcome(episode: EpisodeDetail) -> str:
    e = episode.draft
    if e.status is not EpisodeStatus.CLOSED:
        return _none(f"Still open: {e.status.label.lower()}.")
    reason = e.closing_reason.label if e.closing_reason else "no reason recorded"
    on = f"{e.closed_on:%d %B %Y}" if e.closed_on else ""
    text = f"<p>Closed {escape(on)}: {escape(reason)}</p>"
    if e.closing_note:
        text += f"<p><i>{escape(e.closing_note)}</i></p>"
    return text + story_html(e.story)


def episode_html(record: EpisodeRecord) -> str:
    """The whole episode as escaped HTML, the referral first and how it ended last."""
    e = record.episode.draft
    plan = record.plan
    goals = "".join(_goal(g) for g in plan.goals) or _none("No goals were written.")
    places = "".join(_place(p) for p in plan.referrals) or _none("No places were chosen.")
    talks = "".join(conversation_item(c) for c in record.conversations) or _none(
        "No conversations were recorded."
    )
    met = "".join(_contact(c) for c in record.contacts) or _none("No contacts were booked.")
    return "".join(
        [
            f"<h2 style='margin:0'>Referral of {e.referral_date:%d %B %Y}</h2>",
            _referral(record.episode),
            _section("Goals", goals),
            _section("Places", places),
            _section("Contacts booked", met),
            _section("Conversations", talks),
            _section("How it ended", _outcome(record.episode)),
        ]
    )


class EpisodeHistoryDialog(QDialog):
    """One episode, read-only: nothing here changes the record."""

    def __init__(self, record: EpisodeRecord, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        e = record.episode.draft
        self.setWindowTitle(
            self.tr("{0}: referral of {1}").format(name, f"{e.referral_date:%d %B %Y}")
        )
        self.resize(640, 640)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("The episode, read-only"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(episode_html(record))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Close, self, self.reject)
