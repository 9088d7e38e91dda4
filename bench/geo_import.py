"""Importing a full-size ONS Postcode Directory: peak memory and time, against a floor.

An ONSPD-shaped CSV of 2.7 million rows (the real file's columns, from ``pcd``,
``pcd2``, ``pcds``, ``dointr``, ``doterm`` to ``lat``, ``long`` and the 2021
census areas; about 2% terminated, 1% without a location) is generated in a
temporary folder, deleted afterwards. Then, each in a fresh Python process so
that its peak memory is its own:

- **app**: ``GeoService.import_lookup`` into a new database made through the
  app's own path (migrations included), as ``linkworker geo import`` does it;
- **floor**: ``csv.reader`` over the same file picking ``pcds``, ``doterm``,
  ``lat`` and ``long``, skipping the same rows, and ``sqlite3`` ``executemany``
  of the same points, 50,000 at a time, into a table of the same shape in one
  transaction: no checks, no staging, no report.

Peak memory is ``ru_maxrss`` of each process. Target: **the app's peak under
500 MB** (and the import finishes with every live, located postcode in the table).

    python bench/geo_import.py                  # 2.7 million rows
    python bench/geo_import.py --rows 300000    # a quicker look
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_PEAK_MB = 500.0
BATCH = 50_000

#: The ONSPD's columns (its 2024 layout), in order.
COLUMNS = (  # noqa: SIM905 (a list of 52 names is easier to read as one string)
    "pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,"
    "osgrdind,oshlthau,nhser,ctry,rgn,streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,"
    "casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,bua24,ru11ind,"
    "oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21"
).split(",")
#: Postcode areas (letters of real areas; the districts and units below are made up).
AREAS = (  # noqa: SIM905
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT "
    "DY E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL "
    "LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL "
    "SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcodes(rows: int) -> Iterator[str]:
    """``rows`` distinct postcodes of a real shape, in ONSPD's order (by area, district...).

    Made one at a time: this process's peak memory is passed on to the children it
    starts (Linux counts ``ru_maxrss`` across ``fork`` and ``exec``), so it stays small.
    """
    units = [a + b for a in UNIT_LETTERS for b in UNIT_LETTERS]
    per_area = -(-rows // len(AREAS))
    made = 0
    for area in sorted(AREAS):
        for n in range(per_area):
            if made == rows:
                return
            sector, unit = divmod(n, len(units))
            yield f"{area}{1 + sector // 10} {sector % 10}{units[unit]}"
            made += 1


#: Codes of the areas a postcode is in (the same shape as ONSPD's; not real ones).
FIXED = {
    "oscty": "E99999999", "ced": "E99999999", "oshlthau": "E18000002", "nhser": "E40000010",
    "ctry": "E92000001", "rgn": "E12000002", "streg": "0", "eer": "E15000002",
    "teclec": "E15000002", "pct": "E16000049", "npark": "E65000001", "ur01ind": "A",
    "oac01": "3B2", "ru11ind": "A1", "oac11": "2B1", "lep2": "",
}  # fmt: skip
#: Columns whose code changes from place to place: a prefix, and how many there are.
VARYING = {
    "oslaua": ("E06", 400), "osward": ("E05", 9000), "parish": ("E04", 10000),
    "pcon": ("E14", 650), "ttwa": ("E30", 230), "itl": ("E06", 180), "statsward": ("00", 9000),
    "oa01": ("E00", 99999), "casward": ("00", 9000), "lsoa01": ("E01", 35000),
    "msoa01": ("E02", 7000), "oa11": ("E00", 99999), "lsoa11": ("E01", 35000),
    "msoa11": ("E02", 7000), "wz11": ("E33", 53000), "sicbl": ("E38", 200),
    "bua24": ("E63", 9000), "lep1": ("E37", 40), "pfa": ("E23", 44), "calncv": ("E56", 15),
    "icb": ("E54", 42), "oa21": ("E00", 99999), "lsoa21": ("E01", 35000),
    "msoa21": ("E02", 7000),
}  # fmt: skip


def generate(path: Path, rows: int, seed: int) -> dict[str, int]:
    """Write the ONSPD-shaped file; returns how many rows of each kind it holds."""
    rng = random.Random(seed)
    counts = {"rows": 0, "terminated": 0, "no_location": 0, "live": 0}
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(COLUMNS) + "\n")
        for pcds in postcodes(rows):
            outward, inward = pcds.split()
            cells = dict(FIXED)
            code = rng.randint(1, 99_999)
            for column, (prefix, many) in VARYING.items():
                cells[column] = f"{prefix}{code % many:06d}"
            luck = rng.random()
            cells.update(
                pcd=f"{outward:<4}{inward}",
                pcd2=f"{outward:<5}{inward}",
                pcds=pcds,
                dointr=f"{rng.randint(1980, 2020)}{rng.randint(1, 12):02d}",
                doterm="",
                usertype="0" if rng.random() < 0.97 else "1",
                imd=str(code % 32_844 + 1),
            )
            if luck < 0.02:
                cells["doterm"] = f"{rng.randint(1985, 2024)}{rng.randint(1, 12):02d}"
                counts["terminated"] += 1
            if 0.02 <= luck < 0.03:
                cells.update(lat="99.999999", long="0.000000", osgrdind="9")
                cells.update(oseast1m="", osnrth1m="")
                counts["no_location"] += 1
            else:
                cells.update(lat=f"{rng.uniform(50.0, 58.6):.6f}", osgrdind="1")
                cells.update(long=f"{rng.uniform(-6.3, 1.7):.6f}")
                cells.update(oseast1m=str(rng.randint(90_000, 650_000)))
                cells.update(osnrth1m=str(rng.randint(10_000, 1_000_000)))
                counts["live"] += 0 if cells["doterm"] else 1
            out.write(",".join(cells[c] for c in COLUMNS) + "\n")
            counts["rows"] += 1
    return counts


def peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# The two children --------------------------------------------------------------------


def child_app(file: Path, folder: Path) -> dict[str, object]:
    from linkworker.data.database import open_database
    from linkworker.data.unit_of_work import UnitsOfWork
    from linkworker.services.geo import GeoService

    db = open_database(folder / "linkworker.sqlite3", folder / "backups")
    geo = GeoService(UnitsOfWork(db))
    before = peak_mb()
    calls = 0

    def progress(_done: int, _total: int) -> None:
        nonlocal calls
        calls += 1

    started = time.perf_counter()
    report = geo.import_lookup(file, progress=progress)
    seconds = time.perf_counter() - started
    counted = time.perf_counter()
    postcodes = geo.coverage().postcodes  # what the Settings page shows, counted afresh
    coverage_ms = (time.perf_counter() - counted) * 1000
    db.dispose()
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "before_mb": before,
        "rows_read": report.rows_read,
        "imported": report.imported,
        "terminated": report.skipped_terminated,
        "no_location": report.skipped_no_location,
        "invalid": report.skipped_invalid,
        "in_table": postcodes,
        "progress_calls": calls,
        "coverage_ms": coverage_ms,
    }


def child_floor(file: Path, folder: Path) -> dict[str, object]:
    import csv
    import sqlite3

    connection = sqlite3.connect(folder / "floor.sqlite3")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE postcode_point (postcode_key VARCHAR(8) PRIMARY KEY, "
        "latitude FLOAT NOT NULL, longitude FLOAT NOT NULL)"
    )
    insert = (
        "INSERT INTO postcode_point VALUES (?, ?, ?) ON CONFLICT (postcode_key) DO UPDATE SET "
        "latitude = excluded.latitude, longitude = excluded.longitude"
    )
    before = peak_mb()
    started = time.perf_counter()
    written = 0
    with file.open(encoding="utf-8", newline="") as stream:
        records = csv.reader(stream)
        heading = next(records)
        pcds, doterm = heading.index("pcds"), heading.index("doterm")
        lat, lon = heading.index("lat"), heading.index("long")
        batch: list[tuple[str, float, float]] = []
        for cells in records:
            if cells[doterm] or cells[lat] == "99.999999":
                continue
            batch.append((cells[pcds].replace(" ", ""), float(cells[lat]), float(cells[lon])))
            if len(batch) == BATCH:
                connection.executemany(insert, batch)
                written += len(batch)
                batch = []
        connection.executemany(insert, batch)
        written += len(batch)
    connection.commit()
    seconds = time.perf_counter() - started
    connection.close()
    return {"seconds": seconds, "peak_mb": peak_mb(), "before_mb": before, "imported": written}


def run_child(kind: str, file: Path, folder: Path) -> dict[str, object]:
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--file", str(file), "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the {kind} child failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", choices=("app", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        work = child_app if args.child == "app" else child_floor
        print(json.dumps(work(args.file, args.folder)))
        return 0

    temp = Path(tempfile.mkdtemp(prefix="lw-geo-bench-"))
    try:
        file = temp / "ONSPD_BENCH_UK.csv"
        started = time.perf_counter()
        counts = generate(file, args.rows, args.seed)
        size_mb = file.stat().st_size / 1024 / 1024
        print(
            f"Generated {counts['rows']:,} rows ({size_mb:,.0f} MB; {counts['terminated']:,} "
            f"terminated, {counts['no_location']:,} without a location) "
            f"in {time.perf_counter() - started:.0f} s."
        )
        print(f"This process peaked at {peak_mb():.0f} MB (a child's figure includes it).")
        floor = run_child("floor", file, temp / "floor")
        app = run_child("app", file, temp / "app")
    finally:
        shutil.rmtree(temp, ignore_errors=True)

    for name, got in (("app", app), ("floor", floor)):
        print(
            f"{name:>5}: {got['seconds']:6.1f} s, peak {got['peak_mb']:5.0f} MB "
            f"({got['before_mb']:.0f} MB before reading), {got['imported']:,} points written"
        )
    print(
        f"app report: {app['rows_read']:,} rows read, {app['terminated']:,} terminated, "
        f"{app['no_location']:,} without a location, {app['invalid']:,} invalid; "
        f"{app['in_table']:,} postcodes in the table; {app['progress_calls']} progress calls; "
        f"counting them for Settings took {app['coverage_ms']:.0f} ms"
    )
    ratio_time = float(app["seconds"]) / float(floor["seconds"])
    ratio_peak = float(app["peak_mb"]) / float(floor["peak_mb"])
    print(f"ratio app/floor: time {ratio_time:.2f}x, peak memory {ratio_peak:.2f}x")
    complete = app["in_table"] == counts["live"] == app["imported"] == floor["imported"]
    ok = float(app["peak_mb"]) < TARGET_PEAK_MB and complete
    verdict = "PASS" if ok else "FAIL"
    print(
        f"{verdict}: app peak {app['peak_mb']:.0f} MB (target under {TARGET_PEAK_MB:.0f} MB); "
        f"{'every' if complete else 'NOT every'} live located postcode imported"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
