"""Names and totals of the period: ``stats`` says how many of the CRGs a source counts the dataset names;
queries give an area the name it had on the day."""

from __future__ import annotations

import pytest

from govgraph.loaders import load_reference
from govgraph.queries.lookup import stats


@pytest.fixture(scope="module")
def reference():
    return load_reference()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # No total is stated for 2013-16 (the 2013 CRGs are all listed): nothing to add.
        ("2015-01-01", []),
        # HSJ: 41 CRGs from 2016-04-01. crgs_after_2016_partial.csv names 36, of which six are first seen on
        # pages of about 2021-23 and start then: 30.
        ("2017-01-01", [("CRG", 30, 41, "30 of 41 named in the dataset")]),
        # 002: 38 CRGs from 2023-04-01. The 36 and the Genomics CRG of 002: 37.
        ("2024-01-01", [("CRG", 37, 38, "37 of 38 named in the dataset")]),
    ],
)
def test_stats_give_the_stated_total_beside_the_named(reference, day, expected) -> None:
    assert [(n.kind, n.named, n.total, n.text) for n in stats(reference, as_of=day).named] == expected


def test_areas_carry_their_name_of_the_period(reference) -> None:
    from govgraph.queries.lookup import show
    from govgraph.queries.representation import representation

    # 01K is "NHS Lancashire North CCG" in the 2015 list and 004 Appendix 2, "NHS Morecambe Bay CCG" in
    # 2021 (docs/dataset.md, "Names by period").
    rep = representation(reference, "board:oversight-north-west", as_of="2016-01-01")
    assert rep.areas["ccg:01K"] == "NHS Lancashire North CCG"
    (hub,) = [r for r in show(reference, "hub:north-west", as_of="2016-01-01").relations if r.id == "ccg:01K"]
    assert hub.name == "NHS Lancashire North CCG"
    assert reference.node("ccg:01K")["name"] == "NHS Morecambe Bay CCG"  # the later name stays the node's name
