"""The day tables (set-at-a-time) give exactly the answers of the straightforward walk.

The reference is ``tests/queries/reference.py``: every body's seats walked from the store
with models and every read through the witness, as the queries did before the tables.
Both ways of filling the tables (from the whole graph's seat tables, and node by node)
go through the same public queries (``index=``), so everything a caller sees is
compared: outcomes, reasons, counts found, shortfalls, vacant seats, notes and order.
"""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.governance import EXAMPLE_ROSTER
from govgraph.graph.model import Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.loaders import load_reference
from govgraph.loaders.roster import load_rosters
from govgraph.loaders.synthetic import synthesise, write_roster
from govgraph.queries import coverage, gaps, representation
from govgraph.queries._day import DayIndex, SeatTables
from govgraph.queries._seats import seats_of
from govgraph.queries.coverage import By, Of, _speakers
from govgraph.queries.rules import ChainUnbroken, builtin_rules, load_rules
from tests.queries import fixture
from tests.queries.reference import WalkedIndex, walked_seats

DAYS = ["2014-06-01", "2016-01-01", "2019-06-01", "2024-01-01", date.today().isoformat()]
RULES = builtin_rules()


@pytest.fixture(scope="module")
def example():
    store = load_reference()
    load_rosters(store, [EXAMPLE_ROSTER])
    return store


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    write_roster(synthesise(2, 42), folder)
    store = load_reference()
    load_rosters(store, [folder])
    return store


def assert_same_answers(store, day, rules=RULES) -> int:
    """Compare both paths on every query that reads seats; the number of verdicts given."""
    tables = gaps(store, as_of=day, rules=rules, index=DayIndex(store, day))
    walked = gaps(store, as_of=day, rules=rules, index=WalkedIndex(store, day))
    assert tables.model_dump() == walked.model_dump()
    assert gaps(store, as_of=day, rules=rules, index=DayIndex(store, day, by_node=True)) == tables
    for of in Of:
        for by in By:
            matrix = coverage(store, of=of, by=by, as_of=day)
            assert matrix == coverage(store, of=of, by=by, as_of=day, index=WalkedIndex(store, day))
            assert cells(matrix) == area_by_area(store, matrix, day)
    shared = DayIndex(store, day)  # one index for every subject, as a request shares it
    for id in subjects(store, rules):
        one = representation(store, id, as_of=day, rules=rules)
        assert one == representation(store, id, as_of=day, rules=rules, index=WalkedIndex(store, day))
        assert one == representation(store, id, as_of=day, rules=rules, index=shared)
        assert one == representation(store, id, as_of=day, rules=rules, index=DayIndex(store, day, by_node=True))
    return tables.verdicts_checked


def cells(matrix) -> dict[tuple[str, str], tuple[int, int]]:
    return {(row.id, c.area_id): (c.filled, c.vacant) for row in matrix.bodies for c in row.cells}


def area_by_area(store, matrix, day) -> dict[tuple[str, str], tuple[int, int]]:
    """The matrix's cells counted the straightforward way: for each body and each area, the
    walked seats whose targets meet the area's (coverage's column for it, from its own rule)."""
    speakers = {area.id: _speakers(store, area.id, matrix.by, day) for area in matrix.areas}
    found = {}
    for row in matrix.bodies:
        seats = walked_seats(store, row.id, day)
        for area in matrix.areas:
            for_area = [s for s in seats if speakers[area.id].intersection(s.represents)]
            found[row.id, area.id] = (sum(s.filled for s in for_area), sum(not s.filled for s in for_area))
    return found


def subjects(store, rules) -> list[str]:
    """Every body of a kind some rule is written for, and the posts the rules name by id or role."""
    kinds = {r.applies_to.kind for r in rules} - {NodeKind.POST}
    ids = [node["id"] for kind in sorted(kinds) for node in store.nodes(kind)]
    posts = {i for r in rules for i in r.applies_to.ids if store.has_node(i)}
    posts |= {p["id"] for r in rules if r.applies_to.role for p in store.posts_with_role(r.applies_to.role)}
    return ids + sorted(posts)[:100]  # a sample of the posts is enough: they all take one path


@pytest.mark.parametrize("day", DAYS)
def test_example_roster(example, day) -> None:
    assert assert_same_answers(example, day) > 0  # the 2014-2016 CRGs, the 2022 boards: some rule is always in force


