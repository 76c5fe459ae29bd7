"""Paged listing with filters (govgraph.queries.listing) on a hand-drawn store:

region:r <-PART_OF- hub:h <-PART_OF- ccg:C1            (ccg:C1 ends 2016-01-01)
portfolio:x <-PART_OF- programme:p <-PART_OF- crg:A <-POST_IN- post:crg:A/chair
                                              crg:B <-POST_IN- post:crg:B/chair   (B in no programme)
"""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import NotFound
from govgraph.graph.model import CRG, Body, Edge, EdgeType, NodeKind, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.queries.listing import list_nodes, under


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    store = NetworkXStore()
    for node in (
        Body(id="region:r", kind=NodeKind.REGION, name="R", source="t"),
        Body(id="hub:h", kind=NodeKind.HUB, name="H", source="t"),
        Body(id="ccg:C1", kind=NodeKind.CCG, name="C One", valid_to=date(2016, 1, 1), source="t"),
        Body(id="portfolio:x", kind=NodeKind.PORTFOLIO, name="X", source="t"),
        Body(id="programme:p", kind=NodeKind.PROGRAMME, name="P", source="t"),
        CRG(id="crg:A", name="Alpha", source="t"),
        CRG(id="crg:B", name="Beta", source="t"),
        Post(id="post:crg:A/chair", name="Alpha chair", role=Role.CHAIR, source="t"),
        Post(id="post:crg:B/chair", name="Beta chair", role=Role.CHAIR, source="t"),
    ):
        store.add_node(node)
    for type, a, b in (
        (EdgeType.PART_OF, "hub:h", "region:r"),
        (EdgeType.PART_OF, "ccg:C1", "hub:h"),
        (EdgeType.PART_OF, "programme:p", "portfolio:x"),
        (EdgeType.PART_OF, "crg:A", "programme:p"),
        (EdgeType.POST_IN, "post:crg:A/chair", "crg:A"),
        (EdgeType.POST_IN, "post:crg:B/chair", "crg:B"),
    ):
        store.add_edge(Edge(type=type, from_id=a, to_id=b, source="t"))
    return store


def test_under_a_body_are_its_parts_their_parts_and_their_seats(store: NetworkXStore) -> None:
    assert under(store, "portfolio:x") == {"programme:p", "crg:A", "post:crg:A/chair"}
    assert under(store, "region:r") == {"hub:h", "ccg:C1"}


def test_filters_combine_and_the_day_counts(store: NetworkXStore) -> None:
    assert [n.id for n in list_nodes(store, programme="programme:p", kind=NodeKind.POST).items] == ["post:crg:A/chair"]
    assert [n.id for n in list_nodes(store, kind=NodeKind.CRG, text="bet").items] == ["crg:B"]
    assert [n.id for n in list_nodes(store, region="region:r", as_of="2015-06-01").items] == ["ccg:C1", "hub:h"]
    assert [n.id for n in list_nodes(store, region="region:r", as_of="2016-06-01").items] == ["hub:h"]


def test_pages_are_in_id_order_with_the_total(store: NetworkXStore) -> None:
    page = list_nodes(store, kind=NodeKind.POST, offset=1, limit=1)
    assert ([n.id for n in page.items], page.total, page.offset, page.limit) == (["post:crg:B/chair"], 2, 1, 1)


def test_an_unknown_programme_is_not_found(store: NetworkXStore) -> None:
    with pytest.raises(NotFound, match="did you mean 'programme:p'"):
        list_nodes(store, programme="programme:q")
