"""Start-up time: Link Worker's window, and its first page of data, against a bare PySide6 window.

Each run is a fresh process with ``QT_QPA_PLATFORM=offscreen``; the app and the
bare window take turns, ``--runs`` times each after one warm-up of each. The
clock starts just before a process is spawned and stops when a line arrives on
its stdout:

- **bare window shown**: a script that shows a ``QMainWindow`` prints
  ``smoke: window shown`` from a zero-delay timer;
- **app window shown**: ``python -m linkworker --smoke`` prints the same line
  once its main window is on screen;
- **app ready**: the app prints ``smoke: data loaded`` once the first page of
  the directory (or of the people table) has been painted with its rows.

The data folder holds 2,000 invented community assets and 500 invented people
(most with a referral), put in through the services the app itself uses. It is
built once and kept in ``bench/out/`` under a name that changes with the code
that shapes it; each run of the bench works on a copy.

    python bench/startup.py --runs 9
    python bench/startup.py --exe dist/LinkWorker/LinkWorker   # the frozen app

Targets: window shown within 1.3x the bare window's median, ready within 3x.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHOWN_TARGET = 1.3
READY_TARGET = 3.0
SHOWN_MARKER = "smoke: window shown"
READY_MARKER = "smoke: data loaded"
OPEN_MARKER = "smoke: data open"
SEED = 1

BARE_SCRIPT = textwrap.dedent(
    f"""
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow


    def shown():
        print("{SHOWN_MARKER}", flush=True)
        app.quit()


    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare")
    window.resize(1200, 800)
    window.show()
    QTimer.singleShot(0, shown)
    sys.exit(app.exec())
    """
)


@dataclass
class Run:
    marks: dict[str, float]  # marker -> ms from spawn to its line
    exit_ms: float  # spawn to process exit
    code: int
    lines: list[str]


def time_process(command: list[str], env: dict[str, str], timeout: float = 120) -> Run:
    """Spawn ``command``; note when each marker line arrives, and when it exits."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        bufsize=1,
    )
    marks: dict[str, float] = {}
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        now = (time.perf_counter() - started) * 1000
        lines.append(line.strip())
        for marker in (SHOWN_MARKER, READY_MARKER, OPEN_MARKER):
            if line.startswith(marker):
                marks.setdefault(marker, now)
    code = proc.wait(timeout=timeout)
    return Run(marks, (time.perf_counter() - started) * 1000, code, lines)


# The data folder ---------------------------------------------------------------------


def fill_data_folder(folder: Path, assets: int, people: int, seed: int) -> None:
    """Put ``assets`` assets and ``people`` people into a new data folder, through the services."""
    from bench.caseload import make_rows
    from bench.synthetic import make_drafts
    from linkworker.paths import AppPaths
    from linkworker.services.context import open_services

    services = open_services(AppPaths.under(folder))
    try:
        drafts = make_drafts(assets, seed)
        for start in range(0, assets, 1000):
            services.directory.add_many(drafts[start : start + 1000])
        services.people.import_people(make_rows(people, seed))
    finally:
        services.close()


def data_key(assets: int, people: int, seed: int) -> str:
    """A name for the cached folder that changes with the code that shapes its data."""
    digest = hashlib.sha256(inspect.getsource(fill_data_folder).encode())
    linkworker = ROOT / "linkworker"
    for path in (
        HERE / "synthetic.py",
        HERE / "caseload.py",
        linkworker / "data" / "models.py",
        linkworker / "data" / "directory_repo.py",
        linkworker / "data" / "people_repo.py",
        linkworker / "services" / "directory.py",
        linkworker / "services" / "people.py",
        *sorted((linkworker / "data" / "migrations" / "versions").glob("*.py")),
    ):
        digest.update(path.read_bytes())
    return f"startup-{assets}a-{people}p-s{seed}-{digest.hexdigest()[:12]}"


def cached_data_folder(assets: int, people: int, seed: int, *, rebuild: bool = False) -> Path:
    """The data folder, built once into bench/out/ (a new one when its code changes)."""
    OUT.mkdir(exist_ok=True)
    folder = OUT / data_key(assets, people, seed)
    if folder.is_dir() and not rebuild:
        print(f"Using cached {folder.relative_to(ROOT)}")
        return folder
    for stale in OUT.glob(f"startup-{assets}a-{people}p-s{seed}-*"):
        shutil.rmtree(stale)
    partial = OUT / f"{folder.name}.building"
    shutil.rmtree(partial, ignore_errors=True)
    print(f"Building a data folder: {assets:,} assets, {people:,} people (once) ...", flush=True)
    started = time.perf_counter()
    fill_data_folder(partial, assets, people, seed)
    for extra in ("logs", "backups", "settings.json"):
        target = partial / extra
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink(missing_ok=True)
    print(f"  built in {time.perf_counter() - started:.1f} s")
    partial.replace(folder)
    return folder


