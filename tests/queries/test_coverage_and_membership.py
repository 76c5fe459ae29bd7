from __future__ import annotations

import pytest

from govgraph.errors import InvalidDate, InvalidParameter, NotFound
from govgraph.queries.coverage import coverage
from govgraph.queries.membership import members, overload, posts_of
from tests.queries import fixture


@pytest.fixture(scope="module")
def store():
    return fixture.build()


def cells(result, body):
    (row,) = [r for r in result.bodies if r.id == body]
    return {c.area_id: (c.filled, c.vacant) for c in row.cells}


def test_crg_by_senate(store) -> None:
    result = coverage(store, of="crg", by="senate", as_of="2014-01-01")
    assert [a.id for a in result.areas] == ["senate:a", "senate:b", "senate:london"]
    assert cells(result, "crg:TST") == {"senate:a": (1, 0), "senate:b": (0, 1), "senate:london": (3, 0)}
    assert result.bodies[0].areas_without_voice == ["senate:b"]


def test_crg_by_region_rolls_senates_up(store) -> None:
    result = coverage(store, of="crg", by="region", as_of="2014-01-01")
    assert cells(result, "crg:TST") == {"region:r1": (1, 1), "region:r2": (3, 0)}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2021-06-01", (1, 0)),  # before the ICB existed: answered through ccg:X
        ("2023-01-01", (1, 0)),  # after: the seat still speaking for ccg:X counts for icb:Y
        ("2024-01-01", (0, 1)),  # joe's holding has ended
    ],
)
def test_a_ccg_seat_counts_for_its_icb_on_both_sides_of_july_2022(store, day, expected) -> None:
    assert cells(coverage(store, of="board", by="icb", as_of=day), "board:B") == {"icb:Y": expected}


def test_members_count_distinct_people_and_list_vacancies(store) -> None:
    m = members(store, "crg:TST", as_of="2014-06-01")
    assert m.member_count == 9 and m.vacant_seats == 3  # chair, senate-b, accountable commissioner
    ppv = next(s for s in m.seats if s.post_id.endswith("/ppv"))
    assert [h.person_id for h in ppv.holders] == ["person:eve", "person:fay"]
    vacant_rows = [r for r in m.rows() if not r["held by"]]
    assert [r["seat"] for r in vacant_rows] == [
        "post:crg:TST/accountable-commissioner",
        "post:crg:TST/chair",
        "post:crg:TST/senate-b",
    ]


def test_posts_of_a_person_and_overload(store) -> None:
    assert [p.post_id for p in posts_of(store, "person:ada", as_of="2014-01-01").posts] == [
        "post:crg:TST/chair",
        "post:crg:TST/senate-london-3",
    ]
    assert [(o.person_id, o.seats) for o in overload(store, min_seats=2, as_of="2014-01-01").people] == [
        ("person:ada", 2)
    ]
    assert overload(store, min_seats=2, as_of="2014-06-01").people == []


def test_bad_input_raises(store) -> None:
    with pytest.raises(NotFound):
        members(store, "crg:NOPE")
    with pytest.raises(InvalidDate):
        coverage(store, as_of="2014-02-30")
    with pytest.raises(InvalidParameter, match="'planet' is not a valid By"):
        coverage(store, by="planet")
