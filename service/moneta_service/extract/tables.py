"""Lookup structures built once at import from the CLDR table and the curated tables.

Everything here is a plain ``dict``/``frozenset`` so that the reading code does constant-time lookups.
Sources: ``moneta_service/data/cldr_currencies.json`` (CLDR via Babel, ISO 4217 codes, English names and
symbols) and :mod:`moneta_service.data.curated` (colloquial forms, scale words, qualifiers, units).
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib import resources
from typing import Any, Final

from moneta_service.data import curated, iso4217
from moneta_service.money import minor_unit

__all__ = [
    "CATALOG",
    "CODES",
    "CUE_MEMBERS",
    "FAMILIES",
    "ISO_NUMERIC",
    "MAX_NAME_WORDS",
    "MINOR_UNITS",
    "NAMES",
    "NAME_HEADS",
    "REGION_CURRENCY",
]

#: ISO 4217 alphabetic code -> its numeric code ("EUR" -> "978"; current codes, ISO 4217 List One).
ISO_NUMERIC: Final[dict[str, str]] = {code: entry[1] for code, entry in iso4217.CURRENT.items()}


def _load_cldr() -> dict[str, Any]:
    raw = resources.files("moneta_service.data").joinpath("cldr_currencies.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)["currencies"]
    return data


_CLDR: Final[dict[str, Any]] = _load_cldr()

#: ISO 4217 alphabetic codes the engine knows (current and historic), from CLDR.
CODES: Final[frozenset[str]] = frozenset(_CLDR)


def _region_currency() -> dict[str, str]:
    """Region code of a locale hint ("ZM" of "en-ZM") -> its currency: ``curated.REGION_CURRENCY`` first, then
    each CLDR territory with a single current legal tender (``territories`` in ``cldr_currencies.json``)."""
    tenders: dict[str, list[str]] = {}
    for code, entry in _CLDR.items():
        for territory in entry.get("territories", ()):
            tenders.setdefault(territory, []).append(code)
    derived = {territory: codes[0] for territory, codes in tenders.items() if len(codes) == 1}
    return {**derived, **curated.REGION_CURRENCY}


#: Region code (upper case, from a locale hint) -> ISO code of the region's currency (curated, then CLDR).
REGION_CURRENCY: Final[dict[str, str]] = _region_currency()

#: Ambiguous marker families: name -> ISO codes in order of likelihood (first may be ``None``).
FAMILIES: Final[dict[str, tuple[str | None, ...]]] = dict(curated.FAMILIES)


def _minor_units() -> dict[str, int]:
    """ISO code or ``@family`` -> its ISO 4217 minor unit (decimal places: 2 for EUR, 0 for JPY, 3 for KWD).

    A family is listed only when all its members share one minor unit ("@dollar" 2, "@rupee" 2); a family
    whose members differ ("@dinar": KWD 3, DZD 2) is left out, so nothing is read in its minor units.
    Source: ISO 4217 List One / List Three via :func:`moneta_service.money.minor_unit`.
    """
    out: dict[str, int] = {}
    for code in CODES:
        try:
            out[code] = minor_unit(code)
        except ValueError:
            continue
    for family, members in FAMILIES.items():
        # -1: a member without an ISO code ("@dinar" may be unknown) or unknown to ISO 4217
        units = [out.get(c, -1) if c is not None else -1 for c in members]
        if units and min(units) >= 0 and min(units) == max(units):
            out["@" + family] = units[0]
    return out


#: ISO code or ``@family`` -> ISO 4217 minor unit (see :func:`_minor_units`); codes ISO does not list are absent.
MINOR_UNITS: Final[dict[str, int]] = _minor_units()


def _cue_members() -> dict[str, tuple[str, ...]]:
    """Family -> the members a country cue may pick for a currency *word* of that family.

    A word names its currency: "dlrs" in a Mexican story is still a dollar, never the peso that shares the
    "$" sign, so only members whose CLDR name contains the family word (accents folded, plus the spellings
    of ``curated.FAMILY_NAME_SPELLINGS``) are kept; a family none of whose names contain the word ("crown")
    keeps all its members.
    """
    out: dict[str, tuple[str, ...]] = {}
    for family, members in curated.FAMILIES.items():
        words = (family, *curated.FAMILY_NAME_SPELLINGS.get(family, ()))
        codes = [c for c in members if c is not None]
        named = []
        for code in codes:
            folded = unicodedata.normalize("NFKD", str(_CLDR[code]["name"]).lower())
            folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
            if any(w in folded for w in words):
                named.append(code)
        out[family] = tuple(named) if named else tuple(codes)
    return out


#: Family -> members a country cue may pick for a currency word of the family (``dollar`` has no MXN).
CUE_MEMBERS: Final[dict[str, tuple[str, ...]]] = _cue_members()

_IRREGULAR_PLURALS: Final[dict[str, tuple[str, ...]]] = curated.IRREGULAR_PLURALS


def _plurals(name: str) -> list[str]:
    head = name.rsplit(" ", 1)[-1]
    stem = name[: len(name) - len(head)]
    forms = _IRREGULAR_PLURALS.get(head)
    if forms is None:
        forms = (head + "s",)
    return [stem + f for f in forms]


_NOT_NAMED: Final[frozenset[str]] = frozenset(
    c for c in _CLDR if c.startswith("X") and c not in {"XDR", "XEU", "XOF", "XAF", "XPF", "XCD"}
) | {"CRC"}  # CRC's CLDR name "colón" lower-cases to the English word "colon"; "colones" is curated


def _build_names() -> dict[str, str]:
    """Lower-case currency name (one or more words, single spaces) -> ISO code or ``@family``."""
    names: dict[str, str] = {}
    # curated first: they win over CLDR where both speak
    for word, target in curated.CURRENCY_WORDS.items():
        names[word] = target
    for name, target in curated.QUALIFIED_NAMES.items():
        names.setdefault(name, target)
        for plural in _plurals(name):
            names.setdefault(plural, target)
        if name.startswith("us "):
            for variant in ("u.s. ", "u. s. ", "u.s ", "usa "):
                names.setdefault(variant + name[3:], target)
                for plural in _plurals(variant + name[3:]):
                    names.setdefault(plural, target)
    # abbreviated country modifiers ("N.Z. dlrs", "Aust dlrs", "S. African rand", "W.German marks")
    for abbr, full in curated.COUNTRY_ABBREVIATIONS.items():
        variants = {abbr, abbr.rstrip("."), abbr.replace(". ", "."), abbr.replace(". ", " ").rstrip(".")}
        variants.add(abbr.replace(".", "").replace(" ", ""))
        for name, target in curated.QUALIFIED_NAMES.items():
            if not name.startswith(full + " "):
                continue
            head = name[len(full) + 1 :]
            for variant in variants:
                key = variant + " " + head
                names.setdefault(key, target)
                for plural in _plurals(key):
                    names.setdefault(plural, target)
    # then current CLDR names, then historic ones (never overriding a current currency's name); the names
    # of precious metals, funds and test codes ("gold", "platinum", X-codes) are not currency words in text
    for historic in (False, True):
        for code, info in sorted(_CLDR.items()):
            if bool(info["historic"]) is not historic or code in _NOT_NAMED:
                continue
            for form in (info["name"], *info["plural"]):
                key = " ".join(form.lower().split())
                if not key or key in names:
                    continue
                names[key] = code
                if " " in key:  # e.g. "swiss franc" also gets "swiss francs" if CLDR lacks it
                    for plural in _plurals(key):
                        names.setdefault(plural, code)
    # a redenomination's "old"/"new" before a name of one or two words ("1,000 old leva", "one new Ghana
    # cedi"): the replaced or the replacing unit's code (curated.REDENOMINATIONS); for another currency only
    # before a plural ("1,000 old pesos", "100 old francs"), since a singular name may be a noun's modifier
    # ("3 new euro accounts": new accounts)
    plurals = {form for key in names for form in _plurals(key)}
    for key, target in list(names.items()):
        if key.count(" ") > 1 or len(key) < 3 or not key.replace(" ", "").isalpha() or key.startswith(_AGES):
            continue
        if target not in curated.REDENOMINATIONS and key not in plurals:
            continue
        old, new = curated.REDENOMINATIONS.get(target, (target, target))
        names.setdefault("old " + key, old)
        names.setdefault("new " + key, new)
    return names


_AGES: Final[tuple[str, ...]] = ("old ", "new ")


#: Lower-case currency names -> ISO code or ``@family``.
NAMES: Final[dict[str, str]] = _build_names()
#: Longest name in words.
MAX_NAME_WORDS: Final[int] = max(len(k.split(" ")) for k in NAMES)
#: Last words of all names: a word that is not a head ends the look-ahead early.
NAME_HEADS: Final[frozenset[str]] = frozenset(k.rsplit(" ", 1)[-1] for k in NAMES)
#: First words of all multi-word names.
NAME_FIRST_WORDS: Final[frozenset[str]] = frozenset(
    w for k in NAMES for w in (k.split(" ", 1)[0], k.split(" ", 1)[0].rstrip("."))
)


def _catalog() -> list[tuple[str, str, tuple[str, ...]]]:
    extra: dict[str, set[str]] = {}
    for sign, target in curated.SIGNS.items():
        if not target.startswith("@"):
            extra.setdefault(target, set()).add(sign)
        else:
            first = curated.FAMILIES[target[1:]][0]
            if first:
                extra.setdefault(first, set()).add(sign)
    for prefix, code in curated.DOLLAR_PREFIXES.items():
        if "." not in prefix and len(prefix) <= 3:
            extra.setdefault(code, set()).add(prefix.upper() + "$")
    out = []
    for code, info in sorted(_CLDR.items()):
        symbols = set(info["symbols"]) | extra.get(code, set())
        symbols = {s for s in symbols if not re.fullmatch(r"[A-Z]{3}", s)}
        out.append((code, str(info["name"]), tuple(sorted(symbols))))
    return out


#: ``(code, English name, symbols)`` for every currency the engine recognises (for ListCurrencies).
CATALOG: Final[list[tuple[str, str, tuple[str, ...]]]] = _catalog()
