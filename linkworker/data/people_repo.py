"""Reading and writing people, referrals and conversations; the caseload query.

Only this module knows how a :class:`~linkworker.domain.people.PersonDraft` and
friends are laid out in tables, and how the caseload summary columns on
``person`` (sort and search names, newest referral, last contact) are derived.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    String,
    Table,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy import (
    cast as cast_,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.attributes import set_committed_value

from linkworker.data.episode_standing import episode_standings
from linkworker.data.models import (
    Contact,
    Conversation,
    Episode,
    ImportantPersonRow,
    Person,
    PersonSearchWord,
    utcnow,
)
from linkworker.data.storage_errors import is_unique_violation
from linkworker.data.unit_of_work import Repository
from linkworker.domain.closing import Story, StoryConsent
from linkworker.domain.episodes import current_episode
from linkworker.domain.geo import postcode_key
from linkworker.domain.journey import ContactOutcome, ReferralResponse
from linkworker.domain.names import (
    search_name,
    sort_name,
)
from linkworker.domain.people import (
    AccessNeed,
    ClosingReason,
    Consent,
    ContactMethod,
    ConversationDetail,
    ConversationDraft,
    ConversationMode,
    ConversationType,
    CrisisPlan,
    CrisisStep,
    EpisodeDetail,
    EpisodeDraft,
    EpisodeStatus,
    GpPractice,
    ImportantPerson,
    NeedsAsWritten,
    PersonDetail,
    PersonDraft,
    ReferrerKind,
    Urgency,
)
from linkworker.domain.person_validation import normal_practice

PERSON_TABLE = cast(Table, Person.__table__)
EPISODE_TABLE = cast(Table, Episode.__table__)
WORD_TABLE = cast(Table, PersonSearchWord.__table__)

CONSENTS = ("consent_to_hold", "consent_share_gp", "consent_share_providers")


# Names ----------------------------------------------------------------------


def _successor(prefix: str) -> str:
    """The first string after every string starting with ``prefix`` (binary order)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """A prefix test an ordinary index can answer as a range (LIKE cannot on SQLite)."""
    return and_(column >= prefix, column < _successor(prefix))


# JSON columns ----------------------------------------------------------------


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def crisis_json(plan: CrisisPlan | None) -> str | None:
    if plan is None:
        return None
    return _dumps(
        {
            "must_change": plan.must_change,
            "steps": [{"what": s.what, "who": s.who, "by": _iso(s.by)} for s in plan.steps],
            "check_back_on": _iso(plan.check_back_on),
            "safeguarding": plan.safeguarding,
            "told": plan.told,
        }
    )


def crisis_from_json(text: str | None) -> CrisisPlan | None:
    if not text:
        return None
    data = json.loads(text)
    return CrisisPlan(
        must_change=data["must_change"],
        steps=tuple(
            CrisisStep(what=s["what"], who=s.get("who", ""), by=_date(s.get("by")))
            for s in data.get("steps", ())
        ),
        check_back_on=_date(data.get("check_back_on")),
        safeguarding=data.get("safeguarding"),
        told=data.get("told", ""),
    )


# Person ----------------------------------------------------------------------


def person_values(draft: PersonDraft, nhs_number: str, postcode: str) -> dict[str, Any]:
    """The person's columns, including the derived names, from a checked draft.

    ``nhs_number`` (ten digits or "") and ``postcode`` are already normalised.
    The referral summary columns are left to :func:`refresh_summary`.
    """
    given, family = draft.given_name.strip(), draft.family_name.strip()
    preferred = draft.preferred_name.strip()
    return {
        "given_name": given,
        "family_name": family,
        "preferred_name": preferred,
        "date_of_birth": draft.date_of_birth,
        "nhs_number": nhs_number or None,
        "address": draft.address.strip(),
        "postcode": postcode or None,
        "postcode_key": postcode_key(postcode)[:8] or None,
        "no_fixed_address": draft.no_fixed_address,
        "phone": draft.phone.strip(),
        "email": draft.email.strip(),
        "preferred_contact": draft.preferred_contact.value if draft.preferred_contact else None,
        "contact_times": draft.contact_times.strip(),
        "gender": draft.gender.strip(),
        "ethnicity": draft.ethnicity.strip(),
        "first_language": draft.first_language.strip(),
        "interpreter_needed": draft.interpreter_needed,
        "speaks_english": draft.speaks_english,
        "interpreter_language": draft.interpreter_language.strip(),
        **as_written_values(draft.as_written),
        "access_needs": _dumps([n.value for n in draft.access_needs]),
        "is_carer": draft.is_carer,
        "is_cared_for": draft.is_cared_for,
        "what_matters": draft.what_matters,
        "interests": _dumps([t.strip() for t in draft.interests if t.strip()]),
        "strengths": _dumps([t.strip() for t in draft.strengths if t.strip()]),
        "notes": draft.notes,
        **practice_values(draft.gp_practice),
        "sort_name": sort_name(given, family, preferred),
        "search_name": search_name(given, family, preferred),
    }


