"""The progress bar the command line draws while a roster loads (govgraph.cli.progress)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from govgraph.cli import progress as cli_progress
from govgraph.cli.progress import terminal_progress
from govgraph.loaders import load_reference, load_rosters

SMALL = Path(__file__).parent.parent / "data" / "rosters" / "small"  # 20 rows


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(cli_progress, "PROGRESS_ROWS", 5)
    with terminal_progress() as progress:
        load_rosters(load_reference(), [SMALL], progress=progress)
    assert capsys.readouterr().err == ""  # pytest's stderr is not a terminal
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_progress() as progress:
        load_rosters(load_reference(), [SMALL], progress=progress)
    assert "Checking roster rows" in terminal.getvalue()


def test_a_small_roster_shows_no_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_progress() as progress:  # 20 rows: under PROGRESS_ROWS
        load_rosters(load_reference(), [SMALL], progress=progress)
    assert terminal.getvalue() == ""
