"""The composition root: arguments, folders, logging, then the window or a command.

Nothing happens at import time. Qt, ReportLab and the database are imported
only once the arguments say they are needed, so ``--version`` and the command
line stay quick and the first window appears fast.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from linkworker import __version__
from linkworker.paths import AppPaths, private_dir, private_file, tighten_files

if TYPE_CHECKING:
    import argparse
    import datetime as dt

    from linkworker.domain.directory import DirectoryFacets, SearchPage
    from linkworker.services.context import Services
    from linkworker.services.encryption import Key
    from linkworker.services.settings import SettingsStore

log = logging.getLogger("linkworker")

_crash_file: IO[str] | None = None
#: This run's marker (open and locked while it runs) and its path; see mark_running().
_marker: tuple[int, Path] | None = None
#: Marker files left by runs that have not ended cleanly, in the logs folder.
MARKER_PREFIX = "running-"
#: The file a window holds locked while it is open (see claim_window()), in the logs folder.
WINDOW_CLAIM = "window.lock"
_window_claim: int | None = None

DEMO_WITH_DATA_DIR = (
    "--demo and --data-dir cannot be used together: the demo runs on a throwaway copy of "
    "sample data that is removed when it closes, and --data-dir is where real data lives. "
    "Leave out one of them."
)


class WindowOptions(NamedTuple):
    """How to start the window, from arguments that hold nothing else (:func:`window_options`)."""

    data_dir: Path | None = None
    demo: bool = False
    smoke: bool = False
    command: None = None  # no command: the window
    database_url: str | None = None


def window_options(argv: list[str]) -> WindowOptions | None:
    """``--data-dir``, ``--demo`` and ``--smoke`` when ``argv`` holds only those; else None.

    The usual ways to start the window are read here, without building the full
    parser (the command line's modules, and help text looked up through gettext),
    which the window need not wait for. Anything else (a command, help, the version,
    a mistake, --demo with --data-dir) goes to :func:`build_parser`, which explains it.
    """
    data_dir: Path | None = None
    database_url: str | None = None
    demo = smoke = False
    rest = iter(argv)
    for arg in rest:
        if arg == "--demo":
            demo = True
        elif arg == "--smoke":
            smoke = True
        elif arg == "--data-dir" or arg.startswith("--data-dir="):
            value = next(rest, "") if arg == "--data-dir" else arg.partition("=")[2]
            if not value or value.startswith("-"):
                return None
            data_dir = Path(value)
        elif arg == "--database-url" or arg.startswith("--database-url="):
            value = next(rest, "") if arg == "--database-url" else arg.partition("=")[2]
            if not value or value.startswith("-"):
                return None
            database_url = value
        else:
            return None
    if demo and (data_dir is not None or database_url is not None):
        return None
    return WindowOptions(data_dir, demo, smoke, database_url=database_url)


def build_parser() -> argparse.ArgumentParser:
    """The arguments of the window and of the command line's commands."""
    import argparse

    from linkworker.cli import add_commands
    from linkworker.cli.options import add_passphrase_option

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
        "--database-url",
        metavar="URL",
        help="use the team database at URL (postgresql+psycopg://user@server/database) "
        "instead of the data file; also LINKWORKER_DATABASE_URL, or Settings, Team database",
    )
    add_passphrase_option(parser, suppress=False)
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


def setup_logging(paths: AppPaths, *, verbose: bool = False, hold: bool = False) -> None:
    """A rotating log file and a faulthandler crash log under ``paths.logs_dir``.

    Log lines go to the file only, never to the terminal: a command prints what
    is meant for its reader and nothing else. Python's warnings go to the file too.
    When the folder cannot be written no log is kept, and that is said once.

    With ``hold`` (the window, until it is on screen) the crash log starts now but
    records wait in memory until :func:`start_log_file`: the rotating handler's
    module brings sockets and pickling with it, which the window need not wait for.
    """
    global _crash_file
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for old in list(root.handlers):
        if getattr(old, "_linkworker", False):
            root.removeHandler(old)
            old.close()
    try:
        private_dir(paths.logs_dir)
        tighten_files(paths.logs_dir)
        handler = _HeldRecords() if hold else _log_file(paths)
        if _crash_file is not None:
            _crash_file.close()
        _crash_file = private_file(paths.crash_log).open("a", encoding="utf-8")
        faulthandler.enable(file=_crash_file, all_threads=True)
    except OSError as exc:
        handler = logging.NullHandler()
        # A data folder that cannot be made is explained when the data is opened.
        if paths.data_dir.is_dir() or not paths.logs_dir.is_relative_to(paths.data_dir):
            _no_log(paths, exc)
    _add_handler(handler)
    logging.captureWarnings(True)


