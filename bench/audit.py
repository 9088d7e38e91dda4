"""A save with its audit entry against the same save without the trail, in one run.

Two data folders are made the same way through the real services: the same
people, each saved once. In one of them the trail is then taken off the
database (no write listener, no event sink), which is the floor; the other
keeps it, with ``--entries`` entries already in its trail (100,000 by default),
so the last-hash look-up is timed on a trail of some age. Then, alternating
between the two so that the machine's drift falls on both alike, it times:

(a) a save: a person's record changed and saved (``PeopleService.save_person``),
    one write unit with its fsync, plus, with the trail, the entry sealed and
    added in the same transaction;
(b) opening a record (``PeopleService.get_person``), a read, plus, with the
    trail, its "view" entry written afterwards in a short write of its own.

    python bench/audit.py
    python bench/audit.py --saves 200 --entries 20000

Target: the save's median with the trail within 1.5x of the median without.
The view's ratio is printed for information.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linkworker.data.audit_repo import append_entries  # noqa: E402
from linkworker.domain.actor import Actor  # noqa: E402
from linkworker.domain.audit import EntryDraft  # noqa: E402
from linkworker.domain.people import PersonDetail, PersonDraft  # noqa: E402
from linkworker.paths import AppPaths  # noqa: E402
from linkworker.services.context import Services, open_services  # noqa: E402

SAVE_TARGET = 1.5
PEOPLE = 50
SEED_BATCH = 5000
WORKER = Actor(worker_id=1, worker_name="Bench Worker", machine="bench", via="window")


def opened(root: Path, *, trail: bool) -> Services:
    services = open_services(AppPaths.under(root))
    services.units.actor = WORKER
    if not trail:
        db = services._db
        db.write_listeners.clear()
        db.event_sink = None
    return services


def people(services: Services) -> list[PersonDetail]:
    return [
        services.people.save_person(
            PersonDraft(given_name=f"Given{n}", family_name="Benchmark", phone=f"0770090{n:04d}")
        )
        for n in range(PEOPLE)
    ]


def seed_trail(services: Services, entries: int) -> None:
    """``entries`` views in the trail already, added the way the app adds them."""
    db = services._db
    for start in range(0, entries, SEED_BATCH):
        drafts = [
            EntryDraft("view", "person", person_id=f"seed-{n}")
            for n in range(start, min(entries, start + SEED_BATCH))
        ]
        with db.engine.begin() as conn:
            append_entries(conn, WORKER, drafts)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300, help="saves timed on each side")
    parser.add_argument("--entries", type=int, default=100_000, help="entries in the trail first")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="lw-audit-bench-") as tmp:
        with_trail = opened(Path(tmp) / "trail", trail=True)
        without = opened(Path(tmp) / "bare", trail=False)
        try:
            sides = {
                "with": (with_trail, people(with_trail)),
                "without": (without, people(without)),
            }
            seed_trail(with_trail, args.entries)
            saves: dict[str, list[float]] = {"with": [], "without": []}
            views: dict[str, list[float]] = {"with": [], "without": []}
            for n in range(args.saves):
                for side, (services, rows) in sides.items():
                    person = rows[n % PEOPLE]
                    draft = dataclasses.replace(
                        person.draft,
                        id=person.id,
                        version=None,
                        is_carer=n % 2 == 0,
                        notes=f"Saved {n} times.",
                    )
                    saves[side].append(timed(partial(services.people.save_person, draft)))
                    views[side].append(timed(partial(services.people.get_person, person.id)))
            check = with_trail.audit.verify()
        finally:
            with_trail.close()
            without.close()

    print(f"{args.saves} saves and views each side; {check.entries} entries in the trail after.")
    verdict = True
    for label, times in (("save", saves), ("view", views)):
        median_with = statistics.median(times["with"])
        median_without = statistics.median(times["without"])
        ratio = median_with / median_without
        p95_with = statistics.quantiles(times["with"], n=20)[-1]
        p95_without = statistics.quantiles(times["without"], n=20)[-1]
        line = (
            f"{label}: median {median_with:.2f} ms with the trail, {median_without:.2f} ms "
            f"without: {ratio:.2f}x (95th percentile {p95_with:.2f} / {p95_without:.2f} ms)"
        )
        if label == "save":
            passed = ratio <= SAVE_TARGET
            verdict = verdict and passed
            line += f"  {'PASS' if passed else 'FAIL'} (target {SAVE_TARGET}x)"
        print(line)
    print(f"chain {'unbroken' if check.unbroken else 'BROKEN'}")
    return 0 if verdict and check.unbroken else 1


if __name__ == "__main__":
    sys.exit(main())
