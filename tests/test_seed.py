"""The seed article (issue 2) gives exactly its three amounts in every interface: in-process, the CLI (in-process
and ``--server``), and a real server through the sync and asyncio clients."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from moneta import AsyncMonetaClient, Mention, MonetaClient
from moneta.model import ConversionStatus, Qualifier
from moneta.serialize import dumps, mentions_to_dict

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "blinken-xi-2024-04-26.txt"
EXPECTED = ROOT / "seeds" / "blinken-xi-2024-04-26.expected.json"
DATE = dt.date(2024, 4, 26)

#: The table of issue 2, written by hand: (text, currency, amount, qualifier, USD at the ECB rate 1.0714).
ISSUE_TABLE = [
    ("€89 billion", "EUR", Decimal(89000000000), Qualifier.EXACT, Decimal("95354600000.00")),
    ("€8 billion", "EUR", Decimal(8000000000), Qualifier.APPROXIMATE, Decimal("8571200000.00")),
    ("€89 billion", "EUR", Decimal(89000000000), Qualifier.EXACT, Decimal("95354600000.00")),
]


def _text() -> str:
    return SEED.read_bytes().decode("utf-8")


def _check_issue_table(mentions: list[Mention]) -> None:
    text = _text()
    rows = [(m.text, m.currency, m.amount, m.qualifier, m.conversions[0].amount) for m in mentions]
    assert rows == ISSUE_TABLE
    for m in mentions:
        assert text[m.start : m.end] == m.text
        (usd,) = m.conversions
        assert (usd.currency, usd.status, usd.rate, usd.rate_date, usd.source) == (
            "USD",
            ConversionStatus.OK,
            Decimal("1.0714"),
            DATE,
            "ecb",
        )
    assert text[mentions[1].start - 7 : mentions[1].start] == "nearly "  # the span leaves the qualifier out
    assert mentions[2].start > text.index("You might also like")  # the related headline


def _expected_json() -> Any:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_expected_file_matches_the_issue_table() -> None:
    expected = _expected_json()["mentions"]
    rows = [
        (m["text"], m["currency"], m["amount"], m["qualifier"], m["conversions"][0]["amount"])
        for m in expected
    ]
    assert rows == [(t, c, str(a), q.value, str(usd)) for t, c, a, q, usd in ISSUE_TABLE]


def test_seed_in_process() -> None:
    from moneta_service.pipeline import extract_and_convert
    from moneta_service.rates import open_provider

    mentions = extract_and_convert(
        _text(), date=DATE, targets=["USD"], locale_hint=None, provider=open_provider("ecb")
    )
    _check_issue_table(mentions)
    assert mentions_to_dict(mentions) == _expected_json()


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "moneta", "extract", str(SEED), "--to", "USD", "--date", "2024-04-26", *args],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_seed_through_the_cli() -> None:
    result = _cli("--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == EXPECTED.read_bytes()


def test_seed_through_the_cli_table() -> None:
    result = _cli()
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.decode().splitlines()[1:4]]
    assert [(r[1] + " " + r[2], r[5], r[6], r[7], r[8]) for r in rows] == [
        (t, c, str(a), q.value, str(usd)) for t, c, a, q, usd in ISSUE_TABLE
    ]


def test_seed_through_a_server_with_the_client(moneta_server: str) -> None:
    with MonetaClient(moneta_server) as client:
        mentions = client.extract(_text(), date=DATE, targets=["USD"])
    _check_issue_table(mentions)
    assert dumps(mentions_to_dict(mentions), indent=2) + "\n" == EXPECTED.read_text(encoding="utf-8")


def test_seed_through_a_server_with_the_async_client(moneta_server: str) -> None:
    async def main() -> list[Mention]:
        async with AsyncMonetaClient(moneta_server) as client:
            return await client.extract(_text(), date=DATE, targets=["USD"])

    _check_issue_table(asyncio.run(main()))


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "json"],
        ["--format", "jsonl"],
        ["--format", "csv"],
        [],
        ["--format", "json", "--offsets", "utf16"],
    ],
    ids=["json", "jsonl", "csv", "table", "json-utf16"],
)
def test_cli_server_output_is_byte_identical(moneta_server: str, options: list[str]) -> None:
    local = _cli(*options)
    remote = _cli(*options, "--server", moneta_server)
    assert (local.returncode, remote.returncode) == (0, 0), remote.stderr
    assert local.stdout == remote.stdout
    assert local.stdout


def test_readme_shows_the_real_seed_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n", 1)[1].split("```", 1)[0]  # the first text block: the seed's table
    result = _cli()
    assert result.returncode == 0
    assert result.stdout.decode("utf-8") == shown
