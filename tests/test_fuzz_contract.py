"""The generator's contract, fuzzed (issue 11 §3): for every spec + overrides, `generate`
either exits 0 with a client that compiles, imports and behaves (the mutation's oracle), or
exits 2 with one line on stderr, no traceback, naming a place, the output untouched.

- one plain test per mutation class of tests/fuzz/mutations.py, on a small fixture spec: the
  acceptance tests of the classes (a failure prints the verdict and the first line);
- a bounded hypothesis property over (fixture spec, mutation class, seed): deterministic
  (derandomize, no example database), no shrinking, a dozen examples.

Campaigns over the real spec: bench/fuzz.py. Harness and classes: tests/fuzz/.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz.harness import OK, OK_GENERATED, Harness, Result, load_inputs
from fuzz.mutations import EITHER, Mutated, catalogue, mutate
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

SPECS = Path(__file__).parent / "fixtures" / "specs"
FIXTURES = ("crud.yaml", "pagination.yaml")


@pytest.fixture(scope="module")
def harnesses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Harness]]:
    """One harness per fixture spec (each generates its unmutated spec once, lazily)."""
    root = tmp_path_factory.mktemp("fuzz")
    made = {
        name: Harness(
            load_inputs(SPECS / name, None), root / name.removesuffix(".yaml"), timeout=60
        )
        for name in FIXTURES
    }
    for harness in made.values():
        harness.workdir.mkdir()
    yield made
    for harness in made.values():
        harness.close()


def case_of(harness: Harness, name: str, seed: int) -> Mutated:
    case = mutate(name, harness.base, seed)
    assert case is not None, f"{name} found nothing to mutate in the fixture spec"
    return case


def assert_contract(result: Result) -> None:
    explain = f"{result.mutation}: {result.detail}\n  -> {result.verdict} (exit {result.exit_code}): {result.message}"
    assert result.verdict in OK, explain
    if result.exit_code == 0:  # compiled, imported, the oracle held
        assert result.verdict == OK_GENERATED, explain
    else:  # one named line, no traceback, the output as it was
        assert result.exit_code == 2, explain
        assert len(result.stderr.strip().splitlines()) == 1, explain
        assert "Traceback" not in result.stderr, explain


def test_the_unmutated_fixture_passes_the_harness(harnesses: dict[str, Harness]) -> None:
    harness = harnesses["crud.yaml"]
    result = harness.run(Mutated(harness.base, "no mutation", EITHER, name="none"))
    assert result.verdict == OK_GENERATED, result.line()


@pytest.mark.parametrize("name", catalogue())
def test_mutation_class_keeps_the_contract(harnesses: dict[str, Harness], name: str) -> None:
    harness = harnesses["crud.yaml"]
    assert_contract(harness.run(case_of(harness, name, zlib.crc32(name.encode()))))


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure reports its case as is
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    spec=st.sampled_from(FIXTURES),
    name=st.sampled_from(catalogue()),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_generate_keeps_its_contract(
    harnesses: dict[str, Harness], spec: str, name: str, seed: int
) -> None:
    harness = harnesses[spec]
    case = mutate(name, harness.base, seed)
    if case is None:  # the fixture has nothing this class can change
        return
    assert_contract(harness.run(case))
