"""The servers of Kalshi Clearing Member API 0.0.1, from the spec's `servers`.

`KlearClient()` talks to PRODUCTION_BASE_URL, `KlearClient(demo=True)` (or `KALSHI_KLEAR_DEMO=1`)
to DEMO_BASE_URL; `base_url=` picks any of SERVERS. A host that is not one of them is refused
unless the client is made with `allow_unknown_host=True` (or `KALSHI_KLEAR_ALLOW_UNKNOWN_HOST=1`).
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Server(NamedTuple):
    url: str
    environment: str  # "production" or "demo"
    description: str


SERVERS: Final[tuple[Server, ...]] = (
    Server("https://api.klear.kalshi.com/klear-api/v1", "production", "Production"),
    Server("https://demo-api.kalshi.co/klear-api/v1", "demo", "Demo"),
)

PRODUCTION_BASE_URL: Final[str | None] = "https://api.klear.kalshi.com/klear-api/v1"

DEMO_BASE_URL: Final[str | None] = "https://demo-api.kalshi.co/klear-api/v1"
