"""Streaming from the Kalshi Market Data WebSocket API (2.0.0).

    from kalshi.ws import KalshiWS

    with KalshiWS(demo=True) as ws:  # public channels need no key
        for message in ws.subscribe_ticker(market_tickers=["KXBTCD-26JUL0317-T60499.99"]):
            print(message)

Everything here loads on first use: `import kalshi.ws` imports neither pydantic models nor
the WebSocket library (`import kalshi` does not import kalshi.ws at all).
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

    from .client import AsyncKalshiWS as AsyncKalshiWS
    from .client import KalshiWS as KalshiWS
    from .models import AnyMarketLifecycleV2Msg as AnyMarketLifecycleV2Msg
    from .models import AnyOkMsg as AnyOkMsg
    from .models import BatchQuoteAccepted as BatchQuoteAccepted
    from .models import BatchQuoteAcceptedMsg as BatchQuoteAcceptedMsg
    from .models import BatchQuoteAcceptedMsgQuote as BatchQuoteAcceptedMsgQuote
    from .models import BatchQuoteCreated as BatchQuoteCreated
    from .models import BatchQuoteCreatedMsg as BatchQuoteCreatedMsg
    from .models import BatchQuoteCreatedMsgQuote as BatchQuoteCreatedMsgQuote
    from .models import BatchQuoteExecuted as BatchQuoteExecuted
    from .models import BatchQuoteExecutedMsg as BatchQuoteExecutedMsg
    from .models import BookSide as BookSide
    from .models import CfbenchmarksAvgData as CfbenchmarksAvgData
    from .models import CfbenchmarksValue as CfbenchmarksValue
    from .models import CfbenchmarksValue5hz as CfbenchmarksValue5hz
    from .models import CfbenchmarksValue5hzIndexlist as CfbenchmarksValue5hzIndexlist
    from .models import CfbenchmarksValue5hzIndexlistMsg as CfbenchmarksValue5hzIndexlistMsg
    from .models import CfbenchmarksValue5hzMessage as CfbenchmarksValue5hzMessage
    from .models import CfbenchmarksValue5hzMsg as CfbenchmarksValue5hzMsg
    from .models import CfbenchmarksValueIndexlist as CfbenchmarksValueIndexlist
    from .models import CfbenchmarksValueIndexlistMsg as CfbenchmarksValueIndexlistMsg
    from .models import CfbenchmarksValueMessage as CfbenchmarksValueMessage
    from .models import CfbenchmarksValueMsg as CfbenchmarksValueMsg
    from .models import CommunicationsMessage as CommunicationsMessage
    from .models import ErrorReply as ErrorReply
    from .models import ErrorReplyMsg as ErrorReplyMsg
    from .models import EventFeeUpdate as EventFeeUpdate
    from .models import EventFeeUpdateMsg as EventFeeUpdateMsg
    from .models import EventLifecycle as EventLifecycle
    from .models import EventLifecycleMsg as EventLifecycleMsg
    from .models import Fill as Fill
    from .models import FillMessage as FillMessage
    from .models import FillMsg as FillMsg
    from .models import LastUpdateReason as LastUpdateReason
    from .models import LifecycleAdditionalMetadata as LifecycleAdditionalMetadata
    from .models import LifecyclePriceLevelStructure as LifecyclePriceLevelStructure
    from .models import ListSubscriptions as ListSubscriptions
    from .models import ListSubscriptionsMsg as ListSubscriptionsMsg
    from .models import MarketLifecycleV2 as MarketLifecycleV2
    from .models import MarketLifecycleV2Message as MarketLifecycleV2Message
    from .models import MarketLifecycleV2Msg as MarketLifecycleV2Msg
    from .models import MarketLifecycleV2MsgPriceRange as MarketLifecycleV2MsgPriceRange
    from .models import MarketMetadataUpdatedMsg as MarketMetadataUpdatedMsg
    from .models import MarketPosition as MarketPosition
    from .models import MarketPositionMsg as MarketPositionMsg
    from .models import MarketPositionsMessage as MarketPositionsMessage
    from .models import MarketSide as MarketSide
    from .models import MultivariateMarketLifecycle as MultivariateMarketLifecycle
    from .models import MultivariateMarketLifecycleMessage as MultivariateMarketLifecycleMessage
    from .models import MultivariateMarketLifecycleMsg as MultivariateMarketLifecycleMsg
    from .models import Ok as Ok
    from .models import OkMsg as OkMsg
    from .models import OrderAction as OrderAction
    from .models import OrderbookDelta as OrderbookDelta
    from .models import OrderbookDeltaMessage as OrderbookDeltaMessage
    from .models import OrderbookDeltaMsg as OrderbookDeltaMsg
    from .models import OrderbookSnapshot as OrderbookSnapshot
    from .models import OrderbookSnapshotMsg as OrderbookSnapshotMsg
    from .models import OrderGroupUpdates as OrderGroupUpdates
    from .models import OrderGroupUpdatesMessage as OrderGroupUpdatesMessage
    from .models import OrderGroupUpdatesMsg as OrderGroupUpdatesMsg
    from .models import PythValue as PythValue
    from .models import PythValueMessage as PythValueMessage
    from .models import PythValueMsg as PythValueMsg
    from .models import PythValueUnderlyingList as PythValueUnderlyingList
    from .models import PythValueUnderlyingListMsg as PythValueUnderlyingListMsg
    from .models import QuoteAccepted as QuoteAccepted
    from .models import QuoteAcceptedMsg as QuoteAcceptedMsg
    from .models import QuoteCreated as QuoteCreated
    from .models import QuoteCreatedMsg as QuoteCreatedMsg
    from .models import QuoteExecuted as QuoteExecuted
    from .models import QuoteExecutedMsg as QuoteExecutedMsg
    from .models import RfqBatchBestQuotes as RfqBatchBestQuotes
    from .models import RfqBatchBestQuotesMsg as RfqBatchBestQuotesMsg
    from .models import RfqBatchBestQuotesMsgRfq as RfqBatchBestQuotesMsgRfq
    from .models import RfqBatchCreated as RfqBatchCreated
    from .models import RfqBatchCreatedMsg as RfqBatchCreatedMsg
    from .models import RfqBatchCreatedMsgLeg as RfqBatchCreatedMsgLeg
    from .models import RfqBatchCreatedMsgRfq as RfqBatchCreatedMsgRfq
    from .models import RfqBatchDeleted as RfqBatchDeleted
    from .models import RfqBatchDeletedMsg as RfqBatchDeletedMsg
    from .models import RfqBatchExecuted as RfqBatchExecuted
    from .models import RfqBatchExecutedMsg as RfqBatchExecutedMsg
    from .models import RfqCreated as RfqCreated
    from .models import RfqCreatedMsg as RfqCreatedMsg
    from .models import RfqCreatedMsgMveSelectedLeg as RfqCreatedMsgMveSelectedLeg
    from .models import RfqDeleted as RfqDeleted
    from .models import RfqDeletedMsg as RfqDeletedMsg
    from .models import Subscribed as Subscribed
    from .models import SubscribedIndicesMsg as SubscribedIndicesMsg
    from .models import SubscribedMsg as SubscribedMsg
    from .models import SubscribedUnderlyingsMsg as SubscribedUnderlyingsMsg
    from .models import Ticker as Ticker
    from .models import TickerMessage as TickerMessage
    from .models import TickerMsg as TickerMsg
    from .models import Trade as Trade
    from .models import TradeMessage as TradeMessage
    from .models import TradeMsg as TradeMsg
    from .models import Unsubscribed as Unsubscribed
    from .models import UserOrder as UserOrder
    from .models import UserOrderMsg as UserOrderMsg
    from .models import UserOrdersMessage as UserOrdersMessage

# name -> the module that defines it: one of kalshi.ws (relative) or the runtime's
_EXPORTS: dict[str, str] = {
    "AsyncKalshiWS": ".client",
    "KalshiWS": ".client",
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
    "LifecyclePriceLevelStructure": ".models",
    "MarketSide": ".models",
    "OrderAction": ".models",
    "BatchQuoteAcceptedMsg": ".models",
    "BatchQuoteAcceptedMsgQuote": ".models",
    "BatchQuoteCreatedMsg": ".models",
    "BatchQuoteCreatedMsgQuote": ".models",
    "BatchQuoteExecutedMsg": ".models",
    "CfbenchmarksAvgData": ".models",
    "CfbenchmarksValue5hzIndexlistMsg": ".models",
    "CfbenchmarksValue5hzMsg": ".models",
    "CfbenchmarksValueIndexlistMsg": ".models",
    "CfbenchmarksValueMsg": ".models",
    "ErrorReplyMsg": ".models",
    "EventFeeUpdateMsg": ".models",
    "EventLifecycleMsg": ".models",
    "FillMsg": ".models",
    "LifecycleAdditionalMetadata": ".models",
    "ListSubscriptionsMsg": ".models",
    "MarketLifecycleV2Msg": ".models",
    "MarketLifecycleV2MsgPriceRange": ".models",
    "MarketMetadataUpdatedMsg": ".models",
    "MarketPositionMsg": ".models",
    "MultivariateMarketLifecycleMsg": ".models",
    "OkMsg": ".models",
    "OrderGroupUpdatesMsg": ".models",
    "OrderbookDeltaMsg": ".models",
    "OrderbookSnapshotMsg": ".models",
    "PythValueMsg": ".models",
    "PythValueUnderlyingListMsg": ".models",
    "QuoteAcceptedMsg": ".models",
    "QuoteCreatedMsg": ".models",
    "QuoteExecutedMsg": ".models",
    "RfqBatchBestQuotesMsg": ".models",
    "RfqBatchBestQuotesMsgRfq": ".models",
    "RfqBatchCreatedMsg": ".models",
    "RfqBatchCreatedMsgLeg": ".models",
    "RfqBatchCreatedMsgRfq": ".models",
    "RfqBatchDeletedMsg": ".models",
    "RfqBatchExecutedMsg": ".models",
    "RfqCreatedMsg": ".models",
    "RfqCreatedMsgMveSelectedLeg": ".models",
    "RfqDeletedMsg": ".models",
    "SubscribedIndicesMsg": ".models",
    "SubscribedMsg": ".models",
    "SubscribedUnderlyingsMsg": ".models",
    "TickerMsg": ".models",
    "TradeMsg": ".models",
    "UserOrderMsg": ".models",
    "AnyOkMsg": ".models",
    "AnyMarketLifecycleV2Msg": ".models",
    "Subscribed": ".models",
    "Ok": ".models",
    "ListSubscriptions": ".models",
    "Unsubscribed": ".models",
    "ErrorReply": ".models",
    "OrderbookSnapshot": ".models",
    "OrderbookDelta": ".models",
    "Ticker": ".models",
    "Trade": ".models",
    "Fill": ".models",
    "MarketPosition": ".models",
    "MarketLifecycleV2": ".models",
    "EventLifecycle": ".models",
    "EventFeeUpdate": ".models",
    "MultivariateMarketLifecycle": ".models",
    "RfqCreated": ".models",
    "RfqDeleted": ".models",
    "QuoteCreated": ".models",
    "QuoteAccepted": ".models",
    "QuoteExecuted": ".models",
    "RfqBatchCreated": ".models",
    "RfqBatchDeleted": ".models",
    "BatchQuoteCreated": ".models",
    "RfqBatchBestQuotes": ".models",
    "BatchQuoteAccepted": ".models",
    "RfqBatchExecuted": ".models",
    "BatchQuoteExecuted": ".models",
    "OrderGroupUpdates": ".models",
    "UserOrder": ".models",
    "CfbenchmarksValue": ".models",
    "CfbenchmarksValueIndexlist": ".models",
    "CfbenchmarksValue5hz": ".models",
    "CfbenchmarksValue5hzIndexlist": ".models",
    "PythValue": ".models",
    "PythValueUnderlyingList": ".models",
    "OrderbookDeltaMessage": ".models",
    "TickerMessage": ".models",
    "TradeMessage": ".models",
    "FillMessage": ".models",
    "MarketPositionsMessage": ".models",
    "MarketLifecycleV2Message": ".models",
    "MultivariateMarketLifecycleMessage": ".models",
    "CommunicationsMessage": ".models",
    "OrderGroupUpdatesMessage": ".models",
    "UserOrdersMessage": ".models",
    "CfbenchmarksValueMessage": ".models",
    "CfbenchmarksValue5hzMessage": ".models",
    "PythValueMessage": ".models",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kalshi.ws' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found once; later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


__all__ = [
    "AnyMarketLifecycleV2Msg",
    "AnyOkMsg",
    "AsyncBookSubscription",
    "AsyncKalshiWS",
    "AsyncSession",
    "AsyncSubscription",
    "BatchQuoteAccepted",
    "BatchQuoteAcceptedMsg",
    "BatchQuoteAcceptedMsgQuote",
    "BatchQuoteCreated",
    "BatchQuoteCreatedMsg",
    "BatchQuoteCreatedMsgQuote",
    "BatchQuoteExecuted",
    "BatchQuoteExecutedMsg",
    "BookError",
    "BookSide",
    "BookSpec",
    "BookSubscription",
    "CfbenchmarksAvgData",
    "CfbenchmarksValue",
    "CfbenchmarksValue5hz",
    "CfbenchmarksValue5hzIndexlist",
    "CfbenchmarksValue5hzIndexlistMsg",
    "CfbenchmarksValue5hzMessage",
    "CfbenchmarksValue5hzMsg",
    "CfbenchmarksValueIndexlist",
    "CfbenchmarksValueIndexlistMsg",
    "CfbenchmarksValueMessage",
    "CfbenchmarksValueMsg",
    "ChannelSpec",
    "CommunicationsMessage",
    "Connector",
    "ConnectorName",
    "ErrorCode",
    "ErrorReply",
    "ErrorReplyMsg",
    "Event",
    "EventFeeUpdate",
    "EventFeeUpdateMsg",
    "EventLifecycle",
    "EventLifecycleMsg",
    "Fill",
    "FillMessage",
    "FillMsg",
    "Frame",
    "FrameDecoder",
    "HandshakeRejected",
    "KalshiWS",
    "KalshiWSAuthRequiredError",
    "KalshiWSCommandError",
    "KalshiWSConnectionError",
    "KalshiWSDecodeError",
    "KalshiWSError",
    "KalshiWSOverflowError",
    "KalshiWSSubscriptionError",
    "KalshiWSTimeoutError",
    "LastUpdateReason",
    "LifecycleAdditionalMetadata",
    "LifecyclePriceLevelStructure",
    "ListSubscriptions",
    "ListSubscriptionsMsg",
    "MarketLifecycleV2",
    "MarketLifecycleV2Message",
    "MarketLifecycleV2Msg",
    "MarketLifecycleV2MsgPriceRange",
    "MarketMetadataUpdatedMsg",
    "MarketPosition",
    "MarketPositionMsg",
    "MarketPositionsMessage",
    "MarketSide",
    "MultivariateMarketLifecycle",
    "MultivariateMarketLifecycleMessage",
    "MultivariateMarketLifecycleMsg",
    "Ok",
    "OkMsg",
    "OrderAction",
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
    "ProtocolSpec",
    "PythValue",
    "PythValueMessage",
    "PythValueMsg",
    "PythValueUnderlyingList",
    "PythValueUnderlyingListMsg",
    "QuoteAccepted",
    "QuoteAcceptedMsg",
    "QuoteCreated",
    "QuoteCreatedMsg",
    "QuoteExecuted",
    "QuoteExecutedMsg",
    "Reconnected",
    "Resynced",
    "RfqBatchBestQuotes",
    "RfqBatchBestQuotesMsg",
    "RfqBatchBestQuotesMsgRfq",
    "RfqBatchCreated",
    "RfqBatchCreatedMsg",
    "RfqBatchCreatedMsgLeg",
    "RfqBatchCreatedMsgRfq",
    "RfqBatchDeleted",
    "RfqBatchDeletedMsg",
    "RfqBatchExecuted",
    "RfqBatchExecutedMsg",
    "RfqCreated",
    "RfqCreatedMsg",
    "RfqCreatedMsgMveSelectedLeg",
    "RfqDeleted",
    "RfqDeletedMsg",
    "SequenceGap",
    "Subscribed",
    "SubscribedIndicesMsg",
    "SubscribedMsg",
    "SubscribedUnderlyingsMsg",
    "Subscription",
    "SubscriptionInfo",
    "SyncSession",
    "Ticker",
    "TickerMessage",
    "TickerMsg",
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
