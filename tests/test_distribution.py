"""The generated distribution says what it is (issue 12 §5): its version is the spec release
plus the generator's revision, PEP 440 valid; name, summary, license and project URLs are
filled in; `kalshi.__version__` and the User-Agent carry the version."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from packaging.version import Version

from generator.emit import distribution

if sys.version_info >= (3, 11):
    import tomllib
else:  # the test extra brings tomli there
    import tomli as tomllib


@pytest.fixture(scope="module")
def tree(locked_tree: Path) -> Path:
    return locked_tree


@pytest.fixture(scope="module")
def pyproject(tree: Path) -> dict[str, Any]:
    return tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_the_spec_release_plus_the_generator_revision(
    pyproject: dict[str, Any], locked_version: str
) -> None:
    version = Version(pyproject["version"])  # raises on a version that is not PEP 440
    assert version.release == Version(locked_version).release
    assert version.post == distribution.GENERATOR_REVISION >= 1
    assert version.local is None  # indexes refuse local versions
    assert str(version) == pyproject["version"]  # already in normal form


def test_a_later_spec_or_generator_revision_sorts_above() -> None:
    assert Version(distribution.client_version("3.35.0")) > Version(
        distribution.client_version("3.34.0")
    )
    assert Version(distribution.client_version("3.34.0")) > Version("3.34.0")


@pytest.mark.parametrize("spec_version", ["3.1.0-beta", '1.0 "beta"\\', "", "v2", "3.6"])
def test_any_spec_version_gives_a_valid_version(spec_version: str) -> None:
    version = Version(distribution.client_version(spec_version))
    if spec_version == "3.6":
        assert str(version) == f"3.6.post{distribution.GENERATOR_REVISION}"
    else:  # not a release: below every real one, the spec's words kept in the local segment
        assert version < Version("0.1")


def test_name_summary_license_and_urls(pyproject: dict[str, Any], locked_version: str) -> None:
    assert pyproject["name"] == distribution.DISTRIBUTION_NAME
    assert locked_version in pyproject["description"]
    assert "Kalshi Trade API" in pyproject["description"]
    assert pyproject["license"] == {"text": distribution.LICENSE}
    assert pyproject["urls"] == distribution.PROJECT_URLS
    assert all(url.startswith("https://") for url in pyproject["urls"].values())


def test_build_system_builds_with_the_setuptools_of_every_supported_python(tree: Path) -> None:
    # the table form of `license` works with setuptools 68 and later; the SPDX string form
    # would need 77, which the interpreters the install test builds with may not have
    toml = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    assert toml["build-system"]["requires"] == ["setuptools>=68"]
    assert toml["project"]["license"] == {"text": distribution.LICENSE}


def test_package_version_and_user_agent_carry_it(
    tree: Path, pyproject: dict[str, Any], run_json_in_tree: Callable[..., Any]
) -> None:
    report = run_json_in_tree(
        tree,
        """
        import json
        import operator
        from kalshi import SPEC_VERSION, __version__
        from kalshi._constants import DISTRIBUTION_NAME, USER_AGENT_NAME
        from kalshi._operations import OPERATIONS
        from kalshi.testing import FakeKalshi

        op = next(o for o in OPERATIONS if o.http_method == "GET" and "{" not in o.path)
        fake = FakeKalshi()
        with fake.client() as client:
            getattr(operator.attrgetter(op.resource)(client), op.method)()
        print(json.dumps({
            "version": __version__,
            "spec": SPEC_VERSION,
            "distribution": DISTRIBUTION_NAME,
            "agent_name": USER_AGENT_NAME,
            "user_agent": fake.requests[0].headers["user-agent"],
        }))
        """,
    )
    assert report["version"] == pyproject["version"]
    assert report["spec"] == str(Version(pyproject["version"]).base_version)
    assert report["distribution"] == pyproject["name"]
    assert report["user_agent"] == f"{report['agent_name']}/{pyproject['version']}"
