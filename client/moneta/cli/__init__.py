"""The ``moneta`` command line: ``moneta extract|convert|batch|rates|serve``.

Each command lives in its own module of this package and exposes ``add_parser(subparsers)`` (which registers
its arguments and sets ``func``) and a ``run(args) -> int``. Exit codes, the same for every command:

* 0: success;
* 1: the command ran but something was not ok (a conversion status other than ``ok``, failed batch rows);
* 2: invalid input or usage, with one line on stderr and no traceback (a message of several lines, as some
  libraries word theirs, is joined into one: :func:`moneta._quoting.one_line`).

An unexpected error (a bug) is one line ``moneta: internal error: ...`` and exit code 1; ``MONETA_DEBUG=1`` shows
the traceback instead.

Heavy modules (engine, rate data, DuckDB, pyarrow, Spark) are imported inside ``run`` only, so ``moneta
--version`` and ``--server`` calls start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import io
import os
import sys
from collections.abc import Sequence

__all__ = ["UsageError", "main"]

#: The command modules, in the order ``moneta --help`` lists them.
COMMAND_MODULES = ("extract", "convert", "batch", "rates", "serve")


class UsageError(Exception):
    """Invalid input or usage detected by a command: printed as one line on stderr, exit code 2."""


class _StdoutClosedError(OSError):
    """A write to standard output when the process was started with it closed (``moneta extract f.txt >&-``)."""


class _ClosedStdout(io.TextIOBase):
    """``sys.stdout`` for a process started with standard output closed, where Python leaves it ``None``.

    Every write raises :class:`_StdoutClosedError` (``EBADF``), which :func:`moneta.cli._common.output_errors` and
    :func:`main` turn into ``moneta: error: cannot write standard output: Bad file descriptor`` (exit 2); a flush
    does nothing (nothing is ever buffered), so Python's flush at exit prints nothing more.
    """

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise _StdoutClosedError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass


def _stand_in_for_closed_stdout() -> None:
    """When standard output is closed, make writing to it a one-line error rather than an AttributeError on
    ``None``, and hold file descriptor 1 open on ``/dev/null`` so that no file the command opens (an output, a
    database) gets it: a library or worker process writing to descriptor 1 would otherwise write into that file.
    """
    if sys.stdout is not None:
        return
    try:
        os.fstat(1)
    except OSError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != 1:
                os.dup2(devnull, 1)
                os.close(devnull)
        except OSError:  # no /dev/null: descriptor 1 stays free
            pass
    sys.stdout = _ClosedStdout()


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"moneta: error: {message}\n")


class _VersionAction(argparse.Action):
    """``--version``: print ``moneta <version> (engine: compiled (mypyc))`` (or ``interpreted``) and exit 0. The
    version is read only then (``moneta.__version__`` goes through importlib.metadata, tens of ms that every other
    command would pay at start-up)."""

    def __init__(
        self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: object
    ) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show moneta's version and exit"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from moneta import __version__

        try:  # which build of the engine is installed, found without importing (starting) it
            from moneta_service.build_info import installed_engine_build
        except ImportError:  # a client-only install: no engine
            print(f"moneta {__version__}")
        else:
            print(f"moneta {__version__} (engine: {installed_engine_build()})")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """Return the root parser with every command registered."""
    parser = _Parser(prog="moneta", description="Find, normalise and convert monetary amounts in text.")
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"moneta.cli.{name}")
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 not ok, 2 usage or input error)."""
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    if words and words[0].startswith("-") and words[0] not in ("-h", "--help", "--version"):
        # argparse would only say that COMMAND is missing; name the option it does not know instead
        parser.error(f"unrecognized option {words[0]!r} before the command (usage: moneta COMMAND [OPTIONS])")
    args = parser.parse_args(argv)
    # gRPC's C core logs at INFO by default in this release (a failed TLS handshake prints a raw
    # "ssl_transport_security.cc" line before moneta's own message); errors reach the user through moneta's
    # one-line messages instead. An explicit GRPC_VERBOSITY from the user still wins.
    os.environ.setdefault("GRPC_VERBOSITY", "ERROR")
    _stand_in_for_closed_stdout()  # (after parsing: --help and --version on a closed stdout print nothing, exit 0)
    try:
        code: int = args.func(args)
    except UsageError as exc:
        from moneta._quoting import one_line

        _say(f"moneta: error: {one_line(str(exc))}")
        return 2
    except _StdoutClosedError as exc:  # written outside output_errors (e.g. `moneta rates update`'s line)
        _say(f"moneta: error: cannot write standard output: {exc.strerror}")
        return 2
    except BrokenPipeError:  # e.g. `moneta extract ... | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: one line, never a traceback (MONETA_DEBUG=1 re-raises)
        if os.environ.get("MONETA_DEBUG"):
            raise
        from moneta._quoting import one_line

        _say(f"moneta: internal error: {type(exc).__name__}: {one_line(str(exc))} (a bug; please report it)")
        return 1
    return code


def _say(line: str) -> None:
    """Print ``line`` on stderr, unless stderr cannot be written (``2>&1 | head`` after the reader exited, a
    closed stderr): the exit code still tells the error."""
    try:
        if sys.stderr is not None:
            print(line, file=sys.stderr, flush=True)
    except OSError:  # point it at /dev/null: Python's flush of the unwritten line at exit would fail again
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stderr.fileno())
            os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