def start_log_file(paths: AppPaths) -> None:
    """Write the records held since start-up (``setup_logging(hold=True)``), then carry on there."""
    held = next((h for h in logging.getLogger().handlers if isinstance(h, _HeldRecords)), None)
    if held is None:
        return
    try:
        handler = _log_file(paths)
    except OSError as exc:
        handler = logging.NullHandler()
        _no_log(paths, exc)
    logging.getLogger().removeHandler(held)
    _add_handler(handler)
    for record in held.records:
        handler.handle(record)


class _HeldRecords(logging.Handler):
    """Log records kept in memory until the log file is opened."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _log_file(paths: AppPaths) -> logging.Handler:
    import logging.handlers

    class PrivateLog(logging.handlers.RotatingFileHandler):
        """A rotating log whose every file is the user's alone, whatever the umask."""

        def _open(self) -> Any:
            private_file(Path(self.baseFilename))
            return super()._open()

    return PrivateLog(paths.log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")


def _add_handler(handler: logging.Handler) -> None:
    from linkworker.errors import PersonalDataFilter

    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PersonalDataFilter())
    handler._linkworker = True  # type: ignore[attr-defined]
    logging.getLogger().addHandler(handler)


def _no_log(paths: AppPaths, exc: OSError) -> None:
    print(
        f"linkworker: no log is kept this time: {paths.logs_dir} cannot be written "
        f"({exc.strerror}).",
        file=sys.stderr,
    )


def resolve_paths(args: argparse.Namespace | WindowOptions) -> tuple[AppPaths, Path | None]:
    """The folders to use, and a throwaway folder to remove on exit (``--demo``)."""
    if args.demo:
        import tempfile

        demo_root = Path(tempfile.mkdtemp(prefix="linkworker-demo-"))
        return AppPaths.under(demo_root), demo_root
    if args.data_dir:
        return AppPaths.under(args.data_dir), None
    return AppPaths.for_user(), None


def _open_services(
    paths: AppPaths, settings: SettingsStore, key: Key | None, url: str | None = None
) -> Services:
    """Open the data; imported here, after the window is shown, to keep start-up quick."""
    from linkworker.services.context import open_services

    return open_services(paths, settings, key=key, url=url)


def _team_url(given: str | None) -> Callable[[SettingsStore], str | None]:
    """Where the team database is: ``given``, the environment, or Settings (None: none)."""

    def find(settings: SettingsStore) -> str | None:
        from linkworker.services.team_database import team_url

        return team_url(given, settings)

    return find


def _first_look(
    paths: AppPaths, limit: int, key: Key | None
) -> tuple[SearchPage, DirectoryFacets] | None:
    """The directory's first page and its filters' choices, read while the data layer loads."""
    from linkworker.services.first_look import first_directory_page

    return first_directory_page(paths, limit, key)


def given_passphrase(args: argparse.Namespace | WindowOptions) -> str | None:
    """The passphrase from ``LINKWORKER_PASSPHRASE`` or ``--passphrase-file``, if given."""
    file: Path | None = getattr(args, "passphrase_file", None)
    if file is not None:
        with contextlib.suppress(OSError, IndexError):
            return file.read_text(encoding="utf-8").splitlines()[0]
    return os.environ.get("LINKWORKER_PASSPHRASE") or None


def file_in_the_way(folder: Path) -> Path | None:
    """The file standing where ``folder``, or a folder above it, would have to be."""
    for place in (folder, *folder.parents):
        if place.exists():
            return None if place.is_dir() else place
    return None


