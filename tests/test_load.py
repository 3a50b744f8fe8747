"""Load test (issue 7): many concurrent clients against a real ``moneta serve`` on loopback, for a bounded time.

Four rounds of a few seconds each (about 20 s in all): 32 concurrent callers over 8 channels mix
``ExtractAmounts`` (with conversions), ``ConvertAmount``, ``StreamExtractAmounts``, ``ListCurrencies`` and
invalid requests, while a watcher checks health all along. Asserted: not one call that should succeed fails,
every answer equals the in-process result, invalid requests get ``INVALID_ARGUMENT``, health stays ``SERVING``,
and the server's resident memory does not keep growing from round to round after the warm-up round (a
generous bound: the figures themselves belong to the benchmark). No assertion on speed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc
from moneta.client import AsyncMonetaClient, InvalidArgumentError
from moneta.model import Mention
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.pipeline import extract_and_convert
from moneta_service.rates import open_provider

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

ROUNDS = 4
ROUND_SECONDS = 4.0
CHANNELS = 8
CALLERS_PER_CHANNEL = 4
TARGETS = ("USD", "GBP")
#: Allowed growth of the server's RSS from the end of round 2 to the end of the last round (bytes).
RSS_GROWTH_BOUND = 64 << 20

_READY = re.compile(r"^moneta: serving \S+ on (\S+)")


def _articles() -> list[tuple[str, dt.date]]:
    rows = [
        json.loads(line)
        for line in (REPO / "seeds" / "sample-articles.jsonl").read_text("utf-8").splitlines()
    ]
    default = dt.date(2024, 4, 26)
    return [
        (r["text"], dt.date.fromisoformat(r["date"]) if r.get("date") else default)
        for r in rows
        if r.get("text")
    ]


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", "serve", "--port", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    address = ""
    deadline = time.monotonic() + 120
    while not address:
        line = process.stderr.readline()
        found = _READY.search(line)
        if found:
            address = found.group(1)
        assert line or process.poll() is None, "moneta serve exited"
        assert time.monotonic() < deadline, "moneta serve did not start"
    # keep reading stderr so the server never blocks on a full pipe
    drain = threading.Thread(target=lambda: [None for _ in process.stderr or ()], daemon=True)
    drain.start()
    try:
        yield process, address
    finally:
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        drain.join(timeout=30)
        process.stderr.close()


class Tally:
    def __init__(self) -> None:
        self.ok: Counter[str] = Counter()
        self.failures: list[str] = []
        self.refused = 0
        self.health: Counter[int] = Counter()


async def _caller(
    client: AsyncMonetaClient,
    stub: moneta_pb2_grpc.MonetaServiceStub,
    expected: dict[str, list[Mention]],
    articles: list[tuple[str, dt.date]],
    index: int,
    stop_at: float,
    tally: Tally,
) -> None:
    step = index
    while time.monotonic() < stop_at:
        step += 1
        text, date = articles[step % len(articles)]
        kind = step % 10
        try:
            if kind < 6:
                mentions = await client.extract(text, targets=TARGETS, date=date)
                if mentions != expected[text]:
                    tally.failures.append(f"ExtractAmounts answer differs for {text[:30]!r}")
                tally.ok["ExtractAmounts"] += 1
            elif kind == 6:
                conversion = await client.convert("100", "EUR", "USD", date=dt.date(2024, 4, 26))
                assert conversion.amount is not None
                tally.ok["ConvertAmount"] += 1
            elif kind == 7:
                documents = [
                    pb.Document(id=str(i), text=articles[(step + i) % len(articles)][0]) for i in range(5)
                ]
                call = stub.StreamExtractAmounts(iter([pb.StreamExtractAmountsRequest(documents=documents)]))
                results = [r async for response in call for r in response.results]  # type: ignore[attr-defined]
                if [r.id for r in results] != [d.id for d in documents] or any(
                    r.HasField("error") for r in results
                ):
                    tally.failures.append("StreamExtractAmounts: missing or failed documents")
                tally.ok["StreamExtractAmounts"] += 1
            elif kind == 8:
                assert len(await client.list_currencies()) > 30
                tally.ok["ListCurrencies"] += 1
            else:
                try:
                    await client.extract(text, targets=["US"])  # (not a code: refused by the server)
                    tally.failures.append("an invalid request was served")
                except InvalidArgumentError:
                    tally.refused += 1
        except Exception as exc:  # noqa: BLE001 - every failure is recorded and asserted on
            tally.failures.append(f"{type(exc).__name__}: {exc}")


async def _health_watcher(address: str, stop_at: float, tally: Tally) -> None:
    async with grpc.aio.insecure_channel(address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        while time.monotonic() < stop_at:
            reply = await stub.Check(
                health_pb2.HealthCheckRequest(service="moneta.v1.MonetaService"), timeout=10
            )
            tally.health[reply.status] += 1
            await asyncio.sleep(0.1)


async def _round(
    address: str, expected: dict[str, list[Mention]], articles: list[tuple[str, dt.date]]
) -> Tally:
    tally = Tally()
    stop_at = time.monotonic() + ROUND_SECONDS
    clients = [AsyncMonetaClient(address, timeout=60) for _ in range(CHANNELS)]
    try:
        callers = [
            _caller(
                client,
                moneta_pb2_grpc.MonetaServiceStub(client.channel),
                expected,
                articles,
                c * CALLERS_PER_CHANNEL + k,
                stop_at,
                tally,
            )
            for c, client in enumerate(clients)
            for k in range(CALLERS_PER_CHANNEL)
        ]
        await asyncio.gather(_health_watcher(address, stop_at, tally), *callers)
    finally:
        for client in clients:
            await client.close()
    return tally


def test_load_rounds(served: tuple[subprocess.Popen[str], str]) -> None:
    process, address = served
    articles = _articles()
    provider = open_provider("ecb")
    expected = {
        text: extract_and_convert(text, date=date, targets=TARGETS, locale_hint=None, provider=provider)
        for text, date in articles
    }
    rss: list[int] = []
    totals: Counter[str] = Counter()
    for _ in range(ROUNDS):
        tally = asyncio.run(_round(address, expected, articles))
        assert tally.failures == [], tally.failures[:5]
        assert set(tally.health) == {health_pb2.HealthCheckResponse.SERVING}
        assert tally.refused > 0
        assert all(tally.ok[m] > 0 for m in ("ExtractAmounts", "ConvertAmount", "StreamExtractAmounts"))
        totals.update(tally.ok)
        rss.append(_rss(process.pid))
    assert process.poll() is None, "the server died under load"
    print(f"load: {dict(totals)} calls; server RSS per round (MiB): {[r >> 20 for r in rss]}")
    assert rss[-1] - rss[1] <= RSS_GROWTH_BOUND, (
        f"server RSS grew {(rss[-1] - rss[1]) >> 20} MiB after warm-up"
    )
