"""Start-up time: Link Worker's main window against a bare PySide6 QMainWindow.

Both run as fresh processes with ``QT_QPA_PLATFORM=offscreen``, interleaved,
``--runs`` times each after one warm-up. The clock starts just before the
process is spawned and stops when the process prints its
``smoke: window shown ...`` line (the app prints it from ``--smoke`` once the
main window is up with its data; the bare script once its window is up). If
either never prints it, whole-process wall time (spawn to exit) is compared
for both instead, so the ratio is always like for like.

    python bench/startup.py                   # python -m linkworker --smoke
    python bench/startup.py --exe dist/LinkWorker/LinkWorker   # the frozen app

Target: the app's median within 1.3x of the bare window's.
"""

from __future__ import annotations

import argparse
import os
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 1.3
SHOWN_MARKER = "smoke: window shown"

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
    shown_ms: float | None  # spawn to the "window shown" line; None if it never came
    exit_ms: float  # spawn to process exit
    code: int
    last_line: str


def time_process(command: list[str], env: dict[str, str], timeout: float = 120) -> Run:
    """Spawn ``command``, note when it reports its window shown, and when it exits."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
        bufsize=1,
    )
    shown_ms = None
    last = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        if shown_ms is None and line.startswith(SHOWN_MARKER):
            shown_ms = (time.perf_counter() - started) * 1000
            last = line.strip()
    code = proc.wait(timeout=timeout)
    exit_ms = (time.perf_counter() - started) * 1000
    return Run(shown_ms, exit_ms, code, last)


def prepare_data_dir(root: Path, assets: int) -> Path:
    """A data folder holding a migrated database with ``assets`` synthetic assets."""
    from bench.synthetic import build_database
    from linkworker.paths import AppPaths

    data = root / "data"
    paths = AppPaths.under(data)
    data.mkdir(parents=True)
    build_database(paths.database, assets)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each (default 7)")
    parser.add_argument("--assets", type=int, default=2000, help="assets in the database")
    parser.add_argument("--exe", type=Path, help="time this frozen LinkWorker instead")
    args = parser.parse_args(argv)

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app has its bytecode cached; let the warm-up write it, as pip would have.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="linkworker-startup-") as tmp:
        root = Path(tmp)
        print(f"Preparing a data folder with {args.assets:,} assets ...", flush=True)
        data = prepare_data_dir(root, args.assets)
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
    use_shown = all(r.shown_ms is not None for r in app_runs + bare_runs)
    measure = "spawn to window shown" if use_shown else "whole-process wall time (no marker)"

    def times(runs: list[Run]) -> list[float]:
        return [r.shown_ms if use_shown and r.shown_ms is not None else r.exit_ms for r in runs]

    app_ms, bare_ms = times(app_runs), times(bare_runs)
    app_med, bare_med = statistics.median(app_ms), statistics.median(bare_ms)
    ratio = app_med / bare_med

    print(f"\n{args.runs} runs each, measured as {measure}; all in ms")
    print(f"{'':22}{'median':>9}{'min':>9}{'max':>9}{'exit median':>14}")
    for label, runs, values in (
        ("Link Worker", app_runs, app_ms),
        ("bare QMainWindow", bare_runs, bare_ms),
    ):
        exits = statistics.median(r.exit_ms for r in runs)
        print(
            f"{label:22}{statistics.median(values):9.0f}{min(values):9.0f}"
            f"{max(values):9.0f}{exits:14.0f}"
        )
    print(f"{'ratio':22}{ratio:8.2f}x")
    if app_runs[-1].last_line:
        print(f"The app's own report (from main()): {app_runs[-1].last_line}")
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"\n{verdict}: start-up {ratio:.2f}x the bare window (target within {TARGET_RATIO}x)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
