"""People on the caseload, their referrals (episodes of support) and conversations.

The window, the command line, the importers and the demo all go through
:class:`PeopleService`. Every method opens its own unit of work and returns
plain value types from :mod:`linkworker.domain.people`.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from linkworker import errors
from linkworker.data import people_repo as repo
from linkworker.data.models import Conversation, Episode, ImportantPersonRow, Person, utcnow
from linkworker.data.undated_repo import undated_values
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain import audit
from linkworker.domain.keeping import Beyond, conversation_needs_consent
from linkworker.domain.matching import MatchPreferences
from linkworker.domain.names import display_name, fold
from linkworker.domain.people import (
    CaseloadFilter,
    CaseloadPage,
    CaseloadSort,
    ConversationDetail,
    ConversationDraft,
    EpisodeDetail,
    EpisodeDraft,
    NeedsAsWritten,
    PersonDetail,
    PersonDraft,
    PossibleMatch,
    UndatedReferral,
)
from linkworker.domain.person_validation import (
    format_nhs_number,
    parse_nhs_number,
    validate_conversation,
    validate_episode,
    validate_person,
)
from linkworker.domain.validation import FieldError, InvalidValue, parse_postcode
from linkworker.services.codes import record_codes
from linkworker.services.conflicts import check_version
from linkworker.services.keeping import agree_to_hold, require_consent_to_hold
from linkworker.services.workers import consents_recorded, recorded_by

Progress = Callable[[int, int], None]

SAME_NHS_NUMBER = "Same NHS number"
SAME_BIRTHDAY_SIMILAR_NAME = "Same date of birth and a similar name"


@dataclass(frozen=True, slots=True)
class RowExtras:
    """What else an imported row brings beside the person and a dated referral.

    ``preferences``: what suits them, as read from their words (times, cost), for
    the worker to confirm; ``undated``: a referral that came with no date, kept as
    written until the worker gives one (its ``person_id`` is replaced).
    """

    preferences: MatchPreferences = field(default_factory=MatchPreferences)
    undated: UndatedReferral | None = None


@dataclass(frozen=True, slots=True)
class UndatedPerson:
    """Someone with a referral waiting for its date, for the lists that point to them."""

    person_id: uuid.UUID
    name: str
    referrals: int


class InvalidPerson(errors.UserFacingError):
    """Details with problems; ``problems`` says which field and why.

    Raised for a person, a referral or a conversation (``what`` says which).
    From :meth:`PeopleService.import_people`, ``row_index`` is the index of the
    offending item in the rows given (0 for the first).
    """

    title = "Some details need correcting"

    def __init__(
        self,
        problems: Sequence[FieldError],
        what: str = "person's details",
        row_index: int | None = None,
    ) -> None:
        lines = "; ".join(p.message for p in problems)
        where = f"Row {row_index + 1}: " if row_index is not None else ""
        advice = (
            "Nothing was imported. Correct that row and import again."
            if row_index is not None
            else "Correct the fields shown and save again."
        )
        super().__init__(f"{where}The {what} could not be saved: {lines}", advice)
        self.problems = tuple(problems)
        self.row_index = row_index


def _similar_names(a: PersonDraft | Person, b: PersonDraft | Person) -> bool:
    """Same family name (or one typing slip away) and given names that may be the same."""
    fam_a, fam_b = fold(a.family_name.strip()), fold(b.family_name.strip())
    if not fam_a or not fam_b or not _close(fam_a, fam_b):
        return False
    names_a = {fold(n.strip()) for n in (a.given_name, a.preferred_name) if n.strip()}
    names_b = {fold(n.strip()) for n in (b.given_name, b.preferred_name) if n.strip()}
    return any(_given_alike(x, y) for x in names_a for y in names_b)


def _given_alike(x: str, y: str) -> bool:
    if len(x) < 3 or len(y) < 3:  # "Jo" and "Joanne": the short one starts the long one
        return x.startswith(y) or y.startswith(x)
    return x[:3] == y[:3] or _close(x, y)


def _close(x: str, y: str) -> bool:
    """Equal, or within a slip of the keyboard: one edit for short names, two for long."""
    if x == y:
        return True
    allowed = 1 if max(len(x), len(y)) <= 6 else 2
    return _edit_distance(x, y, allowed) <= allowed


def _edit_distance(x: str, y: str, cap: int) -> int:
    """Levenshtein distance, giving up (returning cap + 1) once it must exceed ``cap``."""
    if abs(len(x) - len(y)) > cap:
        return cap + 1
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, start=1):
        current = [i]
        for j, cy in enumerate(y, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cx != cy)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


class PeopleService:
    """Everything the app does with people, referrals and conversations."""

    def __init__(
        self,
        units: UnitsOfWork,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._units = units
        self._today = today
        self._now = now

    # People ----------------------------------------------------------------

    def save_person(self, draft: PersonDraft) -> PersonDetail:
        """Create (no id) or update a person after checking every field.

        Raises :class:`InvalidPerson` (including for an NHS number already on
        someone else's record), :class:`~linkworker.errors.NotFound`, or
        :class:`~linkworker.errors.ConcurrentEdit` when the ``version`` read is
        no longer the stored one (``version=None`` saves over whatever is there).
        """
        nhs_number, postcode = self._checked(draft)
        values = repo.person_values(draft, nhs_number, postcode)
        with self._units.write() as uow:
            if nhs_number:
                holder = uow.people.find_by_nhs_number(nhs_number)
                if holder is not None and holder.id != draft.id:
                    raise InvalidPerson([self._nhs_taken(nhs_number, holder)])
            if draft.id is None:
                person = uow.people.create_person()
            else:
                loaded = uow.people.load_person(draft.id)
                if loaded is None:
                    raise errors.NotFound(
                        "That person's record was removed while you were editing it.",
                        "Copy what you typed, then add them again.",
                    )
                check_version(
                    "This person's record",
                    loaded,
                    draft,
                    lambda: repo.to_person_draft(loaded),
                    person_id=loaded.id,
                )
                person = loaded
            try:
                uow.people.apply_person(person, values, draft, what=_quoted(draft.display_name))
            except repo.NhsNumberTaken as exc:  # another window took the number meanwhile
                raise InvalidPerson(
                    [FieldError("nhs_number", "That NHS number was just saved for someone else.")]
                ) from exc
            return uow.people.to_detail(person)

    def get_person(self, person_id: uuid.UUID) -> PersonDetail:
        """The person with their referrals and conversations, newest first."""
        with self._units.read() as uow:
            person = uow.people.load_person(person_id)
            if person is None:
                raise errors.person_gone()
            uow.note(audit.VIEW, person_id=person_id, subject="person")
            return uow.people.to_detail(person)

    def ids_starting(self, prefix: str) -> list[uuid.UUID]:
        """People whose record id begins with ``prefix`` (hex digits); two at most, so a
        caller can tell one person from several."""
        digits = prefix.strip().lower()
        if not digits or any(c not in "0123456789abcdef" for c in digits):
            return []
        with self._units.read() as uow:
            return uow.people.ids_starting(digits, limit=2)

    def find_by_nhs_number(self, text: str) -> PersonDetail | None:
        """The person with this NHS number (spaces or dashes allowed), if any."""
        try:
            digits = parse_nhs_number(text)
        except InvalidValue:
            return None
        if not digits:
            return None
        with self._units.read() as uow:
            person = uow.people.find_by_nhs_number(digits)
            return None if person is None else uow.people.to_detail(person)

    def possible_matches(self, draft: PersonDraft) -> list[PossibleMatch]:
        """People already recorded who may be the one in ``draft``, most certain first.

        The same NHS number, or the same date of birth and a similar name (the
        same family name ignoring case and accents, allowing a slip of the
        keyboard, and given or preferred names alike). ``draft.id`` is left out.
        """
        try:
            digits = parse_nhs_number(draft.nhs_number)
        except InvalidValue:
            digits = ""
        found: dict[uuid.UUID, PossibleMatch] = {}
        with self._units.read() as uow:
            if digits:
                holder = uow.people.find_by_nhs_number(digits)
                if holder is not None and holder.id != draft.id:
                    found[holder.id] = self._match(holder, SAME_NHS_NUMBER)
            if draft.date_of_birth is not None:
                for person in uow.people.born_on(draft.date_of_birth):
                    if person.id in found or person.id == draft.id:
                        continue
                    if _similar_names(draft, person):
                        found[person.id] = self._match(person, SAME_BIRTHDAY_SIMILAR_NAME)
        return list(found.values())

    def caseload(
        self,
        flt: CaseloadFilter = CaseloadFilter(),
        sort: CaseloadSort = CaseloadSort.NAME,
        descending: bool = False,
        limit: int = 200,
        offset: int = 0,
    ) -> CaseloadPage:
        """A page of the People table and the number matching in all.

        ``flt.text`` matches the start of any given, family or preferred name
        (every word typed must begin one; case and accents ignored), of an NHS
        number (all digits; spaces and dashes ignored) or of a postcode from its
        district digit on (``ch6``, ``CH65 4``; spaces and case ignored). Letters
        alone are names: one or two letters of a postcode area would match most
        of a caseload. ``flt.status`` is the newest referral's; ``flt.link_worker``
        is matched exactly. Sorts other than the name put blanks last. Only the people
        the worker signed in holds are listed (data/access_guard.py): their own and
        those waiting for a link worker, everyone for a manager, no one for a role
        that sees no personal records.
        """
        with self._units.read() as uow:
            rows, total = uow.caseload.caseload(flt, sort, descending, limit, offset)
            undated = uow.undated.waiting_among([r.id for r in rows])
        if undated:
            rows = [
                dataclasses.replace(r, undated_referral=True) if r.id in undated else r
                for r in rows
            ]
        return CaseloadPage(rows=tuple(rows), total=total)

    def count(self) -> int:
        with self._units.read() as uow:
            return uow.people.count_people()

    # Referrals and conversations --------------------------------------------

    def save_episode(self, draft: EpisodeDraft) -> EpisodeDetail:
        """Create or update a referral; the person's caseload summary follows it."""
        problems = validate_episode(draft, self._today())
        if problems:
            raise InvalidPerson(problems, what="referral details")
        with self._units.write() as uow:
            if not uow.people.person_exists(draft.person_id):
                raise errors.person_gone()
            episode = self._load_for_update(uow, Episode, draft, "referral")
            detail = uow.people.write_episode(episode, consents_recorded(uow, draft))
            record_codes(uow, episode)
            return detail

    def save_conversation(
        self, draft: ConversationDraft, agreed_to_hold: bool = False
    ) -> ConversationDetail:
        """Create or update a conversation.

        The first conversation recorded on a referral waiting for first contact
        makes it active; the person's last contact follows. Notes wait for the
        person's consent to hold their record (a crisis conversation does not):
        ``agreed_to_hold`` records that they agreed in this conversation, on its day,
        in the same transaction; without it and without consent already recorded,
        :class:`~linkworker.services.keeping.ConsentToHoldNeeded` is raised.
        """
        problems = validate_conversation(draft, self._now())
        if problems:
            raise InvalidPerson(problems, what="conversation notes")
        with self._units.write() as uow:
            episode = uow.people.episode(draft.episode_id)
            if episode is None:
                raise errors.referral_gone(typed=True)
            if agreed_to_hold:
                agree_to_hold(uow, episode, draft.at.date())
            if conversation_needs_consent(draft.kind):
                require_consent_to_hold(episode, Beyond.CONVERSATION)
            conversation = self._load_for_update(uow, Conversation, draft, "conversation")
            old_episode = conversation.episode_id if draft.id is not None else None
            if draft.id is None:
                draft = dataclasses.replace(draft, recorded_by=recorded_by(uow, draft.recorded_by))
            repo.apply_values(conversation, repo.conversation_values(draft))
            uow.people.contact_made(episode, draft.at.date())
            record_codes(uow, episode, draft.recorded_by)
            uow.flush("This conversation")
            uow.people.refresh_summary(episode.person_id)
            if old_episode is not None and old_episode != episode.id:
                previous = uow.people.episode(old_episode)
                if previous is not None and previous.person_id != episode.person_id:
                    uow.people.refresh_summary(previous.person_id)
            return repo.to_conversation_detail(conversation)

    # Importing ---------------------------------------------------------------

    def import_people(
        self,
        rows: Sequence[tuple[PersonDraft, EpisodeDraft | None]],
        progress: Progress | None = None,
        extras: Sequence[RowExtras] = (),
    ) -> int:
        """Add every person (with their referral, if given) in one transaction: all, or none.

        Everything is checked before anything is written; the first row with a
        problem (an NHS number already recorded or repeated in ``rows``
        included) raises :class:`InvalidPerson` naming its ``row_index``. Each
        referral's ``person_id`` is replaced by the new person's id. ``extras``,
        when given, has one entry a row (see :class:`RowExtras`).
        """
        if extras and len(extras) != len(rows):
            raise ValueError("extras needs one entry for each row")
        total = len(rows)
        steps = total * 2
        checked: list[tuple[str, str]] = []
        first_row_with: dict[str, int] = {}
        for i, (person, episode) in enumerate(rows):
            problems = validate_person(person, self._today())
            if episode is not None:
                problems += validate_episode(episode, self._today())
            if problems:
                raise InvalidPerson(problems, row_index=i)
            nhs_number, postcode = self._normalised(person)
            if nhs_number in first_row_with:
                where = first_row_with[nhs_number] + 1
                raise InvalidPerson(
                    [
                        FieldError(
                            "nhs_number",
                            f"{format_nhs_number(nhs_number)} is also the NHS number "
                            f"in row {where}.",
                        )
                    ],
                    row_index=i,
                )
            if nhs_number:
                first_row_with[nhs_number] = i
            checked.append((nhs_number, postcode))
            if progress and (i + 1) % 500 == 0:
                progress(i + 1, steps)
        if progress:
            progress(total, steps)

        with self._units.write() as uow:
            taken = uow.people.taken_nhs_numbers(list(first_row_with))
            if taken:
                number, holder = min(taken.items(), key=lambda kv: first_row_with[kv[0]])
                raise InvalidPerson(
                    [self._nhs_taken(number, holder)], row_index=first_row_with[number]
                )
            batch = 1000
            for start in range(0, total, batch):
                try:
                    self._insert_batch(
                        uow,
                        rows[start : start + batch],
                        checked[start:],
                        extras[start : start + batch] if extras else (),
                    )
                except repo.NhsNumberTaken as exc:  # another import saved them meanwhile
                    raise errors.ImportFailed(
                        "Nothing was imported: some of these people were added by another "
                        "import while this one was running.",
                        "Import the file again: anyone already on the caseload is then "
                        "named, so you can take their rows out.",
                    ) from exc
                if progress:
                    progress(total + min(start + batch, total), steps)
            referrals = sum(1 for _, episode in rows if episode is not None)
            undated = sum(1 for extra in extras if extra.undated is not None)
            counts = {"undated": undated} if undated else {}
            uow.note(audit.IMPORT, subject="people", rows=total, referrals=referrals, **counts)
        return total

    # Helpers -----------------------------------------------------------------

    def _insert_batch(
        self,
        uow: UnitOfWork,
        rows: Sequence[tuple[PersonDraft, EpisodeDraft | None]],
        checked: Sequence[tuple[str, str]],
        extras: Sequence[RowExtras] = (),
    ) -> None:
        people: list[dict[str, Any]] = []
        important: list[dict[str, Any]] = []
        episodes: list[dict[str, Any]] = []
        undated: list[dict[str, Any]] = []
        preferences: list[tuple[uuid.UUID, MatchPreferences]] = []
        for i, ((draft, episode), (nhs_number, postcode)) in enumerate(
            zip(rows, checked, strict=False)
        ):
            person_id = uuid.uuid4()
            extra = extras[i] if extras else RowExtras()
            if extra.undated is not None:
                undated.append(undated_values(extra.undated, person_id))
            if not extra.preferences.is_empty:
                preferences.append((person_id, extra.preferences))
            values = repo.person_values(draft, nhs_number, postcode)
            values["id"] = person_id
            important += repo.important_people_values(person_id, draft.important_people)
            if episode is not None:
                ep = repo.episode_values(episode)
                ep.update(id=uuid.uuid4(), person_id=person_id, version=1)
                episodes.append(ep)
                # The only referral is the newest one: the summary needs no query.
                values.update(
                    status=ep["status"],
                    link_worker=ep["link_worker"],
                    next_contact_on=ep["next_contact_on"],
                )
            people.append(values)
        uow.people.insert_people(people)
        uow.people.insert_rows(ImportantPersonRow, important)
        now = utcnow()
        uow.people.insert_rows(
            Episode, [{"created_at": now, "updated_at": now, **e} for e in episodes]
        )
        uow.undated.insert(undated)
        for person_id, prefs in preferences:
            uow.matching.save_preferences(person_id, prefs)

    # Needs as written and referrals with no date -----------------------------

    def confirm_needs(self, person_id: uuid.UUID) -> PersonDetail:
        """The worker has checked what was read in the person's needs as written."""
        with self._units.write() as uow:
            person = uow.people.load_person(person_id)
            if person is None:
                raise errors.person_gone()
            draft = repo.to_person_draft(person)
            confirmed = dataclasses.replace(
                draft, as_written=dataclasses.replace(draft.as_written, to_confirm=False)
            )
            values = repo.person_values(confirmed, draft.nhs_number, draft.postcode)
            uow.people.apply_person(person, values, confirmed)
            return uow.people.to_detail(person)

    def as_written(self, person_id: uuid.UUID) -> NeedsAsWritten:
        """The person's needs as a spreadsheet wrote them, and whether they are confirmed."""
        with self._units.read() as uow:
            person = uow.people.load_person(person_id)
            if person is None:
                raise errors.person_gone()
            return repo.to_person_draft(person).as_written

    def undated_referrals(self, person_id: uuid.UUID) -> tuple[UndatedReferral, ...]:
        """The person's referrals still waiting for their date, oldest first."""
        with self._units.read() as uow:
            return tuple(uow.undated.of_person(person_id))

    def people_with_undated_referrals(self) -> tuple[UndatedPerson, ...]:
        """Everyone with a referral waiting for its date, by name."""
        with self._units.read() as uow:
            return tuple(UndatedPerson(*found) for found in uow.undated.people())

    def date_referral(self, referral_id: uuid.UUID, draft: EpisodeDraft) -> EpisodeDetail:
        """Turn a referral kept with no date into a real one, with the date the worker gave.

        ``draft`` is the referral as the worker completed it; in one write it is
        recorded and the undated one goes. Raises :class:`InvalidPerson` for a bad
        date (nothing changes) and NotFound when it was dated elsewhere meanwhile.
        """
        problems = validate_episode(draft, self._today())
        if problems:
            raise InvalidPerson(problems, what="referral details")
        with self._units.write() as uow:
            waiting = uow.undated.get(referral_id)
            if waiting is None or waiting.person_id != draft.person_id:
                raise errors.NotFound(
                    "That referral already has its date: someone gave it meanwhile.",
                    "Look at the person's referrals to see it.",
                )
            episode = uow.people.add(Episode(id=uuid.uuid4()))
            new = dataclasses.replace(draft, id=None, version=None)
            detail = uow.people.write_episode(episode, consents_recorded(uow, new))
            record_codes(uow, episode)
            uow.undated.remove(referral_id)
            return detail

    def _checked(self, draft: PersonDraft) -> tuple[str, str]:
        problems = validate_person(draft, self._today())
        if problems:
            raise InvalidPerson(problems)
        return self._normalised(draft)

    @staticmethod
    def _normalised(draft: PersonDraft) -> tuple[str, str]:
        """The NHS number as ten digits and the postcode as ``CH65 4AB`` (checked drafts only)."""
        postcode = draft.postcode.strip()
        return parse_nhs_number(draft.nhs_number), parse_postcode(postcode) if postcode else ""

    @staticmethod
    def _load_for_update(uow: UnitOfWork, model: Any, draft: Any, what: str) -> Any:
        if draft.id is None:
            return uow.people.add(model(id=uuid.uuid4()))
        row = uow.people.get(model, draft.id)
        if row is None:
            raise errors.NotFound(
                f"That {what} was removed while you were editing it.",
                "Copy what you typed, then reopen the person's record.",
            )

        def stored() -> Any:
            if model is Episode:
                return repo.to_episode_detail(row).draft
            return repo.to_conversation_detail(row).draft

        person_id = row.person_id if model is Episode else None
        check_version(f"This {what}", row, draft, stored, person_id=person_id)
        return row

    @staticmethod
    def _match(person: Person, reason: str) -> PossibleMatch:
        return PossibleMatch(
            id=person.id,
            name=display_name(person.given_name, person.family_name, person.preferred_name),
            date_of_birth=person.date_of_birth,
            nhs_number=person.nhs_number or "",
            postcode=person.postcode or "",
            reason=reason,
        )

    @staticmethod
    def _nhs_taken(nhs_number: str, holder: Person) -> FieldError:
        name = display_name(holder.given_name, holder.family_name, holder.preferred_name)
        born = f", born {holder.date_of_birth:%d %B %Y}" if holder.date_of_birth else ""
        return FieldError(
            "nhs_number",
            f"{format_nhs_number(nhs_number)} is already the NHS number of {name}{born}. "
            "Open their record instead, or check the number.",
        )


def _quoted(name: str) -> str:
    return f"“{name}”"
