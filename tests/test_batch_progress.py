"""moneta.batch.load.Progress: a bar with rate and ETA on a terminal, plain log lines otherwise."""

from __future__ import annotations

import io

from moneta.batch.load import LoadSummary, Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(1000, lambda: 250, stream=stream, interval=0.0)
    progress.update(LoadSummary(rows_read=10, failed=1, mentions=4))
    progress.update(LoadSummary(rows_read=40, failed=1, mentions=9), final=True)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("moneta batch: 25% 10 rows, 1 failed, 4 mentions")
    assert "ETA" in lines[0]
    assert lines[1].endswith("(done)")
    assert "\r" not in stream.getvalue()


def test_bar_on_a_terminal() -> None:
    stream = _Terminal()
    progress = Progress(1000, lambda: 500, stream=stream)
    progress.update(LoadSummary(rows_read=10), final=True)
    output = stream.getvalue()
    assert output.startswith("\r[###############...............]  50% 10 rows")
    assert output.endswith("\n")


def test_no_eta_without_a_size() -> None:
    stream = io.StringIO()
    Progress(0, lambda: 0, stream=stream, interval=0.0).update(LoadSummary(rows_read=3))
    assert "ETA" not in stream.getvalue()
    assert "%" not in stream.getvalue()
