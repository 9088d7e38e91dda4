"""Reading files is bounded: files built to exhaust memory, and files that would merge people.

The brackets and the wide workbook are read in a separate process whose memory is capped,
so a reader that tried to hold them fails there (and this test with it) instead of taking
the machine's memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from people_helpers import NHS

from linkworker import errors
from linkworker.interchange.json_sources import MAX_DEPTH, JsonFileSource
from linkworker.services.csv_reading import MAX_COLUMNS
from linkworker.services.people_csv import read_people_csv

#: Address space for the capped reading process: the interpreter and the readers fit in
#: well under this; what the files used to take (gigabytes) does not.
CAP_BYTES = 1024 * 1024 * 1024

_NS = (
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _read_capped(code: str, path: Path) -> str:
    """Run ``code`` (which reads ``path``) in a process capped at :data:`CAP_BYTES`."""
    body = textwrap.indent(textwrap.dedent(code).strip(), "    ")
    script = "\n".join(
        [
            "import resource, sys",
            f"resource.setrlimit(resource.RLIMIT_AS, ({CAP_BYTES}, {CAP_BYTES}))",
            "from pathlib import Path",
            "from linkworker import errors",
            "path = Path(sys.argv[1])",
            "try:",
            body,
            '    print("READ")',
            "except errors.ImportFailed as exc:",
            '    print("REFUSED", exc)',
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _services(path: Path) -> int:
    return sum(1 for _ in JsonFileSource(path).records())


def test_brackets_within_brackets_are_refused_without_exhausting_memory(tmp_path: Path) -> None:
    deep = tmp_path / "brackets.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert deep.stat().st_size == 200_000
    said = _read_capped(
        """
        from linkworker.interchange.json_sources import JsonFileSource
        sum(1 for _ in JsonFileSource(path).records())
        """,
        deep,
    )
    assert said.startswith("REFUSED brackets.json is not Open Referral"), said
    assert f"nested more than {MAX_DEPTH} deep" in said


def test_a_page_with_one_service_nested_too_deep_is_refused(tmp_path: Path) -> None:
    service = {"name": "Tea and chat", "organization": {"name": "Friends of the Park"}}
    nested: object = "too deep"
    for _ in range(MAX_DEPTH + 5):
        nested = [nested]
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"contents": [service, {**service, "extra": nested}]}))
    with pytest.raises(errors.ImportFailed, match=f"nested more than {MAX_DEPTH} deep"):
        _services(page)
    fine = tmp_path / "fine.json"
    fine.write_text(json.dumps({"contents": [service, service]}))
    assert _services(fine) == 2


def _workbook(path: Path, sheet_rows: str, dimension: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr(
            "xl/workbook.xml",
            f'<workbook {_NS}><sheets><sheet name="Caseload" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        )
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f"<worksheet {_NS}>{dimension}<sheetData>{sheet_rows}</sheetData></worksheet>",
        )
    return path


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def test_a_workbook_with_a_cell_in_its_last_column_is_refused_as_too_wide(
    tmp_path: Path,
) -> None:
    rows = "".join(
        f'<row r="{n}">{_inline(f"A{n}", "given_name" if n == 1 else "Ann")}'
        f'<c r="XFD{n}"><v>1</v></c></row>'
        for n in range(1, 40_001)
    )
    wide = _workbook(tmp_path / "wide.xlsx", rows)
    assert wide.stat().st_size > 250_000
    said = _read_capped(
        """
        from linkworker.services.people_csv import read_people_csv
        read_people_csv(path)
        """,
        wide,
    )
    assert said.startswith("REFUSED wide.xlsx is too wide to read: cell XFD1"), said
    assert f"{MAX_COLUMNS} columns" in said


def test_a_dimension_claiming_the_whole_sheet_reads_only_what_is_there(tmp_path: Path) -> None:
    rows = (
        f'<row r="1">{_inline("A1", "given_name")}{_inline("B1", "family_name")}'
        f"{_inline('C1', 'nhs_number')}</row>"
        f'<row r="2">{_inline("A2", "Ann")}{_inline("B2", "Example")}'
        f'{_inline("C2", NHS[0])}<c r="XFD2"/></row>'
    )
    book = _workbook(tmp_path / "claims.xlsx", rows, dimension='<dimension ref="A1:XFD1048576"/>')
    preview = read_people_csv(book)
    assert [p.given_name for p, _ in preview.rows] == ["Ann"]
    assert not preview.problems


def test_a_quotation_mark_never_closed_is_reported_not_merged(tmp_path: Path) -> None:
    lines = [
        "given_name,family_name,nhs_number",
        f"Ann,Example,{NHS[0]}",
        f'Bea,"Sample,{NHS[1]}',
        f"Cal,Person,{NHS[2]}",
        f"Dot,Instance,{NHS[3]}",
    ]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(errors.ImportFailed) as refused:
        read_people_csv(path)
    assert "a quotation mark at line 3 is never closed" in refused.value.message
    assert "rows after it would run together" in refused.value.message
    closed = tmp_path / "closed.csv"
    closed.write_text("\n".join(lines).replace('"Sample,', '"Sam\nple",') + "\n")
    assert len(read_people_csv(closed).rows) + len(read_people_csv(closed).problems) == 4


#: A file's bytes, and what the note about them shows: UTF-8 that was once read as
#: Windows-1252 and saved again, a character lost before saving, and a file that mixes both.
GARBLED = {
    "saved twice": ("given_name,family_name\nZoë,BrontÃ«\n".encode(), "“Ã«” where “ë” was meant"),
    "lost": ("given_name,family_name\nZoë,Bront\ufffd\n".encode(), "show as “\ufffd”"),
    "mixed": (b"given_name,family_name\nZo\xeb,Bront\xc3\xab\n", "“Ã«” where “ë” was meant"),
}


@pytest.mark.parametrize(("data", "shown"), GARBLED.values(), ids=GARBLED.keys())
def test_text_not_in_the_encoding_it_was_read_as_is_flagged(
    tmp_path: Path, data: bytes, shown: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    preview = read_people_csv(path)
    assert len(preview.rows) == 1
    assert any(shown in warning for warning in preview.warnings), preview.warnings
    path.write_text("given_name,family_name\nZoë,Brontë\n", encoding="utf-8")
    assert not [w for w in read_people_csv(path).warnings if "garbled" in w or "lost" in w]
