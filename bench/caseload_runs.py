"""What the caseload benches share: their options, the cached file and the timing.

The Today and reports benches open a large caseload built once and kept in bench/out/,
named by its size, its seed and a hash of the sources that shape it (so it is built
again when any of them changes), then time the app against its bare SQL taking turns.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"


def size_options(description: str, rounds: int) -> argparse.ArgumentParser:
    """The options every caseload bench takes: its size, seed, rounds and --rebuild."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--people", type=int, default=50_000)
    parser.add_argument("--contacts", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=rounds)
    parser.add_argument("--rebuild", action="store_true")
    return parser


def cached_file(
    stem: str, sources: Iterable[Path], build: Callable[[Path], None], rebuild: bool
) -> Path:
    """``bench/out/{stem}-{hash}.sqlite``, built by ``build`` when missing (or asked to).

    It is built under another name and renamed when whole, so a build cut short is
    never taken for the cache; older builds of the same stem are removed.
    """
    digest = hashlib.sha256()
    for source in [*sources, *sorted((ROOT / "linkworker/data/migrations/versions").glob("*.py"))]:
        digest.update(source.read_bytes())
    path = OUT / f"{stem}-{digest.hexdigest()[:10]}.sqlite"
    if rebuild or not path.exists():
        OUT.mkdir(exist_ok=True)
        for old in OUT.glob(f"{stem}-*"):
            old.unlink()
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        build(partial)
        partial.rename(path)
        print(f"  ({time.perf_counter() - started:.1f} s)")
    return path


def timed(func: Callable[[], object]) -> float:
    """How long ``func`` took, in milliseconds."""
    started = time.perf_counter()
    func()
    return (time.perf_counter() - started) * 1000


def taking_turns(
    app: Callable[[], object], floor: Callable[[], object], rounds: int
) -> tuple[list[float], list[float]]:
    """Each run once to warm up, then ``rounds`` timings of each, one after the other."""
    app()
    floor()
    app_ms: list[float] = []
    floor_ms: list[float] = []
    for _ in range(rounds):
        app_ms.append(timed(app))
        floor_ms.append(timed(floor))
    return app_ms, floor_ms


def median_ratio(app_ms: list[float], floor_ms: list[float]) -> float:
    """The app's median over the floor's."""
    return statistics.median(app_ms) / statistics.median(floor_ms)
