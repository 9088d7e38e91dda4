"""The People view over a large caseload: the first page and search-as-you-type.

50,000 invented people (NHS numbers from the 999 test range with a valid Modulus
11 check digit, names from lists, CH and L postcodes), most with a referral, are
imported once through ``PeopleService.import_people`` (the path the CSV import
takes) and cached under bench/out/. Then, in one process on the same file:

(a) first page: ``PeopleService.caseload(limit=200)`` (by name, with the total)
    against the floor ``SELECT ... FROM person ORDER BY sort_name LIMIT 200``
    through the ``sqlite3`` module;
(b) type-ahead: every prefix a person types on the way to a name, an NHS number
    (with spaces) or a postcode, each searched as the People view does on a
    keystroke (first page of 200 and the total), against a floor of one raw
    indexed prefix query of the same kind (a range on the name-word index, on
    ``nhs_number`` or on ``postcode_key``, 200 rows, no ordering, no count).

    python bench/caseload.py                # 50,000 people
    python bench/caseload.py --n 5000 --rounds 5

Target: the first page and the search 95th percentile each under 30 ms.
Every other sort (first and a deep page) and a search with a filter or another
sort are timed too, for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import hashlib
import itertools
import os
import random
import re
import sqlite3
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.names import query_words  # noqa: E402
from linkworker.domain.people import (  # noqa: E402
    CaseloadFilter,
    CaseloadSort,
    ClosingReason,
    Consent,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
    ReferrerKind,
)
from linkworker.services.people import PeopleService  # noqa: E402

TARGET_MS = 30.0
PAGE = 200
TODAY = dt.date(2026, 11, 1)

# Space-separated lists read more easily here than 200 quoted words.
GIVEN = (  # noqa: SIM905
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Emily Poppy "
    "Margaret Patricia Susan Linda Barbara Maureen Pauline Janet Christine Sandra Brenda "
    "Zoë Chloé Renée Siân Aoife Niamh Saoirse Agnieszka Małgorzata Fatima Aisha Priya Mei "
    "Oliver George Noah Arthur Leo Harry Oscar Archie Jack Henry Charlie Freddie Theo "
    "John David Michael Peter Robert William James Thomas Brian Keith Kevin Gary Stephen "
    "Seán Eóin José Łukasz Tomasz Piotr Mohammed Ahmed Ravi Arjun Wei Kwame Chidi Dmitri"
).split()
PREFERRED = {
    "Margaret": "Maggie",
    "Patricia": "Pat",
    "Robert": "Bob",
    "William": "Bill",
    "Michael": "Mike",
    "Susan": "Sue",
    "Christine": "Chris",
    "Thomas": "Tom",
    "Maureen": "Mo",
    "Stephen": "Steve",
}
FAMILY = (  # noqa: SIM905
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
    "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
    "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
    "Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb "
    "Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes "
    "Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey O'Brien "
    "O'Neill McDonald MacLeod Smith-Jones Nowak Kowalski Wiśniewski Nguyen Okafor Mensah "
    "Brontë Müller Gómez Fernández Łopuszańska Ó'Súilleabháin Ashworth Oakes Pemberton"
).split()
LINK_WORKERS = ("Sam", "Ali", "Jo", "Priya", "Chris", "Dee", "Femi", "Kate", "Raj", "Tom")
DISTRICTS = [f"CH{n}" for n in range(41, 67)] + [f"L{n}" for n in range(1, 40)]
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
REASONS = ("Loneliness", "Low mood", "Anxiety", "Bereavement", "Money or debt", "Housing")


def nhs_check_digit(nine: str) -> int | None:
    """The Modulus 11 check digit of nine digits, or None when there is none (10)."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    return 0 if check == 11 else None if check == 10 else check


def nhs_numbers(rng: random.Random, n: int) -> Iterator[str]:
    """``n`` distinct valid NHS numbers from the 999 test range (never issued)."""
    made = 0
    for serial in rng.sample(range(1_000_000), min(1_000_000, n * 2)):
        nine = f"999{serial:06d}"
        check = nhs_check_digit(nine)
        if check is not None:
            yield f"{nine}{check}"
            made += 1
            if made == n:
                return


