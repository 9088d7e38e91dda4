"""The files Link Worker writes are the user's alone, whatever the umask.

Real folders, a real database, real exports: every folder the application makes
is 0700 and every file in them 0600, under a umask of 022 and of 000; exports
are 0600; a folder or database left looser by an earlier version is tightened
when the application starts.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from linkworker.app import main, setup_logging
from linkworker.domain.directory import DirectoryFilter
from linkworker.interchange.oruk3_write import write_oruk3_json
from linkworker.paths import AppPaths, share_exports_with_group
from linkworker.services.context import Services, open_services
from linkworker.services.directory_export import ExportFormat, export_directory
from linkworker.services.sample_data import load_sample_drafts

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

PEGGY = "999 464 6214"  # Peggy Owens in the sample people


def umask_id(value: int) -> str:
    return f"umask-{value:03o}"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes_under(*folders: Path) -> dict[str, int]:
    """Every folder and file under ``folders`` (the folders too), with its mode."""
    found: dict[str, int] = {}
    for folder in folders:
        found[str(folder)] = mode(folder)
        for path in folder.rglob("*"):
            found[str(path)] = mode(path)
    return found


@pytest.fixture
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process umask for one test, put back afterwards."""
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


@pytest.fixture
def separate_paths(tmp_path: Path) -> AppPaths:
    """Data, logs and settings in three folders, as on a user's own computer."""
    data = tmp_path / "share" / "LinkWorker"
    return AppPaths(
        data_dir=data,
        backups_dir=data / "backups",
        logs_dir=tmp_path / "state" / "LinkWorker" / "log",
        config_dir=tmp_path / "config" / "LinkWorker",
    )


@pytest.fixture
def logged(separate_paths: AppPaths) -> Iterator[AppPaths]:
    """The application's log set up over ``separate_paths``; taken down afterwards."""
    setup_logging(separate_paths)
    try:
        yield separate_paths
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_linkworker", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


@pytest.mark.parametrize("umask", [0o022, 0o000], indirect=True, ids=umask_id)
def test_every_folder_is_0700_and_every_file_0600_whatever_the_umask(
    umask: int, logged: AppPaths
) -> None:
    paths = logged
    services = open_services(paths)
    try:
        services.settings.set("user_name", "Priya Link")
        services.directory.add_many(load_sample_drafts())
        services.backups.backup_now()
        logging.getLogger("linkworker.test").info("a line for the log")
        for handler in logging.getLogger().handlers:
            handler.flush()
        wal = Path(f"{paths.database}-wal")
        assert wal.exists() and wal.stat().st_size > 0  # written, not yet checkpointed
        assert Path(f"{paths.database}-shm").exists()
        found = modes_under(*paths.all_dirs())
    finally:
        services.close()
    folders = {p: m for p, m in found.items() if Path(p).is_dir()}
    files = {p: m for p, m in found.items() if not Path(p).is_dir()}
    for made in (paths.database, paths.settings_file, paths.log_file, paths.crash_log):
        assert str(made) in files
    assert any(Path(p).parent == paths.backups_dir for p in files)
    assert set(folders.values()) == {0o700}, folders
    assert set(files.values()) == {0o600}, files


@pytest.mark.parametrize("umask", [0o000], indirect=True, ids=umask_id)
def test_a_folder_and_database_left_open_are_tightened_at_start(
    umask: int, demo_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = AppPaths.under(demo_data)
    for folder in paths.all_dirs():
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o755)
    os.chmod(paths.database, 0o644)
    settings = paths.settings_file
    settings.write_text("{}", encoding="utf-8")
    os.chmod(settings, 0o666)
    assert main(["--data-dir", str(demo_data), "people", "list"]) == 0
    capsys.readouterr()
    found = modes_under(*paths.all_dirs())
    assert {m for p, m in found.items() if Path(p).is_dir()} == {0o700}
    assert {m for p, m in found.items() if not Path(p).is_dir()} == {0o600}
    log = paths.log_file.read_text(encoding="utf-8")
    assert "Tightened a folder's permissions from 755 to 700" in log
    assert "Tightened a file's permissions from 644 to 600" in log
    tightened = [line for line in log.splitlines() if "Tightened" in line]
    assert not any(str(demo_data) in line or "Peggy" in line for line in tightened)


