"""Quoting user input in error messages (no imports: used on the CLI's start-up path and by the server)."""

from __future__ import annotations

__all__ = ["one_line", "quoted"]


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for an error message: its ``repr``, cut to ``limit`` code points with the full length said
    when longer ("'100000…' (401 characters)"), so a cut value is never mistaken for a smaller one."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} characters)"


def one_line(text: str) -> str:
    """``text`` as one line for an error message: its non-blank lines stripped and joined with ``"; "``, and any
    other control character escaped (``\\x0f``), so a library's multi-line message (pyarrow's end with a line
    break, some span two) stays one line (a tab becomes a space) on stderr or in an ``errors`` row.

    >>> one_line("Couldn't deserialize thrift: bad\\x0f\\nDeserializing page header failed.\\n")
    "Couldn't deserialize thrift: bad\\\\x0f; Deserializing page header failed."
    """
    joined = "; ".join(part.strip() for part in text.splitlines() if part.strip())
    if joined.isprintable():
        return joined
    return "".join(ch if ch.isprintable() else " " if ch.isspace() else repr(ch)[1:-1] for ch in joined)
