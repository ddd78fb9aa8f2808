"""Models of the Kalshi API, one module per resource plus `common`; they load on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import AccountApiUsageLevelVolumeGoal as AccountApiUsageLevelVolumeGoal
    from .account import AccountApiUsageLevelVolumeProgress as AccountApiUsageLevelVolumeProgress
    from .account import ApiUsageLevelGrant as ApiUsageLevelGrant
    from .account import BucketLimit as BucketLimit
    from .account import EndpointTokenCost as EndpointTokenCost
    from .account import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .account import (
        GetAccountApiUsageLevelVolumeProgressResponse as GetAccountApiUsageLevelVolumeProgressResponse,
    )
    from .account import GetAccountEndpointCostsResponse as GetAccountEndpointCostsResponse
    from .api_keys import ApiKey as ApiKey
    from .api_keys import ApiKeyScope as ApiKeyScope
    from .api_keys import ApiKeyType as ApiKeyType
    from .api_keys import CreateApiKeyRequest as CreateApiKeyRequest
    from .api_keys import CreateApiKeyResponse as CreateApiKeyResponse
    from .api_keys import GenerateApiKeyRequest as GenerateApiKeyRequest
    from .api_keys import GenerateApiKeyResponse as GenerateApiKeyResponse
    from .api_keys import GetApiKeysResponse as GetApiKeysResponse
    from .common import AmendOrderRequest as AmendOrderRequest
    from .common import AmendOrderResponse as AmendOrderResponse
    from .common import BatchCancelOrdersIndividualResponse as BatchCancelOrdersIndividualResponse
    from .common import BatchCancelOrdersRequest as BatchCancelOrdersRequest
    from .common import BatchCancelOrdersRequestOrder as BatchCancelOrdersRequestOrder
    from .common import BatchCancelOrdersResponse as BatchCancelOrdersResponse
    from .common import BatchCreateOrdersIndividualResponse as BatchCreateOrdersIndividualResponse
    from .common import BatchCreateOrdersRequest as BatchCreateOrdersRequest
    from .common import BatchCreateOrdersResponse as BatchCreateOrdersResponse
    from .common import BidAskDistribution as BidAskDistribution
    from .common import BookSide as BookSide
    from .common import CreateOrderRequest as CreateOrderRequest
    from .common import CreateOrderResponse as CreateOrderResponse
    from .common import EmptyResponse as EmptyResponse
    from .common import ErrorResponse as ErrorResponse
    from .common import EventPosition as EventPosition
    from .common import ExchangeInstance as ExchangeInstance
    from .common import FeeType as FeeType
    from .common import Fill as Fill
    from .common import GetFillsResponse as GetFillsResponse
    from .common import GetMarketResponse as GetMarketResponse
    from .common import GetMarketsResponse as GetMarketsResponse
    from .common import GetOrdersResponse as GetOrdersResponse
    from .common import GetPositionsResponse as GetPositionsResponse
    from .common import GetTradesResponse as GetTradesResponse
    from .common import Market as Market
    from .common import MarketCandlestick as MarketCandlestick
    from .common import MarketPosition as MarketPosition
    from .common import Milestone as Milestone
    from .common import MveSelectedLeg as MveSelectedLeg
    from .common import Order as Order
    from .common import OrderStatus as OrderStatus
    from .common import OutcomeSide as OutcomeSide
    from .common import PriceDistribution as PriceDistribution
    from .common import PriceRange as PriceRange
    from .common import SelfTradePreventionType as SelfTradePreventionType
    from .common import SettlementSource as SettlementSource
    from .common import TickerPair as TickerPair
    from .common import Trade as Trade
    from .communications import RFQ as RFQ
    from .communications import AcceptBlockTradeProposalRequest as AcceptBlockTradeProposalRequest
    from .communications import AcceptQuoteRequest as AcceptQuoteRequest
    from .communications import AcceptRFQBatchRequest as AcceptRFQBatchRequest
    from .communications import AcceptRFQBatchResponse as AcceptRFQBatchResponse
    from .communications import BlockTradeProposal as BlockTradeProposal
    from .communications import CreateQuoteRequest as CreateQuoteRequest
    from .communications import CreateQuoteResponse as CreateQuoteResponse
    from .communications import CreateRFQBatchChild as CreateRFQBatchChild
    from .communications import CreateRFQBatchQuoteRequest as CreateRFQBatchQuoteRequest
    from .communications import CreateRFQBatchQuoteResponse as CreateRFQBatchQuoteResponse
    from .communications import CreateRFQBatchRequest as CreateRFQBatchRequest
    from .communications import CreateRFQBatchResponse as CreateRFQBatchResponse
    from .communications import CreateRFQRequest as CreateRFQRequest
    from .communications import CreateRFQResponse as CreateRFQResponse
    from .communications import GetBlockTradeProposalsResponse as GetBlockTradeProposalsResponse
    from .communications import GetCommunicationsIDResponse as GetCommunicationsIDResponse
    from .communications import GetQuoteResponse as GetQuoteResponse
    from .communications import GetQuotesResponse as GetQuotesResponse
    from .communications import GetRFQBatchBestQuotesResponse as GetRFQBatchBestQuotesResponse
    from .communications import GetRFQBatchesResponse as GetRFQBatchesResponse
    from .communications import GetRFQBatchQuotesResponse as GetRFQBatchQuotesResponse
    from .communications import GetRFQBatchResponse as GetRFQBatchResponse
    from .communications import GetRFQResponse as GetRFQResponse
    from .communications import GetRFQsResponse as GetRFQsResponse
    from .communications import ProposeBlockTradeRequest as ProposeBlockTradeRequest
    from .communications import ProposeBlockTradeResponse as ProposeBlockTradeResponse
    from .communications import Quote as Quote
    from .communications import RFQBatch as RFQBatch
    from .communications import RFQBatchAcceptLimit as RFQBatchAcceptLimit
    from .communications import RFQBatchBestQuote as RFQBatchBestQuote
    from .communications import RFQBatchBestQuotes as RFQBatchBestQuotes
    from .communications import RFQBatchQuote as RFQBatchQuote
    from .communications import RFQBatchQuoteEntry as RFQBatchQuoteEntry
    from .communications import RFQBatchQuoteStatus as RFQBatchQuoteStatus
    from .communications import RFQBatchStatus as RFQBatchStatus
    from .communications import UserFilter as UserFilter
    from .events import EventData as EventData
    from .events import EventFeeChange as EventFeeChange
    from .events import GetEventFeeChangesResponse as GetEventFeeChangesResponse
    from .events import GetEventMetadataResponse as GetEventMetadataResponse
    from .events import GetEventResponse as GetEventResponse
    from .events import GetEventsResponse as GetEventsResponse
    from .events import GetMultivariateEventsResponse as GetMultivariateEventsResponse
    from .events import MarketMetadata as MarketMetadata
    from .exchange import DailySchedule as DailySchedule
    from .exchange import ExchangeIndexStatus as ExchangeIndexStatus
    from .exchange import ExchangeStatus as ExchangeStatus
    from .exchange import GetExchangeScheduleResponse as GetExchangeScheduleResponse
    from .exchange import GetUserDataTimestampResponse as GetUserDataTimestampResponse
    from .exchange import MaintenanceWindow as MaintenanceWindow
    from .exchange import Schedule as Schedule
    from .exchange import WeeklySchedule as WeeklySchedule
    from .fcm import CreateFCMPositionTransferRequest as CreateFCMPositionTransferRequest
    from .fcm import CreateFCMPositionTransferResponse as CreateFCMPositionTransferResponse
    from .fcm import CreateFCMSubtraderRequest as CreateFCMSubtraderRequest
    from .fcm import CreateFCMSubtraderResponse as CreateFCMSubtraderResponse
    from .fcm import FcmFill as FcmFill
    from .fcm import FCMSubtrader as FCMSubtrader
    from .fcm import GetFCMEventContractDailyCapResponse as GetFCMEventContractDailyCapResponse
    from .fcm import GetFcmFillsResponse as GetFcmFillsResponse
    from .fcm import (
        GetFCMSubtraderBlockedCategoriesResponse as GetFCMSubtraderBlockedCategoriesResponse,
    )
    from .fcm import ListFCMSubtradersResponse as ListFCMSubtradersResponse
    from .fcm import UpdateFCMEventContractDailyCapRequest as UpdateFCMEventContractDailyCapRequest
    from .fcm import (
        UpdateFCMSubtraderBlockedCategoriesRequest as UpdateFCMSubtraderBlockedCategoriesRequest,
    )
    from .fcm import (
        UpdateFCMSubtraderBlockedCategoriesResponse as UpdateFCMSubtraderBlockedCategoriesResponse,
    )
    from .historical import BidAskDistributionHistorical as BidAskDistributionHistorical
    from .historical import GetHistoricalCutoffResponse as GetHistoricalCutoffResponse
    from .historical import (
        GetMarketCandlesticksHistoricalResponse as GetMarketCandlesticksHistoricalResponse,
    )
    from .historical import MarketCandlestickHistorical as MarketCandlestickHistorical
    from .historical import PriceDistributionHistorical as PriceDistributionHistorical
    from .incentive_programs import GetIncentiveProgramsResponse as GetIncentiveProgramsResponse
    from .incentive_programs import IncentiveProgram as IncentiveProgram
    from .live_data import EventLiveData as EventLiveData
    from .live_data import GetEventLiveDataResponse as GetEventLiveDataResponse
    from .live_data import GetGameStatsResponse as GetGameStatsResponse
    from .live_data import GetLiveDataResponse as GetLiveDataResponse
    from .live_data import GetLiveDatasResponse as GetLiveDatasResponse
    from .live_data import (
        GetWeatherIndexCalibrationsResponse as GetWeatherIndexCalibrationsResponse,
    )
    from .live_data import GetWeatherIndexResponse as GetWeatherIndexResponse
    from .live_data import LiveData as LiveData
    from .live_data import PlayByPlay as PlayByPlay
    from .live_data import PlayByPlayPeriod as PlayByPlayPeriod
    from .live_data import WeatherIndexCalibration as WeatherIndexCalibration
    from .live_data import WeatherIndexCalibrationStation as WeatherIndexCalibrationStation
    from .live_data import WeatherIndexPoint as WeatherIndexPoint
    from .live_data import WeatherIndexStationReading as WeatherIndexStationReading
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
        GetMultivariateEventCollectionResponse as GetMultivariateEventCollectionResponse,
    )
    from .multivariate_collections import (
        GetMultivariateEventCollectionsResponse as GetMultivariateEventCollectionsResponse,
    )
    from .multivariate_collections import MultivariateEventCollection as MultivariateEventCollection
    from .order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .order_groups import OrderGroup as OrderGroup
    from .order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .orders import AmendOrderV2Request as AmendOrderV2Request
    from .orders import AmendOrderV2Response as AmendOrderV2Response
    from .orders import BatchCancelOrdersV2Request as BatchCancelOrdersV2Request
    from .orders import BatchCancelOrdersV2RequestOrder as BatchCancelOrdersV2RequestOrder
    from .orders import BatchCancelOrdersV2Response as BatchCancelOrdersV2Response
    from .orders import BatchCancelOrdersV2ResponseOrder as BatchCancelOrdersV2ResponseOrder
    from .orders import BatchCreateOrdersV2Request as BatchCreateOrdersV2Request
    from .orders import BatchCreateOrdersV2Response as BatchCreateOrdersV2Response
    from .orders import BatchCreateOrdersV2ResponseOrder as BatchCreateOrdersV2ResponseOrder
    from .orders import CancelOrderV2Response as CancelOrderV2Response
    from .orders import CreateOrderV2Request as CreateOrderV2Request
    from .orders import CreateOrderV2Response as CreateOrderV2Response
    from .orders import DecreaseOrderV2Request as DecreaseOrderV2Request
    from .orders import DecreaseOrderV2Response as DecreaseOrderV2Response
    from .orders import GetOrderQueuePositionResponse as GetOrderQueuePositionResponse
    from .orders import GetOrderQueuePositionsResponse as GetOrderQueuePositionsResponse
    from .orders import GetOrderResponse as GetOrderResponse
    from .orders import OrderQueuePosition as OrderQueuePosition
    from .portfolio import Deposit as Deposit
    from .portfolio import GetBalanceResponse as GetBalanceResponse
    from .portfolio import GetDepositsResponse as GetDepositsResponse
    from .portfolio import (
        GetIntraExchangeInstanceTransferResponse as GetIntraExchangeInstanceTransferResponse,
    )
    from .portfolio import (
        GetIntraExchangeInstanceTransfersResponse as GetIntraExchangeInstanceTransfersResponse,
    )
    from .portfolio import (
        GetPortfolioRestingOrderTotalValueResponse as GetPortfolioRestingOrderTotalValueResponse,
    )
    from .portfolio import GetSettlementsResponse as GetSettlementsResponse
    from .portfolio import GetTargetBalanceAllocationResponse as GetTargetBalanceAllocationResponse
    from .portfolio import GetWithdrawalsResponse as GetWithdrawalsResponse
    from .portfolio import IndexedBalance as IndexedBalance
    from .portfolio import IntraExchangeInstanceTransfer as IntraExchangeInstanceTransfer
    from .portfolio import (
        IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest,
    )
    from .portfolio import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )
    from .portfolio import (
        IntraExchangeInstanceTransferStatus as IntraExchangeInstanceTransferStatus,
    )
    from .portfolio import RestingMarginReservation as RestingMarginReservation
    from .portfolio import SetTargetBalanceAllocationRequest as SetTargetBalanceAllocationRequest
    from .portfolio import Settlement as Settlement
    from .portfolio import TargetBalanceAllocation as TargetBalanceAllocation
    from .portfolio import TargetBalanceAllocationInput as TargetBalanceAllocationInput
    from .portfolio import Withdrawal as Withdrawal
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
    from .subaccounts import CreateSubaccountRequest as CreateSubaccountRequest
    from .subaccounts import CreateSubaccountResponse as CreateSubaccountResponse
    from .subaccounts import GetSubaccountBalancesResponse as GetSubaccountBalancesResponse
    from .subaccounts import GetSubaccountNettingResponse as GetSubaccountNettingResponse
    from .subaccounts import GetSubaccountTransfersResponse as GetSubaccountTransfersResponse
    from .subaccounts import SubaccountBalance as SubaccountBalance
    from .subaccounts import SubaccountNettingConfig as SubaccountNettingConfig
    from .subaccounts import SubaccountTransfer as SubaccountTransfer
    from .subaccounts import UpdateSubaccountNettingRequest as UpdateSubaccountNettingRequest

_MODULES: dict[str, str] = {
    "AcceptBlockTradeProposalRequest": "communications",
    "AcceptQuoteRequest": "communications",
    "AcceptRFQBatchRequest": "communications",
    "AcceptRFQBatchResponse": "communications",
    "AccountApiUsageLevelVolumeGoal": "account",
    "AccountApiUsageLevelVolumeProgress": "account",
    "AmendOrderRequest": "common",
    "AmendOrderResponse": "common",
    "AmendOrderV2Request": "orders",
    "AmendOrderV2Response": "orders",
    "ApiKey": "api_keys",
    "ApiKeyScope": "api_keys",
    "ApiKeyType": "api_keys",
    "ApiUsageLevelGrant": "account",
    "ApplySubaccountTransferRequest": "subaccounts",
    "ApplySubaccountTransferResponse": "subaccounts",
    "AssociatedEvent": "multivariate_collections",
    "BatchCancelOrdersIndividualResponse": "common",
    "BatchCancelOrdersRequest": "common",
    "BatchCancelOrdersRequestOrder": "common",
    "BatchCancelOrdersResponse": "common",
    "BatchCancelOrdersV2Request": "orders",
    "BatchCancelOrdersV2RequestOrder": "orders",
    "BatchCancelOrdersV2Response": "orders",
    "BatchCancelOrdersV2ResponseOrder": "orders",
    "BatchCreateOrdersIndividualResponse": "common",
    "BatchCreateOrdersRequest": "common",
    "BatchCreateOrdersResponse": "common",
    "BatchCreateOrdersV2Request": "orders",
    "BatchCreateOrdersV2Response": "orders",
    "BatchCreateOrdersV2ResponseOrder": "orders",
    "BatchGetMarketCandlesticksResponse": "markets",
    "BidAskDistribution": "common",
    "BidAskDistributionHistorical": "historical",
    "BlockTradeProposal": "communications",
    "BookSide": "common",
    "BucketLimit": "account",
    "CancelOrderV2Response": "orders",
    "CreateApiKeyRequest": "api_keys",
    "CreateApiKeyResponse": "api_keys",
    "CreateFCMPositionTransferRequest": "fcm",
    "CreateFCMPositionTransferResponse": "fcm",
    "CreateFCMSubtraderRequest": "fcm",
    "CreateFCMSubtraderResponse": "fcm",
    "CreateMarketInMultivariateEventCollectionRequest": "multivariate_collections",
    "CreateMarketInMultivariateEventCollectionResponse": "multivariate_collections",
    "CreateOrderGroupRequest": "order_groups",
    "CreateOrderGroupResponse": "order_groups",
    "CreateOrderRequest": "common",
    "CreateOrderResponse": "common",
    "CreateOrderV2Request": "orders",
    "CreateOrderV2Response": "orders",
    "CreateQuoteRequest": "communications",
    "CreateQuoteResponse": "communications",
    "CreateRFQBatchChild": "communications",
    "CreateRFQBatchQuoteRequest": "communications",
    "CreateRFQBatchQuoteResponse": "communications",
    "CreateRFQBatchRequest": "communications",
    "CreateRFQBatchResponse": "communications",
    "CreateRFQRequest": "communications",
    "CreateRFQResponse": "communications",
    "CreateSubaccountRequest": "subaccounts",
    "CreateSubaccountResponse": "subaccounts",
    "DailySchedule": "exchange",
    "DecreaseOrderV2Request": "orders",
    "DecreaseOrderV2Response": "orders",
    "Deposit": "portfolio",
    "EmptyResponse": "common",
    "EndpointTokenCost": "account",
    "ErrorResponse": "common",
    "EventData": "events",
    "EventFeeChange": "events",
    "EventLiveData": "live_data",
    "EventPosition": "common",
    "ExchangeIndexStatus": "exchange",
    "ExchangeInstance": "common",
    "ExchangeStatus": "exchange",
    "FCMSubtrader": "fcm",
    "FcmFill": "fcm",
    "FeeType": "common",
    "Fill": "common",
    "ForecastPercentilesPoint": "series",
    "GenerateApiKeyRequest": "api_keys",
    "GenerateApiKeyResponse": "api_keys",
    "GetAccountApiLimitsResponse": "account",
    "GetAccountApiUsageLevelVolumeProgressResponse": "account",
    "GetAccountEndpointCostsResponse": "account",
    "GetApiKeysResponse": "api_keys",
    "GetBalanceResponse": "portfolio",
    "GetBlockTradeProposalsResponse": "communications",
    "GetCommunicationsIDResponse": "communications",
    "GetDepositsResponse": "portfolio",
    "GetEventCandlesticksResponse": "series",
    "GetEventFeeChangesResponse": "events",
    "GetEventForecastPercentilesHistoryResponse": "series",
    "GetEventLiveDataResponse": "live_data",
    "GetEventMetadataResponse": "events",
    "GetEventResponse": "events",
    "GetEventsResponse": "events",
    "GetExchangeScheduleResponse": "exchange",
    "GetFCMEventContractDailyCapResponse": "fcm",
    "GetFCMSubtraderBlockedCategoriesResponse": "fcm",
    "GetFcmFillsResponse": "fcm",
    "GetFillsResponse": "common",
    "GetFiltersBySportsResponse": "search",
    "GetGameStatsResponse": "live_data",
    "GetHistoricalCutoffResponse": "historical",
    "GetIncentiveProgramsResponse": "incentive_programs",
    "GetIntraExchangeInstanceTransferResponse": "portfolio",
    "GetIntraExchangeInstanceTransfersResponse": "portfolio",
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
    "GetRFQBatchBestQuotesResponse": "communications",
    "GetRFQBatchQuotesResponse": "communications",
    "GetRFQBatchResponse": "communications",
    "GetRFQBatchesResponse": "communications",
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
    "GetTargetBalanceAllocationResponse": "portfolio",
    "GetTradesResponse": "common",
    "GetUserDataTimestampResponse": "exchange",
    "GetWeatherIndexCalibrationsResponse": "live_data",
    "GetWeatherIndexResponse": "live_data",
    "GetWithdrawalsResponse": "portfolio",
    "IncentiveProgram": "incentive_programs",
    "IndexedBalance": "portfolio",
    "IntraExchangeInstanceTransfer": "portfolio",
    "IntraExchangeInstanceTransferRequest": "portfolio",
    "IntraExchangeInstanceTransferResponse": "portfolio",
    "IntraExchangeInstanceTransferStatus": "portfolio",
    "ListFCMSubtradersResponse": "fcm",
    "LiveData": "live_data",
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
    "OutcomeSide": "common",
    "PercentilePoint": "series",
    "PlayByPlay": "live_data",
    "PlayByPlayPeriod": "live_data",
    "PriceDistribution": "common",
    "PriceDistributionHistorical": "historical",
    "PriceRange": "common",
    "ProposeBlockTradeRequest": "communications",
    "ProposeBlockTradeResponse": "communications",
    "Quote": "communications",
    "RFQ": "communications",
    "RFQBatch": "communications",
    "RFQBatchAcceptLimit": "communications",
    "RFQBatchBestQuote": "communications",
    "RFQBatchBestQuotes": "communications",
    "RFQBatchQuote": "communications",
    "RFQBatchQuoteEntry": "communications",
    "RFQBatchQuoteStatus": "communications",
    "RFQBatchStatus": "communications",
    "RestingMarginReservation": "portfolio",
    "Schedule": "exchange",
    "ScopeList": "search",
    "SelfTradePreventionType": "common",
    "Series": "series",
    "SeriesFeeChange": "series",
    "SetTargetBalanceAllocationRequest": "portfolio",
    "Settlement": "portfolio",
    "SettlementSource": "common",
    "SportFilterDetails": "search",
    "StructuredTarget": "structured_targets",
    "SubaccountBalance": "subaccounts",
    "SubaccountNettingConfig": "subaccounts",
    "SubaccountTransfer": "subaccounts",
    "TargetBalanceAllocation": "portfolio",
    "TargetBalanceAllocationInput": "portfolio",
    "TickerPair": "common",
    "Trade": "common",
    "UpdateFCMEventContractDailyCapRequest": "fcm",
    "UpdateFCMSubtraderBlockedCategoriesRequest": "fcm",
    "UpdateFCMSubtraderBlockedCategoriesResponse": "fcm",
    "UpdateOrderGroupLimitRequest": "order_groups",
    "UpdateSubaccountNettingRequest": "subaccounts",
    "UserFilter": "communications",
    "WeatherIndexCalibration": "live_data",
    "WeatherIndexCalibrationStation": "live_data",
    "WeatherIndexPoint": "live_data",
    "WeatherIndexStationReading": "live_data",
    "WeeklySchedule": "exchange",
    "Withdrawal": "portfolio",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kalshi.models.{module}"), name)


__all__ = [
    "RFQ",
    "AcceptBlockTradeProposalRequest",
    "AcceptQuoteRequest",
    "AcceptRFQBatchRequest",
    "AcceptRFQBatchResponse",
    "AccountApiUsageLevelVolumeGoal",
    "AccountApiUsageLevelVolumeProgress",
    "AmendOrderRequest",
    "AmendOrderResponse",
    "AmendOrderV2Request",
    "AmendOrderV2Response",
    "ApiKey",
    "ApiKeyScope",
    "ApiKeyType",
    "ApiUsageLevelGrant",
    "ApplySubaccountTransferRequest",
    "ApplySubaccountTransferResponse",
    "AssociatedEvent",
    "BatchCancelOrdersIndividualResponse",
    "BatchCancelOrdersRequest",
    "BatchCancelOrdersRequestOrder",
    "BatchCancelOrdersResponse",
    "BatchCancelOrdersV2Request",
    "BatchCancelOrdersV2RequestOrder",
    "BatchCancelOrdersV2Response",
    "BatchCancelOrdersV2ResponseOrder",
    "BatchCreateOrdersIndividualResponse",
    "BatchCreateOrdersRequest",
    "BatchCreateOrdersResponse",
    "BatchCreateOrdersV2Request",
    "BatchCreateOrdersV2Response",
    "BatchCreateOrdersV2ResponseOrder",
    "BatchGetMarketCandlesticksResponse",
    "BidAskDistribution",
    "BidAskDistributionHistorical",
    "BlockTradeProposal",
    "BookSide",
    "BucketLimit",
    "CancelOrderV2Response",
    "CreateApiKeyRequest",
    "CreateApiKeyResponse",
    "CreateFCMPositionTransferRequest",
    "CreateFCMPositionTransferResponse",
    "CreateFCMSubtraderRequest",
    "CreateFCMSubtraderResponse",
    "CreateMarketInMultivariateEventCollectionRequest",
    "CreateMarketInMultivariateEventCollectionResponse",
    "CreateOrderGroupRequest",
    "CreateOrderGroupResponse",
    "CreateOrderRequest",
    "CreateOrderResponse",
    "CreateOrderV2Request",
    "CreateOrderV2Response",
    "CreateQuoteRequest",
    "CreateQuoteResponse",
    "CreateRFQBatchChild",
    "CreateRFQBatchQuoteRequest",
    "CreateRFQBatchQuoteResponse",
    "CreateRFQBatchRequest",
    "CreateRFQBatchResponse",
    "CreateRFQRequest",
    "CreateRFQResponse",
    "CreateSubaccountRequest",
    "CreateSubaccountResponse",
    "DailySchedule",
    "DecreaseOrderV2Request",
    "DecreaseOrderV2Response",
    "Deposit",
    "EmptyResponse",
    "EndpointTokenCost",
    "ErrorResponse",
    "EventData",
    "EventFeeChange",
    "EventLiveData",
    "EventPosition",
    "ExchangeIndexStatus",
    "ExchangeInstance",
    "ExchangeStatus",
    "FCMSubtrader",
    "FcmFill",
    "FeeType",
    "Fill",
    "ForecastPercentilesPoint",
    "GenerateApiKeyRequest",
    "GenerateApiKeyResponse",
    "GetAccountApiLimitsResponse",
    "GetAccountApiUsageLevelVolumeProgressResponse",
    "GetAccountEndpointCostsResponse",
    "GetApiKeysResponse",
    "GetBalanceResponse",
    "GetBlockTradeProposalsResponse",
    "GetCommunicationsIDResponse",
    "GetDepositsResponse",
    "GetEventCandlesticksResponse",
    "GetEventFeeChangesResponse",
    "GetEventForecastPercentilesHistoryResponse",
    "GetEventLiveDataResponse",
    "GetEventMetadataResponse",
    "GetEventResponse",
    "GetEventsResponse",
    "GetExchangeScheduleResponse",
    "GetFCMEventContractDailyCapResponse",
    "GetFCMSubtraderBlockedCategoriesResponse",
    "GetFcmFillsResponse",
    "GetFillsResponse",
    "GetFiltersBySportsResponse",
    "GetGameStatsResponse",
    "GetHistoricalCutoffResponse",
    "GetIncentiveProgramsResponse",
    "GetIntraExchangeInstanceTransferResponse",
    "GetIntraExchangeInstanceTransfersResponse",
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
    "GetRFQBatchBestQuotesResponse",
    "GetRFQBatchQuotesResponse",
    "GetRFQBatchResponse",
    "GetRFQBatchesResponse",
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
    "GetTargetBalanceAllocationResponse",
    "GetTradesResponse",
    "GetUserDataTimestampResponse",
    "GetWeatherIndexCalibrationsResponse",
    "GetWeatherIndexResponse",
    "GetWithdrawalsResponse",
    "IncentiveProgram",
    "IndexedBalance",
    "IntraExchangeInstanceTransfer",
    "IntraExchangeInstanceTransferRequest",
    "IntraExchangeInstanceTransferResponse",
    "IntraExchangeInstanceTransferStatus",
    "ListFCMSubtradersResponse",
    "LiveData",
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
    "OutcomeSide",
    "PercentilePoint",
    "PlayByPlay",
    "PlayByPlayPeriod",
    "PriceDistribution",
    "PriceDistributionHistorical",
    "PriceRange",
    "ProposeBlockTradeRequest",
    "ProposeBlockTradeResponse",
    "Quote",
    "RFQBatch",
    "RFQBatchAcceptLimit",
    "RFQBatchBestQuote",
    "RFQBatchBestQuotes",
    "RFQBatchQuote",
    "RFQBatchQuoteEntry",
    "RFQBatchQuoteStatus",
    "RFQBatchStatus",
    "RestingMarginReservation",
    "Schedule",
    "ScopeList",
    "SelfTradePreventionType",
    "Series",
    "SeriesFeeChange",
    "SetTargetBalanceAllocationRequest",
    "Settlement",
    "SettlementSource",
    "SportFilterDetails",
    "StructuredTarget",
    "SubaccountBalance",
    "SubaccountNettingConfig",
    "SubaccountTransfer",
    "TargetBalanceAllocation",
    "TargetBalanceAllocationInput",
    "TickerPair",
    "Trade",
    "UpdateFCMEventContractDailyCapRequest",
    "UpdateFCMSubtraderBlockedCategoriesRequest",
    "UpdateFCMSubtraderBlockedCategoriesResponse",
    "UpdateOrderGroupLimitRequest",
    "UpdateSubaccountNettingRequest",
    "UserFilter",
    "WeatherIndexCalibration",
    "WeatherIndexCalibrationStation",
    "WeatherIndexPoint",
    "WeatherIndexStationReading",
    "WeeklySchedule",
    "Withdrawal",
]
