"""The subject access report in plain words: what we hold about you, section by section.

Written to the person, who reads it: "who we have recorded you as", "your
referrals", "what matters to you". Their own words stay exactly as written;
dates are in words ("3 March 2025"); codes are shown by their meaning. The
printed report and the JSON come from the same :class:`PersonHoldings`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from linkworker.domain.audit_words import describe
from linkworker.domain.closing import GivingBack, Story
from linkworker.domain.dates import long_date
from linkworker.domain.journey import ContactDetail, RiskFlag
from linkworker.domain.outcomes import OutcomeRecord, measure_lines
from linkworker.domain.people import (
    PROMPT_LABELS,
    ConversationDetail,
    EpisodeDetail,
    GpPractice,
    PersonDraft,
)
from linkworker.domain.person_validation import format_nhs_number
from linkworker.domain.plan import AssetReferralDetail, GoalDetail, PlanDetail, StepOwner
from linkworker.domain.rights import PersonHoldings, access_json


def uk_date(day: dt.date | None) -> str:
    """ "3 March 2025"; "" for no date."""
    return "" if day is None else long_date(day)


def uk_time(at: dt.datetime | None) -> str:
    """ "3 March 2025 at 14:05"; "" for none."""
    return "" if at is None else f"{uk_date(at.date())} at {at:%H:%M}"


def term(value: enum.Enum | None) -> str:
    """A code's meaning in words ("Face to face"), "" for none."""
    if value is None:
        return ""
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value.value)


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


@dataclass(frozen=True, slots=True)
class ReportItem:
    """One thing in a section: a heading, facts (label, value) and the person's own words."""

    heading: str
    facts: tuple[tuple[str, str], ...] = ()
    words: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ReportSection:
    """A section of the report; ``empty`` is said when it has no items."""

    title: str
    intro: str
    items: tuple[ReportItem, ...]
    empty: str = "We hold nothing of this kind about you."


@dataclass(frozen=True, slots=True)
class SubjectAccessReport:
    """Everything held about a person, in sections, with the JSON copy."""

    name: str
    prepared_at: dt.datetime
    prepared_by: str
    sections: tuple[ReportSection, ...]
    data: dict[str, Any]


def subject_access_report(
    holdings: PersonHoldings, prepared_at: dt.datetime, prepared_by: str
) -> SubjectAccessReport:
    """The readable report and its JSON twin, from one gathering."""
    person = holdings.person
    draft = person.draft
    name = " ".join(n for n in (draft.given_name, draft.family_name) if n) or "(no name)"
    plans = {p.episode_id: p for p in holdings.plans}
    sections = (
        ReportSection(
            "Who we have recorded you as",
            "Your details as they are on your record today.",
            (_about(draft, person.created_at, person.updated_at),),
        ),
        ReportSection(
            "Your referrals",
            "Each time you were referred to us, who referred you, and how it ended.",
            tuple(_episode(e) for e in person.episodes),
        ),
        ReportSection(
            "What matters to you",
            "What you told us matters to you, what you are good at and what you enjoy, "
            "in your own words.",
            _what_matters(draft),
        ),
        ReportSection(
            "Conversations",
            "Each conversation we recorded with you, and the notes written about it.",
            tuple(_conversation(c) for c in person.conversations),
        ),
        ReportSection(
            "Your plan and the places you were connected with",
            "Your goals in your words, how sure you felt about them, and the places "
            "you chose to try.",
            tuple(i for e in person.episodes for i in _plan_items(plans.get(e.id))),
        ),
        ReportSection(
            "Contacts and follow-ups",
            "Meetings and calls booked with you, and what happened.",
            tuple(_contact(c) for c in holdings.contacts),
        ),
        ReportSection(
            "Safety flags and who recorded them",
            "Notes that help us keep you and the people who visit you safe.",
            tuple(_flag(f) for f in holdings.flags),
        ),
        ReportSection(
            "Documents printed for you",
            "Documents we printed or saved about you, and when.",
            tuple(
                ReportItem(
                    f"{term(d.kind)}: {uk_time(d.at)}",
                    _kept(
                        ("What was done", term(d.action)),
                        ("By", d.recorded_by),
                        ("Print options", d.options),
                        ("Sent to", d.detail),
                    ),
                )
                for d in holdings.documents
            ),
        ),
        ReportSection(
            "Helping others",
            "Where you have become a volunteer, a peer supporter or a group organiser.",
            tuple(_helper(g) for g in person.giving_back),
        ),
        ReportSection(
            "How you said things were going",
            "The questions about your wellbeing and loneliness you answered with us, when, "
            "and what you said. Each answer is shown with what it means on its scale.",
            tuple(_outcome(r) for r in holdings.outcomes),
        ),
        _other_section(holdings),
        _access_section(holdings),
    )
    return SubjectAccessReport(
        name=name,
        prepared_at=prepared_at,
        prepared_by=prepared_by,
        sections=sections,
        data=access_json(holdings, prepared_at, prepared_by),
    )


