"""Where the application keeps its files.

By default the folders ``platformdirs`` gives the user; with ``--data-dir``
(tests, ``--demo``, a shared drive) everything lives under one folder.

What the application writes there is the user's alone, whatever the umask:
folders 0700, files 0600 (POSIX systems; Windows keeps its own permissions).
Exports take :data:`EXPORT_FILE_MODE`, the one place to change who may read them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "LinkWorker"

#: Folders the application makes: the user alone may open them.
PRIVATE_DIR_MODE = 0o700
#: Files the application writes in its folders: the user alone may read them.
PRIVATE_FILE_MODE = 0o600
#: Files the user exports (CSV, JSON, PDF, calendar). The one place to change who may read them.
EXPORT_FILE_MODE = 0o600

#: Permissions are set only where the system has POSIX modes (Windows keeps its own).
_POSIX = os.name == "posix"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AppPaths:
    """Every folder and file the application writes."""

    data_dir: Path
    backups_dir: Path
    logs_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "linkworker.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def downloads_dir(self) -> Path:
        """Where feed pages wait while an import checks them (emptied when it ends)."""
        return self.data_dir / "downloads"

    @property
    def log_file(self) -> Path:
        return self.logs_dir / "linkworker.log"

    @property
    def crash_log(self) -> Path:
        return self.logs_dir / "crash.log"

    @property
    def lock_name(self) -> str:
        """Where the window listens for a later launch here (see :func:`lock_name`)."""
        return lock_name(self)

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """All folders inside ``root``."""
        root = root.expanduser().absolute()
        return cls(
            data_dir=root, backups_dir=root / "backups", logs_dir=root / "logs", config_dir=root
        )

    @classmethod
    def for_user(cls) -> AppPaths:
        """The user's own folders, as the operating system expects them."""
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        data = Path(dirs.user_data_dir)
        return cls(
            data_dir=data,
            backups_dir=data / "backups",
            logs_dir=Path(dirs.user_log_dir),
            config_dir=Path(dirs.user_config_dir),
        )

    def all_dirs(self) -> tuple[Path, ...]:
        return (self.data_dir, self.backups_dir, self.logs_dir, self.config_dir)


#: The longest path a local socket may have (sun_path holds 108 bytes on Linux, 104 elsewhere).
_SOCKET_PATH_MAX = 100


def lock_name(paths: AppPaths) -> str:
    """The local socket a window listens on, which no other account can take first.

    On POSIX systems it is a path inside a folder only the user may open (the
    logs folder, or when that path is too long for a socket, a private folder
    for this user under the system's runtime or temporary folder): another
    account can neither make it first nor connect to it. Elsewhere it is a name
    no other account can guess: a random token kept in a private file in the
    logs folder.
    """
    import hashlib

    digest = hashlib.sha256(str(paths.data_dir.resolve()).encode()).hexdigest()[:16]
    if _POSIX:
        private_dir(paths.logs_dir)
        near = paths.logs_dir / "window.socket"
        if len(os.fsencode(near)) <= _SOCKET_PATH_MAX:
            return str(near)
        return str(_runtime_dir() / f"lw-{digest}.socket")
    return f"linkworker-{digest}-{_token(paths.logs_dir / 'window.key')}"


def let_go_of_lock_name(name: str) -> None:
    """After the window's socket is closed: remove its runtime folder if it holds nothing more."""
    if not _POSIX or not os.path.isabs(name):
        return
    folder = Path(name).parent
    if folder.name == f"linkworker-{os.getuid()}":
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: another window may still listen there


def _runtime_dir() -> Path:
    """A folder of this user's own for sockets, checked to be theirs alone.

    Under the user's runtime folder, else the system's temporary folder.
    """
    import tempfile

    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"linkworker-{os.getuid()}"
    if len(os.fsencode(folder)) > _SOCKET_PATH_MAX - 30:
        folder = Path("/tmp", folder.name)  # a temporary folder set deep: /tmp is short
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=PRIVATE_DIR_MODE)
    found = folder.lstat()
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another account")
    _tighten(folder, PRIVATE_DIR_MODE)
    return folder


