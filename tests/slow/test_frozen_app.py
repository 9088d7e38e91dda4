"""The PyInstaller bundle builds from build.spec and runs: --version, and a smoke start.

Slow (a full build takes minutes): CI runs it; locally ``pytest -m 'not slow'``
leaves it out. Built once per session into a temporary folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkworker import __version__
from linkworker.data import cipher
from linkworker.interchange.reading import cores
from linkworker.paths import AppPaths
from tests.conftest import made_key

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = sys.platform == "win32"
BUILD_TIMEOUT_S = 900


@pytest.fixture(scope="session")
def dist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the one-folder app once; returns dist/LinkWorker."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            "PyInstaller is not installed in this environment, so the frozen app cannot be "
            "built. Install it with: pip install -e '.[build]'",
            pytrace=False,
        )
    work = tmp_path_factory.mktemp("pyinstaller")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        str(ROOT / "build.spec"),
        "--distpath",
        str(work / "dist"),
        "--workpath",
        str(work / "build"),
    ]
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    took = time.monotonic() - started
    if result.returncode != 0:
        pytest.fail(
            f"PyInstaller failed (exit {result.returncode}) after {took:.0f} s:\n"
            f"{result.stderr[-6000:]}",
            pytrace=False,
        )
    print(f"PyInstaller build took {took:.0f} s")
    app_dir = work / "dist" / "LinkWorker"
    assert app_dir.is_dir(), f"no {app_dir} after the build"
    return app_dir


def _executable(app_dir: Path, console: bool = False) -> Path:
    # On Windows the windowed LinkWorker.exe has no stdout; linkworker-cli.exe does.
    name = ("linkworker-cli" if console else "LinkWorker") if WINDOWS else "LinkWorker"
    exe = app_dir / (name + (".exe" if WINDOWS else ""))
    assert exe.is_file(), f"{exe} is missing from the bundle"
    return exe


def _run(args: list[str], timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **extra)
    return subprocess.run(
        args, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def test_frozen_app_prints_its_version(dist_dir: Path) -> None:
    result = _run([str(_executable(dist_dir, console=True)), "--version"], timeout=60)

    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


def test_frozen_app_starts_creates_its_database_and_shows_the_window(
    dist_dir: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"

    result = _run([str(_executable(dist_dir)), "--smoke", "--data-dir", str(data)])

    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    database = AppPaths.under(data).database
    assert database.is_file(), f"no database under {data}: {sorted(data.rglob('*'))}"
    # The migrations ran from the files shipped in the bundle, into a file encrypted by the
    # SQLCipher the bundle carries.
    assert not cipher.is_plain(database)
    with cipher.opened(database, made_key(database)) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert revision
    assert {"asset", "asset_search"} <= tables


def test_frozen_app_reads_its_bundled_resources(dist_dir: Path, tmp_path: Path) -> None:
    # --demo loads the sample directory through importlib.resources, which must
    # find linkworker/resources/ inside the bundle.
    # The demo's throwaway folder goes in the system's temporary folder: this test's own.
    temp = {"TMP": str(tmp_path), "TEMP": str(tmp_path), "TMPDIR": str(tmp_path)}
    result = _run([str(_executable(dist_dir)), "--demo", "--smoke"], **temp)

    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert "Traceback" not in result.stderr


def test_frozen_app_reads_a_big_file_in_its_helper_process(dist_dir: Path, tmp_path: Path) -> None:
    # Files of 2 MB and more are read in a helper process: in the bundle that is the
    # app started again, which only works if its entry point hands over to
    # multiprocessing before anything else.
    services = [
        {
            "id": f"big-{n}",
            "name": f"Canal Walkers {n}",
            "description": "A gentle walk along the towpath, then tea. " * 12,
            "organization": {"id": f"org-{n % 40}", "name": f"Towpath Trust {n % 40}"},
            "schedules": [{"freq": "WEEKLY", "byday": "WE", "opens_at": "10:00"}],
            "attributes": [{"taxonomy_term": {"name": "Walking"}}],
        }
        for n in range(3000)
    ]
    source = tmp_path / "big.json"
    source.write_text(json.dumps({"total_pages": 1, "contents": services}), encoding="utf-8")
    assert source.stat().st_size > 2_000_000
    data = tmp_path / "data"

    result = _run(
        [
            str(_executable(dist_dir, console=True)),
            "--data-dir",
            str(data),
            "directory",
            "import",
            str(source),
            "--skip-problems",
        ],
        timeout=300,
    )

    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    database = AppPaths.under(data).database
    with cipher.opened(database, made_key(database)) as conn:
        (count,) = conn.execute(
            "SELECT count(*) FROM asset WHERE source_id LIKE 'big-%'"
        ).fetchone()
    assert count == 3000
    log = AppPaths.under(data).log_file.read_text(encoding="utf-8")
    assert "helper stopped before it began" not in log, log[-3000:]
    if cores() > 1:  # with one core the app reads it itself
        assert "Read big in a helper process: 3000 records." in log, log[-3000:]