@pytest.fixture
def demo_services(demo_data: Path) -> Iterator[Services]:
    services = open_services(AppPaths.under(demo_data))
    try:
        yield services
    finally:
        services.close()


@pytest.mark.parametrize("umask", [0o022, 0o000], indirect=True, ids=umask_id)
def test_exports_are_0600(
    umask: int,
    demo_services: Services,
    demo_data: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    csv, oruk = out / "directory.csv", out / "directory.json"
    assert export_directory(demo_services.directory, csv, ExportFormat.CSV) > 0
    assert export_directory(demo_services.directory, oruk, ExportFormat.ORUK_JSON) > 0
    calendar = out / "week.ics"
    demo_services.calendar.export(calendar, days=7)
    plan = out / "plan.pdf"
    data = ["--data-dir", str(demo_data)]
    assert main([*data, "plan", "print", PEGGY.replace(" ", ""), "-o", str(plan)]) == 0
    capsys.readouterr()
    written = {p.name: mode(p) for p in out.iterdir()}
    names = ("directory.csv", "directory.json", "week.ics", "plan.pdf")
    assert written == dict.fromkeys(names, 0o600)


@pytest.mark.parametrize("umask", [0o022], indirect=True, ids=umask_id)
def test_an_export_saved_again_is_0600_even_over_an_older_open_file(
    umask: int, demo_services: Services, tmp_path: Path
) -> None:
    target = tmp_path / "directory.csv"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o644)  # as earlier versions left their exports
    export_directory(demo_services.directory, target, ExportFormat.CSV)
    assert mode(target) == 0o600
    assert target.read_text(encoding="utf-8-sig") != "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".directory.csv.")]


@pytest.mark.parametrize("umask", [0o022], indirect=True, ids=umask_id)
def test_a_json_export_whose_counts_are_corrected_is_still_0600(
    umask: int, demo_services: Services, tmp_path: Path
) -> None:
    target = tmp_path / "directory.json"
    details = list(demo_services.directory.details(DirectoryFilter()))
    assert write_oruk3_json(details, target, total=len(details) + 3) == len(details)
    assert json.loads(target.read_text(encoding="utf-8"))["total_items"] == len(details)
    assert mode(target) == 0o600


@pytest.mark.parametrize("umask", [0o000], indirect=True, ids=umask_id)
def test_a_new_data_folder_is_made_private_from_the_start(
    umask: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "new" / "lw-data"
    assert main(["--data-dir", str(root), "people", "list"]) == 0
    capsys.readouterr()
    paths = AppPaths.under(root)
    found = modes_under(tmp_path / "new")
    assert {m for p, m in found.items() if Path(p).is_dir()} == {0o700}
    assert {m for p, m in found.items() if not Path(p).is_dir()} == {0o600}
    assert paths.database.exists() and paths.log_file.exists()
    assert "Tightened" not in paths.log_file.read_text(encoding="utf-8")  # made so, not mended


@pytest.mark.parametrize("umask", [0o077], indirect=True, ids=umask_id)
def test_exports_are_shared_with_the_group_only_when_the_user_chose_it(
    umask: int, demo_data: Path, tmp_path: Path
) -> None:
    paths = AppPaths.under(demo_data)
    chosen = open_services(paths)
    chosen.settings.set("exports_shared_with_group", True)
    chosen.close()
    out = tmp_path / "exports"
    out.mkdir()
    services = open_services(paths)  # the choice is read as the data opens
    try:
        export_directory(services.directory, out / "shared.csv", ExportFormat.CSV)
        services.backups.backup_now()
        services.settings.set("exports_shared_with_group", False)
        share_exports_with_group(False)  # as the Settings page does when it is unticked
        export_directory(services.directory, out / "mine.csv", ExportFormat.CSV)
    finally:
        services.close()
        share_exports_with_group(False)
    assert mode(out / "shared.csv") == 0o640
    assert mode(out / "mine.csv") == 0o600
    # The data itself stays the user's alone whatever exports do.
    assert mode(paths.database) == 0o600
    assert {mode(p) for p in paths.backups_dir.iterdir()} == {0o600}
