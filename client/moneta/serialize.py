"""The one JSON shape of mentions and conversions, shared by the CLI, batch JSONL and in-process/--server paths.

Every interface that prints a mention goes through :func:`mention_to_dict` and :func:`conversion_to_dict`, so
the CLI's in-process output and its ``--server`` output are byte-identical (both start from the same
:mod:`moneta.model` objects). Decimals become plain decimal strings (no exponent), dates ISO 8601 strings,
enums their lower-case values. Later versions add keys, never rename these.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from moneta.model import Conversion, Mention

__all__ = ["conversion_to_dict", "decimal_to_str", "dumps", "mention_to_dict", "mentions_to_dict"]


def decimal_to_str(value: Decimal | None) -> str | None:
    """Return ``value`` as a plain decimal string without exponent (``Decimal("8.9E+10")`` → ``"89000000000"``).

    >>> decimal_to_str(Decimal("8.9E+10"))
    '89000000000'
    >>> decimal_to_str(Decimal("0.50"))
    '0.50'
    >>> decimal_to_str(None) is None
    True
    """
    if value is None:
        return None
    return format(value, "f")


def _date_to_str(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def conversion_to_dict(conversion: Conversion) -> dict[str, Any]:
    """Return the JSON object of one conversion (keys in a fixed order; see the README)."""
    return {
        "currency": conversion.currency,
        "amount": decimal_to_str(conversion.amount),
        "amount_unrounded": decimal_to_str(conversion.amount_unrounded),
        "amount_max": decimal_to_str(conversion.amount_max),
        "amount_max_unrounded": decimal_to_str(conversion.amount_max_unrounded),
        "rate": decimal_to_str(conversion.rate),
        "requested_date": _date_to_str(conversion.requested_date),
        "rate_date": _date_to_str(conversion.rate_date),
        "source": conversion.source,
        "path": list(conversion.path),
        "status": conversion.status.value,
        "message": conversion.message,
    }


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """Return the JSON object of one mention (keys in a fixed order; see the README)."""
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "currency": mention.currency,
        "currency_alternatives": list(mention.currency_alternatives),
        "amount": decimal_to_str(mention.amount),
        "amount_max": decimal_to_str(mention.amount_max),
        "qualifier": mention.qualifier.value,
        "per_unit": mention.per_unit,
        "equivalent_of": mention.equivalent_of,
        "currency_basis": mention.currency_basis,
        "conversions": [conversion_to_dict(c) for c in mention.conversions],
    }


def mentions_to_dict(mentions: Iterable[Mention]) -> dict[str, Any]:
    """Return ``{"mentions": [...]}``, the object ``moneta extract --format json`` prints."""
    return {"mentions": [mention_to_dict(m) for m in mentions]}


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """Serialise a JSON-ready object the one way moneta does (UTF-8 text kept, stable separators).

    Without ``indent``, one compact line (a ``moneta extract --format jsonl`` line; the mention objects of a
    ``moneta batch`` JSONL line); ``dumps(mentions_to_dict(mentions), indent=2) + "\\n"`` is exactly what
    ``moneta extract --format json`` prints.

    >>> dumps({"text": "€89 billion", "amount": "89000000000"})
    '{"text":"€89 billion","amount":"89000000000"}'
    >>> print(dumps({"mentions": []}, indent=2))
    {
      "mentions": []
    }
    """
    separators = (",", ": ") if indent is not None else (",", ":")
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=separators)
