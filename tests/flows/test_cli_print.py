"""``linkworker plan print`` and ``linkworker directory print``, run as a link worker would.

The data is the demo's: invented people (NHS numbers from the 999 test range) and
the sample directory. Every PDF written is read back with pypdf.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from linkworker.app import main
from linkworker.domain.documents import DocumentAction, DocumentKind, DocumentRecord
from linkworker.paths import AppPaths
from linkworker.services.context import open_services

PEGGY = "999 464 6214"  # Peggy Owens: large print (and a hearing loop) in the sample people
SANDRA = "999 457 6690"  # Sandra Bell: easy read


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(demo_data: Path) -> str:
    """A copy of the demo folder for one test."""
    return str(demo_data)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def history(data_dir: str, nhs_number: str) -> tuple[DocumentRecord, ...]:
    services = open_services(AppPaths.under(Path(data_dir)))
    try:
        found = services.people.find_by_nhs_number(nhs_number)
        assert found is not None
        return services.documents.history(found.id)
    finally:
        services.close()


def pages(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def font_sizes(path: Path) -> set[float]:
    sizes: set[float] = set()
    for page in PdfReader(path).pages:
        contents = page.get_contents()
        assert contents is not None
        sizes |= {float(s) for s in re.findall(rb"/\S+ ([\d.]+) Tf", contents.get_data())}
    return sizes


def saved_pages(out: str, what: str, path: Path) -> int:
    """The page count in "Saved WHAT (N pages) to PATH" on the first line of ``out``."""
    first = out.splitlines()[0]
    found = re.fullmatch(
        rf"Saved {re.escape(what)} \((\d+) pages?\) to {re.escape(str(path))}", first
    )
    assert found is not None, first
    return int(found.group(1))


# My plan ----------------------------------------------------------------------------------


def test_plan_print_by_nhs_number_saves_the_plan_and_records_it(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "peggy.pdf"
    assert history(data_dir, PEGGY) == ()

    code, out, err = run(
        capsys, "--data-dir", data_dir, "plan", "print", PEGGY.replace(" ", ""), "-o", str(target)
    )

    assert code == 0, err
    text = pages(target)
    assert saved_pages(out, "My plan for Peggy Owens", target) == len(text)
    assert text[0].startswith("My plan Peggy Owens")
    assert "Sing again, like I did with Ron." in " ".join(text)
    assert "464 6214" not in " ".join(text) and "4646214" not in " ".join(text)
    # Peggy needs large print, so she gets it without asking, and is told so.
    assert "In large print, as their access needs ask." in out
    assert min(font_sizes(target)) >= 16
    assert sorted(os.listdir(out_dir)) == ["peggy.pdf"]  # no temporary file left behind

    (record,) = history(data_dir, PEGGY)
    assert record.kind is DocumentKind.MY_PLAN
    assert record.action is DocumentAction.SAVED
    assert record.options == "large print"


def test_plan_print_by_name_prints_the_same_person(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "sandra.pdf"

    code, out, err = run(
        capsys, "--data-dir", data_dir, "plan", "print", "sandra bell", "-o", str(target)
    )

    assert code == 0, err
    assert saved_pages(out, "My plan for Sandra Bell", target) == len(pages(target))
    assert [record.options for record in history(data_dir, SANDRA)] == ["easy read"]


def test_plan_print_with_options_uses_them_and_records_them(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "sandra.pdf"
    code, out, err = run(
        capsys,
        "plan",
        "print",
        SANDRA,
        "-o",
        str(target),
        "--large-print",
        "--high-contrast",
        "--data-dir",
        data_dir,
    )

    assert code == 0, err
    assert saved_pages(out, "My plan for Sandra Bell", target) == len(pages(target))
    assert "access needs" not in out  # what was asked for, not her defaults
    assert min(font_sizes(target)) >= 16
    (record,) = history(data_dir, SANDRA)
    assert record.options == "large print, high contrast"


def test_a_second_save_replaces_the_file_and_adds_to_the_record(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "plan.pdf"
    target.write_bytes(b"an old file")
    for flags in ((), ("--easy-read",)):
        code, _, err = run(
            capsys, "--data-dir", data_dir, "plan", "print", PEGGY, "-o", str(target), *flags
        )
        assert code == 0, err
    assert target.read_bytes().startswith(b"%PDF-")
    newest, oldest = history(data_dir, PEGGY)
    assert (newest.options, oldest.options) == ("easy read", "large print")


# Directory sheets --------------------------------------------------------------------------


def test_directory_print_of_a_category_is_a_booklet_of_it(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "music.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "print",
        "--category",
        "music",
        "-o",
        str(target),
    )

    assert code == 0, err
    text = pages(target)
    assert saved_pages(out, "the booklet “Music”", target) == len(text)
    assert text[0].startswith("Music")
    everything = " ".join(text)
    for name in ("Port Community Choir", "Sing and Remember", "Ukulele Strummers"):
        assert name in everything, name
    assert "Knit and Natter" not in everything


def test_directory_print_of_an_asset_by_id_or_name_is_one_page(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    services = open_services(AppPaths.under(Path(data_dir)))
    try:
        (row,) = services.directory.search().rows[:1]
        asset_id, name = row.id, row.name
    finally:
        services.close()

    by_id = out_dir / "by-id.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "print",
        "--asset",
        str(asset_id),
        "-o",
        str(by_id),
    )
    assert code == 0, err
    assert saved_pages(out, f"the sheet for {name}", by_id) == 1
    (text,) = pages(by_id)
    assert name in text

    by_name = out_dir / "by-name.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "print",
        "--asset",
        name.upper(),
        "-o",
        str(by_name),
    )
    assert code == 0, err
    assert pages(by_name) == [text]


def test_directory_print_of_an_area_names_it_in_the_title(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "ch2.pdf"
    code, out, err = run(
        capsys, "--data-dir", data_dir, "directory", "print", "--area", "ch2", "-o", str(target)
    )
    assert code == 0, err
    assert saved_pages(out, "the booklet “Community groups near CH2”", target) == len(pages(target))


# When it cannot be done ------------------------------------------------------------------------


def test_an_unknown_person_is_named_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "nobody.pdf"
    code, out, err = run(
        capsys, "--data-dir", data_dir, "plan", "print", "999 000 0018", "-o", str(target)
    )
    assert code == 1 and out == ""
    assert "No one with NHS number 999 000 0018 is on the caseload." in err
    assert os.listdir(out_dir) == []


def test_an_unknown_category_lists_the_real_ones(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "cookery.pdf"
    code, out, err = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "print",
        "--category",
        "Cookery",
        "-o",
        str(target),
    )
    assert code == 1 and out == ""
    assert "There is no category “Cookery” in the directory." in err
    assert "Walking and exercise" in err and "Music" in err and "Sheds" in err
    assert os.listdir(out_dir) == []


def test_an_unknown_asset_is_named(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "x.pdf"
    code, _, err = run(
        capsys,
        "--data-dir",
        data_dir,
        "directory",
        "print",
        "--asset",
        "Tea Dance",
        "-o",
        str(target),
    )
    assert code == 1
    assert "No asset called “Tea Dance” is in the directory." in err
    assert os.listdir(out_dir) == []


def test_a_missing_output_folder_is_named_and_not_created(
    capsys: pytest.CaptureFixture[str], data_dir: str, out_dir: Path
) -> None:
    target = out_dir / "no such folder" / "peggy.pdf"
    code, out, err = run(capsys, "--data-dir", data_dir, "plan", "print", PEGGY, "-o", str(target))
    assert code == 1 and out == ""
    assert f"the folder {target.parent} does not exist" in err
    assert os.listdir(out_dir) == []
    assert history(data_dir, PEGGY) == ()  # nothing saved, nothing recorded


def test_a_folder_that_cannot_be_written_is_named(
    capsys: pytest.CaptureFixture[str],
    data_dir: str,
    out_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # as a read-only folder would
    code, out, err = run(
        capsys, "--data-dir", data_dir, "plan", "print", PEGGY, "-o", str(out_dir / "p.pdf")
    )
    monkeypatch.undo()

    assert code == 1 and out == ""
    assert f"you may not save files in {out_dir}" in err
    assert os.listdir(out_dir) == []
    assert history(data_dir, PEGGY) == ()


def test_a_full_disk_leaves_the_old_file_and_no_half_written_one(
    capsys: pytest.CaptureFixture[str],
    data_dir: str,
    out_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = out_dir / "peggy.pdf"
    target.write_bytes(b"last week's plan")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = run(capsys, "--data-dir", data_dir, "plan", "print", PEGGY, "-o", str(target))

    assert code == 1 and out == ""
    assert f"The disk is full, so {target} was not saved." in err
    assert target.read_bytes() == b"last week's plan"
    assert os.listdir(out_dir) == ["peggy.pdf"]
    monkeypatch.undo()
    assert history(data_dir, PEGGY) == ()
