"""Streaming from the Kalshi Perps WebSocket API (2.0.0).

    from kalshi.perps.ws import PerpsWS

    with PerpsWS.from_env() as ws:  # every channel needs a key
        for message in ws.subscribe_ticker(market_tickers=["market-abc-123"]):
            print(message)

Everything here loads on first use: `import kalshi.perps.ws` imports neither pydantic models nor
the WebSocket library (`import kalshi.perps` does not import kalshi.perps.ws at all).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kalshi.ws._books import BookError as BookError
    from kalshi.ws._books import OrderBook as OrderBook
    from kalshi.ws._channel import BookSpec as BookSpec
    from kalshi.ws._channel import ChannelSpec as ChannelSpec
    from kalshi.ws._channel import ErrorCode as ErrorCode
    from kalshi.ws._channel import Overflow as Overflow
    from kalshi.ws._channel import ProtocolSpec as ProtocolSpec
    from kalshi.ws._errors import KalshiWSAuthRequiredError as KalshiWSAuthRequiredError
    from kalshi.ws._errors import KalshiWSCommandError as KalshiWSCommandError
    from kalshi.ws._errors import KalshiWSConnectionError as KalshiWSConnectionError
    from kalshi.ws._errors import KalshiWSDecodeError as KalshiWSDecodeError
    from kalshi.ws._errors import KalshiWSError as KalshiWSError
    from kalshi.ws._errors import KalshiWSOverflowError as KalshiWSOverflowError
    from kalshi.ws._errors import KalshiWSSubscriptionError as KalshiWSSubscriptionError
    from kalshi.ws._errors import KalshiWSTimeoutError as KalshiWSTimeoutError
    from kalshi.ws._events import Event as Event
    from kalshi.ws._events import Reconnected as Reconnected
    from kalshi.ws._events import Resynced as Resynced
    from kalshi.ws._events import SequenceGap as SequenceGap
    from kalshi.ws._frames import Frame as Frame
    from kalshi.ws._frames import FrameDecoder as FrameDecoder
    from kalshi.ws._frames import UntypedFrame as UntypedFrame
    from kalshi.ws._session import AsyncSession as AsyncSession
    from kalshi.ws._subscription import AsyncBookSubscription as AsyncBookSubscription
    from kalshi.ws._subscription import AsyncSubscription as AsyncSubscription
    from kalshi.ws._subscription import SubscriptionInfo as SubscriptionInfo
    from kalshi.ws._sync import BookSubscription as BookSubscription
    from kalshi.ws._sync import Subscription as Subscription
    from kalshi.ws._sync import SyncSession as SyncSession
    from kalshi.ws._transport import Connector as Connector
    from kalshi.ws._transport import ConnectorName as ConnectorName
    from kalshi.ws._transport import HandshakeRejected as HandshakeRejected
    from kalshi.ws._transport import TransportClosed as TransportClosed
    from kalshi.ws._transport import TransportError as TransportError
    from kalshi.ws._transport import WSConnection as WSConnection

    from .client import AsyncPerpsWS as AsyncPerpsWS
    from .client import PerpsWS as PerpsWS
    from .models import AnyOkMsg as AnyOkMsg
    from .models import BookSide as BookSide
    from .models import CorporateActionsDelta as CorporateActionsDelta
    from .models import CorporateActionsDeltaMsg as CorporateActionsDeltaMsg
    from .models import CorporateActionsMessage as CorporateActionsMessage
    from .models import ErrorReply as ErrorReply
    from .models import ErrorReplyMsg as ErrorReplyMsg
    from .models import Fill as Fill
    from .models import FillMessage as FillMessage
    from .models import FillMsg as FillMsg
    from .models import FundingRate as FundingRate
    from .models import LastUpdateReason as LastUpdateReason
    from .models import ListSubscriptions as ListSubscriptions
    from .models import ListSubscriptionsMsg as ListSubscriptionsMsg
    from .models import MarginCorporateAction as MarginCorporateAction
    from .models import (
        MarginCorporateActionFinalSettlementTerms as MarginCorporateActionFinalSettlementTerms,
    )
    from .models import MarginCorporateActionSplitTerms as MarginCorporateActionSplitTerms
    from .models import (
        MarginCorporateActionTickerChangeTerms as MarginCorporateActionTickerChangeTerms,
    )
    from .models import Ok as Ok
    from .models import OkMsg as OkMsg
    from .models import OrderbookDelta as OrderbookDelta
    from .models import OrderbookDeltaMessage as OrderbookDeltaMessage
    from .models import OrderbookDeltaMsg as OrderbookDeltaMsg
    from .models import OrderbookSnapshot as OrderbookSnapshot
    from .models import OrderbookSnapshotMsg as OrderbookSnapshotMsg
    from .models import OrderGroupUpdates as OrderGroupUpdates
    from .models import OrderGroupUpdatesMessage as OrderGroupUpdatesMessage
    from .models import OrderGroupUpdatesMsg as OrderGroupUpdatesMsg
    from .models import SelfTradePreventionType as SelfTradePreventionType
    from .models import Subscribed as Subscribed
    from .models import SubscribedMsg as SubscribedMsg
    from .models import Ticker as Ticker
    from .models import TickerMessage as TickerMessage
    from .models import TickerMsg as TickerMsg
    from .models import TickerPrice as TickerPrice
    from .models import Trade as Trade
    from .models import TradeMessage as TradeMessage
    from .models import TradeMsg as TradeMsg
    from .models import Unsubscribed as Unsubscribed
    from .models import UserOrder as UserOrder
    from .models import UserOrderMsg as UserOrderMsg
    from .models import UserOrdersMessage as UserOrdersMessage

# name -> the module that defines it: one of kalshi.perps.ws (relative) or the runtime's
_EXPORTS: dict[str, str] = {
    "AsyncPerpsWS": ".client",
    "PerpsWS": ".client",
    "BookError": "kalshi.ws._books",
    "OrderBook": "kalshi.ws._books",
    "BookSpec": "kalshi.ws._channel",
    "ChannelSpec": "kalshi.ws._channel",
    "ErrorCode": "kalshi.ws._channel",
    "Overflow": "kalshi.ws._channel",
    "ProtocolSpec": "kalshi.ws._channel",
    "KalshiWSAuthRequiredError": "kalshi.ws._errors",
    "KalshiWSCommandError": "kalshi.ws._errors",
    "KalshiWSConnectionError": "kalshi.ws._errors",
    "KalshiWSDecodeError": "kalshi.ws._errors",
    "KalshiWSError": "kalshi.ws._errors",
    "KalshiWSOverflowError": "kalshi.ws._errors",
    "KalshiWSSubscriptionError": "kalshi.ws._errors",
    "KalshiWSTimeoutError": "kalshi.ws._errors",
    "Event": "kalshi.ws._events",
    "Reconnected": "kalshi.ws._events",
    "Resynced": "kalshi.ws._events",
    "SequenceGap": "kalshi.ws._events",
    "Frame": "kalshi.ws._frames",
    "FrameDecoder": "kalshi.ws._frames",
    "UntypedFrame": "kalshi.ws._frames",
    "AsyncSession": "kalshi.ws._session",
    "AsyncBookSubscription": "kalshi.ws._subscription",
    "AsyncSubscription": "kalshi.ws._subscription",
    "SubscriptionInfo": "kalshi.ws._subscription",
    "BookSubscription": "kalshi.ws._sync",
    "Subscription": "kalshi.ws._sync",
    "SyncSession": "kalshi.ws._sync",
    "Connector": "kalshi.ws._transport",
    "ConnectorName": "kalshi.ws._transport",
    "HandshakeRejected": "kalshi.ws._transport",
    "TransportClosed": "kalshi.ws._transport",
    "TransportError": "kalshi.ws._transport",
    "WSConnection": "kalshi.ws._transport",
    "BookSide": ".models",
    "LastUpdateReason": ".models",
    "SelfTradePreventionType": ".models",
    "CorporateActionsDeltaMsg": ".models",
    "ErrorReplyMsg": ".models",
    "FillMsg": ".models",
    "FundingRate": ".models",
    "ListSubscriptionsMsg": ".models",
    "MarginCorporateAction": ".models",
    "MarginCorporateActionFinalSettlementTerms": ".models",
    "MarginCorporateActionSplitTerms": ".models",
    "MarginCorporateActionTickerChangeTerms": ".models",
    "OkMsg": ".models",
    "OrderGroupUpdatesMsg": ".models",
    "OrderbookDeltaMsg": ".models",
    "OrderbookSnapshotMsg": ".models",
    "SubscribedMsg": ".models",
    "TickerMsg": ".models",
    "TickerPrice": ".models",
    "TradeMsg": ".models",
    "UserOrderMsg": ".models",
    "AnyOkMsg": ".models",
    "Subscribed": ".models",
    "Unsubscribed": ".models",
    "Ok": ".models",
    "ListSubscriptions": ".models",
    "ErrorReply": ".models",
    "OrderbookSnapshot": ".models",
    "OrderbookDelta": ".models",
    "CorporateActionsDelta": ".models",
    "Ticker": ".models",
    "Trade": ".models",
    "Fill": ".models",
    "UserOrder": ".models",
    "OrderGroupUpdates": ".models",
    "OrderbookDeltaMessage": ".models",
    "CorporateActionsMessage": ".models",
    "TickerMessage": ".models",
    "TradeMessage": ".models",
    "FillMessage": ".models",
    "UserOrdersMessage": ".models",
    "OrderGroupUpdatesMessage": ".models",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.perps.ws' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found once; later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "AnyOkMsg",
    "AsyncBookSubscription",
    "AsyncPerpsWS",
    "AsyncSession",
    "AsyncSubscription",
    "BookError",
    "BookSide",
    "BookSpec",
    "BookSubscription",
    "ChannelSpec",
    "Connector",
    "ConnectorName",
    "CorporateActionsDelta",
    "CorporateActionsDeltaMsg",
    "CorporateActionsMessage",
    "ErrorCode",
    "ErrorReply",
    "ErrorReplyMsg",
    "Event",
    "Fill",
    "FillMessage",
    "FillMsg",
    "Frame",
    "FrameDecoder",
    "FundingRate",
    "HandshakeRejected",
    "KalshiWSAuthRequiredError",
    "KalshiWSCommandError",
    "KalshiWSConnectionError",
    "KalshiWSDecodeError",
    "KalshiWSError",
    "KalshiWSOverflowError",
    "KalshiWSSubscriptionError",
    "KalshiWSTimeoutError",
    "LastUpdateReason",
    "ListSubscriptions",
    "ListSubscriptionsMsg",
    "MarginCorporateAction",
    "MarginCorporateActionFinalSettlementTerms",
    "MarginCorporateActionSplitTerms",
    "MarginCorporateActionTickerChangeTerms",
    "Ok",
    "OkMsg",
    "OrderBook",
    "OrderGroupUpdates",
    "OrderGroupUpdatesMessage",
    "OrderGroupUpdatesMsg",
    "OrderbookDelta",
    "OrderbookDeltaMessage",
    "OrderbookDeltaMsg",
    "OrderbookSnapshot",
    "OrderbookSnapshotMsg",
    "Overflow",
    "PerpsWS",
    "ProtocolSpec",
    "Reconnected",
    "Resynced",
    "SelfTradePreventionType",
    "SequenceGap",
    "Subscribed",
    "SubscribedMsg",
    "Subscription",
    "SubscriptionInfo",
    "SyncSession",
    "Ticker",
    "TickerMessage",
    "TickerMsg",
    "TickerPrice",
    "Trade",
    "TradeMessage",
    "TradeMsg",
    "TransportClosed",
    "TransportError",
    "Unsubscribed",
    "UntypedFrame",
    "UserOrder",
    "UserOrderMsg",
    "UserOrdersMessage",
    "WSConnection",
]
