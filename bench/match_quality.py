"""How good the suggestions are, against a plain text search, on an imported directory.

The corpus (``bench/match_corpus/``) is an Open Referral UK 3.0 feed of invented
listings and a table of invented people, each with a link worker's grades for the
listings. In a new data folder the feed is imported through the app's own Open
Referral import and the people are saved through the app's services. Then, for each
person, in the same run:

- **app**: ``MatchingService.suggest``, the list a link worker sees;
- **baseline**: BM25 of everything recorded about the person over each listing's
  whole text, closed and paused listings left out (see :class:`Bm25`).

Each of the first five is graded: the link worker's grade (2, 1, or 0 when not
named), made 0 when the bench's own check (:func:`cannot_go`) finds the person
could not go. It prints both top fives, with the app's reasons and concerns,
nDCG@5 of each and how many of each top five the person could not go to; then the
means and the targets: the app's nDCG@5 at least ``MARGIN`` above the baseline's,
and no more than ``MOST_UNFIT`` listings they could not go to per top five.

    python bench/match_quality.py
    python bench/match_quality.py --only carer-strain --top 10
    python bench/match_quality.py --check        # exits 1 when a target is missed
    python bench/match_quality.py --vignettes    # the sample directory's vignettes
    python bench/match_quality.py --database-url postgresql+psycopg://lw@127.0.0.1/empty

A quality report, not a timing. It exits 0 unless ``--check`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import re
import statistics
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(ROOT), str(ROOT / "tests")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from bench.caseload import nhs_check_digit  # noqa: E402
from bench.match_corpus.listing_table import Listing  # noqa: E402
from bench.match_corpus.listings import LISTINGS  # noqa: E402
from bench.match_corpus.people import PEOPLE, Someone  # noqa: E402
from bench.match_corpus.places import HOMES  # noqa: E402
from linkworker.domain.directory import (  # noqa: E402
    ACCESSIBILITY_FEATURES,
    AssetDraft,
    AssetStatus,
    Cost,
    Day,
    DirectoryFilter,
)
from linkworker.domain.matching import (  # noqa: E402
    FreeTime,
    JoinPreference,
    MatchPreferences,
    MatchResult,
    PartOfDay,
    TravelRange,
)
from linkworker.domain.people import (  # noqa: E402
    AccessNeed,
    Consent,
    ConversationDraft,
    ConversationType,
    EpisodeDraft,
    EpisodeStatus,
    PersonDraft,
)
from linkworker.paths import AppPaths  # noqa: E402
from linkworker.services.context import Services, open_services  # noqa: E402
from linkworker.services.directory_import import DirectoryImportService  # noqa: E402
from linkworker.services.matching import MatchingService  # noqa: E402
from linkworker.services.people import PeopleService  # noqa: E402
from linkworker.services.settings import reason_kinds  # noqa: E402

K = 5
#: The app's mean nDCG@5 must beat the baseline's by this much,
MARGIN = 0.10
#: with no more than this many listings the person could not go to, per top five.
MOST_UNFIT = 0.3
#: The day the bench runs "on": listings' checks and people's ages are read from it.
TODAY = dt.date(2026, 12, 1)
FEED = HERE / "match_corpus" / "feed.json"

# People ---------------------------------------------------------------------------------

_DAYS = {day.name[:2]: day for day in Day}
_DAY_GROUPS = {
    "weekdays": tuple(Day)[:5],
    "weekends": (Day.SATURDAY, Day.SUNDAY),
    "every day": tuple(Day),
}


def free_times(spec: str) -> tuple[FreeTime, ...]:
    """``"weekdays: morning afternoon; SA: morning"`` as free times."""
    found: list[FreeTime] = []
    for group in filter(None, (part.strip() for part in spec.split(";"))):
        days_text, _, parts_text = group.partition(":")
        days_text = days_text.strip()
        if days_text in _DAY_GROUPS:
            days: Sequence[Day] = _DAY_GROUPS[days_text]
        else:
            days = [_DAYS[code.strip()] for code in days_text.split(",")]
        for day in days:
            for part in parts_text.split():
                found.append(FreeTime(day, PartOfDay(part)))
    return tuple(sorted(set(found)))


def nhs_numbers() -> Iterator[str]:
    """Valid NHS numbers from the 999 test range (never issued), in order."""
    for serial in itertools.count(7001):
        nine = f"999{serial:06d}"
        check = nhs_check_digit(nine)
        if check is not None:
            yield f"{nine}{check}"


def born(someone: Someone) -> dt.date | None:
    """A birthday that gives their age on TODAY."""
    return None if someone.age is None else dt.date(TODAY.year - someone.age, 3, 15)


def person_draft(someone: Someone, nhs_number: str) -> PersonDraft:
    return PersonDraft(
        given_name=someone.given,
        family_name=someone.family,
        date_of_birth=born(someone),
        nhs_number=nhs_number,
        postcode=someone.postcode,
        gender=someone.gender,
        first_language=someone.first_language,
        interpreter_needed=someone.interpreter,
        speaks_english=someone.speaks_english,
        access_needs=tuple(AccessNeed(need) for need in someone.needs),
        is_carer=someone.carer,
        what_matters=someone.what_matters,
        interests=someone.interests,
        strengths=someone.strengths,
        notes=someone.person_notes,
    )


def preferences(someone: Someone) -> MatchPreferences:
    return MatchPreferences(
        free_times=free_times(someone.free),
        cost_limit={"free": Cost.FREE, "low": Cost.LOW_COST, "": None}[someone.cost],
        join=JoinPreference(someone.join) if someone.join else None,
        travel=TravelRange(someone.travel) if someone.travel else None,
    )


def recorded_text(someone: Someone) -> str:
    """Everything recorded about the person in words: what the baseline searches with."""
    return " ".join(
        [
            someone.what_matters,
            *(words for _, words in someone.answers),
            *someone.interests,
            *someone.strengths,
            *someone.reasons,
            someone.reason_notes,
            someone.notes,
            someone.person_notes,
        ]
    )


# The data folder --------------------------------------------------------------------------


@dataclass
class Corpus:
    """The corpus in a data folder: the services over it, and who and what is where."""

    services: Services
    matching: MatchingService
    #: Person key -> their id; listing key <-> asset id.
    people: dict[str, uuid.UUID]
    assets: dict[str, uuid.UUID]
    listing_of: dict[uuid.UUID, str]
    imported: int

    def close(self) -> None:
        self.services.close()


def build(data_dir: Path, url: str | None = None) -> Corpus:
    """Import the feed and save every person into a new data folder at ``data_dir``
    (or into the empty team database at ``url``)."""
    services = open_services(AppPaths.under(data_dir), url=url)
    importer = DirectoryImportService(
        services.units, services.paths.downloads_dir, today=lambda: TODAY
    )
    source = importer.open(FEED, name="Port directory feed")
    try:
        report = importer.run(source)
    finally:
        source.close()
    by_name = {listing.name: listing.key for listing in LISTINGS}
    rows = services.directory.search(DirectoryFilter(include_archived=True), limit=10_000).rows
    assets = {by_name[row.name]: row.id for row in rows}
    people_service = PeopleService(
        services.units, today=lambda: TODAY, now=lambda: dt.datetime(2026, 12, 1, 9, 0)
    )
    matching = MatchingService(
        services.units, lambda: reason_kinds(services.settings), today=lambda: TODAY
    )
    matching.add_postcode_points((postcode, lat, lon) for postcode, (lat, lon) in HOMES.items())
    people: dict[str, uuid.UUID] = {}
    for someone, number in zip(PEOPLE, nhs_numbers(), strict=False):
        person = people_service.save_person(person_draft(someone, number))
        episode = people_service.save_episode(
            EpisodeDraft(
                person_id=person.id,
                referral_date=TODAY - dt.timedelta(days=21),
                reasons=someone.reasons,
                reason_notes=someone.reason_notes,
                consent_to_hold=Consent(True, on=TODAY - dt.timedelta(days=14)),
                status=EpisodeStatus.ACTIVE,
            )
        )
        if someone.answers or someone.notes:
            people_service.save_conversation(
                ConversationDraft(
                    episode_id=episode.id,
                    at=dt.datetime(2026, 11, 17, 10, 0),
                    kind=ConversationType.FIRST,
                    answers=someone.answers,
                    notes=someone.notes,
                )
            )
        prefs = preferences(someone)
        if not prefs.is_empty:
            matching.save_preferences(person.id, prefs)
        people[someone.key] = person.id
    return Corpus(
        services=services,
        matching=matching,
        people=people,
        assets=assets,
        listing_of={asset_id: key for key, asset_id in assets.items()},
        imported=report.created,
    )


# The bench's own check: could they go at all? -------------------------------------------

_SESSION = re.compile(
    r"^-?\d?(?P<days>[A-Z]{2}(?:,[A-Z]{2})*) (?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$"
)


def _hours(clock: str) -> float:
    hours, minutes = clock.split(":")
    return int(hours) + int(minutes) / 60


def _sessions(listing: Listing) -> list[tuple[Day, float, float]] | None:
    """(day, from, to) in hours of each weekly session; None when any is said in words only."""
    found: list[tuple[Day, float, float]] = []
    for spec in listing.when:
        session = _SESSION.match(spec)
        if session is None:
            return None
        opens, closes = _hours(session.group("opens")), _hours(session.group("closes"))
        found.extend((_DAYS[code], opens, closes) for code in session.group("days").split(","))
    return found


def _fits_a_free_time(listing: Listing, free: Iterable[FreeTime]) -> bool:
    """True unless every session is wholly outside the person's free times (words: unknown)."""
    sessions = _sessions(listing)
    wanted = set(free)
    if not sessions or not wanted:
        return True
    return any(
        FreeTime(day, part) in wanted and opens < part.hours[1] and closes > part.hours[0]
        for day, opens, closes in sessions
        for part in PartOfDay
    )


