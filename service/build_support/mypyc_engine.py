"""Compile moneta's extraction engine with mypyc: the one function the wheel's build hook and the tests share.

:func:`compile_engine` turns the four engine modules (:data:`ENGINE_MODULES`) into C extension modules with
``mypyc.build.mypycify`` and builds them with setuptools' ``build_ext`` into a directory of the caller's choice,
laid out as a package tree (``moneta_service/extract/engine.<ABI tag>.so`` …, plus mypyc's shared group library
``moneta_service__mypyc.<ABI tag>.so`` at the top). Python imports an extension module in preference to the
``.py`` beside it, so copying that tree over an installed ``moneta_service`` (the wheel does) is all it takes.

mypyc needs the types of what the engine imports (:mod:`moneta.model` from ``client/``, ``moneta_service.data``
and ``moneta_service.money`` from ``service/``); they are found through a mypy configuration written here,
independent of the project's own (so a pip build environment, which has only the build requirements, compiles
too). Only the compiled modules are checked: what they import is read for its types, never reported on
(``follow_imports = silent`` for modules and stubs, ``ignore_errors`` for ``moneta``), and third-party modules
may be missing (``ignore_missing_imports``).
Needs ``mypy`` (which ships mypyc), ``setuptools`` and a C compiler with the Python headers.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ENGINE_MODULES", "GROUP_NAME", "EngineCompileError", "compile_engine"]

#: The modules compiled, as paths under ``service/``: the engine's hot code. ``extract/__init__.py`` (the public
#: wrapper) and every other module stay interpreted, among them the cancellation checkpoint
#: (``moneta_service/extract/checkpoint.py``), which must run Python bytecode to receive an interruption.
ENGINE_MODULES = (
    "moneta_service/extract/engine.py",
    "moneta_service/extract/numbers.py",
    "moneta_service/extract/scanner.py",
    "moneta_service/extract/tables.py",
)

#: mypyc's name for the shared library of the compiled group (``<GROUP_NAME>__mypyc.<ABI tag>.so``).
GROUP_NAME = "moneta_service"

_MYPY_CONFIG = """\
[mypy]
mypy_path = {client}{sep}{service}
explicit_package_bases = True
namespace_packages = True
ignore_missing_imports = True
follow_imports = silent
follow_imports_for_stubs = True
cache_dir = {cache}

# only the compiled modules' types matter; what they import is read for its types, never reported on (the build
# environment has no third-party stubs: grpc's generated stubs, for one, do not type-check without them)
[mypy-moneta.*]
ignore_errors = True
"""


class EngineCompileError(RuntimeError):
    """mypyc or the C compiler failed; the message says which step and carries their output."""


@contextlib.contextmanager
def _captured() -> Iterator[io.StringIO]:
    """Capture what mypyc and the compiler print to Python's stdout/stderr (the C compiler's own output goes
    straight to the process's file descriptors)."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        yield buffer


def compile_engine(root: Path, out_dir: Path, work_dir: Path) -> list[str]:
    """Compile :data:`ENGINE_MODULES` of the checkout at ``root`` into ``out_dir``.

    :param root: the repository root (the directory holding ``client/`` and ``service/``).
    :param out_dir: where the extension modules go, as a package tree (created if missing).
    :param work_dir: scratch space for the generated C, object files and mypy's cache (created if missing).
    :returns: the extension files written, as paths relative to ``out_dir`` (forward slashes), e.g.
        ``moneta_service/extract/engine.cpython-311-x86_64-linux-gnu.so`` and the group library.
    :raises EngineCompileError: mypyc reported an error, or setuptools could not compile or link (no C compiler,
        no Python headers); the message includes their output.
    :raises ImportError: mypy (mypyc) or setuptools is not installed.
    """
    import setuptools  # noqa: F401  (mypycify builds setuptools Extensions only once setuptools is imported)
    from mypyc.build import mypycify
    from setuptools import Distribution

    root, out_dir, work_dir = root.resolve(), out_dir.resolve(), work_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    work_dir.mkdir(parents=True, exist_ok=True)
    config = work_dir / "mypy.ini"
    config.write_text(
        _MYPY_CONFIG.format(
            client=root / "client", service=root / "service", sep=os.pathsep, cache=work_dir / "mypy_cache"
        ),
        encoding="utf-8",
    )
    sources = [str(root / "service" / module) for module in ENGINE_MODULES]
    started = time.monotonic()
    with _captured() as log:
        try:
            extensions = mypycify(
                ["--config-file", str(config), *sources],
                opt_level="3",
                target_dir=str(work_dir / "c"),
                group_name=GROUP_NAME,
            )
        except SystemExit as exc:  # mypyc reports type errors and bad options with sys.exit
            raise EngineCompileError(f"mypyc failed ({exc.code}): {log.getvalue().strip()}") from None
    with _captured() as log:
        try:
            dist = Distribution({"name": "moneta-engine", "ext_modules": extensions})
            build_ext = dist.get_command_obj("build_ext")
            build_ext.build_lib = str(out_dir)
            build_ext.build_temp = str(work_dir / "temp")
            build_ext.inplace = False
            build_ext.ensure_finalized()
            build_ext.run()
            outputs = [Path(p) for p in build_ext.get_outputs()]
        except (Exception, SystemExit) as exc:  # noqa: BLE001  (CompileError, LinkError, no compiler: all mean the same)
            detail = log.getvalue().strip()
            raise EngineCompileError(
                f"building the C extensions failed: {type(exc).__name__}: {exc}"
                + (f"\n{detail}" if detail else "")
            ) from None
    missing = [p for p in outputs if not p.is_file()]
    if not outputs or missing:
        raise EngineCompileError(f"the C build wrote no extension files (missing: {missing})")
    print(
        f"moneta: compiled the engine with mypyc in {time.monotonic() - started:.0f} s "
        f"({len(outputs)} extension files)",
        file=sys.stderr,
    )
    return sorted(p.relative_to(out_dir).as_posix() for p in outputs)
