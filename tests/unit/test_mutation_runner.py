"""The mutation runner in bench/: it makes the mutants it says, puts them in place, counts kills."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

SOURCE = textwrap.dedent(
    '''
    """A module to mutate."""

    ADULT = 18


    def at_least(age, limit):
        """True from the limit up (this text is not mutated)."""
        return age >= limit


    def label(age):
        return "adult" if at_least(age, ADULT) else "child"


    class Group:
        def __init__(self, ages):
            self.ages = ages

        @property
        def adults(self):
            return [a for a in self.ages if at_least(a, ADULT)]
    '''
)

TESTS = textwrap.dedent(
    """
    from ages import at_least


    def test_the_limit_itself_counts():
        assert at_least(18, 18)
    """
)


def _load(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


@pytest.fixture(scope="module")
def mutants() -> types.ModuleType:
    return _load("bench_mutants", BENCH / "mutants.py")


@pytest.fixture
def ages(tmp_path: Path) -> types.ModuleType:
    path = tmp_path / "ages.py"
    path.write_text(SOURCE)
    return _load("ages", path)


def test_mutants_are_made_inside_functions_and_methods_only(mutants: types.ModuleType) -> None:
    made = {(m.qualname, m.description) for m in mutants.generate(SOURCE, "ages.py")}
    assert ("at_least", "age >= limit -> age > limit") in made
    assert ("at_least", "age >= limit -> age <= limit") in made
    assert ("at_least", "return age >= limit -> return None") in made
    assert ("label", "'adult' -> ''") in made
    assert {q for q, _ in made} == {"at_least", "label", "Group.adults"}
    # Not the module's constant, nor the docstring.
    assert not any("18" in d or "mutated" in d for _, d in made)


def test_a_mutant_is_swapped_into_the_live_function_and_undone(
    mutants: types.ModuleType, ages: types.ModuleType
) -> None:
    imported = ages.at_least  # as another module holds it after "from ages import at_least"
    (boundary,) = [
        m
        for m in mutants.generate(SOURCE, "ages.py")
        if m.description == "age >= limit -> age > limit"
    ]
    undo = mutants.apply(ages, SOURCE, boundary)
    try:
        assert imported(18, 18) is False
        assert ages.label(18) == "child"
        assert ages.Group([17, 18, 19]).adults == [19]
    finally:
        undo()
    assert imported(18, 18) is True


def test_a_method_behind_a_property_is_mutated_too(
    mutants: types.ModuleType, ages: types.ModuleType
) -> None:
    (no_list,) = [m for m in mutants.generate(SOURCE, "ages.py") if m.qualname == "Group.adults"]
    undo = mutants.apply(ages, SOURCE, no_list)
    try:
        assert ages.Group([20]).adults is None
    finally:
        undo()
    assert ages.Group([20]).adults == [20]


def test_the_runner_counts_killed_survived_untested_and_equivalent(tmp_path: Path) -> None:
    (tmp_path / "ages.py").write_text(SOURCE)
    (tmp_path / "test_ages.py").write_text(TESTS)
    equivalent = tmp_path / "equivalent.txt"
    equivalent.write_text(
        "# path | function | mutation | why\n"
        "ages.py | at_least | age >= limit -> age <= limit | stands in for a judged mutant\n"
    )
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCH / "mutation.py"),
            "--module",
            "ages.py",
            "--tests",
            "test_ages.py",
            "--equivalent",
            str(equivalent),
            "--json",
            str(report),
            "--jobs",
            "2",
            "--list-survivors",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr  # under the 90% target
    found = json.loads(report.read_text())
    status = {(o["function"], o["mutation"]): o["status"] for o in found["outcomes"]}
    assert status["at_least", "age >= limit -> age > limit"] == "killed"
    assert status["at_least", "return age >= limit -> return None"] == "killed"
    assert status["at_least", "age >= limit -> age <= limit"] == "survived"
    assert status["label", "'adult' -> ''"] == "no tests"
    row = found["modules"]["ages.py"]
    assert row["equivalent"] == 1
    assert row["killed"] == 2
    survivors = result.stdout.split("survivors", 1)[1]
    assert "ages.py | label | 'adult' -> ''" in survivors
    assert "age <= limit" not in survivors
