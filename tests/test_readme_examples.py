"""The README's code blocks run as pasted: the clients' examples against a real server on a free loopback port
(the README's ``localhost:50051`` replaced by its address, nothing else), and the recipe that writes a Parquet
FX table for ``--rates``, read back by the rate source that ``--rates PATH`` opens."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from moneta.cli import main
from moneta_service.pipeline import convert_amount
from moneta_service.rates import open_provider

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _blocks(after: str, until: str) -> list[str]:
    """The ```python blocks of the README between the line ``after`` and the next ``until``."""
    section = README.split(after, 1)[1].split(until, 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```python\n")[1:]]


#: (example, what it prints) for the two blocks at the top of "The Python client".
CLIENT_EXAMPLES = [
    ("MonetaClient", "€89 billion EUR 89000000000 95354600000.00\n"),
    ("AsyncMonetaClient", "[('€89 billion', [Decimal('95354600000.00'), Decimal('76222270000.00')])]\n"),
]


@pytest.mark.parametrize(("example", "printed"), CLIENT_EXAMPLES, ids=[c[0] for c in CLIENT_EXAMPLES])
def test_the_client_examples_run_as_pasted(
    example: str, printed: str, moneta_server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _blocks("## The Python client", "\n### ")
    [code] = [b for b in blocks[:2] if f"with {example}(" in b]
    assert code.count('"localhost:50051"') == 1
    exec(compile(code.replace('"localhost:50051"', repr(moneta_server)), "README.md", "exec"), {})  # noqa: S102
    assert capsys.readouterr().out == printed


def test_the_parquet_rates_recipe_writes_a_table_rates_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [code] = _blocks("A Parquet table in those columns", "\n### ")[:1]
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own recipe
    day = dt.date(2024, 4, 26)
    conversion = convert_amount(Decimal(100), "EUR", "USD", date=day, provider=open_provider("my-fx.parquet"))
    assert (conversion.source, conversion.rate, conversion.amount) == (
        "table",
        Decimal("1.0725"),
        Decimal("107.25"),
    )
    assert main(["rates", "--rates", "my-fx.parquet", "--date", "2024-04-26"]) == 0
    assert "EUR   NGN            1432.500000  2024-04-26  table" in capsys.readouterr().out
