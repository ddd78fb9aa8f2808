"""Typed client for the Kalshi Trade API (Kalshi Trade API Manual Endpoints 3.34.0).

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
from ._pages import Page
from ._version import SPEC_VERSION, __version__
from .client import AsyncKalshiClient, KalshiClient

if TYPE_CHECKING:
    from .models.account import AccountApiUsageLevelVolumeGoal as AccountApiUsageLevelVolumeGoal
    from .models.account import (
        AccountApiUsageLevelVolumeProgress as AccountApiUsageLevelVolumeProgress,
    )
    from .models.account import ApiUsageLevelGrant as ApiUsageLevelGrant
    from .models.account import BucketLimit as BucketLimit
    from .models.account import EndpointTokenCost as EndpointTokenCost
    from .models.account import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .models.account import (
        GetAccountApiUsageLevelVolumeProgressResponse as GetAccountApiUsageLevelVolumeProgressResponse,
    )
    from .models.account import GetAccountEndpointCostsResponse as GetAccountEndpointCostsResponse
    from .models.api_keys import ApiKey as ApiKey
    from .models.api_keys import ApiKeyScope as ApiKeyScope
    from .models.api_keys import ApiKeyType as ApiKeyType
    from .models.api_keys import CreateApiKeyRequest as CreateApiKeyRequest
    from .models.api_keys import CreateApiKeyResponse as CreateApiKeyResponse
    from .models.api_keys import GenerateApiKeyRequest as GenerateApiKeyRequest
    from .models.api_keys import GenerateApiKeyResponse as GenerateApiKeyResponse
    from .models.api_keys import GetApiKeysResponse as GetApiKeysResponse
    from .models.common import AmendOrderRequest as AmendOrderRequest
    from .models.common import AmendOrderResponse as AmendOrderResponse
    from .models.common import (
        BatchCancelOrdersIndividualResponse as BatchCancelOrdersIndividualResponse,
    )
    from .models.common import BatchCancelOrdersRequest as BatchCancelOrdersRequest
    from .models.common import BatchCancelOrdersRequestOrder as BatchCancelOrdersRequestOrder
    from .models.common import BatchCancelOrdersResponse as BatchCancelOrdersResponse
    from .models.common import (
        BatchCreateOrdersIndividualResponse as BatchCreateOrdersIndividualResponse,
    )
    from .models.common import BatchCreateOrdersRequest as BatchCreateOrdersRequest
    from .models.common import BatchCreateOrdersResponse as BatchCreateOrdersResponse
    from .models.common import BidAskDistribution as BidAskDistribution
    from .models.common import BookSide as BookSide
    from .models.common import CreateOrderRequest as CreateOrderRequest
    from .models.common import CreateOrderResponse as CreateOrderResponse
    from .models.common import EmptyResponse as EmptyResponse
    from .models.common import ErrorResponse as ErrorResponse
    from .models.common import EventPosition as EventPosition
    from .models.common import ExchangeInstance as ExchangeInstance
    from .models.common import FeeType as FeeType
    from .models.common import Fill as Fill
    from .models.common import GetFillsResponse as GetFillsResponse
    from .models.common import GetMarketResponse as GetMarketResponse
    from .models.common import GetMarketsResponse as GetMarketsResponse
    from .models.common import GetOrdersResponse as GetOrdersResponse
    from .models.common import GetPositionsResponse as GetPositionsResponse
    from .models.common import GetTradesResponse as GetTradesResponse
    from .models.common import Market as Market
    from .models.common import MarketCandlestick as MarketCandlestick
    from .models.common import MarketPosition as MarketPosition
    from .models.common import Milestone as Milestone
    from .models.common import MveSelectedLeg as MveSelectedLeg
    from .models.common import Order as Order
    from .models.common import OrderStatus as OrderStatus
    from .models.common import OutcomeSide as OutcomeSide
    from .models.common import PriceDistribution as PriceDistribution
    from .models.common import PriceRange as PriceRange
    from .models.common import SelfTradePreventionType as SelfTradePreventionType
    from .models.common import SettlementSource as SettlementSource
    from .models.common import TickerPair as TickerPair
    from .models.common import Trade as Trade
    from .models.communications import RFQ as RFQ
    from .models.communications import (
        AcceptBlockTradeProposalRequest as AcceptBlockTradeProposalRequest,
    )
    from .models.communications import AcceptQuoteRequest as AcceptQuoteRequest
    from .models.communications import AcceptRFQBatchRequest as AcceptRFQBatchRequest
    from .models.communications import AcceptRFQBatchResponse as AcceptRFQBatchResponse
    from .models.communications import BlockTradeProposal as BlockTradeProposal
    from .models.communications import CreateQuoteRequest as CreateQuoteRequest
    from .models.communications import CreateQuoteResponse as CreateQuoteResponse
    from .models.communications import CreateRFQBatchChild as CreateRFQBatchChild
    from .models.communications import CreateRFQBatchQuoteRequest as CreateRFQBatchQuoteRequest
    from .models.communications import CreateRFQBatchQuoteResponse as CreateRFQBatchQuoteResponse
    from .models.communications import CreateRFQBatchRequest as CreateRFQBatchRequest
    from .models.communications import CreateRFQBatchResponse as CreateRFQBatchResponse
    from .models.communications import CreateRFQRequest as CreateRFQRequest
    from .models.communications import CreateRFQResponse as CreateRFQResponse
    from .models.communications import (
        GetBlockTradeProposalsResponse as GetBlockTradeProposalsResponse,
    )
    from .models.communications import GetCommunicationsIDResponse as GetCommunicationsIDResponse
    from .models.communications import GetQuoteResponse as GetQuoteResponse
    from .models.communications import GetQuotesResponse as GetQuotesResponse
    from .models.communications import (
        GetRFQBatchBestQuotesResponse as GetRFQBatchBestQuotesResponse,
    )
    from .models.communications import GetRFQBatchesResponse as GetRFQBatchesResponse
    from .models.communications import GetRFQBatchQuotesResponse as GetRFQBatchQuotesResponse
    from .models.communications import GetRFQBatchResponse as GetRFQBatchResponse
    from .models.communications import GetRFQResponse as GetRFQResponse
    from .models.communications import GetRFQsResponse as GetRFQsResponse
    from .models.communications import ProposeBlockTradeRequest as ProposeBlockTradeRequest
    from .models.communications import ProposeBlockTradeResponse as ProposeBlockTradeResponse
    from .models.communications import Quote as Quote
    from .models.communications import RFQBatch as RFQBatch
    from .models.communications import RFQBatchAcceptLimit as RFQBatchAcceptLimit
    from .models.communications import RFQBatchBestQuote as RFQBatchBestQuote
    from .models.communications import RFQBatchBestQuotes as RFQBatchBestQuotes
    from .models.communications import RFQBatchQuote as RFQBatchQuote
    from .models.communications import RFQBatchQuoteEntry as RFQBatchQuoteEntry
    from .models.communications import RFQBatchQuoteStatus as RFQBatchQuoteStatus
    from .models.communications import RFQBatchStatus as RFQBatchStatus
    from .models.communications import UserFilter as UserFilter
    from .models.events import EventData as EventData
    from .models.events import EventFeeChange as EventFeeChange
    from .models.events import GetEventFeeChangesResponse as GetEventFeeChangesResponse
    from .models.events import GetEventMetadataResponse as GetEventMetadataResponse
    from .models.events import GetEventResponse as GetEventResponse
    from .models.events import GetEventsResponse as GetEventsResponse
    from .models.events import GetMultivariateEventsResponse as GetMultivariateEventsResponse
    from .models.events import MarketMetadata as MarketMetadata
    from .models.exchange import DailySchedule as DailySchedule
    from .models.exchange import ExchangeIndexStatus as ExchangeIndexStatus
    from .models.exchange import ExchangeStatus as ExchangeStatus
    from .models.exchange import GetExchangeScheduleResponse as GetExchangeScheduleResponse
    from .models.exchange import GetUserDataTimestampResponse as GetUserDataTimestampResponse
    from .models.exchange import MaintenanceWindow as MaintenanceWindow
    from .models.exchange import Schedule as Schedule
    from .models.exchange import WeeklySchedule as WeeklySchedule
    from .models.fcm import CreateFCMPositionTransferRequest as CreateFCMPositionTransferRequest
    from .models.fcm import CreateFCMPositionTransferResponse as CreateFCMPositionTransferResponse
    from .models.fcm import CreateFCMSubtraderRequest as CreateFCMSubtraderRequest
    from .models.fcm import CreateFCMSubtraderResponse as CreateFCMSubtraderResponse
    from .models.fcm import FcmFill as FcmFill
    from .models.fcm import FCMSubtrader as FCMSubtrader
    from .models.fcm import (
        GetFCMEventContractDailyCapResponse as GetFCMEventContractDailyCapResponse,
    )
    from .models.fcm import GetFcmFillsResponse as GetFcmFillsResponse
    from .models.fcm import (
        GetFCMSubtraderBlockedCategoriesResponse as GetFCMSubtraderBlockedCategoriesResponse,
    )
    from .models.fcm import ListFCMSubtradersResponse as ListFCMSubtradersResponse
    from .models.fcm import (
        UpdateFCMEventContractDailyCapRequest as UpdateFCMEventContractDailyCapRequest,
    )
    from .models.fcm import (
        UpdateFCMSubtraderBlockedCategoriesRequest as UpdateFCMSubtraderBlockedCategoriesRequest,
    )
    from .models.fcm import (
        UpdateFCMSubtraderBlockedCategoriesResponse as UpdateFCMSubtraderBlockedCategoriesResponse,
    )
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
    from .models.live_data import EventLiveData as EventLiveData
    from .models.live_data import GetEventLiveDataResponse as GetEventLiveDataResponse
    from .models.live_data import GetGameStatsResponse as GetGameStatsResponse
    from .models.live_data import GetLiveDataResponse as GetLiveDataResponse
    from .models.live_data import GetLiveDatasResponse as GetLiveDatasResponse
    from .models.live_data import (
        GetWeatherIndexCalibrationsResponse as GetWeatherIndexCalibrationsResponse,
    )
    from .models.live_data import GetWeatherIndexResponse as GetWeatherIndexResponse
    from .models.live_data import LiveData as LiveData
    from .models.live_data import PlayByPlay as PlayByPlay
    from .models.live_data import PlayByPlayPeriod as PlayByPlayPeriod
    from .models.live_data import WeatherIndexCalibration as WeatherIndexCalibration
    from .models.live_data import WeatherIndexCalibrationStation as WeatherIndexCalibrationStation
    from .models.live_data import WeatherIndexPoint as WeatherIndexPoint
    from .models.live_data import WeatherIndexStationReading as WeatherIndexStationReading
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
        GetMultivariateEventCollectionResponse as GetMultivariateEventCollectionResponse,
    )
    from .models.multivariate_collections import (
        GetMultivariateEventCollectionsResponse as GetMultivariateEventCollectionsResponse,
    )
    from .models.multivariate_collections import (
        MultivariateEventCollection as MultivariateEventCollection,
    )
    from .models.order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .models.order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .models.order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .models.order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .models.order_groups import OrderGroup as OrderGroup
    from .models.order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .models.orders import AmendOrderV2Request as AmendOrderV2Request
    from .models.orders import AmendOrderV2Response as AmendOrderV2Response
    from .models.orders import BatchCancelOrdersV2Request as BatchCancelOrdersV2Request
    from .models.orders import BatchCancelOrdersV2RequestOrder as BatchCancelOrdersV2RequestOrder
    from .models.orders import BatchCancelOrdersV2Response as BatchCancelOrdersV2Response
    from .models.orders import BatchCancelOrdersV2ResponseOrder as BatchCancelOrdersV2ResponseOrder
    from .models.orders import BatchCreateOrdersV2Request as BatchCreateOrdersV2Request
    from .models.orders import BatchCreateOrdersV2Response as BatchCreateOrdersV2Response
    from .models.orders import BatchCreateOrdersV2ResponseOrder as BatchCreateOrdersV2ResponseOrder
    from .models.orders import CancelOrderV2Response as CancelOrderV2Response
    from .models.orders import CreateOrderV2Request as CreateOrderV2Request
    from .models.orders import CreateOrderV2Response as CreateOrderV2Response
    from .models.orders import DecreaseOrderV2Request as DecreaseOrderV2Request
    from .models.orders import DecreaseOrderV2Response as DecreaseOrderV2Response
    from .models.orders import GetOrderQueuePositionResponse as GetOrderQueuePositionResponse
    from .models.orders import GetOrderQueuePositionsResponse as GetOrderQueuePositionsResponse
    from .models.orders import GetOrderResponse as GetOrderResponse
    from .models.orders import OrderQueuePosition as OrderQueuePosition
    from .models.portfolio import Deposit as Deposit
    from .models.portfolio import GetBalanceResponse as GetBalanceResponse
    from .models.portfolio import GetDepositsResponse as GetDepositsResponse
    from .models.portfolio import (
        GetIntraExchangeInstanceTransferResponse as GetIntraExchangeInstanceTransferResponse,
    )
    from .models.portfolio import (
        GetIntraExchangeInstanceTransfersResponse as GetIntraExchangeInstanceTransfersResponse,
    )
    from .models.portfolio import (
        GetPortfolioRestingOrderTotalValueResponse as GetPortfolioRestingOrderTotalValueResponse,
    )
    from .models.portfolio import GetSettlementsResponse as GetSettlementsResponse
    from .models.portfolio import (
        GetTargetBalanceAllocationResponse as GetTargetBalanceAllocationResponse,
    )
    from .models.portfolio import GetWithdrawalsResponse as GetWithdrawalsResponse
    from .models.portfolio import IndexedBalance as IndexedBalance
    from .models.portfolio import IntraExchangeInstanceTransfer as IntraExchangeInstanceTransfer
    from .models.portfolio import (
        IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest,
    )
    from .models.portfolio import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )
    from .models.portfolio import (
        IntraExchangeInstanceTransferStatus as IntraExchangeInstanceTransferStatus,
    )
    from .models.portfolio import RestingMarginReservation as RestingMarginReservation
    from .models.portfolio import (
        SetTargetBalanceAllocationRequest as SetTargetBalanceAllocationRequest,
    )
    from .models.portfolio import Settlement as Settlement
    from .models.portfolio import TargetBalanceAllocation as TargetBalanceAllocation
    from .models.portfolio import TargetBalanceAllocationInput as TargetBalanceAllocationInput
    from .models.portfolio import Withdrawal as Withdrawal
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
    from .models.subaccounts import CreateSubaccountRequest as CreateSubaccountRequest
    from .models.subaccounts import CreateSubaccountResponse as CreateSubaccountResponse
    from .models.subaccounts import GetSubaccountBalancesResponse as GetSubaccountBalancesResponse
    from .models.subaccounts import GetSubaccountNettingResponse as GetSubaccountNettingResponse
    from .models.subaccounts import GetSubaccountTransfersResponse as GetSubaccountTransfersResponse
    from .models.subaccounts import SubaccountBalance as SubaccountBalance
    from .models.subaccounts import SubaccountNettingConfig as SubaccountNettingConfig
    from .models.subaccounts import SubaccountTransfer as SubaccountTransfer
    from .models.subaccounts import UpdateSubaccountNettingRequest as UpdateSubaccountNettingRequest


def __getattr__(name: str) -> Any:
    # models load on first use; kalshi.models knows which module holds each
    # (importlib, not `from . import models`: that would ask this __getattr__ again)
    models = importlib.import_module("kalshi.models")
    try:
        return getattr(models, name)
    except AttributeError:
        raise AttributeError(f"module 'kalshi' has no attribute {name!r}") from None


__all__ = [
    "RFQ",
    "SPEC_VERSION",
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
    "AsyncKalshiClient",
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
    "KalshiClient",
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
    "Page",
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
    "__version__",
    "errors",
]
