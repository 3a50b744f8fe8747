"""The benchmark code runs end to end on a few KB and returns figures of the right shape (no timing checks).

``tests/benchmarks/run.py`` is run by hand (``python tests/benchmarks/run.py --quick``); this test keeps it
from rotting: every section runs at the tiny ``smoke`` sizes, the JSON and the table come out, and the corpus
generator keeps its promises (reproducible, distinct documents, money and non-money numbers).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]

from tests.benchmarks import corpus, run


def test_corpus_is_reproducible_distinct_and_sized() -> None:
    docs = corpus.corpus_of_size(20_000, seed=5)
    assert docs == corpus.corpus_of_size(20_000, seed=5)
    assert len(set(docs)) == len(docs)
    assert sum(len(d.encode("utf-8")) for d in docs) >= 20_000
    text = " ".join(docs)
    assert any(sign in text for sign in ("$", "€", "£"))
    assert "%" in text or "percent" in text or "per cent" in text


@pytest.mark.parametrize("size", [1000, 10_000])
def test_sized_texts(size: int) -> None:
    assert abs(len(corpus.text_of_size(size).encode("utf-8")) - size) <= 4
    for kind in corpus.ADVERSARIAL_KINDS:
        text = corpus.adversarial(kind, size)
        assert size - 4 <= len(text.encode("utf-8")) <= size


def test_article_has_title_and_paragraphs() -> None:
    text = corpus.article(random.Random(3), paragraphs=3)
    assert text.count("\n\n") == 4  # title, dateline, three paragraphs


def test_annotated_corpus_marks_the_amounts_written() -> None:
    annotated = corpus.annotated_corpus(30_000, seed=8)
    assert [text for text, _ in annotated] == corpus.corpus_of_size(30_000, seed=8)
    spans = [(text, s) for text, doc_spans in annotated for s in doc_spans]
    assert len(spans) > 10
    for text, (start, end) in spans:
        amount = text[start:end]
        assert amount == amount.strip()
        assert any(c.isdigit() for c in amount) or amount.startswith(corpus.SPELLED_NUMBERS), amount


@pytest.mark.parametrize(
    ("predicted", "gold", "recall", "precision"),
    [
        ([[(0, 5)]], [[(0, 5)]], 1.0, 1.0),
        ([[(2, 4)]], [[(0, 5), (10, 12)]], 0.5, 1.0),
        ([[(0, 5), (6, 8)]], [[(0, 5)]], 1.0, 0.5),
        ([[]], [[(0, 5)]], 0.0, 0.0),
        ([[(5, 9)]], [[(0, 5)]], 0.0, 0.0),  # touching is not overlapping
    ],
)
def test_span_scores(
    predicted: list[list[tuple[int, int]]], gold: list[list[tuple[int, int]]], recall: float, precision: float
) -> None:
    scores = run.span_scores(predicted, gold)
    assert scores["recall"] == recall
    assert scores["precision"] == precision


def test_floor_finds_digits_and_signs() -> None:
    found = [m.group() for m in run.floor_pattern().finditer("€89 billion, ¥5 and 2024")]
    assert found == ["€89", "¥5", "2024"]


def _numbers(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


@pytest.mark.slow
def test_every_section_runs_at_smoke_size(tmp_path: Path) -> None:
    figures = run.run_all("smoke")
    json_path = tmp_path / "bench.json"
    json_path.write_text(json.dumps(figures), encoding="utf-8")
    assert json.loads(json_path.read_text(encoding="utf-8"))["mode"] == "smoke"

    assert figures["corpus"]["distinct"] == figures["corpus"]["documents"]
    for key in ("mb_per_s", "docs_per_s", "cpu_s", "mentions"):
        assert _numbers(figures["engine"][key]), key
    assert figures["engine"]["mentions"] > 0
    assert figures["floor"]["matches"] > figures["engine"]["mentions"]
    assert _numbers(figures["engine_vs_floor"])

    for peer in ("quantulum3", "recognizers_text"):
        status = figures["peers"][peer]["status"]
        assert status in ("ok", "not installed")
        if status == "ok":
            assert _numbers(figures["peers"][peer]["moneta_speedup"])
            assert 0 <= figures["peers"][peer]["accuracy"]["recall"] <= 1
    assert figures["peers"]["moneta"]["accuracy"]["gold"] > 0

    grpc_figures = figures["grpc"]
    for name in ("extract_c1", "extract_c16", "echo_c1", "echo_c16", "echo_thread_c1", "echo_thread_c16"):
        assert grpc_figures[name]["calls"] > 0, name
        assert grpc_figures[name]["p99_ms"] >= grpc_figures[name]["p50_ms"] > 0
    assert grpc_figures["stream"]["status"] == "ok"
    assert grpc_figures["stream"]["documents"] == min(6, figures["corpus"]["documents"])
    assert len(grpc_figures["server_rss_mb_rounds"]) == 3
    assert isinstance(grpc_figures["overhead_ratio"], float)

    scaling = figures["scaling"]
    assert scaling["news"]["1000"]["status"] == "ok"
    assert scaling["news"]["1000"]["texts"] == 2
    assert set(scaling["adversarial"]) == {"digit runs", "number words"}
    assert scaling["adversarial"]["number words"]["1000"]["status"] == "ok"

    memory = figures["memory"]
    assert memory["n"]["status"] == "ok", memory["n"]
    assert memory["10n"]["documents"] == 10 * memory["n"]["documents"]
    assert memory["10n"]["maxrss_mb"] > 0

    for name in ("extract", "extract_to_usd", "serve"):
        for prefix in ("", "cached_"):
            assert figures["startup"][prefix + name]["min_s"] > 0, prefix + name

    assert figures["batch"]["status"] == "ok" or figures["batch"]["status"].startswith("not available")

    table = run.render_table(figures)
    assert table.splitlines()[0].startswith("moneta benchmarks (smoke) on ")
    assert "engine / floor" in table
    assert "moneta serve to SERVING" in table