def _token(path: Path) -> str:
    """A random token kept in ``path`` (made private on first use)."""
    import secrets

    private_dir(path.parent)
    with contextlib.suppress(OSError):
        token = path.read_text(encoding="ascii").strip()
        if len(token) >= 32:
            return token
    token = secrets.token_hex(16)
    private_file(path).write_text(token, encoding="ascii")
    return token


def private_dir(folder: Path) -> Path:
    """Make ``folder`` and give it :data:`PRIVATE_DIR_MODE`, whatever the umask.

    Any parents it needs are made with that mode too (the application's own);
    a folder already there with a looser mode is tightened.
    """
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for made in reversed(missing):
        made.mkdir(exist_ok=True, mode=PRIVATE_DIR_MODE)
    for made in missing:
        _tighten(made, PRIVATE_DIR_MODE)
    return folder


def private_file(path: Path) -> Path:
    """Create ``path`` empty if need be, and give it :data:`PRIVATE_FILE_MODE`.

    For files another library opens by name (SQLite, the log): made first with
    the mode, so no other account can read them even for a moment.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
    os.close(fd)
    _tighten(path, PRIVATE_FILE_MODE)
    return path


def make_file_private(path: Path, *, new: bool = False) -> None:
    """Give an existing file :data:`PRIVATE_FILE_MODE` (a missing one is left missing).

    ``new``: the file was only just made (by a library that follows the umask),
    so setting its mode is not worth a line in the log.
    """
    with contextlib.suppress(FileNotFoundError):
        _tighten(path, PRIVATE_FILE_MODE, announce=not new)


def tighten_files(folder: Path) -> None:
    """Give every file and folder under ``folder`` the private modes (symlinks not followed)."""
    if not _POSIX or not folder.is_dir():
        return
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            if not os.path.islink(os.path.join(root, name)):
                _tighten(Path(root, name), PRIVATE_DIR_MODE)
        for name in files:
            if not os.path.islink(os.path.join(root, name)):
                make_file_private(Path(root, name))


#: Files the user exports when they have chosen to share them with their group.
SHARED_EXPORT_FILE_MODE = 0o640
_export_file_mode = EXPORT_FILE_MODE


def share_exports_with_group(shared: bool) -> None:
    """The user's choice for this process: exports readable by their group too, or by them alone.

    Only exports: the database, backups, settings and logs stay the user's alone.
    """
    global _export_file_mode
    _export_file_mode = SHARED_EXPORT_FILE_MODE if shared else EXPORT_FILE_MODE


def export_mode(file: int | str | Path) -> None:
    """Give an export's temporary file (open descriptor or name) the export mode.

    :data:`EXPORT_FILE_MODE` (the user alone) unless the user chose to share exports
    with their group (:func:`share_exports_with_group`). Called before the file is moved
    to its name, which keeps the mode.
    """
    if _POSIX:
        os.chmod(file, _export_file_mode)


def save_export(path: Path, data: bytes) -> None:
    """Save ``data`` at ``path`` whole or not at all, with the export mode.

    Written to a temporary file beside ``path``, flushed to disk, then put in its
    place. Raises OSError (disk full, no permission...) with nothing left behind: the
    temporary file is removed and any earlier file at ``path`` is untouched.
    """
    import tempfile

    fd, name = tempfile.mkstemp(prefix=".linkworker-", suffix=".part", dir=path.parent)
    try:
        export_mode(fd)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _tighten(path: Path, mode: int, *, announce: bool = True) -> None:
    """Set ``mode`` on ``path`` when it differs; the log says so, naming only the kind of thing."""
    if not _POSIX:
        return
    found = path.stat().st_mode
    current = stat.S_IMODE(found)
    if current == mode:
        return
    kind = "folder" if stat.S_ISDIR(found) else "file"
    try:
        os.chmod(path, mode)
    except OSError as exc:  # a shared drive or a file system without modes: carry on
        log.warning("Could not set a %s's permissions to %o (%s)", kind, mode, exc.strerror)
        return
    if announce and current & ~mode:
        log.info("Tightened a %s's permissions from %o to %o", kind, current, mode)
