"""The services one running copy of Link Worker works with, built in one place."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from linkworker import errors
from linkworker.data.cipher import Key
from linkworker.data.copy_database import Progress
from linkworker.data.database import Database, open_database, open_url
from linkworker.data.unit_of_work import UnitsOfWork
from linkworker.domain.day_away import BroughtBack, Choose, TakenOut
from linkworker.paths import AppPaths, share_exports_with_group
from linkworker.services import team_day
from linkworker.services.audit import AuditService
from linkworker.services.backup import BackupService
from linkworker.services.calendar_export import CalendarExportService
from linkworker.services.caseloads import CaseloadService
from linkworker.services.codes import CodeService
from linkworker.services.contacts import ContactService
from linkworker.services.directory import DirectoryService
from linkworker.services.directory_import import DirectoryImportService
from linkworker.services.documents import DocumentService
from linkworker.services.drafts import DraftService
from linkworker.services.episodes import EpisodeService
from linkworker.services.flags import FlagService
from linkworker.services.geo import GeoService
from linkworker.services.gp_letter import GpLetterService
from linkworker.services.matching import MatchingService
from linkworker.services.outcomes import OutcomeService
from linkworker.services.people import PeopleService
from linkworker.services.plan import PlanService
from linkworker.services.reports import ReportService
from linkworker.services.rights import RightsService
from linkworker.services.settings import SettingsStore, reason_kinds
from linkworker.services.taxonomy import TaxonomyService
from linkworker.services.team_copy import TeamCopy, copy_into
from linkworker.services.today import TodayService
from linkworker.services.workers import WorkerService

log = logging.getLogger(__name__)


@dataclass
class Services:
    """What the window and the command line are given: services, never the database."""

    paths: AppPaths
    settings: SettingsStore
    directory: DirectoryService
    directory_import: DirectoryImportService
    backups: BackupService
    people: PeopleService
    episodes: EpisodeService
    drafts: DraftService
    plans: PlanService
    matching: MatchingService
    documents: DocumentService
    geo: GeoService
    today: TodayService
    calendar: CalendarExportService
    contacts: ContactService
    flags: FlagService
    codes: CodeService
    outcomes: OutcomeService
    gp_letters: GpLetterService
    workers: WorkerService
    caseloads: CaseloadService
    audit: AuditService
    rights: RightsService
    taxonomy: TaxonomyService
    reports: ReportService
    #: Units of work over the database, for the few callers that compose services' work.
    units: UnitsOfWork
    _db: Database

    @property
    def encrypted(self) -> bool:
        """Whether the data file is encrypted (it is, unless made before encryption)."""
        return self._db.key is not None

    @property
    def on_team_database(self) -> bool:
        """Whether the data is in a team database (PostgreSQL) rather than this computer's file."""
        return not self._db.is_sqlite

    def change_passphrase(self, new: Key) -> None:
        """Re-encrypt the data file and its backups under ``new`` (see :func:`encryption.new_key`).

        Call with no unit of work open. The old passphrase opens none of them afterwards.
        """
        self._db.change_key(new, self.paths.backups_dir)

    def close(self) -> None:
        self._db.dispose()

    def copy_to_team(self, url: str, progress: Progress | None = None) -> TeamCopy:
        """Copy everything in this data file into the new team database at ``url``, checked.

        The data file is only read. See :mod:`linkworker.services.team_copy`.
        """
        if self._db.path is None:
            raise errors.UserFacingError(
                "Link Worker is open on a team database already, so there is no data file to copy.",
                "Open the data file you want to copy (without --database-url) and copy from there.",
            )
        target = open_url(url)
        try:
            return copy_into(self._db, target, progress)
        finally:
            target.dispose()

    def take_day_out(
        self, laptop: AppPaths, key: Key | None, person_ids: Sequence[uuid.UUID]
    ) -> TakenOut:
        """Take ``person_ids`` and the directory into a new data file under ``laptop``."""
        return team_day.take_day_out(self._db, laptop, key, person_ids)

    def bring_day_back(
        self, laptop: AppPaths, key: Key | None, choose: Choose | None = None
    ) -> BroughtBack:
        """Bring a day's work back from the data file under ``laptop`` (services/team_day.py)."""
        return team_day.bring_day_back(self._db, laptop, key, choose)


def open_services(
    paths: AppPaths,
    settings: SettingsStore | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    key: Key | None = None,
    url: str | None = None,
) -> Services:
    """Open (creating and migrating if need be) the database under ``paths``.

    ``key`` (see :mod:`linkworker.services.encryption`): the database's key, or for a
    new folder the key it is made under; None opens a plain database (tests, the
    conversion). Pass ``settings`` when the caller already holds the settings store,
    so that one store (and one writer) serves the whole process.
    ``url``: a team database (PostgreSQL) to open instead of the file under ``paths``;
    the folders under ``paths`` still hold settings, documents and downloads.
    """
    if url:
        db = open_url(url, progress=progress)
        log.info("Opened the team database")
    else:
        db = open_database(paths.database, paths.backups_dir, key=key, progress=progress)
        log.info("Opened %s", paths.database)
    store = settings or SettingsStore(paths.settings_file)
    share_exports_with_group(bool(store.get("exports_shared_with_group")))
    units = UnitsOfWork(db)
    today = TodayService(units, store)
    documents = DocumentService(units, store)
    people = PeopleService(units)
    return Services(
        paths=paths,
        settings=store,
        directory=DirectoryService(units),
        directory_import=DirectoryImportService(units, paths.downloads_dir),
        backups=BackupService(db, paths.backups_dir),
        people=people,
        episodes=EpisodeService(units),
        drafts=DraftService(units),
        plans=PlanService(units),
        matching=MatchingService(units, lambda: reason_kinds(store)),
        documents=documents,
        geo=GeoService(units),
        today=today,
        calendar=CalendarExportService(today),
        contacts=ContactService(units),
        flags=FlagService(units),
        codes=CodeService(units),
        outcomes=OutcomeService(units),
        gp_letters=GpLetterService(units, documents, people),
        workers=WorkerService(units),
        caseloads=CaseloadService(units),
        audit=AuditService(units),
        rights=RightsService(units, store),
        taxonomy=TaxonomyService(units),
        reports=ReportService(units, store),
        units=units,
        _db=db,
    )
