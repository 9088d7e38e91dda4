"""From the record to what is printed: pure functions, domain types in, snapshots out.

Each builder decides what a document may say, so the rules sit in one place
and are tested without drawing anything:

* **My plan** is the person's own copy: their words, their goals, the places
  they chose, the people on their side. Never an NHS number, a code, a note or
  anything from a crisis plan. Only goals still being worked on or achieved
  (not set aside), and only places still in play (suggested, agreed, referred,
  attended, still going; not stopped or declined).
* **A referral** goes to a provider only when the person agreed to share their
  details with providers (the consent recorded on their referral episode);
  without it :class:`ConsentMissing` says why. Sharing covers what the
  provider needs to welcome them: name and preferred name, how to contact them
  (the phone and email they gave; their address only if they prefer letters),
  their age only when the provider has an age limit, access needs, language
  and interpreter, whether someone is coming with them, and the reason in
  their own words (the goal this place helps with, else what matters to them).
  Never their NHS number, date of birth, notes, the GP's referral reasons or
  anything from a crisis plan.
* **Directory sheets** print what a member of the public may read about an
  asset; never its internal notes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping

from linkworker.domain.dates import long_date
from linkworker.domain.directory import (
    ACCESSIBILITY_FEATURES,
    AssetDetail,
    AssetStatus,
    Cost,
    JoinMode,
    Location,
    OpeningTime,
)
from linkworker.domain.people import (
    AccessNeed,
    ContactMethod,
    EpisodeDetail,
    PersonDetail,
)
from linkworker.domain.person_validation import age_on
from linkworker.domain.plan import (
    AssetReferralDetail,
    GoalDetail,
    GoalStatus,
    GoalStep,
    PlanDetail,
    ReferralStatus,
    StepOwner,
)
from linkworker.errors import UserFacingError
from linkworker.printing.snapshots import (
    AssetSheet,
    Booklet,
    PlanGoal,
    PlanPlace,
    PlanSnapshot,
    PlanStep,
    ReferralSnapshot,
    SupportPerson,
    WorkerContact,
)


class ConsentMissing(UserFacingError):
    """The person has not agreed to share their details with providers."""

    title = "Consent needed"


#: How far a chosen place has got, in the person's voice.
_PROGRESS = {
    ReferralStatus.SUGGESTED: "An idea to think about",
    ReferralStatus.AGREED: "I've agreed to give this a try",
    ReferralStatus.REFERRED: "My link worker has put me in touch",
    ReferralStatus.ATTENDED: "I've been",
    ReferralStatus.STILL_GOING: "I'm still going",
}

_PRACTICAL = {
    AccessNeed.LARGE_PRINT: "Large print, please, for anything written",
    AccessNeed.EASY_READ: "Easy read, please, for anything written",
    AccessNeed.HEARING: "Has hearing loss",
    AccessNeed.SIGHT: "Has sight loss",
    AccessNeed.MOBILITY: "Has mobility needs: step-free access helps",
    AccessNeed.STEP_FREE: "Needs step-free access",
    AccessNeed.WHEELCHAIR: "Uses a wheelchair: step-free access and an accessible toilet",
    AccessNeed.BSL: "British Sign Language: book an interpreter",
    AccessNeed.NO_VOICE_CALLS: "Cannot use voice calls: text, email or meet",
}


# --- Words shared by the documents -----------------------------------------------------


def clock(t: dt.time) -> str:
    """A time as people say it: "10am", "1:30pm", "12 noon", "midnight"."""
    if t.hour == 12 and t.minute == 0:
        return "12 noon"
    if t.hour == 0 and t.minute == 0:
        return "midnight"
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


def when_words(slot: OpeningTime) -> str:
    """A session in words, as in "Tuesday, 10am to 12 noon (first of the month)"; or ""."""
    span = ""
    if slot.starts is not None:
        span = clock(slot.starts)
        if slot.ends is not None:
            span += " to " + clock(slot.ends)
    day = slot.day.label if slot.day is not None else ""
    main = ", ".join(x for x in (day, span) if x)
    note = slot.note.strip()
    if main and note:
        return f"{main} ({note})"
    if note:
        return note[:1].upper() + note[1:]
    return main


def where_words(location: Location) -> str:
    """A meeting place on one line (its town once), "" when none of it is known."""
    return location.one_line()


def cost_words(cost: Cost, note: str) -> str:
    note = note.strip()
    if cost is Cost.FREE:
        return f"Free ({note})" if note else "Free"
    if cost is Cost.LOW_COST:
        return f"Low cost: {note}" if note else "Low cost"
    return f"There is a charge: {note}" if note else "There is a charge"


def age_words(age_min: int | None, age_max: int | None) -> str:
    if age_min is not None and age_max is not None:
        return f"For people aged {age_min} to {age_max}"
    if age_min is not None:
        return f"For people aged {age_min} and over"
    if age_max is not None:
        return f"For people aged up to {age_max}"
    return ""


def _join_words(mode: JoinMode, *, for_person: bool) -> str:
    if mode is JoinMode.DROP_IN:
        return "Just turn up"
    if mode is JoinMode.SELF_REFERRAL:
        return "Get in touch with them to join"
    if for_person:
        return "My link worker will refer me"
    return "Ask a link worker, your GP or another service to refer you"


def _feature(key: str) -> str:
    return ACCESSIBILITY_FEATURES.get(key, key.replace("_", " ").strip().capitalize())


def _languages(languages: Iterable[str]) -> str:
    names = [x.strip() for x in languages if x.strip()]
    if not names:
        return ""
    if len(names) == 1:
        return f"In {names[0]}"
    return f"In {', '.join(names[:-1])} and {names[-1]}"


def _people_lines(asset: AssetDetail) -> list[str]:
    """Who to speak to: "Sue Bell (organiser), 0151 496 0000", one line each."""
    lines: list[str] = []
    for person in asset.draft.contacts:
        who = person.name.strip()
        if person.role.strip():
            who = f"{who} ({person.role.strip()})" if who else person.role.strip()
        bits = [b for b in (who, person.phone.strip(), person.email.strip()) if b]
        if bits:
            lines.append(", ".join(bits))
    return lines


def _contact_lines(asset: AssetDetail) -> tuple[str, ...]:
    """The people to speak to, then the asset's own phone, email and website."""
    draft = asset.draft
    lines = _people_lines(asset)
    shown = " ".join(lines)
    general = (("Phone", draft.phone), ("Email", draft.email), ("Website", draft.website))
    for label, value in general:
        if value.strip() and value.strip() not in shown:
            lines.append(f"{label}: {value.strip()}")
    return tuple(lines)


