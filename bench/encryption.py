"""What encryption at rest costs: start-up to ready and a caseload search, encrypted against plain.

Two copies of the same data are made: one stays plain, the other is encrypted by the
route ``linkworker db encrypt`` takes. Then, in one run:

(a) **key derivation**: PBKDF2-HMAC-SHA512, 256,000 rounds (SQLCipher 4's own), timed
    here. The app pays it once a process, before the data is opened.
(b) **start-up to ready**: ``python -m linkworker --smoke`` on each copy, taking turns,
    ``--runs`` times each after one warm-up of each; the clock stops at
    ``smoke: data loaded`` (the first page painted with its rows). The data folder is
    bench/startup.py's (2,000 assets, 500 people). The encrypted run is given as
    measured and with one key derivation taken off.
(c) **caseload search**: every keystroke on the way to 30 names, each searched as the
    People view does (``PeopleService.caseload`` with the text, first page of 200 and
    the total), on each copy in this process, ``--rounds`` times; caseload from
    bench/caseload.py (5,000 people by default).

    python bench/encryption.py --runs 7 --people 5000

Targets: (b) after the key derivation, and (c), within 1.3x the plain copy.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.caseload import PAGE, TODAY, cached_database, keystrokes, percentile  # noqa: E402
from bench.startup import READY_MARKER, SEED, cached_data_folder, time_process  # noqa: E402
from linkworker.data import cipher  # noqa: E402
from linkworker.data.database import open_database  # noqa: E402
from linkworker.data.unit_of_work import UnitsOfWork  # noqa: E402
from linkworker.domain.people import CaseloadFilter  # noqa: E402
from linkworker.services.people import PeopleService  # noqa: E402

TARGET = 1.3
PASSPHRASE = "bench passphrase, invented"


def derivation_ms() -> float:
    """One key derivation, as SQLCipher 4 does it (a fresh salt: nothing cached)."""
    salt = os.urandom(cipher.SALT_BYTES)
    started = time.perf_counter()
    hashlib.pbkdf2_hmac("sha512", PASSPHRASE.encode(), salt, cipher.KDF_ITERATIONS, 32)
    return (time.perf_counter() - started) * 1000


def encrypted_copy(source: Path, target: Path) -> cipher.Key:
    """Copy the database ``source`` to ``target`` and encrypt it there; its key."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    key = cipher.derive_key(PASSPHRASE)
    cipher.convert_file(target, None, key)
    return key


def startup(folder: Path, runs: int) -> tuple[list[float], list[float]]:
    """Spawn-to-ready times of the window, plain and encrypted copies of ``folder`` in turn."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("LINKWORKER_PASSPHRASE", None)
    secret_env = dict(env, LINKWORKER_PASSPHRASE=PASSPHRASE)
    with tempfile.TemporaryDirectory(prefix="linkworker-encryption-") as tmp:
        plain, secret = Path(tmp) / "plain", Path(tmp) / "encrypted"
        shutil.copytree(folder, plain)
        shutil.copytree(folder, secret)
        encrypted_copy(plain / "linkworker.sqlite3", secret / "linkworker.sqlite3")
        command = [sys.executable, "-m", "linkworker", "--smoke", "--data-dir"]
        turns = [([*command, str(plain)], env), ([*command, str(secret)], secret_env)]
        for argv, run_env in turns:  # warm-up: disk cache, bytecode, fontconfig
            warm = time_process(argv, run_env)
            if warm.code != 0 or READY_MARKER not in warm.marks:
                raise SystemExit(f"FAIL: {' '.join(argv)} exited {warm.code}: {warm.lines}")
        times: tuple[list[float], list[float]] = ([], [])
        for _ in range(runs):
            for (argv, run_env), into in zip(turns, times, strict=True):
                into.append(time_process(argv, run_env).marks[READY_MARKER])
    return times


def search(
    copies: list[tuple[Path, cipher.Key | None]], prefixes: list[str], rounds: int
) -> list[list[float]]:
    """Milliseconds of each caseload search of ``prefixes`` on each copy, warm.

    The copies take turns, a whole pass each, ``rounds`` times: a busy moment on the
    machine falls on both alike.
    """
    with tempfile.TemporaryDirectory() as backups:
        dbs = [open_database(path, Path(backups), key=key) for path, key in copies]
    services = [PeopleService(UnitsOfWork(db), today=lambda: TODAY) for db in dbs]
    try:
        for service in services:  # warm: statements compiled, pages in the cache
            for typed in prefixes:
                service.caseload(CaseloadFilter(text=typed), limit=PAGE)
        samples: list[list[float]] = [[] for _ in services]
        for _ in range(rounds):
            for service, into in zip(services, samples, strict=True):
                for typed in prefixes:
                    started = time.perf_counter()
                    service.caseload(CaseloadFilter(text=typed), limit=PAGE)
                    into.append((time.perf_counter() - started) * 1000)
        return samples
    finally:
        for db in dbs:
            db.dispose()


def line(label: str, plain: list[float], secret: list[float], less: float = 0.0) -> float:
    """Print medians and the ratio (``less`` taken off the encrypted median first)."""
    ratio = (statistics.median(secret) - less) / statistics.median(plain)
    print(
        f"{label:34}{statistics.median(plain):10.1f}{statistics.median(secret):12.1f}"
        f"{percentile(plain, 95):10.1f}{percentile(secret, 95):12.1f}{ratio:9.2f}x"
    )
    return ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each copy")
    parser.add_argument("--people", type=int, default=5000, help="people for the search")
    parser.add_argument("--rounds", type=int, default=5, help="passes over every keystroke")
    args = parser.parse_args(argv)

    kdf = statistics.median(derivation_ms() for _ in range(5))
    folder = cached_data_folder(2000, 500, SEED)
    caseload = cached_database(args.people, SEED)

    start_plain, start_secret = startup(folder, args.runs)

    with tempfile.TemporaryDirectory(prefix="linkworker-encryption-") as tmp:
        plain_db = Path(tmp) / "plain.sqlite3"
        shutil.copyfile(caseload, plain_db)
        key = encrypted_copy(caseload, Path(tmp) / "encrypted.sqlite3")
        with cipher.opened(plain_db, None) as conn:
            names = [r[0] for r in conn.execute("SELECT family_name FROM person")]
        targets = random.Random(SEED).sample(sorted(set(names)), 30)
        prefixes = [k for t in targets for k in keystrokes(t.lower())]
        copies = [(plain_db, None), (Path(tmp) / "encrypted.sqlite3", key)]
        found_plain, found_secret = search(copies, prefixes, args.rounds)

    print(f"\nKey derivation (PBKDF2-HMAC-SHA512, 256,000 rounds): {kdf:.0f} ms, once a process")
    print(
        f"{'':34}{'plain ms':>10}{'encrypted':>12}{'p95 plain':>10}{'p95 encr.':>12}{'ratio':>10}"
    )
    line(f"start-up to ready ({args.runs} runs)", start_plain, start_secret)
    ready = line("  less one key derivation", start_plain, start_secret, kdf)
    found = line(f"caseload search ({len(prefixes)} keys)", found_plain, found_secret)
    ok = ready <= TARGET and found <= TARGET
    print(f"\n{'PASS' if ok else 'FAIL'}: target {TARGET}x after the key derivation")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
