from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import NotFound
from govgraph.graph.model import Body, Edge, EdgeType, NodeKind, Person, Post, Role
from govgraph.graph.store import NetworkXStore


def small_store() -> NetworkXStore:
    """A hand-drawn fixture: one CRG-like board with a chair seat held twice."""
    store = NetworkXStore()
    store.add_node(Body(id="board:alpha", kind=NodeKind.BOARD, name="Alpha Board", source="fixture"))
    store.add_node(Body(id="senate:london", kind=NodeKind.SENATE, name="London", source="fixture"))
    store.add_node(Post(id="post:board:alpha/chair", name="Chair", role=Role.CHAIR, source="fixture"))
    store.add_node(
        Post(id="post:board:alpha/london", name="London member", role=Role.CLINICAL_MEMBER, source="fixture")
    )
    store.add_node(Person(id="person:ada", name="Ada", source="fixture"))
    store.add_node(Person(id="person:bob", name="Bob", source="fixture"))
    store.add_edge(Edge(type=EdgeType.POST_IN, from_id="post:board:alpha/chair", to_id="board:alpha", source="fixture"))
    store.add_edge(
        Edge(type=EdgeType.POST_IN, from_id="post:board:alpha/london", to_id="board:alpha", source="fixture")
    )
    store.add_edge(
        Edge(type=EdgeType.REPRESENTS, from_id="post:board:alpha/london", to_id="senate:london", source="fixture")
    )
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:ada", to_id="post:board:alpha/chair",
                        valid_from=date(2014, 1, 1), valid_to=date(2015, 1, 1), source="fixture"))  # fmt: skip
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:bob", to_id="post:board:alpha/chair",
                        valid_from=date(2015, 1, 1), source="fixture"))  # fmt: skip
    return store


def holders(store: NetworkXStore, post: str, day: str) -> list[str]:
    return sorted(e.from_id for e in store.in_edges(post, EdgeType.HOLDS, as_of=day))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2013-12-31", []),  # the day before Ada starts
        ("2014-01-01", ["person:ada"]),  # her first day
        ("2014-12-31", ["person:ada"]),  # her last day
        ("2015-01-01", ["person:bob"]),  # valid_to is exclusive: Bob's first day, not Ada's
        ("2199-01-01", ["person:bob"]),  # open-ended
    ],
)
def test_as_of_boundaries(day: str, expected: list[str]) -> None:
    assert holders(small_store(), "post:board:alpha/chair", day) == expected


def test_lookups_by_kind_role_and_edge_type_in_both_directions() -> None:
    store = small_store()
    assert sorted(n["id"] for n in store.nodes(NodeKind.PERSON)) == ["person:ada", "person:bob"]
    assert [n["id"] for n in store.posts_with_role(Role.CHAIR)] == ["post:board:alpha/chair"]
    assert sorted(e.from_id for e in store.in_edges("board:alpha", EdgeType.POST_IN)) == [
        "post:board:alpha/chair",
        "post:board:alpha/london",
    ]
    assert [e.to_id for e in store.out_edges("post:board:alpha/london", EdgeType.REPRESENTS)] == ["senate:london"]
    assert list(store.out_edges("post:board:alpha/london", EdgeType.HOLDS)) == []
    assert sorted(e.from_id for e in store.edges(EdgeType.HOLDS)) == ["person:ada", "person:bob"]
    assert store.count(NodeKind.POST) == 2


def test_replacing_a_node_moves_it_between_role_indexes() -> None:
    store = small_store()
    store.add_node(Post(id="post:board:alpha/chair", name="Chair", role=Role.VICE_CHAIR, source="fixture"))
    assert list(store.posts_with_role(Role.CHAIR)) == []
    assert [n["id"] for n in store.posts_with_role(Role.VICE_CHAIR)] == ["post:board:alpha/chair"]


def test_unknown_id_names_it_and_suggests_the_closest() -> None:
    with pytest.raises(NotFound) as caught:
        small_store().node("post:board:alpha/chiar")
    assert caught.value.id == "post:board:alpha/chiar"
    assert caught.value.suggestions[0] == "post:board:alpha/chair"
    assert "did you mean 'post:board:alpha/chair'" in str(caught.value)
    assert isinstance(caught.value, LookupError)


def test_transposed_code_is_the_first_suggestion(reference: NetworkXStore) -> None:
    with pytest.raises(NotFound) as caught:
        reference.node("crg:CSF")
    assert caught.value.suggestions[0] == "crg:CFS"


def test_edge_to_unknown_node_is_refused() -> None:
    store = small_store()
    with pytest.raises(NotFound):
        store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:nobody", to_id="post:board:alpha/chair", source="x"))


def test_end_edge_closes_a_holding() -> None:
    store = small_store()
    store.end_edge("person:bob", "post:board:alpha/chair", "HOLDS@2015-01-01", "2016-06-01")
    assert holders(store, "post:board:alpha/chair", "2016-05-31") == ["person:bob"]
    assert holders(store, "post:board:alpha/chair", "2016-06-01") == []


