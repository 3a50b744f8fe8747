"""No float touches an amount or a rate (issue 4): a static check of the modules on the money path.

In these modules a float may only be a duration (a timeout in seconds) or a clock time; any ``float(...)`` call, float literal or
``float`` annotation on another name fails the test, naming the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MONEY_PATH = sorted(
    [
        *(ROOT / "service" / "moneta_service" / "rates").glob("*.py"),
        ROOT / "service" / "moneta_service" / "money.py",
        ROOT / "service" / "moneta_service" / "pipeline.py",
        ROOT / "client" / "moneta" / "model.py",
        ROOT / "client" / "moneta" / "serialize.py",
        ROOT / "client" / "moneta" / "_codec.py",
        ROOT / "client" / "moneta" / "cli" / "_common.py",
        ROOT / "client" / "moneta" / "cli" / "convert.py",
        ROOT / "client" / "moneta" / "cli" / "rates.py",
        ROOT / "client" / "moneta" / "batch" / "tables.py",
    ]
)
#: Names that may hold a float: durations in seconds, monotonic clock times.
DURATION_WORDS = ("timeout", "seconds", "until")


def _floats(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
            found.append((node.lineno, "float(...) call"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append(
                (node.lineno, f"float literal {node.value!r}")
            )  # durations are let through by the caller
        elif isinstance(node, (ast.arg, ast.AnnAssign)):
            annotation = node.annotation
            name = node.arg if isinstance(node, ast.arg) else ast.unparse(node.target)
            floating = annotation is not None and "float" in ast.unparse(annotation)
            if floating and not any(word in name.lower() for word in DURATION_WORDS):
                found.append((node.lineno, f"{name}: float"))
    return found


def _duration_literals(tree: ast.AST) -> set[int]:
    """Lines of float literals assigned to duration names (``TIMEOUT_SECONDS = 5.0``, ``timeout: float = 5.0``)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        names = " ".join(ast.unparse(t).lower() for t in targets)
        if any(word in names for word in DURATION_WORDS):
            lines.update(n.lineno for n in ast.walk(value) if isinstance(n, ast.Constant))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = [*node.args.args, *node.args.kwonlyargs]
            defaults = [*node.args.defaults, *node.args.kw_defaults]
            for argument, default in zip(arguments[len(arguments) - len(defaults) :], defaults, strict=True):
                if default is not None and any(word in argument.arg.lower() for word in DURATION_WORDS):
                    lines.update(n.lineno for n in ast.walk(default) if isinstance(n, ast.Constant))
    return lines


@pytest.mark.parametrize("path", MONEY_PATH, ids=[str(p.relative_to(ROOT)) for p in MONEY_PATH])
def test_no_float_on_the_money_path(path: Path) -> None:
    assert path.is_file()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _duration_literals(tree)
    offending = [
        (line, what)
        for line, what in _floats(tree)
        if not (what.startswith("float literal") and line in allowed)
    ]
    assert offending == [], f"{path.relative_to(ROOT)}: {offending}"


def test_the_check_catches_a_float() -> None:
    tree = ast.parse("def convert(amount: float) -> None:\n    rate = float('1.1')\n    x = 0.5\n")
    assert [what for _line, what in _floats(tree)] == [
        "amount: float",
        "float(...) call",
        "float literal 0.5",
    ]