#: Skewed like real surnames: the commonest about 6% of people, the rarest a few dozen.
FAMILY_CUMULATIVE = list(itertools.accumulate(1 / (rank + 8) for rank in range(len(FAMILY))))


def make_rows(n: int, seed: int) -> list[tuple[PersonDraft, EpisodeDraft | None]]:
    rng = random.Random(seed)
    numbers = nhs_numbers(rng, n)
    rows: list[tuple[PersonDraft, EpisodeDraft | None]] = []
    for _ in range(n):
        given = rng.choice(GIVEN)
        district = rng.choice(DISTRICTS)
        inward = f"{rng.randint(1, 9)}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"
        person = PersonDraft(
            given_name=given,
            family_name=rng.choices(FAMILY, cum_weights=FAMILY_CUMULATIVE)[0],
            preferred_name=PREFERRED.get(given, "") if rng.random() < 0.5 else "",
            date_of_birth=dt.date(1930, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 85)),
            nhs_number=next(numbers) if rng.random() < 0.9 else "",
            postcode=f"{district} {inward}" if rng.random() < 0.95 else "",
            no_fixed_address=False,
            interests=tuple(rng.sample(("Gardening", "Walking", "Music", "Baking", "Art"), 2)),
        )
        episode: EpisodeDraft | None = None
        if rng.random() < 0.85:
            referred = TODAY - dt.timedelta(days=rng.randint(0, 700))
            status = rng.choices(list(EpisodeStatus), weights=(15, 45, 40))[0]
            closed = status is EpisodeStatus.CLOSED
            episode = EpisodeDraft(
                person_id=uuid.UUID(int=0),
                referral_date=referred,
                referred_by=rng.choice(list(ReferrerKind)),
                reasons=tuple(rng.sample(REASONS, 2)),
                consent_to_hold=Consent(True, referred, "Bench"),
                status=status,
                link_worker=rng.choice(LINK_WORKERS),
                next_contact_on=(
                    None if closed else TODAY + dt.timedelta(days=rng.randint(-20, 60))
                ),
                closed_on=(
                    min(TODAY, referred + dt.timedelta(days=rng.randint(0, 90))) if closed else None
                ),
                closing_reason=ClosingReason.GOALS_MET if closed else None,
            )
        rows.append((person, episode))
    return rows


def database_key(n: int, seed: int) -> str:
    digest = hashlib.sha256()
    for path in (
        Path(__file__),
        ROOT / "linkworker" / "data" / "people_repo.py",
        ROOT / "linkworker" / "services" / "people.py",
        *sorted((ROOT / "linkworker" / "data" / "migrations" / "versions").glob("*.py")),
    ):
        digest.update(path.read_bytes())
    return f"caseload-{n}-s{seed}-{digest.hexdigest()[:12]}"