def cannot_go(listing: Listing, someone: Someone) -> list[str]:
    """Why the person could not go, by the rules a link worker keeps; [] when they could.

    Written from the listing's and the person's facts in the corpus, never from the
    app's reading of them. An unknown (no cost given, access not stated, a schedule in
    words only) is not a reason.
    """
    why: list[str] = []
    if listing.status != "active":
        why.append("closed or paused")
    low, high = listing.ages
    if someone.age is not None and (
        (low is not None and someone.age < low) or (high is not None and someone.age > high)
    ):
        why.append("outside its ages")
    if listing.gender and listing.gender != someone.truly:
        why.append("for " + ("women" if listing.gender == "F" else "men") + " only")
    if listing.needs and not set(listing.needs) & set(someone.facts):
        why.append("only for " + " or ".join(n.replace("_", " ") for n in listing.needs))
    if someone.cost == "free" and listing.cost:
        why.append(f"costs £{listing.cost:g}; free things only")
    if listing.step_free is False and {"wheelchair", "step_free"} & set(someone.needs):
        why.append("not step-free")
    if not _fits_a_free_time(listing, free_times(someone.free)):
        why.append("every session outside their times")
    if listing.phone_only and "no_voice_calls" in someone.needs:
        why.append("phone only")
    spoken = {"English"} if listing.english else set()
    spoken.update(listing.langs)
    # domain.md: a language is a hard limit only "with no interpreter or English"; an
    # interpreter on their record (booked, or someone of their own) bridges it.
    bridged = listing.interpreters or someone.own_interpreter or someone.interpreter
    if not spoken & set(someone.langs) and not bridged:
        why.append("not in a language they can take part in")
    return why


