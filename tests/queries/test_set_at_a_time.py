"""The day's columns (every seat at once, as arrays) on the cases a walk answers one by one.

``test_day_tables_equal`` compares whole reports on real-shaped rosters; these are the
corners those rosters do not reach, with the values worked by hand on the fixture of
``tests/queries/fixture.py``: crg:TST's one seat for senate:b is vacant, and senate:a's
is held by bob (acting) from 2013-04-01.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from itertools import pairwise

import pytest

from govgraph.governance import EXAMPLE_ROSTER
from govgraph.graph.model import Edge, EdgeType, Person, Post, Role
from govgraph.loaders import load_reference
from govgraph.loaders.roster import load_rosters
from govgraph.queries import coverage, gaps
from govgraph.queries._columns import SeatColumns, day_columns
from govgraph.queries._day import MAX_EX_OFFICIO_HOPS, DayIndex, SeatTables
from tests.queries import fixture
from tests.queries.reference import WalkedIndex

DAY = "2015-01-01"


def cell(store, area: str, **kwargs) -> tuple[int, int]:
    row = next(r for r in coverage(store, of="crg", by="senate", as_of=DAY, **kwargs).bodies if r.id == "crg:TST")
    (found,) = [(c.filled, c.vacant) for c in row.cells if c.area_id == area]
    return found


def with_ex_officio_chain(links: int, attested_to: date | None = None):
    """The fixture with one more crg:TST seat for senate:b, filled ex officio through a
    chain of ``links`` EX_OFFICIO edges whose last post zed holds (a holding no source
    describes after ``attested_to``, if given)."""
    store = fixture.build()
    src, start = fixture.SRC, date(2013, 4, 1)
    seat = "post:crg:TST/senate-b-ex-officio"
    store.add_node(Post(id=seat, name="ex officio", role=Role.CLINICAL_MEMBER, source=src))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id=seat, to_id="crg:TST", source=src))
    store.add_edge(Edge(type=EdgeType.REPRESENTS, from_id=seat, to_id="senate:b", source=src))
    chain = [seat] + [f"post:org:chain/p{n}" for n in range(1, links + 1)]
    for post in chain[1:]:
        store.add_node(Post(id=post, name=post, role=Role.CHAIR, source=src))
    for a, b in pairwise(chain):
        store.add_edge(Edge(type=EdgeType.EX_OFFICIO, from_id=a, to_id=b, valid_from=start, source=src))
    store.add_node(Person(id="person:zed", name="Zed", source=src))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:zed", to_id=chain[-1], valid_from=start,
                        attested_to=attested_to, source=src))  # fmt: skip
    return store


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (1, (1, 1)),  # the new seat filled through one link; the old senate-b seat vacant
        (2, (1, 1)),
        (MAX_EX_OFFICIO_HOPS, (1, 1)),  # eight links are still followed
        (MAX_EX_OFFICIO_HOPS + 1, (0, 2)),  # nine are a data error: the seat counts as vacant
    ],
)
def test_a_seat_filled_ex_officio_counts_as_filled(links, expected) -> None:
    store = with_ex_officio_chain(links)
    assert day_columns(DayIndex(store, DAY)) is not None  # the arrays answer, not the walk
    assert cell(store, "senate:b") == expected
    assert cell(store, "senate:b", index=WalkedIndex(store, DAY)) == expected


def test_without_the_chain_senate_b_has_one_vacant_seat() -> None:
    assert cell(fixture.build(), "senate:b") == (0, 1)


def test_the_columns_follow_every_write() -> None:
    """A holding written after a query shows in the next: the arrays are rebuilt with the
    seat tables when the graph changes."""
    store = fixture.build()
    assert cell(store, "senate:b") == (0, 1)
    (before,) = gaps(store, as_of=DAY, rule="crg-senate-coverage").gaps
    assert [m.what for m in before.missing] == ["senate:b"]  # a has bob, london cat, dan and ada
    store.add_node(Person(id="person:kim", name="Kim", source=fixture.SRC))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:kim", to_id="post:crg:TST/senate-b",
                        valid_from=date(2014, 4, 1), source=fixture.SRC))  # fmt: skip
    assert cell(store, "senate:b") == (1, 0)
    after = gaps(store, as_of=DAY, rule="crg-senate-coverage")
    assert (after.gaps, after.verdicts_passed) == ([], 1)


def test_a_body_with_an_ex_officio_seat_is_counted_seat_by_seat() -> None:
    """Its members are another seat's holders, which the arrays do not name: the counting
    rules read it the slow way, with the same answers as the walk."""
    store = with_ex_officio_chain(2)
    columns = day_columns(DayIndex(store, DAY))
    assert columns is not None
    tst = columns.columns.bodies.number["crg:TST"]
    assert columns.columns.ex_officio[tst] and not columns.columns.flagged[tst]
    assert gaps(store, as_of=DAY, kind="CRG") == gaps(store, as_of=DAY, kind="CRG", index=WalkedIndex(store, DAY))


def test_a_holding_past_attested_to_at_the_end_of_a_chain_sets_the_body_aside() -> None:
    """zed's holding of the last post is not attested after 2014-12-31: every verdict
    resting on crg:TST's ex officio seat must weigh it, so the body is read seat by seat,
    and the Senate coverage rule is not assessed (it would rest on that holding)."""
    store = with_ex_officio_chain(2, attested_to=date(2014, 12, 31))
    columns = day_columns(DayIndex(store, DAY))
    assert columns is not None
    assert columns.columns.flagged[columns.columns.bodies.number["crg:TST"]]
    report = gaps(store, as_of=DAY, rule="crg-senate-coverage")
    assert report == gaps(store, as_of=DAY, rule="crg-senate-coverage", index=WalkedIndex(store, DAY))
    (verdict,) = report.not_assessed
    assert verdict.reason == "the data this rule needs is not attested after 2014-12-31"


def test_a_seat_speaking_for_an_area_and_its_predecessor_counts_once() -> None:
    """board:B's seat speaks for ccg:X; add icb:Y, which succeeded it: both count for the
    icb:Y column, and the seat (joe's, 2021 to 2023) is one filled seat there, not two."""
    store = fixture.build()
    store.add_edge(Edge(type=EdgeType.REPRESENTS, from_id="post:board:B/ccg-x", to_id="icb:Y", source=fixture.SRC))
    for index in (None, WalkedIndex(store, "2023-01-01")):
        (row,) = coverage(store, of="board", by="icb", as_of="2023-01-01", index=index).bodies
        assert [(c.area_id, c.filled, c.vacant) for c in row.cells] == [("icb:Y", 1, 0)]


def test_threads_asking_at_once_share_one_build_of_the_tables() -> None:
    """The service answers in a thread pool: requests arriving together after a load must
    get the one set of tables and arrays, not a build each (fifty builds of a big graph's
    tables starved the service)."""
    store = load_reference()
    load_rosters(store, [EXAMPLE_ROSTER])
    start = threading.Barrier(8)

    def ask() -> tuple[int, int]:
        start.wait()
        tables = SeatTables.of(store)
        assert tables is not None
        return id(tables), id(SeatColumns.of(tables))

    with ThreadPoolExecutor(max_workers=8) as pool:
        built = set(pool.map(lambda _: ask(), range(8)))
    assert len(built) == 1