def as_written_values(needs: NeedsAsWritten) -> dict[str, Any]:
    """The person's needs-as-written columns, word for word."""
    return {
        "access_as_written": needs.access,
        "languages_as_written": needs.languages,
        "free_times_as_written": needs.free_times,
        "cost_as_written": needs.cost,
        "needs_to_confirm": needs.to_confirm,
    }


def practice_values(practice: GpPractice) -> dict[str, Any]:
    """The person's GP practice columns from a checked practice."""
    kept = normal_practice(practice)
    return {
        "gp_practice_name": kept.name,
        "gp_practice_address": kept.address,
        "gp_practice_postcode": kept.postcode,
        "gp_practice_ods": kept.ods_code,
    }


def important_people_values(
    person_id: uuid.UUID, people: Sequence[ImportantPerson]
) -> list[dict[str, Any]]:
    return [
        {
            "id": uuid.uuid4(),
            "person_id": person_id,
            "position": i,
            "name": p.name.strip(),
            "relationship": p.relationship.strip(),
            "contact": p.contact.strip(),
            "may_contact": p.may_contact,
        }
        for i, p in enumerate(people)
    ]


def search_word_rows(person_id: uuid.UUID, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The person_search_word rows for a person's column values (see person_values)."""
    return [
        {
            "word": word,
            "sort_name": values["sort_name"],
            "person_id": person_id,
            "search_name": values["search_name"],
        }
        for word in dict.fromkeys(values["search_name"].split())
    ]


def to_person_draft(person: Person) -> PersonDraft:
    return PersonDraft(
        id=person.id,
        version=person.version,
        given_name=person.given_name,
        family_name=person.family_name,
        preferred_name=person.preferred_name,
        date_of_birth=person.date_of_birth,
        nhs_number=person.nhs_number or "",
        address=person.address,
        postcode=person.postcode or "",
        no_fixed_address=person.no_fixed_address,
        phone=person.phone,
        email=person.email,
        preferred_contact=(
            ContactMethod(person.preferred_contact) if person.preferred_contact else None
        ),
        contact_times=person.contact_times,
        gender=person.gender,
        ethnicity=person.ethnicity,
        first_language=person.first_language,
        interpreter_needed=person.interpreter_needed,
        speaks_english=person.speaks_english,
        interpreter_language=person.interpreter_language,
        access_needs=tuple(AccessNeed(n) for n in json.loads(person.access_needs)),
        is_carer=person.is_carer,
        is_cared_for=person.is_cared_for,
        important_people=tuple(
            ImportantPerson(
                name=r.name, relationship=r.relation, contact=r.contact, may_contact=r.may_contact
            )
            for r in person.important_people
        ),
        what_matters=person.what_matters,
        interests=tuple(json.loads(person.interests)),
        strengths=tuple(json.loads(person.strengths)),
        notes=person.notes,
        gp_practice=GpPractice(
            name=person.gp_practice_name,
            address=person.gp_practice_address,
            postcode=person.gp_practice_postcode,
            ods_code=person.gp_practice_ods,
        ),
        as_written=NeedsAsWritten(
            access=person.access_as_written,
            languages=person.languages_as_written,
            free_times=person.free_times_as_written,
            cost=person.cost_as_written,
            to_confirm=person.needs_to_confirm,
        ),
    )


def _episodes_newest_first() -> tuple[Any, ...]:
    return (Episode.referral_date.desc(), Episode.created_at.desc(), Episode.id.desc())


# Episodes and conversations -------------------------------------------------


def episode_values(draft: EpisodeDraft) -> dict[str, Any]:
    values: dict[str, Any] = {
        "person_id": draft.person_id,
        "referral_date": draft.referral_date,
        "referred_by": draft.referred_by.value,
        "referrer_name": draft.referrer_name.strip(),
        "reasons": _dumps([r.strip() for r in draft.reasons if r.strip()]),
        "reason_notes": draft.reason_notes,
        "urgency": draft.urgency.value,
        "status": draft.status.value,
        "link_worker": draft.link_worker.strip(),
        "next_contact_on": draft.next_contact_on,
        "closed_on": draft.closed_on,
        "closing_reason": draft.closing_reason.value if draft.closing_reason else None,
        "closing_note": draft.closing_note,
        "response": draft.response.value if draft.response else None,
        "responded_on": draft.responded_on,
        "declined_reason": draft.declined_reason.strip(),
        "first_contact_on": draft.first_contact_on,
        "story": draft.story.words.strip(),
        "story_consent": draft.story.consent.value if draft.story.consent else None,
        "story_consent_on": draft.story.consent_on,
        "story_recorded_by": draft.story.recorded_by.strip(),
    }
    for name in CONSENTS:
        consent: Consent = getattr(draft, name)
        values[f"{name}_given"] = consent.given
        values[f"{name}_on"] = consent.on
        values[f"{name}_recorded_by"] = consent.recorded_by.strip()
    return values


def to_episode_detail(episode: Episode) -> EpisodeDetail:
    consents = {
        name: Consent(
            given=getattr(episode, f"{name}_given"),
            on=getattr(episode, f"{name}_on"),
            recorded_by=getattr(episode, f"{name}_recorded_by"),
        )
        for name in CONSENTS
    }
    draft = EpisodeDraft(
        id=episode.id,
        version=episode.version,
        person_id=episode.person_id,
        referral_date=episode.referral_date,
        referred_by=ReferrerKind(episode.referred_by),
        referrer_name=episode.referrer_name,
        reasons=tuple(json.loads(episode.reasons)),
        reason_notes=episode.reason_notes,
        urgency=Urgency(episode.urgency),
        consent_to_hold=consents["consent_to_hold"],
        consent_share_gp=consents["consent_share_gp"],
        consent_share_providers=consents["consent_share_providers"],
        status=EpisodeStatus(episode.status),
        link_worker=episode.link_worker,
        next_contact_on=episode.next_contact_on,
        closed_on=episode.closed_on,
        closing_reason=ClosingReason(episode.closing_reason) if episode.closing_reason else None,
        closing_note=episode.closing_note,
        response=ReferralResponse(episode.response) if episode.response else None,
        responded_on=episode.responded_on,
        declined_reason=episode.declined_reason,
        first_contact_on=episode.first_contact_on,
        story=Story(
            words=episode.story or "",
            consent=StoryConsent(episode.story_consent) if episode.story_consent else None,
            consent_on=episode.story_consent_on,
            recorded_by=episode.story_recorded_by or "",
        ),
    )
    return EpisodeDetail(id=episode.id, version=episode.version, draft=draft)


def conversation_values(draft: ConversationDraft) -> dict[str, Any]:
    return {
        "episode_id": draft.episode_id,
        "at": draft.at.replace(tzinfo=None),
        "kind": draft.kind.value,
        "mode": draft.mode.value,
        "place": draft.place.strip(),
        "minutes": draft.minutes,
        "notes": draft.notes,
        "answers": _dumps([[key, words] for key, words in draft.answers]),
        "crisis": crisis_json(draft.crisis),
        "check_back_on": draft.crisis.check_back_on if draft.crisis else None,
        "recorded_by": draft.recorded_by.strip(),
    }


def to_conversation_detail(conversation: Conversation) -> ConversationDetail:
    draft = ConversationDraft(
        id=conversation.id,
        version=conversation.version,
        episode_id=conversation.episode_id,
        at=conversation.at,
        kind=ConversationType(conversation.kind),
        mode=ConversationMode(conversation.mode),
        place=conversation.place,
        minutes=conversation.minutes,
        notes=conversation.notes,
        answers=tuple((key, words) for key, words in json.loads(conversation.answers)),
        crisis=crisis_from_json(conversation.crisis),
        recorded_by=conversation.recorded_by,
    )
    return ConversationDetail(id=conversation.id, version=conversation.version, draft=draft)


def apply_values(row: Any, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged save does not bump the version."""
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)


class NhsNumberTaken(Exception):
    """The NHS number being saved is on another person's record (saved there meanwhile)."""


_Row = TypeVar("_Row", Person, Episode, Conversation)


class PeopleRepository(Repository):
    """People, their referrals and conversations, and the caseload."""

    def create_person(self) -> Person:
        """A new person in this unit of work, to be filled with :meth:`apply_person`."""
        return self.add(Person(id=uuid.uuid4()))

    def add(self, row: _Row) -> _Row:
        """Add a new row (a person, referral or conversation) to this unit of work."""
        self._session.add(row)
        return row

    def get(self, model: type[_Row], row_id: uuid.UUID) -> _Row | None:
        return self._session.get(model, row_id)

    def episode(self, episode_id: uuid.UUID) -> Episode | None:
        return self._session.get(Episode, episode_id)

    def detail(self, person_id: uuid.UUID) -> PersonDetail | None:
        """The person with their referrals and conversations, or None if not on the caseload."""
        person = self.load_person(person_id)
        return None if person is None else self.to_detail(person)

    def apply_person(
        self,
        person: Person,
        values: dict[str, Any],
        draft: PersonDraft,
        what: str = "This person's record",
    ) -> None:
        """Copy checked values onto a person row; rewrite their important people and search words.

        Raises :class:`NhsNumberTaken` when the NHS number was saved for someone
        else meanwhile, and ConcurrentEdit (naming ``what``) when the record was.
        """
        for key, value in values.items():
            if getattr(person, key) != value:
                setattr(person, key, value)
        wanted = [
            (p.name.strip(), p.relationship.strip(), p.contact.strip(), p.may_contact)
            for p in draft.important_people
        ]
        have = [(r.name, r.relation, r.contact, r.may_contact) for r in person.important_people]
        if wanted != have:
            person.important_people = [
                ImportantPersonRow(
                    position=i, name=name, relation=relation, contact=contact, may_contact=may
                )
                for i, (name, relation, contact, may) in enumerate(wanted)
            ]
        try:
            self.unit.flush(what)
        except sa_exc.IntegrityError as exc:
            if values.get("nhs_number") and is_unique_violation(exc):
                raise NhsNumberTaken() from exc
            raise
        self.set_search_words(person.id, values)

    def set_search_words(self, person_id: uuid.UUID, values: dict[str, Any]) -> None:
        self._session.execute(
            delete(PersonSearchWord).where(PersonSearchWord.person_id == person_id)
        )
        rows = search_word_rows(person_id, values)
        if rows:
            self._session.execute(insert(WORD_TABLE), rows)

    def load_person(self, person_id: uuid.UUID) -> Person | None:
        return self._session.get(Person, person_id, options=[selectinload(Person.important_people)])

    def ids_starting(self, prefix: str, limit: int = 2) -> list[uuid.UUID]:
        """Up to ``limit`` people whose id, as 32 hex digits, begins with ``prefix``."""
        digits = func.replace(func.lower(cast_(Person.id, String)), "-", "")
        query = select(Person.id).where(digits.like(f"{prefix.lower()}%")).limit(limit)
        return list(self._session.scalars(query))

    def person_exists(self, person_id: uuid.UUID) -> bool:
        return (
            self._session.execute(select(Person.id).where(Person.id == person_id)).first()
            is not None
        )

    def find_by_nhs_number(self, digits: str) -> Person | None:
        return self._session.scalars(
            select(Person)
            .where(Person.nhs_number == digits)
            .options(selectinload(Person.important_people))
        ).first()

    def born_on(self, day: dt.date) -> list[Person]:
        return list(self._session.scalars(select(Person).where(Person.date_of_birth == day)))

    def taken_nhs_numbers(self, numbers: Sequence[str]) -> dict[str, Person]:
        """Of ``numbers``, those already on someone's record, with whose."""
        found: dict[str, Person] = {}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            for person in self._session.scalars(select(Person).where(Person.nhs_number.in_(chunk))):
                found[person.nhs_number or ""] = person
        return found

    def count_people(self) -> int:
        return self._session.execute(select(func.count()).select_from(Person)).scalar_one()

    def to_detail(self, person: Person) -> PersonDetail:
        """The person with their referrals and conversations, newest first."""
        episodes = self._session.scalars(
            select(Episode)
            .where(Episode.person_id == person.id)
            .order_by(*_episodes_newest_first())
        ).all()
        conversations = self._session.scalars(
            select(Conversation)
            .join(Episode, Episode.id == Conversation.episode_id)
            .where(Episode.person_id == person.id)
            .order_by(
                Conversation.at.desc(), Conversation.created_at.desc(), Conversation.id.desc()
            )
        ).all()
        return PersonDetail(
            id=person.id,
            version=person.version,
            draft=to_person_draft(person),
            episodes=tuple(to_episode_detail(e) for e in episodes),
            conversations=tuple(to_conversation_detail(c) for c in conversations),
            created_at=person.created_at,
            updated_at=person.updated_at,
            flags=self.unit.flags.current(person.id),
            giving_back=tuple(self.unit.giving_back.of_person(person.id)),
        )

    def insert_people(self, people: Sequence[dict[str, Any]]) -> None:
        """Insert many people at once (values from :func:`person_values` plus id and summary).

        Raises :class:`NhsNumberTaken` when one of their NHS numbers was saved
        for someone meanwhile (by another import running at the same time).
        """
        now = utcnow()
        try:
            self._session.execute(
                insert(PERSON_TABLE),
                [
                    {
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                        "status": None,
                        "link_worker": "",
                        "next_contact_on": None,
                        "last_contact_on": None,
                        **p,
                    }
                    for p in people
                ],
            )
        except sa_exc.IntegrityError as exc:
            if is_unique_violation(exc):
                raise NhsNumberTaken() from exc
            raise
        words = [row for p in people for row in search_word_rows(p["id"], p)]
        if words:
            self._session.execute(insert(WORD_TABLE), words)

    def insert_rows(self, model: Any, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._session.execute(insert(cast(Table, model.__table__)), list(rows))

    def write_episode(self, episode: Episode, draft: EpisodeDraft) -> EpisodeDetail:
        """Copy a checked referral onto its row; the caseload summary of its person follows
        (and of the person it was moved from, if it was)."""
        moved_from = episode.person_id if draft.id is not None else None
        apply_values(episode, episode_values(draft))
        self.unit.flush("This referral")
        self.refresh_summary(draft.person_id)
        if moved_from is not None and moved_from != draft.person_id:
            self.refresh_summary(moved_from)
        return to_episode_detail(episode)

    def contact_made(self, episode: Episode, on: dt.date) -> None:
        """A contact with the person happened on ``on``: the referral is active from then.

        The first contact's day is kept (the earliest recorded, even when an
        older one is entered later), so the wait from referral is known. That
        day is derived from the contacts, so moving it earlier does not count
        as an edit of the referral: its version stays, and a referral form
        open meanwhile still saves.
        """
        earlier = episode.first_contact_on is None or on < episode.first_contact_on
        if episode.status == EpisodeStatus.WAITING.value:
            episode.status = EpisodeStatus.ACTIVE.value
            if earlier:
                episode.first_contact_on = on
        elif earlier:
            self._session.execute(
                update(EPISODE_TABLE)
                .where(EPISODE_TABLE.c.id == episode.id)
                .values(first_contact_on=on, updated_at=EPISODE_TABLE.c.updated_at)
            )
            set_committed_value(episode, "first_contact_on", on)

    def refresh_summary(self, person_id: uuid.UUID) -> None:
        """Recompute the person's caseload columns from their referrals, conversations and
        the contacts they attended.

        Written with a plain UPDATE so the person's version (which guards their
        own details against concurrent edits) and ``updated_at`` are not touched.
        """
        # The referral the person is in now: the same rule as the Plan tab's.
        current_id = current_episode(episode_standings(self._session, person_id))
        newest = (
            self._session.execute(
                select(Episode.status, Episode.link_worker, Episode.next_contact_on).where(
                    Episode.id == current_id
                )
            ).first()
            if current_id is not None
            else None
        )
        talked_at = self._session.execute(
            select(func.max(Conversation.at))
            .join(Episode, Episode.id == Conversation.episode_id)
            .where(Episode.person_id == person_id)
        ).scalar()
        # A contact the person attended is a contact, recorded as a conversation or not.
        met_at = self._session.execute(
            select(func.max(Contact.starts_at)).where(
                Contact.person_id == person_id,
                Contact.outcome == ContactOutcome.ATTENDED.value,
            )
        ).scalar()
        last_at = max((at for at in (talked_at, met_at) if at is not None), default=None)
        table = PERSON_TABLE
        self._session.execute(
            update(table)
            .where(table.c.id == person_id)
            .values(
                status=newest.status if newest else None,
                link_worker=newest.link_worker if newest else "",
                next_contact_on=newest.next_contact_on if newest else None,
                last_contact_on=last_at.date() if last_at else None,
                updated_at=table.c.updated_at,
            )
        )
