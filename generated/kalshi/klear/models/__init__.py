"""Models of the Kalshi API, one module per resource plus `common`; they load on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .common import AssetClass as AssetClass
    from .common import Error as Error
    from .common import ObligationInfo as ObligationInfo
    from .margin import AssetClassFundingEstimate as AssetClassFundingEstimate
    from .margin import AssetClassSettlementEstimate as AssetClassSettlementEstimate
    from .margin import CorporateActionPaymentDetail as CorporateActionPaymentDetail
    from .margin import CreateMarginFcmApiKeyRequest as CreateMarginFcmApiKeyRequest
    from .margin import CreateMarginFcmApiKeyResponse as CreateMarginFcmApiKeyResponse
    from .margin import CreateMarginSubtraderGroupRequest as CreateMarginSubtraderGroupRequest
    from .margin import CreateMarginSubtraderGroupResponse as CreateMarginSubtraderGroupResponse
    from .margin import (
        EstimatePortfolioMaintenanceMarginPosition as EstimatePortfolioMaintenanceMarginPosition,
    )
    from .margin import (
        EstimatePortfolioMaintenanceMarginRequest as EstimatePortfolioMaintenanceMarginRequest,
    )
    from .margin import (
        EstimatePortfolioMaintenanceMarginResponse as EstimatePortfolioMaintenanceMarginResponse,
    )
    from .margin import FundingEstimate as FundingEstimate
    from .margin import FundingPaymentDetail as FundingPaymentDetail
    from .margin import GenerateMarginFcmApiKeyRequest as GenerateMarginFcmApiKeyRequest
    from .margin import GenerateMarginFcmApiKeyResponse as GenerateMarginFcmApiKeyResponse
    from .margin import GetActiveMarginObligationsResponse as GetActiveMarginObligationsResponse
    from .margin import (
        GetFundingEstimateByAssetClassResponse as GetFundingEstimateByAssetClassResponse,
    )
    from .margin import GetGuarantyFundBalanceResponse as GetGuarantyFundBalanceResponse
    from .margin import GetLargeTraderPositionsResponse as GetLargeTraderPositionsResponse
    from .margin import (
        GetLargeTraderPositionsResponsePosition as GetLargeTraderPositionsResponsePosition,
    )
    from .margin import GetMaintenanceMarginMetadataResponse as GetMaintenanceMarginMetadataResponse
    from .margin import GetMarginFundingScheduleResponse as GetMarginFundingScheduleResponse
    from .margin import GetMarginReportsResponse as GetMarginReportsResponse
    from .margin import GetMarginSubtraderGroupsResponse as GetMarginSubtraderGroupsResponse
    from .margin import GetMemberFundingPaymentsResponse as GetMemberFundingPaymentsResponse
    from .margin import (
        GetObligationCorporateActionPaymentsResponse as GetObligationCorporateActionPaymentsResponse,
    )
    from .margin import GetObligationFundingPaymentsResponse as GetObligationFundingPaymentsResponse
    from .margin import GetObligationHistoryResponse as GetObligationHistoryResponse
    from .margin import (
        GetObligationMaintenanceMarginDetailsResponse as GetObligationMaintenanceMarginDetailsResponse,
    )
    from .margin import (
        GetObligationSettlementDetailsResponse as GetObligationSettlementDetailsResponse,
    )
    from .margin import GetSettlementBalanceHistoryResponse as GetSettlementBalanceHistoryResponse
    from .margin import GetSettlementBalanceResponse as GetSettlementBalanceResponse
    from .margin import (
        GetSettlementBalanceWithdrawalResponse as GetSettlementBalanceWithdrawalResponse,
    )
    from .margin import (
        GetSettlementEstimateByAssetClassResponse as GetSettlementEstimateByAssetClassResponse,
    )
    from .margin import GetSettlementPricesResponse as GetSettlementPricesResponse
    from .margin import ListMarginFcmApiKeysResponse as ListMarginFcmApiKeysResponse
    from .margin import MaintenanceMarginDetail as MaintenanceMarginDetail
    from .margin import MaintenanceMarginLiquidationConfig as MaintenanceMarginLiquidationConfig
    from .margin import MaintenanceMarginMatrices as MaintenanceMarginMatrices
    from .margin import MaintenanceMarginMatrix as MaintenanceMarginMatrix
    from .margin import MarginFcmApiKey as MarginFcmApiKey
    from .margin import MarginReport as MarginReport
    from .margin import MarginSubtraderGroup as MarginSubtraderGroup
    from .margin import MarketFundingEstimate as MarketFundingEstimate
    from .margin import MarketSettlementEstimate as MarketSettlementEstimate
    from .margin import MemberFundingPayment as MemberFundingPayment
    from .margin import ObligationEntry as ObligationEntry
    from .margin import ObligationReceiveInfo as ObligationReceiveInfo
    from .margin import SettlementBalanceHistoryEntry as SettlementBalanceHistoryEntry
    from .margin import SettlementDetail as SettlementDetail
    from .margin import SettlementEstimate as SettlementEstimate
    from .margin import UpdateMarginSubtraderGroupRequest as UpdateMarginSubtraderGroupRequest
    from .margin import WithdrawSettlementBalanceRequest as WithdrawSettlementBalanceRequest
    from .margin import WithdrawSettlementBalanceResponse as WithdrawSettlementBalanceResponse

_MODULES: dict[str, str] = {
    "AssetClass": "common",
    "AssetClassFundingEstimate": "margin",
    "AssetClassSettlementEstimate": "margin",
    "CorporateActionPaymentDetail": "margin",
    "CreateMarginFcmApiKeyRequest": "margin",
    "CreateMarginFcmApiKeyResponse": "margin",
    "CreateMarginSubtraderGroupRequest": "margin",
    "CreateMarginSubtraderGroupResponse": "margin",
    "Error": "common",
    "EstimatePortfolioMaintenanceMarginPosition": "margin",
    "EstimatePortfolioMaintenanceMarginRequest": "margin",
    "EstimatePortfolioMaintenanceMarginResponse": "margin",
    "FundingEstimate": "margin",
    "FundingPaymentDetail": "margin",
    "GenerateMarginFcmApiKeyRequest": "margin",
    "GenerateMarginFcmApiKeyResponse": "margin",
    "GetActiveMarginObligationsResponse": "margin",
    "GetFundingEstimateByAssetClassResponse": "margin",
    "GetGuarantyFundBalanceResponse": "margin",
    "GetLargeTraderPositionsResponse": "margin",
    "GetLargeTraderPositionsResponsePosition": "margin",
    "GetMaintenanceMarginMetadataResponse": "margin",
    "GetMarginFundingScheduleResponse": "margin",
    "GetMarginReportsResponse": "margin",
    "GetMarginSubtraderGroupsResponse": "margin",
    "GetMemberFundingPaymentsResponse": "margin",
    "GetObligationCorporateActionPaymentsResponse": "margin",
    "GetObligationFundingPaymentsResponse": "margin",
    "GetObligationHistoryResponse": "margin",
    "GetObligationMaintenanceMarginDetailsResponse": "margin",
    "GetObligationSettlementDetailsResponse": "margin",
    "GetSettlementBalanceHistoryResponse": "margin",
    "GetSettlementBalanceResponse": "margin",
    "GetSettlementBalanceWithdrawalResponse": "margin",
    "GetSettlementEstimateByAssetClassResponse": "margin",
    "GetSettlementPricesResponse": "margin",
    "ListMarginFcmApiKeysResponse": "margin",
    "MaintenanceMarginDetail": "margin",
    "MaintenanceMarginLiquidationConfig": "margin",
    "MaintenanceMarginMatrices": "margin",
    "MaintenanceMarginMatrix": "margin",
    "MarginFcmApiKey": "margin",
    "MarginReport": "margin",
    "MarginSubtraderGroup": "margin",
    "MarketFundingEstimate": "margin",
    "MarketSettlementEstimate": "margin",
    "MemberFundingPayment": "margin",
    "ObligationEntry": "margin",
    "ObligationInfo": "common",
    "ObligationReceiveInfo": "margin",
    "SettlementBalanceHistoryEntry": "margin",
    "SettlementDetail": "margin",
    "SettlementEstimate": "margin",
    "UpdateMarginSubtraderGroupRequest": "margin",
    "WithdrawSettlementBalanceRequest": "margin",
    "WithdrawSettlementBalanceResponse": "margin",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.klear.models' has no attribute {name!r}")
    return getattr(importlib.import_module(f"kalshi.klear.models.{module}"), name)


__all__ = [
    "AssetClass",
    "AssetClassFundingEstimate",
    "AssetClassSettlementEstimate",
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
    "SettlementBalanceHistoryEntry",
    "SettlementDetail",
    "SettlementEstimate",
    "UpdateMarginSubtraderGroupRequest",
    "WithdrawSettlementBalanceRequest",
    "WithdrawSettlementBalanceResponse",
]
