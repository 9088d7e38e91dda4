"""Every report over a large caseload, against its bare SQL.

The database is the reports' caseload (bench/reports_data.py: Today's 50,000 invented
people and 500,000 contacts with all that the reports count on top), built once and
cached in bench/out/. Then, in one process on the same file, taking turns, for a month,
a quarter and a year, for Activity, Who we reach, Community connections, Outcomes and
Stories:

- **app**: ``ReportService.build(kind, period)``: every query, the figures, tables,
  charts and notes, and the audit trail's entry;
- **floor**: the same SQL statements with the same values, recorded from one run of the
  app, run on a bare connection of the app's own driver (the SQLite the app is built on,
  not Python's, whose older planner takes other paths) and fetched, nothing else.

    python bench/reports.py                 # 50,000 people, 500,000 contacts
    python bench/reports.py --people 5000 --rounds 10
    python bench/reports.py --only outcomes stories

Target: the app's median within 2x the floor's for every report and period.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from caseload_runs import OUT, median_ratio, size_options, taking_turns  # noqa: E402
from reports_data import DAY, cached_database  # noqa: E402
from sqlalchemy import event  # noqa: E402

from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.reports import Period, ReportKind  # noqa: E402
from linkworker.services.reports import ReportService  # noqa: E402
from linkworker.services.settings import SettingsStore  # noqa: E402

TARGET_RATIO = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = size_options(__doc__.splitlines()[0], rounds=10)
    parser.add_argument(
        "--only", nargs="*", choices=[k.value for k in ReportKind], help="these reports alone"
    )
    args = parser.parse_args(argv)
    kinds = [ReportKind(k) for k in args.only] if args.only else list(ReportKind)

    path = cached_database(args.people, args.contacts, args.seed, args.rebuild)
    db = open_database(path, path.parent / "backups")
    settings = SettingsStore(OUT / "reports-settings.json")
    settings.set("team_name", "Bench team")
    service = ReportService(UnitsOfWork(db), settings, today=lambda: DAY)
    raw = db.engine.raw_connection()
    periods = (
        Period.month(DAY.year, DAY.month - 1),
        Period.quarter(DAY.year, 1),
        Period(DAY.replace(year=DAY.year - 1), DAY),
    )
    failed = False
    for kind in kinds:
        for period in periods:
            recorded: list[tuple[str, Any]] = []

            def record(
                _conn: Any,
                _cursor: Any,
                sql: str,
                params: Any,
                *_: Any,
                recorded: list[tuple[str, Any]] = recorded,
            ) -> None:
                if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    recorded.append((sql, params))

            event.listen(db.engine, "before_cursor_execute", record)
            report = service.build(kind, period)
            event.remove(db.engine, "before_cursor_execute", record)

            def floor(statements: list[tuple[str, Any]] = recorded) -> None:
                cursor = raw.cursor()
                for sql, params in statements:
                    cursor.execute(sql, params)
                    cursor.fetchall()
                cursor.close()

            def app(kind: ReportKind = kind, period: Period = period) -> Any:
                return service.build(kind, period)

            app_ms, floor_ms = taking_turns(app, floor, args.rounds)
            ratio = median_ratio(app_ms, floor_ms)
            ok = ratio <= TARGET_RATIO
            failed |= not ok
            first = report.headline[0]
            print(
                f"{kind.label}, {period.label} ({len(recorded)} queries; "
                f"{first.label.lower()} {first.value})"
            )
            print(
                f"  app   median {statistics.median(app_ms):7.1f} ms  "
                f"floor median {statistics.median(floor_ms):7.1f} ms  "
                f"ratio {ratio:.2f}  {'PASS' if ok else 'FAIL'} (target <= {TARGET_RATIO:.0f}x)"
            )
    raw.close()
    db.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