def _lines(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v for v in (x.strip() for x in values) if v)


# --- My plan -------------------------------------------------------------------------------


_STEP_OWNER = {
    StepOwner.PERSON: "me",
    StepOwner.LINK_WORKER: "my link worker",
    StepOwner.SOMEONE_ELSE: "someone else",
}


def _step(step: GoalStep) -> PlanStep:
    who = _STEP_OWNER[step.who]
    if step.who is StepOwner.SOMEONE_ELSE and step.who_name.strip():
        who = step.who_name.strip()
    return PlanStep(what=step.what.strip(), who=who, by=step.by, done=step.done)


def _goal(goal: GoalDetail) -> PlanGoal:
    return PlanGoal(
        words=goal.draft.words.strip(),
        steps=tuple(_step(s) for s in goal.draft.steps if s.what.strip()),
        confidence=goal.latest_confidence,
        achieved=goal.draft.status is GoalStatus.ACHIEVED,
    )


def _place(referral: AssetReferralDetail, asset: AssetDetail | None) -> PlanPlace:
    draft = referral.draft
    if draft.going_with_someone:
        going_with = (
            f"{draft.going_with.strip()} is coming with me the first time"
            if draft.going_with.strip()
            else "Someone is coming with me the first time"
        )
    else:
        going_with = ""
    progress = _PROGRESS.get(draft.status, "")
    if asset is None:
        return PlanPlace(
            name=referral.asset_name,
            getting_there=draft.getting_there.strip(),
            going_with=going_with,
            progress=progress,
        )
    a = asset.draft
    expect = [
        age_words(a.age_min, a.age_max),
        a.eligibility,
        *(_feature(k) for k in a.accessibility),
        _languages(a.languages),
        "There may be a wait to start" if a.waiting_list else "",
        a.capacity_note,
    ]
    if a.status is AssetStatus.PAUSED:
        progress = "Paused at the moment: check before you go"
    return PlanPlace(
        name=a.name.strip() or referral.asset_name,
        what_happens=a.description.strip(),
        where=_lines(where_words(loc) for loc in a.locations),
        getting_there=draft.getting_there.strip(),
        when=_lines(when_words(slot) for slot in a.opening_times),
        cost=cost_words(a.cost, a.cost_note),
        what_to_expect=_lines(expect),
        how_to_join=_join_words(a.join_mode, for_person=True),
        contact=_contact_lines(asset),
        going_with=going_with,
        progress=progress,
    )


