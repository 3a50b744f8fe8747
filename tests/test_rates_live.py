"""Live rates through forex-python, without the internet: its HTTP calls are intercepted at the requests
transport (requests.adapters.HTTPAdapter.send), the third-party layer below forex-python; our code runs as is."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import requests
from moneta.model import ConversionStatus
from moneta_service.rates import open_provider
from moneta_service.rates.live import LiveProvider

D = dt.date


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONETA_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every HTTP request fails as it does without a network; returns the URLs that were asked for."""
    asked: list[str] = []

    def send(self: Any, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        asked.append(str(request.url))
        raise requests.exceptions.ConnectionError("network is unreachable")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return asked


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The live rates service answers with fixed JSON rates for base EUR; returns the URLs asked for."""
    asked: list[str] = []

    def send(self: Any, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        asked.append(str(request.url))
        response = requests.Response()
        response.status_code = 200
        body = (
            '{"base": "EUR", "date": "2024-04-26", "rates": {"USD": 1.0714, "GBP": 0.85643000000000000001}}'
        )
        response._content = body.encode()
        response.url = str(request.url)
        response.request = request
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    return asked


def test_unreachable_gives_source_unavailable(unreachable: list[str]) -> None:
    result = LiveProvider().convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert result.status is ConversionStatus.SOURCE_UNAVAILABLE
    assert result.source == "live"
    assert result.amount is None
    assert "--rates-fallback ecb" in result.message
    assert unreachable  # forex-python really tried


def test_unreachable_is_not_asked_again_for_every_row(unreachable: list[str]) -> None:
    provider = LiveProvider()
    for _ in range(3):
        assert (
            provider.convert(Decimal(1), "EUR", "USD", D(2024, 4, 26)).status
            is ConversionStatus.SOURCE_UNAVAILABLE
        )
    assert len(unreachable) == 1


def test_fallback_to_ecb(unreachable: list[str]) -> None:
    result = open_provider("live", fallback="ecb").convert(Decimal(89000000000), "EUR", "USD", D(2024, 4, 26))
    assert result.status is ConversionStatus.OK
    assert result.source == "ecb"
    assert result.amount == Decimal("95354600000.00")
    assert "fell back" in result.message


def test_live_rates_are_decimal_and_cached_per_day(service: list[str]) -> None:
    provider = LiveProvider()
    first = provider.convert(Decimal(100), "EUR", "USD", D(2024, 4, 26))
    assert first.status is ConversionStatus.OK, first.message
    assert first.source == "live"
    assert isinstance(first.rate, Decimal)
    assert first.rate == Decimal("1.0714")  # exact: parsed as a decimal, never through a float
    assert first.amount == Decimal("107.14")
    assert first.rate_date == D(2024, 4, 26)
    second = provider.convert(Decimal(200), "EUR", "GBP", D(2024, 4, 26))
    assert second.amount == Decimal("171.29")
    assert second.rate == Decimal("0.85643000000000000001")  # every digit kept: no float on the way
    assert len(service) == 1  # one request for the day and base
    assert "2024-04-26" in service[0]


def test_live_currency_not_quoted(service: list[str]) -> None:
    result = LiveProvider().convert(Decimal(1), "EUR", "NGN", D(2024, 4, 26))
    assert result.status is ConversionStatus.CURRENCY_NOT_QUOTED


def test_live_future_date_is_after_data(service: list[str]) -> None:
    result = LiveProvider().convert(Decimal(1), "EUR", "USD", dt.date.today() + dt.timedelta(days=30))
    assert result.status is ConversionStatus.DATE_AFTER_DATA
    assert service == []


def test_slow_service_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def send(self: Any, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        release.wait(5)
        raise requests.exceptions.ConnectionError("gave up")

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
    try:
        result = LiveProvider(timeout=0.2).convert(Decimal(1), "EUR", "USD", D(2024, 4, 26))
    finally:
        release.set()
    assert result.status is ConversionStatus.SOURCE_UNAVAILABLE
    assert "did not answer" in result.message


def test_rates_command_shows_no_last_date_for_an_unreachable_source(
    unreachable: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """``moneta rates --rates live`` with no network: the last date is unknown, not today's (a fresh user's
    report), the status is ``source_unavailable`` and the exit code 1."""
    from moneta.cli import main

    assert main(["rates", "--rates", "live"]) == 1
    out = capsys.readouterr().out
    assert "last date: unknown" in out
    assert "status: source_unavailable" in out
