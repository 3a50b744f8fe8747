"""forex-python's currency data (``forex_python.converter.CurrencyCodes``: one symbol and one English name per code)
cross-checked against ours, for the codes both know: the engine's currency catalogue (CLDR via Babel plus curated
forms) and our ISO 4217 table. forex-python is a second, independent source; where a symbol it gives to one code
only is one the engine recognises, the engine must resolve it to the same code, except for the symbols listed
below, which several currencies share in use and the engine resolves by its own documented preference.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from forex_python.converter import CurrencyCodes
from moneta_service.extract import currency_catalog
from moneta_service.money import is_iso_code, minor_unit

#: Symbols forex-python gives to one code that the engine reads as another currency, on purpose.
SHARED_SYMBOLS = {
    "Kr": "DKK in forex-python; kr/Kr is also the Swedish, Norwegian and Icelandic krona/krone",
    "Rs.": "PKR in forex-python; Rs. is also the Indian, Sri Lankan and Nepalese rupee",
    "Bs": "VEB (withdrawn 2008) in forex-python; Bs is the bolívar (VES) or, in a Bolivian story, the boliviano",
    "Bs.": "BOB in forex-python; Bs. is also the Venezuelan bolívar (VES, the engine's default without a cue)",
    "Z$": "ZWR (withdrawn 2009) in forex-python; the engine reads Z$ as the later ZWL",
    "Esc": "CVE in forex-python; Esc is also the Portuguese escudo of FT-style texts (PTE, the engine's default)",
    "Le": "SLL (the old leone, to 2022) in forex-python; the engine reads Le as today's leone, SLE (1,000 to 1)",
}


def test_forex_python_knows_only_iso_codes_we_can_round() -> None:
    codes = CurrencyCodes()
    catalogue = {code for code, _name, _symbols in currency_catalog()}
    both = sorted(code for code in catalogue if codes.get_currency_name(code) is not None)
    assert len(both) >= 150  # the cross-check below covers most currencies
    # every code both know has an ISO 4217 minor unit: live and ECB conversions round the same way
    assert all(is_iso_code(code) and minor_unit(code) >= 0 for code in both)


def test_symbols_agree_where_forex_python_gives_one_code() -> None:
    codes = CurrencyCodes()
    owners: dict[str, set[str]] = defaultdict(set)
    catalogue = [code for code, _name, _symbols in currency_catalog()]
    for code, _name, symbols in currency_catalog():
        for symbol in symbols:
            owners[symbol].add(code)
    theirs = {code: symbol for code in catalogue if (symbol := codes.get_symbol(code))}
    used = Counter(theirs.values())
    checked, disagree = 0, {}
    for code, symbol in theirs.items():
        if used[symbol] == 1 and symbol in owners and symbol != code:
            checked += 1
            if code not in owners[symbol]:
                disagree[symbol] = code
    assert checked >= 40  # e.g. € EUR, £ GBP, ₹ INR, ₩... : a real sample, not an empty loop
    assert set(disagree) <= set(SHARED_SYMBOLS), disagree
    assert owners[codes.get_symbol("EUR") or ""] == {"EUR"}
