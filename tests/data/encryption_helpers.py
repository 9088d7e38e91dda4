"""What the encryption tests share: a data folder with an invented person, and a byte search."""

from __future__ import annotations

from pathlib import Path

from linkworker.data.cipher import Key
from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import Services, open_services

#: Invented, and rare enough that finding its bytes in a file means it was stored readable.
NAME = "Quenby Marchetti-Oyelaran"
NOTE = "Prefers the Tuesday walking group at Fennimore Park"


def add_person(services: Services) -> None:
    """The invented person, with the note."""
    given, family = NAME.split(" ")
    services.people.save_person(
        PersonDraft(given_name=given, family_name=family, what_matters=NOTE)
    )


def fill(paths: AppPaths, key: Key | None, *, backup: bool = True) -> None:
    """A person with a name and a note, and (``backup``) a backup made after them."""
    services = open_services(paths, key=key)
    try:
        add_person(services)
        if backup:
            services.backups.backup_now()
    finally:
        services.close()


def people_count(paths: AppPaths, key: Key | None) -> int:
    """How many people the folder holds, opened under ``key``."""
    services = open_services(paths, key=key)
    try:
        return services.people.count()
    finally:
        services.close()


def readable_in(*files: Path) -> list[Path]:
    """The files among ``files`` in which the name or the note can be read (UTF-8 or UTF-16)."""
    found = []
    for file in files:
        data = file.read_bytes()
        for text in (NAME, NOTE, NAME.split(" ")[1]):
            if any(text.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be")):
                found.append(file)
                break
    return found


def folder_files(root: Path) -> list[Path]:
    """Every file under ``root`` but the logs (which name no one anyway)."""
    return [p for p in root.rglob("*") if p.is_file() and "logs" not in p.parts]
