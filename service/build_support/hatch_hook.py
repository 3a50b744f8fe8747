"""Hatchling build hook: a wheel of moneta carries its extraction engine compiled with mypyc.

Named in ``pyproject.toml`` (``[tool.hatch.build.targets.wheel.hooks.custom]``). For a regular wheel build
(``pip install .``, ``python -m build``) it compiles the engine modules with
:func:`build_support.mypyc_engine.compile_engine` into a temporary directory and adds the extension files to the
wheel next to the ``.py`` sources (which stay in the wheel: Python imports the extension first). The wheel is then
platform-specific (its tag names this Python and platform).

* Editable installs (``pip install -e .``, the development and test set-up) are not compiled: they run the
  ``.py`` sources of the checkout, so an edit takes effect at once.
* ``MONETA_PURE_PYTHON=1``: no compilation, a pure-Python wheel.
* A compilation failure (no C compiler, no Python headers, a mypyc error) prints one warning paragraph to the
  build log and gives a pure-Python wheel, which works the same, slower; ``MONETA_REQUIRE_COMPILED=1`` makes the
  failure fail the build instead.

At run time ``moneta --version`` (and the server's first log line) says which engine is installed.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _load_compiler() -> Any:
    """Import ``mypyc_engine`` beside this file (hatchling loads this hook by path, not as a package)."""
    path = Path(__file__).with_name("mypyc_engine.py")
    spec = importlib.util.spec_from_file_location("_moneta_mypyc_engine", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class MypycBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the mypyc-compiled engine to regular wheels (see the module docstring)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the engine (unless editable or opted out) and add the extension files to ``build_data``."""
        self._tmp: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("MONETA_PURE_PYTHON") == "1":
            self.app.display_info(
                "moneta: MONETA_PURE_PYTHON=1: building a pure-Python wheel (interpreted engine)"
            )
            return
        required = os.environ.get("MONETA_REQUIRE_COMPILED") == "1"
        self._tmp = tempfile.mkdtemp(prefix="moneta-mypyc-")
        out_dir = Path(self._tmp) / "out"
        try:
            compiler = _load_compiler()
            files: list[str] = compiler.compile_engine(Path(self.root), out_dir, Path(self._tmp) / "work")
        except Exception as exc:  # ImportError (no mypy/setuptools) or EngineCompileError
            if required:
                raise RuntimeError(
                    f"moneta: MONETA_REQUIRE_COMPILED=1 and the engine did not compile: {exc}"
                ) from exc
            self.app.display_warning(
                "moneta: WARNING: the extraction engine could not be compiled with mypyc, so this wheel is pure "
                "Python: moneta works the same but extracts about 1.6x slower. Cause: "
                f"{type(exc).__name__}: {str(exc)[:2000]} -- A C compiler (gcc or clang) and the Python "
                "development headers (Debian: python3-dev) are needed; set MONETA_PURE_PYTHON=1 to build "
                "pure Python without trying, or MONETA_REQUIRE_COMPILED=1 to make this failure stop the build. "
                "`moneta --version` says which engine is installed."
            )
            return
        for rel in files:
            build_data["force_include"][str(out_dir / rel)] = rel
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        self.app.display_info(
            f"moneta: wheel includes the mypyc-compiled engine ({len(files)} extension files)"
        )

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        """Remove the temporary build directory once the wheel is written."""
        if getattr(self, "_tmp", None):
            shutil.rmtree(self._tmp, ignore_errors=True)  # type: ignore[arg-type]
