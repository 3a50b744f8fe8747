"""CPU work off the event loop that stops when its call is cancelled (deadline passed, client gone).

``asyncio.to_thread`` keeps the event loop responsive, but a cancelled call leaves its thread computing until
the function returns: a caller that gives up on a huge text would still cost the server the whole extraction.
:func:`run_cancellable` runs the function in the loop's default executor too, and when the awaiting task is
cancelled (gRPC cancels a call's task when its deadline passes or its client disconnects):

* work not started yet is dropped (it never runs);
* work running is interrupted: :class:`CallCancelled` is raised inside the worker thread at its next Python
  bytecode boundary (CPython's ``PyThreadState_SetAsyncExc``), which unwinds the extraction (``finally`` blocks
  and ``with`` statements run as usual) and frees the thread — but only while the worker is inside an
  :func:`interruptible` section (the engine's reading of a text). Anywhere else (rate lookups, imports, logging)
  an asynchronous exception could land inside a lock's acquire and release, leaving it held for good (a
  cancelled call interrupted inside ``importlib``'s import lock froze a whole server); there the cancellation
  is only noted, and the worker raises :class:`CallCancelled` itself when it next enters such a section.

:class:`CallCancelled` derives from :class:`BaseException` so that no ``except Exception`` on the way swallows
it. A pending interruption that arrives after the function returned is cleared before the thread goes back to
its pool, so it can never hit another call. CPython swallows an asynchronous exception that lands in a garbage
collector callback or a ``__del__`` method ("Exception ignored in …"), so the interruption is sent again every
:data:`RESEND_INTERVAL` seconds until the worker has left the function. Limitation: a single C-level call (one
regex match) runs to its end before the exception is seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import ctypes
import enum
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Generic, ParamSpec, TypeVar

__all__ = ["RESEND_INTERVAL", "CallCancelled", "interrupted_count", "interruptible", "run_cancellable"]

#: Seconds between two deliveries of the interruption to a worker that has not stopped yet.
RESEND_INTERVAL = 0.1

_P = ParamSpec("_P")
_T = TypeVar("_T")


class CallCancelled(BaseException):
    """Raised inside a worker thread whose call was cancelled; caught by :func:`run_cancellable`."""


_interrupted = 0
_interrupted_lock = threading.Lock()


def interrupted_count() -> int:
    """Return how many running workers this process has interrupted so far (cancelled calls' extractions)."""
    with _interrupted_lock:
        return _interrupted


def _count_interruption() -> None:
    global _interrupted
    with _interrupted_lock:
        _interrupted += 1


class _State(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    INTERRUPTING = "interrupting"  # cancelled while running: the worker has not left the function yet
    DONE = "done"
    CANCELLED = "cancelled"  # cancelled before it started: it never runs


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> int:
    result: int = ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )
    return result


#: The job the current worker thread runs (None outside :func:`run_cancellable`'s workers).
_current = threading.local()


class _Job(Generic[_T]):
    """One function call in a worker thread, with the lock-protected state that makes interruption safe."""

    def __init__(self, func: Callable[[], _T]) -> None:
        self.func = func
        self.lock = threading.Lock()
        self.state = _State.PENDING
        self.thread_id = 0
        self.window_open = False  # inside an interruptible() section: an asynchronous exception may land
        self.requested = False  # cancelled: the worker stops at its next interruptible() section

    def run(self) -> _T:
        with self.lock:
            if self.state is _State.CANCELLED:
                raise CallCancelled
            self.state = _State.RUNNING
            self.thread_id = threading.get_ident()
        _current.job = self
        cancelled = False
        try:
            return self.func()
        except CallCancelled:
            cancelled = True
            raise
        finally:
            # Close the job so that no interruption can be sent to this thread again, then drop one that was sent
            # but has not landed. A resend that lands while this runs (a worker slow to unwind on a loaded
            # machine gets one every RESEND_INTERVAL) is caught and the closing done again: the job always ends
            # DONE with its window shut, so no later resend reaches the next job this pool thread runs.
            while True:
                try:
                    _current.job = None
                    with self.lock:
                        self.state = _State.DONE
                        self.window_open = False
                    _set_async_exc(self.thread_id, None)
                    break
                except CallCancelled:
                    continue  # (the call ends as it was ending: with its result, its error or its cancellation)
            if cancelled:
                _count_interruption()

    def cancel(self) -> bool:
        """Drop the job if pending, interrupt it if running; return True while the worker still has to stop."""
        with self.lock:
            if self.state is _State.PENDING:
                self.state = _State.CANCELLED
            elif self.state in (_State.RUNNING, _State.INTERRUPTING):
                self.requested = True
                if self.window_open:  # only where no lock of the runtime can be held (see interruptible)
                    _set_async_exc(self.thread_id, CallCancelled)
                self.state = _State.INTERRUPTING
                return True
            return False


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Mark a section of a worker's work where a cancelled call may be interrupted at any bytecode: pure Python
    computation that takes no lock of its own and imports nothing (the engine's reading of a text).

    Outside :func:`run_cancellable`'s workers it does nothing. In a worker whose call was cancelled before the
    section, it raises :class:`CallCancelled` on entry.

    :raises CallCancelled: the call was cancelled (on entry, or delivered inside the section).
    """
    job: _Job[object] | None = getattr(_current, "job", None)
    if job is None:
        yield
        return
    with job.lock:
        if job.requested:
            raise CallCancelled
        job.window_open = True
    try:
        yield
    finally:
        with job.lock:
            job.window_open = False


def _keep_interrupting(loop: asyncio.AbstractEventLoop, job: _Job[_T]) -> None:
    """Send the interruption again until the worker has left the function (a delivery can be swallowed)."""
    if job.cancel() and not loop.is_closed():
        loop.call_later(RESEND_INTERVAL, _keep_interrupting, loop, job)


async def run_cancellable(func: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """Run ``func(*args, **kwargs)`` in a worker thread; interrupt it if the awaiting task is cancelled.

    Context variables are copied into the thread, as with ``asyncio.to_thread``.

    :returns: what ``func`` returns.
    :raises asyncio.CancelledError: the awaiting task was cancelled (the worker is interrupted meanwhile).
    :raises Exception: whatever ``func`` raises.
    """
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()
    job: _Job[_T] = _Job(functools.partial(context.run, func, *args, **kwargs))
    future = loop.run_in_executor(None, job.run)
    try:
        return await future
    except asyncio.CancelledError:
        _keep_interrupting(loop, job)
        raise
