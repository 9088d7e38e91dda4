"""Where the application keeps its files.

By default the folders ``platformdirs`` gives the user; with ``--data-dir``
(tests, ``--demo``, a shared drive) everything lives under one folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "LinkWorker"


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
        """A name for the single-instance socket, unique to this data folder."""
        import hashlib

        digest = hashlib.sha1(str(self.data_dir.resolve()).encode()).hexdigest()[:12]
        return f"linkworker-{digest}"

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
