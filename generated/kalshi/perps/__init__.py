"""Typed client for the Kalshi Perps API (Kalshi Trade API Manual Endpoints 0.0.1).

    from kalshi.perps import PerpsClient

    with PerpsClient.from_env() as client:
        for item in client.markets.trades_all(max_pages=2):
            print(item)

Models are importable from here too (`from kalshi.perps import <Model>`); they load
on first use. Errors are `kalshi.errors`, one hierarchy for every Kalshi API.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kalshi import errors
from kalshi._pages import Page

from ._version import SPEC_VERSION, __version__
from .client import AsyncPerpsClient, PerpsClient

if TYPE_CHECKING:
    from .models.common import BookSide as BookSide
    from .models.common import EmptyResponse as EmptyResponse
    from .models.common import ErrorResponse as ErrorResponse
    from .models.common import ExchangeInstance as ExchangeInstance
    from .models.common import OrderSource as OrderSource
    from .models.exchange import ExchangeIndexStatus as ExchangeIndexStatus
    from .models.exchange import ExchangeStatus as ExchangeStatus
    from .models.exchange import GetMarginRiskParametersResponse as GetMarginRiskParametersResponse
    from .models.exchange import MarginEnabledResponse as MarginEnabledResponse
    from .models.fcm import CreateMarginFCMSubtraderRequest as CreateMarginFCMSubtraderRequest
    from .models.fcm import CreateMarginFCMSubtraderResponse as CreateMarginFCMSubtraderResponse
    from .models.fcm import FCMSubtraderNotionalRiskLimit as FCMSubtraderNotionalRiskLimit
    from .models.fcm import FCMSubtraderRiskControls as FCMSubtraderRiskControls
    from .models.fcm import (
        GetFCMSubtraderRiskControlsResponse as GetFCMSubtraderRiskControlsResponse,
    )
    from .models.fcm import UpdateFCMNotionalRiskLimitRequest as UpdateFCMNotionalRiskLimitRequest
    from .models.fcm import (
        UpdateFCMSubtraderRiskControlsRequest as UpdateFCMSubtraderRiskControlsRequest,
    )
    from .models.funding import GetMarginFundingHistoryResponse as GetMarginFundingHistoryResponse
    from .models.funding import (
        GetMarginFundingRateEstimateResponse as GetMarginFundingRateEstimateResponse,
    )
    from .models.funding import (
        GetMarginHistoricalFundingRatesResponse as GetMarginHistoricalFundingRatesResponse,
    )
    from .models.funding import GetMarginPremiumIndexResponse as GetMarginPremiumIndexResponse
    from .models.funding import MarginFundingHistoryEntry as MarginFundingHistoryEntry
    from .models.funding import MarginFundingRate as MarginFundingRate
    from .models.funding import MarginPremiumIndexPoint as MarginPremiumIndexPoint
    from .models.margin import ApiUsageLevelGrant as ApiUsageLevelGrant
    from .models.margin import BucketLimit as BucketLimit
    from .models.margin import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .models.margin import GetMarginBalanceResponse as GetMarginBalanceResponse
    from .models.margin import (
        GetMarginCorporateActionsResponse as GetMarginCorporateActionsResponse,
    )
    from .models.margin import GetMarginFeeTierRatesResponse as GetMarginFeeTierRatesResponse
    from .models.margin import GetMarginFeeTiersResponse as GetMarginFeeTiersResponse
    from .models.margin import GetMarginRiskResponse as GetMarginRiskResponse
    from .models.margin import MarginCorporateAction as MarginCorporateAction
    from .models.margin import MarginCorporateActionCashTerms as MarginCorporateActionCashTerms
    from .models.margin import (
        MarginCorporateActionFinalSettlementTerms as MarginCorporateActionFinalSettlementTerms,
    )
    from .models.margin import MarginCorporateActionSplitTerms as MarginCorporateActionSplitTerms
    from .models.margin import (
        MarginCorporateActionTickerChangeTerms as MarginCorporateActionTickerChangeTerms,
    )
    from .models.margin import MarginFeeTierRate as MarginFeeTierRate
    from .models.margin import MarginRiskPosition as MarginRiskPosition
    from .models.margin import MarginSubaccountBalance as MarginSubaccountBalance
    from .models.margin import NotionalRiskLimitResponse as NotionalRiskLimitResponse
    from .models.markets import BidAskDistributionHistorical as BidAskDistributionHistorical
    from .models.markets import (
        GetMarginMarketCandlesticksResponse as GetMarginMarketCandlesticksResponse,
    )
    from .models.markets import (
        GetMarginMarketOrderbooksResponse as GetMarginMarketOrderbooksResponse,
    )
    from .models.markets import GetMarginMarketsResponse as GetMarginMarketsResponse
    from .models.markets import GetMarginTradesResponse as GetMarginTradesResponse
    from .models.markets import MarginMarket as MarginMarket
    from .models.markets import MarginMarketCandlestick as MarginMarketCandlestick
    from .models.markets import MarginMarketOrderbook as MarginMarketOrderbook
    from .models.markets import MarginMarketResponse as MarginMarketResponse
    from .models.markets import MarginMarketSchedule as MarginMarketSchedule
    from .models.markets import MarginMarketStatus as MarginMarketStatus
    from .models.markets import MarginOrderbookCount as MarginOrderbookCount
    from .models.markets import MarginOrderbookResponse as MarginOrderbookResponse
    from .models.markets import MarginTrade as MarginTrade
    from .models.markets import PriceDistributionHistorical as PriceDistributionHistorical
    from .models.markets import TickerPrice as TickerPrice
    from .models.order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .models.order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .models.order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .models.order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .models.order_groups import OrderGroup as OrderGroup
    from .models.order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .models.orders import AmendMarginOrderRequest as AmendMarginOrderRequest
    from .models.orders import AmendMarginOrderResponse as AmendMarginOrderResponse
    from .models.orders import CancelMarginOrderResponse as CancelMarginOrderResponse
    from .models.orders import CreateMarginOrderRequest as CreateMarginOrderRequest
    from .models.orders import CreateMarginOrderResponse as CreateMarginOrderResponse
    from .models.orders import DecreaseMarginOrderRequest as DecreaseMarginOrderRequest
    from .models.orders import DecreaseMarginOrderResponse as DecreaseMarginOrderResponse
    from .models.orders import GetMarginOrderResponse as GetMarginOrderResponse
    from .models.orders import GetMarginOrdersResponse as GetMarginOrdersResponse
    from .models.orders import LastUpdateReason as LastUpdateReason
    from .models.orders import MarginOrder as MarginOrder
    from .models.orders import OrderReason as OrderReason
    from .models.orders import SelfTradePreventionType as SelfTradePreventionType
    from .models.portfolio import ExitTrigger as ExitTrigger
    from .models.portfolio import ExitTriggerKind as ExitTriggerKind
    from .models.portfolio import ExitTriggerLeg as ExitTriggerLeg
    from .models.portfolio import ExitTriggerReason as ExitTriggerReason
    from .models.portfolio import ExitTriggerStatus as ExitTriggerStatus
    from .models.portfolio import GetExitTriggersResponse as GetExitTriggersResponse
    from .models.portfolio import GetMarginFillsResponse as GetMarginFillsResponse
    from .models.portfolio import GetMarginPositionsResponse as GetMarginPositionsResponse
    from .models.portfolio import MarginFill as MarginFill
    from .models.portfolio import MarginPosition as MarginPosition
    from .models.portfolio import SetCrossExitTriggerRequest as SetCrossExitTriggerRequest
    from .models.portfolio import SetIsolatedExitTriggerRequest as SetIsolatedExitTriggerRequest
    from .models.portfolio import UpdateExitTriggerRequest as UpdateExitTriggerRequest
    from .models.transfers import ApplySubaccountTransferRequest as ApplySubaccountTransferRequest
    from .models.transfers import ApplySubaccountTransferResponse as ApplySubaccountTransferResponse
    from .models.transfers import CreateSubaccountResponse as CreateSubaccountResponse
    from .models.transfers import (
        IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest,
    )
    from .models.transfers import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )


def __getattr__(name: str) -> Any:
    # models load on first use; kalshi.models knows which module holds each
    # (importlib, not `from . import models`: that would ask this __getattr__ again)
    models = importlib.import_module("kalshi.perps.models")
    try:
        return getattr(models, name)
    except AttributeError:
        raise AttributeError(f"module 'kalshi.perps' has no attribute {name!r}") from None


__all__ = [
    "SPEC_VERSION",
    "AmendMarginOrderRequest",
    "AmendMarginOrderResponse",
    "ApiUsageLevelGrant",
    "ApplySubaccountTransferRequest",
    "ApplySubaccountTransferResponse",
    "AsyncPerpsClient",
    "BidAskDistributionHistorical",
    "BookSide",
    "BucketLimit",
    "CancelMarginOrderResponse",
    "CreateMarginFCMSubtraderRequest",
    "CreateMarginFCMSubtraderResponse",
    "CreateMarginOrderRequest",
    "CreateMarginOrderResponse",
    "CreateOrderGroupRequest",
    "CreateOrderGroupResponse",
    "CreateSubaccountResponse",
    "DecreaseMarginOrderRequest",
    "DecreaseMarginOrderResponse",
    "EmptyResponse",
    "ErrorResponse",
    "ExchangeIndexStatus",
    "ExchangeInstance",
    "ExchangeStatus",
    "ExitTrigger",
    "ExitTriggerKind",
    "ExitTriggerLeg",
    "ExitTriggerReason",
    "ExitTriggerStatus",
    "FCMSubtraderNotionalRiskLimit",
    "FCMSubtraderRiskControls",
    "GetAccountApiLimitsResponse",
    "GetExitTriggersResponse",
    "GetFCMSubtraderRiskControlsResponse",
    "GetMarginBalanceResponse",
    "GetMarginCorporateActionsResponse",
    "GetMarginFeeTierRatesResponse",
    "GetMarginFeeTiersResponse",
    "GetMarginFillsResponse",
    "GetMarginFundingHistoryResponse",
    "GetMarginFundingRateEstimateResponse",
    "GetMarginHistoricalFundingRatesResponse",
    "GetMarginMarketCandlesticksResponse",
    "GetMarginMarketOrderbooksResponse",
    "GetMarginMarketsResponse",
    "GetMarginOrderResponse",
    "GetMarginOrdersResponse",
    "GetMarginPositionsResponse",
    "GetMarginPremiumIndexResponse",
    "GetMarginRiskParametersResponse",
    "GetMarginRiskResponse",
    "GetMarginTradesResponse",
    "GetOrderGroupResponse",
    "GetOrderGroupsResponse",
    "IntraExchangeInstanceTransferRequest",
    "IntraExchangeInstanceTransferResponse",
    "LastUpdateReason",
    "MarginCorporateAction",
    "MarginCorporateActionCashTerms",
    "MarginCorporateActionFinalSettlementTerms",
    "MarginCorporateActionSplitTerms",
    "MarginCorporateActionTickerChangeTerms",
    "MarginEnabledResponse",
    "MarginFeeTierRate",
    "MarginFill",
    "MarginFundingHistoryEntry",
    "MarginFundingRate",
    "MarginMarket",
    "MarginMarketCandlestick",
    "MarginMarketOrderbook",
    "MarginMarketResponse",
    "MarginMarketSchedule",
    "MarginMarketStatus",
    "MarginOrder",
    "MarginOrderbookCount",
    "MarginOrderbookResponse",
    "MarginPosition",
    "MarginPremiumIndexPoint",
    "MarginRiskPosition",
    "MarginSubaccountBalance",
    "MarginTrade",
    "NotionalRiskLimitResponse",
    "OrderGroup",
    "OrderReason",
    "OrderSource",
    "Page",
    "PerpsClient",
    "PriceDistributionHistorical",
    "SelfTradePreventionType",
    "SetCrossExitTriggerRequest",
    "SetIsolatedExitTriggerRequest",
    "TickerPrice",
    "UpdateExitTriggerRequest",
    "UpdateFCMNotionalRiskLimitRequest",
    "UpdateFCMSubtraderRiskControlsRequest",
    "UpdateOrderGroupLimitRequest",
    "__version__",
    "errors",
]
