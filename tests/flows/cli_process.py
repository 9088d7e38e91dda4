"""Running ``linkworker`` in a process of its own, as a link worker would in a terminal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def linkworker(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a command on ``data_dir``; its output and exit code, whatever they are."""
    return subprocess.run(
        [sys.executable, "-m", "linkworker", *argv, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
