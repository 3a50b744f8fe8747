"""One code path for conversions (issue 4, "Interfaces"): the ``ConvertAmount`` RPC, ``moneta convert``, the
conversions inside extraction results (``ExtractAmounts`` RPC) and the batch ``conversions`` table (in-process and
through a server) give the same numbers, field for field, for the same amount, currencies and date.

The cases cover a direct ECB pair, a TARGET holiday (rate of the previous publication), a range on a Saturday
(``amount_max`` converts like a separate amount) and a legacy euro currency (fixed rate, then the ECB). A real
server on a free loopback port answers the RPCs; the CLI runs in-process through ``moneta.cli.main``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from moneta import MonetaClient
from moneta.cli import main
from moneta.model import Conversion

D = Decimal
TARGETS = ("USD", "GBP", "JPY")

# (document id, text, date, currency, amount, amount_max): the engine's reading is asserted below.
CASES: list[tuple[str, str, dt.date, str, Decimal, Decimal | None]] = [
    ("aid", "Congress passed a €89 billion aid bill.", dt.date(2024, 4, 26), "EUR", D("89000000000"), None),
    ("holiday", "They signed a £250 million deal.", dt.date(2023, 12, 25), "GBP", D("250000000"), None),
    ("range", "The plan costs $10-12 million.", dt.date(2024, 4, 27), "USD", D("10000000"), D("12000000")),
    ("marks", "It made a loss of 50 million marks.", dt.date(2001, 5, 2), "DEM", D("50000000"), None),
]

Row = dict[str, Any]


def _row(
    status: str,
    amount: Any,
    unrounded: Any,
    rate: Any,
    rate_date: Any,
    source: str,
    path: Any,
    amount_max: Any = None,
    max_unrounded: Any = None,
) -> Row:
    """One conversion as comparable values: decimals as Decimal (numeric equality), dates as ISO strings."""

    def dec(value: Any) -> Decimal | None:
        return None if value is None or value == "" else Decimal(str(value))

    return {
        "status": status,
        "amount": dec(amount),
        "amount_unrounded": dec(unrounded),
        "rate": dec(rate),
        "rate_date": None if rate_date is None else str(rate_date),
        "source": source,
        "path": tuple(path),
        "amount_max": dec(amount_max),
        "amount_max_unrounded": dec(max_unrounded),
    }


def _from_model(c: Conversion, high: Conversion | None = None) -> Row:
    top = c if high is None else high
    return _row(
        c.status.value,
        c.amount,
        c.amount_unrounded,
        c.rate,
        c.rate_date,
        c.source,
        c.path,
        top.amount if high is not None else c.amount_max,
        top.amount_unrounded if high is not None else c.amount_max_unrounded,
    )


def _from_json(c: dict[str, Any], high: dict[str, Any] | None = None) -> Row:
    return _row(
        c["status"],
        c["amount"],
        c["amount_unrounded"],
        c["rate"],
        c["rate_date"],
        c["source"],
        c["path"],
        None if high is None else high["amount"],
        None if high is None else high["amount_unrounded"],
    )


@pytest.fixture(scope="module")
def client(moneta_server: str) -> Iterator[MonetaClient]:
    with MonetaClient(moneta_server) as c:
        yield c


def _extraction(client: MonetaClient) -> dict[tuple[str, str], Row]:
    result: dict[tuple[str, str], Row] = {}
    for key, text, date, currency, amount, amount_max in CASES:
        (mention,) = client.extract(text, date=date, targets=list(TARGETS))
        assert (mention.currency, mention.amount, mention.amount_max) == (currency, amount, amount_max)
        for conversion in mention.conversions:
            result[(key, conversion.currency)] = _from_model(conversion)
    return result


def _convert_rpc(client: MonetaClient) -> dict[tuple[str, str], Row]:
    result: dict[tuple[str, str], Row] = {}
    for key, _text, date, currency, amount, amount_max in CASES:
        for target in TARGETS:
            low = client.convert(amount, currency, target, date=date)
            high = None if amount_max is None else client.convert(amount_max, currency, target, date=date)
            result[(key, target)] = _from_model(low, high)
    return result


def _convert_cli(capsys: pytest.CaptureFixture[str]) -> dict[tuple[str, str], Row]:
    def convert(amount: Decimal, currency: str, target: str, date: dt.date) -> dict[str, Any]:
        argv = ["convert", str(amount), currency, target, "--date", date.isoformat(), "--format", "json"]
        assert main(argv) == 0
        parsed: dict[str, Any] = json.loads(capsys.readouterr().out)
        return parsed

    result: dict[tuple[str, str], Row] = {}
    for key, _text, date, currency, amount, amount_max in CASES:
        for target in TARGETS:
            low = convert(amount, currency, target, date)
            high = None if amount_max is None else convert(amount_max, currency, target, date)
            result[(key, target)] = _from_json(low, high)
    return result


def _batch(tmp_path: Path, name: str, *extra: str) -> dict[tuple[str, str], Row]:
    source = tmp_path / "docs.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": key, "text": text, "date": date.isoformat()}) + "\n"
            for key, text, date, *_rest in CASES
        ),
        encoding="utf-8",
    )
    out = tmp_path / f"{name}.duckdb"
    argv = ["batch", str(source), "-o", str(out), "--to", ",".join(TARGETS), "--no-progress", *extra]
    assert main(argv) == 0
    with duckdb.connect(str(out), read_only=True) as con:
        rows = con.execute(
            "SELECT document_id, target_currency, status, amount, amount_unrounded, rate, rate_date, source, "
            "path, amount_max, amount_max_unrounded FROM conversions"
        ).fetchall()
        last_dates = {row[0] for row in con.execute("SELECT rate_data_last_date FROM documents").fetchall()}
    assert len(last_dates) == 1  # every documents row says how far the data goes
    assert None not in last_dates
    return {(r[0], r[1]): _row(r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows}


def test_every_interface_gives_the_same_numbers(
    client: MonetaClient, moneta_server: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    expected = _convert_rpc(client)
    assert len(expected) == len(CASES) * len(TARGETS)
    assert all(row["status"] == "ok" for row in expected.values())
    # checked by hand against the ECB's published rates
    assert expected[("aid", "USD")]["amount"] == D("95354600000.00")  # 1.0714 on 2024-04-26
    assert expected[("holiday", "USD")]["rate_date"] == "2023-12-22"  # 25 December: no publication
    assert expected[("range", "GBP")]["rate_date"] == "2024-04-26"  # Saturday: Friday's rate
    assert expected[("range", "GBP")]["path"] == ("USD", "EUR", "GBP")
    assert expected[("marks", "USD")]["path"] == ("DEM", "EUR", "USD")
    assert expected[("range", "JPY")]["amount_max"] is not None

    interfaces = {
        "ExtractAmounts": _extraction(client),
        "moneta convert": _convert_cli(capsys),
        "batch (in-process)": _batch(tmp_path, "local"),
        "batch --server": _batch(tmp_path, "remote", "--server", moneta_server),
    }
    for name, rows in interfaces.items():
        assert rows == expected, name