def test_listing_edges_of_a_type_follows_every_write() -> None:
    """The table of a type's edges is kept between listings: adding and ending an edge must show."""
    store = small_store()
    assert sorted(e.from_id for e in store.edges(EdgeType.HOLDS, as_of="2016-01-01")) == ["person:bob"]
    store.end_edge("person:bob", "post:board:alpha/chair", "HOLDS@2015-01-01", "2016-01-01")
    assert list(store.edges(EdgeType.HOLDS, as_of="2016-01-01")) == []  # valid_to is exclusive
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:ada", to_id="post:board:alpha/london",
                        valid_from=date(2016, 1, 1), source="fixture"))  # fmt: skip
    assert [(e.from_id, e.to_id) for e in store.edges(EdgeType.HOLDS, as_of="2016-01-01")] == [
        ("person:ada", "post:board:alpha/london")
    ]
    # Open bounds: Bob's holding before its start, and every edge of a type on no day.
    assert [e.from_id for e in store.edges(EdgeType.HOLDS, as_of="2014-06-01")] == ["person:ada"]
    assert len(list(store.edges(EdgeType.HOLDS))) == 3
    assert [e.to_id for e in store.edges(EdgeType.REPRESENTS, as_of="1900-01-01")] == ["senate:london"]


def test_every_write_moves_the_version_on() -> None:
    store = small_store()
    before = store.version
    store.add_node(Person(id="person:cy", name="Cy", source="fixture"))
    store.add_edge(Edge(type=EdgeType.HOLDS, from_id="person:cy", to_id="post:board:alpha/london", source="fixture"))
    store.end_edge("person:cy", "post:board:alpha/london", "HOLDS@", "2020-01-01")
    assert store.version == before + 3


def test_a_bulk_insert_moves_the_version_on_and_shows_in_the_next_listing() -> None:
    """A roster's batch goes in through ``add_bulk``: what was derived and kept before it
    (the table of a type's edges, the seat tables keyed on ``version``) must not outlive it."""
    store = small_store()
    assert sorted(e.from_id for e in store.edges(EdgeType.HOLDS, as_of="2016-01-01")) == ["person:bob"]
    before = store.version
    person = {"id": "person:cy", "kind": "Person", "name": "Cy", "source": "fixture"}
    holding = {"type": "HOLDS", "valid_from": "2015-06-01", "source": "fixture"}
    store.add_bulk([person], [("person:cy", "post:board:alpha/london", holding)])
    assert store.version > before
    assert sorted(e.from_id for e in store.edges(EdgeType.HOLDS, as_of="2016-01-01")) == ["person:bob", "person:cy"]


def test_a_bulk_insert_builds_the_graph_one_by_one_inserts_build() -> None:
    """``add_bulk`` writes networkx's dicts itself: the graph must be the one ``add_node_attrs``
    and ``add_edge_attrs`` build from the same attributes, predecessors in the same order, with
    each (from, to) pair's key dict shared by both directions as networkx shares it, and an
    edge of a pair already joined (two holdings of one seat by one person) kept beside the first."""
    people = [{"id": f"person:{name}", "kind": "Person", "name": name.title(), "source": "fixture"} for name in "cab"]
    holdings = [
        ("person:c", "post:board:alpha/london", {"type": "HOLDS", "valid_from": "2015-06-01", "source": "fixture"}),
        ("person:a", "post:board:alpha/london", {"type": "HOLDS", "valid_from": "2014-01-01", "source": "fixture"}),
        ("person:c", "post:board:alpha/london", {"type": "HOLDS", "valid_from": "2013-04-01", "source": "fixture"}),
        ("person:b", "post:board:alpha/chair", {"type": "HOLDS", "source": "fixture", "acting": True}),
    ]
    bulk, one_by_one = small_store(), small_store()
    bulk.add_bulk([dict(attrs) for attrs in people], [(u, v, dict(attrs)) for u, v, attrs in holdings])
    for attrs in people:
        one_by_one.add_node_attrs(dict(attrs))
    for u, v, attrs in holdings:
        one_by_one.add_edge_attrs(u, v, dict(attrs))
    assert list(bulk.graph.nodes(data=True)) == list(one_by_one.graph.nodes(data=True))
    assert list(bulk.graph.edges(keys=True, data=True)) == list(one_by_one.graph.edges(keys=True, data=True))
    assert list(bulk.graph.in_edges(keys=True, data=True)) == list(one_by_one.graph.in_edges(keys=True, data=True))
    # networkx's views wrap a fresh view round each look-up: the shared dict is seen underneath.
    assert (
        bulk.graph._succ["person:c"]["post:board:alpha/london"]
        is bulk.graph._pred["post:board:alpha/london"]["person:c"]
    )
    # Through the store's own reads and indexes too: a seat's holdings by holder in the order
    # each holder first came (both of c's, then a's), as networkx keeps its predecessors.
    for store in (bulk, one_by_one):
        assert [e.from_id for e in store.in_edges("post:board:alpha/london", EdgeType.HOLDS)] == [
            "person:c",
            "person:c",
            "person:a",
        ]
        assert sorted(n["id"] for n in store.nodes(NodeKind.PERSON)) == [
            "person:a", "person:ada", "person:b", "person:bob", "person:c"
        ]  # fmt: skip
    assert bulk.count() == one_by_one.count() == 9
