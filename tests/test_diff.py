"""The API change report: one fixture per change kind, then the real Kalshi releases."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from shared_specs import real_spec_path

from generator.documents.load import load_document
from generator.specdiff.diff import (
    BREAKS_ON,
    describe_type,
    diff_documents,
    is_breaking,
    report_to_json,
    report_to_markdown,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "diff"


def fixture(name: str) -> dict[str, Any]:
    return load_document(FIXTURES / f"{name}.yaml")


def summarize(report_json: dict[str, Any]) -> dict[str, Any]:
    """The report with each change reduced to (text, breaking), for compact expectations."""

    def changes(section: dict[str, Any]) -> dict[str, list[tuple[str, bool]]]:
        return {
            key: [(c["text"], c["breaking"]) for c in value["changes"]]
            for key, value in section.items()
        }

    ops, schemas = report_json["operations"], report_json["schemas"]
    return {
        "added": ops["added"],
        "removed": ops["removed"],
        "changed": changes(ops["changed"]),
        "schemas_added": schemas["added"],
        "schemas_removed": schemas["removed"],
        "schemas_changed": changes(schemas["changed"]),
        "breaking": report_json["breaking"],
    }


NOTHING: dict[str, Any] = {
    "added": [],
    "removed": [],
    "changed": {},
    "schemas_added": [],
    "schemas_removed": [],
    "schemas_changed": {},
    "breaking": [],
}

# fixture -> what differs from NOTHING when diffing base.yaml -> fixture
EXPECTED: dict[str, dict[str, Any]] = {
    "op_added": {"added": ["CancelOrder"]},
    "op_removed": {
        "removed": ["GetOrder"],
        "breaking": ["operation `GetOrder` removed (GET /orders/{order_id})"],
    },
    "param_added_required": {
        "changed": {"GetOrders": [("query parameter `ticker` added as required (string)", True)]},
        "breaking": ["operation `GetOrders`: query parameter `ticker` added as required (string)"],
    },
    "param_added_optional": {
        "changed": {"GetOrders": [("query parameter `min_ts` added (integer(int64))", False)]},
    },
    "param_retyped": {
        "changed": {
            "GetOrders": [("query parameter `limit` retyped integer(int64) -> string", True)]
        },
        "breaking": [
            "operation `GetOrders`: query parameter `limit` retyped integer(int64) -> string"
        ],
    },
    "param_made_required": {
        "changed": {"GetOrders": [("query parameter `limit` made required", True)]},
        "breaking": ["operation `GetOrders`: query parameter `limit` made required"],
    },
    "enum_value_added": {
        "changed": {"GetOrders": [("query parameter `status` enum values added: resting", False)]},
    },
    "enum_value_removed": {
        # Side is sent (CreateOrderRequest) and received (Order): a sender may still use "no".
        "schemas_changed": {"Side": [("enum values removed: no", True)]},
        "breaking": ["schema `Side`: enum values removed: no"],
    },
    "enum_value_removed_response": {
        # Order is only received: a value the server no longer sends breaks nobody.
        "schemas_changed": {"Order": [("field `status` enum values removed: canceled", False)]},
    },
    "nullable_response": {
        "schemas_changed": {
            "Order": [
                ("field `price` made nullable (FixedPointDollars -> FixedPointDollars|null)", True)
            ]
        },
        "breaking": [
            (
                "schema `Order`: field `price` made nullable "
                "(FixedPointDollars -> FixedPointDollars|null)"
            )
        ],
    },
    "nullable_request": {
        "schemas_changed": {
            "CreateOrderRequest": [("field `count` made nullable (integer -> integer|null)", False)]
        },
    },
    "field_removed": {
        "schemas_changed": {"Order": [("field `yes` removed (was integer)", True)]},
        "breaking": ["schema `Order`: field `yes` removed (was integer)"],
    },
    "field_added_required_request": {
        "schemas_changed": {
            "CreateOrderRequest": [("field `client_order_id` added as required (string)", True)]
        },
        "breaking": [
            "schema `CreateOrderRequest`: field `client_order_id` added as required (string)"
        ],
    },
    "rename": {
        "added": ["GetLiveData"],
        "removed": ["GetLIVEData"],
        "breaking": [
            (
                "operation `GetLIVEData` removed (GET /LIVE_data/{milestone_id}); "
                "renamed to `GetLiveData`"
            )
        ],
    },
    "response_retyped": {
        "changed": {"GetOrder": [("response 200 retyped Order -> GetOrderResponse", True)]},
        "schemas_added": ["GetOrderResponse"],
        "breaking": ["operation `GetOrder`: response 200 retyped Order -> GetOrderResponse"],
    },
    "schema_removed_unused": {"schemas_removed": ["Legacy"]},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_change_kind_in_isolation(name: str) -> None:
    report = report_to_json(diff_documents(fixture("base"), fixture(name)))
    assert summarize(report) == {**NOTHING, **EXPECTED[name]}


def test_identical_documents_have_no_changes() -> None:
    assert summarize(report_to_json(diff_documents(fixture("base"), fixture("base")))) == NOTHING


def test_fixture_files_and_expectations_match() -> None:
    files = {p.stem for p in FIXTURES.glob("*.yaml")} - {"base"}
    assert files == set(EXPECTED)


def test_reverse_direction_flips_the_classification() -> None:
    # Removing an optional parameter breaks callers that pass it.
    back = summarize(
        report_to_json(diff_documents(fixture("param_added_optional"), fixture("base")))
    )
    assert back["changed"] == {
        "GetOrders": [("query parameter `min_ts` removed (was integer(int64))", True)]
    }
    # A response field that stops being nullable breaks nobody.
    back = summarize(report_to_json(diff_documents(fixture("nullable_response"), fixture("base"))))
    assert back["schemas_changed"] == {
        "Order": [
            (
                "field `price` no longer nullable (FixedPointDollars|null -> FixedPointDollars)",
                False,
            )
        ]
    }
    assert back["breaking"] == []
    # A request enum losing a value breaks senders of that value.
    back = summarize(report_to_json(diff_documents(fixture("enum_value_added"), fixture("base"))))
    assert back["changed"] == {
        "GetOrders": [("query parameter `status` enum values removed: resting", True)]
    }
    # New operations and schemas removed the other way round.
    back = summarize(report_to_json(diff_documents(fixture("op_added"), fixture("base"))))
    assert back["removed"] == ["CancelOrder"]
    assert back["breaking"] == ["operation `CancelOrder` removed (DELETE /orders/{order_id})"]


def test_full_json_of_a_retyped_parameter() -> None:
    report = report_to_json(diff_documents(fixture("base"), fixture("param_retyped")))
    line = "operation `GetOrders`: query parameter `limit` retyped integer(int64) -> string"
    assert report == {
        "versions": {"old": "1.0.0", "new": "1.0.0"},
        "summary": {
            "operations_added": 0,
            "operations_removed": 0,
            "operations_renamed": 0,
            "operations_changed": 1,
            "schemas_added": 0,
            "schemas_removed": 0,
            "schemas_changed": 0,
            "breaking": 1,
        },
        "operations": {
            "added": [],
            "removed": [],
            "endpoints": {},
            "renamed": [],
            "changed": {
                "GetOrders": {
                    "method": "GET",
                    "path": "/orders",
                    "changes": [
                        {
                            "element": "parameter",
                            "name": "query.limit",
                            "change": "retyped",
                            "breaking": True,
                            "text": "query parameter `limit` retyped integer(int64) -> string",
                            "from": "integer(int64)",
                            "to": "string",
                        }
                    ],
                }
            },
        },
        "schemas": {"added": [], "removed": [], "changed": {}},
        "breaking": [line],
    }


def test_enum_schema_lists_where_it_is_used() -> None:
    report = report_to_json(diff_documents(fixture("base"), fixture("enum_value_removed")))
    side = report["schemas"]["changed"]["Side"]
    assert side["used_in"] == ["request", "response"]
    assert side["changes"] == [
        {
            "element": "schema",
            "name": "",
            "change": "enum_values_removed",
            "breaking": True,
            "text": "enum values removed: no",
            "values": ["no"],
        }
    ]


def test_rename_is_removed_plus_added_and_listed_as_renamed() -> None:
    report = report_to_json(diff_documents(fixture("base"), fixture("rename")))
    assert report["operations"]["endpoints"] == {
        "GetLIVEData": "GET /LIVE_data/{milestone_id}",
        "GetLiveData": "GET /live_data/{milestone_id}",
    }
    assert report["operations"]["renamed"] == [
        {
            "from": "GetLIVEData",
            "to": "GetLiveData",
            "from_route": "GET /LIVE_data/{milestone_id}",
            "to_route": "GET /live_data/{milestone_id}",
            "changes": [
                {
                    "element": "operation",
                    "name": "",
                    "change": "moved",
                    "breaking": False,
                    "text": "moved GET /LIVE_data/{milestone_id} -> GET /live_data/{milestone_id}",
                    "from": "GET /LIVE_data/{milestone_id}",
                    "to": "GET /live_data/{milestone_id}",
                }
            ],
        }
    ]


def test_rename_on_the_same_route() -> None:
    new = fixture("base")
    new["paths"]["/orders/{order_id}"]["get"]["operationId"] = "FetchOrder"
    report = report_to_json(diff_documents(fixture("base"), new))
    assert report["operations"]["renamed"] == [
        {
            "from": "GetOrder",
            "to": "FetchOrder",
            "from_route": "GET /orders/{order_id}",
            "to_route": "GET /orders/{order_id}",
            "changes": [],
        }
    ]


def test_ambiguous_rename_is_not_guessed() -> None:
    # One candidate shares the route, another the operationId: no pairing is reported.
    new = fixture("base")
    live = new["paths"].pop("/LIVE_data/{milestone_id}")
    live["get"]["operationId"] = "FetchLive"
    new["paths"]["/live_data/{milestone_id}"] = live
    other = copy.deepcopy(live)
    other["get"]["operationId"] = "GetLiveData"
    new["paths"]["/other/{milestone_id}"] = other
    report = report_to_json(diff_documents(fixture("base"), new))
    assert report["operations"]["added"] == ["FetchLive", "GetLiveData"]
    assert report["operations"]["removed"] == ["GetLIVEData"]
    assert report["operations"]["renamed"] == []


def test_removed_schema_that_was_used_is_breaking() -> None:
    new = fixture("base")
    del new["components"]["schemas"]["CreateOrderResponse"]
    del new["paths"]["/orders"]["post"]["responses"]["201"]["content"]
    report = summarize(report_to_json(diff_documents(fixture("base"), new)))
    assert report == {
        **NOTHING,
        "changed": {"CreateOrder": [("response 201 removed (was CreateOrderResponse)", True)]},
        "schemas_removed": ["CreateOrderResponse"],
        "breaking": [
            "operation `CreateOrder`: response 201 removed (was CreateOrderResponse)",
            "schema `CreateOrderResponse` removed (used in response)",
        ],
    }


def test_inline_request_body_fields_and_path_level_parameters() -> None:
    old = fixture("base")
    post = old["paths"]["/orders"]["post"]
    post["requestBody"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "required": ["ticker"],
        "properties": {
            "ticker": {"type": "string"},
            "legs": {
                "type": "array",
                "items": {"type": "object", "properties": {"side": {"type": "string"}}},
            },
        },
    }
    old["paths"]["/orders"]["parameters"] = [
        {"name": "X-Trace", "in": "header", "schema": {"type": "string"}}
    ]
    new = copy.deepcopy(old)
    schema = new["paths"]["/orders"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema["properties"]["legs"]["items"]["properties"]["side"]["enum"] = ["yes", "no"]
    schema["properties"]["memo"] = {"type": "string"}
    new["paths"]["/orders"]["parameters"][0]["required"] = True
    report = summarize(report_to_json(diff_documents(old, new)))
    restricted = ("body field `legs[].side` restricted to enum values: no, yes", True)
    assert report["changed"] == {
        "CreateOrder": [
            ("header parameter `X-Trace` made required", True),
            restricted,
            ("body field `memo` added (string)", False),
        ],
        "GetOrders": [("header parameter `X-Trace` made required", True)],
    }


def test_markdown_of_a_rename() -> None:
    report = diff_documents(fixture("base"), fixture("rename"))
    assert report_to_markdown(report, "base", "rename") == (
        "## API changes: base -> rename\n"
        "\n"
        "| | Added | Removed | Changed |\n"
        "|---|---:|---:|---:|\n"
        "| Operations | 1 | 1 | 0 |\n"
        "| Schemas | 0 | 0 | 0 |\n"
        "\n"
        "**1 breaking change** for code using the client. "
        "1 renamed operation (each counted as one removed and one added).\n"
        "\n"
        "### Breaking changes (1)\n"
        "\n"
        "- operation `GetLIVEData` removed (GET /LIVE_data/{milestone_id}); "
        "renamed to `GetLiveData`\n"
        "\n"
        "### Added operations (1)\n"
        "\n"
        "| operationId | Method | Path |\n"
        "|---|---|---|\n"
        "| `GetLiveData` | GET | `/live_data/{milestone_id}` |\n"
        "\n"
        "### Removed operations (1)\n"
        "\n"
        "| operationId | Method | Path |\n"
        "|---|---|---|\n"
        "| `GetLIVEData` | GET | `/LIVE_data/{milestone_id}` |\n"
        "\n"
        "### Renamed operations (1)\n"
        "\n"
        "Same endpoint, new operationId: each is counted above as one removed and one added "
        "operation.\n"
        "\n"
        "| From | To | Method | Path |\n"
        "|---|---|---|---|\n"
        "| `GetLIVEData` | `GetLiveData` | GET | `/live_data/{milestone_id}` "
        "(was `/LIVE_data/{milestone_id}`) |\n"
    )


def test_markdown_of_schema_changes_and_no_breaking() -> None:
    report = diff_documents(fixture("base"), fixture("nullable_request"))
    assert report_to_markdown(report, "a", "b").split("\n")[6:] == [
        "",
        "**No breaking changes** for code using the client.",
        "",
        "### Schema changes",
        "",
        "**Changed schemas (1)**",
        "",
        "- `CreateOrderRequest` (used in request)",
        "  - field `count` made nullable (integer -> integer|null)",
        "",
    ]


def test_markdown_collapses_long_lists() -> None:
    new = fixture("base")
    for i in range(11):
        new["paths"][f"/extra/{i:02d}"] = {
            "get": {"operationId": f"Extra{i:02d}", "responses": {"204": {"description": "ok"}}}
        }
    text = report_to_markdown(diff_documents(fixture("base"), new), "a", "b")
    section = text[text.index("### Added operations (11)") :]
    assert section.startswith(
        "### Added operations (11)\n\n<details><summary>Show</summary>\n\n"
        "| operationId | Method | Path |\n|---|---|---|\n| `Extra00` | GET | `/extra/00` |\n"
    )
    assert section.endswith("| `Extra10` | GET | `/extra/10` |\n\n</details>\n")


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"type": "string"}, "string"),
        ({"type": "integer", "format": "int64"}, "integer(int64)"),
        ({"type": "array", "items": {"$ref": "#/components/schemas/Order"}}, "array[Order]"),
        ({"$ref": "#/components/schemas/Order"}, "Order"),
        ({"type": "string", "nullable": True}, "string|null"),
        ({"$ref": "#/components/schemas/Order", "nullable": True}, "Order|null"),
        (
            {
                "allOf": [{"$ref": "#/components/schemas/FixedPointDollars"}],
                "nullable": True,
                "description": "price",
            },
            "FixedPointDollars|null",
        ),
        ({"type": ["string", "null"]}, "string|null"),
        ({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]}, "A|null"),
        ({"type": "array"}, "array[any]"),
        ({"type": "array", "items": {"type": "string", "nullable": True}}, "array[string|null]"),
        ({"type": "object", "additionalProperties": {"type": "integer"}}, "map[integer]"),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, "object"),
        ({}, "any"),
    ],
)
def test_describe_type(schema: dict[str, Any], expected: str) -> None:
    assert describe_type(schema) == expected


def test_rule_table() -> None:
    assert is_breaking("removed", ["response"])
    assert is_breaking("added_required", ["request"])
    assert not is_breaking("added_required", ["response"])
    assert not is_breaking("added", ["request", "response"])
    assert is_breaking("made_nullable", ["response"])
    assert not is_breaking("made_nullable", ["request"])
    assert is_breaking("enum_values_removed", ["request"])
    assert not is_breaking("enum_values_removed", ["response"])
    assert not is_breaking("enum_values_added", ["request", "response"])
    assert not is_breaking("removed", [])  # a schema no operation uses
    assert all(sides <= {"request", "response"} for sides in BREAKS_ON.values())


# --- real Kalshi releases ------------------------------------------------------------------

ADDED_IN_3_13 = [
    "GetFillsHistorical", "GetGameStats", "GetHistoricalCutoff", "GetHistoricalMarket",
    "GetHistoricalMarkets", "GetHistoricalOrders", "GetLiveData", "GetLiveDataByMilestone",
    "GetLiveDatas", "GetMarketCandlesticksHistorical", "GetMarketOrderbooks",
    "GetSubaccountNetting", "GetTradesHistorical", "UpdateSubaccountNetting",
]  # fmt: skip
ADDED_IN_3_31 = [
    "AcceptBlockTradeProposal", "AcceptRFQQuote", "AmendOrderV2", "BatchCancelOrdersV2",
    "BatchCreateOrdersV2", "CancelAllOrders", "CancelOrderV2", "ConfirmRFQQuote",
    "CreateFCMSubtrader", "CreateOrderV2", "DecreaseOrderV2", "DeleteFCMEventContractDailyCap",
    "DeleteRFQQuote", "GetAccountApiUsageLevelVolumeProgress", "GetAccountEndpointCosts",
    "GetBlockTradeProposals", "GetDeposits", "GetEventFeeChanges", "GetEventLiveData",
    "GetFCMEventContractDailyCap", "GetFCMFills", "GetFCMSubtraderBlockedCategories",
    "GetHistoricalPositions", "GetIntraExchangeInstanceTransfer",
    "GetIntraExchangeInstanceTransfers", "GetRFQQuote", "GetTargetBalanceAllocation",
    "GetWeatherIndex", "GetWeatherIndexCalibrations", "GetWithdrawals",
    "IntraExchangeInstanceTransfer", "ListFCMSubtraders", "ProposeBlockTrade",
    "SetTargetBalanceAllocation", "UpdateFCMEventContractDailyCap",
    "UpdateFCMSubtraderBlockedCategories", "UpgradeAccountApiUsageLevel",
]  # fmt: skip
REMOVED_IN_3_31 = [
    "AmendOrder", "BatchCancelOrders", "BatchCreateOrders", "CancelOrder", "CreateOrder",
    "DecreaseOrder", "GetExchangeAnnouncements", "GetMultivariateEventCollectionLookupHistory",
    "LookupTickersForMarketInMultivariateEventCollection",
]  # fmt: skip


def test_real_3_6_to_3_13() -> None:
    report = report_to_json(diff_documents(real_spec("3.6.0"), real_spec("3.13.0")))
    ops = report["operations"]
    assert (len(ops["added"]), len(ops["removed"])) == (14, 2)
    assert ops["added"] == ADDED_IN_3_13
    assert ops["removed"] == ["GetLIVEData", "GetLIVEDatas"]
    assert [(r["from"], r["to"]) for r in ops["renamed"]] == [
        ("GetLIVEData", "GetLiveData"),
        ("GetLIVEDatas", "GetLiveDatas"),
    ]
    assert (
        "operation `GetLIVEData` removed (GET /LIVE_data/{type}/milestone/{milestone_id}); "
        "renamed to `GetLiveData`" in report["breaking"]
    )
    # 3.6.0's unquoted yes:/no: property names must not turn into True/False.
    assert "`True`" not in json.dumps(report) and "`False`" not in json.dumps(report)


def test_real_3_13_to_3_31() -> None:
    report = report_to_json(diff_documents(real_spec("3.13.0"), real_spec("3.31.0")))
    ops = report["operations"]
    assert (len(ops["added"]), len(ops["removed"])) == (37, 9)
    assert ops["added"] == ADDED_IN_3_31
    assert ops["removed"] == REMOVED_IN_3_31
    assert ops["renamed"] == []
    removal_lines = [
        "operation `AmendOrder` removed (POST /portfolio/orders/{order_id}/amend)",
        "operation `BatchCancelOrders` removed (DELETE /portfolio/orders/batched)",
        "operation `BatchCreateOrders` removed (POST /portfolio/orders/batched)",
        "operation `CancelOrder` removed (DELETE /portfolio/orders/{order_id})",
        "operation `CreateOrder` removed (POST /portfolio/orders)",
        "operation `DecreaseOrder` removed (POST /portfolio/orders/{order_id}/decrease)",
        "operation `GetExchangeAnnouncements` removed (GET /exchange/announcements)",
        (
            "operation `GetMultivariateEventCollectionLookupHistory` removed "
            "(GET /multivariate_event_collections/{collection_ticker}/lookup)"
        ),
        (
            "operation `LookupTickersForMarketInMultivariateEventCollection` removed "
            "(PUT /multivariate_event_collections/{collection_ticker}/lookup)"
        ),
    ]
    assert set(removal_lines) <= set(report["breaking"])
    # The quirks the overrides care about show up where a reviewer looks for them.
    limit = ops["changed"]["UpdateOrderGroupLimit"]["changes"]
    assert [(c["text"], c["breaking"]) for c in limit] == [
        ("query parameter `exchange_index` added (ExchangeIndex)", False),
        ("query parameter `subaccount` added (integer)", False),
    ]
    assert "ExchangeIndex" in report["schemas"]["added"]
    # A response list that became nullable is breaking (`X | None` for the reader).
    assert (
        "schema `Series`: field `tags` made nullable (array[string] -> array[string]|null)"
        in report["breaking"]
    )


def test_real_report_is_deterministic_and_sorted() -> None:
    old, new = real_spec("3.13.0"), real_spec("3.31.0")
    first, second = diff_documents(old, new), diff_documents(copy.deepcopy(old), new)
    assert json.dumps(report_to_json(first)) == json.dumps(report_to_json(second))
    assert report_to_markdown(first, "3.13.0", "3.31.0") == report_to_markdown(
        second, "3.13.0", "3.31.0"
    )
    data = report_to_json(first)
    for values in (
        data["operations"]["added"],
        data["operations"]["removed"],
        data["schemas"]["added"],
        data["schemas"]["removed"],
        data["breaking"],
        list(data["operations"]["changed"]),
        list(data["schemas"]["changed"]),
    ):
        assert values == sorted(values)
    markdown = report_to_markdown(first, "3.13.0", "3.31.0")
    assert markdown.index("### Breaking changes") < markdown.index("### Added operations")


def test_renderers_live_in_diff_report_and_stay_importable_from_diff() -> None:
    """diff.py compares, diff_report.py renders; the CLI still imports both from diff."""
    import generator.specdiff.diff as diff_module
    import generator.specdiff.report as report_module

    assert diff_module.report_to_json is report_module.report_to_json
    assert diff_module.report_to_markdown is report_module.report_to_markdown
    assert report_to_markdown is report_module.report_to_markdown
    assert report_to_json is report_module.report_to_json


def real_spec(version: str) -> dict[str, Any]:
    return load_document(real_spec_path(version))