def graded(someone: Someone) -> dict[str, int]:
    """The link worker's grades for the person, 0 where they could not go."""
    listings = {listing.key: listing for listing in LISTINGS}
    return {
        key: 0 if cannot_go(listings[key], someone) else grade for key, grade, _ in someone.grades
    }


def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k with gain 2^grade - 1; the ideal is the person's own grades, best first."""
    gain = sum((2 ** grades.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    best = sorted(grades.values(), reverse=True)[:k]
    ideal = sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(best))
    return gain / ideal if ideal else 0.0


# The baseline: BM25 -----------------------------------------------------------------------

STOP_WORDS = frozenset(
    (
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "but", "by", "can", "can't", "could", "did",
        "do", "does", "don't", "for", "from", "get", "got", "had", "has", "have", "he", "her",
        "here", "him", "his", "how", "i", "i'd", "i'm", "i've", "if", "in", "into", "is", "it",
        "it's", "its", "just", "like", "me", "more", "my", "no", "not", "now", "of", "on", "once",
        "one", "only", "or", "our", "out", "over", "own", "same", "she", "so", "some", "than",
        "that", "the", "their", "them", "then", "there", "they", "this", "to", "too", "up", "us",
        "very", "was", "we", "were", "what", "when", "where", "which", "who", "will", "with",
        "would", "you", "your", "yours"
    )
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def stem(word: str) -> str:
    """A crude English stem: "groups" and "group", "walking" and "walk" meet."""
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def tokens(text: str) -> list[str]:
    said = text.lower().replace("\u2019", "'")
    return [stem(w) for w in _WORD.findall(said) if w not in STOP_WORDS and len(w) > 1]


class Bm25:
    """Okapi BM25 over a fixed set of documents, written out in full.

    score(q, d) = sum over the distinct terms t of q of
        idf(t) * f(t, d) * (k1 + 1) / (f(t, d) + k1 * (1 - b + b * |d| / avgdl))
    with idf(t) = ln(1 + (N - n(t) + 0.5) / (n(t) + 0.5)), k1 = 1.2 and b = 0.75.
    """

    def __init__(self, documents: dict[str, str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.terms = {key: Counter(tokens(text)) for key, text in documents.items()}
        self.lengths = {key: sum(counts.values()) for key, counts in self.terms.items()}
        self.average = statistics.fmean(self.lengths.values()) if self.lengths else 0.0
        holding: Counter[str] = Counter()
        for counts in self.terms.values():
            holding.update(counts.keys())
        n = len(self.terms)
        self.idf = {t: math.log(1 + (n - m + 0.5) / (m + 0.5)) for t, m in holding.items()}

    def score(self, query: str, key: str) -> float:
        counts, length = self.terms[key], self.lengths[key]
        total = 0.0
        for term in set(tokens(query)):
            f = counts.get(term, 0)
            if f:
                norm = self.k1 * (1 - self.b + self.b * length / self.average)
                total += self.idf[term] * f * (self.k1 + 1) / (f + norm)
        return total

    def rank(self, query: str, limit: int = 20) -> list[str]:
        scored = [(self.score(query, key), key) for key in self.terms]
        scored = [(s, key) for s, key in scored if s > 0]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [key for _, key in scored[:limit]]


def listing_text(draft: AssetDraft) -> str:
    """Everything the directory holds about a listing in words, as imported."""
    return " ".join(
        [
            draft.name,
            draft.organisation,
            draft.description,
            *draft.categories,
            *draft.tags,
            draft.eligibility,
            draft.cost_note,
            draft.capacity_note,
            *(ACCESSIBILITY_FEATURES.get(f, f) for f in draft.accessibility),
            *draft.languages,
            *(slot.describe() for slot in draft.opening_times),
            *(f"{loc.name} {loc.town}" for loc in draft.locations),
        ]
    )


def baseline(corpus: Corpus) -> Bm25:
    """BM25 over every listing the directory holds that is running (closed and paused out)."""
    documents: dict[str, str] = {}
    for detail in corpus.services.directory.get_many(list(corpus.assets.values())):
        if detail.draft.status is AssetStatus.ACTIVE and not detail.archived:
            documents[corpus.listing_of[detail.id]] = listing_text(detail.draft)
    return Bm25(documents)


# The report -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scores:
    app: float
    base: float
    app_unfit: int
    base_unfit: int


def _line(i: int, key: str, someone: Someone, grades: dict[str, int]) -> str:
    listing = next(item for item in LISTINGS if item.key == key)
    why = cannot_go(listing, someone)
    mark = f"  X {'; '.join(why)}" if why else ""
    return f"  {i}. [{grades.get(key, 0)}] {listing.name}{mark}"


def judge(corpus: Corpus, bm25: Bm25, someone: Someone, top: int, quiet: bool) -> Scores:
    listings = {item.key: item for item in LISTINGS}
    result: MatchResult = corpus.matching.suggest(corpus.people[someone.key], limit=20)
    app = [corpus.listing_of[s.asset_id] for s in result.suggestions]
    base = bm25.rank(recorded_text(someone))
    grades = graded(someone)
    scores = Scores(
        app=ndcg(app, grades),
        base=ndcg(base, grades),
        app_unfit=sum(1 for key in app[:K] if cannot_go(listings[key], someone)),
        base_unfit=sum(1 for key in base[:K] if cannot_go(listings[key], someone)),
    )
    if quiet:
        return scores
    print(f"== {someone.key}: {someone.summary}")
    print(" app:")
    for i, suggestion in enumerate(result.suggestions[:top], start=1):
        print(_line(i, app[i - 1], someone, grades))
        if suggestion.reasons:
            print(f"       + {'; '.join(suggestion.reasons)}")
        if suggestion.concerns:
            print(f"       ? {'; '.join(suggestion.concerns)}")
    if not result.suggestions:
        print("  (nothing suggested)")
    if result.left_out:
        print("   left out: " + ", ".join(f"{r} ({n})" for r, n in result.left_out))
    print(" baseline:")
    for i, key in enumerate(base[:top], start=1):
        print(_line(i, key, someone, grades))
    wanted = [key for key, grade in grades.items() if grade == 2]
    missed = [listings[key].name for key in wanted if key not in app[:K]]
    if missed:
        print(f" not in the app's first {K}: " + "; ".join(missed))
    print(
        f" nDCG@{K}: app {scores.app:.2f}, baseline {scores.base:.2f};"
        f" could not go, in the top {K}: app {scores.app_unfit}, baseline {scores.base_unfit}\n"
    )
    return scores


def report(corpus: Corpus, only: str | None, top: int, quiet: bool) -> bool:
    """Print the report; True when both targets are met."""
    bm25 = baseline(corpus)
    everyone = [p for p in PEOPLE if only is None or p.key == only]
    scores = [judge(corpus, bm25, someone, top, quiet) for someone in everyone]
    app = statistics.fmean(s.app for s in scores)
    base = statistics.fmean(s.base for s in scores)
    app_unfit = statistics.fmean(s.app_unfit for s in scores)
    base_unfit = statistics.fmean(s.base_unfit for s in scores)
    print(
        f"{len(scores)} people, {corpus.imported} listings imported "
        f"({len(bm25.terms)} running), {sum(len(p.grades) for p in everyone)} grades"
    )
    print(f"mean nDCG@{K}:  app {app:.3f}   baseline {base:.3f}   difference {app - base:+.3f}")
    print(f"could not go, per top {K}:  app {app_unfit:.2f}   baseline {base_unfit:.2f}")
    beats = app - base >= MARGIN
    fits = app_unfit <= MOST_UNFIT
    print(
        f"{'PASS' if beats else 'FAIL'}: app nDCG@{K} {app - base:+.3f} against the baseline "
        f"(target +{MARGIN:.2f} or more)"
    )
    print(
        f"{'PASS' if fits else 'FAIL'}: {app_unfit:.2f} listings they could not go to per top "
        f"{K} (target {MOST_UNFIT} or fewer)"
    )
    return beats and fits


def vignettes(only: str | None, top: int) -> None:
    """The sample directory's vignettes (tests/match_vignettes.py), ranked without a database."""
    from match_vignettes import VIGNETTES, ndcg_at, precision_at, run

    precisions: list[float] = []
    gains: list[float] = []
    for vignette in VIGNETTES:
        if only and vignette.key != only:
            continue
        result = run(vignette)
        names = [s.name for s in result.suggestions]
        precisions.append(precision_at(K, names, vignette.relevant))
        gains.append(ndcg_at(K, names, vignette.relevant))
        print(f"== {vignette.key}: {vignette.summary}")
        for i, s in enumerate(result.suggestions[:top], start=1):
            mark = "*" if s.name in vignette.relevant else " "
            print(f" {mark}{i:2}. {s.name} ({s.score:.1f})")
            if s.reasons:
                print(f"       + {'; '.join(s.reasons)}")
            if s.concerns:
                print(f"       ? {'; '.join(s.concerns)}")
        for name in vignette.relevant:
            if name not in names[:K]:
                at = names.index(name) + 1 if name in names else None
                print(f"   missed: {name} ({f'at {at}' if at else 'not listed'})")
        print(f"   precision@{K} {precisions[-1]:.2f}   nDCG@{K} {gains[-1]:.2f}\n")
    if precisions:
        print(
            f"mean over {len(precisions)} vignettes: precision@{K} "
            f"{statistics.fmean(precisions):.2f}   nDCG@{K} {statistics.fmean(gains):.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="one person (or vignette), by key")
    parser.add_argument("--top", type=int, default=K, help="how many suggestions to show")
    parser.add_argument("--quiet", action="store_true", help="the means and targets only")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--vignettes", action="store_true", help="the sample directory's vignettes instead"
    )
    parser.add_argument(
        "--database-url", help="an empty PostgreSQL database to run on, instead of a new file"
    )
    args = parser.parse_args(argv)
    if args.vignettes:
        vignettes(args.only, args.top)
        return 0
    if args.only and args.only not in {p.key for p in PEOPLE}:
        parser.error(f"no person '{args.only}' in the corpus: " + ", ".join(p.key for p in PEOPLE))
    with tempfile.TemporaryDirectory(prefix="match-quality-") as folder:
        corpus = build(Path(folder), args.database_url)
        try:
            met = report(corpus, args.only, args.top, args.quiet)
        finally:
            corpus.close()
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
