"""Save people one after another, saying each save once it is confirmed, until killed.

Started by ``test_kill_mid_save.py``; each line on stdout is the id of a person
whose save has returned (confirmed to the user).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from linkworker.domain.people import PersonDraft
from linkworker.paths import AppPaths
from linkworker.services.context import open_services
from linkworker.services.encryption import unlock


def main(data_dir: Path, run: int) -> None:
    paths = AppPaths.under(data_dir)
    services = open_services(paths, key=unlock(paths, os.environ["LINKWORKER_PASSPHRASE"]))
    print("open", flush=True)
    for n in range(100_000):
        person = services.people.save_person(
            PersonDraft(
                given_name=f"Run{run}",
                family_name=f"Save{n}",
                notes="what matters: the allotment, the choir " * 20,
            )
        )
        print(person.id, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
