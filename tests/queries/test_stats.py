"""``stats`` says how many of the CRGs a source counts the dataset names."""

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
