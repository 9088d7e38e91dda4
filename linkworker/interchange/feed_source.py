"""Reading a live Open Referral UK 3.0 feed (an API base address).

The first call to :meth:`FeedSource.records` downloads every page of
``/services`` into a private spool folder (fetching ``/services/{id}`` for each
service when the pages list services only shallowly), then reads the spool
exactly as a folder of JSON pages. Nothing is yielded until the whole feed is
on disk, so a feed that stops answering half way leaves nothing half-read; a
second call re-reads the spool without asking the feed again.
"""

from __future__ import annotations

import datetime as dt
import http.client
import ipaddress
import json
import shutil
import ssl
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson

from linkworker import __version__, errors
from linkworker.interchange.json_sources import LIST_KEYS, JsonFolderSource, events
from linkworker.interchange.records import (
    Cancelled,
    OnDisk,
    Progress,
    ReadCancelled,
    SourceInfo,
    SourceKind,
    SourceRecord,
    never,
)
from linkworker.paths import private_dir

USER_AGENT = f"LinkWorker/{__version__} (LinkWorker directory refresh)"
#: A page or a service bigger than this is refused (a feed gone wrong).
MAX_RESPONSE_BYTES = 512 * 1024 * 1024
#: Keys a fully nested service has and a shallow list item lacks.
DEEP_KEYS = frozenset(
    {
        "service_at_locations",
        "schedules",
        "attributes",
        "regular_schedules",
        "service_taxonomys",
        "service_taxonomies",
    }
)
TRY_LATER = "Nothing was imported. Try again later."


