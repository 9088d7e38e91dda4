"""The composition root: arguments, folders, logging, then the window or a command.

Nothing happens at import time. Qt, ReportLab and the database are imported
only once the arguments say they are needed, so ``--version`` and the command
line stay quick and the first window appears fast.
"""

from __future__ import annotations

import argparse
import faulthandler
import logging
import logging.handlers
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from linkworker import __version__
from linkworker.paths import AppPaths

if TYPE_CHECKING:
    from linkworker.services.context import Services
    from linkworker.services.settings import SettingsStore

log = logging.getLogger("linkworker")

_crash_file: IO[str] | None = None


def build_parser() -> argparse.ArgumentParser:
    from linkworker.cli import add_commands

    parser = argparse.ArgumentParser(
        prog="linkworker",
        description="Link Worker: people, plans and the community asset directory, offline.",
    )
    parser.add_argument("--version", action="version", version=f"Link Worker {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="keep the database, backups, logs and settings under DIR",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start with sample data in a throwaway folder (removed on exit)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start, show the main window with its data, then exit 0",
    )
    add_commands(parser)
    return parser


def setup_logging(paths: AppPaths, *, verbose: bool = False) -> None:
    """A rotating log file and a faulthandler crash log under ``paths.logs_dir``."""
    global _crash_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in list(root.handlers):
        if getattr(old, "_linkworker", False):
            root.removeHandler(old)
            old.close()
    try:
        paths.logs_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        if _crash_file is not None:
            _crash_file.close()
        _crash_file = paths.crash_log.open("a", encoding="utf-8")
        faulthandler.enable(file=_crash_file, all_threads=True)
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        print(
            f"linkworker: cannot write logs to {paths.logs_dir} ({exc.strerror}); "
            "logging to the terminal instead.",
            file=sys.stderr,
        )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._linkworker = True  # type: ignore[attr-defined]
    root.addHandler(handler)


def resolve_paths(args: argparse.Namespace) -> tuple[AppPaths, Path | None]:
    """The folders to use, and a throwaway folder to remove on exit (``--demo``)."""
    if args.demo:
        import tempfile

        base = args.data_dir if args.data_dir else None
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        demo_root = Path(tempfile.mkdtemp(prefix="linkworker-demo-", dir=base))
        return AppPaths.under(demo_root), demo_root
    if args.data_dir:
        return AppPaths.under(args.data_dir), None
    return AppPaths.for_user(), None


def _open_services(paths: AppPaths, settings: SettingsStore) -> Services:
    """Open the data; imported here, after the window is shown, to keep start-up quick."""
    from linkworker.services.context import open_services

    return open_services(paths, settings)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``linkworker`` and ``python -m linkworker``."""
    started = time.perf_counter()
    args = build_parser().parse_args(argv)
    paths, throwaway = resolve_paths(args)
    setup_logging(paths)
    log.info("Link Worker %s starting (data in %s)", __version__, paths.data_dir)
    try:
        if args.demo:
            from linkworker.services.demo import fill_demo

            fill_demo(paths)
        if args.command:
            from linkworker import cli

            return cli.run(args, paths)
        from linkworker.ui.application import run_gui

        return run_gui(paths, _open_services, demo=args.demo, smoke=args.smoke, started=started)
    finally:
        logging.shutdown()
        if throwaway is not None:
            import shutil

            shutil.rmtree(throwaway, ignore_errors=True)
