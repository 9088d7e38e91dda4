"""A full disk, for real: a small file system of its own, filled up, then freed.

The child process (``disk_full_child.py``) runs in a mount namespace of its own
holding a 4 MB tmpfs, so nothing outside the test is filled and no root is needed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("disk_full_child.py")
ROOT = Path(__file__).resolve().parents[2]


def _small_file_system_run(tmp_path: Path) -> dict[str, object]:
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.fail("unshare (util-linux) is needed to make a small file system for this test")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    script = (
        f'mount -t tmpfs -o size=4m tmpfs "{mount_point}" && '
        f'exec "{sys.executable}" "{CHILD}" "{mount_point}"'
    )
    found = subprocess.run(
        [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert found.returncode == 0, found.stderr[-3000:]
    return dict(json.loads(found.stdout.strip().splitlines()[-1]))


@pytest.mark.skipif(sys.platform != "linux", reason="a mount namespace is Linux's")
def test_a_full_disk_loses_nothing_says_what_failed_and_recovers(tmp_path: Path) -> None:
    report = _small_file_system_run(tmp_path)
    save = report["save"]
    assert isinstance(save, dict)
    assert save["error"] == "DiskFull"
    assert "Everything saved before it is safe" in save["message"]
    assert "space" in save["advice"]

    backup = report["backup"]
    assert isinstance(backup, dict)
    assert backup["error"] == "DiskFull"
    assert "backup was not made" in backup["message"]
    assert "earlier backups are safe" in backup["message"]

    assert report["kept_while_full"] == 10
    # The ten records seen while the disk was full, and the eleven seen after, are all
    # on the trail: an access that could not be written then was written once it could.
    assert report["views_recorded"] == 21
    assert report["chain_unbroken"] is True
    assert report["kept_after"] == 11  # the ten, and the one saved once space was freed
    assert str(report["backup_after"]).endswith(".sqlite3")
    assert report["check"] == "ok"
    assert report["partials"] == []  # no half-made backup left behind