def _outcome(record: OutcomeRecord) -> ReportItem:
    facts = [("When", f"{record.timepoint.label}, {uk_date(record.taken_on)}")]
    for line in measure_lines(record):
        label, _, value = line.partition(": ")
        facts.append((label, value))
    return ReportItem(record.title, _kept(*facts, ("Recorded by", record.recorded_by)))


def _kept(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
    """The pairs with something in them."""
    return tuple((label, value) for label, value in pairs if value.strip())


def _about(draft: PersonDraft, created: dt.datetime, updated: dt.datetime) -> ReportItem:
    people = "; ".join(
        ", ".join(
            x
            for x in (
                p.name,
                p.relationship,
                p.contact,
                "we may contact them" if p.may_contact else "",
            )
            if x
        )
        for p in draft.important_people
    )
    return ReportItem(
        " ".join(n for n in (draft.given_name, draft.family_name) if n),
        _kept(
            ("Given name", draft.given_name),
            ("Family name", draft.family_name),
            ("Preferred name", draft.preferred_name),
            ("Date of birth", uk_date(draft.date_of_birth)),
            ("NHS number", format_nhs_number(draft.nhs_number)),
            ("Address", draft.address),
            ("Postcode", draft.postcode),
            ("No fixed address", "Yes" if draft.no_fixed_address else ""),
            ("Phone", draft.phone),
            ("Email", draft.email),
            ("Best way to reach you", term(draft.preferred_contact)),
            ("Best times", draft.contact_times),
            ("Gender", draft.gender),
            ("Ethnicity", draft.ethnicity),
            ("First language", draft.first_language),
            ("Interpreter needed", "Yes" if draft.interpreter_needed else ""),
            ("Access needs", ", ".join(term(a) for a in draft.access_needs)),
            ("You care for someone", "Yes" if draft.is_carer else ""),
            ("Someone cares for you", "Yes" if draft.is_cared_for else ""),
            ("People on your side", people),
            ("Your GP practice", _practice(draft.gp_practice)),
            ("Record made", uk_time(created)),
            ("Last changed", uk_time(updated)),
        ),
        _kept(("Notes about you", draft.notes)),
    )


def _practice(practice: GpPractice) -> str:
    lines = list(practice.address_lines)
    if practice.ods_code:
        lines.append(f"Practice code {practice.ods_code}")
    return "\n".join(lines)


def _what_matters(draft: PersonDraft) -> tuple[ReportItem, ...]:
    words = _kept(
        ("What matters to you", draft.what_matters),
        ("What you are good at", "\n".join(draft.strengths)),
        ("What you enjoy", "\n".join(draft.interests)),
    )
    return (ReportItem("In your words", (), words),) if words else ()


def _consent(label: str, consent: Any) -> tuple[str, str]:
    if not consent.given:
        return (label, "Not given")
    detail = ", ".join(x for x in (uk_date(consent.on), consent.recorded_by) if x)
    return (label, f"Given ({detail})" if detail else "Given")


def _episode(episode: EpisodeDetail) -> ReportItem:
    d = episode.draft
    return ReportItem(
        f"Referral of {uk_date(d.referral_date)}",
        _kept(
            ("Referred by", ", ".join(x for x in (term(d.referred_by), d.referrer_name) if x)),
            ("Reasons", ", ".join(d.reasons)),
            ("Urgency", term(d.urgency)),
            _consent("Consent to keep record", d.consent_to_hold),
            _consent("Consent to tell your GP", d.consent_share_gp),
            _consent("Consent to tell places", d.consent_share_providers),
            ("Where it is now", term(d.status)),
            ("Your link worker", d.link_worker),
            ("Your answer", term(d.response)),
            ("First contact", uk_date(d.first_contact_on)),
            ("Next contact", uk_date(d.next_contact_on)),
            ("Closed on", uk_date(d.closed_on)),
            ("Why it closed", term(d.closing_reason)),
            ("Sharing your story", _story_consent(d.story)),
        ),
        _kept(
            ("About the reasons", d.reason_notes),
            ("Why you said no", d.declined_reason),
            ("At the close", d.closing_note),
            ("Your story", d.story.words),
        ),
    )


def _story_consent(story: Story) -> str:
    if story.consent is None:
        return ""
    detail = ", ".join(x for x in (uk_date(story.consent_on), story.recorded_by) if x)
    return f"{story.consent.label} ({detail})" if detail else story.consent.label


def _helper(role: GivingBack) -> ReportItem:
    d = role.draft
    return ReportItem(
        term(d.role),
        _kept(
            ("Where", d.place_name),
            ("Since", uk_date(d.on)),
            ("Recorded by", role.recorded_by),
        ),
    )


def _conversation(conversation: ConversationDetail) -> ReportItem:
    d = conversation.draft
    words = [(PROMPT_LABELS.get(key, key), text) for key, text in d.answers]
    if d.crisis is not None:
        words.append(("What must change now", d.crisis.must_change))
        words += [
            ("Step", ", ".join(x for x in (s.what, s.who, uk_date(s.by)) if x))
            for s in d.crisis.steps
        ]
        words.append(("Who was told", d.crisis.told))
    words.append(("Notes", d.notes))
    return ReportItem(
        f"{term(d.kind)}: {uk_time(d.at)}",
        _kept(
            ("How", term(d.mode)),
            ("Where", d.place),
            ("How long", f"{d.minutes} minutes" if d.minutes else ""),
            ("Recorded by", d.recorded_by),
        ),
        _kept(*words),
    )


def _plan_items(plan: PlanDetail | None) -> Iterable[ReportItem]:
    if plan is None:
        return
    for goal in plan.goals:
        yield _goal(goal)
    for referral in plan.referrals:
        yield _place(referral)


def _goal(goal: GoalDetail) -> ReportItem:
    ratings = "; ".join(f"{r.score} out of 10 on {uk_date(r.on)}" for r in goal.ratings)
    steps = "\n".join(
        ", ".join(
            x
            for x in (
                s.what,
                f"by {s.who_name}" if s.who_name else _WHO.get(s.who, ""),
                f"before {uk_date(s.by)}" if s.by else "",
                "done" if s.done else "",
            )
            if x
        )
        for s in goal.draft.steps
    )
    return ReportItem(
        "Goal",
        _kept(("Status", term(goal.draft.status)), ("How sure you felt", ratings)),
        _kept(("Your goal", goal.draft.words), ("Steps", steps)),
    )


_WHO = {StepOwner.PERSON: "by you", StepOwner.LINK_WORKER: "by your link worker"}


def _place(referral: AssetReferralDetail) -> ReportItem:
    d = referral.draft
    history = "\n".join(
        ", ".join(x for x in (term(h.status), uk_date(h.on), h.recorded_by, h.note) if x)
        for h in referral.history
    )
    return ReportItem(
        f"Place: {referral.asset_name}",
        _kept(
            ("Where it has got to", term(referral.current_status)),
            ("Since", uk_date(referral.current_since)),
            ("Going with", d.going_with),
        ),
        _kept(("Getting there", d.getting_there), ("Notes", d.notes), ("What happened", history)),
    )


def _contact(contact: ContactDetail) -> ReportItem:
    d = contact.draft
    return ReportItem(
        f"{term(d.place)}: {uk_time(d.starts_at)}",
        _kept(
            ("Place", d.place_name),
            ("How long", f"{d.minutes} minutes"),
            ("What happened", term(d.outcome)),
            ("With", d.link_worker),
            ("Booked by", d.booked_by),
            ("First booked for", uk_time(contact.moved_from)),
        ),
        _kept(("Notes", d.outcome_note)),
    )


def _flag(flag: RiskFlag) -> ReportItem:
    return ReportItem(
        term(flag.kind),
        _kept(
            ("Recorded by", flag.raised_by),
            ("On", uk_date(flag.raised_on)),
            ("Removed on", uk_date(flag.removed_on)),
            ("Removed by", flag.removed_by),
        ),
        _kept(("Note", flag.note)),
    )


def _other_section(holdings: PersonHoldings) -> ReportSection:
    prefs = holdings.preferences
    items: list[ReportItem] = []
    facts = _kept(
        ("Free times", ", ".join(f.label for f in prefs.free_times)),
        ("Cost", term(prefs.cost_limit)),
        ("How you like to start", term(prefs.join)),
        ("How far you can get", term(prefs.travel)),
        ("What you would rather not", ", ".join(prefs.avoid_categories)),
        ("Places kept for you", ", ".join(holdings.pinned)),
    )
    if facts:
        items.append(ReportItem("What suits you", facts))
    items += [
        ReportItem(
            f"Set aside: {s.asset_name}", _kept(("On", uk_date(s.on))), _kept(("Why", s.reason))
        )
        for s in holdings.set_aside
    ]
    items += [
        ReportItem(f"Unsaved notes: {d.title}", _kept(("Kept", uk_time(d.saved_at))))
        for d in holdings.drafts
    ]
    return ReportSection(
        "What suits you, and notes not yet saved",
        "What you told us suits you when we look for places, and notes being "
        "written that were not finished (the JSON copy holds them in full).",
        tuple(items),
    )


def _access_section(holdings: PersonHoldings) -> ReportSection:
    title = "Who has looked at your record"
    intro = "Each time someone viewed, changed, printed or exported your record."
    if holdings.access_log is None:
        return ReportSection(
            title,
            intro,
            (),
            "This record keeps no log of who has looked at it, so we cannot say who has.",
        )
    return ReportSection(
        title,
        intro,
        tuple(
            ReportItem(
                _when(a.at),
                _kept(
                    ("What", describe(a.action, a.subject, a.detail)),
                    ("Who", a.worker or "Before anyone signed in"),
                    ("Computer", a.machine),
                ),
            )
            for a in holdings.access_log
        ),
        "No one has looked at your record since the log began.",
    )


def _when(stamp: str) -> str:
    try:
        return uk_time(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return stamp
