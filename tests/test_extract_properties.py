"""Properties of the engine that hold for any text (hypothesis), plus adversarial inputs.

For every ``str`` the engine never raises, every mention's ``text`` is ``input[start:end]``, mentions are in
text order without overlap, and the result is deterministic. Adversarial texts (long digit runs, separator
runs, sign runs, "between … and" chains) must be read without error; their speed is measured by the
benchmarks, not here.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from moneta_service.extract import currency_catalog, extract

_MONEYISH = st.sampled_from(
    [
        "$",
        "€",
        "£",
        "¥",
        "US$",
        "C$",
        "Rs",
        "kr",
        "EUR",
        "USD",
        " ",
        "\u00a0",
        "\u2009",
        "-",
        "–",
        ",",
        ".",
        "'",
        "0",
        "1",
        "5",
        "9",
        "12",
        "1,000",
        "3.5",
        "m",
        "bn",
        "k",
        " million",
        " billion",
        " dollars",
        " euros",
        " cents",
        " pence",
        "p",
        " dlrs",
        " mln",
        " stg",
        " and ",
        " to ",
        "between ",
        "about ",
        "more than ",
        "half a",
        " a ",
        "one",
        "two",
        "eighty-nine",
        "(",
        ")",
        " a barrel",
        "/",
        "%",
        "x",
        "\n",
    ]
)
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_MONEYISH, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from([None, "en-AU", "en-CA", "en-IN", "xx", ""]))
def test_engine_invariants(text: str, hint: str | None) -> None:
    mentions = extract(text, locale_hint=hint)
    assert extract(text, locale_hint=hint) == mentions  # deterministic
    last_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last_end
        last_end = m.end
        assert isinstance(m.amount, Decimal)
        assert m.amount.is_finite()
        assert m.amount_max is None or m.amount_max > m.amount
        assert m.currency is None or (len(m.currency) == 3 and m.currency.isupper())
        assert m.equivalent_of is None or 0 <= m.equivalent_of < mentions.index(m)


@pytest.mark.parametrize(
    "text",
    [
        "9" * 100_000,
        "$" + "9" * 5_000,
        "1," * 20_000,
        "1 " * 20_000,
        "$ " * 20_000,
        "$1-" * 10_000,
        "between $1 and " * 5_000,
        "one and " * 10_000 + "dollars",
        "a " * 10_000 + "million dollars",
        "€" + "1." * 20_000 + "5",
        "\u00a0".join(["1"] * 20_000) + " €",
    ],
    ids=[
        "digits",
        "sign-digits",
        "comma-run",
        "space-run",
        "sign-run",
        "range-run",
        "between-chain",
        "words-chain",
        "article-chain",
        "dot-run",
        "nbsp-groups",
    ],
)
def test_adversarial_inputs_are_read(text: str) -> None:
    mentions = extract(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert len(m.amount.as_tuple().digits) <= 38


@pytest.mark.parametrize(
    "text", ["€1e400", "$" + "9" * 500, "$1" + "0" * 40 + " trillion", "9" * 39 + " dollars"]
)
def test_absurd_amounts_give_no_mention(text: str) -> None:
    assert extract(text) == []


def test_non_str_input_gives_nothing() -> None:
    assert extract("") == []


def test_catalog_lists_codes_names_and_symbols() -> None:
    catalog = {code: (name, symbols) for code, name, symbols in currency_catalog()}
    assert catalog["EUR"][0] == "Euro"
    assert "€" in catalog["EUR"][1]
    assert "US$" in catalog["USD"][1]
    assert "DEM" in catalog  # historic codes are recognised too
    assert all(len(code) == 3 and code.isupper() for code in catalog)