def _refuse_file_as_data_dir(folder: Path) -> bool:
    """Say plainly when --data-dir names a file; True when it did."""
    found = file_in_the_way(folder)
    if found is None:
        return False
    if found == folder:
        problem = f"{folder} is a file, not a folder."
    else:
        problem = f"{found} is a file, so the folder {folder} cannot be made inside it."
    print(
        f"linkworker: {problem}\nGive --data-dir a folder: one that exists, or a new name "
        "and the folder is made.",
        file=sys.stderr,
    )
    return True


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``linkworker`` and ``python -m linkworker``."""
    started = time.perf_counter()
    argv = sys.argv[1:] if argv is None else argv
    args: argparse.Namespace | WindowOptions | None = window_options(argv)
    if args is None:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.demo and args.data_dir:
            parser.error(DEMO_WITH_DATA_DIR)
    if args.data_dir and _refuse_file_as_data_dir(args.data_dir):
        return 2
    paths, throwaway = resolve_paths(args)
    setup_logging(paths, hold=not args.command)
    log.info("Link Worker %s starting (data in %s)", __version__, paths.data_dir)
    crashed = mark_running(paths)
    try:
        if crashed is not None:
            log.warning("The run that started %s did not end cleanly.", crashed)
        passphrase = given_passphrase(args)
        if args.demo:
            # Sample data in a throwaway folder, encrypted all the same, under a
            # passphrase made here and never shown.
            import secrets

            from linkworker.services.demo import fill_demo

            passphrase = secrets.token_urlsafe(24)
            fill_demo(paths, passphrase)
        if not isinstance(args, WindowOptions) and args.command:
            from linkworker import cli

            if crashed is not None:
                print(f"linkworker: {crash_notice(crashed, paths)}", file=sys.stderr)
            return cli.run(args, paths)
        from linkworker.ui.application import run_gui

        return run_gui(
            paths,
            _open_services,
            first_look=_first_look,
            first_window=claim_window(paths),
            on_shown=lambda: start_log_file(paths),
            demo=args.demo,
            smoke=args.smoke,
            started=started,
            previous_crash=None if crashed is None else paths.crash_log,
            passphrase=passphrase,
            team_url=None if args.demo else _team_url(args.database_url),
        )
    finally:
        start_log_file(paths)  # if the window never came up
        release_window()
        unmark_running()
        logging.shutdown()
        if throwaway is not None:
            import shutil

            shutil.rmtree(throwaway, ignore_errors=True)


# A run that never ended ------------------------------------------------------------
#
# Each run leaves a marker file in the logs folder, private to the user, and holds a
# lock on it while it runs; a clean exit empties and removes it. A marker that still
# has its start time and that nobody holds belongs to a run that crashed or was
# killed: the next start says so once, with where the crash log is, and removes it.
# The lock, rather than a process id, tells a live run from a dead one: several runs
# (the window and a command) may share a folder, and the system frees the lock of a
# process however it ends.


def crash_notice(started: dt.datetime, paths: AppPaths) -> str:
    """What the next start tells the user about a run that never ended."""
    return (
        f"Link Worker stopped unexpectedly last time (the run started {started:%d/%m/%Y} at "
        f"{started:%H:%M}). Anything it could record is in the crash log: {paths.crash_log}"
    )


def mark_running(paths: AppPaths) -> dt.datetime | None:
    """Leave this run's marker; returns when an earlier run that never ended started.

    With several such runs, the latest. Markers are removed once reported, so each
    crash is told once. When the logs folder cannot be written, nothing is marked.
    """
    global _marker
    import tempfile

    crashed: dt.datetime | None = None
    with contextlib.suppress(OSError):
        markers = (p for p in paths.logs_dir.iterdir() if p.name.startswith(MARKER_PREFIX))
        for marker in sorted(markers):
            started = _abandoned(marker)
            if started is not None:
                crashed = started if crashed is None else max(crashed, started)
        fd, name = tempfile.mkstemp(prefix=MARKER_PREFIX, dir=paths.logs_dir)  # mode 0600
        _marker = (fd, Path(name))
        _lock(fd, wait=True)  # a starting run may be looking at it for a moment
        # As datetime's isoformat() writes it, without loading datetime before the window.
        os.write(fd, time.strftime("%Y-%m-%dT%H:%M:%S").encode())
    return crashed


def unmark_running() -> None:
    """Remove this run's marker: it ended cleanly."""
    global _marker
    if _marker is None:
        return
    fd, path = _marker
    _marker = None
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)  # an empty marker is never taken for a crash
    with contextlib.suppress(OSError):
        path.unlink()  # while still held, where the system allows it
    os.close(fd)
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _abandoned(marker: Path) -> dt.datetime | None:
    """When the run that left ``marker`` started, if it has ended without removing it.

    None while that run still holds it, or when it holds no start time yet (a run
    starting this moment).
    """
    import datetime as dt

    try:
        fd = os.open(marker, os.O_RDWR)
    except OSError:
        return None
    try:
        if not _lock(fd, wait=False):
            return None
        text = os.read(fd, 64).decode("ascii", "replace").strip()
        modified = os.fstat(fd).st_mtime
    finally:
        os.close(fd)
    if not text and time.time() - modified < 60:
        return None
    marker.unlink(missing_ok=True)
    if not text:  # it died before writing its start, or could not remove its marker
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromtimestamp(modified)


def claim_window(paths: AppPaths) -> bool:
    """Claim the data folder for this window; False when another window has it.

    One window per data folder: a later launch asks the first to come forward, over
    a local socket (``ui/single_instance.py``). The claim, a lock on a file in the
    logs folder that the system frees however the process ends, tells a first launch
    from a later one without loading QtNetwork, so the first window need not wait for
    it. When the file cannot be made, False: the window asks, as a later launch does.
    """
    global _window_claim
    try:
        fd = os.open(paths.logs_dir / WINDOW_CLAIM, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return False
    if not _lock(fd, wait=False):
        os.close(fd)
        return False
    _window_claim = fd
    return True


def release_window() -> None:
    """Let go of the claim taken by claim_window() (the window has closed)."""
    global _window_claim
    if _window_claim is not None:
        os.close(_window_claim)
        _window_claim = None


def _lock(fd: int, *, wait: bool) -> bool:
    """Take the lock on an open marker; False when another run holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
