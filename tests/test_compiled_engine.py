"""The mypyc-compiled engine reads every text exactly as the interpreted one, and a cancelled call stops in it.

A regular wheel (``pip install .``) carries the engine compiled with mypyc (``service/build_support/``); the
editable install the other tests run is interpreted. This module builds the compiled modules once, with the same
function the wheel's build hook calls (:func:`build_support.mypyc_engine.compile_engine`, about 1.5 minutes on 2
cores), into a copy of ``moneta_service`` laid out as the wheel installs it, then runs the engine in
subprocesses: one with that copy first on ``sys.path``, one with the checkout's sources. A failure to compile
fails these tests (CI machines have a C compiler): it would otherwise ship as a silently slower wheel.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest

from tests.benchmarks.corpus import ADVERSARIAL_KINDS, adversarial, corpus_of_size

REPO = Path(__file__).resolve().parents[1]
ENGINE_MODULES = ("engine", "numbers", "scanner", "tables")

#: Runs in a subprocess: reads ``[[text, locale_hint], ...]`` from argv[1], writes the build, the engine
#: modules' files and every mention (each field's repr, in the dataclass's field order) to argv[2].
_EXTRACT_ALL = """
import dataclasses, json, sys
from moneta_service.extract import ENGINE_BUILD, engine, numbers, scanner, tables, extract
rows = json.load(open(sys.argv[1], encoding="utf-8"))
out = {
    "build": ENGINE_BUILD,
    "files": [m.__file__ for m in (engine, numbers, scanner, tables)],
    "read_mentions": type(engine.read_mentions).__name__,
    "mentions": [
        [[repr(getattr(m, f.name)) for f in dataclasses.fields(m)] for m in extract(text, locale_hint=hint)]
        for text, hint in rows
    ],
}
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""

#: Runs in a subprocess: extracts a long text without money (nothing but the engine's own code runs), cancels
#: the call through run_cancellable once the engine is busy, and writes where the interruption landed.
_CANCEL = """
import asyncio, json, sys, threading, time, traceback
from moneta_service.deadlines import CallCancelled, run_cancellable
from moneta_service.extract import ENGINE_BUILD, extract
text = open(sys.argv[1], encoding="utf-8").read()
started, ended = threading.Event(), threading.Event()
result = {"build": ENGINE_BUILD, "finished": False, "frames": []}

def work():
    started.set()
    try:
        extract(text)
        result["finished"] = True
    except CallCancelled as exc:
        # run_cancellable sends the interruption again every RESEND_INTERVAL (0.1 s) until the worker has left
        # the function; on a loaded machine one may land while the first still unwinds (in interruptible's
        # __exit__) and replace it, with the first as its __context__: report where the first one landed
        deliveries = [exc]
        while isinstance(deliveries[-1].__context__, CallCancelled):
            deliveries.append(deliveries[-1].__context__)
        result["frames"] = [f.name for f in traceback.extract_tb(deliveries[-1].__traceback__)]
        result["deliveries"] = len(deliveries)
        raise
    finally:
        ended.set()

async def main():
    task = asyncio.ensure_future(run_cancellable(work))
    await asyncio.to_thread(started.wait, 30)
    await asyncio.sleep(0.3)
    cancelled_at = time.perf_counter()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    await asyncio.to_thread(ended.wait, 120)
    result["stop_seconds"] = time.perf_counter() - cancelled_at

asyncio.run(main())
t0 = time.perf_counter()
extract(text)
result["full_seconds"] = time.perf_counter() - t0
json.dump(result, open(sys.argv[2], "w", encoding="utf-8"))
"""


