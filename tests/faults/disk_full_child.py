"""Run inside a small file system of its own: fill it, save and back up, free it, save again.

Started by ``test_disk_full.py`` as a separate process (in a mount namespace holding a
small tmpfs). Prints one JSON object saying what happened at each step.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from pathlib import Path

from linkworker import errors
from linkworker.domain.audit import AuditFilter
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.backup import check_database
from linkworker.services.context import open_services
from linkworker.services.encryption import unlock


def _fill(path: Path) -> int:
    """Write zeros to ``path`` until the file system is full; the bytes written."""
    written = 0
    block = b"\0" * 65536
    with path.open("wb", buffering=0) as ballast:
        while True:
            try:
                written += ballast.write(block)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                if len(block) == 1:
                    return written
                block = block[: len(block) // 2]


def _attempt(what: object) -> dict[str, str]:
    try:
        what() if callable(what) else None
    except errors.UserFacingError as exc:
        return {"error": type(exc).__name__, "message": exc.message, "advice": exc.advice}
    return {"error": ""}


def main(root: Path) -> None:
    paths = AppPaths.under(root / "data")
    key = unlock(paths, os.environ["LINKWORKER_PASSPHRASE"])  # encrypted, as every folder is
    services = open_services(paths, key=key)
    saved = [
        services.people.save_person(PersonDraft(given_name=f"Test{n}", family_name="Example")).id
        for n in range(10)
    ]
    services.backups.backup_now("start")
    _fill(root / "ballast")
    note = "a long note " * 4000
    report: dict[str, object] = {
        "save": _attempt(
            lambda: [
                services.people.save_person(
                    PersonDraft(given_name=f"More{n}", family_name="Example", notes=note)
                )
                for n in range(50)
            ]
        ),
        "backup": _attempt(lambda: services.backups.backup_now()),
    }
    report["kept_while_full"] = sum(1 for pid in saved if services.people.get_person(pid).id == pid)
    (root / "ballast").unlink()
    after = services.people.save_person(PersonDraft(given_name="After", family_name="Example"))
    report["backup_after"] = services.backups.backup_now().name
    services.close()

    again = open_services(paths, key=key)
    report["kept_after"] = sum(
        1 for pid in [*saved, after.id] if again.people.get_person(pid).id == pid
    )
    report["views_recorded"] = again.audit.count(AuditFilter(action="view"))
    report["chain_unbroken"] = again.audit.verify().broken is None
    again.close()
    report["check"] = check_database(paths.database, key)
    report["partials"] = sorted(p.name for p in paths.backups_dir.glob("*.partial"))
    print(json.dumps(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
