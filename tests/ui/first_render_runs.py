"""Render an asset sheet through ``Tasks`` as the very first thing, in many fresh processes.

``python first_render_runs.py DATA_DIR RUNS`` prints one line per run that lost
its result, then ``RUNS: N, GOT: M``. Each run is a process of its own that
makes its QApplication and its Tasks, renders, and says whether the PDF came
back: so every render is the first of its session, with the thread pool,
ReportLab and the relay all made afresh. Where the platform can fork, the
runs are forked from this process once it has imported Qt and the services
(and nothing more: no QApplication, no thread), which keeps them quick;
elsewhere each is started anew with ``--one``.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: Runs going at once: enough to keep two cores busy while each waits on its worker.
AT_ONCE = 4


def first_render(data_dir: Path) -> str:
    """One run: ``ok``, or what came back instead of the PDF."""
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    from linkworker.paths import AppPaths
    from linkworker.services.context import open_services
    from linkworker.ui.workers import Tasks

    services = open_services(AppPaths.under(data_dir))
    outcome: list[object] = []
    try:
        asset_id = services.directory.search(limit=1).rows[0].id
        documents = services.documents
        app = QApplication([])

        def report(value: object) -> None:
            outcome.append(value)
            app.quit()

        pool, idle = QThreadPool.globalInstance(), [0]

        def watch() -> None:
            # The work is over, so its outcome is on its way: a few turns later, it is lost.
            idle[0] = idle[0] + 1 if pool.activeThreadCount() == 0 else 0
            if idle[0] > 5:
                app.quit()

        tasks = Tasks()
        tasks.start(lambda: documents.asset_sheet_pdf(asset_id), report, report)
        watching = QTimer()
        watching.timeout.connect(watch)
        watching.start(20)
        QTimer.singleShot(60_000, app.quit)
        app.exec()
        tasks.wait()
    finally:
        services.close()
    if not outcome:
        return "lost: nothing came back"
    got = outcome[0]
    if isinstance(got, bytes) and got.startswith(b"%PDF"):
        return "ok"
    return f"lost: {type(got).__name__}: {got}"


def _forked(data_dir: Path, runs: int) -> list[str]:
    for module in ("PySide6.QtWidgets", "linkworker.services.context", "linkworker.ui.workers"):
        importlib.import_module(module)  # once, here, before forking

    children: dict[int, int] = {}
    results: list[str] = []
    read_end, write_end = os.pipe()
    started = 0
    while started < runs or children:
        while started < runs and len(children) < AT_ONCE:
            pid = os.fork()
            if pid == 0:  # the child: one render, its line down the pipe, and out
                os.close(read_end)
                try:
                    line = first_render(data_dir)
                except BaseException as exc:
                    line = f"lost: {type(exc).__name__}: {exc}"
                os.write(write_end, (line.replace("\n", " ") + "\n").encode())
                os._exit(0)
            children[pid] = started
            started += 1
        pid, status = os.wait()
        children.pop(pid, None)
        if os.waitstatus_to_exitcode(status) != 0:
            results.append(f"lost: the process ended with {status}")
    os.close(write_end)
    with os.fdopen(read_end) as lines:
        results.extend(line.strip() for line in lines)
    return results


def _spawned(data_dir: Path, runs: int) -> list[str]:
    results: list[str] = []
    waiting = list(range(runs))
    while waiting:
        batch, waiting = waiting[:AT_ONCE], waiting[AT_ONCE:]
        running = [
            subprocess.Popen(
                [sys.executable, __file__, "--one", str(data_dir)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in batch
        ]
        for process in running:
            out, _ = process.communicate(timeout=120)
            results.append(out.strip() or f"lost: the process ended with {process.returncode}")
    return results


def main(argv: list[str]) -> int:
    if argv[0] == "--one":
        print(first_render(Path(argv[1])))
        return 0
    data_dir, runs = Path(argv[0]), int(argv[1])
    results = _forked(data_dir, runs) if hasattr(os, "fork") else _spawned(data_dir, runs)
    for line in results:
        if line != "ok":
            print(line)
    print(f"RUNS: {runs}, GOT: {results.count('ok')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
