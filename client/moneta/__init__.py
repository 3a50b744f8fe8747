"""moneta: find every monetary amount in a text, normalised and converted.

This package is the thin side of moneta: the domain model (:mod:`moneta.model`), the JSON shape
(:mod:`moneta.serialize`), the generated ``moneta.v1`` protobuf code, the gRPC clients and the ``moneta`` CLI.
Importing it loads no engine, rate data, DuckDB or pyarrow; the engine lives in ``moneta_service``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from moneta.model import Conversion, ConversionStatus, CurrencyInfo, Mention, OffsetEncoding, Qualifier

try:
    __version__ = version("moneta")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "Conversion",
    "ConversionStatus",
    "CurrencyInfo",
    "Mention",
    "OffsetEncoding",
    "Qualifier",
    "__version__",
]
