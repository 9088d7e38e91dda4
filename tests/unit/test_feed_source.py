"""Reading an ORUK 3.0 feed from a small HTTP server the test starts on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import math
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from linkworker import errors
from linkworker.domain.directory import Day
from linkworker.interchange.feed_source import USER_AGENT, FeedSource, feed_base, utc_text
from linkworker.interchange.reading import read_checked
from linkworker.interchange.records import ReadCancelled, SourceKind


def full_service(number: int) -> dict[str, Any]:
    return {
        "id": f"feed-{number}",
        "name": f"Feed Group {number}",
        "status": "active",
        "last_modified": "2024-05-01T09:00:00Z",
        "organization": {"id": "org-1", "name": "Vale Volunteers"},
        "service_at_locations": [
            {
                "id": f"sal-{number}",
                "location": {
                    "id": f"loc-{number}",
                    "name": "Village hall",
                    "addresses": [
                        {
                            "id": f"adr-{number}",
                            "address_1": f"{number} Dunnock Road",
                            "city": "Ellesmere Port",
                            "postal_code": "CH65 3EF",
                        }
                    ],
                },
            }
        ],
        "schedules": [
            {"id": f"sch-{number}", "freq": "WEEKLY", "byday": "TH", "opens_at": "18:00"}
        ],
        "attributes": [],
    }


@dataclass
class Feed:
    """What the test server serves, and what it was asked."""

    services: list[dict[str, Any]]
    shallow: bool = False
    hang_on_page: int | None = None
    stall_mid_page: int | None = None
    fail_on_page: int | None = None
    status: int = 500
    raw_page: bytes | None = None
    ignore_page: bool = False
    requests: list[tuple[str, dict[str, str], dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def page(self, number: int, per_page: int) -> dict[str, Any]:
        pages = max(1, math.ceil(len(self.services) / per_page))
        if self.ignore_page:
            number = 1
        chunk = self.services[(number - 1) * per_page : number * per_page]
        if self.shallow:
            chunk = [{"id": s["id"], "name": s["name"]} for s in chunk]
        return {
            "total_items": len(self.services),
            "total_pages": pages,
            "page_number": number,
            "size": per_page,
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": not chunk,
            "contents": chunk,
        }


class Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def send_json(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        feed = self.server.feed
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        feed.requests.append((url.path, query, dict(self.headers)))
        if url.path == "/api/services":
            number = int(query.get("page", "1"))
            if number == feed.hang_on_page:
                feed.release.wait(10)
                return
            if number == feed.stall_mid_page:
                body = json.dumps(feed.page(number, int(query.get("per_page", "100")))).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                feed.release.wait(10)
                return
            if number == feed.fail_on_page:
                self.send_json(feed.status, b'{"error": "the feed fell over"}')
                return
            if feed.raw_page is not None:
                self.send_json(200, feed.raw_page)
                return
            body = feed.page(number, int(query.get("per_page", "100")))
            self.send_json(200, json.dumps(body).encode())
            return
        if url.path.startswith("/api/services/"):
            wanted = urllib.parse.unquote(url.path.rsplit("/", 1)[1])
            for service in feed.services:
                if service["id"] == wanted:
                    self.send_json(200, json.dumps(service).encode())
                    return
        self.send_json(404, b'{"error": "not found"}')


class FeedServer(ThreadingHTTPServer):
    def __init__(self, feed: Feed) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.feed = feed

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api"

    def pages_asked(self) -> list[int]:
        return [int(q["page"]) for p, q, _ in self.feed.requests if p == "/api/services"]


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[FeedServer] = []

    def start(feed: Feed) -> FeedServer:
        server = FeedServer(feed)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.feed.release.set()
        server.shutdown()
        server.server_close()


def ids(source: FeedSource) -> list[str]:
    return [r.source_id for r in source.records()]


# -- reading ---------------------------------------------------------------------------------


def test_every_page_is_followed_and_mapped(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 6)]))
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2)
    records = list(source.records())
    assert [r.source_id for r in records] == [f"feed-{n}" for n in range(1, 6)]
    assert server.pages_asked() == [1, 2, 3]
    assert records[4].draft.locations[0].postcode == "CH65 3EF"
    assert records[4].draft.opening_times[0].day is Day.THURSDAY
    assert source.info.kind is SourceKind.ORUK_API
    assert source.info.complete is True
    assert source.info.name == f"127.0.0.1:{server.server_address[1]}/api"


def test_per_page_modified_after_and_headers_are_sent(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(1)]))
    since = dt.datetime(2024, 5, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    source = FeedSource(server.base, modified_after=since, spool_dir=tmp_path, page_size=25)
    assert ids(source) == ["feed-1"]
    path, query, headers = server.feed.requests[0]
    assert path == "/api/services"
    assert query == {"page": "1", "per_page": "25", "modified_after": "2024-05-01T09:30:00Z"}
    assert "LinkWorker directory refresh" in headers["User-Agent"]
    assert headers["Accept"] == "application/json"
    assert source.info.complete is False
    assert "not treated as withdrawn" in source.info.notes[0]


def test_utc_text_takes_a_naive_time_as_utc() -> None:
    assert utc_text(dt.datetime(2024, 1, 2, 3, 4, 5, 678)) == "2024-01-02T03:04:05Z"
    assert "LinkWorker directory refresh" in USER_AGENT


def test_shallow_pages_fetch_each_service_in_full(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 4)], shallow=True))
    calls: list[tuple[int, int]] = []
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2)
    records = list(source.records(progress=lambda d, t: calls.append((d, t))))
    assert [r.source_id for r in records] == ["feed-1", "feed-2", "feed-3"]
    assert all(r.draft.locations[0].postcode == "CH65 3EF" for r in records)
    details = [p for p, _, _ in server.feed.requests if p.startswith("/api/services/")]
    assert details == ["/api/services/feed-1", "/api/services/feed-2", "/api/services/feed-3"]
    # while downloading, progress counts services against total_items
    assert (3, 3) in calls


@pytest.mark.parametrize("suffix", ["/", "/services", "/services/"])
def test_a_base_with_services_or_a_slash_on_the_end_works(
    serve: Any, tmp_path: Path, suffix: str
) -> None:
    server = serve(Feed([full_service(1)]))
    assert ids(FeedSource(server.base + suffix, spool_dir=tmp_path)) == ["feed-1"]
    assert server.feed.requests[0][0] == "/api/services"


def test_a_second_read_uses_the_spool_not_the_feed(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 4)]))
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2)
    first = ids(source)
    asked = len(server.feed.requests)
    assert ids(source) == first
    assert len(server.feed.requests) == asked


def test_once_downloaded_a_feed_can_be_read_in_a_helper_process(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 6)]))
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2)
    assert source.on_disk() is None  # before the check has downloaded it: read here

    here = list(read_checked(source, dt.date(2026, 11, 22), helper=False))
    on_disk = source.on_disk()
    assert on_disk is not None
    assert source.spool is not None
    assert on_disk.size == sum(p.stat().st_size for p in source.spool.glob("*.json"))
    asked = len(server.feed.requests)
    there = list(read_checked(source, dt.date(2026, 11, 22), helper=True))

    assert [r.source_id for r in there] == [f"feed-{n}" for n in range(1, 6)]
    assert there == here
    assert len(server.feed.requests) == asked  # from the spool, not the feed again


def test_close_removes_the_spool(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(1)]))
    source = FeedSource(server.base, spool_dir=tmp_path / "spool")
    ids(source)
    assert source.spool is not None
    spool = source.spool
    assert spool.parent == tmp_path / "spool"
    assert list(spool.glob("*.json"))
    source.close()
    assert not spool.exists()
    assert list((tmp_path / "spool").iterdir()) == []


def test_download_progress_counts_pages(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 7)]))
    calls: list[tuple[int, int]] = []
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2)
    list(source.records(progress=lambda d, t: calls.append((d, t))))
    assert calls[:3] == [(1, 3), (2, 3), (3, 3)]


def test_an_incremental_refresh_with_no_changes_yields_nothing(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([]))
    since = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert ids(FeedSource(server.base, modified_after=since, spool_dir=tmp_path)) == []


# -- errors --------------------------------------------------------------------------------


def failure(source: FeedSource) -> errors.ImportFailed:
    with pytest.raises(errors.ImportFailed) as caught:
        list(source.records())
    return caught.value


def test_a_page_that_hangs_stops_quickly_saying_which_page(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 7)], hang_on_page=2))
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2, timeout=0.5)
    started = time.monotonic()
    error = failure(source)
    assert time.monotonic() - started < 5
    assert error.message == (
        "The feed stopped answering while reading page 2 of 3; nothing was imported."
    )
    assert error.advice == "Try again later."


def test_a_feed_that_never_answers_says_so(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(1)], hang_on_page=1))
    error = failure(FeedSource(server.base, spool_dir=tmp_path, timeout=0.5))
    assert "did not answer within 0.5 seconds" in error.message
    assert "online" in error.advice


def test_a_page_that_stops_half_way_through_is_refused(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 7)], stall_mid_page=3))
    source = FeedSource(server.base, spool_dir=tmp_path, page_size=2, timeout=0.5)
    started = time.monotonic()
    error = failure(source)
    assert time.monotonic() - started < 5
    assert "stopped answering while reading page 3 of 3" in error.message


def test_a_server_error_part_way_is_refused(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 7)], fail_on_page=3))
    error = failure(FeedSource(server.base, spool_dir=tmp_path, page_size=2))
    assert "HTTP 500" in error.message
    assert "page 3 of 3" in error.message
    assert "Try again later" in error.advice


def test_a_wrong_address_says_not_found(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(1)]))
    error = failure(FeedSource(server.base + "/v9", spool_dir=tmp_path))
    assert "not found" in error.message
    assert "HTTP 404" in error.message
    assert "base address" in error.advice


def test_refused_access_is_explained(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(1)], fail_on_page=1, status=403))
    error = failure(FeedSource(server.base, spool_dir=tmp_path))
    assert "refused access (HTTP 403)" in error.message


def test_nobody_listening_says_could_not_reach(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = failure(FeedSource(f"http://127.0.0.1:{port}/api", spool_dir=tmp_path, timeout=2))
    assert error.message == f"Could not reach 127.0.0.1:{port}."
    assert "check the address and that this computer is online" in error.advice.lower()


def test_a_page_that_is_not_json_is_refused(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([], raw_page=b"<html><body>Welcome to our directory</body></html>"))
    error = failure(FeedSource(server.base, spool_dir=tmp_path))
    assert "did not answer with JSON for page 1" in error.message


def test_json_that_is_not_a_page_is_refused(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([], raw_page=b'{"status": "ok", "version": "3.0"}'))
    error = failure(FeedSource(server.base, spool_dir=tmp_path))
    assert "not an Open Referral page" in error.message


def test_an_empty_full_feed_is_refused_so_nothing_is_withdrawn(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([]))
    error = failure(FeedSource(server.base, spool_dir=tmp_path))
    assert "lists no services" in error.message


def test_a_feed_that_ignores_the_page_number_is_refused(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 5)], ignore_page=True))
    error = failure(FeedSource(server.base, spool_dir=tmp_path, page_size=2))
    assert "same services for page 2 as for page 1" in error.message


def test_cancel_between_requests(serve: Any, tmp_path: Path) -> None:
    server = serve(Feed([full_service(n) for n in range(1, 7)]))
    source = FeedSource(server.base, spool_dir=tmp_path / "spool", page_size=2)
    with pytest.raises(ReadCancelled):
        list(source.records(cancelled=lambda: len(server.feed.requests) >= 2))
    assert server.pages_asked() == [1, 2]
    source.close()
    assert list((tmp_path / "spool").iterdir()) == []


@pytest.mark.parametrize(
    "url", ["ftp://files.example.org/feed", "file:///etc/passwd", "example", "http://[::1/feed"]
)
def test_only_web_addresses_are_accepted(url: str) -> None:
    with pytest.raises(errors.ImportFailed, match="not a feed address"):
        feed_base(url)
