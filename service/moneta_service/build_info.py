"""Which build of the extraction engine runs: mypyc-compiled C extension modules, or the Python sources.

A wheel built by ``pip install .`` carries the engine compiled with mypyc next to its ``.py`` sources (see
``service/build_support/``); an editable install, a ``MONETA_PURE_PYTHON=1`` build or a build where compilation
failed has the sources only. Python imports an extension module in preference to the source beside it.

``moneta --version`` uses :func:`installed_engine_build` (which finds the engine module without importing it,
so the answer costs no engine start-up); the running process's own engine is
:data:`moneta_service.extract.ENGINE_BUILD`.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "INTERPRETED", "installed_engine_build", "module_build"]

#: The engine's modules are C extension modules built by mypyc.
COMPILED = "compiled (mypyc)"
#: The engine runs from its Python sources.
INTERPRETED = "interpreted"

_EXTRACT_DIR = Path(__file__).resolve().parent / "extract"


def _is_extension(path: str | None) -> bool:
    return path is not None and path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def module_build(module: ModuleType) -> str:
    """Return :data:`COMPILED` if ``module`` (an imported engine module) is a C extension module, else
    :data:`INTERPRETED`."""
    return COMPILED if _is_extension(getattr(module, "__file__", None)) else INTERPRETED


def installed_engine_build() -> str:
    """Return :data:`COMPILED` or :data:`INTERPRETED` for the engine module Python would import
    (``moneta_service.extract.engine``), found with the import system's own finder but not imported."""
    spec = importlib.machinery.PathFinder.find_spec("moneta_service.extract.engine", [str(_EXTRACT_DIR)])
    return COMPILED if spec is not None and _is_extension(spec.origin) else INTERPRETED
