"""`PerpsClient` and `AsyncPerpsClient`: one attribute per resource, loaded on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from kalshi._base_client import ApiProfile, AsyncAPIClient, SyncAPIClient

from . import _environments

if TYPE_CHECKING:
    from .resources.exchange import AsyncExchangeResource, ExchangeResource
    from .resources.fcm import AsyncFcmResource, FcmResource
    from .resources.funding import AsyncFundingResource, FundingResource
    from .resources.margin import AsyncMarginResource, MarginResource
    from .resources.markets import AsyncMarketsResource, MarketsResource
    from .resources.order_groups import AsyncOrderGroupsResource, OrderGroupsResource
    from .resources.orders import AsyncOrdersResource, OrdersResource
    from .resources.portfolio import AsyncPortfolioResource, PortfolioResource
    from .resources.transfers import AsyncTransfersResource, TransfersResource

# What the runtime needs to know of this API: its servers, its variables (KALSHI_PERPS_*),
# the credentials it takes (the document's security schemes).
PROFILE = ApiProfile(
    _environments.SERVERS,
    _environments.PRODUCTION_BASE_URL,
    _environments.DEMO_BASE_URL,
    env_prefix="KALSHI_PERPS",
    credentials=("signature", "bearer"),
)


class PerpsClient(SyncAPIClient):
    """Synchronous client for the Kalshi Perps API.

    `PerpsClient(key_id=..., private_key_path=...)` signs every request with RSA-PSS;
    `PerpsClient.from_env()` reads KALSHI_PERPS_* variables. Without keys
    only public endpoints work. Use it as a context manager, or call `close()`.
    """

    _profile = PROFILE

    @cached_property
    def exchange(self) -> ExchangeResource:
        from .resources.exchange import ExchangeResource

        return ExchangeResource(self)

    @cached_property
    def fcm(self) -> FcmResource:
        from .resources.fcm import FcmResource

        return FcmResource(self)

    @cached_property
    def funding(self) -> FundingResource:
        from .resources.funding import FundingResource

        return FundingResource(self)

    @cached_property
    def margin(self) -> MarginResource:
        from .resources.margin import MarginResource

        return MarginResource(self)

    @cached_property
    def markets(self) -> MarketsResource:
        from .resources.markets import MarketsResource

        return MarketsResource(self)

    @cached_property
    def order_groups(self) -> OrderGroupsResource:
        from .resources.order_groups import OrderGroupsResource

        return OrderGroupsResource(self)

    @cached_property
    def orders(self) -> OrdersResource:
        from .resources.orders import OrdersResource

        return OrdersResource(self)

    @cached_property
    def portfolio(self) -> PortfolioResource:
        from .resources.portfolio import PortfolioResource

        return PortfolioResource(self)

    @cached_property
    def transfers(self) -> TransfersResource:
        from .resources.transfers import TransfersResource

        return TransfersResource(self)


class AsyncPerpsClient(AsyncAPIClient):
    """Asynchronous client for the Kalshi Perps API; the same resources, awaitable."""

    _profile = PROFILE

    @cached_property
    def exchange(self) -> AsyncExchangeResource:
        from .resources.exchange import AsyncExchangeResource

        return AsyncExchangeResource(self)

    @cached_property
    def fcm(self) -> AsyncFcmResource:
        from .resources.fcm import AsyncFcmResource

        return AsyncFcmResource(self)

    @cached_property
    def funding(self) -> AsyncFundingResource:
        from .resources.funding import AsyncFundingResource

        return AsyncFundingResource(self)

    @cached_property
    def margin(self) -> AsyncMarginResource:
        from .resources.margin import AsyncMarginResource

        return AsyncMarginResource(self)

    @cached_property
    def markets(self) -> AsyncMarketsResource:
        from .resources.markets import AsyncMarketsResource

        return AsyncMarketsResource(self)

    @cached_property
    def order_groups(self) -> AsyncOrderGroupsResource:
        from .resources.order_groups import AsyncOrderGroupsResource

        return AsyncOrderGroupsResource(self)

    @cached_property
    def orders(self) -> AsyncOrdersResource:
        from .resources.orders import AsyncOrdersResource

        return AsyncOrdersResource(self)

    @cached_property
    def portfolio(self) -> AsyncPortfolioResource:
        from .resources.portfolio import AsyncPortfolioResource

        return AsyncPortfolioResource(self)

    @cached_property
    def transfers(self) -> AsyncTransfersResource:
        from .resources.transfers import AsyncTransfersResource

        return AsyncTransfersResource(self)
