"""Type-ahead search over a large directory: the app's search against raw FTS5.

For each target phrase, every prefix a person produces while typing it
("w", "wa", "wal", ... "walking g", "walking gr", ...) is searched the way the
directory window does on each keystroke: ``DirectoryService.search`` for the
first page of 200 plus the total. The floor is the bare full-text query on the
same table through the ``sqlite3`` module, with the same MATCH string and the
same bm25 weights. Both run on the same file in the same process, interleaved.

    python bench/search.py               # 20,000 assets, cached under bench/out/
    python bench/search.py --n 5000 --rounds 5

Target: the app's 95th percentile under 30 ms per keystroke.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import synthetic  # noqa: E402
from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.directory_repo import BM25, fts_query  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.directory import DirectoryFilter  # noqa: E402
from linkworker.services.directory import DirectoryService  # noqa: E402

TARGET_P95_MS = 30.0
PAGE = 200

#: What people type: common words and phrases, rare words, places, and a miss or two.
PHRASES = (
    # common
    "walking",
    "walking group",
    "community cafe",
    "support",
    "support group",
    "coffee morning",
    "chair yoga",
    "men's shed",
    "memory cafe",
    "knit and natter",
    "money advice",
    "carers support",
    "dementia",
    "bereavement",
    "singing",
    "gardening",
    "older people",
    "young people",
    "mental wellbeing",
    "tea dance",
    "digital help",
    "breathe easy",
    "warm space",
    "church hall",
    "free",
    "social group",
    "weekly session",
    "friendly welcome",
    "parent and toddler",
    "physical activity",
    # places
    "ellesmere port",
    "neston",
    "port sunlight",
    "ch65",
    "ch64 walking",
    "bebington library",
    "great sutton football",
    "parkgate bowls",
    # rare
    "pilates",
    "tai chi",
    "ukulele",
    "crochet",
    "beekeeping",
    "geocaching",
    "kintsugi",
    "aphasia",
    "parkinsons",
    "menopause",
    "tinnitus",
    "ceilidh",
    "boccia",
    "petanque",
    "foraging",
    "genealogy",
    "nordic walking",
    "bellringing",
    "watercolour",
    "lymphoedema",
    "neston pilates",
    "yoga mindfulness",
    # misses
    "xylophone",
    "zebra crossing",
)


def keystrokes(phrase: str) -> list[str]:
    """Every prefix a person types on the way to ``phrase``.

    A keystroke that leaves the search unchanged (a space, an apostrophe) is
    skipped: it sends the same MATCH string as the keystroke before it.
    """
    prefixes: list[str] = []
    last = ""
    for end in range(1, len(phrase) + 1):
        prefix = phrase[:end]
        query = fts_query(prefix)
        if query and query != last:
            prefixes.append(prefix)
            last = query
    return prefixes


def database_key(n: int, seed: int) -> str:
    """A cache key: the size, the seed, and what decides the file's contents."""
    digest = hashlib.sha256()
    digest.update(Path(synthetic.__file__).read_bytes())
    migrations = ROOT / "linkworker" / "data" / "migrations" / "versions"
    for path in sorted(migrations.glob("*.py")):
        digest.update(path.read_bytes())
    return f"directory-{n}-s{seed}-{digest.hexdigest()[:12]}"


