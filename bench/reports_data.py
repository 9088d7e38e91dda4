"""A large caseload for timing the reports: 50,000 people and 500,000 contacts with
everything a report counts.

The people, episodes, conversations, contacts and asset referrals come from the
Today bench's builder (:func:`today.fill`, written straight through SQL with
``executemany``); this adds, also straight through SQL, what the reports read on
top: each person's age, gender, ethnicity and postcode district; each referral's
source and reasons, its answer, its closing (reason, day, a story now and then
with the answer about sharing it); coded events, derived by the same rule the
services use (:func:`linkworker.domain.codes.coded_events`); ONS4, UCLA and the direct
loneliness question at baseline, review and closing (some items declined) and Connection
Test answers; goals with confidence ratings; asset referrals' status changes;
people who went on to volunteer.

The file is cached in bench/out/ by its size, seed and a hash of this file, the
Today builder, the models and the migrations, so a reports bench can open a copy
and time each report against the bare SQL aggregates in the same run.

    python bench/reports_data.py                       # build (or find) the cache
    python bench/reports_data.py --people 5000 --contacts 50000 --rebuild
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for where in (ROOT, HERE):
    if str(where) not in sys.path:
        sys.path.insert(0, str(where))

import today as today_bench  # noqa: E402
from caseload_runs import cached_file, size_options  # noqa: E402

from linkworker.domain.codes import EpisodeFacts, coded_events  # noqa: E402
from linkworker.domain.journey import ReferralResponse  # noqa: E402
from linkworker.domain.outcomes import LONELY_ANSWERS  # noqa: E402
from linkworker.domain.people import DEFAULT_REFERRAL_REASONS  # noqa: E402

#: The day the Today builder's caseload is "today".
DAY = today_bench.DAY

GENDERS = (("Woman", 55), ("Man", 41), ("Non-binary", 2), ("", 2))
ETHNICITIES = (
    ("White British", 78),
    ("White Irish", 2),
    ("White other: Polish", 4),
    ("Asian British: Indian", 3),
    ("Asian British: Pakistani", 2),
    ("Asian British: Bangladeshi", 1),
    ("Black British: African", 2),
    ("Black British: Caribbean", 1),
    ("Mixed: White and Black Caribbean", 1),
    ("Arab", 1),
    ("", 5),
)
DISTRICTS = (("CH65", 40), ("CH66", 35), ("CH64", 8), ("CH2", 7), ("CH1", 5), ("CH62", 5))
SOURCES = (
    ("gp", 42),
    ("nurse", 16),
    ("pharmacist", 10),
    ("self", 18),
    ("other_service", 12),
    ("other", 2),
)
#: The team's usual reasons, "Other", "Weight" and "Employment" left out.
REASONS = DEFAULT_REFERRAL_REASONS[:9]
ENDINGS = (
    ("goals_met", 46),
    ("referred_on", 10),
    ("disengaged", 10),
    ("not_taken_up", 9),
    ("declined", 9),
    ("moved", 8),
    ("died", 3),
    ("other", 5),
)
CONSENTS = ("yes", "named", "no")
ROLES = ("volunteer", "peer_supporter", "group_organiser")
PLACE_NAMES = [f"Community place {n:03d}" for n in range(1, 301)]


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], [w[1] for w in weighted])[0]


def _on(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def enrich(path: Path, seed: int) -> dict[str, int]:
    """Add what the reports count to the caseload at ``path``; returns rows added by table."""
    rng = random.Random(seed * 7919)
    now = today_bench._stamp(dt.datetime.combine(DAY, dt.time(8)))
    conn = sqlite3.connect(path)
    people = [
        (
            (DAY - dt.timedelta(days=rng.randint(18 * 365, 95 * 365))).isoformat(),
            _pick(rng, GENDERS),
            _pick(rng, ETHNICITIES),
            f"{_pick(rng, DISTRICTS)} {rng.randint(1, 9)}AB",
            pid,
        )
        for (pid,) in conn.execute("SELECT id FROM person ORDER BY id")
    ]
    episodes: list[tuple[object, ...]] = []
    codes: list[tuple[object, ...]] = []
    measures: list[tuple[object, ...]] = []
    goals: list[tuple[object, ...]] = []
    ratings: list[tuple[object, ...]] = []
    helpers: list[tuple[object, ...]] = []
    rows = conn.execute(
        "SELECT id, person_id, referral_date, status, first_contact_on, link_worker"
        " FROM episode ORDER BY id"
    ).fetchall()
    for eid, pid, referred_text, status, first_text, worker in rows:
        referred, first = _on(referred_text), _on(first_text)
        assert referred is not None
        reasons = rng.sample(REASONS, rng.choice((1, 2, 2, 3)))
        ending = closed_on = response = responded_on = None
        story, consent = "", None
        if status == "closed":
            ending = _pick(rng, ENDINGS)
            last = first or referred
            closed_on = min(DAY, last + dt.timedelta(days=rng.randint(14, 120)))
            if ending == "declined":
                response, responded_on = ReferralResponse.DECLINED, first or closed_on
            elif ending == "not_taken_up":
                response, responded_on = ReferralResponse.NOT_TAKEN_UP, closed_on
                first = None
            elif first is not None:
                response, responded_on = ReferralResponse.ACCEPTED, first
            if ending == "goals_met" and rng.random() < 0.04:
                story, consent = "In my own words, it helped.", rng.choice(CONSENTS)
            if ending == "goals_met" and rng.random() < 0.02:
                role = rng.choice(ROLES)
                helpers.append(
                    (
                        today_bench._hex(),
                        pid,
                        eid,
                        role,
                        rng.choice(PLACE_NAMES),
                        closed_on.isoformat(),
                        now,
                    )
                )
        episodes.append(
            (
                _pick(rng, SOURCES),
                json.dumps(reasons),
                first is not None,
                today_bench._day(first),
                worker,
                today_bench._day(closed_on),
                ending,
                response.value if response else None,
                today_bench._day(responded_on),
                today_bench._day(first) if ending != "not_taken_up" else None,
                story,
                consent,
                today_bench._day(closed_on) if consent else None,
                eid,
            )
        )
        facts = EpisodeFacts(response, responded_on, first)
        for code, on in coded_events(facts).items():
            codes.append(
                (today_bench._hex(), eid, pid, code.value, code.term, on.isoformat(), worker, now)
            )
        if first is None or rng.random() > 0.45:
            continue
        ons = [rng.randint(2, 6), rng.randint(2, 6), rng.randint(2, 7), rng.randint(3, 9)]
        ucla = [rng.randint(2, 3) for _ in range(3)]
        lonely = rng.randint(0, 2)  # of LONELY_ANSWERS: often/always to occasionally
        lift = rng.random()
        taken = [("baseline", first, 0.0)]
        review = first + dt.timedelta(days=rng.randint(50, 80))
        if review < (closed_on or DAY):
            taken.append(("review", review, lift * 0.6))
        if closed_on is not None:
            taken.append(("closing", closed_on, lift))
        for timepoint, on, moved in taken:
            answers: list[object] = []
            for n, score in enumerate(ons):
                change = round(moved * rng.uniform(1, 4) - rng.uniform(0, 1.2))
                value = score - change if n == 3 else score + change
                answers.append("declined" if rng.random() < 0.04 else max(0, min(10, value)))
            loneliness = [
                "declined" if rng.random() < 0.04 else max(1, score - (rng.random() < moved * 0.7))
                for score in ucla
            ]
            felt: list[object] = [
                "declined"
                if rng.random() < 0.04
                else LONELY_ANSWERS[min(4, lonely + (rng.random() < moved * 0.7))]
            ]
            for measure, given in (("ons4", answers), ("ucla3", loneliness), ("lonely", felt)):
                measures.append(
                    (
                        today_bench._hex(),
                        pid,
                        eid,
                        measure,
                        timepoint,
                        on.isoformat(),
                        json.dumps(given),
                        now,
                    )
                )
            if timepoint == "closing":
                connection = [rng.choice(("Yes", "Partly", "No", "Not sure")) for _ in range(3)]
                measures.append(
                    (today_bench._hex(), pid, eid, "connection", timepoint, on.isoformat(),
                     json.dumps(connection), now)
                )  # fmt: skip
        goal = today_bench._hex()
        goals.append((goal, eid, "Something that matters to me", now))
        score = rng.randint(1, 5)
        for step in range(rng.randint(1, 4)):
            on = first + dt.timedelta(days=21 * step)
            if on > (closed_on or DAY):
                break
            ratings.append((today_bench._hex(), goal, max(0, min(10, score)), on.isoformat(), now))
            score += rng.choice((0, 1, 1, 2, -1))
    changes: list[tuple[object, ...]] = []
    renamed: list[tuple[object, ...]] = []
    for rid, status, status_on in conn.execute(
        "SELECT id, status, status_on FROM asset_referral ORDER BY id"
    ):
        renamed.append((rng.choice(PLACE_NAMES), rid))
        day = _on(status_on) or DAY
        path_to = {
            "suggested": ("suggested",),
            "agreed": ("agreed",),
            "referred": ("referred",),
            "attended": ("referred", "attended"),
            "still_going": ("referred", "attended", "still_going"),
            "stopped": ("referred", "attended", "stopped"),
        }[status]
        for back, step in enumerate(reversed(path_to)):
            on = day - dt.timedelta(days=14 * back)
            changes.append((today_bench._hex(), rid, step, on.isoformat(), now))
    with conn:
        conn.executemany(
            "UPDATE person SET date_of_birth = ?, gender = ?, ethnicity = ?, postcode = ?"
            " WHERE id = ?",
            people,
        )
        conn.executemany(
            "UPDATE episode SET referred_by = ?, reasons = ?, consent_to_hold_given = ?,"
            " consent_to_hold_on = ?, consent_to_hold_recorded_by = ?, closed_on = ?,"
            " closing_reason = ?, response = ?, responded_on = ?, first_contact_on = ?,"
            " story = ?, story_consent = ?, story_consent_on = ? WHERE id = ?",
            episodes,
        )
        conn.executemany(
            'INSERT INTO coded_event (id, episode_id, person_id, code, term, "on",'
            " recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            codes,
        )
        conn.executemany(
            "INSERT INTO outcome_measure (id, person_id, episode_id, measure, timepoint,"
            " taken_on, answers, name, score, notes, recorded_by, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, '', '', '', '', ?)",
            measures,
        )
        conn.executemany(
            "INSERT INTO goal (id, version, episode_id, position, words, status, steps,"
            " created_at, updated_at) VALUES (?, 1, ?, 0, ?, 'open', '[]', ?, ?)",
            [(*g, g[-1]) for g in goals],
        )
        conn.executemany(
            "INSERT INTO goal_rating (id, goal_id, score, rated_on, note, created_at)"
            " VALUES (?, ?, ?, ?, '', ?)",
            ratings,
        )
        conn.executemany("UPDATE asset_referral SET asset_name = ? WHERE id = ?", renamed)
        conn.executemany(
            "INSERT INTO asset_referral_change (id, referral_id, status, changed_on, note,"
            " recorded_by, created_at) VALUES (?, ?, ?, ?, '', '', ?)",
            changes,
        )
        conn.executemany(
            "INSERT INTO giving_back (id, person_id, episode_id, role, place_name, started_on,"
            " recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, '', ?)",
            helpers,
        )
    conn.close()
    return {
        "coded events": len(codes),
        "measures": len(measures),
        "goals": len(goals),
        "confidence ratings": len(ratings),
        "asset referral changes": len(changes),
        "helper roles": len(helpers),
    }


def cached_database(people: int, contacts: int, seed: int, rebuild: bool = False) -> Path:
    """The caseload's file in bench/out/, built when missing (or asked to)."""

    def build(path: Path) -> None:
        today_bench.fill(path, people, contacts, seed)
        added = enrich(path, seed)
        print(", ".join(f"{n:,} {what}" for what, n in added.items()))

    sources = [
        Path(__file__),
        HERE / "today.py",
        ROOT / "linkworker/domain/codes.py",
        ROOT / "linkworker/data/models.py",
    ]
    return cached_file(f"reports-{people}-{contacts}-{seed}", sources, build, rebuild)


def main(argv: list[str] | None = None) -> int:
    args = size_options(__doc__.splitlines()[0], rounds=0).parse_args(argv)
    path = cached_database(args.people, args.contacts, args.seed, args.rebuild)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