# Figures ---------------------------------------------------------------------------


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def report(rows: list[tuple[str, list[float]]], runs: int) -> None:
    print(f"\n{runs} runs each, ms from spawn to the line")
    print(f"{'':26}{'median':>9}{'p95':>9}{'min':>9}{'max':>9}")
    for label, values in rows:
        print(
            f"{label:26}{statistics.median(values):9.0f}{percentile(values, 95):9.0f}"
            f"{min(values):9.0f}{max(values):9.0f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each (default 9)")
    parser.add_argument("--assets", type=int, default=2000, help="assets in the data folder")
    parser.add_argument("--people", type=int, default=500, help="people in the data folder")
    parser.add_argument("--rebuild", action="store_true", help="build the data folder again")
    parser.add_argument("--exe", type=Path, help="time this frozen LinkWorker instead")
    args = parser.parse_args(argv)

    cached = cached_data_folder(args.assets, args.people, SEED, rebuild=args.rebuild)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app has its bytecode cached; let the warm-up write it, as pip would have.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="linkworker-startup-") as tmp:
        root = Path(tmp)
        data = root / "data"
        shutil.copytree(cached, data)
        bare_script = root / "bare_window.py"
        bare_script.write_text(BARE_SCRIPT, encoding="utf-8")

        app_cmd = [str(args.exe)] if args.exe else [sys.executable, "-m", "linkworker"]
        app_cmd += ["--smoke", "--data-dir", str(data)]
        bare_cmd = [sys.executable, str(bare_script)]

        # Warm up: the disk cache, Python's bytecode caches, fontconfig's cache.
        for command in (app_cmd, bare_cmd):
            warm = time_process(command, env)
            if warm.code != 0:
                print(f"FAIL: {' '.join(command)} exited {warm.code}")
                return 2

        app_runs: list[Run] = []
        bare_runs: list[Run] = []
        for _ in range(args.runs):
            app_runs.append(time_process(app_cmd, env))
            bare_runs.append(time_process(bare_cmd, env))

    failed = [r for r in app_runs + bare_runs if r.code != 0]
    if failed:
        print(f"FAIL: {len(failed)} runs exited non-zero (codes {[r.code for r in failed]})")
        return 2
    missing = [
        marker
        for marker, runs in (
            (SHOWN_MARKER, bare_runs),
            (SHOWN_MARKER, app_runs),
            (READY_MARKER, app_runs),
        )
        if any(marker not in r.marks for r in runs)
    ]
    if missing:
        print(f"FAIL: no {', '.join(sorted(set(missing)))} line in some runs")
        return 2

    bare = [r.marks[SHOWN_MARKER] for r in bare_runs]
    shown = [r.marks[SHOWN_MARKER] for r in app_runs]
    ready = [r.marks[READY_MARKER] for r in app_runs]
    rows = [("bare window shown", bare), ("app window shown", shown), ("app ready", ready)]
    if all(OPEN_MARKER in r.marks for r in app_runs):
        rows.append(("app data open (info)", [r.marks[OPEN_MARKER] for r in app_runs]))
    rows.append(("app exit (info)", [r.exit_ms for r in app_runs]))
    report(rows, args.runs)

    floor = statistics.median(bare)
    shown_ratio = statistics.median(shown) / floor
    ready_ratio = statistics.median(ready) / floor
    print(f"\nshown / bare: {shown_ratio:.2f}x    ready / bare: {ready_ratio:.2f}x")
    print("The app's own lines (last run):")
    for line in app_runs[-1].lines:
        if line.startswith("smoke:"):
            print(f"  {line}")
    verdicts = [
        ("window shown", shown_ratio, SHOWN_TARGET),
        ("ready", ready_ratio, READY_TARGET),
    ]
    print()
    for what, ratio, target in verdicts:
        verdict = "PASS" if ratio <= target else "FAIL"
        print(f"{verdict}: {what} {ratio:.2f}x the bare window (target within {target}x)")
    return 0 if all(ratio <= target for _, ratio, target in verdicts) else 1


if __name__ == "__main__":
    raise SystemExit(main())
