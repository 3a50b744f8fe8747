"""``moneta convert AMOUNT``: the amount as a person types it (price-parser, checked digit for digit), Decimal out.

Plain decimals keep working; national layouts of digit grouping and decimal separator, a currency symbol or code
of FROM and a scale word are read; anything else (garbage, an ambiguous lone separator, another currency's
symbol) is a usage error: exit 2 with one line on stderr.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from moneta.cli import UsageError, main
from moneta.cli._common import parse_amount

D = Decimal

# (typed, FROM, --decimal-separator, amount)
READ: list[tuple[str, str, str | None, Decimal]] = [
    ("89000000000", "EUR", None, D("89000000000")),  # plain decimals: the fast path, as before
    ("12.50", "EUR", None, D("12.50")),
    ("-12.50", "EUR", None, D("-12.50")),
    ("8.9e10", "EUR", None, D("8.9e10")),
    ("1.234", "EUR", None, D("1.234")),  # a plain decimal: '.' is the decimal point
    ("1,234.50", "USD", None, D("1234.50")),  # English grouping
    ("1.234,50", "EUR", None, D("1234.50")),  # German/Italian/Spanish
    ("1 234,50", "EUR", None, D("1234.50")),  # French, with a space...
    ("1\u202f234,50", "EUR", None, D("1234.50")),  # ...or a narrow no-break space
    ("1\u00a0234\u00a0567,5", "EUR", None, D("1234567.5")),
    ("1'234.50", "CHF", None, D("1234.50")),  # Swiss
    ("12,34,567", "INR", None, D("1234567")),  # Indian lakh grouping
    ("1.234.567,89", "EUR", None, D("1234567.89")),
    ("1,5", "EUR", None, D("1.5")),  # a decimal comma (not three digits after it)
    ("0,001", "EUR", None, D("0.001")),  # "0," cannot be digit grouping
    ("−7,5", "EUR", None, D("-7.5")),  # U+2212 MINUS SIGN
    ("€1,234.50", "EUR", None, D("1234.50")),  # a symbol of FROM (the engine's CLDR table)
    ("1 234,50 €", "EUR", None, D("1234.50")),
    ("-€5", "EUR", None, D("-5")),
    ("US$5", "USD", None, D("5")),
    ("$5", "CAD", None, D("5")),  # forex-python's symbol for CAD
    ("5 EUR", "EUR", None, D("5")),  # the ISO code of FROM
    ("CHF 1'000", "CHF", None, D("1000")),
    ("12.5m", "EUR", None, D("12500000")),  # scale letters and words: the engine's tables
    ("12.5M", "EUR", None, D("12500000")),
    ("5k", "EUR", None, D("5000")),
    ("3 bn", "EUR", None, D("3000000000")),
    ("2 million", "EUR", None, D("2000000")),
    ("€2.5bn", "EUR", None, D("2500000000")),
    ("10 crore", "INR", None, D("100000000")),
    ("1,234", "EUR", ",", D("1.234")),  # --decimal-separator settles a lone separator
    ("1,234", "USD", ".", D("1234")),
    ("1.234", "EUR", ",", D("1234")),
    ("1.234,5", "EUR", ",", D("1234.5")),
]


@pytest.mark.parametrize(("typed", "currency", "separator", "amount"), READ, ids=[r[0] for r in READ])
def test_amounts_people_type(typed: str, currency: str, separator: str | None, amount: Decimal) -> None:
    got = parse_amount(typed, currency=currency, decimal_separator=separator)
    assert isinstance(got, Decimal)
    assert got.as_tuple() == amount.as_tuple()  # the same digits and scale, not just the same value


# (typed, FROM, --decimal-separator, words of the error)
REFUSED: list[tuple[str, str, str | None, str]] = [
    ("", "EUR", None, "give digits"),
    ("abc", "EUR", None, "give digits"),
    ("NaN", "EUR", None, "give digits"),
    ("inf", "EUR", None, "give digits"),
    ("12abc", "EUR", None, "'abc' is not an ISO 4217 code"),
    ("12usd", "EUR", None, "says USD, but FROM is EUR"),
    ("1e-999999", "EUR", None, "exponent is beyond"),
    ("1e5000", "EUR", None, "exponent is beyond"),
    ("1e-99999999999999999999", "EUR", None, "exponent is beyond"),  # beyond what decimal can hold at all
    ("1e+99999999999999999999", "EUR", None, "exponent is beyond"),
    ("1,234", "EUR", None, "ambiguous"),  # 1234 or 1.234?
    ("1,000", "USD", None, "--decimal-separator"),
    ("€1.000", "EUR", None, "ambiguous"),
    ("$5 and $6", "USD", None, "one number"),
    ("1,234.567,89", "EUR", None, "give digits"),
    ("1.234,5", "EUR", ".", "decimal"),  # the separator given contradicts the layout
    ("1.5", "EUR", ",", "3 digits"),
    ("12 3", "EUR", None, "3 digits"),
    ("1,23,4", "EUR", None, "give digits"),
    ("--5", "EUR", None, "two signs"),
    ("$5", "EUR", None, "not a symbol of EUR"),
    ("5 USD", "EUR", None, "FROM is EUR"),
    ("5 m m", "EUR", None, "not a symbol of EUR"),
    ("1" * 101, "EUR", None, "longer than 100 characters"),
    ("5_000", "EUR", None, "'_' does not separate digit groups"),  # not "'_000' is not a symbol of EUR"
    ("1_000.50", "EUR", None, "'_' does not separate digit groups"),
    ("€5_000", "EUR", None, "'_' does not separate digit groups"),
    ("5_000 EUR", "EUR", None, "'_' does not separate digit groups"),
    ("_5", "EUR", None, "'_' does not separate digit groups"),
    # an exponent is for plain decimals (1e4 reads): beside a sign or code it said "at most one currency symbol"
    ("€1e4", "EUR", None, "an exponent ('e4') cannot be used with a currency symbol or code"),
    ("€1.5e3", "EUR", None, "('e3') cannot be used with a currency symbol or code: write 1.5e3 alone"),
    ("1e4 EUR", "EUR", None, "an exponent ('e4') cannot be used with a currency symbol or code"),
]


@pytest.mark.parametrize(
    ("typed", "currency", "separator", "words"), REFUSED, ids=[r[0][:20] for r in REFUSED]
)
def test_garbage_is_refused(typed: str, currency: str, separator: str | None, words: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_amount(typed, currency=currency, decimal_separator=separator)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("not a decimal amount")
    assert words in message


def test_convert_reads_a_typed_amount(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["convert", "€89 billion", "EUR", "USD", "--date", "2024-04-26"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("89000000000 EUR = 95354600000.00 USD\n")
    assert main(["convert", "1.234,50", "EUR", "USD", "--date", "2024-04-26", "--format", "json"]) == 0
    assert '"amount": "1322.64"' in capsys.readouterr().out  # 1234.50 × 1.0714 = 1322.64333


def test_convert_refuses_garbage_with_exit_2_and_one_line() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "moneta", "convert", "12abc", "EUR", "USD", "--date", "2024-04-26"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "moneta: error: not a decimal amount: '12abc': 'abc' is not an ISO 4217 code or a currency symbol"
    ]


def test_convert_says_an_underscored_amount_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["convert", "--date", "2024-04-26", "--", "5_000", "EUR", "USD"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "not a decimal amount: '5_000': '_' does not separate digit groups" in err
    assert "symbol" not in err
