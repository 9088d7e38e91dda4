"""The Activity and Who-we-reach reports over a large caseload, against their bare SQL.

The database is Today's (bench/today.py: 50,000 invented people, 500,000 contacts,
about 60,000 episodes and 180,000 conversations), built once and cached in bench/out/.
Then, in one process on the same file, taking turns, for a month, a quarter and a year:

- **app**: ``ReportService.build(kind, period)``: every query, the figures, tables,
  charts and notes, and the audit trail's entry;
- **floor**: the same SQL statements with the same values, recorded from one run of the
  app, run with the ``sqlite3`` module and fetched, nothing else.

    python bench/reports.py                 # 50,000 people, 500,000 contacts
    python bench/reports.py --people 5000 --rounds 10

Target: the app's median within 2x the floor's for every report and period.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from sqlalchemy import event  # noqa: E402
from today import DAY, OUT, cached_database, timed  # noqa: E402

from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.reports import Period, ReportKind  # noqa: E402
from linkworker.services.reports import ReportService  # noqa: E402
from linkworker.services.settings import SettingsStore  # noqa: E402

TARGET_RATIO = 2.0
KINDS = (ReportKind.ACTIVITY, ReportKind.REACH)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    path = cached_database(args.people, args.contacts, args.seed, args.rebuild)
    db = open_database(path, path.parent / "backups")
    settings = SettingsStore(OUT / "reports-settings.json")
    settings.set("team_name", "Bench team")
    service = ReportService(UnitsOfWork(db), settings, today=lambda: DAY)
    raw = sqlite3.connect(path)
    periods = (
        Period.month(DAY.year, DAY.month - 1),
        Period.quarter(DAY.year, 1),
        Period(DAY.replace(year=DAY.year - 1), DAY),
    )
    failed = False
    for kind in KINDS:
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
                if sql.lstrip().upper().startswith("SELECT"):
                    recorded.append((sql, params))

            event.listen(db.engine, "before_cursor_execute", record)
            report = service.build(kind, period)
            event.remove(db.engine, "before_cursor_execute", record)

            def floor(statements: list[tuple[str, Any]] = recorded) -> None:
                for sql, params in statements:
                    raw.execute(sql, params).fetchall()

            def app(kind: ReportKind = kind, period: Period = period) -> Any:
                return service.build(kind, period)

            floor()
            app_ms: list[float] = []
            floor_ms: list[float] = []
            for _ in range(args.rounds):
                app_ms.append(timed(app))
                floor_ms.append(timed(floor))
            ratio = statistics.median(app_ms) / statistics.median(floor_ms)
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
