"""Query results as tables: ``govgraph.tables.rows`` (what ``--format csv`` writes) and
``govgraph.to_pandas``, on the example roster (its gaps are listed in docs/example-roster.md)."""

from __future__ import annotations

import sys
from datetime import date

import pytest

import govgraph
from govgraph.tables import rows


@pytest.fixture(scope="module")
def gg() -> govgraph.Governance:
    return govgraph.load()


def test_rows_of_an_empty_result_have_their_columns(gg: govgraph.Governance) -> None:
    table = rows(gg.gaps(as_of="2012-01-01"))  # no body and no rule existed yet: no verdict at all
    assert table.rows == [] and table.columns[:3] == ["rule_id", "description", "subject_id"]
    assert "missing.vacant_seats" in table.columns


def test_to_pandas_keeps_python_values(gg: govgraph.Governance) -> None:
    pytest.importorskip("pandas", reason="pandas is not a govgraph dependency; installed for benchmarks")
    frame = govgraph.to_pandas(gg.gaps(as_of="2014-06-01", rule="crg-chair"))
    # Example roster gap (b): the Vascular Disease CRG has no chair (seed 001 paras 20 and 39).
    assert frame[["subject_id", "outcome", "missing.vacant_seats"]].values.tolist() == [
        ["crg:VAS", "failed", ["post:crg:VAS/chair"]]
    ]
    members = govgraph.to_pandas(gg.members("crg:CFS", as_of="2014-06-01"))
    assert list(members.columns) == rows(gg.members("crg:CFS", as_of="2014-06-01")).columns
    held = members.dropna(subset=["holders.person_id"])
    assert all(isinstance(day, date) for day in held["holders.valid_from"])
    empty = govgraph.to_pandas(gg.gaps(as_of="2012-01-01"))
    assert empty.empty and list(empty.columns) == rows(gg.gaps(as_of="2012-01-01")).columns


def test_to_pandas_without_pandas_says_what_to_install(
    gg: govgraph.Governance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(ImportError, match="pip install pandas"):
        govgraph.to_pandas(gg.stats())


def test_every_result_converts_itself_to_the_same_frame(gg: govgraph.Governance) -> None:
    pytest.importorskip("pandas")
    from govgraph.queries._result import Result
    from govgraph.tables import _SPECS

    # Every result that has a table has the method, from one base class.
    assert all(issubclass(model, Result) for model in _SPECS)
    overload = gg.overload(as_of="2014-06-01")
    frame = overload.to_pandas()
    # Example roster gap (g): Dr Ada Example alone holds five seats or more, nine of them.
    assert frame[["person_id", "seats"]].values.tolist() == [["person:ada-example", 9]]
    assert frame.equals(govgraph.to_pandas(overload))


def test_method_names_are_the_commands() -> None:
    from govgraph.cli import COMMANDS

    # The queries that are commands of the CLI, under the command's name (what-if -> what_if).
    queries = set(COMMANDS) - {"serve", "render", "validate", "template", "export", "synth", "load", "person", "seat"}
    assert {name.replace("-", "_") for name in queries} <= set(dir(govgraph.Governance))
