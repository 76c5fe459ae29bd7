"""``merge``'s check of a batch's edges: asked a column at a time first, then, when any edge
may be wrong, edge by edge, which words each problem. Each batch below holds one kind of
wrong edge among right ones, so that the first check must send it on to the second; the
expected problems are worked from the check's rules by hand."""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import LoadError, Problem
from govgraph.graph.model import Body, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.loaders._build import Batch, Origin, RowEdge, RowNode, merge


def _store() -> NetworkXStore:
    store = NetworkXStore()
    store.add_node(Body(id="board:alpha", kind=NodeKind.BOARD, name="Alpha Board", source="fixture"))
    store.add_node(Post(id="post:board:alpha/chair", name="Chair", role=Role.CHAIR, source="fixture"))
    store.add_node(Person(id="person:ada", name="Ada", source="fixture"))
    store.add_edge_attrs(
        "person:ada",
        "post:board:alpha/chair",
        {"type": "HOLDS", "valid_from": "2014-01-01", "valid_to": "2016-01-01", "source": "fixture"},
    )
    return store


def _batch(*edges: RowEdge) -> Batch:
    """Two new people and a new seat of the store's board, and ``edges``, each from row 2 on."""
    batch = Batch(sources=["r"])
    member = RowNode(NodeKind.POST, "post:board:alpha/member", "Member", "r", role=Role.CLINICAL_MEMBER)
    batch.nodes = [
        (RowNode(NodeKind.PERSON, "person:bo", "Bo", "r"), Origin("people.csv", 2)),
        (RowNode(NodeKind.PERSON, "person:cy", "Cy", "r"), Origin("people.csv", 3)),
        (member, Origin("posts.csv", 2)),
    ]
    post_in = RowEdge(EdgeType.POST_IN, "post:board:alpha/member", "board:alpha", "r")
    batch.edges = [(post_in, Origin("posts.csv", 2))]
    batch.edges += [(edge, Origin("memberships.csv", row)) for row, edge in enumerate(edges, start=2)]
    return batch


def _holds(person: str, post: str, start: date, end: date | None = None) -> RowEdge:
    return RowEdge(EdgeType.HOLDS, person, post, "r", start, end)


def _problems(batch: Batch) -> list[Problem]:
    with pytest.raises(LoadError) as raised:
        merge(_store(), batch)
    return raised.value.problems


def test_a_batch_of_right_edges_goes_in_whole() -> None:
    store = merge(
        _store(),
        _batch(
            _holds("person:bo", "post:board:alpha/member", date(2015, 1, 1), date(2015, 6, 1)),
            _holds("person:bo", "post:board:alpha/member", date(2016, 1, 1)),  # again, from another day
            _holds("person:cy", "post:board:alpha/chair", date(2016, 1, 1)),  # a seat of the store's, after Ada
        ),
    )
    assert sorted(e.from_id for e in store.in_edges("post:board:alpha/member", EdgeType.HOLDS)) == ["person:bo"] * 2
    assert [e.from_id for e in store.in_edges("post:board:alpha/chair", EdgeType.HOLDS)] == ["person:ada", "person:cy"]


def test_an_edge_to_an_unknown_id_is_reported_at_its_row() -> None:
    # The hint comes from the store's ids first (``suggest_id``): its chair is close enough.
    problems = _problems(_batch(_holds("person:bo", "post:board:alpha/membr", date(2015, 1, 1))))
    message = "unknown id 'post:board:alpha/membr'; did you mean 'post:board:alpha/chair'?"
    assert problems == [Problem("memberships.csv", 2, "to_id", message)]


def test_an_edge_between_kinds_its_type_does_not_join_is_reported() -> None:
    # A person holds a seat, not a board.
    problems = _problems(_batch(_holds("person:bo", "board:alpha", date(2015, 1, 1))))
    assert problems == [
        Problem("memberships.csv", 2, "to_id", "HOLDS cannot end at 'board:alpha' (a Board); expected a Post")
    ]


def test_two_edges_of_one_type_between_two_nodes_from_one_day_are_reported_once() -> None:
    same = [_holds("person:cy", "post:board:alpha/member", date(2015, 1, 1)) for _ in range(2)]
    problems = _problems(_batch(*same))
    # The second is the duplicate (row 3); the pair also holds a single-holder seat at once.
    assert [(p.row, p.message) for p in problems if "duplicate" in p.message] == [
        (3, "duplicate HOLDS edge 'person:cy' -> 'post:board:alpha/member' starting 2015-01-01")
    ]


def test_an_edge_repeating_one_the_store_has_is_reported() -> None:
    # The store's own person and seat, from the day the store's edge starts: the same key.
    problems = _problems(_batch(_holds("person:ada", "post:board:alpha/chair", date(2014, 1, 1))))
    assert [(p.row, p.message) for p in problems if "duplicate" in p.message] == [
        (2, "duplicate HOLDS edge 'person:ada' -> 'post:board:alpha/chair' starting 2014-01-01")
    ]
