"""The real Kalshi documents in ../shared/spec/, for the tests that read them.

A missing document is a skip on a developer machine and a failure when CI is set: CI
always has ../shared beside the checkout, so a skip there would hide a broken setup.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_SPEC = Path(__file__).resolve().parents[1].parent / "shared" / "spec"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def unavailable(reason: str) -> None:
    """A prerequisite outside the repo is missing: fail when CI is set, skip otherwise."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def real_spec_path(version: str) -> Path:
    """../shared/spec/kalshi-openapi-<version>.yaml; skip (fail in CI) when it is missing."""
    path = SHARED_SPEC / f"kalshi-openapi-{version}.yaml"
    if not path.is_file():
        unavailable(f"{path} is missing: the real Kalshi specs live in ../shared/spec/")
    return path
