"""Quoting user input in error messages (no imports: used on the CLI's start-up path and by the server)."""

from __future__ import annotations

__all__ = ["quoted"]


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for an error message: its ``repr``, cut to ``limit`` code points with the full length said
    when longer ("'100000…' (401 characters)"), so a cut value is never mistaken for a smaller one."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"
