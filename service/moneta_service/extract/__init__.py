"""moneta's extraction engine: every monetary amount in English text, normalised.

Public API (fixed in ``INTERFACES.md``)::

    extract(text, *, locale_hint=None) -> list[Mention]
    currency_catalog() -> list[tuple[str, str, tuple[str, ...]]]

:data:`ENGINE_BUILD` says whether this process runs the mypyc-compiled engine or its Python sources
(:mod:`moneta_service.build_info`).

The engine imports no gRPC, rate data or warehouse code. Tables are loaded and patterns compiled once,
at import.
"""

from __future__ import annotations

from moneta.model import Mention

from moneta_service.build_info import module_build
from moneta_service.deadlines import interruptible
from moneta_service.extract import engine as _engine
from moneta_service.extract.engine import read_mentions
from moneta_service.extract.tables import CATALOG

__all__ = ["ENGINE_BUILD", "currency_catalog", "extract"]

#: ``"compiled (mypyc)"`` when the engine imported here is the C extension module a regular wheel install
#: builds, ``"interpreted"`` when it runs from its ``.py`` source (editable installs, ``MONETA_PURE_PYTHON=1``,
#: a build without a C compiler). The output is the same either way.
ENGINE_BUILD: str = module_build(_engine)


def extract(text: str, *, locale_hint: str | None = None) -> list[Mention]:
    """Find the monetary amounts of ``text``.

    :param text: any Python ``str``; it is never modified. Offsets are code points into it.
    :param locale_hint: a BCP 47 tag such as ``en-AU``; its region resolves ambiguous markers ("$" → AUD,
        basis ``hint``) unless the document itself says otherwise (basis ``context``).
    :returns: mentions in text order, each with ``text == input[start:end]``, amounts as exact
        :class:`~decimal.Decimal` in major units (cents divided by 100), ``conversions=()``.
    :raises: nothing for ``str`` input: text the engine cannot read yields fewer mentions. (An exception here
        would be a bug in the engine; it is not swallowed, so callers report it instead of silently returning a
        document without mentions: a batch error row, gRPC ``INTERNAL``, a CLI error line.) Amounts over 38
        significant digits or beyond 10^18 are not reported.
    """
    if not isinstance(text, str) or not text:
        return []
    with (
        interruptible()
    ):  # a cancelled server call's worker may be interrupted here, and only here (deadlines)
        return read_mentions(text, locale_hint)


def currency_catalog() -> list[tuple[str, str, tuple[str, ...]]]:
    """Return ``(ISO 4217 code, English name, symbols)`` for every currency the engine recognises.

    Names and symbols come from CLDR (via Babel) plus the curated forms of
    :mod:`moneta_service.data.curated` (``US$``, ``Rs``, ``kr`` …); sorted by code.
    """
    return list(CATALOG)
