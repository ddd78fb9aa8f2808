"""The real Kalshi documents in ../shared/spec/, for the tests that read them.

A missing document is a skip on a developer machine and a failure when CI is set: CI
always has ../shared beside the checkout, so a skip there would hide a broken setup.
"""

from __future__ import annotations

import json
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


LOCK = Path(__file__).resolve().parents[1] / "spec" / "openapi.lock.json"


def locked_version() -> str:
    """The release spec/openapi.lock.json pins: what overrides.yaml and generated/ follow."""
    return str(json.loads(LOCK.read_text(encoding="utf-8"))["version"])


def locked_spec_path() -> Path:
    """The locked release in ../shared/spec/ (tests about overrides.yaml read this one, so a
    spec update does not have to edit them)."""
    return real_spec_path(locked_version())
