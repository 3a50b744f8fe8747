"""The engine's tables: the CLDR-derived currency table is up to date, and curated tables are consistent."""

from __future__ import annotations

import json

from moneta_service.data import curated, generate_currencies
from moneta_service.extract.tables import CODES, NAMES


def test_cldr_table_matches_its_generator() -> None:
    committed = generate_currencies.OUTPUT.read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(generate_currencies.render()), (
        "cldr_currencies.json is stale: run python -m moneta_service.data.generate_currencies"
    )


def test_curated_targets_are_known_codes_or_families() -> None:
    targets = [
        *curated.CURRENCY_WORDS.values(),
        *curated.QUALIFIED_NAMES.values(),
        *curated.SIGNS.values(),
        *curated.DOLLAR_PREFIXES.values(),
    ]
    for target in targets:
        if target.startswith("@"):
            assert target[1:] in curated.FAMILIES, target
        else:
            assert target in CODES, target
    for family, members in curated.FAMILIES.items():
        for code in members:
            assert code is None or code in CODES, (family, code)


def test_names_cover_cldr_and_colloquial_forms() -> None:
    assert NAMES["swiss francs"] == "CHF"
    assert NAMES["dlrs"] == "@dollar"
    assert NAMES["stg"] == "GBP"
    assert NAMES["european currency units"] == "XEU"
    assert NAMES["u.s. dollars"] == "USD"


def test_scale_words_are_powers_of_ten() -> None:
    assert curated.SCALE_WORDS["lakh"] == 5
    assert curated.SCALE_WORDS["crore"] == 7
    assert curated.SCALE_WORDS["bn"] == 9


def test_dot_grouping_currencies_are_grouped_with_dots_at_home_in_cldr() -> None:
    """Each currency of ``curated.DOT_GROUPING_CURRENCIES`` is the currency of a territory whose CLDR locale
    (via Babel) groups thousands with "."."""
    from babel import Locale, numbers

    homes = {
        "EUR": "de_DE",
        "DKK": "da_DK",
        "TRY": "tr_TR",
        "RON": "ro_RO",
        "RSD": "sr_RS",
        "ARS": "es_AR",
        "COP": "es_CO",
        "UYU": "es_UY",
        "BRL": "pt_BR",
    }
    assert set(homes) == curated.DOT_GROUPING_CURRENCIES
    for code, locale in homes.items():
        territory = Locale.parse(locale).territory
        assert territory is not None
        assert code in numbers.get_territory_currencies(territory)
        assert numbers.get_group_symbol(locale) == "."
