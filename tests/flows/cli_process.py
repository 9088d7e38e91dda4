"""Running ``linkworker`` in a process of its own, as a link worker would in a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def linkworker(
    data_dir: Path, *argv: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command on ``data_dir``; its output and exit code, whatever they are.

    ``env``: variables set for this run on top of the test's own (a passphrase, say).
    """
    return subprocess.run(
        [sys.executable, "-m", "linkworker", *argv, "--data-dir", str(data_dir)],
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
