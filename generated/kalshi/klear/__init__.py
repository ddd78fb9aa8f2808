"""Typed client for the Kalshi Klear API (clearing members) (Kalshi Clearing Member API 0.0.1).

    from kalshi.klear import KlearClient

    with KlearClient.from_env() as client:
        print(client.margin.reports)

Models are importable from here too (`from kalshi.klear import <Model>`); they load
on first use. Errors are `kalshi.errors`, one hierarchy for every Kalshi API.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kalshi import errors
from kalshi._pages import Page

from ._version import SPEC_VERSION, __version__
from .client import AsyncKlearClient, KlearClient

if TYPE_CHECKING:
    from .models.common import AssetClass as AssetClass
    from .models.common import Error as Error
    from .models.common import ObligationInfo as ObligationInfo
    from .models.margin import AssetClassFundingEstimate as AssetClassFundingEstimate
    from .models.margin import AssetClassSettlementEstimate as AssetClassSettlementEstimate
    from .models.margin import CorporateActionPaymentDetail as CorporateActionPaymentDetail
    from .models.margin import CreateMarginFcmApiKeyRequest as CreateMarginFcmApiKeyRequest
    from .models.margin import CreateMarginFcmApiKeyResponse as CreateMarginFcmApiKeyResponse
    from .models.margin import (
        CreateMarginSubtraderGroupRequest as CreateMarginSubtraderGroupRequest,
    )
    from .models.margin import (
        CreateMarginSubtraderGroupResponse as CreateMarginSubtraderGroupResponse,
    )
    from .models.margin import (
        EstimatePortfolioMaintenanceMarginPosition as EstimatePortfolioMaintenanceMarginPosition,
    )
    from .models.margin import (
        EstimatePortfolioMaintenanceMarginRequest as EstimatePortfolioMaintenanceMarginRequest,
    )
    from .models.margin import (
        EstimatePortfolioMaintenanceMarginResponse as EstimatePortfolioMaintenanceMarginResponse,
    )
    from .models.margin import FundingEstimate as FundingEstimate
    from .models.margin import FundingPaymentDetail as FundingPaymentDetail
    from .models.margin import GenerateMarginFcmApiKeyRequest as GenerateMarginFcmApiKeyRequest
    from .models.margin import GenerateMarginFcmApiKeyResponse as GenerateMarginFcmApiKeyResponse
    from .models.margin import (
        GetActiveMarginObligationsResponse as GetActiveMarginObligationsResponse,
    )
    from .models.margin import (
        GetFundingEstimateByAssetClassResponse as GetFundingEstimateByAssetClassResponse,
    )
    from .models.margin import GetGuarantyFundBalanceResponse as GetGuarantyFundBalanceResponse
    from .models.margin import GetLargeTraderPositionsResponse as GetLargeTraderPositionsResponse
    from .models.margin import (
        GetLargeTraderPositionsResponsePosition as GetLargeTraderPositionsResponsePosition,
    )
    from .models.margin import (
        GetMaintenanceMarginMetadataResponse as GetMaintenanceMarginMetadataResponse,
    )
    from .models.margin import GetMarginFundingScheduleResponse as GetMarginFundingScheduleResponse
    from .models.margin import GetMarginReportsResponse as GetMarginReportsResponse
    from .models.margin import GetMarginSubtraderGroupsResponse as GetMarginSubtraderGroupsResponse
    from .models.margin import GetMemberFundingPaymentsResponse as GetMemberFundingPaymentsResponse
    from .models.margin import (
        GetObligationCorporateActionPaymentsResponse as GetObligationCorporateActionPaymentsResponse,
    )
    from .models.margin import (
        GetObligationFundingPaymentsResponse as GetObligationFundingPaymentsResponse,
    )
    from .models.margin import GetObligationHistoryResponse as GetObligationHistoryResponse
    from .models.margin import (
        GetObligationMaintenanceMarginDetailsResponse as GetObligationMaintenanceMarginDetailsResponse,
    )
    from .models.margin import (
        GetObligationSettlementDetailsResponse as GetObligationSettlementDetailsResponse,
    )
    from .models.margin import (
        GetSettlementBalanceHistoryResponse as GetSettlementBalanceHistoryResponse,
    )
    from .models.margin import GetSettlementBalanceResponse as GetSettlementBalanceResponse
    from .models.margin import (
        GetSettlementBalanceWithdrawalResponse as GetSettlementBalanceWithdrawalResponse,
    )
    from .models.margin import (
        GetSettlementEstimateByAssetClassResponse as GetSettlementEstimateByAssetClassResponse,
    )
    from .models.margin import GetSettlementPricesResponse as GetSettlementPricesResponse
    from .models.margin import ListMarginFcmApiKeysResponse as ListMarginFcmApiKeysResponse
    from .models.margin import MaintenanceMarginDetail as MaintenanceMarginDetail
    from .models.margin import (
        MaintenanceMarginLiquidationConfig as MaintenanceMarginLiquidationConfig,
    )
    from .models.margin import MaintenanceMarginMatrices as MaintenanceMarginMatrices
    from .models.margin import MaintenanceMarginMatrix as MaintenanceMarginMatrix
    from .models.margin import MarginFcmApiKey as MarginFcmApiKey
    from .models.margin import MarginReport as MarginReport
    from .models.margin import MarginSubtraderGroup as MarginSubtraderGroup
    from .models.margin import MarketFundingEstimate as MarketFundingEstimate
    from .models.margin import MarketSettlementEstimate as MarketSettlementEstimate
    from .models.margin import MemberFundingPayment as MemberFundingPayment
    from .models.margin import ObligationEntry as ObligationEntry
    from .models.margin import ObligationReceiveInfo as ObligationReceiveInfo
    from .models.margin import SettlementBalanceHistoryEntry as SettlementBalanceHistoryEntry
    from .models.margin import SettlementDetail as SettlementDetail
    from .models.margin import SettlementEstimate as SettlementEstimate
    from .models.margin import (
        UpdateMarginSubtraderGroupRequest as UpdateMarginSubtraderGroupRequest,
    )
    from .models.margin import WithdrawSettlementBalanceRequest as WithdrawSettlementBalanceRequest
    from .models.margin import (
        WithdrawSettlementBalanceResponse as WithdrawSettlementBalanceResponse,
    )


def __getattr__(name: str) -> Any:
    # models load on first use; kalshi.models knows which module holds each
    # (importlib, not `from . import models`: that would ask this __getattr__ again)
    models = importlib.import_module("kalshi.klear.models")
    try:
        return getattr(models, name)
    except AttributeError:
        raise AttributeError(f"module 'kalshi.klear' has no attribute {name!r}") from None


__all__ = [
    "SPEC_VERSION",
    "AssetClass",
    "AssetClassFundingEstimate",
    "AssetClassSettlementEstimate",
    "AsyncKlearClient",
    "CorporateActionPaymentDetail",
    "CreateMarginFcmApiKeyRequest",
    "CreateMarginFcmApiKeyResponse",
    "CreateMarginSubtraderGroupRequest",
    "CreateMarginSubtraderGroupResponse",
    "Error",
    "EstimatePortfolioMaintenanceMarginPosition",
    "EstimatePortfolioMaintenanceMarginRequest",
    "EstimatePortfolioMaintenanceMarginResponse",
    "FundingEstimate",
    "FundingPaymentDetail",
    "GenerateMarginFcmApiKeyRequest",
    "GenerateMarginFcmApiKeyResponse",
    "GetActiveMarginObligationsResponse",
    "GetFundingEstimateByAssetClassResponse",
    "GetGuarantyFundBalanceResponse",
    "GetLargeTraderPositionsResponse",
    "GetLargeTraderPositionsResponsePosition",
    "GetMaintenanceMarginMetadataResponse",
    "GetMarginFundingScheduleResponse",
    "GetMarginReportsResponse",
    "GetMarginSubtraderGroupsResponse",
    "GetMemberFundingPaymentsResponse",
    "GetObligationCorporateActionPaymentsResponse",
    "GetObligationFundingPaymentsResponse",
    "GetObligationHistoryResponse",
    "GetObligationMaintenanceMarginDetailsResponse",
    "GetObligationSettlementDetailsResponse",
    "GetSettlementBalanceHistoryResponse",
    "GetSettlementBalanceResponse",
    "GetSettlementBalanceWithdrawalResponse",
    "GetSettlementEstimateByAssetClassResponse",
    "GetSettlementPricesResponse",
    "KlearClient",
    "ListMarginFcmApiKeysResponse",
    "MaintenanceMarginDetail",
    "MaintenanceMarginLiquidationConfig",
    "MaintenanceMarginMatrices",
    "MaintenanceMarginMatrix",
    "MarginFcmApiKey",
    "MarginReport",
    "MarginSubtraderGroup",
    "MarketFundingEstimate",
    "MarketSettlementEstimate",
    "MemberFundingPayment",
    "ObligationEntry",
    "ObligationInfo",
    "ObligationReceiveInfo",
    "Page",
    "SettlementBalanceHistoryEntry",
    "SettlementDetail",
    "SettlementEstimate",
    "UpdateMarginSubtraderGroupRequest",
    "WithdrawSettlementBalanceRequest",
    "WithdrawSettlementBalanceResponse",
    "__version__",
    "errors",
]