def _compile_engine() -> Callable[[Path, Path, Path], list[str]]:
    """The build hook's compile function, loaded from its file as hatchling loads the hook."""
    path = REPO / "service" / "build_support" / "mypyc_engine.py"
    spec = importlib.util.spec_from_file_location("_moneta_mypyc_engine_test", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return cast(Callable[[Path, Path, Path], list[str]], module.compile_engine)


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory laid out like site-packages after ``pip install .``: ``moneta_service`` (the checkout's
    sources) with the compiled engine modules beside their sources, and mypyc's group library at the top."""
    site = tmp_path_factory.mktemp("compiled") / "site"
    shutil.copytree(
        REPO / "service" / "moneta_service",
        site / "moneta_service",
        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"),
    )
    files = _compile_engine()(REPO, site, tmp_path_factory.mktemp("mypyc-work"))
    assert [f for f in files if f.startswith("moneta_service/extract/")] != []
    return site


def _run(script: str, first_on_path: Path, *args: Path) -> dict[str, Any]:
    """Run ``script`` in a fresh interpreter with ``first_on_path`` and the checkout's client first on
    ``sys.path``; return the JSON it wrote to its last argument."""
    out = args[-1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(first_on_path), str(REPO / "client")])}
    subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], env=env, check=True, timeout=900, cwd=REPO
    )
    return cast(dict[str, Any], json.loads(out.read_text(encoding="utf-8")))


def _texts() -> list[tuple[str, str | None]]:
    rows: list[tuple[str, str | None]] = []
    for name in ("extract_cases.jsonl", "extract_heldout.jsonl"):
        for line in (REPO / "tests" / "cases" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], row.get("locale_hint")))
    rows += [(text, None) for text in corpus_of_size(300_000)]
    rows += [(adversarial(kind, 20_000, seed=seed), None) for kind in ADVERSARIAL_KINDS for seed in (3, 4)]
    return rows


def test_compiled_engine_reads_every_text_as_the_interpreted_one(compiled_site: Path, tmp_path: Path) -> None:
    texts = _texts()
    (tmp_path / "texts.json").write_text(json.dumps(texts), encoding="utf-8")
    compiled = _run(_EXTRACT_ALL, compiled_site, tmp_path / "texts.json", tmp_path / "compiled.json")
    interpreted = _run(_EXTRACT_ALL, REPO / "service", tmp_path / "texts.json", tmp_path / "interpreted.json")

    assert compiled["build"] == "compiled (mypyc)"
    assert all(
        Path(f).parent == compiled_site / "moneta_service" / "extract" and not f.endswith(".py")
        for f in compiled["files"]
    ), compiled["files"]
    assert compiled["read_mentions"] == "builtin_function_or_method"  # a C function, not Python's
    assert interpreted["build"] == "interpreted"
    assert all(f.endswith(".py") for f in interpreted["files"])

    assert len(compiled["mentions"]) == len(interpreted["mentions"]) == len(texts)
    differ = [
        (text[:200], got, want)
        for (text, _), got, want in zip(texts, compiled["mentions"], interpreted["mentions"], strict=True)
        if got != want
    ]
    assert differ == [], f"{len(differ)} of {len(texts)} texts differ; first: {differ[0]}"
    assert sum(map(len, compiled["mentions"])) > 20_000  # the texts really hold money


def test_a_cancelled_call_stops_inside_the_compiled_engine(compiled_site: Path, tmp_path: Path) -> None:
    # 6 MB of scale words without a number: cue words the engine reads and rejects (about 3 s compiled), no
    # mention, so no Python code runs while the compiled engine works, except the checkpoint it calls (a text
    # with digits also builds each candidate's _Amount, whose dataclass __init__ is Python code, another point
    # where the interruption lands)
    (tmp_path / "text.txt").write_text(adversarial("scale words", 6_000_000), encoding="utf-8")
    result = _run(_CANCEL, compiled_site, tmp_path / "text.txt", tmp_path / "result.json")
    print(result)  # stop_seconds (cancel to the worker's end) against full_seconds (the whole extraction)
    assert result["build"] == "compiled (mypyc)"
    assert not result["finished"]
    # the (first) interruption was raised in the checkpoint, called from the compiled engine's cue loop (mypyc
    # adds its functions to tracebacks), not after the engine returned. A later delivery may have replaced it
    # while it unwound (a full test run on a loaded 2-core machine saw frames ['work', 'extract', '__exit__']: the
    # resend 0.1 s after the first, in interruptible's __exit__); the script reports the first, so this does not
    # depend on how fast the worker unwinds. The timing does not matter either: the event loop's thread gets the
    # GIL only at the engine's checkpoints, so the 0.3 s before the cancel are counted from the cue loop's first
    # checkpoint, and the loop goes on for about 1 s more on an idle machine (longer under load).
    assert result["frames"][-2:] == ["_word_amounts", "checkpoint"], result
