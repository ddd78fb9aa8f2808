"""Typed client for the Kalshi Trade API (Kalshi Trade API Manual Endpoints 3.13.0).

    from kalshi import KalshiClient

    with KalshiClient(key_id="...", private_key_path="kalshi.pem") as client:
        for item in client.events.list_all(max_pages=2):
            print(item)

Models are importable from here too (`from kalshi import <Model>`); they load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import errors
from ._version import SPEC_VERSION, __version__
from .client import AsyncKalshiClient, KalshiClient

if TYPE_CHECKING:
    from .models.account import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .models.api_keys import ApiKey as ApiKey
    from .models.api_keys import CreateApiKeyRequest as CreateApiKeyRequest
    from .models.api_keys import CreateApiKeyResponse as CreateApiKeyResponse
    from .models.api_keys import GenerateApiKeyRequest as GenerateApiKeyRequest
    from .models.api_keys import GenerateApiKeyResponse as GenerateApiKeyResponse
    from .models.api_keys import GetApiKeysResponse as GetApiKeysResponse
    from .models.common import BidAskDistribution as BidAskDistribution
    from .models.common import EmptyResponse as EmptyResponse
    from .models.common import EventPosition as EventPosition
    from .models.common import ExchangeInstance as ExchangeInstance
    from .models.common import Fill as Fill
    from .models.common import GetFillsResponse as GetFillsResponse
    from .models.common import GetMarketResponse as GetMarketResponse
    from .models.common import GetMarketsResponse as GetMarketsResponse
    from .models.common import GetOrdersResponse as GetOrdersResponse
    from .models.common import GetPositionsResponse as GetPositionsResponse
    from .models.common import GetTradesResponse as GetTradesResponse
    from .models.common import (
        IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest,
    )
    from .models.common import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )
    from .models.common import Market as Market
    from .models.common import MarketCandlestick as MarketCandlestick
    from .models.common import MarketPosition as MarketPosition
    from .models.common import Milestone as Milestone
    from .models.common import MveSelectedLeg as MveSelectedLeg
    from .models.common import Order as Order
    from .models.common import OrderStatus as OrderStatus
    from .models.common import PriceDistribution as PriceDistribution
    from .models.common import PriceRange as PriceRange
    from .models.common import SelfTradePreventionType as SelfTradePreventionType
    from .models.common import SettlementSource as SettlementSource
    from .models.common import Trade as Trade
    from .models.communications import RFQ as RFQ
    from .models.communications import AcceptQuoteRequest as AcceptQuoteRequest
    from .models.communications import CreateQuoteRequest as CreateQuoteRequest
    from .models.communications import CreateQuoteResponse as CreateQuoteResponse
    from .models.communications import CreateRFQRequest as CreateRFQRequest
    from .models.communications import CreateRFQResponse as CreateRFQResponse
    from .models.communications import GetCommunicationsIDResponse as GetCommunicationsIDResponse
    from .models.communications import GetQuoteResponse as GetQuoteResponse
    from .models.communications import GetQuotesResponse as GetQuotesResponse
    from .models.communications import GetRFQResponse as GetRFQResponse
    from .models.communications import GetRFQsResponse as GetRFQsResponse
    from .models.communications import Quote as Quote
    from .models.events import EventData as EventData
    from .models.events import GetEventMetadataResponse as GetEventMetadataResponse
    from .models.events import GetEventResponse as GetEventResponse
    from .models.events import GetEventsResponse as GetEventsResponse
    from .models.events import GetMultivariateEventsResponse as GetMultivariateEventsResponse
    from .models.events import MarketMetadata as MarketMetadata
    from .models.exchange import Announcement as Announcement
    from .models.exchange import DailySchedule as DailySchedule
    from .models.exchange import ExchangeStatus as ExchangeStatus
    from .models.exchange import (
        GetExchangeAnnouncementsResponse as GetExchangeAnnouncementsResponse,
    )
    from .models.exchange import GetExchangeScheduleResponse as GetExchangeScheduleResponse
    from .models.exchange import GetUserDataTimestampResponse as GetUserDataTimestampResponse
    from .models.exchange import MaintenanceWindow as MaintenanceWindow
    from .models.exchange import Schedule as Schedule
    from .models.exchange import WeeklySchedule as WeeklySchedule
    from .models.historical import BidAskDistributionHistorical as BidAskDistributionHistorical
    from .models.historical import GetHistoricalCutoffResponse as GetHistoricalCutoffResponse
    from .models.historical import (
        GetMarketCandlesticksHistoricalResponse as GetMarketCandlesticksHistoricalResponse,
    )
    from .models.historical import MarketCandlestickHistorical as MarketCandlestickHistorical
    from .models.historical import PriceDistributionHistorical as PriceDistributionHistorical
    from .models.incentive_programs import (
        GetIncentiveProgramsResponse as GetIncentiveProgramsResponse,
    )
    from .models.incentive_programs import IncentiveProgram as IncentiveProgram
    from .models.live_data import GetGameStatsResponse as GetGameStatsResponse
    from .models.live_data import GetLiveDataResponse as GetLiveDataResponse
    from .models.live_data import GetLiveDatasResponse as GetLiveDatasResponse
    from .models.live_data import LiveData as LiveData
    from .models.live_data import PlayByPlay as PlayByPlay
    from .models.live_data import PlayByPlayPeriod as PlayByPlayPeriod
    from .models.markets import (
        BatchGetMarketCandlesticksResponse as BatchGetMarketCandlesticksResponse,
    )
    from .models.markets import GetMarketCandlesticksResponse as GetMarketCandlesticksResponse
    from .models.markets import GetMarketOrderbookResponse as GetMarketOrderbookResponse
    from .models.markets import GetMarketOrderbooksResponse as GetMarketOrderbooksResponse
    from .models.markets import MarketCandlesticksResponse as MarketCandlesticksResponse
    from .models.markets import MarketOrderbookFp as MarketOrderbookFp
    from .models.markets import OrderbookCountFp as OrderbookCountFp
    from .models.milestones import GetMilestoneResponse as GetMilestoneResponse
    from .models.milestones import GetMilestonesResponse as GetMilestonesResponse
    from .models.multivariate_collections import AssociatedEvent as AssociatedEvent
    from .models.multivariate_collections import (
        CreateMarketInMultivariateEventCollectionRequest as CreateMarketInMultivariateEventCollectionRequest,
    )
    from .models.multivariate_collections import (
        CreateMarketInMultivariateEventCollectionResponse as CreateMarketInMultivariateEventCollectionResponse,
    )
    from .models.multivariate_collections import (
        GetMultivariateEventCollectionLookupHistoryResponse as GetMultivariateEventCollectionLookupHistoryResponse,
    )
    from .models.multivariate_collections import (
        GetMultivariateEventCollectionResponse as GetMultivariateEventCollectionResponse,
    )
    from .models.multivariate_collections import (
        GetMultivariateEventCollectionsResponse as GetMultivariateEventCollectionsResponse,
    )
    from .models.multivariate_collections import LookupPoint as LookupPoint
    from .models.multivariate_collections import (
        LookupTickersForMarketInMultivariateEventCollectionRequest as LookupTickersForMarketInMultivariateEventCollectionRequest,
    )
    from .models.multivariate_collections import (
        LookupTickersForMarketInMultivariateEventCollectionResponse as LookupTickersForMarketInMultivariateEventCollectionResponse,
    )
    from .models.multivariate_collections import (
        MultivariateEventCollection as MultivariateEventCollection,
    )
    from .models.multivariate_collections import TickerPair as TickerPair
    from .models.order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .models.order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .models.order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .models.order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .models.order_groups import OrderGroup as OrderGroup
    from .models.order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .models.orders import AmendOrderRequest as AmendOrderRequest
    from .models.orders import AmendOrderResponse as AmendOrderResponse
    from .models.orders import (
        BatchCancelOrdersIndividualResponse as BatchCancelOrdersIndividualResponse,
    )
    from .models.orders import BatchCancelOrdersRequest as BatchCancelOrdersRequest
    from .models.orders import BatchCancelOrdersRequestOrder as BatchCancelOrdersRequestOrder
    from .models.orders import BatchCancelOrdersResponse as BatchCancelOrdersResponse
    from .models.orders import (
        BatchCreateOrdersIndividualResponse as BatchCreateOrdersIndividualResponse,
    )
    from .models.orders import BatchCreateOrdersRequest as BatchCreateOrdersRequest
    from .models.orders import BatchCreateOrdersResponse as BatchCreateOrdersResponse
    from .models.orders import CancelOrderResponse as CancelOrderResponse
    from .models.orders import CreateOrderRequest as CreateOrderRequest
    from .models.orders import CreateOrderResponse as CreateOrderResponse
    from .models.orders import DecreaseOrderRequest as DecreaseOrderRequest
    from .models.orders import DecreaseOrderResponse as DecreaseOrderResponse
    from .models.orders import ErrorResponse as ErrorResponse
    from .models.orders import GetOrderQueuePositionResponse as GetOrderQueuePositionResponse
    from .models.orders import GetOrderQueuePositionsResponse as GetOrderQueuePositionsResponse
    from .models.orders import GetOrderResponse as GetOrderResponse
    from .models.orders import OrderQueuePosition as OrderQueuePosition
    from .models.portfolio import GetBalanceResponse as GetBalanceResponse
    from .models.portfolio import (
        GetPortfolioRestingOrderTotalValueResponse as GetPortfolioRestingOrderTotalValueResponse,
    )
    from .models.portfolio import GetSettlementsResponse as GetSettlementsResponse
    from .models.portfolio import Settlement as Settlement
    from .models.search import GetFiltersBySportsResponse as GetFiltersBySportsResponse
    from .models.search import (
        GetTagsForSeriesCategoriesResponse as GetTagsForSeriesCategoriesResponse,
    )
    from .models.search import ScopeList as ScopeList
    from .models.search import SportFilterDetails as SportFilterDetails
    from .models.series import ForecastPercentilesPoint as ForecastPercentilesPoint
    from .models.series import GetEventCandlesticksResponse as GetEventCandlesticksResponse
    from .models.series import (
        GetEventForecastPercentilesHistoryResponse as GetEventForecastPercentilesHistoryResponse,
    )
    from .models.series import GetSeriesFeeChangesResponse as GetSeriesFeeChangesResponse
    from .models.series import GetSeriesListResponse as GetSeriesListResponse
    from .models.series import GetSeriesResponse as GetSeriesResponse
    from .models.series import PercentilePoint as PercentilePoint
    from .models.series import Series as Series
    from .models.series import SeriesFeeChange as SeriesFeeChange
    from .models.structured_targets import (
        GetStructuredTargetResponse as GetStructuredTargetResponse,
    )
    from .models.structured_targets import (
        GetStructuredTargetsResponse as GetStructuredTargetsResponse,
    )
    from .models.structured_targets import StructuredTarget as StructuredTarget
    from .models.subaccounts import ApplySubaccountTransferRequest as ApplySubaccountTransferRequest
    from .models.subaccounts import (
        ApplySubaccountTransferResponse as ApplySubaccountTransferResponse,
    )
    from .models.subaccounts import CreateSubaccountResponse as CreateSubaccountResponse
    from .models.subaccounts import GetSubaccountBalancesResponse as GetSubaccountBalancesResponse
    from .models.subaccounts import GetSubaccountNettingResponse as GetSubaccountNettingResponse
    from .models.subaccounts import GetSubaccountTransfersResponse as GetSubaccountTransfersResponse
    from .models.subaccounts import SubaccountBalance as SubaccountBalance
    from .models.subaccounts import SubaccountNettingConfig as SubaccountNettingConfig
    from .models.subaccounts import SubaccountTransfer as SubaccountTransfer
    from .models.subaccounts import UpdateSubaccountNettingRequest as UpdateSubaccountNettingRequest

_MODEL_MODULES: dict[str, str] = {
    "AcceptQuoteRequest": "communications",
    "AmendOrderRequest": "orders",
    "AmendOrderResponse": "orders",
    "Announcement": "exchange",
    "ApiKey": "api_keys",
    "ApplySubaccountTransferRequest": "subaccounts",
    "ApplySubaccountTransferResponse": "subaccounts",
    "AssociatedEvent": "multivariate_collections",
    "BatchCancelOrdersIndividualResponse": "orders",
    "BatchCancelOrdersRequest": "orders",
    "BatchCancelOrdersRequestOrder": "orders",
    "BatchCancelOrdersResponse": "orders",
    "BatchCreateOrdersIndividualResponse": "orders",
    "BatchCreateOrdersRequest": "orders",
    "BatchCreateOrdersResponse": "orders",
    "BatchGetMarketCandlesticksResponse": "markets",
    "BidAskDistribution": "common",
    "BidAskDistributionHistorical": "historical",
    "CancelOrderResponse": "orders",
    "CreateApiKeyRequest": "api_keys",
    "CreateApiKeyResponse": "api_keys",
    "CreateMarketInMultivariateEventCollectionRequest": "multivariate_collections",
    "CreateMarketInMultivariateEventCollectionResponse": "multivariate_collections",
    "CreateOrderGroupRequest": "order_groups",
    "CreateOrderGroupResponse": "order_groups",
    "CreateOrderRequest": "orders",
    "CreateOrderResponse": "orders",
    "CreateQuoteRequest": "communications",
    "CreateQuoteResponse": "communications",
    "CreateRFQRequest": "communications",
    "CreateRFQResponse": "communications",
    "CreateSubaccountResponse": "subaccounts",
    "DailySchedule": "exchange",
    "DecreaseOrderRequest": "orders",
    "DecreaseOrderResponse": "orders",
    "EmptyResponse": "common",
    "ErrorResponse": "orders",
    "EventData": "events",
    "EventPosition": "common",
    "ExchangeInstance": "common",
    "ExchangeStatus": "exchange",
    "Fill": "common",
    "ForecastPercentilesPoint": "series",
    "GenerateApiKeyRequest": "api_keys",
    "GenerateApiKeyResponse": "api_keys",
    "GetAccountApiLimitsResponse": "account",
    "GetApiKeysResponse": "api_keys",
    "GetBalanceResponse": "portfolio",
    "GetCommunicationsIDResponse": "communications",
    "GetEventCandlesticksResponse": "series",
    "GetEventForecastPercentilesHistoryResponse": "series",
    "GetEventMetadataResponse": "events",
    "GetEventResponse": "events",
    "GetEventsResponse": "events",
    "GetExchangeAnnouncementsResponse": "exchange",
    "GetExchangeScheduleResponse": "exchange",
    "GetFillsResponse": "common",
    "GetFiltersBySportsResponse": "search",
    "GetGameStatsResponse": "live_data",
    "GetHistoricalCutoffResponse": "historical",
    "GetIncentiveProgramsResponse": "incentive_programs",
    "GetLiveDataResponse": "live_data",
    "GetLiveDatasResponse": "live_data",
    "GetMarketCandlesticksHistoricalResponse": "historical",
    "GetMarketCandlesticksResponse": "markets",
    "GetMarketOrderbookResponse": "markets",
    "GetMarketOrderbooksResponse": "markets",
    "GetMarketResponse": "common",
    "GetMarketsResponse": "common",
    "GetMilestoneResponse": "milestones",
    "GetMilestonesResponse": "milestones",
    "GetMultivariateEventCollectionLookupHistoryResponse": "multivariate_collections",
    "GetMultivariateEventCollectionResponse": "multivariate_collections",
    "GetMultivariateEventCollectionsResponse": "multivariate_collections",
    "GetMultivariateEventsResponse": "events",
    "GetOrderGroupResponse": "order_groups",
    "GetOrderGroupsResponse": "order_groups",
    "GetOrderQueuePositionResponse": "orders",
    "GetOrderQueuePositionsResponse": "orders",
    "GetOrderResponse": "orders",
    "GetOrdersResponse": "common",
    "GetPortfolioRestingOrderTotalValueResponse": "portfolio",
    "GetPositionsResponse": "common",
    "GetQuoteResponse": "communications",
    "GetQuotesResponse": "communications",
    "GetRFQResponse": "communications",
    "GetRFQsResponse": "communications",
    "GetSeriesFeeChangesResponse": "series",
    "GetSeriesListResponse": "series",
    "GetSeriesResponse": "series",
    "GetSettlementsResponse": "portfolio",
    "GetStructuredTargetResponse": "structured_targets",
    "GetStructuredTargetsResponse": "structured_targets",
    "GetSubaccountBalancesResponse": "subaccounts",
    "GetSubaccountNettingResponse": "subaccounts",
    "GetSubaccountTransfersResponse": "subaccounts",
    "GetTagsForSeriesCategoriesResponse": "search",
    "GetTradesResponse": "common",
    "GetUserDataTimestampResponse": "exchange",
    "IncentiveProgram": "incentive_programs",
    "IntraExchangeInstanceTransferRequest": "common",
    "IntraExchangeInstanceTransferResponse": "common",
    "LiveData": "live_data",
    "LookupPoint": "multivariate_collections",
    "LookupTickersForMarketInMultivariateEventCollectionRequest": "multivariate_collections",
    "LookupTickersForMarketInMultivariateEventCollectionResponse": "multivariate_collections",
    "MaintenanceWindow": "exchange",
    "Market": "common",
    "MarketCandlestick": "common",
    "MarketCandlestickHistorical": "historical",
    "MarketCandlesticksResponse": "markets",
    "MarketMetadata": "events",
    "MarketOrderbookFp": "markets",
    "MarketPosition": "common",
    "Milestone": "common",
    "MultivariateEventCollection": "multivariate_collections",
    "MveSelectedLeg": "common",
    "Order": "common",
    "OrderGroup": "order_groups",
    "OrderQueuePosition": "orders",
    "OrderStatus": "common",
    "OrderbookCountFp": "markets",
    "PercentilePoint": "series",
    "PlayByPlay": "live_data",
    "PlayByPlayPeriod": "live_data",
    "PriceDistribution": "common",
    "PriceDistributionHistorical": "historical",
    "PriceRange": "common",
    "Quote": "communications",
    "RFQ": "communications",
    "Schedule": "exchange",
    "ScopeList": "search",
    "SelfTradePreventionType": "common",
    "Series": "series",
    "SeriesFeeChange": "series",
    "Settlement": "portfolio",
    "SettlementSource": "common",
    "SportFilterDetails": "search",
    "StructuredTarget": "structured_targets",
    "SubaccountBalance": "subaccounts",
    "SubaccountNettingConfig": "subaccounts",
    "SubaccountTransfer": "subaccounts",
    "TickerPair": "multivariate_collections",
    "Trade": "common",
    "UpdateOrderGroupLimitRequest": "order_groups",
    "UpdateSubaccountNettingRequest": "subaccounts",
    "WeeklySchedule": "exchange",
}


def __getattr__(name: str) -> Any:
    module = _MODEL_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kalshi.models.{module}"), name)


__all__ = [
    "RFQ",
    "SPEC_VERSION",
    "AcceptQuoteRequest",
    "AmendOrderRequest",
    "AmendOrderResponse",
    "Announcement",
    "ApiKey",
    "ApplySubaccountTransferRequest",
    "ApplySubaccountTransferResponse",
    "AssociatedEvent",
    "AsyncKalshiClient",
    "BatchCancelOrdersIndividualResponse",
    "BatchCancelOrdersRequest",
    "BatchCancelOrdersRequestOrder",
    "BatchCancelOrdersResponse",
    "BatchCreateOrdersIndividualResponse",
    "BatchCreateOrdersRequest",
    "BatchCreateOrdersResponse",
    "BatchGetMarketCandlesticksResponse",
    "BidAskDistribution",
    "BidAskDistributionHistorical",
    "CancelOrderResponse",
    "CreateApiKeyRequest",
    "CreateApiKeyResponse",
    "CreateMarketInMultivariateEventCollectionRequest",
    "CreateMarketInMultivariateEventCollectionResponse",
    "CreateOrderGroupRequest",
    "CreateOrderGroupResponse",
    "CreateOrderRequest",
    "CreateOrderResponse",
    "CreateQuoteRequest",
    "CreateQuoteResponse",
    "CreateRFQRequest",
    "CreateRFQResponse",
    "CreateSubaccountResponse",
    "DailySchedule",
    "DecreaseOrderRequest",
    "DecreaseOrderResponse",
    "EmptyResponse",
    "ErrorResponse",
    "EventData",
    "EventPosition",
    "ExchangeInstance",
    "ExchangeStatus",
    "Fill",
    "ForecastPercentilesPoint",
    "GenerateApiKeyRequest",
    "GenerateApiKeyResponse",
    "GetAccountApiLimitsResponse",
    "GetApiKeysResponse",
    "GetBalanceResponse",
    "GetCommunicationsIDResponse",
    "GetEventCandlesticksResponse",
    "GetEventForecastPercentilesHistoryResponse",
    "GetEventMetadataResponse",
    "GetEventResponse",
    "GetEventsResponse",
    "GetExchangeAnnouncementsResponse",
    "GetExchangeScheduleResponse",
    "GetFillsResponse",
    "GetFiltersBySportsResponse",
    "GetGameStatsResponse",
    "GetHistoricalCutoffResponse",
    "GetIncentiveProgramsResponse",
    "GetLiveDataResponse",
    "GetLiveDatasResponse",
    "GetMarketCandlesticksHistoricalResponse",
    "GetMarketCandlesticksResponse",
    "GetMarketOrderbookResponse",
    "GetMarketOrderbooksResponse",
    "GetMarketResponse",
    "GetMarketsResponse",
    "GetMilestoneResponse",
    "GetMilestonesResponse",
    "GetMultivariateEventCollectionLookupHistoryResponse",
    "GetMultivariateEventCollectionResponse",
    "GetMultivariateEventCollectionsResponse",
    "GetMultivariateEventsResponse",
    "GetOrderGroupResponse",
    "GetOrderGroupsResponse",
    "GetOrderQueuePositionResponse",
    "GetOrderQueuePositionsResponse",
    "GetOrderResponse",
    "GetOrdersResponse",
    "GetPortfolioRestingOrderTotalValueResponse",
    "GetPositionsResponse",
    "GetQuoteResponse",
    "GetQuotesResponse",
    "GetRFQResponse",
    "GetRFQsResponse",
    "GetSeriesFeeChangesResponse",
    "GetSeriesListResponse",
    "GetSeriesResponse",
    "GetSettlementsResponse",
    "GetStructuredTargetResponse",
    "GetStructuredTargetsResponse",
    "GetSubaccountBalancesResponse",
    "GetSubaccountNettingResponse",
    "GetSubaccountTransfersResponse",
    "GetTagsForSeriesCategoriesResponse",
    "GetTradesResponse",
    "GetUserDataTimestampResponse",
    "IncentiveProgram",
    "IntraExchangeInstanceTransferRequest",
    "IntraExchangeInstanceTransferResponse",
    "KalshiClient",
    "LiveData",
    "LookupPoint",
    "LookupTickersForMarketInMultivariateEventCollectionRequest",
    "LookupTickersForMarketInMultivariateEventCollectionResponse",
    "MaintenanceWindow",
    "Market",
    "MarketCandlestick",
    "MarketCandlestickHistorical",
    "MarketCandlesticksResponse",
    "MarketMetadata",
    "MarketOrderbookFp",
    "MarketPosition",
    "Milestone",
    "MultivariateEventCollection",
    "MveSelectedLeg",
    "Order",
    "OrderGroup",
    "OrderQueuePosition",
    "OrderStatus",
    "OrderbookCountFp",
    "PercentilePoint",
    "PlayByPlay",
    "PlayByPlayPeriod",
    "PriceDistribution",
    "PriceDistributionHistorical",
    "PriceRange",
    "Quote",
    "Schedule",
    "ScopeList",
    "SelfTradePreventionType",
    "Series",
    "SeriesFeeChange",
    "Settlement",
    "SettlementSource",
    "SportFilterDetails",
    "StructuredTarget",
    "SubaccountBalance",
    "SubaccountNettingConfig",
    "SubaccountTransfer",
    "TickerPair",
    "Trade",
    "UpdateOrderGroupLimitRequest",
    "UpdateSubaccountNettingRequest",
    "WeeklySchedule",
    "__version__",
    "errors",
]
