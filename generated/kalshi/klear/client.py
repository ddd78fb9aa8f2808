"""`KlearClient` and `AsyncKlearClient`: one attribute per resource, loaded on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import httpx
from typing_extensions import Never

from kalshi._base_client import (
    ApiProfile,
    AsyncAPIClient,
    SyncAPIClient,
    join_bearer,
    refuse_keywords,
)
from kalshi._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT

from . import _environments

if TYPE_CHECKING:
    from .resources.margin import AsyncMarginResource, MarginResource

# What the runtime needs to know of this API: its servers, its variables (KALSHI_KLEAR_*),
# the credentials it takes (the document's security schemes).
PROFILE = ApiProfile(
    _environments.SERVERS,
    _environments.PRODUCTION_BASE_URL,
    _environments.DEMO_BASE_URL,
    env_prefix="KALSHI_KLEAR",
    credentials=("bearer",),
    bearer_parts=("admin_user_id", "access_token"),
)


class KlearClient(SyncAPIClient):
    """Synchronous client for the Kalshi Klear API (clearing members).

    `KlearClient(admin_user_id=..., access_token=...)` sends the bearer token
    `<admin_user_id>:<access_token>` with every request; `KlearClient.from_env()` reads
    KALSHI_KLEAR_* variables. Use it as a context manager, or call `close()`.
    """

    _profile = PROFILE

    def __init__(
        self,
        *,
        admin_user_id: str | None = None,
        access_token: str | None = None,
        base_url: str | None = None,
        demo: bool = False,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
        strict_responses: bool | None = None,
        allow_unknown_host: bool | None = None,
        **not_accepted: Never,
    ) -> None:
        """Every request carries `Authorization: Bearer <admin_user_id>:<access_token>`, made of
        `admin_user_id=` and `access_token=`, which `from_env()` reads from
        KALSHI_KLEAR_ADMIN_USER_ID and KALSHI_KLEAR_ACCESS_TOKEN. The token never appears in a
        repr, a log line or an error. The other keywords are `kalshi.KalshiClient`'s; no API key
        (this API takes none).
        """
        refuse_keywords("KlearClient", PROFILE, not_accepted)
        super().__init__(
            oauth_token=join_bearer(
                PROFILE, {"admin_user_id": admin_user_id, "access_token": access_token}
            ),
            base_url=base_url,
            demo=demo,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_responses=strict_responses,
            allow_unknown_host=allow_unknown_host,
        )

    @cached_property
    def margin(self) -> MarginResource:
        from .resources.margin import MarginResource

        return MarginResource(self)


class AsyncKlearClient(AsyncAPIClient):
    """Asynchronous client for the Kalshi Klear API (clearing members); the same resources, awaitable."""

    _profile = PROFILE

    def __init__(
        self,
        *,
        admin_user_id: str | None = None,
        access_token: str | None = None,
        base_url: str | None = None,
        demo: bool = False,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.AsyncBaseTransport | None = None,
        strict_responses: bool | None = None,
        allow_unknown_host: bool | None = None,
        **not_accepted: Never,
    ) -> None:
        """Every request carries `Authorization: Bearer <admin_user_id>:<access_token>`, made of
        `admin_user_id=` and `access_token=`, which `from_env()` reads from
        KALSHI_KLEAR_ADMIN_USER_ID and KALSHI_KLEAR_ACCESS_TOKEN. The token never appears in a
        repr, a log line or an error. The other keywords are `kalshi.KalshiClient`'s; no API key
        (this API takes none).
        """
        refuse_keywords("AsyncKlearClient", PROFILE, not_accepted)
        super().__init__(
            oauth_token=join_bearer(
                PROFILE, {"admin_user_id": admin_user_id, "access_token": access_token}
            ),
            base_url=base_url,
            demo=demo,
            timeout=timeout,
            max_retries=max_retries,
            transport=transport,
            strict_responses=strict_responses,
            allow_unknown_host=allow_unknown_host,
        )

    @cached_property
    def margin(self) -> AsyncMarginResource:
        from .resources.margin import AsyncMarginResource

        return AsyncMarginResource(self)
