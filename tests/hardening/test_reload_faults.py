"""A reload that fails in any way, SIGHUP's included, keeps the graph already served."""

from __future__ import annotations

import pytest

from govgraph.api.holder import GraphHolder
from govgraph.cli.serve import _reload
from govgraph.governance import Governance, load


def _broken() -> Governance:
    # A failure that is no GovGraphError: before, it killed the SIGHUP reload thread.
    raise RecursionError("maximum recursion depth exceeded")


def test_a_sighup_reload_that_raises_keeps_the_old_graph(capsys: pytest.CaptureFixture[str]) -> None:
    holder = GraphHolder(_broken, load([]))
    before = holder.current
    _reload(holder)  # what the SIGHUP handler's thread runs
    assert holder.current is before
    err = capsys.readouterr().err
    assert f"reload failed; still serving the graph loaded at {before.loaded_at.isoformat()}" in err
    assert "RecursionError" in err