def feed_base(url: str) -> urllib.parse.SplitResult:
    """The feed's base address: http(s) only, without a trailing ``/services`` or slash."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        hostname = parts.hostname
    except ValueError:
        hostname = None
    if not hostname or parts.scheme.lower() not in ("http", "https"):
        raise errors.ImportFailed(
            f"{url} is not a feed address Link Worker can read.",
            "Give the feed's web address, starting with https:// (or http://).",
        )
    path = parts.path.rstrip("/")
    if path.lower().endswith("/services"):
        path = path[: -len("/services")]
    return urllib.parse.SplitResult(parts.scheme.lower(), parts.netloc, path, "", "")


def host_of(base: urllib.parse.SplitResult) -> str:
    return base.netloc.rsplit("@", 1)[-1]


def utc_text(moment: dt.datetime) -> str:
    """ISO 8601 in UTC, e.g. ``2024-05-01T09:30:00Z`` (a naive time is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https addresses only."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(slots=True)
class PageSummary:
    """What one spooled page holds, found by streaming through it."""

    meta: dict[str, Any] = field(default_factory=dict)
    count: int = 0
    #: The id of the first item ("" when it has none), to notice a page served twice.
    first_id: str = ""
    #: Ids of items listed without their details (in page order).
    shallow: list[str] = field(default_factory=list)
    #: The key of the list of services ("contents"; "content" in Spring-style pages), "" if none.
    list_key: str = ""


def summarise_page(path: Path) -> PageSummary:
    """Page numbers, item count and shallow items of a page file; ijson.JSONError if not JSON."""
    summary = PageSummary()
    item_keys: set[str] = set()
    item_id = ""
    with path.open("rb") as handle:
        for prefix, event, value in events(handle, path.name):
            head, _, rest = prefix.partition(".")
            if head in LIST_KEYS and rest.startswith("item"):
                if rest == "item":
                    if event == "start_map":
                        item_keys, item_id = set(), ""
                    elif event == "map_key":
                        item_keys.add(value)
                    elif event == "end_map":
                        summary.count += 1
                        if summary.count == 1:
                            summary.first_id = item_id
                        if not DEEP_KEYS & item_keys:
                            summary.shallow.append(item_id)
                elif rest == "item.id" and event in ("string", "number"):
                    item_id = str(value)
            elif prefix in LIST_KEYS and event == "start_array":
                summary.list_key = prefix
            elif not rest and event in ("number", "boolean"):
                summary.meta[head] = value
    return summary


class FeedSource:
    """An ORUK 3.0 API: ``/services`` page by page, downloaded once, then read from disk."""

    def __init__(
        self,
        base_url: str,
        name: str | None = None,
        modified_after: dt.datetime | None = None,
        spool_dir: Path | None = None,
        timeout: float = 30.0,
        page_size: int = 100,
    ) -> None:
        self.base = feed_base(base_url)
        self.host = host_of(self.base)
        self.modified_after = modified_after
        self.spool_dir = Path(spool_dir) if spool_dir is not None else Path(tempfile.gettempdir())
        self.timeout = timeout
        self.page_size = page_size
        self.spool: Path | None = None
        self._downloaded = False
        self.requests = 0
        default_name = (self.host + self.base.path).rstrip("/")
        self.info = SourceInfo(
            kind=SourceKind.ORUK_API,
            location=base_url,
            name=name or default_name,
            complete=modified_after is None,
            changes_since=modified_after,
        )
        if modified_after is not None:
            self.info.notes.append(
                f"Only services changed since {utc_text(modified_after)} were asked for, "
                "so services missing from the feed are not treated as withdrawn."
            )
        handlers: list[urllib.request.BaseHandler] = [_HttpOnlyRedirects()]
        if _is_loopback(self.base.hostname or ""):
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    # -- reading ---------------------------------------------------------------------------

    def records(
        self, progress: Progress | None = None, cancelled: Cancelled = never
    ) -> Iterator[SourceRecord]:
        if not self._downloaded:
            self._download(progress, cancelled)
        assert self.spool is not None
        if not any(self.spool.glob("*.json")):
            return
        folder = JsonFolderSource(self.spool, name=self.info.name)
        yield from folder.records(progress, cancelled)

    def on_disk(self) -> OnDisk | None:
        """The downloaded pages, once the check has fetched them; None before."""
        if not self._downloaded or self.spool is None:
            return None
        pages = list(self.spool.glob("*.json"))
        if not pages:
            return None
        folder = JsonFolderSource(self.spool, name=self.info.name)
        return OnDisk(folder, sum(p.stat().st_size for p in pages))

    def close(self) -> None:
        """Remove the spool folder and everything downloaded into it."""
        if self.spool is not None:
            shutil.rmtree(self.spool, ignore_errors=True)
        self.spool = None
        self._downloaded = False

    def __enter__(self) -> FeedSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- downloading -----------------------------------------------------------------------

    def url(self, path: str, query: dict[str, str] | None = None) -> str:
        encoded = urllib.parse.urlencode(query or {})
        return urllib.parse.urlunsplit(
            self.base._replace(path=self.base.path + path, query=encoded)
        )

    def page_url(self, page: int) -> str:
        query = {"page": str(page), "per_page": str(self.page_size)}
        if self.modified_after is not None:
            query["modified_after"] = utc_text(self.modified_after)
        return self.url("/services", query)

    def _download(self, progress: Progress | None, cancelled: Cancelled) -> None:
        self.close()
        private_dir(self.spool_dir)
        self.spool = Path(tempfile.mkdtemp(prefix="linkworker-feed-", dir=self.spool_dir))
        page, total_pages, previous_first = 1, 0, ""
        services_done, services_total, shallow_seen = 0, 0, False
        while True:
            if cancelled():
                raise ReadCancelled()
            what = f"page {page} of {total_pages}" if total_pages else f"page {page}"
            raw = self.spool / f"page-{page:04d}.part"
            self._fetch(self.page_url(page), what, raw)
            summary = self._summary(raw, what)
            total_pages = int(summary.meta.get("total_pages", summary.meta.get("totalPages", 0)))
            services_total = int(
                summary.meta.get("total_items", summary.meta.get("totalElements", 0))
            )
            if summary.first_id and summary.first_id == previous_first:
                raise errors.ImportFailed(
                    f"The feed at {self.host} gave the same services for page {page} "
                    f"as for page {page - 1}, so it cannot be read page by page.",
                    "Nothing was imported. Tell whoever runs the feed; "
                    "its 'page' setting seems to be ignored.",
                )
            previous_first = summary.first_id
            target = self.spool / f"page-{page:04d}.json"
            if summary.shallow:
                shallow_seen = True
                self._fetch_details(
                    raw, target, summary, what, cancelled, progress, services_done, services_total
                )
                raw.unlink()
            elif summary.count:
                raw.replace(target)
            else:
                raw.unlink()
            services_done += summary.count
            if progress is not None:
                if shallow_seen:
                    progress(services_done, max(services_total, services_done))
                else:
                    progress(page, max(total_pages, page))
            last = summary.meta.get("last_page", summary.meta.get("last"))
            if (
                not summary.count
                or last is True
                or (total_pages and page >= total_pages)
                or (not total_pages and last is None and summary.count < self.page_size)
            ):
                break
            page += 1
        if not services_done and self.modified_after is None:
            raise errors.ImportFailed(
                f"The feed at {self.host} lists no services at all.",
                "Nothing was imported, so nothing in the directory is marked withdrawn. "
                "Check the address, or try again later.",
            )
        self._downloaded = True

    def _summary(self, raw: Path, what: str) -> PageSummary:
        try:
            summary = summarise_page(raw)
        except ijson.JSONError:
            raise errors.ImportFailed(
                f"The feed at {self.host} did not answer with JSON for {what}, "
                "so it does not look like an Open Referral feed.",
                "Nothing was imported. Check the address is the feed's API address "
                "(not its web page), then try again.",
            ) from None
        if not summary.list_key:
            raise errors.ImportFailed(
                f"The feed at {self.host} answered {what} with JSON that is not "
                "an Open Referral page of services (it has no 'contents' list).",
                "Nothing was imported. Check the address is the feed's ORUK 3.0 API address, "
                "then try again.",
            )
        return summary

    def _fetch_details(
        self,
        raw: Path,
        target: Path,
        summary: PageSummary,
        what: str,
        cancelled: Cancelled,
        progress: Progress | None,
        done: int,
        total: int,
    ) -> None:
        """Write the page as a list, each shallow item replaced by ``/services/{id}``."""
        shallow = set(summary.shallow)
        with raw.open("rb") as source, target.open("w", encoding="utf-8") as out:
            out.write("[")
            items = ijson.items(source, f"{summary.list_key}.item", use_float=True)
            for number, item in enumerate(items):
                if cancelled():
                    raise ReadCancelled()
                out.write(",\n" if number else "\n")
                item_id = str(item.get("id", "")) if isinstance(item, dict) else ""
                if item_id and item_id in shallow:
                    detail = self._fetch(
                        self.url("/services/" + urllib.parse.quote(item_id, safe="")),
                        f"the details of service {done + number + 1}"
                        + (f" of {total}" if total else "")
                        + f" ({what})",
                    )
                    out.write(self._detail_json(detail, item_id))
                    if progress is not None:
                        progress(done + number + 1, max(total, done + number + 1))
                else:
                    out.write(json.dumps(item))
            out.write("\n]\n")

    def _detail_json(self, body: bytes, item_id: str) -> str:
        try:
            detail = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or brackets nested past all reason
            detail = None
        if not isinstance(detail, dict):
            raise errors.ImportFailed(
                f"The feed at {self.host} did not answer with a service for /services/{item_id}.",
                "Nothing was imported. Check the address is the feed's ORUK 3.0 API address, "
                "then try again.",
            )
        return json.dumps(detail)

    def _fetch(self, url: str, what: str, into: Path | None = None) -> bytes:
        """GET ``url``; the body is written to ``into`` (and b"" returned) or returned."""
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
        )
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                if into is None:
                    body: bytes = response.read(MAX_RESPONSE_BYTES + 1)
                    size = len(body)
                else:
                    size = 0
                    with into.open("wb") as out:
                        while chunk := response.read(64 * 1024):
                            size += len(chunk)
                            if size > MAX_RESPONSE_BYTES:
                                break
                            out.write(chunk)
                    body = b""
        except urllib.error.HTTPError as exc:
            raise self._http_error(exc.code, str(exc.reason), what) from None
        except urllib.error.URLError as exc:
            raise self._network_error(exc.reason, what) from None
        except (OSError, http.client.HTTPException) as exc:
            raise self._network_error(exc, what) from None
        if size > MAX_RESPONSE_BYTES:
            raise errors.ImportFailed(
                f"The feed at {self.host} sent far too much for {what}.",
                "Nothing was imported. Tell whoever runs the feed.",
            )
        return body

    def _network_error(self, reason: object, what: str) -> errors.ImportFailed:
        if isinstance(reason, TimeoutError) and self.requests == 1:
            return errors.ImportFailed(
                f"The feed at {self.host} did not answer within {self.timeout:g} seconds; "
                "nothing was imported.",
                "Check the address and that this computer is online, then try again later.",
            )
        if isinstance(reason, TimeoutError):
            return errors.ImportFailed(
                f"The feed stopped answering while reading {what}; nothing was imported.",
                "Try again later.",
            )
        if isinstance(reason, ssl.SSLError | ssl.CertificateError):
            return errors.ImportFailed(
                f"The secure connection to {self.host} could not be checked ({reason}).",
                "Nothing was imported. Check the address; if your organisation's network "
                "inspects web traffic, ask IT to allow this feed.",
            )
        if self.requests > 1 and isinstance(reason, http.client.HTTPException | ConnectionError):
            return errors.ImportFailed(
                f"The connection to {self.host} broke while reading {what}; nothing was imported.",
                "Try again later.",
            )
        return errors.ImportFailed(
            f"Could not reach {self.host}.",
            "Check the address and that this computer is online, then try again.",
        )

    def _http_error(self, code: int, reason: str, what: str) -> errors.ImportFailed:
        where = f"while reading {what}; nothing was imported"
        if code == 404:
            return errors.ImportFailed(
                f"The feed at {self.host} answered “not found” (HTTP 404) {where}.",
                "Check the address: give the feed's base address; Link Worker adds "
                "/services to it.",
            )
        if code in (401, 403):
            return errors.ImportFailed(
                f"The feed at {self.host} refused access (HTTP {code}) {where}.",
                "It may need a key or be open to partners only; ask whoever runs it.",
            )
        if code == 429:
            return errors.ImportFailed(
                f"The feed at {self.host} asked Link Worker to slow down (HTTP 429) {where}.",
                "Try again later.",
            )
        if code >= 500:
            return errors.ImportFailed(
                f"The feed at {self.host} had a problem of its own (HTTP {code}) {where}.",
                "Try again later; if it keeps happening, tell whoever runs the feed.",
            )
        return errors.ImportFailed(
            f"The feed at {self.host} answered HTTP {code} ({reason}) {where}.",
            "Check the address, then try again.",
        )
