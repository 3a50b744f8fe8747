"""The engine's cancellation checkpoint: a Python function the engine calls every few dozen candidates.

The server interrupts a cancelled extraction by raising :class:`moneta_service.deadlines.CallCancelled` in its
worker thread (``PyThreadState_SetAsyncExc``), which CPython delivers only when the thread runs Python bytecode.
The mypyc-compiled engine (see :mod:`moneta_service.build_info`) runs none of its own, so it calls
:func:`checkpoint`, which is never compiled (it is not among the compiled modules): the call runs one bytecode
instruction, where a pending interruption is raised and unwinds the engine. The interpreted engine pays one
function call per :data:`moneta_service.extract.engine.CHECKPOINT_EVERY` candidates, too little to measure.
"""

from __future__ import annotations

__all__ = ["checkpoint"]


def checkpoint() -> None:
    """Do nothing; the call is a bytecode boundary where a pending asynchronous exception is raised."""
