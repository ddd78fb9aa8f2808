"""`kalshi-codegen audit`: recorded responses against the spec plus overrides.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from shared_specs import SHARED_SPEC, locked_spec_path, unavailable

from generator.cli import main

ROOT = Path(__file__).resolve().parents[1]
WIRE_SAMPLES = SHARED_SPEC.parent / "wire-samples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def spec_args() -> list[str]:
    return ["--spec", str(locked_spec_path()), "--overrides", str(ROOT / "overrides.yaml")]


def test_the_wire_samples_are_covered_by_overrides(capsys: pytest.CaptureFixture[str]) -> None:
    if not WIRE_SAMPLES.is_dir():
        unavailable(f"{WIRE_SAMPLES} is missing")
    code, out, _ = run(capsys, str(WIRE_SAMPLES), *spec_args())
    assert code == 0, out
    assert "59 success bodies audited" in out and "0 deviation(s) not yet covered" in out
    assert "| BidAskDistribution | `close` | legacy_field | 3 | 540 |" in out
    assert "`models.GetMarketOrderbookResponse.fallback_keys.orderbook_fp`" in out
    assert "`models.Market.optional_fields.settlement_bounds_type`" in out


def test_uncovered_deviations_fail_and_suggest_the_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not WIRE_SAMPLES.is_dir():
        unavailable(f"{WIRE_SAMPLES} is missing")
    overrides = yaml.safe_load((ROOT / "overrides.yaml").read_text())
    del overrides["models"]["Market"]
    path = tmp_path / "overrides.yaml"
    path.write_text(yaml.safe_dump(overrides))
    code, out, _ = run(
        capsys, str(WIRE_SAMPLES), "--spec", str(locked_spec_path()), "--overrides", str(path)
    )
    assert code == 1
    assert "| Market | `settlement_bounds_type` | missing_required | 9 | 21 |" in out
    assert "  Market:\n    optional_fields:\n      open_interest_fp: absent from 9" in out


def test_recording_transport_files_are_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recording = {
        "format": "kalshi-recording/1",
        "method": "GET",
        "path": "/trade-api/v2/portfolio/balance",
        "query": [],
        "status": 200,
        "content_type": "application/json",
        "body": {"balance": 100, "portfolio_value": 5, "updated_ts": 1, "balance_dollars": 1.5},
        "text": None,
    }
    (tmp_path / "0001-GET-portfolio-balance.json").write_text(json.dumps(recording))
    code, out, _ = run(capsys, str(tmp_path), *spec_args())
    assert code == 1
    assert "| GetBalanceResponse | `balance_dollars` | malformed_fixed_point | 1 | 1 |" in out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing", "not a directory"),
        (lambda d: d, "no manifest.json and no *.json recordings"),
        (lambda d: (d / "x.json").write_text("{") and d, "cannot read JSON"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: object, message: str
) -> None:
    directory = setup(tmp_path)  # type: ignore[operator]
    code, out, err = run(capsys, str(directory), *spec_args())
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_audit_bounds_fixed_point_values_as_the_client_does() -> None:
    """audit cannot import the generated runtime; its copy of the pattern must not drift."""
    import sys

    from generator.wire.audit import _FIXED_POINT

    sys.path.insert(0, str(ROOT / "generated"))
    from kalshi._models import FIXED_POINT_PATTERN

    assert _FIXED_POINT.pattern == FIXED_POINT_PATTERN
