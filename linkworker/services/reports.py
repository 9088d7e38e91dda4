"""Reports for the team, the PCN and commissioners: built, audited and written as CSV.

:meth:`ReportService.build` reads every figure of a report through one read unit of
work (so they all come from the same moment's data), puts the team's name, the day
and who made it on its face, and notes in the audit trail who ran which report for
which period. Each report's builder is a function ``(uow, request) -> Report`` found
in :data:`BUILDERS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from linkworker import errors
from linkworker.data.access_guard import require
from linkworker.data.unit_of_work import UnitOfWork, UnitsOfWork
from linkworker.domain.audit import EXPORT
from linkworker.domain.permissions import Permission
from linkworker.domain.reports import STEPS, Period, Progress, Report, ReportKind, ReportRequest
from linkworker.domain.today import limits
from linkworker.paths import save_export
from linkworker.services.report_activity import build_activity, build_reach
from linkworker.services.report_csv import report_csv
from linkworker.services.report_outcomes import build_connections, build_outcomes, build_stories
from linkworker.services.settings import SettingsStore

#: A report's builder: every figure read through the one unit of work it is given.
Builder = Callable[[UnitOfWork, ReportRequest], Report]

#: The audit trail's action for a report made (shown as "Made a report").
REPORT = "report"

#: Each report and the function that builds it.
BUILDERS: dict[ReportKind, Builder] = {
    ReportKind.ACTIVITY: build_activity,
    ReportKind.REACH: build_reach,
    ReportKind.CONNECTIONS: build_connections,
    ReportKind.OUTCOMES: build_outcomes,
    ReportKind.STORIES: build_stories,
}


class ReportService:
    """Makes the team's reports for a period, and saves them as PDF or CSV."""

    def __init__(
        self,
        units: UnitsOfWork,
        settings: SettingsStore,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self._units = units
        self._settings = settings
        self._today = today

    @property
    def available(self) -> tuple[ReportKind, ...]:
        """The reports this version can make, in the order they are offered."""
        return tuple(k for k in ReportKind if k in BUILDERS)

    def request(self, kind: ReportKind, period: Period) -> ReportRequest:
        """What a report made now carries on its face (the team, today, who is signed in)
        and the team's settings it counts by."""
        team = " ".join(str(self._settings.get("team_name") or "").split())
        made_by = self._units.actor.worker_name or " ".join(
            str(self._settings.get("user_name") or "").split()
        )
        day = self._today()
        no_news = limits(day, None, self._settings.get("no_news_days")).no_news_days
        return ReportRequest(kind, period, team, day, made_by, no_news_days=no_news)

    def build(self, kind: ReportKind, period: Period, progress: Progress | None = None) -> Report:
        """The report ``kind`` for ``period``, all from one read; noted in the audit trail.

        ``progress(done, total)`` is told as each of the report's :data:`STEPS` begins, and
        once more when all are done.
        """
        builder = BUILDERS[kind]
        request = replace(self.request(kind, period), progress=progress)
        with self._units.read() as uow:
            require(uow, Permission.REPORTS)
            report = builder(uow, request)
            if progress is not None:
                progress(len(STEPS[kind]), len(STEPS[kind]))
            uow.note(
                REPORT,
                subject=f"{kind.value} report",
                period=period.label,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        return report

    def save(self, report: Report, path: Path) -> None:
        """Save ``report`` as the file's ending says (.pdf or .csv); noted as an export."""
        if path.suffix.lower() == ".pdf":
            # ReportLab is loaded only when something is printed.
            from linkworker.printing.report_pdf import write_report_pdf

            write_report_pdf(report, path)
            self._note_export(report, "pdf")
        else:
            self.save_csv(report, path)

    def save_csv(self, report: Report, path: Path) -> None:
        """Write ``report`` to ``path`` as CSV, readable by the user alone; noted as an export."""
        try:
            save_export(path, report_csv(report))
        except OSError as exc:
            raise errors.ExportFailed(
                f"The report was not saved to {path} ({exc.strerror or exc}). Any file already "
                "there was left as it was.",
                "Check the folder exists and you may save there, then try again.",
            ) from exc
        self._note_export(report, "csv")

    def _note_export(self, report: Report, form: str) -> None:
        self._units.note(
            EXPORT,
            subject=f"{report.kind.value} report",
            format=form,
            period=report.period.label,
            start=report.period.start.isoformat(),
            end=report.period.end.isoformat(),
        )
