"""The servers of Kalshi Trade API Manual Endpoints 0.0.1, from the spec's `servers`.

`PerpsClient()` talks to PRODUCTION_BASE_URL, `PerpsClient(demo=True)` (or `KALSHI_PERPS_DEMO=1`)
to DEMO_BASE_URL; `base_url=` picks any of SERVERS. A host that is not one of them is refused
unless the client is made with `allow_unknown_host=True` (or `KALSHI_PERPS_ALLOW_UNKNOWN_HOST=1`).
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Server(NamedTuple):
    url: str
    environment: str  # "production" or "demo"
    description: str


SERVERS: Final[tuple[Server, ...]] = (
    Server(
        "https://external-api.kalshi.com/trade-api/v2",
        "production",
        "Production perps REST API server",
    ),
    Server(
        "https://external-api.demo.kalshi.co/trade-api/v2", "demo", "Demo perps REST API server"
    ),
)

PRODUCTION_BASE_URL: Final[str | None] = "https://external-api.kalshi.com/trade-api/v2"

DEMO_BASE_URL: Final[str | None] = "https://external-api.demo.kalshi.co/trade-api/v2"
