"""The one constants module of the runtime: limits, credentials and environment variable names.

What differs between the generated clients sharing this runtime (kalshi.KalshiClient,
kalshi.perps.PerpsClient, kalshi.klear.KlearClient) is each client class's `ApiProfile`
(`_base_client`): its servers (its package's generated `_environments.py`), the prefix of its
variables (the ENV_* names below are the KALSHI ones; KALSHI_PERPS_KEY_ID for perps) and the
credentials it takes.
"""

from __future__ import annotations

from typing import Final

# The credentials an operation can accept (its spec `security`; generator/security.py).
SIGNATURE: Final = "signature"  # RSA-PSS with the API key: KALSHI-ACCESS-* headers
BEARER: Final = "bearer"  # a user OAuth access token: Authorization: Bearer

# Seconds, for connect, each read and write, pool, and the whole of each attempt (see the
# module docstring of _base_client).
DEFAULT_TIMEOUT: Final = 30.0
DEFAULT_MAX_RETRIES: Final = 2

# Retry timing: exponential backoff with jitter; a server's Retry-After is a floor, capped
# like kalshi-sdk does so one bad header cannot stall a trading loop for minutes.
BACKOFF_BASE: Final = 0.5
BACKOFF_MAX: Final = 8.0
RETRY_AFTER_CAP: Final = 30.0

# Pagination ends after this many pages in a row without items, even when the last one
# has a cursor: a server handing out fresh cursors for empty pages would loop forever.
MAX_EMPTY_PAGES: Final = 5

ENV_KEY_ID: Final = "KALSHI_KEY_ID"
ENV_PRIVATE_KEY: Final = "KALSHI_PRIVATE_KEY"
ENV_PRIVATE_KEY_PATH: Final = "KALSHI_PRIVATE_KEY_PATH"
ENV_BASE_URL: Final = "KALSHI_API_BASE_URL"
ENV_DEMO: Final = "KALSHI_DEMO"
ENV_OAUTH_TOKEN: Final = "KALSHI_OAUTH_TOKEN"
ENV_ALLOW_UNKNOWN_HOST: Final = "KALSHI_ALLOW_UNKNOWN_HOST"  # 1: base_url may be any host
# 1: deviating responses raise; one switch for every client of a process, whatever its API
ENV_STRICT_RESPONSES: Final = "KALSHI_STRICT_RESPONSES"

# Bounds on what an error keeps, so a huge HTML error page never ends up in a log line.
MAX_ERROR_FIELD_CHARS: Final = 1000  # code, message, details, service
MAX_ERROR_BODY_CHARS: Final = 2000  # raw body excerpt kept on the error
MAX_ERROR_BODY_PARSE_BYTES: Final = 65536  # larger error bodies are not parsed as JSON

USER_AGENT_NAME: Final = "kalshi-python-generated"
DISTRIBUTION_NAME: Final = "kalshi-generated"  # fallback source of the User-Agent version
