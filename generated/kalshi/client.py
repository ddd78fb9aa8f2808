"""`KalshiClient` and `AsyncKalshiClient`: one attribute per resource, loaded on first use."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from kalshi._base_client import ApiProfile, AsyncAPIClient, SyncAPIClient

from . import _environments

if TYPE_CHECKING:
    from .resources.account import AccountResource, AsyncAccountResource
    from .resources.api_keys import ApiKeysResource, AsyncApiKeysResource
    from .resources.communications import AsyncCommunicationsResource, CommunicationsResource
    from .resources.events import AsyncEventsResource, EventsResource
    from .resources.exchange import AsyncExchangeResource, ExchangeResource
    from .resources.fcm import AsyncFcmResource, FcmResource
    from .resources.historical import AsyncHistoricalResource, HistoricalResource
    from .resources.incentive_programs import (
        AsyncIncentiveProgramsResource,
        IncentiveProgramsResource,
    )
    from .resources.live_data import AsyncLiveDataResource, LiveDataResource
    from .resources.markets import AsyncMarketsResource, MarketsResource
    from .resources.milestones import AsyncMilestonesResource, MilestonesResource
    from .resources.multivariate_collections import (
        AsyncMultivariateCollectionsResource,
        MultivariateCollectionsResource,
    )
    from .resources.order_groups import AsyncOrderGroupsResource, OrderGroupsResource
    from .resources.orders import AsyncOrdersResource, OrdersResource
    from .resources.portfolio import AsyncPortfolioResource, PortfolioResource
    from .resources.search import AsyncSearchResource, SearchResource
    from .resources.series import AsyncSeriesResource, SeriesResource
    from .resources.structured_targets import (
        AsyncStructuredTargetsResource,
        StructuredTargetsResource,
    )
    from .resources.subaccounts import AsyncSubaccountsResource, SubaccountsResource

# What the runtime needs to know of this API: its servers, its variables (KALSHI_*),
# the credentials it takes (the document's security schemes).
PROFILE = ApiProfile(
    _environments.SERVERS,
    _environments.PRODUCTION_BASE_URL,
    _environments.DEMO_BASE_URL,
    env_prefix="KALSHI",
)


class KalshiClient(SyncAPIClient):
    """Synchronous client for the Kalshi Trade API.

    `KalshiClient(key_id=..., private_key_path=...)` signs every request with RSA-PSS;
    without keys only public endpoints work. Use it as a context manager, or call `close()`.
    """

    _profile = PROFILE

    @cached_property
    def account(self) -> AccountResource:
        from .resources.account import AccountResource

        return AccountResource(self)

    @cached_property
    def api_keys(self) -> ApiKeysResource:
        from .resources.api_keys import ApiKeysResource

        return ApiKeysResource(self)

    @cached_property
    def communications(self) -> CommunicationsResource:
        from .resources.communications import CommunicationsResource

        return CommunicationsResource(self)

    @cached_property
    def events(self) -> EventsResource:
        from .resources.events import EventsResource

        return EventsResource(self)

    @cached_property
    def exchange(self) -> ExchangeResource:
        from .resources.exchange import ExchangeResource

        return ExchangeResource(self)

    @cached_property
    def fcm(self) -> FcmResource:
        from .resources.fcm import FcmResource

        return FcmResource(self)

    @cached_property
    def historical(self) -> HistoricalResource:
        from .resources.historical import HistoricalResource

        return HistoricalResource(self)

    @cached_property
    def incentive_programs(self) -> IncentiveProgramsResource:
        from .resources.incentive_programs import IncentiveProgramsResource

        return IncentiveProgramsResource(self)

    @cached_property
    def live_data(self) -> LiveDataResource:
        from .resources.live_data import LiveDataResource

        return LiveDataResource(self)

    @cached_property
    def markets(self) -> MarketsResource:
        from .resources.markets import MarketsResource

        return MarketsResource(self)

    @cached_property
    def milestones(self) -> MilestonesResource:
        from .resources.milestones import MilestonesResource

        return MilestonesResource(self)

    @cached_property
    def multivariate_collections(self) -> MultivariateCollectionsResource:
        from .resources.multivariate_collections import MultivariateCollectionsResource

        return MultivariateCollectionsResource(self)

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
    def search(self) -> SearchResource:
        from .resources.search import SearchResource

        return SearchResource(self)

    @cached_property
    def series(self) -> SeriesResource:
        from .resources.series import SeriesResource

        return SeriesResource(self)

    @cached_property
    def structured_targets(self) -> StructuredTargetsResource:
        from .resources.structured_targets import StructuredTargetsResource

        return StructuredTargetsResource(self)

    @cached_property
    def subaccounts(self) -> SubaccountsResource:
        from .resources.subaccounts import SubaccountsResource

        return SubaccountsResource(self)


class AsyncKalshiClient(AsyncAPIClient):
    """Asynchronous client for the Kalshi Trade API; the same resources, awaitable."""

    _profile = PROFILE

    @cached_property
    def account(self) -> AsyncAccountResource:
        from .resources.account import AsyncAccountResource

        return AsyncAccountResource(self)

    @cached_property
    def api_keys(self) -> AsyncApiKeysResource:
        from .resources.api_keys import AsyncApiKeysResource

        return AsyncApiKeysResource(self)

    @cached_property
    def communications(self) -> AsyncCommunicationsResource:
        from .resources.communications import AsyncCommunicationsResource

        return AsyncCommunicationsResource(self)

    @cached_property
    def events(self) -> AsyncEventsResource:
        from .resources.events import AsyncEventsResource

        return AsyncEventsResource(self)

    @cached_property
    def exchange(self) -> AsyncExchangeResource:
        from .resources.exchange import AsyncExchangeResource

        return AsyncExchangeResource(self)

    @cached_property
    def fcm(self) -> AsyncFcmResource:
        from .resources.fcm import AsyncFcmResource

        return AsyncFcmResource(self)

    @cached_property
    def historical(self) -> AsyncHistoricalResource:
        from .resources.historical import AsyncHistoricalResource

        return AsyncHistoricalResource(self)

    @cached_property
    def incentive_programs(self) -> AsyncIncentiveProgramsResource:
        from .resources.incentive_programs import AsyncIncentiveProgramsResource

        return AsyncIncentiveProgramsResource(self)

    @cached_property
    def live_data(self) -> AsyncLiveDataResource:
        from .resources.live_data import AsyncLiveDataResource

        return AsyncLiveDataResource(self)

    @cached_property
    def markets(self) -> AsyncMarketsResource:
        from .resources.markets import AsyncMarketsResource

        return AsyncMarketsResource(self)

    @cached_property
    def milestones(self) -> AsyncMilestonesResource:
        from .resources.milestones import AsyncMilestonesResource

        return AsyncMilestonesResource(self)

    @cached_property
    def multivariate_collections(self) -> AsyncMultivariateCollectionsResource:
        from .resources.multivariate_collections import AsyncMultivariateCollectionsResource

        return AsyncMultivariateCollectionsResource(self)

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
    def search(self) -> AsyncSearchResource:
        from .resources.search import AsyncSearchResource

        return AsyncSearchResource(self)

    @cached_property
    def series(self) -> AsyncSeriesResource:
        from .resources.series import AsyncSeriesResource

        return AsyncSeriesResource(self)

    @cached_property
    def structured_targets(self) -> AsyncStructuredTargetsResource:
        from .resources.structured_targets import AsyncStructuredTargetsResource

        return AsyncStructuredTargetsResource(self)

    @cached_property
    def subaccounts(self) -> AsyncSubaccountsResource:
        from .resources.subaccounts import AsyncSubaccountsResource

        return AsyncSubaccountsResource(self)
