"""Models of the Kalshi API, one module per resource plus `common`; they load on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .api_keys import ApiKey as ApiKey
    from .api_keys import CreateApiKeyRequest as CreateApiKeyRequest
    from .api_keys import CreateApiKeyResponse as CreateApiKeyResponse
    from .api_keys import GenerateApiKeyRequest as GenerateApiKeyRequest
    from .api_keys import GenerateApiKeyResponse as GenerateApiKeyResponse
    from .api_keys import GetApiKeysResponse as GetApiKeysResponse
    from .common import BidAskDistribution as BidAskDistribution
    from .common import EmptyResponse as EmptyResponse
    from .common import EventPosition as EventPosition
    from .common import ExchangeInstance as ExchangeInstance
    from .common import Fill as Fill
    from .common import GetFillsResponse as GetFillsResponse
    from .common import GetMarketResponse as GetMarketResponse
    from .common import GetMarketsResponse as GetMarketsResponse
    from .common import GetOrdersResponse as GetOrdersResponse
    from .common import GetPositionsResponse as GetPositionsResponse
    from .common import GetTradesResponse as GetTradesResponse
    from .common import IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest
    from .common import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )
    from .common import Market as Market
    from .common import MarketCandlestick as MarketCandlestick
    from .common import MarketPosition as MarketPosition
    from .common import Milestone as Milestone
    from .common import MveSelectedLeg as MveSelectedLeg
    from .common import Order as Order
    from .common import OrderStatus as OrderStatus
    from .common import PriceDistribution as PriceDistribution
    from .common import PriceRange as PriceRange
    from .common import SelfTradePreventionType as SelfTradePreventionType
    from .common import SettlementSource as SettlementSource
    from .common import Trade as Trade
    from .communications import RFQ as RFQ
    from .communications import AcceptQuoteRequest as AcceptQuoteRequest
    from .communications import CreateQuoteRequest as CreateQuoteRequest
    from .communications import CreateQuoteResponse as CreateQuoteResponse
    from .communications import CreateRFQRequest as CreateRFQRequest
    from .communications import CreateRFQResponse as CreateRFQResponse
    from .communications import GetCommunicationsIDResponse as GetCommunicationsIDResponse
    from .communications import GetQuoteResponse as GetQuoteResponse
    from .communications import GetQuotesResponse as GetQuotesResponse
    from .communications import GetRFQResponse as GetRFQResponse
    from .communications import GetRFQsResponse as GetRFQsResponse
    from .communications import Quote as Quote
    from .events import EventData as EventData
    from .events import GetEventMetadataResponse as GetEventMetadataResponse
    from .events import GetEventResponse as GetEventResponse
    from .events import GetEventsResponse as GetEventsResponse
    from .events import GetMultivariateEventsResponse as GetMultivariateEventsResponse
    from .events import MarketMetadata as MarketMetadata
    from .exchange import Announcement as Announcement
    from .exchange import DailySchedule as DailySchedule
    from .exchange import ExchangeStatus as ExchangeStatus
    from .exchange import GetExchangeAnnouncementsResponse as GetExchangeAnnouncementsResponse
    from .exchange import GetExchangeScheduleResponse as GetExchangeScheduleResponse
    from .exchange import GetUserDataTimestampResponse as GetUserDataTimestampResponse
    from .exchange import MaintenanceWindow as MaintenanceWindow
    from .exchange import Schedule as Schedule
    from .exchange import WeeklySchedule as WeeklySchedule
    from .historical import BidAskDistributionHistorical as BidAskDistributionHistorical
    from .historical import GetHistoricalCutoffResponse as GetHistoricalCutoffResponse
    from .historical import (
        GetMarketCandlesticksHistoricalResponse as GetMarketCandlesticksHistoricalResponse,
    )
    from .historical import MarketCandlestickHistorical as MarketCandlestickHistorical
    from .historical import PriceDistributionHistorical as PriceDistributionHistorical
    from .incentive_programs import GetIncentiveProgramsResponse as GetIncentiveProgramsResponse
    from .incentive_programs import IncentiveProgram as IncentiveProgram
    from .live_data import GetGameStatsResponse as GetGameStatsResponse
    from .live_data import GetLiveDataResponse as GetLiveDataResponse
    from .live_data import GetLiveDatasResponse as GetLiveDatasResponse
    from .live_data import LiveData as LiveData
    from .live_data import PlayByPlay as PlayByPlay
    from .live_data import PlayByPlayPeriod as PlayByPlayPeriod
    from .markets import BatchGetMarketCandlesticksResponse as BatchGetMarketCandlesticksResponse
    from .markets import GetMarketCandlesticksResponse as GetMarketCandlesticksResponse
    from .markets import GetMarketOrderbookResponse as GetMarketOrderbookResponse
    from .markets import GetMarketOrderbooksResponse as GetMarketOrderbooksResponse
    from .markets import MarketCandlesticksResponse as MarketCandlesticksResponse
    from .markets import MarketOrderbookFp as MarketOrderbookFp
    from .markets import OrderbookCountFp as OrderbookCountFp
    from .milestones import GetMilestoneResponse as GetMilestoneResponse
    from .milestones import GetMilestonesResponse as GetMilestonesResponse
    from .multivariate_collections import AssociatedEvent as AssociatedEvent
    from .multivariate_collections import (
        CreateMarketInMultivariateEventCollectionRequest as CreateMarketInMultivariateEventCollectionRequest,
    )
    from .multivariate_collections import (
        CreateMarketInMultivariateEventCollectionResponse as CreateMarketInMultivariateEventCollectionResponse,
    )
    from .multivariate_collections import (
        GetMultivariateEventCollectionLookupHistoryResponse as GetMultivariateEventCollectionLookupHistoryResponse,
    )
    from .multivariate_collections import (
        GetMultivariateEventCollectionResponse as GetMultivariateEventCollectionResponse,
    )
    from .multivariate_collections import (
        GetMultivariateEventCollectionsResponse as GetMultivariateEventCollectionsResponse,
    )
    from .multivariate_collections import LookupPoint as LookupPoint
    from .multivariate_collections import (
        LookupTickersForMarketInMultivariateEventCollectionRequest as LookupTickersForMarketInMultivariateEventCollectionRequest,
    )
    from .multivariate_collections import (
        LookupTickersForMarketInMultivariateEventCollectionResponse as LookupTickersForMarketInMultivariateEventCollectionResponse,
    )
    from .multivariate_collections import MultivariateEventCollection as MultivariateEventCollection
    from .multivariate_collections import TickerPair as TickerPair
    from .order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .order_groups import OrderGroup as OrderGroup
    from .order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .orders import AmendOrderRequest as AmendOrderRequest
    from .orders import AmendOrderResponse as AmendOrderResponse
    from .orders import BatchCancelOrdersIndividualResponse as BatchCancelOrdersIndividualResponse
    from .orders import BatchCancelOrdersRequest as BatchCancelOrdersRequest
    from .orders import BatchCancelOrdersRequestOrder as BatchCancelOrdersRequestOrder
    from .orders import BatchCancelOrdersResponse as BatchCancelOrdersResponse
    from .orders import BatchCreateOrdersIndividualResponse as BatchCreateOrdersIndividualResponse
    from .orders import BatchCreateOrdersRequest as BatchCreateOrdersRequest
    from .orders import BatchCreateOrdersResponse as BatchCreateOrdersResponse
    from .orders import CancelOrderResponse as CancelOrderResponse
    from .orders import CreateOrderRequest as CreateOrderRequest
    from .orders import CreateOrderResponse as CreateOrderResponse
    from .orders import DecreaseOrderRequest as DecreaseOrderRequest
    from .orders import DecreaseOrderResponse as DecreaseOrderResponse
    from .orders import ErrorResponse as ErrorResponse
    from .orders import GetOrderQueuePositionResponse as GetOrderQueuePositionResponse
    from .orders import GetOrderQueuePositionsResponse as GetOrderQueuePositionsResponse
    from .orders import GetOrderResponse as GetOrderResponse
    from .orders import OrderQueuePosition as OrderQueuePosition
    from .portfolio import GetBalanceResponse as GetBalanceResponse
    from .portfolio import (
        GetPortfolioRestingOrderTotalValueResponse as GetPortfolioRestingOrderTotalValueResponse,
    )
    from .portfolio import GetSettlementsResponse as GetSettlementsResponse
    from .portfolio import Settlement as Settlement
    from .search import GetFiltersBySportsResponse as GetFiltersBySportsResponse
    from .search import GetTagsForSeriesCategoriesResponse as GetTagsForSeriesCategoriesResponse
    from .search import ScopeList as ScopeList
    from .search import SportFilterDetails as SportFilterDetails
    from .series import ForecastPercentilesPoint as ForecastPercentilesPoint
    from .series import GetEventCandlesticksResponse as GetEventCandlesticksResponse
    from .series import (
        GetEventForecastPercentilesHistoryResponse as GetEventForecastPercentilesHistoryResponse,
    )
    from .series import GetSeriesFeeChangesResponse as GetSeriesFeeChangesResponse
    from .series import GetSeriesListResponse as GetSeriesListResponse
    from .series import GetSeriesResponse as GetSeriesResponse
    from .series import PercentilePoint as PercentilePoint
    from .series import Series as Series
    from .series import SeriesFeeChange as SeriesFeeChange
    from .structured_targets import GetStructuredTargetResponse as GetStructuredTargetResponse
    from .structured_targets import GetStructuredTargetsResponse as GetStructuredTargetsResponse
    from .structured_targets import StructuredTarget as StructuredTarget
    from .subaccounts import ApplySubaccountTransferRequest as ApplySubaccountTransferRequest
    from .subaccounts import ApplySubaccountTransferResponse as ApplySubaccountTransferResponse
    from .subaccounts import CreateSubaccountResponse as CreateSubaccountResponse
    from .subaccounts import GetSubaccountBalancesResponse as GetSubaccountBalancesResponse
    from .subaccounts import GetSubaccountNettingResponse as GetSubaccountNettingResponse
    from .subaccounts import GetSubaccountTransfersResponse as GetSubaccountTransfersResponse
    from .subaccounts import SubaccountBalance as SubaccountBalance
    from .subaccounts import SubaccountNettingConfig as SubaccountNettingConfig
    from .subaccounts import SubaccountTransfer as SubaccountTransfer
    from .subaccounts import UpdateSubaccountNettingRequest as UpdateSubaccountNettingRequest

_MODULES: dict[str, str] = {
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
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kalshi.models.{module}"), name)


__all__ = [
    "RFQ",
    "AcceptQuoteRequest",
    "AmendOrderRequest",
    "AmendOrderResponse",
    "Announcement",
    "ApiKey",
    "ApplySubaccountTransferRequest",
    "ApplySubaccountTransferResponse",
    "AssociatedEvent",
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
]
