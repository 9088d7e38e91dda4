"""``linkworker outcomes forms`` in a process of its own: blank paper forms saved as a PDF,
every published measure or those asked for, in large print when asked."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from tests.flows.cli_process import linkworker


def _text(path: Path) -> list[str]:
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    return [" ".join((p.extract_text() or "").split()) for p in pages]


def test_blank_forms_are_saved_for_the_measures_asked_for(tmp_path: Path) -> None:
    data = tmp_path / "data"
    chosen = tmp_path / "forms.pdf"
    done = linkworker(
        data, "outcomes", "forms", "-o", str(chosen), "--large", "--measure", "ucla3", "lonely"
    )
    assert done.returncode == 0, done.stderr
    assert "Saved blank forms (UCLA three-item loneliness scale, How often do you feel " in (
        done.stdout
    )
    pages = _text(chosen)
    assert len(pages) == 2
    assert "How often do you feel that you lack companionship?" in pages[0]
    assert "☐ Often/always" in pages[1]

    every = tmp_path / "every.pdf"
    done = linkworker(data, "outcomes", "forms", "-o", str(every))
    assert done.returncode == 0, done.stderr
    assert "every published measure; 4 pages" in done.stdout
    assert "Overall, how anxious did you feel yesterday?" in _text(every)[0]


def test_forms_without_a_file_or_with_a_person_say_what_to_write(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = linkworker(data, "outcomes", "forms")
    assert done.returncode != 0 and "outcomes forms -o FILE.pdf" in done.stderr
    done = linkworker(data, "outcomes", "forms", "Tamsin", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode != 0 and "not about anyone" in done.stderr
    assert not (tmp_path / "x.pdf").exists()
