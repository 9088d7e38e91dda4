"""Importing an Open Referral UK 3.0 file: the app's import against a plain bulk insert.

A page of ``--n`` invented services (default 5,000), each with an organisation,
one or two locations with an address and coordinates, two weekly schedules,
three taxonomy terms, a contact with a phone, a cost option, a language and an
accessibility note, is written to ``bench/out/``. Then, in the same run:

* **app**: ``DirectoryImportService.run`` on a fresh database: stream the file,
  map and clean every record, validate it, decide new/changed/unchanged,
  look for duplicates, and write assets, locations, times, contacts, categories,
  tags and the full-text index in one unit of work.
* **check + app**: what the window does: a check pass (nothing written), then the import.
* **floor**: the very rows the app wrote, read back and inserted into another
  fresh database with ``sqlite3`` ``executemany``, one statement per table, in one
  transaction, on a connection set up as the app sets up its own (foreign keys
  checked, ``synchronous=FULL``): a plain bulk insert of the same rows.

Then the memory check: the import runs in a fresh process for files of
1,000, 5,000 and 20,000 services and reports its peak resident memory, with
that of the helper process which reads files of 2 MB and more, which together
should stay flat as the file grows (the file is streamed, never loaded whole).

    python bench/oruk_import.py            # 5,000 services, 3 rounds, memory check
    python bench/oruk_import.py --n 2000 --rounds 1 --no-memory

Targets: the import within 3x the bulk insert; peak memory at 20,000 services
no more than 1.25x the peak at 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


TARGET_RATIO = 3.0
TARGET_MEMORY_GROWTH = 1.25
TABLES = (
    "organisation",
    "category",
    "tag",
    "asset",
    "asset_location",
    "asset_opening_time",
    "asset_contact",
    "asset_accessibility",
    "asset_language",
    "asset_category",
    "asset_tag",
)

_TERMS = [
    "Walking",
    "Befriending",
    "Debt advice",
    "Gardening",
    "Carers support",
    "Library",
    "Volunteering",
    "Lunch club",
    "Arts and crafts",
    "Choir",
    "Men's shed",
    "Faith",
    "ESOL",
    "Peer support",
    "Shopping help",
    "Health and wellbeing",
    "Activities",
]
_TOWNS = ["Ellesmere Port", "Neston", "Little Sutton", "Whitby", "Great Sutton", "Willaston"]
_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_service(n: int, rng: random.Random) -> dict[str, Any]:
    """One invented service, fully nested as an ORUK 3.0 ``/services/{id}`` response."""
    locations = []
    for i in range(1 + (n % 2)):
        locations.append(
            {
                "id": _id(rng),
                "location": {
                    "id": _id(rng),
                    "name": f"{rng.choice(['Community', 'Parish', 'Youth'])} Hall {n}-{i}",
                    "latitude": round(53.25 + rng.random() / 10, 6),
                    "longitude": round(-2.95 + rng.random() / 10, 6),
                    "addresses": [
                        {
                            "id": _id(rng),
                            "address_1": f"{rng.randint(1, 200)} Station Road",
                            "city": rng.choice(_TOWNS),
                            "postal_code": f"CH6{rng.randint(1, 6)} {rng.randint(1, 9)}"
                            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
                            "country": "GB",
                        }
                    ],
                    "accessibility": [{"id": _id(rng), "description": "Step-free access"}],
                },
            }
        )
    days = rng.sample(_DAYS, 2)
    return {
        "id": _id(rng),
        "name": f"{rng.choice(_TERMS)} group {n}",
        "description": (
            "A friendly weekly group. Come along, meet people and try something new; "
            "tea and biscuits provided. " * rng.randint(1, 3)
        ).strip(),
        "status": "active",
        "url": f"https://group{n}.example.org",
        "email": f"hello{n}@example.org",
        "assured_date": "2026-06-01",
        "last_modified": "2026-06-01T09:00:00Z",
        "minimum_age": 18,
        "organization": {"id": _id(rng), "name": f"Community Trust {n % 400}"},
        "service_at_locations": locations,
        "schedules": [
            {
                "id": _id(rng),
                "freq": "WEEKLY",
                "byday": day,
                "opens_at": f"{rng.randint(9, 15)}:00",
                "closes_at": f"{rng.randint(16, 19)}:00",
            }
            for day in days
        ],
        "contacts": [
            {
                "id": _id(rng),
                "name": "Group organiser",
                "phones": [{"id": _id(rng), "number": f"0151 496 {n % 10000:04d}"}],
            }
        ],
        "cost_options": [{"id": _id(rng), "amount": 0, "option": "Free"}],
        "languages": [{"id": _id(rng), "name": "English", "code": "en"}],
        "attributes": [
            {"id": _id(rng), "taxonomy_term": {"id": _id(rng), "name": term}}
            for term in rng.sample(_TERMS, 3)
        ],
    }


def write_page(path: Path, n: int, seed: int = 1) -> Path:
    """Write the page item by item, so even a large one is not held in memory here."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"total_items": {n}, "total_pages": 1, "page_number": 1, "size": {n}, ')
        out.write('"first_page": true, "last_page": true, "empty": false, "contents": [')
        for i in range(n):
            if i:
                out.write(",")
            out.write(json.dumps(make_service(i, rng)))
        out.write("]}")
    return path


# The app is imported inside the functions that use it: a big file is read in a
# helper process, which starts by importing this script again (as any spawned
# process imports its parent's main script), and that should cost it no more
# than the app's own entry point does.


def settle() -> None:
    """Write out what earlier rounds left in the disk cache, so no timing pays for it."""
    os.sync()


def fresh_db(folder: Path, name: str) -> Any:
    from linkworker.data.database import open_database

    path = folder / name
    return open_database(path, folder / f"{name}-backups")


