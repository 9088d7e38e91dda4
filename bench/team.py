"""Ten link workers at once on one team database (PostgreSQL), for a minute.

A new database on the server given is filled from the demo (its invented people and
directory, copied in as a laptop's file is moved to a team database). Then ten
processes, each a link worker with the app's own services, take turns at what a
working day is made of, as fast as they can:

- **open a person** (``PeopleService.get_person``: the record with its referrals
  and conversations), timed;
- **search the directory** (``DirectoryService.search`` with words a link worker
  types), timed;
- **save a person's record**: read it, change what matters to them, save it
  against the version read. Everyone works on the same twenty people, so two
  often save the same record at once: the second save is refused as changed
  elsewhere (a conflict, counted), and that worker reads it again and saves
  again, as the window's side-by-side choice would.

The floor, in the same run, is one process alone doing the same opening and search
with no one else on the server. Printed: saves a second, the 95th percentile of
opening a person and of a search with ten at once and alone (and their ratio),
conflicts detected, and the check that nothing was lost or overwritten: every
save a worker was told succeeded is in the database, each person's version is
their first version plus the saves made to them, and no two saves of a record
were made from the same version.

    source .ci/postgres && python bench/team.py            # a throwaway server
    python bench/team.py --url postgresql+psycopg://postgres@127.0.0.1:5432/postgres
    python bench/team.py --seconds 20 --workers 4

The URL is a server's maintenance database; the bench makes (and drops) its own.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linkworker import errors  # noqa: E402
from linkworker.domain.directory import DirectoryFilter  # noqa: E402
from linkworker.paths import AppPaths  # noqa: E402

#: The people everyone works on, so that saves meet.
HOT = 20
WORDS = ("walking", "lonely", "gardening", "debt advice", "art", "carers", "cafe", "men's shed")
DB_NAME = "lw_team_bench"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")


def _admin(url: str, sql: str) -> None:
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(sql)


def _bench_url(url: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{DB_NAME}"


def prepare(url: str, root: Path) -> list[str]:
    """A new bench database filled from the demo; the hot people's ids."""
    from linkworker.services.context import open_services
    from linkworker.services.demo import fill_demo

    _admin(url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    _admin(url, f"CREATE DATABASE {DB_NAME}")
    demo = AppPaths.under(root / "demo")
    fill_demo(demo)
    laptop = open_services(demo)
    started = time.perf_counter()
    try:
        copied = laptop.copy_to_team(_bench_url(url))
    finally:
        laptop.close()
    whole = "whole" if copied.check.whole else "NOT whole"
    print(
        f"Filled from the demo: {copied.check.rows:,} rows in "
        f"{time.perf_counter() - started:.1f} s, checked ({whole})."
    )
    team = open_services(AppPaths.under(root / "team"), url=_bench_url(url))
    try:
        page = team.people.caseload(limit=HOT)
        return [row.id.hex for row in page.rows]
    finally:
        team.close()


@dataclasses.dataclass
class Tally:
    opens: list[float] = dataclasses.field(default_factory=list)
    searches: list[float] = dataclasses.field(default_factory=list)
    saves: int = 0
    conflicts: int = 0
    #: (person id, version written) for every save told it succeeded.
    written: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    #: (person id, the token put in what matters) of the last save each worker made to each.
    tokens: dict[str, str] = dataclasses.field(default_factory=dict)


def work(url: str, folder: str, people: list[str], seconds: float, seed: int, alone: bool) -> Tally:
    """One link worker's minute (``alone``: opening and search only, the floor)."""
    from linkworker.services.context import open_services

    rng = random.Random(seed)
    services = open_services(AppPaths.under(Path(folder)), url=url)
    tally = Tally()
    ids = [uuid.UUID(p) for p in people]
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            choice = rng.random()
            person = rng.choice(ids)
            if choice < 0.4 or (alone and choice < 0.7):
                started = time.perf_counter()
                services.people.get_person(person)
                tally.opens.append(time.perf_counter() - started)
            elif choice < 0.7 or alone:
                started = time.perf_counter()
                services.directory.search(DirectoryFilter(text=rng.choice(WORDS)))
                tally.searches.append(time.perf_counter() - started)
            else:
                _save(services, person, rng, tally, seed)
    finally:
        services.close()
    return tally


def _save(services: Any, person: uuid.UUID, rng: random.Random, tally: Tally, seed: int) -> None:
    """Save what matters to them, against the version read; a conflict is read again."""
    while True:
        detail = services.people.get_person(person)
        token = f"w{seed}-{rng.getrandbits(40):x}"
        draft = dataclasses.replace(
            detail.draft, id=person, version=detail.version, what_matters=f"Bench note {token}"
        )
        try:
            saved = services.people.save_person(draft)
        except errors.ConcurrentEdit:
            tally.conflicts += 1
            continue
        tally.saves += 1
        tally.written.append((person.hex, saved.version))
        tally.tokens[person.hex] = token
        return


def _run(args: tuple[str, str, list[str], float, int, bool]) -> Tally:
    return work(*args)


def check(
    url: str, root: Path, people: list[str], before: dict[str, int], tallies: list[Tally]
) -> list[str]:
    """What was lost or overwritten (nothing, when all is well)."""
    from linkworker.services.context import open_services

    problems: list[str] = []
    written = [w for t in tallies for w in t.written]
    if len(written) != len(set(written)):
        problems.append("two saves of one record were made from the same version")
    services = open_services(AppPaths.under(root / "check"), url=url)
    try:
        for person in people:
            saves = sum(1 for p, _ in written if p == person)
            detail = services.people.get_person(uuid.UUID(person))
            if detail.version != before[person] + saves:
                problems.append(
                    f"a record is at version {detail.version}, not {before[person]} + {saves} saves"
                )
            last = max((v for p, v in written if p == person), default=None)
            if last is not None:
                owners = [t for t in tallies for p, v in t.written if p == person and v == last]
                (owner,) = owners
                if owner.tokens[person] not in detail.draft.what_matters:
                    problems.append("the last save told it succeeded is not what is stored")
    finally:
        services.close()
    return problems


def versions(url: str, root: Path, people: list[str]) -> dict[str, int]:
    from linkworker.services.context import open_services

    services = open_services(AppPaths.under(root / "versions"), url=url)
    try:
        return {p: services.people.get_person(uuid.UUID(p)).version for p in people}
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("LINKWORKER_TEST_DATABASE_URL"))
    parser.add_argument("--workers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url, or source .ci/postgres first")
    with tempfile.TemporaryDirectory(prefix="lw-team-bench-") as tmp:
        root = Path(tmp)
        people = prepare(args.url, root)
        url = _bench_url(args.url)
        before = versions(url, root, people)
        spawn: Callable[..., Any] = multiprocessing.get_context("spawn").Pool
        floor_seconds = min(args.seconds / 3, 20.0)
        with spawn(1) as pool:
            (floor,) = pool.map(_run, [(url, str(root / "floor"), people, floor_seconds, 0, True)])
        jobs = [
            (url, str(root / f"worker{n}"), people, args.seconds, n + 1, False)
            for n in range(args.workers)
        ]
        with spawn(args.workers) as pool:
            started = time.perf_counter()
            tallies = pool.map(_run, jobs)
            took = time.perf_counter() - started
        problems = check(url, root, people, before, tallies)
        _admin(args.url, f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")

    opens = [o for t in tallies for o in t.opens]
    searches = [s for t in tallies for s in t.searches]
    saves = sum(t.saves for t in tallies)
    conflicts = sum(t.conflicts for t in tallies)
    print(f"{args.workers} link workers for {args.seconds:.0f} s ({took:.0f} s with start-up):")
    print(f"  saves            {saves:>7,}  ({saves / args.seconds:.1f} a second)")
    print(f"  conflicts found  {conflicts:>7,}  (second saves of a record refused and saved again)")
    for name, busy, alone in (
        ("open a person", opens, floor.opens),
        ("search", searches, floor.searches),
    ):
        b, a = _p95(busy) * 1000, _p95(alone) * 1000
        print(
            f"  {name:<15} p95 {b:7.1f} ms with {args.workers} at once, {a:6.1f} ms alone "
            f"(ratio {b / a:.2f}; median {statistics.median(busy) * 1000:.1f} ms, "
            f"{len(busy):,} done)"
        )
    if problems:
        print("  LOST OR OVERWRITTEN:")
        for problem in problems:
            print(f"    {problem}")
        return 1
    print(
        "  nothing lost or overwritten: every save is there, versions add up, "
        "none made from one version twice"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
