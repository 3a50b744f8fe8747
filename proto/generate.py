"""Generate the Python code of the moneta.v1 contract into ``client/moneta/v1``.

Run from the repository root (needs the ``test`` extras, which bring grpcio-tools and mypy-protobuf)::

    python proto/generate.py           # write client/moneta/v1/*_pb2.py, *_pb2.pyi, *_pb2_grpc.py
    python proto/generate.py --check   # exit 1 if the committed files differ from a fresh generation

The generated files are committed and never edited by hand; ``tests/test_codegen.py`` runs ``--check``.
Includes: ``proto/`` itself, the well-known types shipped with grpcio-tools and the google.type / google.api
/ google.rpc protos shipped with googleapis-common-protos.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "proto"
OUT_ROOT = ROOT / "client"
PACKAGE_DIR = Path("moneta") / "v1"


def _include_dirs() -> list[str]:
    """Return the -I directories: our protos, grpc_tools' well-known types, googleapis-common-protos."""
    import grpc_tools

    google_spec = importlib.util.find_spec("google.type.date_pb2")
    if google_spec is None or google_spec.origin is None:
        raise SystemExit("googleapis-common-protos is not installed")
    googleapis_root = Path(google_spec.origin).parent.parent.parent
    return [
        str(PROTO_ROOT),
        str(Path(grpc_tools.__file__).parent / "_proto"),
        str(googleapis_root),
    ]


def generate(out_root: Path) -> list[Path]:
    """Run protoc over ``proto/moneta/v1/*.proto`` into ``out_root``; return the generated files.

    :raises SystemExit: if protoc fails.
    """
    from grpc_tools import protoc

    protos = sorted(str(p.relative_to(PROTO_ROOT)) for p in (PROTO_ROOT / PACKAGE_DIR).glob("*.proto"))
    args = ["protoc", *(f"-I{d}" for d in _include_dirs())]
    plugin_dir = Path(sys.executable).parent
    mypy_plugin = shutil.which("protoc-gen-mypy") or str(plugin_dir / "protoc-gen-mypy")
    mypy_grpc_plugin = shutil.which("protoc-gen-mypy_grpc") or str(plugin_dir / "protoc-gen-mypy_grpc")
    args += [f"--plugin=protoc-gen-mypy={mypy_plugin}", f"--plugin=protoc-gen-mypy_grpc={mypy_grpc_plugin}"]
    args += [f"--python_out={out_root}", f"--grpc_python_out={out_root}"]
    args += [f"--mypy_out={out_root}", f"--mypy_grpc_out={out_root}"]
    args += protos
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    init = out_root / PACKAGE_DIR / "__init__.py"
    init.write_text('"""Generated moneta.v1 protobuf and gRPC modules (see proto/generate.py)."""\n')
    return sorted((out_root / PACKAGE_DIR).iterdir())


def main(argv: list[str] | None = None) -> int:
    """Generate (or with ``--check`` compare) the committed code; return a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed code is stale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = generate(Path(tmp))
        target = OUT_ROOT / PACKAGE_DIR
        stale = [
            p.name
            for p in fresh
            if p.is_file()
            and not ((target / p.name).exists() and filecmp.cmp(p, target / p.name, shallow=False))
        ]
        if args.check:
            if stale:
                print(
                    f"stale generated code: {', '.join(stale)}; run: python proto/generate.py",
                    file=sys.stderr,
                )
                return 1
            return 0
        target.mkdir(parents=True, exist_ok=True)
        for p in fresh:
            if p.is_file():
                shutil.copyfile(p, target / p.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
