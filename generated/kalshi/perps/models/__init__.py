"""Models of the Kalshi API, one module per resource plus `common`; they load on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .common import BookSide as BookSide
    from .common import EmptyResponse as EmptyResponse
    from .common import ErrorResponse as ErrorResponse
    from .common import ExchangeInstance as ExchangeInstance
    from .common import OrderSource as OrderSource
    from .exchange import ExchangeIndexStatus as ExchangeIndexStatus
    from .exchange import ExchangeStatus as ExchangeStatus
    from .exchange import GetMarginRiskParametersResponse as GetMarginRiskParametersResponse
    from .exchange import MarginEnabledResponse as MarginEnabledResponse
    from .fcm import CreateMarginFCMSubtraderRequest as CreateMarginFCMSubtraderRequest
    from .fcm import CreateMarginFCMSubtraderResponse as CreateMarginFCMSubtraderResponse
    from .fcm import FCMSubtraderNotionalRiskLimit as FCMSubtraderNotionalRiskLimit
    from .fcm import FCMSubtraderRiskControls as FCMSubtraderRiskControls
    from .fcm import GetFCMSubtraderRiskControlsResponse as GetFCMSubtraderRiskControlsResponse
    from .fcm import UpdateFCMNotionalRiskLimitRequest as UpdateFCMNotionalRiskLimitRequest
    from .fcm import UpdateFCMSubtraderRiskControlsRequest as UpdateFCMSubtraderRiskControlsRequest
    from .funding import GetMarginFundingHistoryResponse as GetMarginFundingHistoryResponse
    from .funding import (
        GetMarginFundingRateEstimateResponse as GetMarginFundingRateEstimateResponse,
    )
    from .funding import (
        GetMarginHistoricalFundingRatesResponse as GetMarginHistoricalFundingRatesResponse,
    )
    from .funding import GetMarginPremiumIndexResponse as GetMarginPremiumIndexResponse
    from .funding import MarginFundingHistoryEntry as MarginFundingHistoryEntry
    from .funding import MarginFundingRate as MarginFundingRate
    from .funding import MarginPremiumIndexPoint as MarginPremiumIndexPoint
    from .margin import ApiUsageLevelGrant as ApiUsageLevelGrant
    from .margin import BucketLimit as BucketLimit
    from .margin import GetAccountApiLimitsResponse as GetAccountApiLimitsResponse
    from .margin import GetMarginBalanceResponse as GetMarginBalanceResponse
    from .margin import GetMarginCorporateActionsResponse as GetMarginCorporateActionsResponse
    from .margin import GetMarginFeeTierRatesResponse as GetMarginFeeTierRatesResponse
    from .margin import GetMarginFeeTiersResponse as GetMarginFeeTiersResponse
    from .margin import GetMarginRiskResponse as GetMarginRiskResponse
    from .margin import MarginCorporateAction as MarginCorporateAction
    from .margin import MarginCorporateActionCashTerms as MarginCorporateActionCashTerms
    from .margin import (
        MarginCorporateActionFinalSettlementTerms as MarginCorporateActionFinalSettlementTerms,
    )
    from .margin import MarginCorporateActionSplitTerms as MarginCorporateActionSplitTerms
    from .margin import (
        MarginCorporateActionTickerChangeTerms as MarginCorporateActionTickerChangeTerms,
    )
    from .margin import MarginFeeTierRate as MarginFeeTierRate
    from .margin import MarginRiskPosition as MarginRiskPosition
    from .margin import MarginSubaccountBalance as MarginSubaccountBalance
    from .margin import NotionalRiskLimitResponse as NotionalRiskLimitResponse
    from .markets import BidAskDistributionHistorical as BidAskDistributionHistorical
    from .markets import GetMarginMarketCandlesticksResponse as GetMarginMarketCandlesticksResponse
    from .markets import GetMarginMarketOrderbooksResponse as GetMarginMarketOrderbooksResponse
    from .markets import GetMarginMarketsResponse as GetMarginMarketsResponse
    from .markets import GetMarginTradesResponse as GetMarginTradesResponse
    from .markets import MarginMarket as MarginMarket
    from .markets import MarginMarketCandlestick as MarginMarketCandlestick
    from .markets import MarginMarketOrderbook as MarginMarketOrderbook
    from .markets import MarginMarketResponse as MarginMarketResponse
    from .markets import MarginMarketSchedule as MarginMarketSchedule
    from .markets import MarginMarketStatus as MarginMarketStatus
    from .markets import MarginOrderbookCount as MarginOrderbookCount
    from .markets import MarginOrderbookResponse as MarginOrderbookResponse
    from .markets import MarginTrade as MarginTrade
    from .markets import PriceDistributionHistorical as PriceDistributionHistorical
    from .markets import TickerPrice as TickerPrice
    from .order_groups import CreateOrderGroupRequest as CreateOrderGroupRequest
    from .order_groups import CreateOrderGroupResponse as CreateOrderGroupResponse
    from .order_groups import GetOrderGroupResponse as GetOrderGroupResponse
    from .order_groups import GetOrderGroupsResponse as GetOrderGroupsResponse
    from .order_groups import OrderGroup as OrderGroup
    from .order_groups import UpdateOrderGroupLimitRequest as UpdateOrderGroupLimitRequest
    from .orders import AmendMarginOrderRequest as AmendMarginOrderRequest
    from .orders import AmendMarginOrderResponse as AmendMarginOrderResponse
    from .orders import CancelMarginOrderResponse as CancelMarginOrderResponse
    from .orders import CreateMarginOrderRequest as CreateMarginOrderRequest
    from .orders import CreateMarginOrderResponse as CreateMarginOrderResponse
    from .orders import DecreaseMarginOrderRequest as DecreaseMarginOrderRequest
    from .orders import DecreaseMarginOrderResponse as DecreaseMarginOrderResponse
    from .orders import GetMarginOrderResponse as GetMarginOrderResponse
    from .orders import GetMarginOrdersResponse as GetMarginOrdersResponse
    from .orders import LastUpdateReason as LastUpdateReason
    from .orders import MarginOrder as MarginOrder
    from .orders import OrderReason as OrderReason
    from .orders import SelfTradePreventionType as SelfTradePreventionType
    from .portfolio import ExitTrigger as ExitTrigger
    from .portfolio import ExitTriggerKind as ExitTriggerKind
    from .portfolio import ExitTriggerLeg as ExitTriggerLeg
    from .portfolio import ExitTriggerReason as ExitTriggerReason
    from .portfolio import ExitTriggerStatus as ExitTriggerStatus
    from .portfolio import GetExitTriggersResponse as GetExitTriggersResponse
    from .portfolio import GetMarginFillsResponse as GetMarginFillsResponse
    from .portfolio import GetMarginPositionsResponse as GetMarginPositionsResponse
    from .portfolio import MarginFill as MarginFill
    from .portfolio import MarginPosition as MarginPosition
    from .portfolio import SetCrossExitTriggerRequest as SetCrossExitTriggerRequest
    from .portfolio import SetIsolatedExitTriggerRequest as SetIsolatedExitTriggerRequest
    from .portfolio import UpdateExitTriggerRequest as UpdateExitTriggerRequest
    from .transfers import ApplySubaccountTransferRequest as ApplySubaccountTransferRequest
    from .transfers import ApplySubaccountTransferResponse as ApplySubaccountTransferResponse
    from .transfers import CreateSubaccountResponse as CreateSubaccountResponse
    from .transfers import (
        IntraExchangeInstanceTransferRequest as IntraExchangeInstanceTransferRequest,
    )
    from .transfers import (
        IntraExchangeInstanceTransferResponse as IntraExchangeInstanceTransferResponse,
    )

_MODULES: dict[str, str] = {
    "AmendMarginOrderRequest": "orders",
    "AmendMarginOrderResponse": "orders",
    "ApiUsageLevelGrant": "margin",
    "ApplySubaccountTransferRequest": "transfers",
    "ApplySubaccountTransferResponse": "transfers",
    "BidAskDistributionHistorical": "markets",
    "BookSide": "common",
    "BucketLimit": "margin",
    "CancelMarginOrderResponse": "orders",
    "CreateMarginFCMSubtraderRequest": "fcm",
    "CreateMarginFCMSubtraderResponse": "fcm",
    "CreateMarginOrderRequest": "orders",
    "CreateMarginOrderResponse": "orders",
    "CreateOrderGroupRequest": "order_groups",
    "CreateOrderGroupResponse": "order_groups",
    "CreateSubaccountResponse": "transfers",
    "DecreaseMarginOrderRequest": "orders",
    "DecreaseMarginOrderResponse": "orders",
    "EmptyResponse": "common",
    "ErrorResponse": "common",
    "ExchangeIndexStatus": "exchange",
    "ExchangeInstance": "common",
    "ExchangeStatus": "exchange",
    "ExitTrigger": "portfolio",
    "ExitTriggerKind": "portfolio",
    "ExitTriggerLeg": "portfolio",
    "ExitTriggerReason": "portfolio",
    "ExitTriggerStatus": "portfolio",
    "FCMSubtraderNotionalRiskLimit": "fcm",
    "FCMSubtraderRiskControls": "fcm",
    "GetAccountApiLimitsResponse": "margin",
    "GetExitTriggersResponse": "portfolio",
    "GetFCMSubtraderRiskControlsResponse": "fcm",
    "GetMarginBalanceResponse": "margin",
    "GetMarginCorporateActionsResponse": "margin",
    "GetMarginFeeTierRatesResponse": "margin",
    "GetMarginFeeTiersResponse": "margin",
    "GetMarginFillsResponse": "portfolio",
    "GetMarginFundingHistoryResponse": "funding",
    "GetMarginFundingRateEstimateResponse": "funding",
    "GetMarginHistoricalFundingRatesResponse": "funding",
    "GetMarginMarketCandlesticksResponse": "markets",
    "GetMarginMarketOrderbooksResponse": "markets",
    "GetMarginMarketsResponse": "markets",
    "GetMarginOrderResponse": "orders",
    "GetMarginOrdersResponse": "orders",
    "GetMarginPositionsResponse": "portfolio",
    "GetMarginPremiumIndexResponse": "funding",
    "GetMarginRiskParametersResponse": "exchange",
    "GetMarginRiskResponse": "margin",
    "GetMarginTradesResponse": "markets",
    "GetOrderGroupResponse": "order_groups",
    "GetOrderGroupsResponse": "order_groups",
    "IntraExchangeInstanceTransferRequest": "transfers",
    "IntraExchangeInstanceTransferResponse": "transfers",
    "LastUpdateReason": "orders",
    "MarginCorporateAction": "margin",
    "MarginCorporateActionCashTerms": "margin",
    "MarginCorporateActionFinalSettlementTerms": "margin",
    "MarginCorporateActionSplitTerms": "margin",
    "MarginCorporateActionTickerChangeTerms": "margin",
    "MarginEnabledResponse": "exchange",
    "MarginFeeTierRate": "margin",
    "MarginFill": "portfolio",
    "MarginFundingHistoryEntry": "funding",
    "MarginFundingRate": "funding",
    "MarginMarket": "markets",
    "MarginMarketCandlestick": "markets",
    "MarginMarketOrderbook": "markets",
    "MarginMarketResponse": "markets",
    "MarginMarketSchedule": "markets",
    "MarginMarketStatus": "markets",
    "MarginOrder": "orders",
    "MarginOrderbookCount": "markets",
    "MarginOrderbookResponse": "markets",
    "MarginPosition": "portfolio",
    "MarginPremiumIndexPoint": "funding",
    "MarginRiskPosition": "margin",
    "MarginSubaccountBalance": "margin",
    "MarginTrade": "markets",
    "NotionalRiskLimitResponse": "margin",
    "OrderGroup": "order_groups",
    "OrderReason": "orders",
    "OrderSource": "common",
    "PriceDistributionHistorical": "markets",
    "SelfTradePreventionType": "orders",
    "SetCrossExitTriggerRequest": "portfolio",
    "SetIsolatedExitTriggerRequest": "portfolio",
    "TickerPrice": "markets",
    "UpdateExitTriggerRequest": "portfolio",
    "UpdateFCMNotionalRiskLimitRequest": "fcm",
    "UpdateFCMSubtraderRiskControlsRequest": "fcm",
    "UpdateOrderGroupLimitRequest": "order_groups",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.perps.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kalshi.perps.models.{module}"), name)


__all__ = [
    "AmendMarginOrderRequest",
    "AmendMarginOrderResponse",
    "ApiUsageLevelGrant",
    "ApplySubaccountTransferRequest",
    "ApplySubaccountTransferResponse",
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
    "PriceDistributionHistorical",
    "SelfTradePreventionType",
    "SetCrossExitTriggerRequest",
    "SetIsolatedExitTriggerRequest",
    "TickerPrice",
    "UpdateExitTriggerRequest",
    "UpdateFCMNotionalRiskLimitRequest",
    "UpdateFCMSubtraderRiskControlsRequest",
    "UpdateOrderGroupLimitRequest",
]