@pytest.mark.parametrize("day", DAYS)
def test_synthetic_roster(synthetic, day) -> None:
    assert assert_same_answers(synthetic, day) > 0


@pytest.mark.parametrize("day", ["2013-06-01", "2014-01-01", "2015-06-01", "2021-06-01", "2023-06-01"])
def test_hand_drawn_fixture(day) -> None:
    store = fixture.build()
    # The fixture has no National Clinical Director's office: a line of sight to it cannot be asked.
    rules = [r for r in RULES if not (isinstance(r.check, ChainUnbroken) and not store.has_node(r.check.to))]
    assert_same_answers(store, day, rules)


@pytest.mark.parametrize("day", ["2014-01-01", "2015-04-01", "2016-04-01", "2017-01-01", "2024-01-01"])
def test_hand_drawn_terms_and_attested_to(tmp_path, day) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(fixture.TERMS_RULES_YAML)
    assert_same_answers(fixture.build_terms(), day, load_rules([path], with_builtin=False))


def terms_with_seats_past_attested_to():
    """The terms fixture with records on the seats' side that no source describes after a
    day: a holding (jon, C4's chair, to 2015-03-31), a seat (C3's collaborating
    commissioner, to 2016-03-31) and an ex officio link (board:R's PPV seat follows C1's
    chair, to 2016-03-31)."""
    store = fixture.build_terms()
    src, start = fixture.SRC, date(2013, 4, 1)
    store.add_node(Person(id="person:jon", name="Jon", source=src))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:jon", to_id="post:crg:C4/chair", valid_from=start,
                        attested_to=date(2015, 3, 31), source=src))  # fmt: skip
    store.add_node(Post(id="post:crg:C3/collaborating-commissioner", name="collaborating-commissioner",
                        role=Role.COLLABORATING_COMMISSIONER, attested_to=date(2016, 3, 31), source=src))  # fmt: skip
    store.add_edge(Edge(type=EdgeType.EX_OFFICIO, from_id="post:board:R/ppv", to_id="post:crg:C1/chair",
                        valid_from=start, attested_to=date(2016, 3, 31), source=src))  # fmt: skip
    return store


@pytest.mark.parametrize("day", ["2014-01-01", "2015-06-01", "2016-04-01", "2017-01-01"])
def test_seats_past_attested_to(tmp_path, day) -> None:
    path = tmp_path / "terms.yaml"
    path.write_text(fixture.TERMS_RULES_YAML)
    rules = load_rules([path], with_builtin=False)
    store = terms_with_seats_past_attested_to()
    assert_same_answers(store, day, rules)
    # jon's holding is past what is attested from 2015-04-01: C4's verdicts reading it are not assessed.
    reasons = {v.reason for v in representation(store, "crg:C4", as_of=day, rules=rules).verdicts}
    assert ("the data this rule needs is not attested after 2015-03-31" in reasons) == (day >= "2015-04-01")


def test_the_seat_tables_follow_every_write() -> None:
    """The whole graph's seat tables are kept between queries; a write must show in the next."""
    store = fixture.build()
    chair, day = "post:crg:TST/chair", "2015-01-01"  # ada's term as chair ended 2014-04-01: vacant
    tables = SeatTables.of(store)
    assert tables is SeatTables.of(store)  # kept while nothing is written
    assert [s.holders for s in seats_of(store, "crg:TST", day) if s.post_id == chair] == [[]]
    store.add_node(Person(id="person:kim", name="Kim", source=fixture.SRC))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:kim", to_id=chair, valid_from=date(2014, 4, 1),
                        source=fixture.SRC))  # fmt: skip
    assert SeatTables.of(store) is not tables
    (seat,) = [s for s in seats_of(store, "crg:TST", day) if s.post_id == chair]
    assert [(h.person_id, h.name) for h in seat.holders] == [("person:kim", "Kim")]
    store.end_edge("person:kim", chair, "HOLDS@2014-04-01", "2014-12-01")
    assert [s.holders for s in seats_of(store, "crg:TST", day) if s.post_id == chair] == [[]]
    store.add_node(Post(id=chair, name="Chair, renamed", role=Role.CHAIR, source=fixture.SRC))
    assert [s.name for s in seats_of(store, "crg:TST", day) if s.post_id == chair] == ["Chair, renamed"]
