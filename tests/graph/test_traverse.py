"""Walks over one edge type (govgraph.graph.traverse) on a hand-drawn graph.

    post:x/a -REPORTS_TO-> post:x/b -REPORTS_TO-> post:x/c -REPORTS_TO-> post:x/a   (a ring)
    post:x/d -REPORTS_TO-> post:x/b                                              (from 2015)
    post:x/e -REPORTS_TO-> post:x/c                       (e itself exists only until 2014)

Every expected answer below is read off that drawing.
"""

from __future__ import annotations

from datetime import date

import pytest

from govgraph.errors import NotFound
from govgraph.graph.model import Edge, EdgeType, Post, Role
from govgraph.graph.store import NetworkXStore
from govgraph.graph.timeline import active
from govgraph.graph.traverse import Step, reachable, walk

RT = EdgeType.REPORTS_TO


@pytest.fixture(scope="module")
def store() -> NetworkXStore:
    store = NetworkXStore()
    for name in "abcd":
        store.add_node(Post(id=f"post:x/{name}", name=name, role=Role.MEMBER, source="t"))
    store.add_node(Post(id="post:x/e", name="e", role=Role.MEMBER, valid_to=date(2014, 1, 1), source="t"))
    for a, b in ("ab", "bc", "ca", "ec"):
        store.add_edge(Edge(type=RT, from_id=f"post:x/{a}", to_id=f"post:x/{b}", source="t"))
    store.add_edge(Edge(type=RT, from_id="post:x/d", to_id="post:x/b", valid_from=date(2015, 1, 1), source="t"))
    return store


def test_a_walk_out_goes_nearest_first_and_ends_at_a_ring(store: NetworkXStore) -> None:
    assert list(walk(store, "post:x/a", RT)) == [Step("post:x/b", "post:x/a", 1), Step("post:x/c", "post:x/b", 2)]


def test_a_walk_in_takes_each_node_once_in_id_order(store: NetworkXStore) -> None:
    # Into c: b and e (one step), then a and d into b... a is also c's successor: reached once.
    steps = [(s.id, s.via, s.depth) for s in walk(store, "post:x/c", RT, direction="in")]
    assert steps == [("post:x/b", "post:x/c", 1), ("post:x/e", "post:x/c", 1),
                     ("post:x/a", "post:x/b", 2), ("post:x/d", "post:x/b", 2)]  # fmt: skip


def test_edges_count_on_the_day_and_keep_leaves_nodes_out(store: NetworkXStore) -> None:
    assert reachable(store, "post:x/b", RT, direction="in", as_of="2014-06-01") == {"post:x/a", "post:x/c", "post:x/e"}
    in_2016 = reachable(store, "post:x/b", RT, direction="in", as_of="2016-06-01")
    assert in_2016 == {"post:x/a", "post:x/c", "post:x/d", "post:x/e"}
    alive = [s.id for s in walk(store, "post:x/c", RT, direction="in", keep=lambda attrs: active(attrs, "2016-06-01"))]
    assert alive == ["post:x/b", "post:x/a", "post:x/d"]  # e ended in 2014; with no as_of, every edge counts


def test_max_depth_stops_the_walk(store: NetworkXStore) -> None:
    assert reachable(store, "post:x/c", RT, direction="in", max_depth=1) == {"post:x/b", "post:x/e"}


def test_an_unknown_start_suggests_the_closest(store: NetworkXStore) -> None:
    with pytest.raises(NotFound, match="did you mean 'post:x/a'"):
        list(walk(store, "post:x/aa", RT))
