"""The directory in and out from a terminal: feeds, files, zips and exports, end to end.

The feed is served by a real HTTP server on 127.0.0.1 started here; the app is
run through ``linkworker.app.main`` over a real data folder.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from linkworker.app import main
from tests.data.test_directory_import import page, service


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


class Feed:
    """An ORUK 3.0 API on 127.0.0.1: ``/services`` in pages of two, and what was asked."""

    def __init__(self, services: list[dict[str, Any]]) -> None:
        self.services = services
        self.queries: list[dict[str, list[str]]] = []
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query)
                feed.queries.append(query)
                if url.path.rstrip("/") != "/api/services":
                    self.send_error(404)
                    return
                wanted = feed.services
                if "modified_after" in query:
                    since = query["modified_after"][0]
                    wanted = [s for s in wanted if s.get("last_modified", "") > since]
                size = 2
                number = int(query.get("page", ["1"])[0])
                chunk = wanted[(number - 1) * size : number * size]
                pages = max(1, -(-len(wanted) // size))
                body = page(chunk)
                body.update(
                    total_items=len(wanted),
                    total_pages=pages,
                    page_number=number,
                    size=size,
                    first_page=number == 1,
                    last_page=number >= pages,
                )
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed() -> Iterator[Feed]:
    served = Feed([service(n, last_modified="2026-01-01T09:00:00Z") for n in range(1, 6)])
    yield served
    served.close()


def test_a_feed_is_imported_then_refreshed_with_only_what_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, feed: Feed
) -> None:
    data = tmp_path / "data"
    code, out = run(capsys, "directory", "import", feed.url, "--data-dir", data)
    assert code == 0, out
    assert "Imported: 5 new, 0 changed, 0 withdrawn." in out
    assert all("modified_after" not in q for q in feed.queries)

    # The council changes one service's email a day later.
    feed.services[2] = service(3, email="new@example.org", last_modified="2999-01-01T00:00:00Z")
    feed.queries.clear()
    code, out = run(capsys, "directory", "import", feed.url, "--data-dir", data)

    assert code == 0, out
    assert any("modified_after" in q for q in feed.queries)
    assert "Only changes since" in out
    assert "Imported: 0 new, 1 changed, 0 withdrawn." in out  # nothing withdrawn by a partial read
    code, out = run(capsys, "directory", "search", "Riverside", "--json", "--data-dir", data)
    assert json.loads(out)["total"] == 5


def test_a_dry_run_of_a_feed_saves_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, feed: Feed
) -> None:
    data = tmp_path / "data"
    code, out = run(capsys, "directory", "import", feed.url, "--dry-run", "--data-dir", data)
    assert code == 0
    assert "If imported: 5 new" in out and "Dry run: nothing was saved." in out
    code, out = run(capsys, "directory", "search", "Riverside", "--json", "--data-dir", data)
    assert json.loads(out)["total"] == 0


def test_problems_stop_an_import_unless_the_good_records_are_chosen(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "page.json"
    source.write_text(json.dumps(page([service(1), service(2, name=""), service(3)])))
    data = tmp_path / "data"

    code, out = run(capsys, "directory", "import", source, "--data-dir", data)
    assert code == 1
    assert "Left out because of problems:" in out and "Nothing imported" in out

    code, out = run(capsys, "directory", "import", source, "--skip-problems", "--data-dir", data)
    assert code == 0
    assert "Imported: 2 new" in out


def test_an_export_imports_back_into_another_directory_unchanged(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    source = tmp_path / "page.json"
    source.write_text(json.dumps(page([service(n) for n in range(1, 4)])))
    assert run(capsys, "directory", "import", source, "--data-dir", first)[0] == 0

    exported = tmp_path / "out.json"
    code, out = run(
        capsys, "directory", "export", exported, "--format", "oruk-json", "--data-dir", first
    )
    assert code == 0 and "Exported 3 assets" in out
    code, out = run(capsys, "directory", "import", exported, "--data-dir", second)
    assert code == 0 and "Imported: 3 new" in out

    def listing(folder: Path) -> list[tuple[str, str, str]]:
        rows = json.loads(
            run(capsys, "directory", "search", "Riverside", "--json", "--data-dir", folder)[1]
        )["results"]
        return sorted((r["name"], r["organisation"], r["district"]) for r in rows)

    assert listing(first) == listing(second)
    # Importing the same export again finds every listing unchanged.
    code, out = run(capsys, "directory", "import", exported, "--data-dir", second)
    assert "Nothing to change" in out


def _table(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def test_a_windows_1252_datapackage_zip_with_missing_tables_is_reported_and_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    services = _table(
        [
            {"id": "s-1", "organization_id": "o-1", "name": "Café Connect",
             "description": "Tea for £1 & a chat", "status": "active"},
            {"id": "s-2", "organization_id": "o-1", "name": "Knit & Natter",
             "description": "<p>Bring <b>wool</b></p>", "status": "active"},
        ]
    )  # fmt: skip
    organisations = _table([{"id": "o-1", "name": "Neston Community Trust"}])
    bundle = tmp_path / "tables.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("export/services.csv", services.encode("cp1252"))
        z.writestr("export/organizations.csv", organisations.encode("cp1252"))
    data = tmp_path / "data"

    code, out = run(capsys, "directory", "import", bundle, "--data-dir", data)

    assert code == 0, out
    assert "Windows-1252" in out
    assert "schedules" in out  # the missing table is named in a note
    assert "Imported: 2 new" in out
    found = run(capsys, "directory", "search", "Connect", "--json", "--data-dir", data)[1]
    assert json.loads(found)["results"][0]["name"] == "Café Connect"


def test_an_unknown_source_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    code = main(["directory", "import", str(odd), "--data-dir", str(tmp_path / "data")])
    captured = capsys.readouterr()
    assert code != 0
    assert "Open Referral" in captured.out + captured.err
