"""Today over a large caseload: every section, for one worker and for everyone.

A database of 50,000 invented people and 500,000 contacts (with about 60,000
episodes, 180,000 conversations and 120,000 asset referrals in proportion, for
40 link workers) is built through the migrations and filled with ``executemany``
(about 20 s), cached in bench/out/ by its size, seed and a hash of this file, the
models and the migrations. Then, in one process on the same file, taking turns:

- **app**: ``TodayService.view(day)`` ("only mine") and ``view(day, everyone=True)``:
  the six sections, rows and counts, as the Today page and ``linkworker today`` read them;
- **floor**: the same six statements, compiled once to SQL with their values, run
  with the ``sqlite3`` module and fetched, nothing else.

    python bench/today.py                 # 50,000 people, 500,000 contacts
    python bench/today.py --people 5000 --rounds 20

Target: the app's 95th percentile under 100 ms for each view. It also prints each
section's query plan (``EXPLAIN QUERY PLAN``), to show which index it uses.
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import sys
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from caseload_runs import (  # noqa: E402
    OUT,
    cached_file,
    median_ratio,
    size_options,
    taking_turns,
)

from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.today import SectionKind, limits  # noqa: E402
from linkworker.services.settings import SettingsStore  # noqa: E402
from linkworker.services.today import TodayService  # noqa: E402

DAY = dt.date(2026, 6, 15)
WORKERS = [f"Worker {n:02d}" for n in range(1, 41)]
ME = WORKERS[6]
TARGET_MS = 100.0
PLACES = ("home", "practice", "hub", "phone", "video")
DONE = ("attended", "attended", "attended", "dna", "cancelled_person", "no_reach")


def _hex() -> str:
    return uuid.uuid4().hex


def _stamp(at: dt.datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def _day(at: dt.date | None) -> str | None:
    return None if at is None else at.isoformat()


def fill(path: Path, people: int, contacts: int, seed: int) -> None:
    """Create the schema through the migrations, then fill it with executemany."""
    open_database(path, path.parent / "backups").dispose()
    rng = random.Random(seed)
    now = _stamp(dt.datetime(2026, 6, 15, 8))
    person_rows, episode_rows, talk_rows, contact_rows, referral_rows = [], [], [], [], []
    per_person = contacts / people
    for n in range(people):
        pid = _hex()
        worker = rng.choice(WORKERS)
        # The current episode: 4.8% active, 1.2% waiting (about 75 people open for each
        # worker), the rest closed; 20% had one before.
        roll = rng.random()
        status = "active" if roll < 0.048 else "waiting" if roll < 0.06 else "closed"
        referred = DAY - dt.timedelta(
            days=rng.randint(1, 60) if status != "closed" else rng.randint(90, 900)
        )
        next_on = DAY + dt.timedelta(days=rng.randint(-4, 28)) if status == "active" else None
        episodes = [(_hex(), status, referred, next_on)]
        if rng.random() < 0.2:
            episodes.append((_hex(), "closed", referred - dt.timedelta(days=400), None))
        last_talk: dt.date | None = None
        for eid, e_status, e_referred, e_next in episodes:
            talks = 0 if e_status == "waiting" else rng.randint(1, 5)
            day = e_referred
            first = None
            for t in range(talks):
                day = min(DAY - dt.timedelta(days=1), day + dt.timedelta(days=rng.randint(3, 20)))
                first = first or day
                crisis = rng.random() < 0.05
                at = dt.datetime.combine(day, dt.time(10 + t % 6))
                talk_rows.append(
                    (
                        _hex(),
                        eid,
                        _stamp(at),
                        "crisis" if crisis else "follow_up",
                        _day(day + dt.timedelta(days=7)) if crisis else None,
                        now,
                    )
                )
                last_talk = max(last_talk or day, day)
            episode_rows.append(
                (eid, pid, _day(e_referred), e_status, worker, _day(e_next), _day(first), now)
            )
            for _ in range(2):
                r_status = rng.choice(
                    ("suggested", "agreed", "referred", "attended", "still_going", "stopped")
                )
                r_on = e_referred + dt.timedelta(days=rng.randint(0, 40))
                referral_rows.append(
                    (_hex(), eid, "Somewhere", r_status, _day(min(r_on, DAY)), now)
                )
        count = int(per_person) + (1 if rng.random() < per_person % 1 else 0)
        eid, e_status, e_referred, _ = episodes[0]
        for _ in range(count):
            if e_status == "closed":
                start = dt.datetime.combine(
                    e_referred + dt.timedelta(days=rng.randint(0, 80)), dt.time(9)
                )
                outcome = rng.choice(DONE)
            else:
                offset = rng.randint(-60, 28)
                start = dt.datetime.combine(DAY + dt.timedelta(days=offset), dt.time(9))
                start += dt.timedelta(minutes=30 * rng.randint(0, 14))
                outcome = "booked" if offset >= 0 or rng.random() < 0.01 else rng.choice(DONE)
            contact_rows.append(
                (
                    _hex(),
                    eid,
                    pid,
                    _stamp(start),
                    rng.choice(PLACES),
                    outcome,
                    worker if rng.random() < 0.9 else "",
                    now,
                )
            )
        given, family = f"Given{n % 997}", f"Family{n % 1009}"
        person_rows.append(
            (
                pid,
                given,
                family,
                f"family{n % 1009}, given{n % 997}",
                status,
                worker,
                _day(next_on),
                _day(last_talk),
                now,
            )
        )
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT INTO person (id, version, given_name, family_name, preferred_name,"
            " address, no_fixed_address, phone, email, contact_times, gender, ethnicity,"
            " first_language, interpreter_needed, access_needs, is_carer, is_cared_for,"
            " what_matters, interests, strengths, notes, sort_name, search_name, status,"
            " link_worker, next_contact_on, last_contact_on, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, '', '', 0, '', '', '', '', '', '', 0, '[]', 0, 0, '', '[]',"
            " '[]', '', ?, '', ?, ?, ?, ?, ?, ?)",
            [(*r, r[-1]) for r in person_rows],
        )
        conn.executemany(
            "INSERT INTO episode (id, version, person_id, referral_date, referred_by,"
            " referrer_name, reasons, reason_notes, urgency, consent_to_hold_given,"
            " consent_to_hold_recorded_by, consent_share_gp_given, consent_share_gp_recorded_by,"
            " consent_share_providers_given, consent_share_providers_recorded_by, status,"
            " link_worker, next_contact_on, closing_note, declined_reason, first_contact_on,"
            " created_at, updated_at)"
            " VALUES (?, 1, ?, ?, 'gp', '', '[]', '', 'routine', 0, '', 0, '', 0, '', ?, ?, ?,"
            " '', '', ?, ?, ?)",
            [(*r, r[-1]) for r in episode_rows],
        )
        conn.executemany(
            "INSERT INTO conversation (id, version, episode_id, at, kind, mode, place, notes,"
            " answers, check_back_on, recorded_by, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, 'face_to_face', '', '', '[]', ?, '', ?, ?)",
            [(r[0], r[1], r[2], r[3], r[4], r[5], r[5]) for r in talk_rows],
        )
        conn.executemany(
            "INSERT INTO contact (id, version, episode_id, person_id, starts_at, minutes, place,"
            " place_name, outcome, outcome_note, link_worker, booked_by, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, 60, ?, '', ?, '', ?, '', ?, ?)",
            [(*r, r[-1]) for r in contact_rows],
        )
        conn.executemany(
            "INSERT INTO asset_referral (id, version, episode_id, asset_name, status, status_on,"
            " getting_there, going_with_someone, going_with, notes, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, ?, '', 0, '', '', ?, ?)",
            [(*r, r[-1]) for r in referral_rows],
        )
    conn.close()
    print(
        f"Built {len(person_rows):,} people, {len(episode_rows):,} episodes, "
        f"{len(talk_rows):,} conversations, {len(contact_rows):,} contacts, "
        f"{len(referral_rows):,} asset referrals."
    )


def cached_database(people: int, contacts: int, seed: int, rebuild: bool) -> Path:
    return cached_file(
        f"today-{people}-{contacts}-{seed}",
        [Path(__file__), ROOT / "linkworker/data/models.py"],
        lambda path: fill(path, people, contacts, seed),
        rebuild,
    )


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    args = size_options(__doc__.splitlines()[0], rounds=40).parse_args(argv)

    path = cached_database(args.people, args.contacts, args.seed, args.rebuild)
    db = open_database(path, path.parent / "backups")
    units = UnitsOfWork(db)
    settings = SettingsStore(OUT / "today-settings.json")
    settings.set("user_name", ME)
    service = TodayService(units, settings, today=lambda: DAY)
    bounds = limits(DAY, settings.get("quiet_weeks"), settings.get("no_news_days"))
    raw = sqlite3.connect(path)

    failed = False
    for label, everyone in (("only mine", False), ("everyone", True)):
        with units.read() as uow:
            workers = None if everyone else uow.today.worker_spellings(ME)
            dialect = uow.session.get_bind().dialect
            statements = [
                str(
                    uow.today.statement(kind, bounds, workers).compile(
                        dialect=dialect, compile_kwargs={"literal_binds": True}
                    )
                )
                for kind in SectionKind
            ]

        def floor(statements: list[str] = statements) -> None:
            for sql in statements:
                raw.execute(sql).fetchall()

        def app(everyone: bool = everyone) -> Any:
            return service.view(DAY, everyone=everyone)

        view = app()
        app_ms, floor_ms = taking_turns(app, floor, args.rounds)
        counts = ", ".join(f"{k.short} {n:,}" for k, n in view.counts.items())
        p95, floor95 = percentile(app_ms, 95), percentile(floor_ms, 95)
        ok = p95 < TARGET_MS
        failed |= not ok
        print(f"\nToday, {label} ({counts})")
        print(
            f"  app   median {statistics.median(app_ms):6.1f} ms  p95 {p95:6.1f} ms"
            f"  max {max(app_ms):6.1f} ms"
        )
        print(
            f"  floor median {statistics.median(floor_ms):6.1f} ms  p95 {floor95:6.1f} ms"
            f"  max {max(floor_ms):6.1f} ms"
        )
        ratio = median_ratio(app_ms, floor_ms)
        print(f"  ratio app/floor: median {ratio:.2f}  p95 {p95 / floor95:.2f}")
        print(f"  {'PASS' if ok else 'FAIL'}: p95 {p95:.1f} ms (target < {TARGET_MS:.0f} ms)")
        if not everyone:
            print("  Query plans:")
            for kind, sql in zip(SectionKind, statements, strict=True):
                plan = raw.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
                steps = "; ".join(str(row[-1]) for row in plan)
                print(f"    {kind.short}: {steps}")
    raw.close()
    db.dispose()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
