"""Documents made from the record: a person's plan, a referral to a provider, directory sheets.

:class:`DocumentService` gathers what a document needs through the other
services, turns it into a snapshot (:mod:`linkworker.printing.snapshot_builders`
decides what each document may say) and renders it to PDF bytes. It also keeps
the record of what was printed or saved for each person, and when.

ReportLab is imported only inside the ``*_pdf`` methods, the first time one
runs, so opening the services never loads it.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable, Sequence

from linkworker import errors
from linkworker.data.plan_repo import REMOVED_ASSET_ID
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain import audit
from linkworker.domain.directory import AssetStatus, DirectoryFilter
from linkworker.domain.documents import DocumentAction, DocumentKind, DocumentRecord
from linkworker.domain.people import AccessNeed, PersonDetail
from linkworker.domain.validation import district_of
from linkworker.printing.snapshot_builders import (
    asset_sheet,
    booklet,
    plan_snapshot,
    referral_snapshot,
)
from linkworker.printing.snapshots import PrintOptions, WorkerContact
from linkworker.services.settings import SettingsStore

#: The booklet's title when neither a category nor an area is chosen.
WHOLE_DIRECTORY_TITLE = "Community groups"

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def options_words(options: PrintOptions) -> str:
    """The print options in plain words, "large print, easy read"; "" for standard print."""
    words = (
        ("large print", options.large_print),
        ("high contrast", options.high_contrast),
        ("easy read", options.easy_read),
    )
    return ", ".join(word for word, chosen in words if chosen)


def options_for_needs(needs: Iterable[AccessNeed]) -> PrintOptions:
    """How someone with these access needs reads best.

    Large print for large print; large print and high contrast for sight loss;
    easy read for easy read.
    """
    needs = set(needs)
    sight = AccessNeed.SIGHT in needs
    return PrintOptions(
        large_print=sight or AccessNeed.LARGE_PRINT in needs,
        high_contrast=sight,
        easy_read=AccessNeed.EASY_READ in needs,
    )


def page_count(pdf: bytes) -> int:
    """How many pages a PDF made by the renderers has (they write no object streams)."""
    return len(_PAGE.findall(pdf))


def person_detail(uow: UnitOfWork, person_id: uuid.UUID) -> PersonDetail:
    """The person read in ``uow``; NotFound when they are no longer on the caseload."""
    person = uow.people.detail(person_id)
    if person is None:
        raise errors.person_gone()
    return person


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


class DocumentService:
    """Makes the documents people take away or send on, and records them against the person."""

    def __init__(
        self,
        units: UnitsOfWork,
        settings: SettingsStore,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        self._units = units
        self._settings = settings
        self._today = today
        self._now = now

    # Who made it, and how the person reads ---------------------------------------

    def worker(self) -> WorkerContact:
        """The link worker signed in (else the name in Settings), their team, phone and email."""
        return WorkerContact(
            name=self._units.actor.worker_name or _text(self._settings.get("user_name")),
            team=_text(self._settings.get("team_name")),
            phone=_text(self._settings.get("user_phone")),
            email=_text(self._settings.get("user_email")),
        )

    def default_options(self, person_id: uuid.UUID) -> PrintOptions:
        """The print options the person's recorded access needs call for (see options_for_needs)."""
        with self._units.read() as uow:
            return options_for_needs(person_detail(uow, person_id).draft.access_needs)

    # Documents --------------------------------------------------------------------

    def plan_pdf(
        self,
        person_id: uuid.UUID,
        options: PrintOptions | None = None,
        episode_id: uuid.UUID | None = None,
    ) -> bytes:
        """The person's own copy of a plan: the episode's given, else their current one.

        ``options`` None prints as their access needs call for. Someone with no
        referral yet still gets a page with what matters to them and who is on
        their side. Raises NotFound for someone not on the caseload, or for an
        episode that is not theirs.
        """
        from linkworker.printing.my_plan import render_plan

        with self._units.read() as uow:  # one read: the person, their plan and its places
            person = person_detail(uow, person_id)
            if episode_id is None:
                plan = uow.plans.plan_for_person(person_id)
            else:
                episode = uow.plans.episode(episode_id)
                if episode is None or episode.person_id != person_id:
                    raise errors.referral_gone()
                plan = uow.plans.plan_detail(episode)
            wanted = [
                r.draft.asset_id
                for r in (plan.referrals if plan is not None else ())
                if r.current_status.is_open and r.draft.asset_id != REMOVED_ASSET_ID
            ]
            # A place no longer in the directory still prints, with its name and how to get there.
            assets = {a.id: a for a in uow.assets.details(wanted)}
        snapshot = plan_snapshot(person, plan, assets, self.worker(), self._today())
        chosen = options if options is not None else options_for_needs(person.draft.access_needs)
        return render_plan(snapshot, chosen)

    def referral_pdf(self, referral_id: uuid.UUID, options: PrintOptions | None = None) -> bytes:
        """A referral to the provider of a community asset chosen in a plan.

        It says only what the person agreed to share. Raises
        :class:`~linkworker.printing.snapshot_builders.ConsentMissing` when the
        referral's episode has no consent to share with providers, and NotFound
        when the referral, or the asset it is to, is no longer on the record.
        ``options`` None is standard print: the provider reads it.
        """
        from linkworker.printing.provider_referral import render_referral

        with self._units.read() as uow:
            found = uow.documents.referral_episode(referral_id)
            plan = uow.plans.plan_of_episode(found[0]) if found is not None else None
            if found is None or plan is None:
                raise self._no_referral()
            person = person_detail(uow, found[1])
            referral = next((r for r in plan.referrals if r.id == referral_id), None)
            episode = next((e for e in person.episodes if e.id == found[0]), None)
            if referral is None or episode is None:
                raise self._no_referral()
            asset = (
                uow.assets.detail(referral.draft.asset_id)
                if referral.draft.asset_id != REMOVED_ASSET_ID
                else None
            )
            if asset is None:
                raise self._asset_gone(referral.asset_name)
        goal = next((g for g in plan.goals if g.id == referral.draft.goal_id), None)
        snapshot = referral_snapshot(
            person, episode, referral, asset, self.worker(), self._today(), goal=goal
        )
        return render_referral(snapshot, options or PrintOptions())

    def asset_sheet_pdf(self, asset_id: uuid.UUID, options: PrintOptions | None = None) -> bytes:
        """One community asset on a page, as a member of the public may read it."""
        from linkworker.printing.directory_sheets import render_asset_sheet

        with self._units.read() as uow:
            asset = uow.assets.detail(asset_id)
            if asset is None:
                raise errors.NotFound(
                    "That asset is no longer in the directory.",
                    "Refresh the list and choose it again.",
                )
        return render_asset_sheet(asset_sheet(asset, self._today()), options or PrintOptions())

    def booklet_pdf(
        self,
        *,
        category: str | None = None,
        district: str | None = None,
        options: PrintOptions | None = None,
    ) -> bytes:
        """The active assets of a category and/or a postcode district (else all) as a booklet.

        Archived, paused and closed assets are left out. The title says what
        was chosen: the category's name, "Community groups near CH65", or
        "Community groups". Raises NotFound, naming the categories or areas
        there are, when nothing matches.
        """
        from linkworker.printing.directory_sheets import render_booklet

        with self._units.read() as uow:
            categories = uow.assets.category_names()
            category = _category(category, categories)
            area = _district(district)
            chosen = DirectoryFilter(
                category=category, district=area, status=AssetStatus.ACTIVE, today=self._today()
            )
            assets = uow.assets.details(uow.assets.matching_ids(chosen))
            if not assets:
                districts = uow.assets.district_names()
                raise self._nothing_to_print(category, area, categories, districts)
        title = _booklet_title(category, area)
        return render_booklet(booklet(title, assets, self._today()), options or PrintOptions())

    def booklet_title(self, *, category: str | None = None, district: str | None = None) -> str:
        """The title :meth:`booklet_pdf` gives a booklet of this choice."""
        with self._units.read() as uow:
            categories = uow.assets.category_names()
        return _booklet_title(_category(category, categories), _district(district))

    # The record of documents --------------------------------------------------------

    def record(
        self,
        person_id: uuid.UUID,
        kind: DocumentKind,
        action: DocumentAction,
        options: PrintOptions,
        detail: str = "",
    ) -> None:
        """Record that a document was printed or saved for the person, now, by the user."""
        with self._units.write() as uow:
            self._check_person(uow, person_id)
            uow.note(audit.PRINT, person_id=person_id, subject=kind.value, done=action.value)
            uow.documents.add(
                person_id,
                kind,
                action,
                self._now(),
                recorded_by=uow.actor.worker_name or _text(self._settings.get("user_name")),
                options=options_words(options),
                detail=detail,
            )

    def history(self, person_id: uuid.UUID) -> tuple[DocumentRecord, ...]:
        """Every document printed or saved for the person, newest first."""
        with self._units.read() as uow:
            self._check_person(uow, person_id)
            return tuple(uow.documents.history(person_id))

    # Helpers ---------------------------------------------------------------------------

    @staticmethod
    def _check_person(uow: UnitOfWork, person_id: uuid.UUID) -> None:
        if not uow.people.person_exists(person_id):
            raise errors.person_gone()

    @staticmethod
    def _no_referral() -> errors.NotFound:
        return errors.NotFound(
            "That community asset is no longer in the person's plan.",
            "Reopen the person's record and choose it again.",
        )

    @staticmethod
    def _asset_gone(name: str) -> errors.NotFound:
        what = f"“{name.strip()}”" if name.strip() else "That community asset"
        return errors.NotFound(
            f"{what} is no longer in the directory, so there is no one to send a referral to.",
            "Check the directory for where it went, and add the new listing to the plan.",
        )

    @staticmethod
    def _nothing_to_print(
        category: str | None,
        area: str | None,
        categories: Sequence[str],
        areas: Sequence[str],
    ) -> errors.NotFound:
        category_names = ", ".join(categories)
        area_names = ", ".join(areas)
        empty = "Add or import community assets first."
        if category and category not in categories:
            return errors.NotFound(
                f"There is no category “{category}” in the directory.",
                f"The categories in the directory are: {category_names}."
                if category_names
                else empty,
            )
        where = "".join((f" under “{category}”" if category else "", f" in {area}" if area else ""))
        known: list[str] = []
        if category and category_names:
            known.append(f"The categories in the directory are: {category_names}.")
        if area and area_names:
            known.append(f"The areas in the directory are: {area_names}.")
        return errors.NotFound(
            f"No active community assets are listed{where}.", " ".join(known) or empty
        )


def _category(typed: str | None, known: Iterable[str]) -> str | None:
    """The directory's own name for the category typed: the same ignoring case, else the one
    name that begins with it, else the one name that contains it; else what was typed."""
    text = " ".join((typed or "").split())
    if not text:
        return None
    key = text.casefold()
    names = list(known)
    for fits in (
        lambda name: name.casefold() == key,
        lambda name: name.casefold().startswith(key),
        lambda name: key in name.casefold(),
    ):
        found = [name for name in names if fits(name)]
        if len(found) == 1:
            return found[0]
        if found:
            break
    return text


def _district(typed: str | None) -> str | None:
    """A postcode district ("CH65") from a district or a whole postcode typed."""
    text = (typed or "").strip().upper()
    if not text:
        return None
    return district_of(text) or text


def _booklet_title(category: str | None, area: str | None) -> str:
    if category and area:
        return f"{category} near {area}"
    if category:
        return category
    if area:
        return f"{WHOLE_DIRECTORY_TITLE} near {area}"
    return WHOLE_DIRECTORY_TITLE
