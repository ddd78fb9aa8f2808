"""The servers of Kalshi Trade API Manual Endpoints 3.34.0, from the spec's `servers`.

`KalshiClient()` talks to PRODUCTION_BASE_URL, `KalshiClient(demo=True)` (or `KALSHI_DEMO=1`)
to DEMO_BASE_URL; `base_url=` picks any of SERVERS. A host that is not one of them is refused
unless the client is made with `allow_unknown_host=True` (or `KALSHI_ALLOW_UNKNOWN_HOST=1`).
"""

from __future__ import annotations

from typing import Final, NamedTuple


class Server(NamedTuple):
    url: str
    environment: str  # "production" or "demo"
    description: str


SERVERS: Final[tuple[Server, ...]] = (
    Server(
        "https://external-api.kalshi.com/trade-api/v2", "production", "Production Trade API server"
    ),
    Server(
        "https://api.elections.kalshi.com/trade-api/v2",
        "production",
        "Production shared API server, also supported",
    ),
    Server("https://external-api.demo.kalshi.co/trade-api/v2", "demo", "Demo Trade API server"),
    Server(
        "https://demo-api.kalshi.co/trade-api/v2", "demo", "Demo shared API server, also supported"
    ),
)

# overrides.yaml: 3.34.0 lists the new external-api hosts first and keeps these shared hosts as "also
# supported". Every earlier release of this client, kalshi-sdk 22.4.0 and the WebSocket
# documentation use the shared hosts, so the default stays where traders' signed traffic
# already goes; base_url= selects an external-api host (a known server, no opt-in needed).
PRODUCTION_BASE_URL: Final[str | None] = "https://api.elections.kalshi.com/trade-api/v2"

# overrides.yaml: 3.34.0 lists the new external-api hosts first and keeps these shared hosts as "also
# supported". Every earlier release of this client, kalshi-sdk 22.4.0 and the WebSocket
# documentation use the shared hosts, so the default stays where traders' signed traffic
# already goes; base_url= selects an external-api host (a known server, no opt-in needed).
DEMO_BASE_URL: Final[str | None] = "https://demo-api.kalshi.co/trade-api/v2"
