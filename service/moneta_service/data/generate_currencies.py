"""Generate ``cldr_currencies.json``: ISO 4217 codes with English names and symbols from CLDR (via Babel).

Run ``python -m moneta_service.data.generate_currencies`` (or this file) to rewrite the table;
``tests/test_extract_data.py`` regenerates it in memory and fails when the committed file is stale.

Source: the CLDR data shipped with Babel (``babel.__version__`` and the CLDR version are recorded in the
output). For each code English (``en``) gives the display name, the plural name ("US dollars") and the
symbol; the symbols of the locales of the territories that use the currency today add local forms
("kr", "zł", "R$"). Curated colloquial forms live in :mod:`moneta_service.data.curated`, not here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("cldr_currencies.json")

_HISTORIC_SUFFIX = re.compile(r"\s*\([^)]*\)\s*$")


def build() -> dict[str, Any]:
    """Return the table as a JSON-ready dict (deterministic: sorted keys and lists)."""
    import babel
    from babel import Locale
    from babel.core import UnknownLocaleError, get_global

    en = Locale("en")
    plural: Any = en._data["currency_names_plural"]
    symbols_en: Any = en.currency_symbols
    territory_currencies: Any = get_global("territory_currencies")
    likely: Any = get_global("likely_subtags")
    current: dict[str, set[str]] = {}
    for territory, entries in territory_currencies.items():
        for code, _start, end, tender in entries:
            if end is None and tender:
                current.setdefault(code, set()).add(territory)
    currencies: dict[str, Any] = {}
    for code, name in sorted(en.currencies.items()):
        if not re.fullmatch(r"[A-Z]{3}", code):
            continue
        syms: set[str] = set()
        sym = symbols_en.get(code)
        if sym and sym != code:
            syms.add(sym)
        for territory in sorted(current.get(code, ())):
            tag = likely.get("und_" + territory)
            if not tag:
                continue
            try:
                loc = Locale.parse(tag)
            except (ValueError, TypeError, UnknownLocaleError):  # a locale Babel cannot load adds nothing
                continue
            local = loc.currency_symbols.get(code)
            if local and local != code and not re.fullmatch(r"[A-Z]{3}", local):
                syms.add(local)
        plural_name = plural.get(code, {})
        currencies[code] = {
            "name": _HISTORIC_SUFFIX.sub("", name),
            "historic": code not in current,
            "plural": sorted({_HISTORIC_SUFFIX.sub("", v) for v in plural_name.values() if v} - {name}),
            "symbols": sorted(syms),
            # the territories (CLDR region codes) where the currency is legal tender today: a request's locale
            # hint ("en-ZM") names its currency through them
            "territories": sorted(current.get(code, ())),
        }
    return {
        "source": "CLDR via Babel",
        "babel_version": babel.__version__,
        "currencies": currencies,
    }


def render() -> str:
    """Return the file content (JSON, two-space indent, trailing newline)."""
    return json.dumps(build(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    """Write :data:`OUTPUT`."""
    OUTPUT.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
