"""The spec's `servers` -> the client's environments and their default servers.

    environment  "demo" when the server's description or host says demo, else "production"
    default      the first server of each environment in the spec's order; overrides.yaml
                 `environments:` picks another, with its reason

Every server the spec lists is a known host: the runtime refuses a `base_url` elsewhere
unless the caller opts in, so a typo never sends signed requests to a stranger.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from .. import ir
from ..errors import GeneratorError
from ..overrides.schema import Environments
from ..overrides.tracker import OverrideTracker

ENVIRONMENTS = ("production", "demo")


def read_servers(doc: dict[str, Any], *, source: str) -> list[ir.Server]:
    servers: list[ir.Server] = []
    for index, server in enumerate(doc.get("servers") or []):
        where = f"{source}: servers[{index}]"
        url = server.get("url") if isinstance(server, dict) else None
        if not isinstance(url, str) or "{" in url:
            raise GeneratorError(
                "a server needs a literal http(s) `url` (server variables are not supported)",
                where=where,
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GeneratorError(f"server url {url!r} is not an absolute http(s) URL", where=where)
        description = str(server.get("description") or "").strip()
        demo = "demo" in description.lower() or any(
            "demo" in label for label in parts.hostname.split(".")
        )
        servers.append(ir.Server(url.rstrip("/"), "demo" if demo else "production", description))
    return servers


def default_servers(
    servers: list[ir.Server], chosen: Environments | None, tracker: OverrideTracker
) -> dict[str, str]:
    """environment -> default URL: the convention, then overrides.yaml's choice."""
    defaults: dict[str, str] = {}
    for server in servers:
        defaults.setdefault(server.environment, server.url)
    if chosen is None:
        return defaults
    known = {server.url for server in servers}
    for environment in ENVIRONMENTS:
        url = getattr(chosen, environment)
        if url is None:
            continue
        entry = f"environments.{environment}"
        if url.rstrip("/") not in known:
            tracker.stale(
                entry, f"{url} is not one of the spec's servers ({', '.join(sorted(known))})"
            )
            continue
        defaults[environment] = tracker.choose(
            entry,
            f"the {environment} environment",
            defaults.get(environment, "none"),
            url.rstrip("/"),
            chosen.reason,
        )
    return defaults
