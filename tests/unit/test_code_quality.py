"""The project's own rules, checked with the tests: layers, lint, types, packaging."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_layer_contracts_hold() -> None:
    """ui -> services -> data; Qt only in ui; no SQLAlchemy in ui (import-linter)."""
    result = _run(str(BIN / "lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 5 kept, 0 broken." in result.stdout


def test_ruff_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    result = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_listed_for_installation() -> None:
    """pyproject lists packages by hand (resources/ maps into the package); none forgotten."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "linkworker").rglob("__init__.py")
    }
    found.add("linkworker.resources")
    assert found == listed


def test_no_import_time_side_effects() -> None:
    """Importing the app creates no folders, opens no database and imports no Qt."""
    code = (
        "import sys, linkworker.app, linkworker.cli;"
        "print(any(m.startswith(('PySide6', 'reportlab')) for m in sys.modules))"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
