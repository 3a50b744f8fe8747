"""moneta's benchmarks: one command, one table, every figure measured in the same run.

Usage::

    python tests/benchmarks/run.py [--quick] [--json FILE] [--only SECTION[,SECTION...]]

``--only`` measures some sections alone (names in :data:`SECTIONS`: ``engine`` (1-2), ``peers``, ``grpc``,
``scaling``, ``memory``, ``startup``, ``batch``); ``scaling`` measures the engine too, its reference.

Figures (issue 6), each section a function of this module returning a JSON-ready ``dict``:

1. engine throughput on a generated corpus of distinct news-like articles (:mod:`tests.benchmarks.corpus`;
   10 MB, 2 MB with ``--quick``): MB/s (UTF-8 bytes, 10^6) and documents/s on one core, mentions found;
2. the floor: one pass of a compiled pattern (one character class) that finds only runs of ASCII digits and
   currency signs (Unicode category ``Sc``) over the same documents, iterating its matches; engine/floor ratio;
3. peers on a sample of the same documents: quantulum3 and Recognizers-Text (``pip install -e '.[bench]'``);
   moneta/peer speed ratios ("not installed" when a peer is missing), and for every tool the recall and
   precision of its spans against the amounts the generator wrote into the sample;
4. gRPC over loopback (server in its own process, built by ``create_server`` as ``moneta serve`` builds it):
   ``ExtractAmounts`` on a ~2.5 KB article with 1 and 16 concurrent callers (p50/p99 latency, calls/s), an echo
   RPC of the same request on the same server, ``StreamExtractAmounts`` documents/s, the server's CPU time per
   call (extract minus echo) against the in-process engine's, and the server's RSS over repeated rounds;
5. scaling: seconds per MB for news texts of 1 KB … 10 MB and adversarial texts of 10 KB … 1 MB (each case in
   its own process with a time limit, so a super-linear case shows as a timeout instead of a hang), peak RSS
   of ``moneta batch`` over N and 10×N documents;
6. start-up: process start to first output line of ``moneta extract`` on the seed article (with and without
   ``--to USD --date 2024-04-26``), and to health ``SERVING`` of ``moneta serve``;
7. ``moneta batch -o corpus.duckdb`` over the corpus against the engine alone.

In-process speeds are CPU time of this process (``time.process_time``), best of a few passes, so a busy machine
slows them less than wall time would; gRPC latencies and start-up times are wall time. Ratios compare figures of
the same run, per core: the server's and the batch process's CPU time against the engine's (wall-time ratios are
given beside them, and move with the machine's load). The three ratios against the in-process engine (gRPC
overhead, streaming, batch) are measured in interleaved A/B rounds: in each round the engine reference is
measured on the same text(s) right beside the measured side (the order alternating between rounds), the
ratio is taken per round, and the table gives the median with the spread (min-max) over rounds. On a shared
machine the load moves between moments; a reference measured at another moment than its measured side
made these ratios swing by ±20% from run to run. Nothing here asserts a speed:
``tests/test_benchmarks_smoke.py`` only checks that every section runs and returns figures of the right shape.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import gc
import importlib
import json
import os
import platform
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.benchmarks import corpus

__all__ = [
    "MODES",
    "SECTIONS",
    "Sizes",
    "bench_batch",
    "bench_engine",
    "bench_floor",
    "bench_grpc",
    "bench_memory",
    "bench_peers",
    "bench_scaling",
    "bench_startup",
    "floor_pattern",
    "machine",
    "main",
    "render_table",
    "run_all",
    "span_scores",
]

Figures = dict[str, Any]

HERE = Path(__file__).resolve().parent
SEED = REPO / "seeds" / "blinken-xi-2024-04-26.txt"
MB = 1_000_000


# --------------------------------------------------------------------------------------------------------
# helpers


def machine() -> Figures:
    """Describe the machine: CPU model, logical cores, Python version, OS; and which build of the engine runs
    (``"compiled (mypyc)"`` from a regular wheel install, ``"interpreted"`` from sources or an editable install)."""
    from moneta_service.extract import ENGINE_BUILD

    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count() or 1,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(terse=True),
        "load_average_1min": os.getloadavg()[0],
        "engine_build": ENGINE_BUILD,
    }


def _size(texts: Sequence[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def _best_cpu(fn: Callable[[], int], repeat: int) -> tuple[int, float, float]:
    """Run ``fn`` ``repeat`` times; return its result and the best CPU and wall seconds."""
    best_cpu = best_wall = float("inf")
    result = 0
    for _ in range(max(1, repeat)):
        gc.collect()
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        c1, w1 = time.process_time(), time.perf_counter()
        best_cpu, best_wall = min(best_cpu, c1 - c0), min(best_wall, w1 - w0)
    return result, max(best_cpu, 1e-9), max(best_wall, 1e-9)


def _moneta_command() -> list[str]:
    exe = Path(sys.executable).parent / "moneta"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "moneta"]


def _ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


@functools.lru_cache(maxsize=1)
def floor_pattern() -> re.Pattern[str]:
    """The floor's pattern: runs of ASCII digits and currency signs (Unicode category ``Sc``), one character class.

    One class (not an alternation) is the cheapest form the regex engine scans: it is the least work any
    extractor must do to find where amounts can be (ASCII digits, as the engine's own digit scan).
    """
    signs = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Sc")
    return re.compile("[0-9" + re.escape(signs) + "]+")


# --------------------------------------------------------------------------------------------------------
# 1-2. engine and floor


def bench_engine(docs: Sequence[str], *, repeat: int = 2) -> Figures:
    """Engine throughput over ``docs`` (each extracted on its own), one core."""
    from moneta_service.extract import extract

    def once() -> int:
        return sum(len(extract(d)) for d in docs)

    extract("warm-up: €1.5 million")
    mentions, cpu, wall = _best_cpu(once, repeat)
    size = _size(docs)
    return {
        "documents": len(docs),
        "bytes": size,
        "mentions": mentions,
        "cpu_s": cpu,
        "wall_s": wall,
        "mb_per_s": size / MB / cpu,
        "mb_per_s_wall": size / MB / wall,
        "docs_per_s": len(docs) / cpu,
        "us_per_kb": cpu / (size / 1000) * 1e6,
    }


def bench_floor(docs: Sequence[str], *, repeat: int = 3) -> Figures:
    """The floor: iterate the matches of :func:`floor_pattern` over every document."""
    pattern = floor_pattern()

    def once() -> int:
        n = 0
        for d in docs:
            for _ in pattern.finditer(d):
                n += 1
        return n

    matches, cpu, wall = _best_cpu(once, repeat)
    size = _size(docs)
    return {"matches": matches, "cpu_s": cpu, "wall_s": wall, "mb_per_s": size / MB / cpu}


# --------------------------------------------------------------------------------------------------------
# 3. peers


Span = tuple[int, int]


def _peer_quantulum() -> tuple[Callable[[str], list[Span]] | None, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import classifier as q_classifier
            from quantulum3 import parser as q_parser
    except ImportError:
        return None, "not installed"

    def run(text: str) -> list[Span]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = q_parser.parse(text)
        return [(q.span[0], q.span[1]) for q in found if q.unit.entity.name == "currency"]

    mode = "classifier on" if getattr(q_classifier, "USE_CLF", False) else "classifier off (no scikit-learn)"
    return run, mode


def _peer_recognizers() -> tuple[Callable[[str], list[Span]] | None, str]:
    # The 2024 wheels import as ms_recognizers_*; older releases as recognizers_*.
    for number, text in (
        ("ms_recognizers_number_with_unit", "ms_recognizers_text"),
        ("recognizers_number_with_unit", "recognizers_text"),
    ):
        try:
            recognize_currency = importlib.import_module(number).recognize_currency
            english = importlib.import_module(text).Culture.English
        except (ImportError, AttributeError):
            continue

        def run(text: str, recognize: Any = recognize_currency, culture: Any = english) -> list[Span]:
            return [(r.start, r.end + 1) for r in recognize(text, culture)]  # their end is inclusive

        return run, f"{number}.recognize_currency, English"
    return None, "not installed"


def _moneta_spans(text: str) -> list[Span]:
    from moneta_service.extract import extract

    return [(m.start, m.end) for m in extract(text)]


def span_scores(predicted: Sequence[Sequence[Span]], gold: Sequence[Sequence[Span]]) -> Figures:
    """Recall, precision and F1 of predicted spans against gold spans, document by document.

    A gold amount counts as found when a predicted span overlaps it; a predicted span is right when it
    overlaps a gold amount (lenient matching: it tells found from missed, not the exact extent or value).
    """
    found = right = n_gold = n_pred = 0
    for preds, golds in zip(predicted, gold, strict=True):
        n_gold += len(golds)
        n_pred += len(preds)
        found += sum(1 for g in golds if any(p[0] < g[1] and g[0] < p[1] for p in preds))
        right += sum(1 for p in preds if any(p[0] < g[1] and g[0] < p[1] for g in golds))
    recall = found / n_gold if n_gold else 0.0
    precision = right / n_pred if n_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": n_gold, "predicted": n_pred, "recall": recall, "precision": precision, "f1": f1}


def bench_peers(docs: Sequence[str], gold: Sequence[Sequence[Span]] | None = None) -> Figures:
    """quantulum3 and Recognizers-Text on ``docs`` beside moneta on the same documents (CPU time, one pass).

    Each peer is warmed up first (quantulum3 builds its tables on the first call); a peer that is not
    installed gets ``{"status": "not installed"}``. With ``gold`` (the amounts the generator wrote, one span
    list per document, see :func:`tests.benchmarks.corpus.annotated_corpus`), each tool also gets
    :func:`span_scores` on the same documents.
    """
    engine = bench_engine(docs, repeat=3)
    out: Figures = {"sample_documents": len(docs), "sample_bytes": _size(docs), "moneta": engine}
    if gold is not None:
        out["moneta"]["accuracy"] = span_scores([_moneta_spans(d) for d in docs], gold)
    for name, factory in (("quantulum3", _peer_quantulum), ("recognizers_text", _peer_recognizers)):
        run, mode = factory()
        if run is None:
            out[name] = {"status": mode}
            continue
        run("Warm-up: the fund holds $1.5 million and 300 shares.")
        spans: list[list[Span]] = []

        def once(run: Callable[[str], list[Span]] = run, spans: list[list[Span]] = spans) -> int:
            spans.clear()
            spans.extend(run(d) for d in docs)
            return sum(len(s) for s in spans)

        mentions, cpu, wall = _best_cpu(once, 1)
        mbs = out["sample_bytes"] / MB / cpu
        out[name] = {
            "status": "ok",
            "mode": mode,
            "mentions": mentions,
            "cpu_s": cpu,
            "wall_s": wall,
            "mb_per_s": mbs,
            "ms_per_doc": cpu / max(1, len(docs)) * 1000,
            "moneta_speedup": engine["mb_per_s"] / mbs,
        }
        if gold is not None:
            out[name]["accuracy"] = span_scores(spans, gold)
    return out


# --------------------------------------------------------------------------------------------------------
# 4. gRPC


@functools.lru_cache(maxsize=1)
def _has_schedstat() -> bool:
    return Path("/proc/self/task").is_dir() and Path(f"/proc/self/task/{os.getpid()}/schedstat").exists()


def _proc_cpu(pid: int) -> float:
    """CPU seconds of process ``pid`` (all its live threads): the sum of the threads' run time in
    ``/proc/<pid>/task/*/schedstat`` (nanoseconds), or user + system time from ``/proc/<pid>/stat`` (clock ticks
    of 10 ms: too coarse for a short round) where the kernel has no schedstat."""
    if _has_schedstat():
        total = 0
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):  # a thread that just ended
                total += int((task / "schedstat").read_text(encoding="ascii").split()[0])
        return total / 1e9
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _spread(values: Sequence[float]) -> Figures:
    """The median of per-round figures and their spread: ``{"median", "min", "max", "rounds": [...]}``."""
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "rounds": list(values),
    }


async def _load(
    call: Any, request: Any, concurrency: int, seconds: float, pid: int
) -> tuple[Figures, list[float]]:
    """``concurrency`` callers calling ``call(request)`` for ``seconds``; return the figures and the latencies."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            await call(request)
            latencies.append(time.perf_counter() - t0)

    cpu0, t0 = _proc_cpu(pid), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall, cpu = time.perf_counter() - t0, _proc_cpu(pid) - cpu0
    calls = len(latencies)
    fig = {
        "concurrency": concurrency,
        "calls": calls,
        "calls_per_s": calls / wall,
        "p50_ms": _percentile(latencies, 0.5) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "server_cpu_ms_per_call": cpu / max(1, calls) * 1000,
    }
    return fig, latencies


def _pooled(runs: list[Figures], latencies: list[float]) -> Figures:
    """One phase's figures over its rounds: latency percentiles of every call, medians of calls/s and CPU."""
    cpu = [r["server_cpu_ms_per_call"] for r in runs]
    rates = [r["calls_per_s"] for r in runs]
    return {
        "concurrency": runs[0]["concurrency"],
        "calls": sum(r["calls"] for r in runs),
        "calls_per_s": statistics.median(rates),
        "p50_ms": _percentile(latencies, 0.5) * 1000,
        "p99_ms": _percentile(latencies, 0.99) * 1000,
        "server_cpu_ms_per_call": statistics.median(cpu),
        "server_cpu_ms_per_call_rounds": cpu,
        "calls_per_s_rounds": rates,
    }


def _engine_ms_per_call(text: str, min_cpu: float) -> float:
    """In-process CPU milliseconds per ``extract(text)``: calls repeated until ``min_cpu`` seconds (at least 10)."""
    from moneta_service.extract import extract

    gc.collect()
    calls, c0 = 0, time.process_time()
    while True:
        extract(text)
        calls += 1
        spent = time.process_time() - c0
        if calls >= 10 and spent >= min_cpu:
            return spent / calls * 1000


def _engine_ms_per_call_paced(text: str, calls: int, gap: float = 0.001) -> float:
    """In-process CPU milliseconds per ``extract(text)`` when each call follows ``gap`` seconds of idleness, as a
    server's calls do (each waits for the next request): this thread's CPU time around each call only.

    A CPU that idles between calls runs the next one slower (caches, branch predictors and clock state lost;
    on a virtual machine the vCPU may be descheduled): on the benchmark machine ~30% more per call than the
    tight loop of :func:`_engine_ms_per_call`. Diagnostic: the targets use the tight loop.
    """
    from moneta_service.extract import extract

    spent = 0.0
    for _ in range(max(1, calls)):
        time.sleep(gap)
        t0 = time.thread_time()
        extract(text)
        spent += time.thread_time() - t0
    return spent / max(1, calls) * 1000


def _engine_pass(docs: Sequence[str]) -> tuple[float, float]:
    """One in-process pass of the engine over ``docs`` (each extracted on its own): CPU and wall seconds."""
    from moneta_service.extract import extract

    _, cpu, wall = _best_cpu(lambda: sum(len(extract(d)) for d in docs), 1)
    return cpu, wall


async def _grpc_client(
    port: int, pid: int, article: str, docs: Sequence[str], seconds: float, rounds: int
) -> Figures:
    import grpc
    from moneta.v1 import moneta_pb2 as pb
    from moneta.v1 import moneta_pb2_grpc

    from tests.benchmarks.grpc_server import ECHO_METHOD, ECHO_THREAD_METHOD, EXTRACT_INLINE_METHOD

    out: Figures = {}
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = moneta_pb2_grpc.MonetaServiceStub(channel)
        echo = channel.unary_unary(
            ECHO_METHOD,
            request_serializer=pb.ExtractAmountsRequest.SerializeToString,
            response_deserializer=pb.ExtractAmountsRequest.FromString,
        )
        echo_thread = channel.unary_unary(
            ECHO_THREAD_METHOD,
            request_serializer=pb.ExtractAmountsRequest.SerializeToString,
            response_deserializer=pb.ExtractAmountsRequest.FromString,
        )
        extract_inline = channel.unary_unary(
            EXTRACT_INLINE_METHOD,
            request_serializer=pb.ExtractAmountsRequest.SerializeToString,
            response_deserializer=pb.ExtractAmountsResponse.FromString,
        )
        request = pb.ExtractAmountsRequest(text=article)
        for _ in range(50):
            await stub.ExtractAmounts(request)
            await echo(request)
            await echo_thread(request)
            await extract_inline(request)
        _engine_ms_per_call(article, 0.02)  # warm-up

        # Rounds of A/B: in each, echo and extract (the two sides of the overhead ratio) with the in-process
        # engine on the same article measured between them, the pair's order alternating between rounds, so a
        # burst of load elsewhere on the machine lands on both sides of a ratio; then the diagnostic phases.
        phase = seconds / rounds
        runs: dict[str, list[Figures]] = {}
        latencies: dict[str, list[float]] = {}
        engine_ms: list[float] = []
        paced_ms: list[float] = []

        async def measure(name: str, call: Any) -> None:
            for concurrency in (1, 16):
                key = f"{name}_c{concurrency}"
                fig, lat = await _load(call, request, concurrency, phase / 2, pid)
                runs.setdefault(key, []).append(fig)
                latencies.setdefault(key, []).extend(lat)

        for r in range(rounds):
            first, second = (("echo", echo), ("extract", stub.ExtractAmounts))[:: -1 if r % 2 else 1]
            await measure(*first)
            engine_ms.append(_engine_ms_per_call(article, min(0.2, phase / 4)))
            await measure(*second)
            paced_ms.append(_engine_ms_per_call_paced(article, 60 if phase >= 0.5 else 5))
            await measure("echo_thread", echo_thread)
            await measure("extract_inline", extract_inline)
        for key, key_runs in runs.items():
            out[key] = _pooled(key_runs, latencies[key])
        out["engine_ms_per_call_rounds"] = engine_ms
        out["engine_ms_per_call_paced_rounds"] = paced_ms

        # streaming: every document once per round, 32 per message, beside an in-process engine pass over the
        # same documents (order alternating between rounds)
        def messages() -> Any:
            for i in range(0, len(docs), 32):
                chunk = docs[i : i + 32]
                yield pb.StreamExtractAmountsRequest(
                    documents=[pb.Document(id=str(i + j), text=t) for j, t in enumerate(chunk)]
                )

        async def stream_once() -> Figures:
            cpu0, t0 = _proc_cpu(pid), time.perf_counter()
            answered = 0
            async for response in stub.StreamExtractAmounts(messages()):
                answered += len(response.results)
            wall, cpu = time.perf_counter() - t0, _proc_cpu(pid) - cpu0
            return {"documents": answered, "wall_s": wall, "cpu_s": cpu}

        streams: list[Figures] = []
        engine_passes: list[tuple[float, float]] = []
        try:
            for r in range(max(2, min(3, rounds))):
                if r % 2:
                    streams.append(await stream_once())
                    engine_passes.append(_engine_pass(docs))
                else:
                    engine_passes.append(_engine_pass(docs))
                    streams.append(await stream_once())
        except grpc.aio.AioRpcError as exc:
            out["stream"] = {"status": f"not available ({exc.code().name})"}
        else:
            n = max(1, streams[0]["documents"])
            cpu_per_doc = [s["cpu_s"] / n * 1000 for s in streams]
            out["stream"] = {
                "status": "ok",
                "documents": streams[0]["documents"],
                "docs_per_s": statistics.median(n / s["wall_s"] for s in streams),
                "server_cpu_ms_per_doc": statistics.median(cpu_per_doc),
                "server_cpu_ms_per_doc_rounds": cpu_per_doc,
            }
            # per round, on one core: the engine's CPU per document against the server's (robust to a busy
            # machine); and wall against wall (client and server share the cores: moves with the load)
            out["stream_ratio_rounds"] = [
                (cpu / len(docs)) / max(s["cpu_s"] / n, 1e-12)
                for (cpu, _), s in zip(engine_passes, streams, strict=True)
            ]
            out["stream_ratio_wall_rounds"] = [
                (wall / len(docs)) / max(s["wall_s"] / n, 1e-12)
                for (_, wall), s in zip(engine_passes, streams, strict=True)
            ]
            out["engine_docs_per_s_rounds"] = [len(docs) / cpu for cpu, _ in engine_passes]
            out["engine_docs_per_s_wall_rounds"] = [len(docs) / wall for _, wall in engine_passes]

        # memory: the server's RSS after each of three rounds of the same load
        rss: list[float] = []
        for _ in range(3):
            await _load(stub.ExtractAmounts, request, 16, seconds / 2, pid)
            rss.append(_proc_rss_mb(pid))
        out["server_rss_mb_rounds"] = rss
    return out


def bench_grpc(article: str, docs: Sequence[str], *, seconds: float = 2.0, rounds: int = 4) -> Figures:
    """gRPC figures (see the module docstring), the server in a child process on a free loopback port.

    :param seconds: how long each phase (echo, extract ...) is measured in all, split over ``rounds``.
    :param rounds: A/B rounds; every ratio is the median of its per-round ratios, each round comparing the
        server with the in-process engine measured in the same round (``*_rounds`` keys: each round's figure;
        ``*_spread``: ``[min, max]``).
    """
    from moneta_service.extract import extract

    extract(article)
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "grpc_server.py")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=str(REPO),
    )
    assert proc.stdout is not None
    assert proc.stdin is not None
    try:
        port = int(proc.stdout.readline())
        out = asyncio.run(_grpc_client(port, proc.pid, article, docs, seconds, max(1, rounds)))
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def per_round(name: str) -> list[float]:
        """The server's CPU per call of a phase in each round, averaged over 1 and 16 callers."""
        c1, c16 = (out[f"{name}_c{c}"]["server_cpu_ms_per_call_rounds"] for c in (1, 16))
        return [(a + b) / 2 for a, b in zip(c1, c16, strict=True)]

    extract_r, echo_r = per_round("extract"), per_round("echo")
    engine_r = out["engine_ms_per_call_rounds"]
    overhead = _spread([(x - e) / max(m, 1e-9) for x, e, m in zip(extract_r, echo_r, engine_r, strict=True)])
    out["article_bytes"] = len(article.encode("utf-8"))
    out["rounds"] = len(engine_r)
    out["engine_ms_per_call"] = statistics.median(engine_r)
    out["server_cpu_ms_extract"] = statistics.median(extract_r)
    out["server_cpu_ms_echo"] = statistics.median(echo_r)
    out["server_cpu_ms_echo_thread"] = statistics.median(per_round("echo_thread"))
    out["thread_hop_ms"] = statistics.median(
        t - e for t, e in zip(per_round("echo_thread"), echo_r, strict=True)
    )
    out["server_cpu_ms_extract_inline"] = statistics.median(per_round("extract_inline"))
    out["overhead_ratio"] = overhead["median"]
    out["overhead_ratio_rounds"] = overhead["rounds"]
    out["overhead_ratio_spread"] = [overhead["min"], overhead["max"]]
    paced_r = out["engine_ms_per_call_paced_rounds"]
    out["engine_ms_per_call_paced"] = statistics.median(paced_r)
    out["overhead_ratio_vs_paced"] = statistics.median(
        (x - e) / max(m, 1e-9) for x, e, m in zip(extract_r, echo_r, paced_r, strict=True)
    )
    out["echo_share_c16"] = out["extract_c16"]["calls_per_s"] / out["echo_c16"]["calls_per_s"]
    if out["stream"]["status"] == "ok":
        out["engine_docs_per_s"] = statistics.median(out["engine_docs_per_s_rounds"])
        out["engine_docs_per_s_wall"] = statistics.median(out["engine_docs_per_s_wall_rounds"])
        stream = _spread(out["stream_ratio_rounds"])
        out["stream_ratio"] = stream["median"]
        out["stream_ratio_spread"] = [stream["min"], stream["max"]]
        wall = _spread(out["stream_ratio_wall_rounds"])
        out["stream_ratio_wall"] = wall["median"]
        out["stream_ratio_wall_spread"] = [wall["min"], wall["max"]]
    rss = out["server_rss_mb_rounds"]
    out["server_rss_growth_mb"] = rss[-1] - rss[0]
    return out


# --------------------------------------------------------------------------------------------------------
# 5. scaling and memory


def _case(kind: str, size: int, min_total: int) -> Figures:
    """Child side of a scaling case: build the texts, extract each once, report CPU time and peak RSS."""
    from moneta_service.extract import extract

    count = max(1, min_total // size)
    if kind == "news":
        texts = [corpus.text_of_size(size, seed=1000 + i) for i in range(count)]
    else:
        texts = [corpus.adversarial(kind, size, seed=2000 + i) for i in range(count)]
    extract("warm-up: €1.5 million")
    gc.collect()
    t0 = time.process_time()
    mentions = sum(len(extract(t)) for t in texts)
    cpu = time.process_time() - t0
    return {
        "texts": count,
        "bytes": _size(texts),
        "mentions": mentions,
        "cpu_s": cpu,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _run_case(kind: str, size: int, min_total: int, timeout: float) -> Figures:
    cmd = [sys.executable, str(HERE / "run.py"), "--case", kind, str(size), str(min_total)]
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=str(REPO), check=False
        )
    except subprocess.TimeoutExpired:
        total = max(size, min_total)
        return {"status": f"timeout > {timeout:.0f} s", "s_per_mb": timeout / (total / MB), "bytes": total}
    if done.returncode != 0:
        return {"status": "error: " + (done.stderr.strip().splitlines() or ["?"])[-1]}
    fig: Figures = json.loads(done.stdout)
    fig["status"] = "ok"
    fig["s_per_mb"] = fig["cpu_s"] / (fig["bytes"] / MB)
    return fig


def bench_scaling(
    news_sizes: Sequence[int],
    adversarial_sizes: Sequence[int],
    *,
    reference_s_per_mb: float,
    min_total: int = MB,
    timeout: float = 120.0,
    kinds: Sequence[str] | None = None,
) -> Figures:
    """Seconds per MB by text size, news and adversarial, each case in a child process.

    :param reference_s_per_mb: the engine's seconds per MB on the news corpus (figure 1), for the ratios.
    :param min_total: texts smaller than this are repeated (distinct texts) to this total size.
    :param timeout: seconds a case may take; beyond, it is reported as a timeout (super-linear).
    """
    out: Figures = {"news": {}, "adversarial": {}, "reference_s_per_mb": reference_s_per_mb}
    for size in news_sizes:
        out["news"][str(size)] = _run_case("news", size, min_total, timeout)
    for kind in kinds if kinds is not None else corpus.ADVERSARIAL_KINDS:
        cases: Figures = {}
        for size in adversarial_sizes:
            cases[str(size)] = _run_case(kind, size, min_total, timeout)
            if cases[str(size)]["status"] != "ok":
                break  # a larger text would only take longer
        out["adversarial"][kind] = cases
    news = [c["s_per_mb"] for c in out["news"].values() if "s_per_mb" in c]
    if news:
        out["news_flatness"] = max(news) / min(news)
    worst = 0.0
    for kind, cases in out["adversarial"].items():
        per = [c["s_per_mb"] for c in cases.values() if "s_per_mb" in c]
        if per:
            out["adversarial"][kind]["flatness"] = max(per) / min(per)
            out["adversarial"][kind]["vs_news"] = max(per) / reference_s_per_mb
            worst = max(worst, max(per) / reference_s_per_mb)
    out["worst_vs_news"] = worst
    return out


def _run_measured(cmd: list[str], timeout: float) -> Figures:
    """Run ``cmd``; return its wall time, CPU time and peak RSS (``wait4`` rusage of that child)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=str(REPO))
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            return {"status": f"timeout > {timeout:.0f} s"}
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return {
        "status": "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {err.strip()[-200:]}",
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "maxrss_mb": usage.ru_maxrss / 1024,
    }


def _write_jsonl(path: Path, docs: Sequence[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, doc in enumerate(docs):
            fh.write(json.dumps({"id": f"d{i}", "date": "2024-04-26", "text": doc}) + "\n")


def bench_memory(docs: Sequence[str], *, timeout: float = 600.0) -> Figures:
    """Peak RSS of ``moneta batch`` (JSONL in, JSONL out, one worker) over ``docs`` and over 10× as many."""
    big = list(docs)
    rng_seed = 99
    while len(big) < 10 * len(docs):
        big.extend(corpus.corpus_of_size(_size(docs), seed=rng_seed))
        rng_seed += 1
    big = big[: 10 * len(docs)]
    out: Figures = {}
    with tempfile.TemporaryDirectory(prefix="moneta-bench-") as tmp:
        for label, batch in (("n", docs), ("10n", big)):
            src = Path(tmp) / f"{label}.jsonl"
            _write_jsonl(src, batch)
            cmd = [
                *_moneta_command(),
                "batch",
                str(src),
                "-o",
                str(Path(tmp) / f"{label}.out.jsonl"),
                "--no-progress",
            ]
            fig = _run_measured(cmd, timeout)
            fig["documents"] = len(batch)
            fig["bytes"] = _size(batch)
            out[label] = fig
    if "maxrss_mb" in out["n"] and "maxrss_mb" in out["10n"]:
        out["rss_ratio"] = out["10n"]["maxrss_mb"] / out["n"]["maxrss_mb"]
    return out


# --------------------------------------------------------------------------------------------------------
# 6. start-up


def _first_line_seconds(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(REPO), env=env)
    assert proc.stdout is not None
    proc.stdout.readline()
    elapsed = time.perf_counter() - t0
    proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    return elapsed


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve_seconds(timeout: float = 60.0, env: dict[str, str] | None = None) -> float | None:
    """Process start of ``moneta serve`` to the first health check answering ``SERVING`` (polled)."""
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    port = _free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*_moneta_command(), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=str(REPO),
        env=env,
    )
    elapsed: float | None = None
    try:
        # short reconnect backoff: gRPC's default (1 s after a refused connection) would round the figure up
        options = [
            ("grpc.initial_reconnect_backoff_ms", 10),
            ("grpc.min_reconnect_backoff_ms", 10),
            ("grpc.max_reconnect_backoff_ms", 20),
        ]
        with grpc.insecure_channel(f"127.0.0.1:{port}", options=options) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            while time.perf_counter() - t0 < timeout and proc.poll() is None:
                try:
                    reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=0.5)
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        elapsed = time.perf_counter() - t0
                        break
                except grpc.RpcError:
                    pass
                time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return elapsed


def _summary(times: list[float]) -> Figures:
    return {"min_s": min(times), "median_s": statistics.median(times), "runs": times}


def bench_startup(*, repeat: int = 5) -> Figures:
    """Seconds from process start to the first result (``moneta extract``) or to ``SERVING`` (``moneta serve``).

    Measured twice: with the environment as it is, and with a bytecode cache (``PYTHONPYCACHEPREFIX`` in a
    temporary folder, warmed by one run), as an installed package has; ``bytecode_cache`` tells whether the
    environment itself writes ``.pyc`` files (``PYTHONDONTWRITEBYTECODE`` unset).
    """
    moneta = _moneta_command()
    cases = {
        "extract": [*moneta, "extract", str(SEED)],
        "extract_to_usd": [*moneta, "extract", str(SEED), "--to", "USD", "--date", "2024-04-26"],
    }
    out: Figures = {"bytecode_cache": not os.environ.get("PYTHONDONTWRITEBYTECODE")}
    with tempfile.TemporaryDirectory(prefix="moneta-bench-pyc-") as prefix:
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = prefix
        for label, env in (("", None), ("cached_", cached)):
            if env is not None:  # write the bytecode cache (every module, site-packages too) first
                _serve_seconds(env=env)
            for name, cmd in cases.items():
                if env is not None:
                    _first_line_seconds(cmd, env)
                out[label + name] = _summary([_first_line_seconds(cmd, env) for _ in range(repeat)])
            serve = [
                t for t in (_serve_seconds(env=env) for _ in range(max(2, repeat // 2))) if t is not None
            ]
            out[label + "serve"] = _summary(serve) if serve else {"status": "never SERVING"}
    return out


# --------------------------------------------------------------------------------------------------------
# 7. batch into DuckDB


def bench_batch(docs: Sequence[str], *, rounds: int = 3, timeout: float = 900.0) -> Figures:
    """``moneta batch corpus.jsonl -o corpus.duckdb`` (one worker) against the engine alone, interleaved.

    ``rounds`` batch runs alternate with in-process engine passes over the same documents (engine, batch, engine,
    batch, ..., engine); each run is compared with the mean of the engine passes just before and after it, so
    both sides of a ratio see the same moment of the machine's load. ``ratio_vs_engine`` (CPU time: the batch
    process's, start-up included, against the engine's) and ``ratio_vs_engine_wall`` are the medians of the
    per-run ratios (``*_rounds``: each run's; ``*_spread``: ``[min, max]``).
    """
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return {"status": "not available (duckdb not installed)"}
    size = _size(docs)
    runs: list[Figures] = []
    engine = [_engine_pass(docs)]
    with tempfile.TemporaryDirectory(prefix="moneta-bench-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        _write_jsonl(src, docs)
        for r in range(max(1, rounds)):
            target = Path(tmp) / f"corpus{r}.duckdb"
            run = _run_measured(
                [*_moneta_command(), "batch", str(src), "-o", str(target), "--no-progress"], timeout
            )
            target.unlink(missing_ok=True)
            if run["status"] != "ok":
                return {"status": "not available (" + run["status"] + ")"}
            runs.append(run)
            engine.append(_engine_pass(docs))
    cpu_ratio = _spread(
        [
            (before[0] + after[0]) / 2 / run["cpu_s"]
            for run, before, after in zip(runs, engine[:-1], engine[1:], strict=True)
        ]
    )
    wall_ratio = _spread(
        [
            (before[1] + after[1]) / 2 / run["wall_s"]
            for run, before, after in zip(runs, engine[:-1], engine[1:], strict=True)
        ]
    )
    cpu_s = statistics.median(run["cpu_s"] for run in runs)
    wall_s = statistics.median(run["wall_s"] for run in runs)
    return {
        "status": "ok",
        "bytes": size,
        "documents": len(docs),
        "rounds": len(runs),
        "cpu_s": cpu_s,
        "wall_s": wall_s,
        "maxrss_mb": max(run["maxrss_mb"] for run in runs),
        "mb_per_s": size / MB / cpu_s,
        "mb_per_s_wall": size / MB / wall_s,
        "engine_mb_per_s": statistics.median(size / MB / cpu for cpu, _ in engine),
        "engine_mb_per_s_rounds": [size / MB / cpu for cpu, _ in engine],
        "ratio_vs_engine": cpu_ratio["median"],
        "ratio_vs_engine_rounds": cpu_ratio["rounds"],
        "ratio_vs_engine_spread": [cpu_ratio["min"], cpu_ratio["max"]],
        "ratio_vs_engine_wall": wall_ratio["median"],
        "ratio_vs_engine_wall_rounds": wall_ratio["rounds"],
        "ratio_vs_engine_wall_spread": [wall_ratio["min"], wall_ratio["max"]],
    }


# --------------------------------------------------------------------------------------------------------
# the run and its table


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How much each section measures (bytes, counts, seconds)."""

    corpus_bytes: int
    peer_bytes: int
    grpc_docs: int
    grpc_seconds: float
    news_sizes: tuple[int, ...]
    adversarial_sizes: tuple[int, ...]
    adversarial_kinds: tuple[str, ...] | None
    scaling_min_total: int
    scaling_timeout: float
    memory_docs: int
    startup_repeat: int
    #: A/B rounds of the gRPC overhead ratio (server vs in-process engine, interleaved)
    grpc_rounds: int = 8
    #: batch runs interleaved with engine passes (batch vs engine alone)
    batch_rounds: int = 3


#: The sizes of the three modes: the README's full run, ``--quick`` (< 5 minutes), and the smoke test's.
MODES: dict[str, Sizes] = {
    "full": Sizes(
        10 * MB,
        60_000,
        2000,
        5.0,
        (1000, 100_000, MB, 10 * MB),
        (10_000, 100_000, MB),
        None,
        MB,
        180.0,
        400,
        5,
        8,
        3,
    ),
    "quick": Sizes(
        2 * MB, 15_000, 400, 2.0, (1000, 100_000, MB), (10_000, 100_000), None, MB // 2, 30.0, 100, 3, 6, 3
    ),
    "smoke": Sizes(
        6000, 1500, 6, 0.2, (1000,), (1000,), ("digit runs", "number words"), 2000, 120.0, 3, 1, 2, 1
    ),
}


#: The sections ``--only`` can select, in the order a run measures them.
SECTIONS = ("engine", "peers", "grpc", "scaling", "memory", "startup", "batch")


def run_all(
    mode: str = "quick", log: Callable[[str], None] = lambda s: None, only: Sequence[str] | None = None
) -> Figures:
    """Measure the figures at the sizes of ``mode`` (a key of :data:`MODES`); return one JSON-ready dict.

    :param only: the sections to measure (names in :data:`SECTIONS`); ``None``: all. ``scaling`` measures
        ``engine`` too (its reference; ``grpc`` and ``batch`` measure their own, interleaved with them). A section left out has no key in the result.
    :raise ValueError: for a name not in :data:`SECTIONS`.
    """
    wanted = set(SECTIONS if only is None else only)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(
            f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}"
        )
    if "scaling" in wanted:
        wanted.add("engine")
    sizes = MODES[mode]
    figures: Figures = {"machine": machine(), "mode": mode}
    if only is not None:
        figures["sections"] = [name for name in SECTIONS if name in wanted]
    log(f"generating a {sizes.corpus_bytes / MB:.1f} MB corpus")
    docs = corpus.corpus_of_size(sizes.corpus_bytes)
    figures["corpus"] = {"documents": len(docs), "bytes": _size(docs), "distinct": len(set(docs))}

    if "engine" in wanted:
        log("1-2. engine and floor")
        engine = bench_engine(docs, repeat=2)
        floor = bench_floor(docs)
        figures["engine"] = engine
        figures["floor"] = floor
        figures["engine_vs_floor"] = engine["mb_per_s"] / floor["mb_per_s"]
    if "peers" in wanted:
        _run_peers(figures, docs, sizes, log)
    if "grpc" in wanted:
        log("4. gRPC")
        article = min(docs, key=lambda d: abs(len(d.encode("utf-8")) - 2500))
        figures["grpc"] = bench_grpc(
            article, docs[: sizes.grpc_docs], seconds=sizes.grpc_seconds, rounds=sizes.grpc_rounds
        )
    if "scaling" in wanted:
        log("5. scaling")
        figures["scaling"] = bench_scaling(
            sizes.news_sizes,
            sizes.adversarial_sizes,
            reference_s_per_mb=figures["engine"]["cpu_s"] / (figures["engine"]["bytes"] / MB),
            min_total=sizes.scaling_min_total,
            timeout=sizes.scaling_timeout,
            kinds=sizes.adversarial_kinds,
        )
    if "memory" in wanted:
        log("5. memory")
        figures["memory"] = bench_memory(docs[: sizes.memory_docs])
    if "startup" in wanted:
        log("6. start-up")
        figures["startup"] = bench_startup(repeat=sizes.startup_repeat)
    if "batch" in wanted:
        log("7. batch into DuckDB")
        figures["batch"] = bench_batch(docs, rounds=sizes.batch_rounds)
    return figures


def _run_peers(figures: Figures, docs: Sequence[str], sizes: Sizes, log: Callable[[str], None]) -> None:
    log("3. peers")
    sample: list[str] = []
    for d in docs:
        if _size(sample) >= sizes.peer_bytes:
            break
        sample.append(d)
    annotated = corpus.annotated_corpus(sizes.peer_bytes)
    gold = [spans for _, spans in annotated] if [t for t, _ in annotated] == sample else None
    figures["peers"] = bench_peers(sample, gold)


def _f(value: Any, spec: str = ".2f") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, int | float):
        return format(value, spec)
    return str(value)


def render_table(fig: Figures) -> str:
    """Render the figures as one plain-text table (Markdown pipe table)."""
    rows: list[tuple[str, str, str]] = []

    def row(name: str, value: str, note: str = "") -> None:
        rows.append((name, value, note))

    m = fig["machine"]
    if "engine" in fig:
        e, fl = fig["engine"], fig["floor"]
        row(
            "engine (news corpus)",
            f"{_f(e['mb_per_s'])} MB/s, {_f(e['docs_per_s'], '.0f')} docs/s",
            f"{e['documents']} docs, {e['bytes'] / MB:.1f} MB, {e['mentions']} mentions, one core",
        )
        row("floor (digits + currency signs regex)", f"{_f(fl['mb_per_s'])} MB/s", f"{fl['matches']} matches")
        row("engine / floor", _f(fig["engine_vs_floor"], ".3f"), "target >= 0.5")
    if "peers" in fig:
        peers = fig["peers"]
        row(
            "moneta on peer sample",
            f"{_f(peers['moneta']['mb_per_s'])} MB/s",
            f"{peers['sample_documents']} docs, {peers['sample_bytes'] / 1000:.0f} KB, "
            f"{peers['moneta']['mentions']} mentions{_accuracy_note(peers['moneta'])}",
        )
        for name in ("quantulum3", "recognizers_text"):
            p = peers[name]
            if p["status"] != "ok":
                row(name, p["status"])
                continue
            row(
                name,
                f"{_f(p['mb_per_s'], '.4f')} MB/s, {_f(p['ms_per_doc'], '.1f')} ms/doc",
                f"moneta {_f(p['moneta_speedup'], '.0f')}x faster (target >= 100x); {p['mentions']} money mentions; "
                f"{p['mode']}{_accuracy_note(p)}",
            )
    if "grpc" in fig:
        g = fig["grpc"]
        for name in (
            "extract_c1",
            "extract_c16",
            "echo_c1",
            "echo_c16",
            "echo_thread_c1",
            "echo_thread_c16",
            "extract_inline_c1",
            "extract_inline_c16",
        ):
            c = g[name]
            row(
                f"gRPC {name.replace('_c', ', callers ').replace('_', ' ')}",
                f"{_f(c['calls_per_s'], '.0f')} calls/s",
                f"p50 {_f(c['p50_ms'])} ms, p99 {_f(c['p99_ms'])} ms, server CPU {_f(c['server_cpu_ms_per_call'], '.3f')} ms/call",
            )
        row(
            "gRPC extract / echo calls/s (16 callers)",
            _f(g["echo_share_c16"], ".2f"),
            f"article {g['article_bytes']} B",
        )
        row(
            "server CPU (extract - echo) / in-process engine",
            _f(g["overhead_ratio"], ".2f") + _range(g.get("overhead_ratio_spread")),
            f"median of {g.get('rounds', 1)} A/B rounds (range in brackets); "
            f"{_f(g['server_cpu_ms_extract'], '.3f')} - {_f(g['server_cpu_ms_echo'], '.3f')} ms vs "
            f"{_f(g['engine_ms_per_call'], '.3f')} ms; target <= 1.3",
        )
        row(
            "  the same against the engine called with idle gaps",
            _f(g.get("overhead_ratio_vs_paced"), ".2f"),
            f"diagnostic: in-process engine {_f(g.get('engine_ms_per_call_paced'), '.3f')} ms/call when each call "
            "follows 1 ms of idleness, as a server's calls do (a CPU that idled runs the next call slower)",
        )
        row(
            "  of which the hop to a worker thread",
            f"{_f(g['thread_hop_ms'], '.3f')} ms/call",
            "server CPU of echo answered via asyncio.to_thread minus plain echo",
        )
        row(
            "  extract inline on the event loop (diagnostic)",
            f"{_f(g['server_cpu_ms_extract_inline'], '.3f')} ms/call",
            "server CPU of the servicer's code called directly (no limits interceptor, no error mapping)",
        )
        s = g["stream"]
        if s["status"] == "ok":
            row(
                "gRPC StreamExtractAmounts",
                f"{_f(s['docs_per_s'], '.0f')} docs/s",
                f"{_f(g['stream_ratio'], '.2f')}{_range(g.get('stream_ratio_spread'))} x in-process engine per core "
                f"(server CPU {_f(s['server_cpu_ms_per_doc'], '.3f')} ms/doc vs {_f(1000 / g['engine_docs_per_s'], '.3f')}; "
                f"median of {len(g.get('stream_ratio_rounds', [0]))} A/B rounds); wall {_f(g['stream_ratio_wall'], '.2f')}"
                f"{_range(g.get('stream_ratio_wall_spread'))} x; target >= 0.8",
            )
        else:
            row("gRPC StreamExtractAmounts", s["status"])
        rss = g["server_rss_mb_rounds"]
        row(
            "server RSS over 3 rounds",
            " / ".join(f"{r:.0f}" for r in rss) + " MB",
            f"growth {g['server_rss_growth_mb']:+.1f} MB",
        )
    if "scaling" in fig:
        sc = fig["scaling"]
        row(
            "news s/MB (corpus reference)",
            _f(sc["reference_s_per_mb"], ".3f"),
            f"{fig['engine']['mentions'] / (fig['engine']['bytes'] / 1000):.1f} mentions/KB",
        )
        for size, c in sc["news"].items():
            row(f"news text {_human(int(size))}", _scale_cell(c), _note_cell(c))
        for kind, cases in sc["adversarial"].items():
            sized = {k: c for k, c in cases.items() if isinstance(c, dict)}
            cells = [f"{_human(int(k))}: {_scale_cell(c)}" for k, c in sized.items()]
            done = [c for c in sized.values() if c.get("status") == "ok"]
            density = f"; {done[-1]['mentions'] / (done[-1]['bytes'] / 1000):.1f} mentions/KB" if done else ""
            row(
                f"adversarial: {kind}",
                "; ".join(cells),
                f"{_f(cases.get('vs_news'), '.1f')}x news; flat {_f(cases.get('flatness'), '.1f')}x{density}",
            )
    if "memory" in fig:
        mem = fig["memory"]
        row(
            "moneta batch peak RSS, N vs 10N docs",
            f"{_f(mem['n'].get('maxrss_mb'), '.0f')} / {_f(mem['10n'].get('maxrss_mb'), '.0f')} MB",
            f"N = {mem['n']['documents']}; ratio {_f(mem.get('rss_ratio'))}",
        )
    if "startup" in fig:
        st = fig["startup"]
        env_note = "bytecode cache " + ("on" if st["bytecode_cache"] else "off") + " (this environment)"
        for label, note in (("", env_note), ("cached_", "with a bytecode cache, as installed")):
            for name, title, target in (
                ("extract", "moneta extract seed", "< 0.5 s"),
                ("extract_to_usd", "moneta extract seed --to USD --date", "< 1 s"),
                ("serve", "moneta serve to SERVING", ""),
            ):
                c = st[label + name]
                if "median_s" not in c:
                    row(title, c.get("status", "n/a"), note)
                    continue
                extra = f"; target {target}" if target else ""
                row(
                    title,
                    f"{_f(c['median_s'], '.3f')} s",
                    f"median; min {_f(c['min_s'], '.3f')} s; {note}{extra}",
                )
    if "batch" in fig:
        b = fig["batch"]
        if b.get("status") == "ok":
            row(
                "moneta batch -> DuckDB",
                f"{_f(b['mb_per_s'])} MB/s",
                f"{_f(b['ratio_vs_engine'], '.2f')}{_range(b.get('ratio_vs_engine_spread'))} x engine alone per core, "
                f"median of {b.get('rounds', 1)} runs each beside engine passes (wall: {_f(b['mb_per_s_wall'])} MB/s, "
                f"{_f(b['ratio_vs_engine_wall'], '.2f')}{_range(b.get('ratio_vs_engine_wall_spread'))} x); "
                f"target >= 0.7; {b['documents']} docs; peak RSS {b['maxrss_mb']:.0f} MB",
            )
        else:
            row("moneta batch -> DuckDB", b.get("status", "not available"))

    head = (
        f"moneta benchmarks ({fig['mode']}) on {m['cpu']}, {m['cores']} cores, "
        f"{m['implementation']} {m['python']}, {m['os']}; load average at start {m['load_average_1min']:.1f}; "
        f"engine {m['engine_build']}"
    )
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [
        head,
        "",
        f"| {'figure'.ljust(w0)} | {'value'.ljust(w1)} | note",
        f"|{'-' * (w0 + 2)}|{'-' * (w1 + 2)}|------",
    ]
    lines += [f"| {a.ljust(w0)} | {b_.ljust(w1)} | {c}" for a, b_, c in rows]
    return "\n".join(lines)


def _accuracy_note(fig: Figures) -> str:
    acc = fig.get("accuracy")
    if not acc:
        return ""
    return (
        f"; on the {acc['gold']} amounts written: recall {acc['recall']:.2f}, precision {acc['precision']:.2f}, "
        f"F1 {acc['f1']:.2f}"
    )


def _range(spread: Sequence[float] | None) -> str:
    """`` [lo-hi]``: the spread of a ratio over its rounds (empty without one)."""
    if not spread:
        return ""
    return f" [{spread[0]:.2f}-{spread[1]:.2f}]"


def _human(size: int) -> str:
    if size >= MB:
        return f"{size // MB} MB"
    return f"{size // 1000} KB"


def _scale_cell(c: Figures) -> str:
    if c.get("status") == "ok":
        return f"{c['s_per_mb']:.2f} s/MB"
    if "s_per_mb" in c:
        return f">{c['s_per_mb']:.1f} s/MB ({c['status']})"
    return str(c.get("status"))


def _note_cell(c: Figures) -> str:
    if c.get("status") != "ok":
        return ""
    return f"{c['texts']} text(s), {c['mentions']} mentions, peak RSS {c['maxrss_mb']:.0f} MB"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the benchmarks, print the table, optionally write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smaller inputs (under five minutes)")
    parser.add_argument("--json", metavar="FILE", help="write every figure and ratio as one JSON object")
    parser.add_argument(
        "--only",
        metavar="SECTION[,SECTION...]",
        help=f"measure only these sections ({', '.join(SECTIONS)}); scaling measures the engine too",
    )
    parser.add_argument("--case", nargs=3, metavar=("KIND", "SIZE", "MIN_TOTAL"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        kind, size, min_total = args.case
        print(json.dumps(_case(kind, int(size), int(min_total))))
        return 0
    t0 = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f} s] {message}", file=sys.stderr, flush=True)

    only = [name.strip() for name in args.only.split(",") if name.strip()] if args.only else None
    if only is not None and not set(only) <= set(SECTIONS):
        parser.error(f"--only: choose from {', '.join(SECTIONS)}")
    figures = run_all("quick" if args.quick else "full", log, only)
    figures["elapsed_s"] = time.perf_counter() - t0
    print(render_table(figures))
    print(f"\n(total {figures['elapsed_s']:.0f} s)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
