"""Properties of the as-of rule, the rule engine and succession, over generated cases."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from govgraph.graph.model import Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import active
from govgraph.queries._seats import holders
from govgraph.queries.coverage import coverage
from govgraph.queries.representation import representation
from govgraph.queries.rules import CountBetween, CoversEach, InForce, Rule, Subjects

DAYS = st.dates(min_value=date(2012, 1, 1), max_value=date(2030, 12, 31))


def board_with_seats(holdings: list[tuple[date, date | None]]) -> NetworkXStore:
    """board:B with one multi-holder seat held by one person per (start, end) span."""
    store = NetworkXStore()
    store.add_node(Body(id="board:B", kind=NodeKind.BOARD, name="B", source="t"))
    store.add_node(Post(id="post:board:B/seat", name="seat", role=Role.MEMBER, single_holder=False, source="t"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:board:B/seat", to_id="board:B", source="t"))
    for n, (start, end) in enumerate(holdings):
        store.add_node(Person(id=f"person:p{n}", name=f"P{n}", source="t"))
        store.add_edge(Edge(type=EdgeType.HOLDS, from_id=f"person:p{n}", to_id="post:board:B/seat",
                            valid_from=start, valid_to=end, source="t"))  # fmt: skip
    return store


@st.composite
def spans(draw) -> tuple[date, date | None]:
    start = draw(DAYS)
    length = draw(st.none() | st.integers(min_value=1, max_value=4000))
    return start, (start + timedelta(days=length)) if length else None


@given(spans(), DAYS)
def test_a_holding_counts_on_a_day_exactly_when_start_le_day_lt_end(span, day) -> None:
    start, end = span
    store = board_with_seats([span])
    counted = bool(holders(store, "post:board:B/seat", day.isoformat()))
    assert counted == (start <= day and (end is None or day < end))
    attrs = {"valid_from": start.isoformat(), **({"valid_to": end.isoformat()} if end else {})}
    assert active(attrs, day.isoformat()) == counted


@settings(max_examples=60, deadline=None)
@given(st.lists(spans(), max_size=8), DAYS, st.integers(0, 8), st.integers(0, 8))
def test_count_between_passes_exactly_when_the_members_are_within_bounds(holdings, day, low, extra) -> None:
    store = board_with_seats(holdings)
    rule = Rule(id="size", description="d", applies_to=Subjects(kind=NodeKind.BOARD),
                check=CountBetween(shape="count_between", minimum=low, maximum=low + extra), source="s")  # fmt: skip
    (verdict,) = representation(store, "board:B", as_of=day.isoformat(), rules=[rule]).verdicts
    members = sum(1 for start, end in holdings if start <= day and (end is None or day < end))
    assert verdict.found == members
    assert verdict.outcome == ("passed" if low <= members <= low + extra else "failed")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=1, max_size=5), st.integers(0, 3))
def test_covers_each_misses_exactly_the_areas_below_their_minimum(filled_per_area, minimum) -> None:
    store = NetworkXStore()
    store.add_node(Body(id="board:B", kind=NodeKind.BOARD, name="B", source="t"))
    for a, filled in enumerate(filled_per_area):
        store.add_node(Body(id=f"senate:s{a}", kind=NodeKind.SENATE, name=f"S{a}", source="t"))
        for n in range(3):
            post = f"post:board:B/s{a}-{n}"
            store.add_node(Post(id=post, name=post, role=Role.CLINICAL_MEMBER, source="t"))
            store.add_edge(Edge(type=EdgeType.POST_IN, from_id=post, to_id="board:B", source="t"))
            store.add_edge(Edge(type=EdgeType.REPRESENTS, from_id=post, to_id=f"senate:s{a}", source="t"))
            if n < filled:
                store.add_node(Person(id=f"person:{a}-{n}", name="x", source="t"))
                store.add_edge(Edge(type=EdgeType.HOLDS, from_id=f"person:{a}-{n}", to_id=post, source="t"))
    rule = Rule(id="cover", description="d", applies_to=Subjects(kind=NodeKind.BOARD),
                check=CoversEach(shape="covers_each", area_kind=NodeKind.SENATE, role=Role.CLINICAL_MEMBER, minimum=minimum),
                in_force=InForce(), source="s")  # fmt: skip
    (verdict,) = representation(store, "board:B", as_of="2020-01-01", rules=[rule]).verdicts
    assert [m.what for m in verdict.missing] == [f"senate:s{a}" for a, f in enumerate(filled_per_area) if f < minimum]
    assert all(len(m.vacant_seats) == 3 - m.have for m in verdict.missing)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=date(2021, 4, 1), max_value=date(2025, 12, 31)))
def test_succession_keeps_a_ccg_seat_counting_for_its_icb_on_both_sides_of_july_2022(day) -> None:
    store = NetworkXStore()
    store.add_node(
        Body(
            id="ccg:X", kind=NodeKind.CCG, name="X", valid_from=date(2021, 4, 1), valid_to=date(2022, 7, 1), source="t"
        )
    )
    store.add_node(Body(id="icb:Y", kind=NodeKind.ICB, name="Y", valid_from=date(2022, 7, 1), source="t"))
    store.add_edge(
        Edge(type=EdgeType.SUCCEEDED_BY, from_id="ccg:X", to_id="icb:Y", valid_from=date(2022, 7, 1), source="t")
    )
    store.add_node(Body(id="board:B", kind=NodeKind.BOARD, name="B", source="t"))
    store.add_node(Post(id="post:board:B/x", name="x", role=Role.CCG_REPRESENTATIVE, source="t"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:board:B/x", to_id="board:B", source="t"))
    store.add_edge(Edge(type=EdgeType.REPRESENTS, from_id="post:board:B/x", to_id="ccg:X", source="t"))
    store.add_node(Person(id="person:joe", name="Joe", source="t"))
    store.add_edge(
        Edge(type=EdgeType.HOLDS, from_id="person:joe", to_id="post:board:B/x", valid_from=date(2021, 4, 1), source="t")
    )
    (row,) = coverage(store, of="board", by="icb", as_of=day.isoformat()).bodies
    assert [(c.area_id, c.filled) for c in row.cells] == [("icb:Y", 1)]
