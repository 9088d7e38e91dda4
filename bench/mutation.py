"""Mutation testing of the domain and interchange modules: do the unit tests notice a mistake?

For every small mistake ``bench/mutants.py`` can make inside a function (a ``<`` for a
``<=``, an ``and`` for an ``or``, a number one higher, a branch's statement removed...) it
runs the unit tests that reach that function, in a forked child with the mistake swapped
into the live function, and counts the mutant *killed* when a test fails (or the tests run
past their time), *survived* when they all pass. Mutants judged equivalent (no test could
tell them apart) are listed with a reason in ``bench/mutation_equivalent.txt`` and left out
of the score.

    python bench/mutation.py                       # domain/ and interchange/text_clean.py
    python bench/mutation.py --module linkworker.domain.opening_times --list-survivors
    python bench/mutation.py --module linkworker/interchange --jobs 2

Not a test: it runs on demand, and exits 1 when a module scores under ``--target``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import types
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for entry in (str(HERE), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

import mutants as mutation_ops  # noqa: E402

EQUIVALENT = HERE / "mutation_equivalent.txt"
DEFAULT_MODULES = ("linkworker/domain", "linkworker/interchange/text_clean.py")
#: The project's lint, type and layer checks: they run other programs and reach no function.
IGNORED = ("--ignore=tests/unit/test_code_quality.py",)
KILLED, SURVIVED, TIMEOUT, NO_TESTS, ERROR = "killed", "survived", "timeout", "no tests", "error"
#: How a child says the mutant could not be put in place; any other exit but 0 is a kill
#: (a test may end its own process, as one that stands in for a dying helper does).
NOT_APPLIED = 97


@dataclass
class Target:
    path: Path
    shown: str
    source: str
    module: types.ModuleType | None = None
    #: functions that run while the module is imported
    import_time: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    mutant: mutation_ops.Mutant
    status: str
    by: str = ""
    #: how many tests reach its function, and the seconds its child took
    tests: int = 0
    seconds: float = 0.0


@dataclass
class Plan:
    targets: dict[str, Target]
    mutants: list[mutation_ops.Mutant]
    jobs: int
    outcomes: list[Outcome] = field(default_factory=list)
    broken_tests: list[str] = field(default_factory=list)
    slow_tests: list[str] = field(default_factory=list)
    #: seconds spent on the traced pass and on the mutants
    seconds: dict[str, float] = field(default_factory=dict)


def _target_files(specs: list[str]) -> list[Path]:
    """Files named by path (file or folder) or dotted module name."""
    files: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if not path.exists() and not spec.endswith(".py"):
            dotted = ROOT / Path(*spec.split("."))
            path = dotted if dotted.is_dir() else dotted.with_suffix(".py")
        if path.is_dir():
            files.extend(p for p in sorted(path.glob("*.py")) if p.name != "__init__.py")
        elif path.is_file():
            files.append(path)
        else:
            raise SystemExit(f"no module at {spec}")
    return [f.resolve() for f in dict.fromkeys(files)]


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _our_modules() -> list[types.ModuleType]:
    """The loaded modules of this checkout (the app's and the tests'), not installed packages."""
    ours = []
    for module in list(sys.modules.values()):
        path = str(getattr(module, "__file__", "") or "")
        if path.startswith(str(ROOT)) and "site-packages" not in path:
            ours.append(module)
    return ours


def _caches() -> list[Any]:
    """Every functools cache in a loaded module of ours, or in one of its classes."""
    found: list[Any] = []
    for module in _our_modules():
        spaces = [vars(module)] + [vars(v) for v in vars(module).values() if isinstance(v, type)]
        for space in spaces:
            found.extend(v for v in space.values() if isinstance(v, functools._lru_cache_wrapper))
    return found


def _clear_caches() -> None:
    """Forget what the functions worked out before: a mutant must not be answered from it."""
    for cache in _caches():
        cache.cache_clear()
    # A module that keeps results of its own (a dict by id, say) says how to forget them.
    for module in _our_modules():
        forget = vars(module).get("clear_caches")
        if callable(forget) and getattr(forget, "__module__", None) == module.__name__:
            forget()


class MutationPlugin:
    """Takes over pytest's test loop: one traced pass, then a forked child per mutant."""

    def __init__(self, plan: Plan, slowest: float) -> None:
        self.plan = plan
        self.slowest = slowest

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config: pytest.Config) -> None:
        from hypothesis import Phase, settings

        # No example database (a mutant's failures are not worth keeping), no shrinking
        # (a failure is all we need), no deadlines (the machine is busy), the same
        # examples in every run.
        settings.register_profile(
            "mutation",
            database=None,
            deadline=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
        )
        settings.load_profile("mutation")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        if session.testsfailed:
            raise session.Interrupted(f"{session.testsfailed} errors while collecting the tests")
        items = list(session.items)
        for target in self.plan.targets.values():
            target.module = next(
                (
                    m
                    for m in list(sys.modules.values())
                    if os.path.realpath(getattr(m, "__file__", "") or "") == str(target.path)
                ),
                None,
            )
        started = time.monotonic()
        covering, seconds = self._trace(items)
        self.plan.seconds["tests"] = time.monotonic() - started
        self._run_mutants(session, items, covering, seconds)
        self.plan.seconds["mutants"] = time.monotonic() - started - self.plan.seconds["tests"]
        return True

    def _trace(
        self, items: list[pytest.Item]
    ) -> tuple[dict[tuple[str, str], list[int]], list[float]]:
        """Run every test once, noting which functions of the targets each one reaches."""
        reached: set[tuple[str, str]] = set()
        undo = [
            mutation_ops.instrument(t.module, t.source, functools.partial(_reach, reached, t.shown))
            for t in self.plan.targets.values()
            if t.module is not None
        ]
        covering: dict[tuple[str, str], list[int]] = defaultdict(list)
        seconds: list[float] = []
        try:
            for i, item in enumerate(items):
                _clear_caches()
                reached.clear()
                started = time.perf_counter()
                after = items[i + 1] if i + 1 < len(items) else None
                reports = runtestprotocol(item, nextitem=after, log=False)
                seconds.append(time.perf_counter() - started)
                if any(r.failed for r in reports):
                    self.plan.broken_tests.append(item.nodeid)
                elif seconds[-1] > self.slowest:
                    self.plan.slow_tests.append(f"{item.nodeid} ({seconds[-1]:.1f} s)")
                else:
                    for key in reached:
                        covering[key].append(i)
                _progress(f"tests {i + 1}/{len(items)}")
        finally:
            for each in undo:
                each()
        return covering, seconds

    def _run_mutants(
        self,
        session: pytest.Session,
        items: list[pytest.Item],
        covering: dict[tuple[str, str], list[int]],
        seconds: list[float],
    ) -> None:
        basetemp = Path(tempfile.mkdtemp(prefix="mutation-"))
        killers: dict[str, Counter[int]] = defaultdict(Counter)
        pending = list(self.plan.mutants)
        running: dict[int, tuple[mutation_ops.Mutant, float, float, int, Path, list[int]]] = {}
        done = 0
        try:
            while pending or running:
                while pending and len(running) < self.plan.jobs:
                    mutant = pending.pop(0)
                    target = self.plan.targets[mutant.path]
                    selected = covering.get((mutant.path, mutant.qualname), [])
                    if mutant.qualname in target.import_time:
                        # Its mistake shows in the module's constants, wherever they are used.
                        selected = sorted(
                            {
                                i
                                for (path, _), tests in covering.items()
                                if path == mutant.path
                                for i in tests
                            }
                        )
                    if not selected or target.module is None:
                        self.plan.outcomes.append(Outcome(mutant, NO_TESTS))
                        done += 1
                        continue
                    order = killers[mutant.path]
                    selected = sorted(selected, key=lambda i: (-order[i], seconds[i]))
                    budget = 10.0 + 4 * sum(seconds[i] for i in selected)
                    read, write = os.pipe()
                    folder = basetemp / f"m{done}-{len(running)}"
                    pid = os.fork()
                    if pid == 0:
                        os.close(read)
                        _child(session, items, selected, target, mutant, write, folder)
                    os.close(write)
                    running[pid] = (mutant, time.monotonic(), budget, read, folder, selected)
                pid, status = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    for pid, (_, began, budget, _, _, _) in running.items():
                        if time.monotonic() > began + budget:
                            os.kill(pid, signal.SIGKILL)
                    time.sleep(0.005)
                    continue
                mutant, began, _, read, folder, selected = running.pop(pid)
                with os.fdopen(read) as pipe:
                    said = pipe.read()
                shutil.rmtree(folder, ignore_errors=True)
                outcome = _outcome(mutant, status, said, items)
                outcome.tests, outcome.seconds = len(selected), time.monotonic() - began
                if outcome.status == KILLED and said.strip().isdigit():
                    killers[mutant.path][int(said)] += 1
                self.plan.outcomes.append(outcome)
                done += 1
                _progress(f"mutants {done}/{len(self.plan.mutants)}")
        finally:
            for pid in running:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            shutil.rmtree(basetemp, ignore_errors=True)
        _progress("")


