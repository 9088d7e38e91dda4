"""A person's story at a glance, as escaped HTML: what matters and strengths first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from linkworker.domain.closing import GivingBack, Story
from linkworker.domain.documents import DocumentAction, DocumentRecord
from linkworker.domain.handover import Handover
from linkworker.domain.people import (
    PROMPT_LABELS,
    WHAT_MATTERS_PROMPTS,
    ConversationDetail,
    ConversationType,
    EpisodeDetail,
    EpisodeStatus,
    PersonDetail,
)
from linkworker.domain.person_validation import age_on, format_nhs_number

_PROMPT_TITLES = dict(WHAT_MATTERS_PROMPTS)
_MUTED = "color:#555"
#: The story lists this many documents, newest first, and counts the rest.
DOCUMENTS_SHOWN = 5
_DONE = {DocumentAction.PRINTED: "printed", DocumentAction.SAVED: "saved as PDF"}


def _section(title: str, body: str) -> str:
    if not body:
        return ""
    return f"<h3 style='margin:12px 0 4px 0'>{escape(title)}</h3>{body}"


def _chips(items: tuple[str, ...]) -> str:
    return ", ".join(escape(i) for i in items)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def waited_words(episode: EpisodeDetail, today: dt.date | None = None) -> str:
    """ "Waited 12 days for a first contact", or for one still waiting "Waiting 5 days so far"."""
    waited = episode.waiting_days
    if waited == 0:
        return "First contact the day of the referral"
    if waited is not None:
        return f"Waited {_days(waited)} for a first contact"
    if today is not None and episode.is_open:
        so_far = (today - episode.draft.referral_date).days
        return f"Waiting {_days(so_far)} so far" if so_far > 0 else "Referred today"
    return ""


def _episode_line(episode: EpisodeDetail, today: dt.date, several_open: bool) -> str:
    e = episode.draft
    who = e.referred_by.label + (f" ({e.referrer_name})" if e.referrer_name else "")
    bits = [
        f"<b>Referred {e.referral_date:%d %b %Y}</b> by {escape(who)}",
        escape(", ".join(e.reasons)) if e.reasons else "",
        escape(e.status.label),
        escape(waited_words(episode, today).lower()),
    ]
    if e.response is not None:
        bits.append(escape(e.response.label.lower()))
    if e.status is EpisodeStatus.CLOSED and e.closing_reason is not None:
        closed = f"{e.closed_on:%d %b %Y}" if e.closed_on else ""
        bits.append(escape(f"closed {closed}: {e.closing_reason.label}".replace("  ", " ")))
    if not episode.is_open:
        bits.append(f"<a href='episode:{episode.id}'>Read it</a>")
    elif several_open:
        bits.append(f"<a href='plan:{episode.id}'>Show its plan</a>")
    return " · ".join(b for b in bits if b)


def consent_words(story: Story) -> str:
    """ "Sharing: Yes, shared without their name (3 Dec 2026, recorded by Sam)"; "" if not asked."""
    if story.consent is None:
        return "Sharing: not asked yet" if story.told else ""
    bits = [f"{story.consent_on:%d %b %Y}" if story.consent_on else "", story.recorded_by]
    when = ", recorded by ".join(b for b in bits if b)
    return f"Sharing: {story.consent.label}" + (f" ({when})" if when else "")


def story_html(story: Story) -> str:
    """The person's closing story as a quotation, with their answer about sharing it."""
    if not story.told and story.consent is None:
        return ""
    words = f"<p style='margin:2px 0'><i>“{escape(story.words)}”</i></p>" if story.told else ""
    consent = consent_words(story)
    return words + (
        f"<p style='{_MUTED};margin:2px 0 8px 0'>{escape(consent)}</p>" if consent else ""
    )


def _stories(episodes: Sequence[EpisodeDetail]) -> str:
    told = [e for e in episodes if e.draft.story.told]
    return "".join(
        f"<p style='{_MUTED};margin:6px 0 0 0'>At the close of the referral of "
        f"{e.draft.referral_date:%d %b %Y}</p>{story_html(e.draft.story)}"
        for e in told
    )


def _giving_back(roles: Sequence[GivingBack]) -> str:
    if not roles:
        return ""
    return "<p>" + "<br>".join(escape(r.line) for r in roles) + "</p>"


def conversation_item(conversation: ConversationDetail) -> str:
    """One conversation: when, what kind, how, and the start of its notes."""
    c = conversation.draft
    head = f"{c.at:%d %b %Y} · {escape(c.kind.label)} · {escape(c.mode.label)}"
    if c.minutes:
        head += f" · {c.minutes} min"
    if c.place:
        head += f" · {escape(c.place)}"
    body = escape(c.notes[:280] + ("…" if len(c.notes) > 280 else ""))
    if c.kind is ConversationType.LONG_TERM and c.answers:
        said = "".join(
            f"<br><b>{escape(PROMPT_LABELS.get(key, key))}:</b> {escape(words)}"
            for key, words in c.answers
        )
        body = f"{body}{said}" if body else said.removeprefix("<br>")
    if c.crisis is not None:
        check = f" Check back by {c.crisis.check_back_on:%d %b}." if c.crisis.check_back_on else ""
        body = f"<b>Crisis plan:</b> {escape(c.crisis.must_change)}.{check}<br>{body}"
    return f"<p style='margin:2px 0 8px 0'><span style='{_MUTED}'>{head}</span><br>{body}</p>"


