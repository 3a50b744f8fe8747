"""Accuracy of moneta's engine on every English gold corpus, as one table.

Usage::

    python tests/accuracy/run.py [--shared PATH] [--out DIR] [--errors N]

``--shared`` defaults to ``../shared`` next to the repository (the steering folder with ``corpora/`` and
``tools/score.py``); if it is missing the script says so and exits 2. For each corpus the engine's
predictions are written as JSON Lines (``--out``, default a temporary folder) and scored with
``tools/score.py``; the news corpus is scored with ``--ignore-gold-flag implicit_currency`` (amounts whose
currency is only implied by a neighbour are left out, as the coverage issue asks). Qualifier accuracy is
computed here, over the gold mentions that label a qualifier and that the scorer pairs with a prediction
(the scorer's own greedy overlap matching is reused).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CORPORA: list[tuple[str, str, str | None]] = [
    ("news_gold_en", "corpora/news/news_gold_en.jsonl", "implicit_currency"),
    ("duckling_money_en", "corpora/duckling_money_en.jsonl", None),
    ("recognizers_currency_en", "corpora/recognizers_currency_en.jsonl", None),
]


def _load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("moneta_score", shared / "tools" / "score.py")
    if spec is None or spec.loader is None:  # pragma: no cover - checked by the caller
        raise FileNotFoundError(shared / "tools" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(gold_path: Path, out_path: Path) -> list[dict[str, Any]]:
    """Run the engine over every gold document and write the prediction JSONL; return the gold docs."""
    from moneta_service.extract import extract

    docs = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with out_path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            mentions = [
                {
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "currency": m.currency,
                    "amount": format(m.amount, "f"),
                    "amount_max": None if m.amount_max is None else format(m.amount_max, "f"),
                    "qualifier": m.qualifier.value,
                }
                for m in extract(doc["text"])
            ]
            fh.write(json.dumps({"id": doc["id"], "mentions": mentions}, ensure_ascii=False) + "\n")
    return docs


def qualifier_accuracy(
    scorer: ModuleType, gold: list[dict[str, Any]], pred_path: Path, flag: str | None
) -> tuple[int, int]:
    """Return (correct, checked) qualifiers over paired mentions whose gold qualifier is labelled."""
    preds = {
        d["id"]: d for d in (json.loads(x) for x in pred_path.read_text(encoding="utf-8").splitlines() if x)
    }
    ok = checked = 0
    for doc in gold:
        gm = [m for m in doc["mentions"] if not (flag and m.get(flag))]
        pm = preds.get(doc["id"], {"mentions": []})["mentions"]
        for gi, pi in scorer.greedy_match(gm, pm):
            if gm[gi].get("qualifier") is None:
                continue
            checked += 1
            ok += gm[gi]["qualifier"] == pm[pi].get("qualifier")
    return ok, checked


def main(argv: list[str] | None = None) -> int:
    """Print the accuracy table; exit 0, or 2 when the shared folder is missing."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared", help="steering folder (default ../shared)"
    )
    ap.add_argument("--out", type=Path, default=None, help="folder for prediction JSONL files")
    ap.add_argument("--errors", type=int, default=0, help="also print N errors per corpus from score.py")
    args = ap.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "tools" / "score.py").is_file():
        print(f"run.py: shared folder not found or incomplete: {shared} (use --shared PATH)", file=sys.stderr)
        return 2
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        return _run(shared, args.out, args.errors)
    with tempfile.TemporaryDirectory(prefix="moneta-accuracy-") as tmp:
        return _run(shared, Path(tmp), args.errors)


def _run(shared: Path, out_dir: Path, n_errors: int) -> int:
    """Predict, score and print the table; prediction files go to ``out_dir``."""
    scorer = _load_scorer(shared)
    rows = []
    for name, rel, flag in CORPORA:
        gold_path = shared / rel
        if not gold_path.is_file():
            print(f"run.py: missing corpus {gold_path}", file=sys.stderr)
            return 2
        pred_path = out_dir / f"{name}.pred.jsonl"
        gold = predict(gold_path, pred_path)
        cmd = [
            sys.executable,
            str(shared / "tools" / "score.py"),
            str(gold_path),
            str(pred_path),
            "--json",
            "--quiet",
        ]
        if flag:
            cmd += ["--ignore-gold-flag", flag]
        result = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        if n_errors:
            err_cmd = [c for c in cmd if c not in ("--json",)] + ["--errors", str(n_errors)]
            print(subprocess.run(err_cmd, check=True, capture_output=True, text=True).stdout)
        ok, checked = qualifier_accuracy(scorer, gold, pred_path, flag)
        rows.append((name + (f" (ignore {flag})" if flag else ""), result, ok, checked))
    header = (
        f"{'corpus':48} {'gold':>5} {'pred':>5} {'span P':>7} {'span F1':>8} {'e2e P':>7} {'e2e R':>7} "
        f"{'e2e F1':>7} {'qual acc':>9}"
    )
    print(header)
    print("-" * len(header))
    for label, r, ok, checked in rows:
        qual = f"{ok / checked:.3f}" if checked else "n/a"
        print(
            f"{label:48} {r['gold_mentions']:>5} {r['pred_mentions']:>5} {r['span_precision']:>7.3f} {r['span_f1']:>8.3f} "
            f"{r['e2e_precision']:>7.3f} {r['e2e_recall']:>7.3f} {r['e2e_f1']:>7.3f} {qual:>9}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