def _reach(reached: set[tuple[str, str]], path: str, qualname: str) -> None:
    reached.add((path, qualname))


def _outcome(
    mutant: mutation_ops.Mutant, status: int, said: str, items: list[pytest.Item]
) -> Outcome:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
        return Outcome(mutant, TIMEOUT)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    if code == 0:
        return Outcome(mutant, SURVIVED)
    if code == 1:
        by = items[int(said)].nodeid if said.strip().isdigit() else ""
        return Outcome(mutant, KILLED, by)
    if code == NOT_APPLIED:
        return Outcome(mutant, ERROR, said.strip())
    # A crash of the whole child (a mutant that breaks the interpreter) also kills it.
    return Outcome(mutant, KILLED, f"child ended with status {status}")


def _child(
    session: pytest.Session,
    items: list[pytest.Item],
    selected: list[int],
    target: Target,
    mutant: mutation_ops.Mutant,
    write: int,
    folder: Path,
) -> None:
    """In the forked child: put the mutant in, run the selected tests, exit with the verdict."""
    code = 2
    said = ""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        factory = getattr(session.config, "_tmp_path_factory", None)
        if factory is not None:
            folder.mkdir(parents=True)
            factory._given_basetemp = folder
            factory._basetemp = None
        assert target.module is not None
        try:
            mutation_ops.apply(target.module, target.source, mutant)
        except (LookupError, SyntaxError, ValueError) as exc:
            code, said = NOT_APPLIED, str(exc)
        else:
            if mutant.qualname in target.import_time:
                # Raising here is a kill: the module would not import.
                mutation_ops.rerun_module_level(target.module, target.source, _our_modules())
            _clear_caches()
            code = 0
            for n, i in enumerate(selected):
                after = items[selected[n + 1]] if n + 1 < len(selected) else None
                reports = runtestprotocol(items[i], nextitem=after, log=False)
                if any(r.failed for r in reports):
                    code, said = 1, str(i)
                    break
    except BaseException as exc:  # any escape from the tests is a kill
        code, said = 1, f"{type(exc).__name__}"
    finally:
        os.write(write, said.encode())
        os.close(write)
        os._exit(code)