def app_import(page: Path, folder: Path, name: str, check_first: bool) -> tuple[float, Path]:
    from linkworker.data.unit_of_work import UnitsOfWork
    from linkworker.services.directory_import import DirectoryImportService

    db = fresh_db(folder, name)
    service = DirectoryImportService(UnitsOfWork(db), folder / "spool")
    try:
        source = service.open(page, name="bench")
        settle()
        started = time.perf_counter()
        if check_first:
            service.check(source)
        report = service.run(source, skip_problems=True)
        elapsed = time.perf_counter() - started
        source.close()
        assert report.created > 0, report.summary()
    finally:
        db.dispose()
    return elapsed, folder / name


def floor_insert(written: Path, folder: Path, name: str) -> tuple[float, int]:
    """Read back every row the app wrote, then time inserting them into a fresh database."""
    fresh_db(folder, name).dispose()
    src = sqlite3.connect(written)
    rows = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in TABLES}
    fts = src.execute(
        "SELECT rowid, name, organisation, description, categories, tags, places FROM asset_search"
    ).fetchall()
    src.close()
    dst = sqlite3.connect(folder / name)
    # The connection settings the app uses for every connection (see data/database.py):
    # the same rows, into the same schema, checked the same way.
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute("PRAGMA synchronous=FULL")
    count = sum(len(r) for r in rows.values()) + len(fts)
    settle()
    started = time.perf_counter()
    with dst:
        for table, table_rows in rows.items():
            if table_rows:
                marks = ",".join("?" * len(table_rows[0]))
                dst.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
        dst.executemany(
            "INSERT INTO asset_search (rowid, name, organisation, description, categories, tags,"
            " places) VALUES (?, ?, ?, ?, ?, ?, ?)",
            fts,
        )
    elapsed = time.perf_counter() - started
    dst.close()
    return elapsed, count


def peak_memory_mb(n: int, folder: Path) -> tuple[float, float]:
    """Import an n-service file in a fresh process: the peak resident memory (MB) of
    that process, and of the helper process that read the file (0 if none did)."""
    page = write_page(folder / f"memory-{n}.json", n, seed=7)
    result = subprocess.run(
        [sys.executable, __file__, "--child-import", str(page), "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    page.unlink()
    own, helper = result.stdout.strip().splitlines()[-1].split()
    return float(own), float(helper)


def peak_mb(pid: int | str = "self") -> float:
    """A process's peak resident memory since it started its program (VmHWM), in MB.

    Not ``ru_maxrss``: that also counts the moment between fork and exec, when a
    new process still shares every page of the one that started it, so it
    would report the size of whatever launched the measurement.
    """
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def helper_peaks(stop: threading.Event, peaks: list[float]) -> None:
    """Watch the reading helper's peak until ``stop``."""
    import multiprocessing

    while not stop.wait(0.02):
        for child in multiprocessing.active_children():
            try:
                peaks.append(peak_mb(child.pid or 0))
            except OSError:
                continue


def child_import(page: Path, folder: Path) -> None:
    stop, peaks = threading.Event(), [0.0]
    watcher = threading.Thread(target=helper_peaks, args=(stop, peaks), daemon=True)
    watcher.start()
    app_import(page, folder, f"child-{page.stem}.sqlite3", check_first=True)
    stop.set()
    watcher.join()
    print(peak_mb(), max(peaks))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--child-import", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_import:
        child_import(args.child_import, args.folder)
        return 0

    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        folder = Path(tmp)
        page = write_page(folder / "services.json", args.n)
        size_mb = page.stat().st_size / 1e6
        print(f"{args.n:,} services, {size_mb:.1f} MB of ORUK 3.0 JSON")
        app_times, both_times, floor_times = [], [], []
        rows = 0
        for r in range(args.rounds):
            app_s, written = app_import(page, folder, f"app-{r}.sqlite3", check_first=False)
            both_s, _ = app_import(page, folder, f"both-{r}.sqlite3", check_first=True)
            floor_s, rows = floor_insert(written, folder, f"floor-{r}.sqlite3")
            for old in folder.glob("*.sqlite3*"):
                old.unlink()
            app_times.append(app_s)
            both_times.append(both_s)
            floor_times.append(floor_s)
            print(
                f"  round {r + 1}: import {app_s:.2f} s, check + import {both_s:.2f} s, "
                f"bulk insert {floor_s:.2f} s"
            )
        app, both, floor = (statistics.median(x) for x in (app_times, both_times, floor_times))
        ratio = app / floor
        print(f"bulk insert of the same {rows:,} rows: {floor:.2f} s (median)")
        print(
            f"import:          {app:.2f} s = {ratio:.2f}x the bulk insert "
            f"({args.n / app:,.0f} services a second)"
        )
        print(f"check + import:  {both:.2f} s = {both / floor:.2f}x")
        ok = ratio <= TARGET_RATIO
        print(f"{'PASS' if ok else 'FAIL'}: import within {TARGET_RATIO:.0f}x a plain bulk insert")
        if not args.no_memory:
            peaks = {n: peak_memory_mb(n, folder) for n in (1000, 5000, 20000)}
            for n, (own, helper) in peaks.items():
                print(
                    f"  peak memory importing {n:>6,} services: {own + helper:.0f} MB "
                    f"({own:.0f} MB importing, {helper:.0f} MB reading)"
                )
            growth = sum(peaks[20000]) / sum(peaks[1000])
            flat = growth <= TARGET_MEMORY_GROWTH
            print(
                f"{'PASS' if flat else 'FAIL'}: memory grows {growth:.2f}x from 1,000 to "
                f"20,000 services (target at most {TARGET_MEMORY_GROWTH}x)"
            )
            ok = ok and flat
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