def _next_appointment(person: PersonDetail, plan: PlanDetail | None) -> dt.date | None:
    if plan is not None and plan.next_contact_on is not None:
        return plan.next_contact_on
    episodes = person.episodes
    if plan is not None:
        episodes = tuple(e for e in episodes if e.id == plan.episode_id) or episodes
    for episode in episodes:
        if episode.is_open and episode.draft.next_contact_on:
            return episode.draft.next_contact_on
    return None


def plan_snapshot(
    person: PersonDetail,
    plan: PlanDetail | None,
    assets: Mapping[uuid.UUID, AssetDetail],
    worker: WorkerContact,
    today: dt.date,
) -> PlanSnapshot:
    """The person's plan as they take it home.

    ``assets`` maps each chosen asset's id to its directory entry; a place
    whose entry is missing still prints, with its name and how to get there.
    """
    draft = person.draft
    goals: tuple[PlanGoal, ...] = ()
    places: tuple[PlanPlace, ...] = ()
    if plan is not None:
        kept = [g for g in plan.goals if g.draft.status is not GoalStatus.SET_ASIDE]
        kept.sort(key=lambda g: g.draft.position)  # stable: ties keep the plan's order
        goals = tuple(_goal(g) for g in kept if g.draft.words.strip())
        places = tuple(_place(r, assets.get(r.draft.asset_id)) for r in plan.referrals if r.is_open)
    people = tuple(
        SupportPerson(
            name=p.name.strip(), relationship=p.relationship.strip(), contact=p.contact.strip()
        )
        for p in draft.important_people
        if p.name.strip() or p.relationship.strip()
    )
    return PlanSnapshot(
        name=draft.display_name,
        printed_on=today,
        worker=worker,
        what_matters=person.what_matters,
        strengths=_lines(draft.strengths),
        interests=_lines(draft.interests),
        goals=goals,
        places=places,
        people=people,
        next_appointment=_next_appointment(person, plan),
    )


# --- Referral to a provider ------------------------------------------------------------------