def _progress(text: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{text:<60}")
        if not text:
            sys.stderr.write("\r")
        sys.stderr.flush()


# The list of equivalent mutants ------------------------------------------------------


def read_equivalent(path: Path) -> dict[tuple[str, str, str], str]:
    """``path | function | mutation | why`` lines (``#`` starts a comment line)."""
    marked: dict[tuple[str, str, str], str] = {}
    if not path.exists():
        return marked
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head = line.split(" | ", 2)
        rest, sep, reason = head[-1].rpartition(" | ") if len(head) == 3 else ("", "", "")
        if not sep or not reason.strip():
            raise SystemExit(f"{path.name}:{number}: want 'path | function | mutation | why'")
        marked[(head[0], head[1], rest)] = reason.strip()
    return marked


# The report --------------------------------------------------------------------------


def summarise(
    outcomes: list[Outcome], marked: dict[tuple[str, str, str], str]
) -> dict[str, dict[str, int]]:
    """Counts per module; equivalent mutants are counted apart, whatever happened to them."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for outcome in outcomes:
        row = table[outcome.mutant.path]
        row["mutants"] += 1
        row["equivalent" if outcome.mutant.key in marked else outcome.status] += 1
    return {path: dict(row) for path, row in sorted(table.items())}


def score(row: dict[str, int]) -> float:
    """Killed (timed out included) out of the mutants that are not equivalent nor unusable."""
    judged = row.get("mutants", 0) - row.get("equivalent", 0) - row.get(ERROR, 0)
    return 100.0 * (row.get(KILLED, 0) + row.get(TIMEOUT, 0)) / judged if judged else 100.0


def print_report(
    plan: Plan, marked: dict[tuple[str, str, str], str], list_survivors: bool
) -> dict[str, dict[str, int]]:
    table = summarise(plan.outcomes, marked)
    heads = (
        "module",
        "mutants",
        "killed",
        "timeout",
        "survived",
        "no tests",
        "equivalent",
        "score",
    )
    width = max([len(heads[0]), *(len(p) for p in table)]) + 2
    print(f"{heads[0]:<{width}}" + "".join(f"{h:>11}" for h in heads[1:]))
    total: Counter[str] = Counter()
    for path, row in table.items():
        total.update(row)
        cells = [
            row.get(k, 0) for k in ("mutants", KILLED, TIMEOUT, SURVIVED, NO_TESTS, "equivalent")
        ]
        print(f"{path:<{width}}" + "".join(f"{c:>11}" for c in cells) + f"{score(row):>10.1f}%")
    if len(table) > 1:
        cells = [
            total.get(k, 0) for k in ("mutants", KILLED, TIMEOUT, SURVIVED, NO_TESTS, "equivalent")
        ]
        print(
            f"{'all':<{width}}"
            + "".join(f"{c:>11}" for c in cells)
            + f"{score(dict(total)):>10.1f}%"
        )
    errors = [o for o in plan.outcomes if o.status == ERROR]
    if errors:
        print(f"\n{len(errors)} mutants could not be put in place (not counted):")
        for o in errors:
            print(f"  {o.mutant.path}:{o.mutant.line} {o.mutant.qualname}: {o.by}")
    if plan.broken_tests:
        print(f"\n{len(plan.broken_tests)} tests fail without any mutant and were left out:")
        for nodeid in plan.broken_tests:
            print(f"  {nodeid}")
    if plan.slow_tests:
        print(f"\n{len(plan.slow_tests)} tests were too slow to run for each mutant (--slowest):")
        for nodeid in plan.slow_tests:
            print(f"  {nodeid}")
    keys = {o.mutant.key for o in plan.outcomes}
    for key in marked:
        if key[0] in table and key not in keys:
            print(f"\nmarked equivalent but no longer made: {' | '.join(key)}")
    for o in plan.outcomes:
        if o.mutant.key in marked and o.status in (KILLED, TIMEOUT):
            print(f"\nmarked equivalent but killed by {o.by}: {' | '.join(o.mutant.key)}")
    if list_survivors:
        alive = [
            o
            for o in plan.outcomes
            if o.status in (SURVIVED, NO_TESTS) and o.mutant.key not in marked
        ]
        print(f"\n{len(alive)} survivors (path | function | mutation, as in the equivalent list):")
        for o in alive:
            tag = " (no test reaches it)" if o.status == NO_TESTS else ""
            print(f"  {o.mutant.path}:{o.mutant.line}{tag}\n    {' | '.join(o.mutant.key)}")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--module", action="extend", nargs="+", help="files, folders or dotted names"
    )
    parser.add_argument("--function", help="only mutants in functions whose name contains this")
    parser.add_argument("--list-survivors", action="store_true", help="list each surviving mutant")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="children at once")
    parser.add_argument(
        "--tests",
        nargs="+",
        default=["tests/unit"],
        help="test files or folders (default tests/unit)",
    )
    parser.add_argument(
        "--equivalent", type=Path, default=EQUIVALENT, help="list of equivalent mutants"
    )
    parser.add_argument(
        "--target", type=float, default=90.0, help="lowest score to pass, per module"
    )
    parser.add_argument(
        "--slowest", type=float, default=5.0, help="leave out tests slower than this (seconds)"
    )
    parser.add_argument("--json", type=Path, help="also write every outcome to this file")
    args = parser.parse_args(argv)

    targets: dict[str, Target] = {}
    mutants: list[mutation_ops.Mutant] = []
    for path in _target_files(args.module or list(DEFAULT_MODULES)):
        source = path.read_text(encoding="utf-8")
        target = Target(
            path, _shown(path), source, import_time=mutation_ops.import_time_units(source)
        )
        targets[target.shown] = target
        made = mutation_ops.generate(source, target.shown)
        mutants.extend(m for m in made if not args.function or args.function in m.qualname)
    plan = Plan(targets=targets, mutants=mutants, jobs=max(1, args.jobs))
    marked = read_equivalent(args.equivalent)
    started = time.monotonic()
    exit_code = pytest.main(
        [*args.tests, "-q", "-p", "no:cacheprovider", "--no-header", *IGNORED],
        plugins=[MutationPlugin(plan, args.slowest)],
    )
    if exit_code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or not plan.seconds:
        print(f"pytest could not run the tests ({exit_code!r})", file=sys.stderr)
        return 2
    print(
        f"\n{len(mutants)} mutants in {time.monotonic() - started:.0f} s ({plan.jobs} at a time): "
        f"the tests once {plan.seconds.get('tests', 0):.0f} s, "
        f"the mutants {plan.seconds.get('mutants', 0):.0f} s\n"
    )
    table = print_report(plan, marked, args.list_survivors)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "modules": table,
                    "outcomes": [
                        {
                            "path": o.mutant.path,
                            "function": o.mutant.qualname,
                            "line": o.mutant.line,
                            "mutation": o.mutant.description,
                            "status": o.status,
                            "by": o.by,
                            "equivalent": o.mutant.key in marked,
                            "tests": o.tests,
                            "seconds": round(o.seconds, 2),
                        }
                        for o in plan.outcomes
                    ],
                },
                indent=1,
            )
        )
    return 0 if all(score(row) >= args.target for row in table.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