def cached_database(n: int, seed: int, *, rebuild: bool = False) -> Path:
    """The path of a database of ``n`` synthetic assets, built once and kept in bench/out/."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"{database_key(n, seed)}.sqlite3"
    if path.exists() and not rebuild:
        print(f"Using cached {path.relative_to(ROOT)}")
        return path
    for stale in OUT.glob(f"directory-{n}-s{seed}-*.sqlite3*"):
        stale.unlink()
    partial = OUT / f"{path.stem}.building.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"Building {n:,} synthetic assets (once; cached in bench/out/) ...", flush=True)
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"  {done:>7,} / {total:,}  {elapsed:6.1f} s", flush=True)

    synthetic.build_database(partial, n, seed, progress=report)
    partial.replace(path)
    return path


def percentile(samples: list[float], pct: float) -> float:
    """The ``pct`` percentile (0-100), interpolated between the nearest samples."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def timed(func: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = func()
    return (time.perf_counter() - started) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="assets in the directory")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over every keystroke")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    args = parser.parse_args(argv)

    path = cached_database(args.n, args.seed, rebuild=args.rebuild)
    db = open_database(path, OUT / "backups")
    service = DirectoryService(UnitsOfWork(db))
    raw = sqlite3.connect(path)
    floor_sql = (
        f"SELECT rowid, {BM25} AS rank FROM asset_search"
        " WHERE asset_search MATCH ? ORDER BY rank LIMIT ?"
    )
    # A one-letter prefix is no search (the app lists everything by name), so its
    # floor is the plain listing, read straight from the table.
    list_sql = "SELECT id, name FROM asset WHERE archived_at IS NULL ORDER BY lower(name) LIMIT ?"

    def app_search(prefix: str) -> Callable[[], object]:
        return lambda: service.search(DirectoryFilter(text=prefix), limit=PAGE).total

    def floor_search(prefix: str) -> Callable[[], object]:
        match = fts_query(prefix)
        if not match:
            return lambda: len(raw.execute(list_sql, (PAGE,)).fetchall())
        return lambda: len(raw.execute(floor_sql, (match, PAGE)).fetchall())

    prefixes = [p for phrase in PHRASES for p in keystrokes(phrase)]
    print(
        f"{len(PHRASES)} phrases, {len(prefixes)} keystrokes, {args.rounds} rounds, "
        f"SQLite {sqlite3.sqlite_version}, pid {os.getpid()}"
    )

    # Warm up: the page cache, SQLAlchemy's statement cache, the FTS index pages.
    for prefix in prefixes:
        app_search(prefix)()
        floor_search(prefix)()

    app_ms: dict[str, list[float]] = {p: [] for p in prefixes}
    floor_ms: dict[str, list[float]] = {p: [] for p in prefixes}
    totals: dict[str, object] = {}
    for _ in range(args.rounds):
        for prefix in prefixes:
            elapsed, total = timed(app_search(prefix))
            app_ms[prefix].append(elapsed)
            totals[prefix] = total
            floor_ms[prefix].append(timed(floor_search(prefix))[0])
    raw.close()
    db.dispose()

    app_all = [t for times in app_ms.values() for t in times]
    floor_all = [t for times in floor_ms.values() for t in times]
    app_med, app_p95 = statistics.median(app_all), percentile(app_all, 95)
    floor_med, floor_p95 = statistics.median(floor_all), percentile(floor_all, 95)

    print()
    print(f"{'':28}{'median ms':>12}{'p95 ms':>12}{'max ms':>12}")
    print(f"{'DirectoryService.search':28}{app_med:12.2f}{app_p95:12.2f}{max(app_all):12.2f}")
    print(f"{'raw FTS5 (floor)':28}{floor_med:12.2f}{floor_p95:12.2f}{max(floor_all):12.2f}")
    print(f"{'ratio app / floor':28}{app_med / floor_med:11.2f}x{app_p95 / floor_p95:11.2f}x")
    print()
    print("Worst 5 keystrokes (median of rounds):")
    worst = sorted(app_ms, key=lambda p: statistics.median(app_ms[p]), reverse=True)[:5]
    for prefix in worst:
        print(
            f"  {prefix!r:24} app {statistics.median(app_ms[prefix]):8.2f} ms"
            f"  floor {statistics.median(floor_ms[prefix]):8.2f} ms"
            f"  matches {totals[prefix]:>6}"
        )
    print()
    verdict = "PASS" if app_p95 < TARGET_P95_MS else "FAIL"
    print(f"{verdict}: p95 {app_p95:.1f} ms per keystroke (target under {TARGET_P95_MS:.0f} ms)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