def referral_snapshot(
    person: PersonDetail,
    episode: EpisodeDetail,
    referral: AssetReferralDetail,
    asset: AssetDetail,
    worker: WorkerContact,
    today: dt.date,
    *,
    goal: GoalDetail | None = None,
) -> ReferralSnapshot:
    """A referral to ``asset`` with only what the person agreed to share.

    ``goal`` is the goal the referral helps with, if any; its words are the
    reason for referral. Raises :class:`ConsentMissing` when the episode has
    no consent to share with providers.
    """
    if episode.draft.person_id != person.id or referral.draft.episode_id != episode.id:
        raise ValueError("the referral, its episode and the person do not belong together")
    if referral.draft.asset_id != asset.id:
        raise ValueError("the referral is to a different asset")
    draft = person.draft
    name = draft.display_name or "This person"
    consent = episode.draft.consent_share_providers
    if not consent.given:
        raise ConsentMissing(
            f"{name} has not agreed to share their details with services like "
            f"{asset.name.strip() or 'this one'}.",
            "Ask them, and record their answer on the referral, before sending this.",
        )

    contact: list[str] = []
    if draft.preferred_contact is not None:
        contact.append(f"Best way to get in touch: {draft.preferred_contact.label}")
    if draft.phone.strip():
        contact.append(f"Phone: {draft.phone.strip()}")
    if draft.email.strip():
        contact.append(f"Email: {draft.email.strip()}")
    if draft.contact_times.strip():
        contact.append(f"Best times: {draft.contact_times.strip()}")
    address = ""
    if draft.preferred_contact is ContactMethod.LETTER and not draft.no_fixed_address:
        address = ", ".join(x.strip() for x in (draft.address, draft.postcode) if x.strip())

    practical = [_PRACTICAL[need] for need in draft.access_needs if need in _PRACTICAL]
    language = draft.first_language.strip()
    interpreter = draft.interpreter_language.strip()
    if draft.interpreter_needed and interpreter and interpreter != language:
        spoken = f"First language {language}; " if language else ""
        practical.append(f"{spoken}would like a {interpreter} interpreter")
    elif language and draft.interpreter_needed:
        practical.append(f"First language {language}: would like an interpreter")
    elif language:
        practical.append(f"First language: {language}")
    elif draft.interpreter_needed:
        practical.append("Would like an interpreter")
    if referral.draft.going_with_someone:
        who = referral.draft.going_with.strip() or "someone"
        if who.casefold().startswith("my "):  # the person's own words, told to a provider
            who = "their " + who[3:]
        practical.append(f"Will come with {who} the first time")

    reason = ""
    if goal is not None and goal.draft.words.strip():
        reason = goal.draft.words.strip()
    elif person.what_matters:
        reason = person.what_matters

    a = asset.draft
    age = None
    if draft.date_of_birth is not None and (a.age_min is not None or a.age_max is not None):
        age = age_on(draft.date_of_birth, today)

    full_name = " ".join(x.strip() for x in (draft.given_name, draft.family_name) if x.strip())
    agreed = f" on {long_date(consent.on)}" if consent.on else ""
    return ReferralSnapshot(
        asset_name=asset.name.strip(),
        organisation=a.organisation.strip(),
        person_name=full_name or name,
        preferred_name=(
            draft.preferred_name.strip()
            if draft.preferred_name.strip() and draft.preferred_name.strip() != draft.given_name
            else ""
        ),
        age=age,
        contact=tuple(contact),
        address=address,
        reason=reason,
        practical=tuple(practical),
        consent=(
            f"{name} agreed{agreed} that their link worker may share these details "
            "with services they are referred to."
        ),
        worker=worker,
        printed_on=today,
    )


# --- Directory sheets --------------------------------------------------------------------------

_STATUS_WORDS = {
    AssetStatus.PAUSED: "Paused at the moment: check before you go",
    AssetStatus.CLOSED: "This has closed",
}


def asset_sheet(asset: AssetDetail, today: dt.date) -> AssetSheet:
    """One asset as a member of the public may read it (no internal notes)."""
    a = asset.draft
    status = "No longer listed" if asset.archived else _STATUS_WORDS.get(a.status, "")
    waiting = ""
    if a.waiting_list:
        waiting = "There is a waiting list"
        if a.capacity_note.strip():
            waiting += f": {a.capacity_note.strip()}"
    elif a.capacity_note.strip():
        waiting = a.capacity_note.strip()
    return AssetSheet(
        name=a.name.strip(),
        printed_on=today,
        organisation=a.organisation.strip(),
        status=status,
        description=a.description.strip(),
        categories=_lines(a.categories),
        when=_lines(when_words(slot) for slot in a.opening_times),
        where=_lines(where_words(loc) for loc in a.locations),
        cost=cost_words(a.cost, a.cost_note),
        how_to_join=_join_words(a.join_mode, for_person=False),
        who_for=_lines((age_words(a.age_min, a.age_max), a.eligibility)),
        access=_lines(_feature(k) for k in a.accessibility),
        languages=_lines(a.languages),
        waiting=waiting,
        contacts=tuple(_people_lines(asset)),
        phone=a.phone.strip(),
        email=a.email.strip(),
        website=a.website.strip(),
        last_checked=a.last_verified_on,
    )


def booklet(
    title: str, assets: Iterable[AssetDetail], today: dt.date, *, introduction: str = ""
) -> Booklet:
    """A booklet of assets in name order, leaving out archived and closed ones."""
    kept = [a for a in assets if not a.archived and a.draft.status is not AssetStatus.CLOSED]
    kept.sort(key=lambda a: a.name.casefold())
    return Booklet(
        title=title.strip(),
        printed_on=today,
        sheets=tuple(asset_sheet(a, today) for a in kept),
        introduction=introduction.strip(),
    )