def cached_database(n: int, seed: int, *, rebuild: bool = False) -> Path:
    """A database of ``n`` invented people, built once and kept in bench/out/."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{database_key(n, seed)}.sqlite3"
    if path.exists() and not rebuild:
        print(f"Using cached {path.relative_to(ROOT)}")
        return path
    for stale in OUT.glob(f"caseload-{n}-s{seed}-*.sqlite3*"):
        stale.unlink()
    partial = OUT / f"{path.stem}.building.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"Importing {n:,} invented people (once; cached in bench/out/) ...", flush=True)
    started = time.perf_counter()
    rows = make_rows(n, seed)

    def report(done: int, total: int) -> None:
        if done % 10_000 == 0 or done == total:
            print(f"  {done:>7,} / {total:,}  {time.perf_counter() - started:6.1f} s", flush=True)

    db = open_database(partial, OUT / "backups")
    try:
        PeopleService(UnitsOfWork(db), today=lambda: TODAY).import_people(rows, progress=report)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    print(f"  imported in {time.perf_counter() - started:.1f} s")
    partial.replace(path)
    return path


def keystrokes(target: str) -> list[str]:
    """Every prefix typed on the way to ``target``, skipping ones that end in a space."""
    return [target[:end] for end in range(1, len(target) + 1) if not target[:end].endswith(" ")]


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def timed(func: Callable[[], object]) -> float:
    started = time.perf_counter()
    func()
    return (time.perf_counter() - started) * 1000


ROW_SQL = (
    "SELECT id, given_name, family_name, preferred_name, nhs_number, postcode, date_of_birth,"
    " status, link_worker, last_contact_on, next_contact_on FROM person"
)


def _successor(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def floor_query(raw: sqlite3.Connection, typed: str) -> Callable[[], object]:
    """One raw indexed prefix query of the kind ``typed`` is, 200 rows, no order, no count."""
    digits = re.sub(r"[\s-]+", "", typed)
    if digits.isdigit():
        sql = f"{ROW_SQL} WHERE nhs_number >= ? AND nhs_number < ? LIMIT {PAGE}"
        args: tuple[str, ...] = (digits, _successor(digits))
    elif re.fullmatch(r"[A-Za-z]{1,2}[0-9]\w*\s*\w*", typed):
        key = re.sub(r"\s+", "", typed).upper()
        sql = f"{ROW_SQL} WHERE postcode_key >= ? AND postcode_key < ? LIMIT {PAGE}"
        args = (key, _successor(key))
    else:
        word = query_words(typed)[0]
        sql = (
            f"{ROW_SQL} WHERE id IN (SELECT person_id FROM person_search_word"
            f" WHERE word >= ? AND word < ?) LIMIT {PAGE}"
        )
        args = (word, _successor(word))
    return lambda: raw.execute(sql, args).fetchall()


def summary(label: str, app: list[float], floor: list[float]) -> tuple[float, float]:
    app_med, app_p95 = statistics.median(app), percentile(app, 95)
    floor_med, floor_p95 = statistics.median(floor), percentile(floor, 95)
    print(f"{label:34}{'median ms':>11}{'p95 ms':>10}{'max ms':>10}")
    print(f"{'  PeopleService.caseload':34}{app_med:11.2f}{app_p95:10.2f}{max(app):10.2f}")
    print(f"{'  raw sqlite3 (floor)':34}{floor_med:11.2f}{floor_p95:10.2f}{max(floor):10.2f}")
    print(f"{'  ratio app / floor':34}{app_med / floor_med:10.2f}x{app_p95 / floor_p95:9.2f}x")
    return app_med, app_p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="people on the caseload")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over every keystroke")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    args = parser.parse_args(argv)

    path = cached_database(args.n, args.seed, rebuild=args.rebuild)
    rng = random.Random(args.seed + 1)
    raw = sqlite3.connect(path)
    db = open_database(path, OUT / "backups")
    service = PeopleService(UnitsOfWork(db), today=lambda: TODAY)
    print(f"{service.count():,} people, SQLite {sqlite3.sqlite_version}, pid {os.getpid()}")

    # (a) The first page, as the People view opens. The very first call pays for
    # SQLAlchemy compiling the statement; it is shown, then warm calls are timed.
    first_page = f"{ROW_SQL} ORDER BY sort_name LIMIT {PAGE}"
    cold = timed(lambda: service.caseload(limit=PAGE))
    cold_floor = timed(lambda: raw.execute(first_page).fetchall())
    app_page: list[float] = []
    floor_page: list[float] = []
    for _ in range(30 * args.rounds):
        app_page.append(timed(lambda: service.caseload(limit=PAGE)))
        floor_page.append(timed(lambda: raw.execute(first_page).fetchall()))
    print(f"\nFirst call (cold): app {cold:.2f} ms, floor {cold_floor:.2f} ms")
    _, page_p95 = summary("(a) first page, by name", app_page, floor_page)

    # (b) Search as you type: names, NHS numbers typed with spaces, postcodes.
    people = service.caseload(limit=args.n).rows
    picks = rng.sample(list(people), 40)
    targets = [p.name.split()[-1].lower() for p in picks[:15]]
    targets += [" ".join(p.name.split()[:2]).lower() for p in picks[15:25]]
    targets += [
        f"{p.nhs_number[:3]} {p.nhs_number[3:6]} {p.nhs_number[6:]}"
        for p in picks[25:33]
        if p.nhs_number
    ]
    targets += [p.postcode.lower() for p in picks[33:] if p.postcode]
    targets += ["zzz", "999 999 9999"]
    prefixes = [k for t in targets for k in keystrokes(t)]
    print(f"\n{len(targets)} targets, {len(prefixes)} keystrokes, {args.rounds} rounds")

    def app_search(typed: str) -> Callable[[], object]:
        return lambda: service.caseload(CaseloadFilter(text=typed), limit=PAGE).total

    for typed in prefixes:  # warm up
        app_search(typed)()
        floor_query(raw, typed)()
    app_ms: dict[str, list[float]] = {p: [] for p in prefixes}
    floor_ms: dict[str, list[float]] = {p: [] for p in prefixes}
    for _ in range(args.rounds):
        for typed in prefixes:
            app_ms[typed].append(timed(app_search(typed)))
            floor_ms[typed].append(timed(floor_query(raw, typed)))
    app_all = [t for times in app_ms.values() for t in times]
    floor_all = [t for times in floor_ms.values() for t in times]
    _, search_p95 = summary("(b) search per keystroke", app_all, floor_all)
    print("  slowest 5 keystrokes (median of rounds):")
    for typed in sorted(app_ms, key=lambda p: statistics.median(app_ms[p]), reverse=True)[:5]:
        total = service.caseload(CaseloadFilter(text=typed), limit=PAGE).total
        print(
            f"    {typed!r:18} app {statistics.median(app_ms[typed]):7.2f} ms"
            f"  floor {statistics.median(floor_ms[typed]):7.2f} ms  matches {total:>6,}"
        )

    # For information: every sort, both ways, first page and a deep page.
    print("\nOther sorts (median of 5, ms):   first page   page at offset n/2")
    for sort in CaseloadSort:
        for descending in (False, True):
            first_page_of = functools.partial(
                service.caseload, sort=sort, descending=descending, limit=PAGE
            )
            first = [timed(first_page_of) for _ in range(5)]
            deep = [timed(functools.partial(first_page_of, offset=args.n // 2)) for _ in range(5)]
            label = f"  {sort.value}{' desc' if descending else ''}"
            print(f"{label:34}{statistics.median(first):10.2f}{statistics.median(deep):16.2f}")
    status_times = [
        timed(lambda: service.caseload(CaseloadFilter(status=EpisodeStatus.WAITING), limit=PAGE))
        for _ in range(5)
    ]
    mine_times = [
        timed(lambda: service.caseload(CaseloadFilter(link_worker="Sam"), limit=PAGE))
        for _ in range(5)
    ]
    print(f"{'  filter: waiting':34}{statistics.median(status_times):10.2f}")
    print(f"{'  filter: mine (Sam)':34}{statistics.median(mine_times):10.2f}")
    for label, call in (
        ("  'm', mine (Sam)", lambda: service.caseload(CaseloadFilter("m", link_worker="Sam"))),
        (
            "  'm', by next contact",
            lambda: service.caseload(CaseloadFilter("m"), sort=CaseloadSort.NEXT_CONTACT),
        ),
        (
            "  'ch65', waiting",
            lambda: service.caseload(CaseloadFilter("ch65", status=EpisodeStatus.WAITING)),
        ),
    ):
        print(f"{label:34}{statistics.median(timed(call) for _ in range(5)):10.2f}")
    raw.close()
    db.dispose()

    print()
    ok = True
    for what, value in (("first page p95", page_p95), ("search p95 per keystroke", search_p95)):
        verdict = "PASS" if value < TARGET_MS else "FAIL"
        ok = ok and verdict == "PASS"
        print(f"{verdict}: {what} {value:.1f} ms (target under {TARGET_MS:.0f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