def document_line(record: DocumentRecord) -> str:
    """One document, as "22 Nov 2026 · My plan (large print) · printed by Sam"."""
    what = record.kind.label + (f": {record.detail}" if record.detail else "")
    if record.options:
        what += f" ({record.options})"
    done = _DONE[record.action] + (f" by {record.recorded_by}" if record.recorded_by else "")
    at = record.at.astimezone() if record.at.tzinfo is not None else record.at  # local day
    return f"{at:%d %b %Y} · {what} · {done}"


def _documents(records: Sequence[DocumentRecord]) -> str:
    if not records:
        return ""
    lines = [escape(document_line(r)) for r in records[:DOCUMENTS_SHOWN]]
    more = len(records) - DOCUMENTS_SHOWN
    if more > 0:
        lines.append(f"<span style='{_MUTED}'>and {more} earlier</span>")
    return "<p style='margin:2px 0'>" + "<br>".join(lines) + "</p>"


def _handover_line(last: Handover) -> str:
    """The newest hand-over, and its note, under who they are."""
    said = (
        f"Handed over from {last.from_worker} to {last.to_worker} by {last.handed_by} "
        f"on {last.handed_at.day} {last.handed_at:%B %Y}"
    )
    note = f": “{last.note}”" if last.note else "."
    return f"<p style='background:#f3f0fa;padding:4px;margin:2px 0'>{escape(said + note)}</p>"


def person_html(
    detail: PersonDetail,
    today: dt.date,
    documents: Sequence[DocumentRecord] = (),
    handovers: Sequence[Handover] = (),
) -> str:
    """The person page's summary: who they are, what matters, strengths, then the timeline.

    ``documents`` are those printed or saved for them, newest first; ``handovers`` the times
    they were handed from one link worker to another, newest first.
    """
    p = detail.draft
    facts: list[str] = []
    if p.date_of_birth:
        facts.append(f"{age_on(p.date_of_birth, today)} years old")
    if p.nhs_number:
        facts.append(f"NHS {format_nhs_number(p.nhs_number)}")
    facts.append("No fixed address" if p.no_fixed_address else p.postcode)
    if p.preferred_contact:
        facts.append(f"Prefers: {p.preferred_contact.label}")
    holder = next((e.draft.link_worker for e in detail.open_episodes), "")
    if holder.strip():
        facts.append(f"Link worker: {holder.strip()}")
    parts = [
        f"<h2 style='margin:0'>{escape(p.display_name)}</h2>",
        f"<p style='{_MUTED};margin:2px 0 8px 0'>{escape(' · '.join(f for f in facts if f))}</p>",
    ]
    if handovers:
        parts.append(_handover_line(handovers[0]))
    needs = [n.label for n in p.access_needs]
    if p.interpreter_needed:
        language = p.interpreter_language.strip() or p.first_language.strip()
        needs.append(f"Interpreter ({language})" if language else "Interpreter")
    if needs:
        parts.append(
            "<p style='background:#eef4fb;padding:4px;margin:2px 0'>"
            f"Needs: {escape(', '.join(needs))}</p>"
        )
    first_answers = detail.latest_answers
    what_matters = detail.what_matters
    if what_matters:
        parts.append(_section("What matters to me", f"<p><i>“{escape(what_matters)}”</i></p>"))
    strengths = _chips(p.strengths)
    going_well = first_answers.get("going_well", "")
    parts.append(
        _section(
            "Strengths and what's going well",
            "".join(f"<p>{x}</p>" for x in (strengths, escape(going_well)) if x),
        )
    )
    parts.append(_section("Things I enjoy", f"<p>{_chips(p.interests)}</p>" if p.interests else ""))
    people = [
        escape(f"{ip.name} ({ip.relationship})" if ip.relationship else ip.name)
        for ip in p.important_people
    ]
    parts.append(
        _section("Who's on my side", "<p>" + "<br>".join(people) + "</p>" if people else "")
    )
    for key in ("change", "in_the_way"):
        if first_answers.get(key):
            parts.append(_section(_PROMPT_TITLES[key], f"<p>{escape(first_answers[key])}</p>"))
    parts.append(_section("Giving back", _giving_back(detail.giving_back)))
    several = len(detail.open_episodes) > 1
    episodes = "".join(
        f"<p style='margin:2px 0'>{_episode_line(e, today, several)}</p>" for e in detail.episodes
    )
    parts.append(_section("Referrals", episodes))
    parts.append(_section("My story, in my words", _stories(detail.episodes)))
    parts.append(_section("Documents", _documents(documents)))
    timeline = "".join(conversation_item(c) for c in detail.conversations)
    parts.append(_section("Conversations", timeline or f"<p style='{_MUTED}'>None yet.</p>"))
    return "".join(parts)
