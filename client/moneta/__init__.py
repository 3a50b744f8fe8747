"""moneta: find every monetary amount in a text, normalised and converted.

This package is the thin side of moneta: the domain model (:mod:`moneta.model`), the JSON shape
(:mod:`moneta.serialize`), the generated ``moneta.v1`` protobuf code, the gRPC clients and the ``moneta`` CLI.
Importing it loads no engine, rate data, DuckDB or pyarrow; the engine lives in ``moneta_service``.
"""

# No ``from __future__ import annotations`` here, and typing under a private name: every global of this module
# is in dir(moneta), and only the public API (and the submodules imported, ``model``) belongs there.
import typing as _typing

from moneta.model import Conversion, ConversionStatus, CurrencyInfo, Mention, OffsetEncoding, Qualifier

if _typing.TYPE_CHECKING:
    from moneta.client import (
        AsyncMonetaClient,
        ClientClosedError,
        DeadlineExceededError,
        InvalidArgumentError,
        MonetaClient,
        MonetaError,
        ResourceExhaustedError,
        UnavailableError,
    )

__all__ = [
    "AsyncMonetaClient",
    "ClientClosedError",
    "Conversion",
    "ConversionStatus",
    "CurrencyInfo",
    "DeadlineExceededError",
    "InvalidArgumentError",
    "Mention",
    "MonetaClient",
    "MonetaError",
    "OffsetEncoding",
    "Qualifier",
    "ResourceExhaustedError",
    "UnavailableError",
    "__version__",
]

#: Names served from :mod:`moneta.client` on first use, so ``import moneta`` does not load grpc.
_CLIENT_NAMES = frozenset(
    {
        "AsyncMonetaClient",
        "ClientClosedError",
        "DeadlineExceededError",
        "InvalidArgumentError",
        "MonetaClient",
        "MonetaError",
        "ResourceExhaustedError",
        "UnavailableError",
    }
)


def _installed_version() -> str:
    """Return moneta's installed version (read on first use: importlib.metadata costs tens of ms)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("moneta")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+unknown"


def __dir__() -> list[str]:
    """List the module's globals and every public name in ``__all__``, the lazy client names included (so
    ``dir(moneta)`` and ``help(moneta)`` show ``MonetaClient``), without importing :mod:`moneta.client`."""
    return sorted(set(globals()) | set(__all__))


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":
        value = _installed_version()
        globals()["__version__"] = value
        return value
    if name in _CLIENT_NAMES:
        from moneta import client

        return getattr(client, name)
    raise AttributeError(f"module 'moneta' has no attribute {name!r}")
