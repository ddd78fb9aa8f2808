"""What the generated distribution says it is: its version and its project metadata.

The version is the Kalshi spec release the client was generated from, as Kalshi numbers its
own generated SDK, plus a post-release number for changes of this generator's output:
`3.34.0.post1`. A post-release (PEP 440) rather than a local segment (`+gen.1`), because
indexes refuse local versions and because pip orders post-releases: an improved client for
the same spec upgrades the previous one, and the next spec release sorts above both.
"""

from __future__ import annotations

import re

from .pysource import DOCS_SITE

# Bump when a change of the generator changes the generated client. It never restarts:
# 3.35.0.post1 sorts above 3.34.0.post7 all the same.
GENERATOR_REVISION = 3  # 3: kalshi.perps (+ streaming), kalshi.klear, a profile per client

DISTRIBUTION_NAME = "kalshi-generated"  # kalshi._constants.DISTRIBUTION_NAME says the same
LICENSE = "MIT"  # SPDX: users may vendor and patch the generated client freely
PROJECT_URLS = {
    "Kalshi API documentation": DOCS_SITE,
    "API specification": "https://docs.kalshi.com/openapi.yaml",
}

_RELEASE = re.compile(r"[0-9]+(\.[0-9]+)*")


def client_version(spec_version: str) -> str:
    """`3.34.0` -> `3.34.0.post1`: the spec release plus this generator's revision.

    A spec version that is not a plain release (`3.1.0-beta`) has no place in that order;
    it is kept, PEP 440 valid, in the local segment of a version below every release:
    `0.0.0.post1+spec.3.1.0.beta`.
    """
    if _RELEASE.fullmatch(spec_version):
        return f"{spec_version}.post{GENERATOR_REVISION}"
    local = ".".join(re.findall(r"[a-z0-9]+", spec_version.lower()))
    return f"0.0.0.post{GENERATOR_REVISION}" + (f"+spec.{local}" if local else "")
